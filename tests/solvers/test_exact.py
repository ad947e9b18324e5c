"""Tests of exact solving of the indifference equations of a support profile."""

from fractions import Fraction

import numpy as np
import pytest
import sympy
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyRing

from gametheory_re.solvers import exact
from gametheory_re.solvers.exact import (
    ExactPayoffs,
    Point,
    PositiveDimensional,
    SupportSystem,
    exact_profile,
    exact_values,
    float_profile,
    in_simplex,
    interior_empty,
    is_exact_equilibrium,
    satisfies,
    solve_system,
)


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


def test_root_of_a_quadratic_is_a_radical_and_signs_are_exact():
    uni = PolyRing("t", QQ, lex)
    t = uni.gens[0]
    ring = PolyRing(("x",), QQ, lex)
    x = ring.gens[0]
    point = Point(ring, t**2 - 2, (QQ(1), QQ(2)), 1, [t])  # x = sqrt(2)
    assert point.expr(x) == sympy.sqrt(2)
    assert point.value(x) == pytest.approx(2**0.5, abs=1e-16)
    assert point.sign(x * x - 2) == 0
    assert point.sign(x - QQ(141421356237, 10**11)) == 1
    assert point.sign(x - QQ(141421356238, 10**11)) == -1
    assert sympy.simplify(point.expr(3 * x - 1) - (3 * sympy.sqrt(2) - 1)) == 0


def test_root_of_a_cubic_is_a_crootof():
    uni = PolyRing("t", QQ, lex)
    t = uni.gens[0]
    ring = PolyRing(("x",), QQ, lex)
    x = ring.gens[0]
    point = Point(ring, t**3 - t - 1, (QQ(1), QQ(2)), 0, [t])  # the plastic number
    value = point.expr(x)
    assert isinstance(value, sympy.CRootOf)
    assert float(value) == pytest.approx(1.324717957244746)
    assert float(point.expr(x * x)) == pytest.approx(1.324717957244746**2)


def random_system(seed, shape=(2, 2, 2), support=((0, 1), (0, 1), (0, 1))):
    payoffs = np.random.default_rng(seed).integers(-10, 11, size=(len(shape),) + shape).astype(float)
    return payoffs, SupportSystem(ExactPayoffs(payoffs), support)


def test_closed_form_agrees_with_groebner_basis():
    for seed in range(40):
        _, system = random_system(seed)
        assert system.binary_triple
        closed = solve_system(system)
        general = exact._solve(system.ring, system.equations)
        if isinstance(general, PositiveDimensional):
            continue
        assert sorted(tuple(float_profile(system, p)[0]) for p in closed) == pytest.approx(
            sorted(tuple(float_profile(system, p)[0]) for p in general)
        )


def test_solutions_solve_the_equations_exactly():
    payoffs, system = random_system(7, (3, 3, 2), ((0, 1, 2), (0, 2), (0, 1)))
    for point in solve_system(system):
        assert all(point.sign(f) == 0 for f in system.equations)


def test_groebner_basis_not_in_shape_position_gets_a_separating_coordinate():
    # x^2 - x + 2/9 = 0, y = 1 - x, z = 1/2: two solutions share z, so the
    # lex basis in (x, y, z) is not in shape position.
    ring = PolyRing(("x", "y", "z"), QQ, lex)
    x, y, z = ring.gens
    equations = [x * x - x + QQ(2, 9), x + y - 1, 2 * z - 1]
    points = exact._solve(ring, equations)
    values = sorted(tuple(p.value(g) for g in ring.gens) for p in points)
    assert values == pytest.approx([(1 / 3, 2 / 3, 0.5), (2 / 3, 1 / 3, 0.5)])


def test_positive_dimensional_systems_are_recognised():
    payoffs = np.zeros((3, 2, 2, 2))
    system = SupportSystem(ExactPayoffs(payoffs), ((0, 1), (0, 1), (0, 1)))
    found = solve_system(system)
    assert isinstance(found, PositiveDimensional) and found.dimension == 3 and found.linear
    payoffs[2] = np.random.default_rng(0).integers(-5, 6, size=(2, 2, 2))
    payoffs[0] = np.random.default_rng(1).integers(-5, 6, size=(2, 2, 2))
    system = SupportSystem(ExactPayoffs(payoffs), ((0, 1), (0, 1), (0, 1)))
    found = solve_system(system)
    assert isinstance(found, PositiveDimensional) and found.dimension == 1 and not found.linear


def test_checks_of_a_solution():
    a = np.array([[2, 0], [0, 1]])
    game = ExactPayoffs(np.stack([a, a.T]).astype(float))
    system = SupportSystem(game, ((0, 1), (0, 1)))
    (point,) = solve_system(system)
    assert in_simplex(system, point) and is_exact_equilibrium(system, point)
    assert exact_values(system, point) == ((sympy.Rational(1, 3), sympy.Rational(2, 3)),) * 2
    assert satisfies(system, exact_values(system, point))
    assert not satisfies(system, ((1, 0), (sympy.Rational(1, 2),) * 2))


def test_interior_is_empty_when_a_support_strategy_is_weakly_dominated():
    u = np.zeros((3, 2, 2, 2))
    u[0, 1, 1, 1] = 1  # player 1's strategy 1 weakly dominates 0, strictly only there
    game = ExactPayoffs(u)
    assert interior_empty(SupportSystem(game, ((0, 1), (0, 1), (0, 1))))
    assert not interior_empty(SupportSystem(game, ((0, 1), (0,), (0, 1))))
