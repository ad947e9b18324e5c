"""NormalFormGame: the checks of a profile, and exact payoffs from integer or rational arrays."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_re as gt

PENNIES = gt.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("Row", "Column"))
CHECKS = [PENNIES.expected_payoffs, PENNIES.regrets, PENNIES.is_nash]


# -- profiles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("check", CHECKS)
@pytest.mark.parametrize("profile, says", [
    ([[0.7, 0.7], [1, 0]], r"of player 0 \(Row\) sum to 1\.4, not 1"),
    ([[1, 0], [0.5, 0.4]], r"of player 1 \(Column\) sum to 0\.9, not 1"),
    ([[1, 0]], r"one probability vector per player \(2\), got 1"),
    ([[1, 0], [1, 0], [1, 0]], r"one probability vector per player \(2\), got 3"),
    ([[1.5, -0.5], [1, 0]], r"player 0 \(Row\) has a negative probability"),
    ([[1, 0], [np.nan, 1]], r"player 1 \(Column\) has a probability that is not a finite number"),
    ([[np.inf, 0], [1, 0]], "not a finite number"),
    ([[1, 0, 0], [1, 0]], r"shape \(3,\), expected \(2,\)"),
    ([[[1, 0]], [1, 0]], r"shape \(1, 2\), expected \(2,\)"),
    ([2, 0], r"strategy index 2 of player 0 \(Row\) is not in 0\.\.1"),
    ([0, -1], r"strategy index -1 of player 1 \(Column\)"),
    ([True, 0], "neither a probability vector nor a strategy index"),
    ([0.0, 1], "neither a probability vector nor a strategy index"),
    (["ab", [1, 0]], "neither a probability vector nor a strategy index"),
    (3, "one probability vector .* per player, not 3"),
])
def test_bad_profiles_are_refused_saying_why(check, profile, says):
    with pytest.raises(ValueError, match="^profile: .*" + says):
        check(profile)


def test_the_reviewed_profile_no_longer_gives_a_negative_regret():
    with pytest.raises(ValueError, match="^profile: "):
        PENNIES.regrets([[0.7, 0.7], [1, 0]])


def test_sums_within_1e_9_pass():
    PENNIES.regrets([[0.5, 0.5 + 9e-10], [1 - 9e-10, 0]])
    with pytest.raises(ValueError, match="sum to"):
        PENNIES.regrets([[0.5, 0.5 + 2e-9], [1, 0]])


def test_pure_profiles_by_strategy_index():
    game = gt.load_game("us_japan_china").at()
    for indices in np.ndindex(*game.shape):
        vectors = [np.eye(n)[i] for n, i in zip(game.shape, indices)]
        for given_as in (indices, list(indices), np.array(indices), [int(i) for i in indices]):
            np.testing.assert_array_equal(game.regrets(given_as), game.regrets(vectors))
            np.testing.assert_array_equal(game.expected_payoffs(given_as), game.payoffs[(slice(None),) + indices])
            assert game.is_nash(given_as) == game.is_nash(vectors)
    # Indices and vectors mix, one entry per player.
    np.testing.assert_array_equal(PENNIES.regrets([0, [0.5, 0.5]]), PENNIES.regrets([[1, 0], [0.5, 0.5]]))


@st.composite
def games_and_profiles(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    size = len(shape) * math.prod(shape)
    payoffs = np.array(draw(st.lists(st.floats(-100, 100), min_size=size, max_size=size))).reshape((len(shape),) + shape)
    profile = []
    for n in shape:
        weights = np.array(draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))) + 1e-3
        profile.append(weights / weights.sum())
    player = draw(st.integers(0, len(shape) - 1))
    return gt.NormalFormGame.from_arrays(*payoffs), profile, player


@settings(max_examples=80, deadline=None)
@given(games_and_profiles())
def test_valid_profiles_give_non_negative_regrets(case):
    game, profile, _ = case
    assert np.all(game.regrets(profile) >= 0)


@settings(max_examples=80, deadline=None)
@given(games_and_profiles(), st.floats(1e-6, 10))
def test_scaled_or_negative_vectors_are_refused(case, factor):
    game, profile, player = case
    scaled = [v * (1 + factor) if p == player else v for p, v in enumerate(profile)]
    with pytest.raises(ValueError, match=f"^profile: the probabilities of player {player} .* sum to"):
        game.regrets(scaled)
    negative = [v.copy() for v in profile]
    negative[player][0] = -factor
    with pytest.raises(ValueError, match=f"^profile: player {player} .* negative"):
        game.regrets(negative)
