"""Tests of n-player support enumeration with exact polynomial solving."""

import itertools

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory_re
from gametheory_re.errors import UnsupportedError
from gametheory_re.solvers.regret import default_tol, regrets
from gametheory_re.formats.nfg import load_nfg
from gametheory_re.solvers.exact_profile import exact_profile
from gametheory_re.solvers.polynomial import MAX_SUPPORT_PROFILES, polynomial_equilibria
from gametheory_re.solvers.support_pruning import box_excluded

from _support import REFERENCE, need_module, need_reference

NFG_DIR = REFERENCE / "gambit-games" / "nfg"

# Gambit 17.0.0b2's enumpoly_solve returns no equilibrium at all for this
# game; gnm_solve finds the one below, whose coordinates involve sqrt(1033).
# (Found by a search over random integer 2x2x2 games.)
GAMBIT_MISSES = np.array(
    [
        [[[8, -3], [6, 9]], [[3, 1], [5, 8]]],
        [[[9, 9], [7, 8]], [[9, 0], [-1, 2]]],
        [[[0, 1], [-9, -10]], [[-2, 9], [-4, -7]]],
    ],
    dtype=float,
)


def max_regret(payoffs, profile):
    """Largest regret, summed over pure profiles one by one (independent of the solver's code)."""
    n = len(profile)
    worst = 0.0
    for p in range(n):
        values = np.zeros(payoffs.shape[1 + p])
        for pure in itertools.product(*[range(k) for k in payoffs.shape[1:]]):
            weight = np.prod([profile[q][pure[q]] for q in range(n) if q != p])
            values[pure[p]] += weight * payoffs[(p,) + pure]
        worst = max(worst, values.max() - values @ profile[p])
    return worst


def same(a, b, atol=1e-6):
    return all(np.max(np.abs(x - y)) <= atol for x, y in zip(a, b))


def in_polytope(point, component):
    """The point is a convex combination of the component's extreme points (linear programme)."""
    vertices = np.array([np.concatenate(e.profile) for e in component.extreme_points])
    target = np.concatenate(point)
    k = len(vertices)
    # Minimise the largest coordinate error e: |V^T w - target| <= e, w in the simplex.
    column = -np.ones((len(target), 1))
    a_ub = np.vstack([np.hstack([vertices.T, column]), np.hstack([-vertices.T, column])])
    b_ub = np.concatenate([target, -target])
    res = linprog(np.r_[np.zeros(k), 1.0], A_ub=a_ub, b_ub=b_ub, A_eq=[np.r_[np.ones(k), 0.0]], b_eq=[1.0],
                  bounds=[(0, None)] * (k + 1), method="highs")
    return res.status == 0 and res.fun <= 1e-6


def explained(result, point, payoffs):
    """The point is one of our isolated equilibria or lies in one of our components."""
    if any(same(e.profile, point) for e in result.equilibria):
        return True
    for c in result.components:
        inside = all(set(np.flatnonzero(v > 1e-9)) <= set(s) for v, s in zip(point, c.supports))
        if inside and (in_polytope(point, c) if c.extreme_points else max_regret(payoffs, point) <= 1e-6):
            return True
    return False


def gambit_equilibria(payoffs):
    pygambit = need_module("pygambit")
    game = pygambit.StrategicGame.from_arrays(*payoffs)
    return gambit_profiles(game, pygambit.nash.enumpoly_solve(game).equilibria)


def gambit_profiles(game, equilibria):
    return [
        tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players) for eq in equilibria
    ]


def assert_verified(result, payoffs, tol):
    for e in result.equilibria:
        assert max_regret(payoffs, e.profile) <= tol
        assert all(abs(v.sum() - 1) < 1e-12 and v.min() >= 0 for v in e.profile)
        if e.exact is not None:
            floats = np.concatenate(e.profile)
            exact = np.array([float(sympy.N(x, 30)) for v in e.exact for x in v])
            np.testing.assert_allclose(exact, floats, atol=1e-12)
    for c in result.components:
        assert max_regret(payoffs, c.sample) <= tol
        for e in c.extreme_points:
            assert max_regret(payoffs, e.profile) <= tol


