import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from gametheory_re.errors import GameFileError
from gametheory_re.equilibria import find_equilibria
from gametheory_re.normal_form import NormalFormGame
from gametheory_re.solvers.pure import pure_equilibria
from gametheory_re.solvers import bimatrix
from gametheory_re.solvers.bimatrix import bimatrix_equilibria
from gametheory_re.solvers.regret import default_tol, regrets

from _support import need_module

# (m, n, seed): games rng = np.random.default_rng(seed); A = rng.random((m, n));
# B = rng.random((m, n)) in which nashpy 0.0.43's support_enumeration finds
# fewer equilibria than pygambit (found by a search over seeds 0..299).
NASHPY_MISSES = [(3, 3, 101), (4, 4, 18), (4, 4, 26), (3, 5, 20), (5, 5, 13), (6, 6, 12)]


def gambit_equilibria(A, B):
    pygambit = need_module("pygambit")
    game = pygambit.StrategicGame.from_arrays(A, B)
    result = pygambit.nash.enummixed_solve(game, rational=False)
    return [
        (np.array([float(p) for _, p in eq["1"]]), np.array([float(p) for _, p in eq["2"]]))
        for eq in result.equilibria
    ]


def close(e, f, atol=1e-6):
    return np.allclose(e[0], f[0], atol=atol) and np.allclose(e[1], f[1], atol=atol)


def assert_same_set(ours, theirs):
    """Equal as sets up to 1e-6; pygambit may list a point twice, we must not."""
    ours = list(ours)
    for i, e in enumerate(ours):
        assert not any(close(e, f) for f in ours[:i]), f"duplicate equilibrium {e}"
        assert any(close(e, f) for f in theirs), f"not found by pygambit: {e}"
    for f in theirs:
        assert any(close(e, f) for e in ours), f"missed: {f}"


def assert_equilibria(found, expected):
    assert len(found) == len(expected)
    for (x, y), (ex, ey) in zip(found, expected):
        np.testing.assert_allclose(x, ex, atol=1e-12)
        np.testing.assert_allclose(y, ey, atol=1e-12)


def random_game(rng, m, n, integer):
    if integer:
        return rng.integers(-100, 101, (m, n)), rng.integers(-100, 101, (m, n))
    return rng.random((m, n)), rng.random((m, n))


# --- textbook games -------------------------------------------------------


def test_matching_pennies_has_only_the_uniform_mix():
    A = np.array([[1, -1], [-1, 1]])
    res = bimatrix_equilibria(A, -A)
    assert_equilibria(res.equilibria, [([0.5, 0.5], [0.5, 0.5])])
    assert not res.degenerate and res.notes == ()


def test_prisoners_dilemma_has_only_mutual_defection():
    A = np.array([[3, 0], [5, 1]])  # rows: cooperate, defect
    res = bimatrix_equilibria(A, A.T)
    assert_equilibria(res.equilibria, [([0, 1], [0, 1])])
    assert not res.degenerate


def test_battle_of_the_sexes_lists_pure_equilibria_first():
    res = bimatrix_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert_equilibria(
        res.equilibria,
        [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([2 / 3, 1 / 3], [1 / 3, 2 / 3])],
    )
    assert not res.degenerate


def test_rock_paper_scissors_has_only_the_uniform_mix():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    res = bimatrix_equilibria(A, -A)
    third = np.full(3, 1 / 3)
    assert_equilibria(res.equilibria, [(third, third)])
    assert not res.degenerate


def test_stag_hunt():
    A = np.array([[4, 0], [3, 3]])  # rows and columns: stag, hare
    res = bimatrix_equilibria(A, A.T)
    assert_equilibria(
        res.equilibria,
        [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([0.75, 0.25], [0.75, 0.25])],
    )
    assert not res.degenerate


def test_one_by_one_game():
    res = bimatrix_equilibria([[1.0]], [[-1.0]])
    assert_equilibria(res.equilibria, [([1], [1])])


# --- against pygambit -------------------------------------------------------


