"""Equilibrium selection rules over padded per-point equilibria."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from gametheory_re.errors import GameFileError, UnsupportedError
from gametheory_re.solvers.selection import SELECTION_RULES, check_rule, select_equilibria, selected_values

STAG_HUNT = np.array([[[4.0, 0.0], [3.0, 3.0]], [[4.0, 3.0], [0.0, 3.0]]])  # (player, row, column)


def _stag_hunt_equilibria():
    """The stag hunt's three equilibria in label order: (stag, stag), (hare, hare), then the mixed one."""
    mixed = np.array([0.75, 0.25, 0.75, 0.25])
    profiles = np.array([[1, 0, 1, 0], [0, 1, 0, 1], mixed], dtype=float)
    payoffs = np.array([[4.0, 4.0], [3.0, 3.0], [3.0, 3.0]])
    return profiles[None], payoffs[None], np.ones((1, 3), dtype=bool)


def test_stag_hunt_payoff_dominant_is_stag_and_risk_dominant_is_hare():
    profiles, payoffs, valid = _stag_hunt_equilibria()
    assert select_equilibria(payoffs, valid, "payoff_dominant", 1e-9).tolist() == [0]
    assert select_equilibria(payoffs, valid, "risk_dominant", 1e-9, game=STAG_HUNT[None], profiles=profiles).tolist() == [1]
    assert select_equilibria(payoffs, valid, "first", 1e-9).tolist() == [0]


def test_risk_dominance_needs_a_2x2_game_and_ties_are_undecided():
    profiles, payoffs, valid = _stag_hunt_equilibria()
    with pytest.raises(UnsupportedError, match="2 strategies each"):
        select_equilibria(payoffs, valid, "risk_dominant", 1e-9, game=np.zeros((1, 2, 2, 3)), profiles=profiles)
    symmetric = np.array([[[2.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 2.0]]])[None]
    assert select_equilibria(payoffs, valid, "risk_dominant", 1e-9, game=symmetric, profiles=profiles).tolist() == [-1]


def test_unknown_rule_names_select():
    with pytest.raises(GameFileError, match="expected one of first, payoff_dominant, risk_dominant") as info:
        check_rule("best")
    assert info.value.source == "select"


def test_equal_dominant_equilibria_give_a_value_only_where_they_agree():
    payoffs = np.ones((2, 2, 2))
    valid = np.ones((2, 2), dtype=bool)
    values = np.array([[[1.0], [1.0]], [[1.0], [0.0]]])
    out = selected_values(values, payoffs, valid, "payoff_dominant", 1e-9)
    assert out[0, 0] == 1.0 and np.isnan(out[1, 0])


def test_no_equilibrium_selects_none():
    for rule in ("first", "payoff_dominant"):
        assert select_equilibria(np.zeros((1, 2, 2)), np.zeros((1, 2), dtype=bool), rule, 1e-9).tolist() == [-1]


def _reference(payoffs, valid, rule, tol, game, profiles):
    """One point at a time, with plain Python loops."""
    slots = [j for j in range(len(valid)) if valid[j]]
    if rule == "first":
        return slots[0] if slots else -1
    if rule == "payoff_dominant":
        for j in slots:
            if all(all(payoffs[j][p] >= payoffs[i][p] - tol for p in range(len(payoffs[j]))) for i in slots):
                return j
        return -1
    if len(slots) == 1:
        return slots[0]
    pure = {}
    for j in slots:
        x, y = profiles[j][:2], profiles[j][2:]
        if max(x) > 1 - 1e-9 and max(y) > 1 - 1e-9:
            pure[(int(np.argmax(x)), int(np.argmax(y)))] = j
    strict = {}
    for r, c in itertools.product(range(2), range(2)):
        loss_row = game[0][r][c] - game[0][1 - r][c]
        loss_col = game[1][r][c] - game[1][r][1 - c]
        if loss_row > tol and loss_col > tol:
            strict[(r, c)] = loss_row * loss_col
    if len(pure) != 2 or len(strict) != 2 or set(pure) != set(strict):
        return -1
    (first, p1), (second, p2) = sorted(strict.items(), key=lambda kv: pure[kv[0]])
    if abs(p1 - p2) <= tol * tol:
        return -1
    return pure[first] if p1 > p2 else pure[second]


small = st.integers(-3, 3).map(float)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_batched_selection_matches_a_per_point_reference(data):
    points = data.draw(st.integers(1, 6))
    k_max = data.draw(st.integers(1, 4))
    payoffs = np.array(data.draw(st.lists(st.lists(st.lists(small, min_size=2, max_size=2), min_size=k_max, max_size=k_max),
                                          min_size=points, max_size=points)))
    valid = np.array(data.draw(st.lists(st.lists(st.booleans(), min_size=k_max, max_size=k_max), min_size=points, max_size=points)))
    game = np.array(data.draw(st.lists(st.lists(st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=2),
                                                min_size=2, max_size=2), min_size=points, max_size=points)))
    # Slots hold pure profiles (one-hot) or the mixed one.
    pure_profiles = [[1, 0, 1, 0], [1, 0, 0, 1], [0, 1, 1, 0], [0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]]
    # Distinct equilibria per point, as a solver lists them.
    choice = [p[:k_max] for p in data.draw(st.lists(st.permutations(range(5)), min_size=points, max_size=points))]
    profiles = np.array(pure_profiles, dtype=float)[np.array(choice)]
    for rule in SELECTION_RULES:
        got = select_equilibria(payoffs, valid, rule, 1e-9, game=game, profiles=profiles)
        want = [_reference(payoffs[i], valid[i], rule, 1e-9, game[i], profiles[i]) for i in range(points)]
        assert got.tolist() == want, rule