@pytest.mark.parametrize(
    "shape, seed, count",
    [((2, 2, 2), 2024, 120), ((2, 2, 3), 2025, 100), ((3, 3, 3), 2026, 12), ((2, 4, 4), 7, 6)],
)
def test_contains_every_gambit_equilibrium_of_random_games(shape, seed, count):
    """Every equilibrium of enumpoly_solve is found; every extra one is verified at 1e-9."""
    rng = np.random.default_rng(seed)
    games_with_more = 0
    for _ in range(count):
        payoffs = rng.integers(-10, 11, size=(len(shape),) + shape).astype(float)
        theirs = gambit_equilibria(payoffs)
        ours = polynomial_equilibria(payoffs)
        assert ours.complete
        for point in theirs:
            assert explained(ours, point, payoffs), (payoffs.tolist(), point)
        extra = [e for e in ours.equilibria if not any(same(e.profile, p) for p in theirs)]
        for e in extra:
            assert max_regret(payoffs, e.profile) <= 1e-9
        for c in ours.components:
            assert max_regret(payoffs, c.sample) <= 1e-9
        games_with_more += bool(extra or ours.components)
    # Not asserted (it measures Gambit): how many games we find more in.
    print(f"{shape}: more than enumpoly_solve in {games_with_more} of {count} games")


def test_finds_the_square_root_equilibrium_gambit_misses():
    result = polynomial_equilibria(GAMBIT_MISSES)
    assert result.complete and not result.components
    (equilibrium,) = result.equilibria
    assert all(np.count_nonzero(v) == 2 for v in equilibrium.profile)
    assert max_regret(GAMBIT_MISSES, equilibrium.profile) <= 1e-13
    root = sympy.sqrt(1033)
    assert all(x.has(root) for v in equilibrium.exact for x in v)
    assert sympy.simplify(equilibrium.exact[0][0] - (sympy.Rational(65, 76) - root / 76)) == 0
    # Exactly indifferent: each player's two strategies earn the same.
    for p in range(3):
        first, second = (exact_value(GAMBIT_MISSES, equilibrium.exact, p, s) for s in (0, 1))
        assert sympy.simplify(first - second) == 0


def exact_value(payoffs, exact, player, strategy):
    """Player's expected payoff from a pure strategy against the others' exact mixes."""
    total = sympy.Integer(0)
    for pure in itertools.product(*[range(k) for k in payoffs.shape[1:]]):
        if pure[player] == strategy:
            weight = sympy.Mul(*[exact[q][pure[q]] for q in range(len(pure)) if q != player])
            total += int(payoffs[(player,) + pure]) * weight
    return total


def test_gambit_gnm_confirms_the_equilibrium_enumpoly_misses():
    pygambit = need_module("pygambit")
    game = pygambit.StrategicGame.from_arrays(*GAMBIT_MISSES)
    (theirs,) = gambit_profiles(game, pygambit.nash.gnm_solve(game).equilibria)
    (ours,) = polynomial_equilibria(GAMBIT_MISSES).equilibria
    assert same(ours.profile, theirs, atol=1e-8)


def test_game_b_mixed_equilibrium_at_gamma_u_07_gamma_ab_08():
    game = gametheory_re.load_game("us_japan_china").at({"gamma_U": "0.7", "gamma_AB": "0.8"}, exact=True)
    result = polynomial_equilibria(game.payoffs, game.exact_payoffs)
    assert result.complete
    mixed = [e for e in result.equilibria if not all(np.count_nonzero(v) == 1 for v in e.profile)]
    assert mixed
    for e in mixed:
        assert max_regret(game.payoffs, e.profile) < 1e-9
        assert e.exact is not None
        assert any(x.has(sympy.sqrt(3826209)) for v in e.exact for x in v)
        supports = [tuple(np.flatnonzero(v)) for v in e.profile]
        assert exact_profile(game.exact_payoffs, supports) == e.exact
    us, japan, china = mixed[0].profile
    np.testing.assert_allclose(us, [0.6080085396725754, 0.3919914603274246], atol=1e-12)
    np.testing.assert_allclose(japan, [0.8700167001673275, 0.12998329983267254, 0.0], atol=1e-12)
    np.testing.assert_allclose(china, [0.6086448747845427, 0.39135512521545734], atol=1e-12)


