"""NormalFormGame: the checks of a profile, and exact payoffs from integer or rational arrays."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy
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
    # Non-negative up to round-off: a mix's value is a sum of floats, and a
    # profile may sum to 1 within 1e-9.
    slack = 2e-9 * float(np.abs(game.payoffs).max())
    assert np.all(game.regrets(profile) >= -slack)


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


# -- exact payoffs from arrays ----------------------------------------------------------------


def fraction(v):
    return Fraction(int(v.p), int(v.q)) if isinstance(v, sympy.Rational) else Fraction(v) if isinstance(v, Fraction) \
        else Fraction(int(v))


def mixed_2x2(A, B):
    """The fully mixed equilibrium of a 2x2 game, in closed form: each player's mix makes the other
    indifferent."""
    (a11, a12), (a21, a22) = [[fraction(v) for v in row] for row in A]
    (b11, b12), (b21, b22) = [[fraction(v) for v in row] for row in B]
    p = (b22 - b21) / (b11 - b12 - b21 + b22)
    q = (a22 - a12) / (a11 - a12 - a21 + a22)
    return (p, 1 - p), (q, 1 - q)


def exact_profiles(result):
    return {tuple(tuple(Fraction(int(v.p), int(v.q)) for v in mix) for mix in e.exact_profile)
            for e in result.equilibria}


@pytest.mark.parametrize("convert", [np.array, lambda a: a.tolist(), lambda a: np.array(a, dtype=np.int16)])
def test_integer_arrays_are_exact_like_parametric_games(convert):
    A, B = np.array([[3, 0], [0, 2]]), np.array([[2, 0], [0, 3]])
    game = gt.NormalFormGame.from_arrays(convert(A), convert(B))
    assert game.exact_payoffs.dtype == object and game.exact_payoffs.shape == (2, 2, 2)
    assert all(isinstance(v, sympy.Rational) for v in game.exact_payoffs.flat)
    assert game.exact_payoffs.tolist() == [A.tolist(), B.tolist()]
    # The convention of ParametricGame.at(exact=True): same dtype, shape and number types.
    parametric = gt.load_game("prisoners_dilemma").at(exact=True).exact_payoffs
    again = gt.NormalFormGame.from_arrays(*(np.vectorize(int)(parametric)))
    assert again.exact_payoffs.dtype == parametric.dtype and again.exact_payoffs.shape == parametric.shape
    assert again.exact_payoffs.tolist() == parametric.tolist()
    result = gt.solve(game, exact=True)
    assert exact_profiles(result) == {((1, 0), (1, 0)), ((0, 1), (0, 1)), mixed_2x2(A, B)}
    assert mixed_2x2(A, B) == ((Fraction(3, 5), Fraction(2, 5)), (Fraction(2, 5), Fraction(3, 5)))
    assert not any("Exact values" in n for n in result.notes)


@st.composite
def mixed_2x2_games(draw):
    """Integer 2x2 games with a fully mixed equilibrium, non-degenerate: against each of the other's
    moves a player's best reply is strict, and it flips with that move."""
    base = st.integers(-20, 20)
    gap = st.integers(1, 20)
    sign, turn = draw(st.sampled_from([-1, 1])), draw(st.sampled_from([-1, 1]))
    a21, a22, b12, b22 = draw(base), draw(base), draw(base), draw(base)
    A = np.array([[a21 + sign * draw(gap), a22 - sign * draw(gap)], [a21, a22]])
    B = np.array([[b12 + turn * draw(gap), b12], [b22 - turn * draw(gap), b22]])
    return A, B


@settings(max_examples=40, deadline=None)
@given(mixed_2x2_games())
def test_integer_2x2_games_give_the_closed_form_mixed_equilibrium(game):
    A, B = game
    result = gt.solve(gt.NormalFormGame.from_arrays(A, B), exact=True)
    assert mixed_2x2(A.tolist(), B.tolist()) in exact_profiles(result)


def test_rational_entries_are_exact():
    A = [[Fraction(1, 3), 0], [0, 2]]
    B = [[2, 0], [0, sympy.Rational(1, 7)]]
    game = gt.NormalFormGame.from_arrays(A, B)
    assert game.exact_payoffs[0, 0, 0] == sympy.Rational(1, 3) and game.exact_payoffs[1, 1, 1] == sympy.Rational(1, 7)
    assert mixed_2x2(A, B) in exact_profiles(gt.solve(game, exact=True))
    assert mixed_2x2(A, B) == ((Fraction(1, 15), Fraction(14, 15)), (Fraction(6, 7), Fraction(1, 7)))


@pytest.mark.parametrize("A", [
    np.array([[1.0, 0], [0, 2]]),                      # floats, even integral ones
    [[1, 0], [0, 0.5]],                                # one float among ints
    [[Fraction(1, 2), 0], [0, 1.5]],                   # one float among fractions
    [[True, False], [False, True]],                    # booleans are no payoffs to keep exactly
    [[sympy.sqrt(2), 0], [0, 1]],                      # irrational
])
def test_floats_stay_inexact(A):
    assert gt.NormalFormGame.from_arrays(A, [[1, 0], [0, 1]]).exact_payoffs is None


def test_exact_solves_of_float_games_say_they_are_not_exact():
    result = gt.solve(gt.NormalFormGame.from_arrays([[3.0, 0], [0, 2]], [[2, 0], [0, 3]]), exact=True)
    assert all(e.exact_profile is None for e in result.equilibria)
    assert any("Exact values" in n for n in result.notes)


def test_a_three_player_integer_game_gives_its_closed_form():
    # Each player's payoff depends on its own move and the next player's only: u_i = M_i[a_i, a_(i+1)].
    # Player i's indifference then fixes player i+1's mix by the 2x2 formula.
    M = [np.array([[2, 0], [0, 1]]), np.array([[0, 3], [1, 0]]), np.array([[1, 0], [0, 4]])]
    grid = np.indices((2, 2, 2))
    payoffs = [M[i][grid[i], grid[(i + 1) % 3]] for i in range(3)]
    game = gt.NormalFormGame.from_arrays(*payoffs)
    assert game.exact_payoffs is not None and game.exact_payoffs.shape == (3, 2, 2, 2)

    def next_mix(m):
        (m11, m12), (m21, m22) = m.tolist()
        x = Fraction(m22 - m12, m11 - m12 - m21 + m22)  # tolist() gives Python ints
        return x, 1 - x

    expected = (next_mix(M[2]), next_mix(M[0]), next_mix(M[1]))
    assert expected == ((Fraction(4, 5), Fraction(1, 5)), (Fraction(1, 3), Fraction(2, 3)), (Fraction(3, 4), Fraction(1, 4)))
    result = gt.solve(game, exact=True)
    assert expected in exact_profiles(result)
    mixed = [e for e in result.equilibria if not e.is_pure]
    assert all(e.exact_profile is not None for e in result.equilibria) and mixed