@pytest.mark.parametrize("m", range(2, 9))
@pytest.mark.parametrize("n", range(2, 9))
def test_random_games_match_pygambit(m, n):
    """11 games per shape, 539 in all: random floats and integers in -100..100."""
    rng = np.random.default_rng(1000 * m + n)
    for i in range(11):
        integer = i % 2 == 1
        A, B = random_game(rng, m, n, integer)
        res = bimatrix_equilibria(A, B)
        assert_same_set(res.equilibria, gambit_equilibria(A, B))
        if not integer:
            # Random floats make a degenerate game with probability zero.
            assert not res.degenerate, (A, B, res.notes)


@pytest.mark.parametrize("m, n, seed", NASHPY_MISSES)
def test_finds_the_equilibria_nashpy_misses(m, n, seed):
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    assert_same_set(bimatrix_equilibria(A, B).equilibria, gambit_equilibria(A, B))


@pytest.mark.parametrize("m, n, seed", NASHPY_MISSES)
def test_nashpy_really_misses_them(m, n, seed):
    """Keeps NASHPY_MISSES honest: these are games where nashpy falls short."""
    nashpy = need_module("nashpy")
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n_nashpy = len(list(nashpy.Game(A, B).support_enumeration()))
    assert n_nashpy < len(gambit_equilibria(A, B))


small_games = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda shape: st.tuples(
        arrays(np.int64, shape, elements=st.integers(-3, 3)),
        arrays(np.int64, shape, elements=st.integers(-3, 3)),
    )
)


@settings(max_examples=150, deadline=None)
@given(small_games)
def test_small_integer_games_match_pygambit_and_verify(game):
    """Small integer payoffs are often degenerate.  Every equilibrium we list is
    verified; Gambit's (the extreme points of every component) are all among
    them; and in a non-degenerate game the two sets are equal.  In a degenerate
    one we may list more: further verified points of a component."""
    A, B = game
    res = bimatrix_equilibria(A, B)
    payoffs = np.stack([A, B]).astype(float)
    for x, y in res.equilibria:
        assert np.all(x >= 0) and np.all(y >= 0)
        assert x.sum() == pytest.approx(1) and y.sum() == pytest.approx(1)
        assert np.max(regrets(payoffs, (x, y))) <= default_tol(payoffs)
    theirs = gambit_equilibria(A, B)
    if res.degenerate:
        for f in theirs:
            assert any(close(e, f) for e in res.equilibria), f"missed: {f}"
    else:
        assert_same_set(res.equilibria, theirs)


@settings(max_examples=100, deadline=None)
@given(small_games)
def test_swapping_the_players_swaps_the_equilibria(game):
    A, B = game
    direct = bimatrix_equilibria(A, B)
    swapped = bimatrix_equilibria(B.T, A.T)
    assert direct.degenerate == swapped.degenerate
    assert_same_set(direct.equilibria, [(y, x) for x, y in swapped.equilibria])


# --- degenerate games -------------------------------------------------------


def test_all_zero_game_lists_every_pure_profile():
    res = bimatrix_equilibria(np.zeros((3, 4)), np.zeros((3, 4)))
    assert res.degenerate
    assert "degenerate" in res.notes[0]
    expected = [(np.eye(3)[i], np.eye(4)[j]) for i in range(3) for j in range(4)]
    assert_equilibria(res.equilibria, expected)


def test_tied_column_gives_the_ends_of_a_continuum():
    # Against the left column the row player is indifferent; the column player
    # stays with it while x_top >= 1/3, so ((t, 1 - t), left) for t in
    # [1/3, 1] are all equilibria.
    res = bimatrix_equilibria([[1, 0], [1, 2]], [[2, 0], [0, 1]])
    assert res.degenerate
    assert "2 equally good best responses" in res.notes[0]
    assert_equilibria(
        res.equilibria,
        [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([1 / 3, 2 / 3], [1, 0])],
    )


