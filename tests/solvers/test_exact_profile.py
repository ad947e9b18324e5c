"""Tests of exact profiles for given supports."""

import numpy as np
import sympy

from gametheory_re.solvers.exact_profile import exact_profile


def rationals(table):
    return np.vectorize(sympy.Rational, otypes=[object])(table)


def test_battle_of_the_sexes_mixed_equilibrium_is_two_thirds():
    a = np.array([[2, 0], [0, 1]])
    b = np.array([[1, 0], [0, 2]])
    profile = exact_profile(rationals(np.stack([a, b])), [(0, 1), (0, 1)])
    third = sympy.Rational(1, 3)
    assert profile == ((2 * third, third), (third, 2 * third))
    assert all(isinstance(x, sympy.Rational) for v in profile for x in v)


def test_pure_supports_give_the_pure_profile():
    a = np.array([[2, 0], [0, 1]])
    assert exact_profile(rationals(np.stack([a, a.T])), [(1,), (1,)]) == ((0, 1), (0, 1))


def test_unequal_supports_of_a_degenerate_game_need_the_float_equilibrium():
    # (row 0, y) is an equilibrium for every y with y_0 >= 1/2: the column
    # player is indifferent against row 0.  The endpoint y = (1/2, 1/2) has
    # supports ((0,), (0, 1)) like every inner point of the segment; the row
    # player's tie there pins it down.
    a = np.array([[2, 0], [1, 1]])
    b = np.array([[1, 1], [0, 2]])
    game = rationals(np.stack([a, b]))
    supports = [(0,), (0, 1)]
    assert exact_profile(game, supports) is None
    near = (np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    half = sympy.Rational(1, 2)
    assert exact_profile(game, supports, near=near) == ((1, 0), (half, half))


def test_exact_profile_refuses_irrational_payoffs():
    a = np.array([[sympy.sqrt(2), 0], [0, 1]], dtype=object)
    assert exact_profile(np.stack([a, a.T]), [(0, 1), (0, 1)]) is None
