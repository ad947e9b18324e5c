"""Tests of exact solving of the indifference equations of a support profile."""

import itertools
import math
from fractions import Fraction

import mpmath
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
    QuadraticPoint,
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
        got = sorted(tuple(float_profile(system, p)[0]) for p in closed)
        want = sorted(tuple(float_profile(system, p)[0]) for p in general)
        assert len(got) == len(want)
        if got:
            np.testing.assert_allclose(np.array(got), np.array(want), rtol=1e-9)


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
    np.testing.assert_allclose(values, [(1 / 3, 2 / 3, 0.5), (2 / 3, 1 / 3, 0.5)], rtol=1e-12)


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


def all_supports(shape):
    per_player = [[s for r in range(1, k + 1) for s in itertools.combinations(range(k), r)] for k in shape]
    return itertools.product(*per_player)


def mixes_in_simplex(items):
    """{rounded floats: (float profile, exact equilibrium?, exact values)} of the solutions with every probability >= 0."""
    out = {}
    for item in items:
        if isinstance(item, QuadraticPoint):
            if item.in_simplex():
                profile = item.float_profile()
                out[tuple(np.round(np.concatenate(profile), 9))] = (
                    profile, item.is_exact_equilibrium(), item.exact_values()
                )
        else:
            system, point = item
            if in_simplex(system, point):
                profile = float_profile(system, point)
                out[tuple(np.round(np.concatenate(profile), 9))] = (
                    profile, is_exact_equilibrium(system, point), exact_values(system, point)
                )
    return out


@pytest.mark.parametrize(
    "shape, seed, low, high, games",
    [
        ((2, 2, 2), 1, -10, 10, 25),
        ((2, 2, 2), 2, -2, 2, 25),
        ((2, 2, 3), 3, -10, 10, 10),
        ((2, 2, 3), 4, -2, 2, 10),
        ((2, 3, 3), 5, -10, 10, 3),
        ((3, 2, 3), 6, -3, 3, 3),
        ((2, 2, 2, 2), 7, -5, 5, 3),
    ],
)
def test_closed_forms_agree_with_the_general_method(shape, seed, low, high, games):
    """On every support the closed forms solve: the same solutions in the simplex, decisions and exact values."""
    rng = np.random.default_rng(seed)
    solved = 0
    for _ in range(games):
        payoffs = rng.integers(low, high + 1, size=(len(shape),) + shape).astype(float)
        game = ExactPayoffs(payoffs)
        for support in all_supports(shape):
            fast = exact.fast_solutions(game, support)
            if fast is None:
                continue
            system = SupportSystem(game, support)
            general = solve_system(system)
            assert not isinstance(general, PositiveDimensional), support
            expected = mixes_in_simplex((system, point) for point in general)
            found = mixes_in_simplex(fast)
            assert found.keys() == expected.keys(), (payoffs.tolist(), support)
            for key, (profile, equilibrium, values) in found.items():
                other_profile, other_equilibrium, other_values = expected[key]
                assert equilibrium == other_equilibrium
                for v, w in zip(profile, other_profile):
                    np.testing.assert_allclose(v, w, rtol=0, atol=1e-15)
                for xs, ys in zip(values, other_values):
                    for x, y in zip(xs, ys):
                        assert x == y or abs(sympy.N(x - y, 50)) < 1e-40
            solved += 1
    assert solved


def test_closed_forms_leave_degenerate_systems_to_the_general_method():
    game = ExactPayoffs(np.zeros((3, 2, 2, 3)))
    assert exact.fast_solutions(game, ((0, 1), (0,), (0,))) is None  # an indifferent player: a continuum
    assert exact.fast_solutions(game, ((0, 1), (0, 1), (0,))) is None
    assert exact.fast_solutions(game, ((0, 1), (0, 1), (0, 1))) is None
    assert exact.fast_solutions(game, ((0, 1), (0, 1), (0, 1, 2))) is None
    # Four players mixing: no closed form.
    assert exact.fast_solutions(ExactPayoffs(np.ones((4, 2, 2, 2, 2))), ((0, 1),) * 4) is None


def test_quadratic_numbers_are_rounded_and_signed_exactly():
    rng = np.random.default_rng(0)
    with mpmath.workdps(80):
        for _ in range(300):
            p, q = (int(x) for x in rng.integers(-10**6, 10**6, size=2))
            d = int(rng.integers(2, 10**4))
            if math.isqrt(d) ** 2 == d:
                continue
            den = int(rng.integers(1, 10**5))
            value = (mpmath.mpf(p) + q * mpmath.sqrt(d)) / den
            assert exact._quadratic_float(p, q, d, den) == float(value)
            assert exact._quadratic_sign(p, q, d) == int(mpmath.sign(value))
        # Nearly cancelling: 99^2 - 2 * 70^2 = 1.
        assert exact._quadratic_sign(99, -70, 2) == 1 and exact._quadratic_sign(-99, 70, 2) == -1
        assert exact._quadratic_float(99, -70, 2, 1) == float(99 - 70 * mpmath.sqrt(2))


def test_roots_in_the_unit_interval_are_excluded_only_with_proof():
    n = [2, -9, 9]  # 9a^2 - 9a + 2 = (3a - 1)(3a - 2)
    assert not exact._unit_roots_excluded(n, [[-1, 2]])  # 2a - 1 >= 0 at a = 2/3
    assert exact._unit_roots_excluded(n, [[-1, 2], [1, -2]])  # each root makes one negative
    assert exact._unit_roots_excluded([1, 0, 1], [])  # a^2 + 1: no real root
    assert exact._unit_roots_excluded([-3, 2], [])  # root 3/2
    assert not exact._unit_roots_excluded([0, 1], [[-1]])  # a root at 0: no proof attempted
    # A double root: Sturm's theorem counts it once.
    assert exact._unit_roots_excluded([1, -4, 4], [[1, -4]])  # (2a - 1)^2, and 1 - 4a < 0 at 1/2
    assert not exact._unit_roots_excluded([1, -4, 4], [[-1, 4]])


@pytest.mark.parametrize(
    "low, high, seed",
    [
        (-10, 10, 6), (-10, 10, 9), (-10, 10, 10),  # roots of degree 4
        (-3, 3, 6), (-3, 3, 36), (-3, 3, 176), (-3, 3, 386),  # ... and rational ones
        (-3, 3, 2474), (-3, 3, 2796),  # quadratic irrationals
        (-3, 3, 10),  # degenerate: left to the general method
    ],
)
def test_two_by_three_by_three_mixed_profiles_agree_with_the_general_method(low, high, seed):
    payoffs = np.random.default_rng(seed).integers(low, high + 1, size=(3, 2, 3, 3)).astype(float)
    game = ExactPayoffs(payoffs)
    support = ((0, 1), (0, 1, 2), (0, 1, 2))
    fast = exact.fast_solutions(game, support)
    system = SupportSystem(game, support)
    general = solve_system(system)
    assert (fast is None) == ((low, high, seed) == (-3, 3, 10))
    if fast is None:
        return
    expected = mixes_in_simplex((system, point) for point in general)
    found = mixes_in_simplex(fast)
    assert found and found.keys() == expected.keys()
    for key, (profile, equilibrium, values) in found.items():
        assert equilibrium == expected[key][1]
        for v, w in zip(profile, expected[key][0]):
            np.testing.assert_allclose(v, w, rtol=0, atol=1e-15)
        assert values == expected[key][2] or all(
            abs(sympy.N(x - y, 50)) < 1e-40 for xs, ys in zip(values, expected[key][2]) for x, y in zip(xs, ys)
        )