def test_degeneracy_seen_only_at_a_mixed_strategy():
    # No pure strategy has tied best responses, but the column mix (1/2, 1/2)
    # leaves all three rows equally good.
    A = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    B = np.array([[0.0, 1.0], [1.0, 0.0], [0.3, 0.6]])
    res = bimatrix_equilibria(A, B)
    assert res.degenerate
    assert "a mix of 2 strategies" in res.notes[0]
    assert_same_set(res.equilibria, gambit_equilibria(A, B))


def test_duplicated_strategy_in_a_larger_game():
    rng = np.random.default_rng(3)
    A, B = rng.random((5, 5)), rng.random((5, 5))
    A[:, 4], B[:, 4] = A[:, 0], B[:, 0]
    res = bimatrix_equilibria(A, B)
    assert res.degenerate
    assert_same_set(res.equilibria, gambit_equilibria(A, B))


def test_nearly_singular_systems_give_no_extra_points():
    """In this game some systems are singular in exact arithmetic but not in
    floating point; solved as they are, one gives a mix that is no vertex,
    and an equilibrium pygambit does not list."""
    A = np.array([
        [1, -1, 0, 0, 1, 0, 0, 0, -1],
        [-1, -1, -1, 0, -1, -1, -1, -1, 0],
        [-1, -1, 1, 0, -1, 1, -1, -1, -1],
        [0, 1, 1, 1, -1, 1, 1, -1, -1],
        [0, 0, -1, 0, -1, 1, -1, 1, 0],
        [1, -1, -1, 1, -1, -1, 1, 1, -1],
        [0, 1, 0, 1, 0, -1, 0, 1, -1],
    ])
    B = np.array([
        [1, -1, -1, -1, -1, -1, -1, 0, -1],
        [-1, -1, 0, -1, 1, 1, -1, 1, 1],
        [0, 0, 0, 0, 1, 1, 1, 1, 0],
        [0, -1, -1, -1, 0, -1, 0, -1, 0],
        [1, -1, 1, -1, 0, 1, 0, 1, 1],
        [1, 0, -1, 1, 0, 1, 0, -1, 1],
        [0, 1, 0, -1, 1, -1, 1, 0, 1],
    ])
    res = bimatrix_equilibria(A, B)
    assert res.degenerate
    assert_same_set(res.equilibria, gambit_equilibria(A, B))


def test_ties_up_to_round_off_give_the_extreme_equilibria_of_exact_ties():
    """The rows of A are equal but for round-off.  Every system is regular in
    floating point, but one is singular in exact arithmetic: unchecked, it
    gives ((1/4, 3/4), (2/3, 1/3)), an equilibrium inside a continuum."""
    A = np.array([[1.9999999999999991, 3.000000000000001], [2.0, 2.999999999999999]])
    B = np.array([[3.0, 0.0], [0.0, 1.0]])
    res = bimatrix_equilibria(A, B)
    assert_equilibria(res.equilibria, bimatrix_equilibria(np.round(A), B).equilibria)
    assert_same_set(res.equilibria, gambit_equilibria(np.round(A), B))
    assert len(res.equilibria) == 4


def test_a_row_beaten_on_a_support_rules_out_its_systems():
    A = np.array([[1.0, 0.0, 5.0], [1.0, 1.0, 0.0], [0.0, 1.0 - 1e-12, 0.0]])
    sets = np.array([[0, 1], [0, 0], [1, 2]])
    dominated = bimatrix._dominated(A, sets, tol=1e-9)
    # On columns {0, 1} row 1 is as good as rows 0 and 2 and better on one.
    assert dominated[:, 0].tolist() == [True, False, True]
    # On {0} rows 0 and 1 tie: neither rules the other out.
    assert dominated[:, 1].tolist() == [False, False, True]
    # On {1, 2} row 1 beats row 2 by 1e-12 only, within tol: no better.
    assert dominated[:, 2].tolist() == [False, False, False]


small_tied_games = st.tuples(st.integers(3, 7), st.integers(3, 7)).flatmap(
    lambda shape: st.tuples(
        arrays(np.int64, shape, elements=st.integers(0, 2)),
        arrays(np.int64, shape, elements=st.integers(0, 2)),
    )
)


