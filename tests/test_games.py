"""Every bundled game loads, and the teaching games have their textbook equilibria."""

import numpy as np
import pytest

from gametheory_re import bundled_games, load_game, solve
from gametheory_re.result import SequentialResult


@pytest.mark.parametrize("path", bundled_games(), ids=lambda p: p.stem)
def test_bundled_games_load_and_every_equilibrium_checks(path):
    result = solve(path)
    if isinstance(result, SequentialResult):
        assert result.subgame_perfect.equilibria
        result = result.nash
    assert result.equilibria
    for eq in result.equilibria:
        assert eq.max_regret <= result.tol
        assert all(abs(p.sum() - 1) < 1e-12 and (p >= 0).all() for p in eq.profile)


def profiles(result):
    return [tuple(np.round(p, 9).tolist() for p in eq.profile) for eq in result.equilibria]


TEXTBOOK = {
    "prisoners_dilemma": [([0, 1], [0, 1])],
    "chicken": [([0, 1], [1, 0]), ([1, 0], [0, 1]), ([0.9, 0.1], [0.9, 0.1])],
    "stag_hunt": [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([3 / 4, 1 / 4], [3 / 4, 1 / 4])],
    "battle_of_the_sexes": [([1, 0], [1, 0]), ([0, 1], [0, 1]), ([2 / 3, 1 / 3], [1 / 3, 2 / 3])],
    "matching_pennies": [([0.5, 0.5], [0.5, 0.5])],
    "rock_paper_scissors": [([1 / 3] * 3, [1 / 3] * 3)],
}


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_teaching_games_have_their_textbook_equilibria(name):
    result = solve(name)
    got = sorted(profiles(result))
    want = sorted(tuple(np.round(p, 9).tolist() for p in eq) for eq in TEXTBOOK[name])
    assert got == want
    assert result.complete and not result.degenerate


def test_pareto_flags_in_teaching_games():
    pd = solve("prisoners_dilemma")
    assert not pd.equilibria[0].pareto_dominated  # nothing else to compare with
    stag = solve("stag_hunt")
    flags = {eq.label(stag.game): eq.pareto_dominated for eq in stag.equilibria}
    assert flags == {"(stag, stag)": False, "(hare, hare)": True, "(stag|hare, stag|hare)": True}


def test_game_b_with_a_strong_us_chain_has_only_a_mixed_equilibrium():
    result = solve("us_japan_china", {"gamma_U": 0.7, "gamma_AB": 0.8})
    assert [e.is_pure for e in result.equilibria] == [False]
    assert result.complete and result.equilibria[0].max_regret < 1e-9


def test_outcome_probabilities_of_a_mixed_equilibrium():
    result = solve("us_china", {"rho": 0.3})
    eq = result.equilibria[0]
    p_decouple, p_restrict = eq.profile[0][1], eq.profile[1][1]
    assert eq.outcome_probabilities["dual_chain"] == pytest.approx(p_decouple * p_restrict)
    assert eq.outcome_probabilities["restriction"] == pytest.approx(p_restrict)