def test_three_player_coordination_game():
    u = np.zeros((3, 2, 2, 2))
    u[:, 0, 0, 0] = 1
    u[:, 1, 1, 1] = 1
    result = polynomial_equilibria(u)
    assert result.complete and not result.components
    half = sympy.Rational(1, 2)
    assert [e.exact for e in result.equilibria] == [
        ((1, 0), (1, 0), (1, 0)),
        ((0, 1), (0, 1), (0, 1)),
        ((half, half), (half, half), (half, half)),
    ]


def selten_horse():
    """Players 1 (C, D), 2 (c, d), 3 (L, R) of Selten's horse, in normal form."""
    u = np.zeros((3, 2, 2, 2))
    u[:, 0, 0, :] = 1  # C, c
    u[:, 0, 1, 0] = (4, 4, 0)  # C, d, L
    u[:, 0, 1, 1] = 1  # C, d, R
    u[:, 1, :, 0] = np.array([3, 3, 2])[:, None]  # D, L
    u[:, 1, :, 1] = 0  # D, R
    return u


def test_selten_horse_has_two_segments_of_equilibria():
    result = polynomial_equilibria(selten_horse())
    assert result.complete
    segments = {c.supports: c for c in result.components}
    assert set(segments) == {((0,), (0, 1), (1,)), ((1,), (0, 1), (0,))}
    third = sympy.Rational(1, 3)
    # (C, any mix of player 2, R) and (D, player 2 plays c with probability >= 1/3, L).
    ends = {supports: {e.exact for e in c.extreme_points} for supports, c in segments.items()}
    assert ends[((0,), (0, 1), (1,))] == {((1, 0), (1, 0), (0, 1)), ((1, 0), (0, 1), (0, 1))}
    assert ends[((1,), (0, 1), (0,))] == {((0, 1), (1, 0), (1, 0)), ((0, 1), (third, 1 - third), (1, 0))}
    assert all(c.dimension == 1 for c in result.components)
    assert "polytope" in segments[((1,), (0, 1), (0,))].description


def test_all_zero_game_is_one_cube_of_equilibria():
    result = polynomial_equilibria(np.zeros((3, 2, 2, 2)))
    assert result.complete
    (cube,) = result.components
    assert cube.dimension == 3 and len(cube.extreme_points) == 8
    assert len(result.equilibria) == 8  # its vertices, the pure profiles


def test_indifferent_player_gives_a_curved_continuum():
    rng = np.random.default_rng(3)
    u = rng.integers(-5, 6, size=(3, 2, 2, 2)).astype(float)
    u[2] = 0  # player 3 is indifferent to everything
    result = polynomial_equilibria(u)
    assert result.complete
    curved = [c for c in result.components if not c.extreme_points]
    assert curved and all(c.supports == ((0, 1), (0, 1), (0, 1)) for c in curved)
    assert "sigma[1][1]*sigma[2][1]" in curved[0].description
    assert_verified(result, u, 1e-9)