@settings(max_examples=60, deadline=None)
@given(small_tied_games, st.booleans())
def test_skipping_beaten_rows_loses_no_vertex(game, one_stack):
    """The systems skipped (a row beaten on the support) give no vertex: with
    and without skipping them, the same equilibria and degeneracy, in both
    ways of stacking the systems."""
    from unittest import mock

    A, B = game
    stack_max = 10**9 if one_stack else 0
    with mock.patch.object(bimatrix, "_ONE_STACK_MAX", stack_max), mock.patch.object(bimatrix, "_PRUNE_ABOVE", 0):
        pruned = bimatrix_equilibria(A, B)
        with mock.patch.object(bimatrix, "_dominated", lambda payoffs, sets, tol: np.zeros((len(payoffs), len(sets)), bool)):
            full = bimatrix_equilibria(A, B)
    assert pruned.degenerate == full.degenerate
    assert_equilibria(pruned.equilibria, full.equilibria)


# --- how the systems are stacked ---------------------------------------------


def test_one_stack_and_stacks_per_size_agree(monkeypatch):
    """Small games solve all their systems in one padded stack, large ones a
    stack per player and support size; either way the answer is the same."""
    rng = np.random.default_rng(5)
    shapes = [(2, 2), (3, 3), (4, 6), (5, 5), (2, 9), (6, 3)]
    games = [random_game(rng, m, n, integer) for m, n in shapes for integer in (False, True)]
    games.append((np.zeros((3, 4)), np.zeros((3, 4))))

    def solve_all(one_stack_max):
        monkeypatch.setattr(bimatrix, "_ONE_STACK_MAX", one_stack_max)
        return [bimatrix_equilibria(A, B) for A, B in games]

    for one, per_size in zip(solve_all(10**9), solve_all(0)):
        assert one.degenerate == per_size.degenerate
        assert one.notes == per_size.notes
        assert_equilibria(one.equilibria, per_size.equilibria)


@pytest.mark.parametrize("factor", [1e-300, 2.0**-60, 1e-12, 1e8, 1e12, 1e300])
def test_payoff_units_do_not_change_the_equilibria(factor):
    """Payoffs in dollars: the systems are solved on payoffs scaled into
    [-1, 1], so multiplying every payoff (and tol) by a constant changes no
    equilibrium.  Unscaled, from 1e8 up NumPy's rank cutoff found every
    system singular (payoffs against the border's ones): no equilibrium."""
    rng = np.random.default_rng(11)
    games = [random_game(rng, m, n, integer) for m, n in [(2, 2), (2, 5), (3, 3), (4, 6)] for integer in (False, True)]
    games.append((np.full((2, 2), 3.0), np.full((2, 2), 3.0)))  # every profile an equilibrium
    # Times 2**-60, a probability tolerance of tol / max(1, scale) kept a
    # round-off weight of 2.2e-16: a spurious third equilibrium.
    games.append((np.array([[3, 1, 2], [2, 1, 3], [0, -2, 0]]), np.array([[3, 3, 1], [-2, -3, -3], [1, 2, -3]])))
    for A, B in games:
        A, B = np.asarray(A, float), np.asarray(B, float)
        base = bimatrix_equilibria(A, B)
        scaled = bimatrix_equilibria(A * factor, B * factor)
        assert scaled.degenerate == base.degenerate
        assert scaled.complete and base.complete
        assert_equilibria(scaled.equilibria, base.equilibria)


# A player with two strategies: every support has at most two.
two_strategy_shapes = st.sampled_from([(2, 2), (2, 3), (3, 2), (2, 6), (6, 2), (1, 4), (4, 1), (2, 1)])
two_strategy_games = two_strategy_shapes.flatmap(
    lambda shape: st.one_of(
        # Ties everywhere: degenerate games, singular systems.
        st.tuples(*[arrays(np.int64, shape, elements=st.integers(0, 2))] * 2),
        # Generic payoffs, of magnitudes from 1 to 1e15 (both paths scale
        # them into [-1, 1] by the same power of two).  On a grid of
        # 1/1000: payoffs that differ by 1e-10 of their scale make a system
        # of condition 1e10, whose solutions the two paths get to round-off
        # times that, 1e-6, and count as different vertices (both verified
        # equilibria: within tol, the game is degenerate).
        st.tuples(
            *[arrays(np.int64, shape, elements=st.integers(-1000, 1000))] * 2,
            st.sampled_from([1e-3, 1.0, 1e5, 1e12]),
        ).map(lambda g: (g[0] * g[2], g[1] * g[2])),
    )
)


