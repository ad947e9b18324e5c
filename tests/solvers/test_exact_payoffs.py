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
    # Fractions (the scaled integer games whose exact values find_equilibria computes) take a shorter
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


def test_integer_exact_payoffs_are_the_tables_themselves():
    # Python and sympy integers are read as they are (no Fractions); huge
    # ones stay exact as Python ints; the tables are those the Fraction path
    # gives the same game scaled per player by powers of two, up to each
    # player's positive factor (all the exact algebra reads).
    rng = np.random.default_rng(3)
    ints = rng.integers(-50, 50, size=(3, 2, 3, 2))
    exact = np.array([sympy.Integer(int(x)) for x in ints.ravel()], dtype=object).reshape(ints.shape)
    game = ExactPayoffs(ints.astype(float), exact)
    assert game.faithful and all(np.array_equal(t, u) for t, u in zip(game.integer, ints))
    assert all(t.dtype == np.int64 for t in game.integer)
    scaled = np.array([Fraction(int(x), 2 ** (p + 3)) for p, player in enumerate(ints) for x in player.ravel()],
                      dtype=object).reshape(ints.shape)
    by_fractions = ExactPayoffs(np.vectorize(float)(scaled), scaled)
    for t, u in zip(game.integer, by_fractions.integer):
        nonzero = u != 0
        assert np.all((t == 0) == ~nonzero)
        ratios = {Fraction(int(a), int(b)) for a, b in zip(t[nonzero], u[nonzero])}
        assert len(ratios) <= 1 and all(r > 0 for r in ratios)
    huge = exact.copy()
    huge[0, 0, 0, 0] = sympy.Integer(3**60)
    assert ExactPayoffs(ints.astype(float), huge).integer[0][0, 0, 0] == 3**60