def test_four_player_equilibrium_as_crootof():
    u = np.array(
        [[[[[4, -5], [1, 1]], [[-1, 0], [4, 1]]], [[[0, 3], [2, 0]], [[4, 1], [1, 0]]]],
         [[[[1, 1], [4, -3]], [[-1, 1], [-2, 2]]], [[[4, -3], [-5, 5]], [[0, 3], [3, 5]]]],
         [[[[-5, -2], [5, -1]], [[-1, -3], [-5, -5]]], [[[5, -5], [-4, -3]], [[-2, 4], [-2, -4]]]],
         [[[[-1, 2], [-1, -3]], [[-4, -5], [0, -3]]], [[[1, 2], [-1, 0]], [[-5, 1], [-4, -1]]]]],
        dtype=float,
    )
    result = polynomial_equilibria(u)
    assert result.complete
    algebraic = [e for e in result.equilibria if any(isinstance(x, sympy.CRootOf) for v in e.exact for x in v)]
    assert len(algebraic) == 1
    assert all(sympy.degree(x.poly) == 9 for v in algebraic[0].exact for x in v)
    assert_verified(result, u, 1e-9)
    theirs = gambit_equilibria(u)
    assert all(explained(result, p, u) for p in theirs)


def reference_nfg(name):
    return need_reference(NFG_DIR / name)


@pytest.mark.parametrize(
    "name",
    [
        "2x2x2.nfg", "2x2x2x2.nfg", "2x2x2x2x2.nfg", "3x3x3.nfg", "8x2x2.nfg", "coord333.nfg", "doc__2x2x2.nfg",
        "g1.nfg", "g2.nfg", "g3.nfg", "perfect3.nfg", "catalog__journals__ijgt__nau2004__sec4.nfg",
        "catalog__journals__ijgt__nau2004__sec5.nfg", "catalog__journals__ijgt__nau2004__sec6.nfg",
        "tests__test_games__2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg",
    ],
)
def test_gambit_reference_files(name):
    pygambit = need_module("pygambit")
    path = reference_nfg(name)
    game = load_nfg(path)
    result = polynomial_equilibria(game.payoffs, game.exact_payoffs)
    assert result.complete
    assert_verified(result, game.payoffs, 1e-9 * max(1.0, np.abs(game.payoffs).max()))
    gambit_game = pygambit.read_nfg(str(path))
    theirs = gambit_profiles(gambit_game, pygambit.nash.enumpoly_solve(gambit_game).equilibria)
    for point in theirs:
        assert explained(result, point, game.payoffs), point


def test_time_budget_stops_and_says_so():
    game = gametheory_re.load_game("us_japan_china").at({"gamma_U": "0.7", "gamma_AB": "0.8"}, exact=True)
    result = polynomial_equilibria(game.payoffs, game.exact_payoffs, time_budget=0.0)
    assert not result.complete
    assert any("not examined" in note for note in result.notes)
    assert result.supports_tried < 3 * 7 * 3


def test_numeric_path_is_flagged_incomplete_and_verified():
    game = gametheory_re.load_game("us_japan_china").at({"gamma_U": "0.7", "gamma_AB": "0.8"})
    result = polynomial_equilibria(game.payoffs, method="numeric", random_state=1)
    assert not result.complete
    assert any("numerically" in note for note in result.notes)
    assert all(e.exact is None for e in result.equilibria)
    assert_verified(result, game.payoffs, 1e-9 * max(1.0, np.abs(game.payoffs).max()))
    exact = polynomial_equilibria(game.payoffs)
    assert all(any(same(e.profile, f.profile, 1e-8) for f in result.equilibria) for e in exact.equilibria)


def test_float_ties_that_are_not_exact_ties_get_no_exact_values():
    # Read as decimals, 0.1 + 0.2 = 0.30000000000000004 beats 0.3 by 4e-17:
    # within tol, so (0, ...) profiles pass the regret check, but they are
    # not exact equilibria and must not be given exact values.
    u = np.zeros((3, 2, 2, 2))
    u[0, 0] = 0.3
    u[0, 1] = 0.1 + 0.2
    u[1, 0, 0, :] = u[1, 1, 1, :] = 1  # player 2 matches player 1
    u[2, :, 0, 0] = u[2, :, 1, 1] = 1  # player 3 matches player 2
    result = polynomial_equilibria(u)
    assert_verified(result, u, 1e-9)
    plays = {tuple(int(np.argmax(v)) for v in e.profile): e.exact for e in result.equilibria}
    assert plays[(1, 1, 1)] == ((0, 1), (0, 1), (0, 1))
    assert plays[(0, 0, 0)] is None
    assert any("only within tol" in note for note in result.notes)