@settings(max_examples=300, deadline=None)
@given(two_strategy_games, st.sampled_from([None, 1]))
def test_scalar_and_stacked_paths_agree(game, max_support):
    """Games where a player has two strategies are solved on Python floats
    (bimatrix_scalar), others in NumPy stacks: on the same game both give the
    same equilibria, in the same order, and the same notes."""
    assert_paths_agree(*game, max_support)


def assert_paths_agree(A, B, max_support):
    from unittest import mock

    with mock.patch.object(bimatrix, "_SCALAR_MAX", 10**9):
        scalar = bimatrix_equilibria(A, B, max_support=max_support)
    with mock.patch.object(bimatrix, "_SCALAR_MAX", 0):
        stacked = bimatrix_equilibria(A, B, max_support=max_support)
    assert scalar.degenerate == stacked.degenerate
    assert scalar.notes == stacked.notes
    assert scalar.complete == stacked.complete
    assert_equilibria(scalar.equilibria, stacked.equilibria)


# Both players with three or four strategies, searched for supports of at most two.
small_support_games = st.sampled_from([(3, 3), (3, 4), (4, 3)]).flatmap(
    lambda shape: st.one_of(
        st.tuples(*[arrays(np.int64, shape, elements=st.integers(0, 2))] * 2),
        st.tuples(*[arrays(np.int64, shape, elements=st.integers(-1000, 1000))] * 2).map(
            lambda g: (g[0] * 1e-3, g[1] * 1e-3)
        ),
    )
)


@settings(max_examples=200, deadline=None)
@given(small_support_games, st.sampled_from([1, 2]))
def test_scalar_and_stacked_paths_agree_below_full_support(game, max_support):
    """With max_support at most 2, 3x3 and 3x4 games can take the scalar path
    too: it and the stacks give the same equilibria, notes and completeness."""
    assert_paths_agree(*game, max_support)


def test_small_games_take_the_scalar_path():
    """The 2x2 and 2x6 games go to bimatrix_scalar, a 2x7 or 3x3 game to the stacks."""
    from unittest import mock

    rng = np.random.default_rng(4)
    for shape, scalar in [((2, 2), True), ((6, 2), True), ((2, 7), False), ((3, 3), False)]:
        A, B = rng.random(shape), rng.random(shape)
        with mock.patch.object(bimatrix, "scalar_equilibria", wraps=bimatrix.scalar_equilibria) as spy:
            found = bimatrix_equilibria(A, B)
        assert spy.called == scalar, shape
        assert_same_set(found.equilibria, gambit_equilibria(A, B))


def test_scalar_path_drops_nearly_singular_systems():
    """Rows equal up to round-off at payoffs near 1e15 make a system that
    LAPACK leaves a tiny pivot; both paths drop it by NumPy's rank cutoff,
    so both report the same equilibria."""
    from unittest import mock

    A = np.array([[1e15, 3.0], [1e15 + 0.125, 2.0]])
    B = np.array([[1.0, 2.0], [2.0, 1.0]])
    with mock.patch.object(bimatrix, "_SCALAR_MAX", 0):
        stacked = bimatrix_equilibria(A, B)
    with mock.patch.object(np.linalg, "svd", wraps=np.linalg.svd) as svd:
        scalar = bimatrix_equilibria(A, B)
    assert svd.called  # the Frobenius bound could not clear the system
    assert scalar.notes == stacked.notes
    assert_equilibria(scalar.equilibria, stacked.equilibria)


