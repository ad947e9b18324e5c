"""Tests of exact payoffs."""

from fractions import Fraction

import numpy as np
import sympy

from gametheory_re.solvers.exact_payoffs import ExactPayoffs


def test_floats_are_read_as_the_decimals_they_print_as():
    game = ExactPayoffs(np.array([[[0.1, 0.7], [1e-5, -2.5]]]))
    assert game.denominators == [100000]  # 1/10, 7/10, 1/100000, -5/2
    assert game.integer[0].tolist() == [[10000, 70000], [1, -250000]]
    assert game.faithful
    assert Fraction(0.1) != Fraction(1, 10)  # why Fraction(float) would be wrong


def test_irrational_exact_payoffs_are_flagged():
    floats = np.array([[[1.0, np.sqrt(2)]]])
    symbolic = np.array([[[sympy.Integer(1), sympy.sqrt(2)]]], dtype=object)
    game = ExactPayoffs(floats, symbolic)
    assert not game.faithful
    assert game.integer[0].tolist() == [[10**16, 14142135623730951]]  # sqrt(2) read as its float's decimal


def test_fractions_read_as_sympy_rationals_are():
    # Fractions (the scaled integer games of find_equilibria) take a shorter
    # path; the integer tables and denominators are those of the same rationals in sympy.
    rng = np.random.default_rng(3)
    values = rng.integers(-50, 50, size=(3, 2, 3, 2))
    dens = rng.integers(1, 9, size=values.shape)
    fractions = np.array([Fraction(int(a), int(b)) for a, b in zip(values.flat, dens.flat)], dtype=object).reshape(values.shape)
    rationals = np.array([sympy.Rational(int(a), int(b)) for a, b in zip(values.flat, dens.flat)], dtype=object).reshape(values.shape)
    floats = values / dens
    a, b = ExactPayoffs(floats, fractions), ExactPayoffs(floats, rationals)
    assert a.denominators == b.denominators and a.faithful and b.faithful
    assert all(np.array_equal(x, y) and x.dtype == y.dtype for x, y in zip(a.integer, b.integer))