def test_float_margins_that_prove_exactness_agree_with_exact_arithmetic():
    # A closed-form candidate whose strategies not played earn clearly less
    # (by more than the round-off margin) is taken as an exact equilibrium
    # without exact arithmetic.  The same exact values and notes as with
    # exact arithmetic for every candidate, on games with ties, and with a
    # loose tol that also lets through candidates a deviation beats a little.
    from unittest import mock

    from gametheory_re.solvers.support_search import SupportSearch

    judge, shortcuts = SupportSearch._judge, []

    def counting(self, solution, profile, worst, values=None):
        shortcuts.append(values is not None and self._clearly_exact(profile, values))
        return judge(self, solution, profile, worst, values)

    def exact_only(self, solution, profile, worst, values=None):
        return judge(self, solution, profile, worst)

    rng = np.random.default_rng(8)
    for shape in [(2, 2, 2), (2, 2, 3), (2, 2, 2, 2), (3, 3, 3)]:
        for top in (4, 100):
            for _ in range(4):
                u = rng.integers(0, top, size=(len(shape), *shape)).astype(float)
                for tol in (None, top / 50):
                    with mock.patch.object(SupportSearch, "_judge", counting):
                        fast = polynomial_equilibria(u, tol=tol)
                    with mock.patch.object(SupportSearch, "_judge", exact_only):
                        slow = polynomial_equilibria(u, tol=tol)
                    assert [e.exact for e in fast.equilibria] == [e.exact for e in slow.equilibria]
                    assert fast.notes == slow.notes
    assert sum(shortcuts) > 20 and not all(shortcuts)


def test_five_by_four_by_three_mixes_exact_and_numeric_solving():
    pygambit = need_module("pygambit")
    path = reference_nfg("5x4x3.nfg")
    game = load_nfg(path)
    result = polynomial_equilibria(game.payoffs, game.exact_payoffs)
    assert not result.complete and any("numerically" in note for note in result.notes)
    assert_verified(result, game.payoffs, 1e-9 * max(1.0, np.abs(game.payoffs).max()))
    gambit_game = pygambit.read_nfg(str(path))
    for point in gambit_profiles(gambit_game, pygambit.nash.enumpoly_solve(gambit_game).equilibria):
        assert explained(result, point, game.payoffs), point


def test_unknown_method_and_huge_games_are_refused():
    with pytest.raises(UnsupportedError):
        polynomial_equilibria(np.zeros((3, 2, 2, 2)), method="fast")
    with pytest.raises(UnsupportedError, match="support profiles"):
        polynomial_equilibria(np.zeros((3, 20, 20, 2)))
    assert MAX_SUPPORT_PROFILES >= 7**3


small_games = st.sampled_from([(2, 2, 2), (2, 2, 3), (2, 3, 2)]).flatmap(
    lambda shape: st.lists(st.integers(-3, 3), min_size=3 * int(np.prod(shape)), max_size=3 * int(np.prod(shape))).map(
        lambda values: np.array(values, dtype=float).reshape((3,) + shape)
    )
)


@settings(max_examples=40, deadline=None)
@given(small_games)
def test_every_reported_equilibrium_is_verified(payoffs):
    # Small integers make ties, hence degenerate games and continua, common.
    result = polynomial_equilibria(payoffs)
    assert_verified(result, payoffs, 1e-9 * max(1.0, np.abs(payoffs).max()))
    assert result.equilibria or result.components