def test_solves_with_nans_agree_with_and_without_the_lapack_gufunc(monkeypatch):
    """_solve_or_nan uses NumPy's private LAPACK gufunc when it exists, else
    slogdet and numpy.linalg.solve: the same NaN rows and solutions."""
    assert bimatrix._LAPACK_SOLVE is not None  # this NumPy has it: a rename shows up here
    rng = np.random.default_rng(3)
    systems = rng.integers(0, 3, size=(400, 4, 4)).astype(float)  # many exactly singular
    rhs = np.zeros((400, 4, 1))
    rhs[:, -1] = 1.0
    with_gufunc = bimatrix._solve_or_nan(systems, rhs)
    # One (size, 1) column for every system gives the same, with or without.
    np.testing.assert_array_equal(bimatrix._solve_or_nan(systems, bimatrix._last_unit(4)), with_gufunc)
    monkeypatch.setattr(bimatrix, "_LAPACK_SOLVE", None)
    without = bimatrix._solve_or_nan(systems, rhs)
    np.testing.assert_array_equal(bimatrix._solve_or_nan(systems, bimatrix._last_unit(4)), without)
    singular = np.linalg.matrix_rank(systems) < 4
    assert singular.any() and not singular.all()
    assert np.isnan(with_gufunc[singular]).all() and np.isnan(without[singular]).all()
    np.testing.assert_allclose(with_gufunc[~singular], without[~singular], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(np.einsum("pij,pj->pi", systems[~singular], with_gufunc[~singular, :, 0]), rhs[~singular, :, 0], atol=1e-9)


def test_games_solve_the_same_without_the_lapack_gufuncs(monkeypatch):
    rng = np.random.default_rng(9)
    games = [random_game(rng, m, m, integer) for m in (2, 3, 5, 8) for integer in (False, True) for _ in range(3)]
    games += [tuple(rng.integers(0, 4, (2, m, m))) for m in (2, 3, 5, 8, 10) for _ in range(3)]  # ties: singular systems
    first = [bimatrix_equilibria(A, B) for A, B in games]
    assert bimatrix._LAPACK_SLOGDET is not None
    monkeypatch.setattr(bimatrix, "_LAPACK_SOLVE", None)
    monkeypatch.setattr(bimatrix, "_LAPACK_SLOGDET", None)
    for (A, B), before in zip(games, first):
        after = bimatrix_equilibria(A, B)
        assert after.degenerate == before.degenerate and after.notes == before.notes
        assert_equilibria(after.equilibria, before.equilibria)


def test_unbalanced_shapes_match_pygambit():
    rng = np.random.default_rng(8)
    for m, n in [(2, 30), (30, 2), (3, 15), (4, 12)]:
        for integer in (False, True):
            A, B = random_game(rng, m, n, integer)
            assert_same_set(bimatrix_equilibria(A, B).equilibria, gambit_equilibria(A, B))


# --- interface --------------------------------------------------------------


def test_results_are_read_only_and_deterministic():
    rng = np.random.default_rng(7)
    A, B = rng.random((6, 6)), rng.random((6, 6))
    first = bimatrix_equilibria(A, B)
    x, _ = first.equilibria[0]
    with pytest.raises(ValueError):
        x[0] = 0.5
    assert_equilibria(bimatrix_equilibria(A, B).equilibria, first.equilibria)
    sizes = [(np.count_nonzero(x), np.count_nonzero(y)) for x, y in first.equilibria]
    assert sizes == sorted(sizes)


def test_max_support_keeps_small_supports_and_says_so():
    rng = np.random.default_rng(12)
    A, B = rng.random((6, 6)), rng.random((6, 6))
    full = bimatrix_equilibria(A, B).equilibria
    capped = bimatrix_equilibria(A, B, max_support=2)
    small = [e for e in full if np.count_nonzero(e[0]) <= 2]
    assert len(small) < len(full)
    assert_same_set(capped.equilibria, small)
    assert any("up to 2 strategies" in note for note in capped.notes)


@pytest.mark.parametrize("n", [13, 20, 60])
def test_large_games_degrade_to_small_supports(n):
    # Too many supports to enumerate: the small ones are searched (within the
    # time budget), every pure equilibrium is there, and the result says so.
    rng = np.random.default_rng(n)
    A, B = rng.integers(-5, 6, size=(2, n, n)).astype(float)
    res = bimatrix_equilibria(A, B, time_budget=0.5)
    assert not res.complete
    assert any("may be missing" in note for note in res.notes)
    assert not any("No equilibrium passed verification" in note for note in res.notes)
    # Every pure equilibrium is there in the full solve, whatever the budget.
    everything = set(map(tuple, pure_equilibria(np.array([A, B]), default_tol(np.array([A, B])))))
    names = tuple(f"s{i}" for i in range(n))
    solved = find_equilibria(NormalFormGame(("R", "C"), (names, names), np.array([A, B])), time_budget=0.5)
    assert {tuple(s[0] for s in e.supports) for e in solved.pure} == everything
    assert not solved.complete
    found = {(int(np.argmax(x)), int(np.argmax(y))) for x, y in res.equilibria
             if np.count_nonzero(x) == 1 and np.count_nonzero(y) == 1}
    assert found <= everything
    res = bimatrix_equilibria(np.eye(13), np.eye(13), max_support=1)
    assert len(res.equilibria) == 13 and not res.complete


def test_time_budget_stops_the_two_player_search():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(2, 13, 13))
    full = bimatrix_equilibria(A, B, max_support=4)
    cut = bimatrix_equilibria(A, B, max_support=4, time_budget=1e-6)
    assert full.complete is False and cut.complete is False  # 4 < 13 either way
    assert any("time budget" in note for note in cut.notes)
    assert not any("time budget" in note for note in full.notes)
    # What the cut search found is a subset of the full one.
    assert_same_set([e for e in full.equilibria if any(np.allclose(e[0], c[0]) and np.allclose(e[1], c[1])
                                                       for c in cut.equilibria)], cut.equilibria)


