"""find_equilibria does not depend on the units of each player's payoffs."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory_re.equilibria import find_equilibria
from gametheory_re.normal_form import NormalFormGame
from gametheory_re.presenters.json_out import result_dict
from gametheory_re.presenters.text import show_result


def game_of(payoffs):
    payoffs = np.asarray(payoffs, dtype=float)
    shape = payoffs.shape[1:]
    return NormalFormGame(
        tuple(f"P{p}" for p in range(len(shape))),
        tuple(tuple(f"s{i}" for i in range(n)) for n in shape),
        payoffs,
    )


def flat(result):
    return sorted(tuple(np.round(np.concatenate(e.profile), 7)) for e in result.equilibria)


def assert_same_equilibria(a, b):
    assert len(a.equilibria) == len(b.equilibria)
    for x, y in zip(flat(a), flat(b)):
        np.testing.assert_allclose(x, y, atol=1e-6)
    assert a.complete == b.complete


@pytest.mark.parametrize("size", [1e308, 1e-300, 1e-320, 1.0])
def test_coordination_game_keeps_its_mixed_equilibrium_at_any_magnitude(size):
    A = np.array([[size, -size], [-size, size]])
    result = find_equilibria(game_of([A, A]))
    assert len(result.equilibria) == 3 and len(result.pure) == 2
    mixed = [e for e in result.equilibria if not e.is_pure][0]
    np.testing.assert_allclose(mixed.profile[0], [0.5, 0.5])
    for e in result.equilibria:
        assert np.all(np.isfinite(e.payoffs)) and np.all(e.regrets <= result.tol)
    assert result.equilibria[0].payoffs[0] == size  # reported in the original units
    text = show_result(result)
    assert "No equilibrium passed verification" not in text
    assert "No equilibrium passed verification" not in " ".join(result_dict(result)["notes"])


def test_players_of_very_different_magnitudes():
    A = np.array([[3.0, 0.0], [0.0, 1.0]]) * 1e300
    B = np.array([[1.0, 0.0], [0.0, 3.0]]) * 1e-300
    reference = find_equilibria(game_of([A / 1e300, B / 1e-300]))
    result = find_equilibria(game_of([A, B]))
    assert_same_equilibria(result, reference)
    assert len(result.equilibria) == 3


def test_three_players_at_extreme_magnitudes():
    rng = np.random.default_rng(3)
    payoffs = rng.integers(-9, 10, size=(3, 2, 2, 2)).astype(float)
    reference = find_equilibria(game_of(payoffs))
    for scale in ([1e300, 1e-300, 1.0], [1e-300, 1e-300, 1e-300]):
        scaled = payoffs * np.array(scale)[:, None, None, None]
        assert_same_equilibria(find_equilibria(game_of(scaled)), reference)


@st.composite
def scaled_pair(draw, shape):
    n = len(shape)
    payoffs = np.array(draw(st.lists(st.integers(-50, 50), min_size=n * int(np.prod(shape)),
                                     max_size=n * int(np.prod(shape))))).reshape((n,) + shape)
    factors = [draw(st.sampled_from([1e-250, 1e-6, 0.37, 3.0, 1e5, 1e250])) for _ in range(n)]
    shifts = [draw(st.integers(-40, 40)) for _ in range(n)]
    scaled = np.stack([(payoffs[p] + shifts[p]) * factors[p] for p in range(n)])
    return payoffs.astype(float), scaled


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([(2, 2), (2, 3), (3, 3)]).flatmap(scaled_pair))
def test_two_player_equilibria_are_invariant_to_positive_affine_maps(pair):
    payoffs, scaled = pair
    original = find_equilibria(game_of(payoffs))
    assume(not original.degenerate)
    assert_same_equilibria(find_equilibria(game_of(scaled)), original)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([(2, 2, 2), (2, 3, 2)]).flatmap(scaled_pair))
def test_three_player_equilibria_are_invariant_to_positive_affine_maps(pair):
    payoffs, scaled = pair
    original = find_equilibria(game_of(payoffs))
    assume(not original.degenerate and not original.components and original.complete)
    assert_same_equilibria(find_equilibria(game_of(scaled)), original)


def test_time_budget_and_options_are_checked():
    game = game_of(np.zeros((2, 2, 2)))
    for bad in ({"tol": -1}, {"tol": float("nan")}, {"time_budget": float("nan")}, {"max_support": 0}):
        with pytest.raises(ValueError, match=f"^{next(iter(bad))}: "):
            find_equilibria(game, **bad)


def test_tol_minus_one_is_refused_for_three_players_not_answered_with_nothing():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="^tol: "):
        find_equilibria(game_of(rng.normal(size=(3, 2, 2, 2))), tol=-1)


def test_default_time_budget_bounds_a_5x5x5_game():
    rng = np.random.default_rng(5)
    result = find_equilibria(game_of(rng.normal(size=(3, 5, 5, 5))), time_budget=0.5)
    assert not result.complete
    assert any("time budget" in note for note in result.notes)
    assert "may be incomplete" in show_result(result)
    assert result_dict(result)["complete"] is False


def test_large_two_player_game_lists_its_pure_equilibria_and_says_it_may_be_incomplete():
    rng = np.random.default_rng(13)
    payoffs = rng.integers(-3, 4, size=(2, 20, 20)).astype(float)
    result = find_equilibria(game_of(payoffs), time_budget=0.5)
    pure_only = find_equilibria(game_of(payoffs), max_support=1)
    assert {e.supports for e in result.pure} == {e.supports for e in pure_only.pure}
    assert len(result.pure) > 0
    assert not result.complete
    assert "may be incomplete" in show_result(result)


def test_a_search_cut_short_does_not_blame_degeneracy_for_finding_nothing():
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    result = find_equilibria(game_of([rps, -rps]), max_support=1)
    assert not result.equilibria and not result.complete
    assert not any("degenerate beyond" in note for note in result.notes)
    assert any("not searched" in note for note in result.notes)