def summary(result):
    """A result as plain data, equilibria and components in a canonical order."""
    def point(e):
        return (tuple(np.round(np.concatenate(e.profile), 12)), None if e.exact is None else tuple(map(tuple, e.exact)))

    return (
        sorted(point(e) for e in result.equilibria),
        sorted((c.supports, c.dimension, c.description, tuple(point(e) for e in c.extreme_points))
               for c in result.components),
        result.complete,
        sorted(result.notes),
        result.supports_tried,
    )


def random_games(shape, low, high, count):
    rng = np.random.default_rng(sum(shape) * 100 + high)
    return [rng.integers(low, high + 1, size=(len(shape),) + shape).astype(float) for _ in range(count)]


@pytest.mark.parametrize(
    "games",
    [
        random_games((2, 2, 2), -10, 10, 30),
        random_games((2, 2, 2), -2, 2, 40),
        random_games((2, 2, 2), 0, 1, 30),
        random_games((2, 2, 3), -2, 2, 25),
        [np.random.default_rng(seed).integers(-3, 4, size=(4, 2, 2, 2, 2)).astype(float) for seed in (2, 4, 5)],
        # 2x3x3 games whose totally mixed profile has roots of degree 4, and quadratic irrationals.
        [np.random.default_rng(seed).integers(low, high + 1, size=(3, 2, 3, 3)).astype(float)
         for low, high, seed in ((-10, 10, 6), (-10, 10, 9), (-3, 3, 2474))],
        # 3x3x3 totally mixed profiles: the resultant closed form.
        random_games((3, 3, 3), 0, 9, 3),
        random_games((3, 3, 3), -1, 1, 3),
    ],
)
def test_closed_forms_change_no_result(monkeypatch, games):
    """Integer closed forms and the plain-rational continua give what the general method gives."""
    from gametheory_re.solvers import support_search

    for payoffs in games:
        fast = [polynomial_equilibria(payoffs, exact=exact) for exact in (True, False)]
        with monkeypatch.context() as m:
            m.setattr(support_search, "fast_solutions", lambda game, support: None)
            m.setattr(support_search.SupportSearch, "_single_mixer_continuum", lambda self, support: False)
            general = [polynomial_equilibria(payoffs, exact=exact) for exact in (True, False)]
        for a, b in zip(fast, general):
            assert summary(a) == summary(b), payoffs.tolist()


def test_closed_forms_also_serve_profiles_auto_would_solve_numerically():
    """2x4x4 totally mixed profiles (7 unknowns) go to the pencil closed form: exact, so the answer is complete."""
    rng = np.random.default_rng(7)
    for _ in range(6):  # before: 2 of these 6 games were marked incomplete (solved numerically)
        payoffs = rng.integers(0, 100, size=(3, 2, 4, 4)).astype(float)
        result = polynomial_equilibria(payoffs)
        assert result.complete, result.notes


