"""find_equilibria's scaling of payoffs keeps exact and float payoffs of one game."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_re as gt
from gametheory_re import find_equilibria
from gametheory_re.presenters.text import show_result

# Irrational payoffs (a root of x + 1/7) beside rational ones (0.3, -0.2, 0.1): the
# solver reads the irrational ones through their floats.  Found by a red-team
# review: scaling only the floats dropped both mixed equilibria.
IRRATIONAL = """
[parameters.x]
default = "2/3"
[[players]]
name = "A"
strategies = ["a1", "a2"]
[[players]]
name = "B"
strategies = ["b1", "b2"]
[[players]]
name = "C"
strategies = ["c1", "c2"]
[definitions]
k = "sqrt(sqrt(sqrt(sqrt(sqrt(x + 1/7)))))"
[payoffs.formulas]
A = "k*(a1*b1 + a2*b2*c2) + 0.3*a1"
B = "k*(b1*c1 + b2*a2) - 0.2*b1*c2"
C = "k*(c1*a1 + c2*b1) + 0.1*c2"
"""


def test_irrational_payoffs_beside_rational_ones_keep_every_equilibrium(tmp_path):
    path = tmp_path / "irrational.toml"
    path.write_text(IRRATIONAL)
    game = gt.load_game(path).at(exact=True)
    assert game.exact_payoffs is not None
    found = find_equilibria(game)
    assert len(found.equilibria) == 3 and sum(not e.is_pure for e in found.equilibria) == 2
    assert not any("fails the regret check" in note for note in found.notes)
    k = (2 / 3 + 1 / 7) ** (1 / 32)
    mixed = [e for e in found.equilibria if e.supports == ((0,), (0, 1), (0, 1))]
    assert len(mixed) == 1
    b, c = mixed[0].profile[1], mixed[0].profile[2]
    assert np.allclose([b[0], c[0]], [1 - 0.1 / k, 0.2 / (k + 0.2)])
    # The same game with float payoffs only has the same equilibria.
    floats = find_equilibria(gt.NormalFormGame(players=game.players, strategies=game.strategies, payoffs=game.payoffs))
    assert len(floats.equilibria) == 3


def test_weak_dominance_is_reported_not_eliminated():
    # Row's "down" ties "up" against "left" and loses against "right": weakly dominated, and
    # (down, left) is still an equilibrium, which eliminating "down" would lose.
    game = gt.NormalFormGame.from_arrays([[1, 1], [1, 0]], [[1, 1], [1, 0]], strategies=[["up", "down"], ["left", "right"]], players=["Row", "Column"])
    result = find_equilibria(game)
    assert [(w.player, w.strategy, w.dominator) for w in result.weak_dominance] == [(0, 1, 0), (1, 1, 0)]
    assert "(down, left)" in result.labels and not result.eliminations
    text = show_result(result)
    assert "Row: down is weakly dominated by up" in text and "depends on the order" in text
    # A strictly dominated strategy is not also listed as weakly dominated.
    assert find_equilibria(gt.load_game("prisoners_dilemma").at()).weak_dominance == ()


def test_the_time_budget_bounds_the_exact_values_after_the_search(monkeypatch):
    # Exact values of equilibria the search gave as floats are solved for after
    # it; a step that never ends must not outlast the budget of the whole solve.
    import time

    import gametheory_re.equilibria as module

    def endless(*args, **kwargs):       # 10 s a call, unless interrupted (bounded, so a regression fails, not hangs)
        end = time.perf_counter() + 10
        while time.perf_counter() < end:
            time.sleep(0.01)

    game = gt.load_game("battle_of_the_sexes").at(exact=True)
    plain = find_equilibria(game, exact=True)
    assert all(e.exact_profile is not None for e in plain.equilibria)
    assert not any("ran out" in note for note in plain.notes)
    monkeypatch.setattr(module, "exact_profile", endless)
    start = time.perf_counter()
    found = find_equilibria(game, exact=True, time_budget=0.5)
    assert time.perf_counter() - start < 5
    assert found.labels == plain.labels and found.complete == plain.complete
    assert all(e.exact_profile is None for e in found.equilibria if not e.is_pure)
    note = next(n for n in found.notes if "ran out while computing exact values" in n)
    assert f"{sum(e.exact_profile is None for e in found.equilibria)} of 3 equilibria" in note


def test_equilibria_the_supports_do_not_pin_down_are_counted(monkeypatch):
    import gametheory_re.equilibria as module

    game = gt.load_game("battle_of_the_sexes").at(exact=True)
    monkeypatch.setattr(module, "exact_profile", lambda *args, **kwargs: None)
    found = find_equilibria(game, exact=True)
    assert [e.exact_profile for e in found.equilibria] == [None] * 3
    assert any(n.startswith("3 equilibria are given without exact probabilities") for n in found.notes)


def test_no_exact_algebra_after_the_search_where_the_search_would_not_do_it(monkeypatch):
    import gametheory_re.equilibria as module

    game = gt.load_game("us_japan_china").at(exact=True)
    plain = find_equilibria(game, exact=True)
    mixed = sum(not e.is_pure for e in plain.equilibria)
    assert mixed and all(e.exact_profile is not None for e in plain.equilibria)
    # As if every mixed support were too large: its equilibria keep floats, and no algebra runs for them.
    monkeypatch.setattr(module, "exact_affordable", lambda unknowns: not any(unknowns))
    monkeypatch.setattr(module, "exact_profile", lambda *args, **kwargs: pytest.fail("exact algebra was run"))
    monkeypatch.setattr(module, "polynomial_equilibria", _without_values(module.polynomial_equilibria))
    found = find_equilibria(game, exact=True)
    assert found.labels == plain.labels
    assert [e.exact_profile is None for e in found.equilibria] == [not e.is_pure for e in plain.equilibria]
    assert any(n.startswith(f"{mixed} equilibri") and "solved them numerically" in n for n in found.notes)


def _without_values(solver):
    """``solver`` whose equilibria come without exact values, as from a numerically solved support."""
    from dataclasses import replace

    def solve(*args, **kwargs):
        found = solver(*args, **kwargs)
        return replace(found, equilibria=tuple(replace(e, exact=None) if any((p > 0).sum() > 1 for p in e.profile)
                                               else e for e in found.equilibria))
    return solve


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([(2, 2), (3, 3), (2, 4), (2, 2, 2)]), st.integers(0, 2**32 - 1), st.sampled_from([3, 99]))
def test_reported_values_are_those_of_each_profile(shape, seed, top):
    # find_equilibria values all candidates at once; each equilibrium's numbers
    # must be what the one-profile functions give for it.
    from gametheory_re.normal_form import NormalFormGame
    from gametheory_re.solvers.pareto import dominating_profiles, pareto_dominated
    from gametheory_re.solvers.regret import expected_payoffs, regrets, strategy_values

    payoffs = np.random.default_rng(seed).integers(0, top + 1, size=(len(shape), *shape)).astype(float)
    payoffs[0] *= 2.0 ** 40  # players in very different units: the scaling must undo itself
    result = find_equilibria(NormalFormGame.from_arrays(*payoffs))
    tol = result.tol
    for eq in result.equilibria:
        assert np.allclose(eq.payoffs, expected_payoffs(payoffs, eq.profile), rtol=1e-12, atol=0)
        assert np.allclose(eq.regrets, np.maximum(regrets(payoffs, eq.profile), 0), rtol=0, atol=tol)
        for p in range(len(shape)):
            assert np.allclose(eq.strategy_values[p], strategy_values(payoffs, eq.profile, p), rtol=1e-12, atol=0)
        assert eq.pareto_dominators == tuple(dominating_profiles(payoffs, eq.payoffs, tol))
    if result.equilibria:
        flags = pareto_dominated(np.array([eq.payoffs for eq in result.equilibria]), tol)
        assert [eq.pareto_dominated for eq in result.equilibria] == flags.tolist()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(2, 2, 2), (3, 2), (2, 2, 2, 2)]), st.integers(-40, 20))
def test_scaled_exact_payoffs_are_the_scaled_game_s_own(seed, shape, power):
    # The solver works on each player's payoffs scaled by a power of two; the
    # exact payoffs it is given are the game's own (integers: turned into
    # Fractions at once), or the decimals a float game's floats print as,
    # scaled by the same powers, which leaves integers equal to the floats.
    from fractions import Fraction

    from gametheory_re.equilibria import _exact_payoffs, _exponents, _scaled
    from gametheory_re.solvers.exact_payoffs import decimal_fraction

    rng = np.random.default_rng(seed)
    integers = rng.integers(-10**6, 10**6, size=(len(shape),) + shape) * 2**max(power, 0)  # below 2**53
    for game in (gt.NormalFormGame.from_arrays(*integers),
                 gt.NormalFormGame.from_arrays(*(integers * 2.0**min(power, 0)))):
        exponents = _exponents(game.payoffs)
        exact = _exact_payoffs(game, exponents)
        if game.exact_payoffs is None and not exponents.any():
            assert exact is None  # no scaling: the floats serve as they are
            continue
        own = game.exact_payoffs if game.exact_payoffs is not None else np.vectorize(decimal_fraction)(game.payoffs)
        assert exact.shape == own.shape
        for p, e in enumerate(exponents):
            assert [Fraction(x) for x in exact[p].flat] == [Fraction(int(y)) / 2**int(e) if game.exact_payoffs is not None
                                                          else y / Fraction(2)**int(e) for y in own[p].flat]
        if game.exact_payoffs is not None:
            floats = _scaled(game.payoffs, -exponents)
            assert all(Fraction(x) == Fraction(float(f)) for x, f in zip(exact.flat, floats.flat))