def test_bad_input_is_rejected():
    with pytest.raises(ValueError):
        bimatrix_equilibria(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError):
        bimatrix_equilibria([[np.nan]], [[0.0]])
    for bad in ({"max_support": 0}, {"max_support": 1.5}, {"tol": -1.0}, {"tol": float("nan")},
                {"time_budget": float("nan")}, {"time_budget": -1}):
        with pytest.raises(GameFileError, match=f"^{next(iter(bad))}: "):
            bimatrix_equilibria([[1.0]], [[0.0]], **bad)


@pytest.mark.parametrize("budget", [0.0, 1e-3])
def test_a_spent_budget_never_breaks_a_degenerate_search(budget):
    # Integer payoffs with ties: degenerate, so vertices are paired by subsets.
    rng = np.random.default_rng(7)
    A, B = rng.integers(-2, 3, size=(2, 14, 14)).astype(float)
    res = bimatrix_equilibria(A, B, time_budget=budget)
    assert not res.complete
    assert any("time budget" in note for note in res.notes)
    for x, y in res.equilibria:
        assert max(regrets(np.array([A, B]), (x, y))) <= default_tol(np.array([A, B]))


def test_a_tolerance_below_round_off_says_what_it_drops():
    # 2/3 is no float: at tol=0 the equilibrium with the column player mixing
    # 2/3, 1/3 misses tol by round-off.  The search still finds it (it allows
    # round-off); the check against tol drops it, says so, and the answer is
    # not called complete.  At the tolerance the note names, all four are kept.
    A = np.array([[2, 0, 5], [1, 2, 3], [-9, -9, -9]])
    B = np.array([[0, 0, -9], [1, 1, -8], [3, 5, -7]])
    at_zero = bimatrix_equilibria(A, B, tol=0.0)
    assert len(at_zero.equilibria) == 3 and not at_zero.complete
    (note,) = [n for n in at_zero.notes if "dropped" in n]
    assert note.startswith("1 candidate equilibria had regret above the tolerance 0") and "below round-off" in note
    suggested = float(note.split("tol=")[-1].split()[0])
    kept = bimatrix_equilibria(A, B, tol=suggested)
    assert len(kept.equilibria) == 4 and kept.complete
    assert not any("dropped" in n for n in kept.notes)