def test_proof_only_box_tests_come_last_and_stop_once_the_answer_is_incomplete():
    from gametheory_re.solvers import support_search
    from gametheory_re.solvers.support_pruning import surviving_supports

    payoffs = np.random.default_rng(2028).integers(0, 100, size=(3, 4, 4, 4)).astype(float)
    tol = default_tol(payoffs)
    search = support_search.SupportSearch(payoffs, None, tol, "auto", np.random.default_rng(0), False)
    supports = surviving_supports(payoffs, tol)
    ordered = search.ordered(supports)
    assert sorted(ordered) == sorted(supports)

    def unknowns(support):
        return tuple(len(s) - 1 for s in support)

    def proof_only(support):
        u = unknowns(support)
        return sum(u) >= support_search._PROOF_ONLY_UNKNOWNS and not support_search.exact_affordable(u) and not (
            search._tries_closed_form(False, u)
        )

    flags = [proof_only(s) for s in ordered]
    first = flags.index(True)
    assert all(flags[first:]) and not any(flags[:first])
    sizes = [sum(unknowns(s)) for s in ordered[first:]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert ordered[:first] == [s for s in supports if not proof_only(s)]  # the others keep their order
    big = ordered[first]
    assert search._box_test_pays(big, unknowns(big))
    search.numeric_supports = 1  # from now on the answer is incomplete whatever the tests say
    assert not search._box_test_pays(big, unknowns(big))
    small = next(s for s in ordered if 0 < sum(unknowns(s)) < support_search._PROOF_ONLY_UNKNOWNS)
    assert search._box_test_pays(small, unknowns(small))


def test_time_budget_is_honoured_inside_one_support():
    # An expired deadline stops the long loops of a single support profile.
    from gametheory_re.solvers.deadline import Deadline, OutOfTime
    from gametheory_re.solvers.numeric_support import numeric_solutions

    expired = Deadline(0.0)
    rng = np.random.default_rng(0)
    payoffs = rng.normal(size=(3, 3, 3, 3))
    support = ((0, 1, 2),) * 3
    with pytest.raises(OutOfTime):
        numeric_solutions(payoffs, support, 1e-9, rng, expired)
    with pytest.raises(OutOfTime):
        box_excluded(payoffs, support, 1e-9, deadline=expired)
    assert numeric_solutions(payoffs, ((0,), (0,), (0,)), 1e-9, rng, expired) is not None  # nothing to loop over


def test_small_budget_on_a_5x5x5_game_returns_incomplete():
    rng = np.random.default_rng(1)
    result = polynomial_equilibria(rng.normal(size=(3, 5, 5, 5)), time_budget=0.5, exact=False)
    assert not result.complete
    assert any("time budget" in note for note in result.notes)


@pytest.mark.parametrize("bad", [{"tol": -1.0}, {"tol": float("nan")}, {"time_budget": float("nan")},
                                 {"time_budget": -1.0}])
def test_bad_options_name_the_argument(bad):
    with pytest.raises(ValueError, match=f"^{next(iter(bad))}: "):
        polynomial_equilibria(np.zeros((3, 2, 2, 2)), **bad)


def _huge_rational_game(shape, seed, chunks=1):
    """Payoffs p/q with p and q of ``15 * chunks`` digits: exact algebra on them is slow and overflows floats."""
    rng = np.random.default_rng(seed)

    def draw():
        return sum(int(rng.integers(1, 10**15)) * 10 ** (15 * k) for k in range(chunks))

    exact = np.empty((len(shape),) + shape, dtype=object)
    for index in np.ndindex(exact.shape):
        sign = 1 if rng.random() < 0.5 else -1
        exact[index] = sympy.Rational(sign * draw(), draw())
    return np.vectorize(float)(exact).astype(float), exact


@pytest.mark.parametrize("seed", [0, 1, 4])
def test_huge_rational_payoffs_solve_without_overflow(seed):
    # The minimal polynomials' coefficients overflow floats; root polishing used to crash.
    payoffs, exact = _huge_rational_game((2, 3, 3), seed)
    result = polynomial_equilibria(payoffs, exact, exact=True)
    assert result.equilibria and result.complete
    for eq in result.equilibria:
        assert max(regrets(payoffs, eq.profile)) <= default_tol(payoffs)


def test_a_step_that_never_checks_the_clock_is_interrupted():
    import time

    from gametheory_re.solvers.deadline import Deadline, OutOfTime

    start = time.perf_counter()
    with pytest.raises(OutOfTime):
        with Deadline(0.2).interrupting():
            while time.perf_counter() - start < 30:  # stands for one long Groebner basis
                sum(range(1000))


def test_a_long_groebner_basis_does_not_overrun_the_budget():
    # Without the timer, this game's search spends about 8 s, 6.4 s of it in one
    # resultant solve of the totally mixed support (60-digit payoffs; with
    # 15 digits the whole search now takes about 1 s, too close to the budget).
    payoffs, exact = _huge_rational_game((3, 3, 3), 0, chunks=4)
    result = polynomial_equilibria(payoffs, exact, time_budget=1.0, exact=False)
    assert not result.complete
    assert any("time budget" in note for note in result.notes)
