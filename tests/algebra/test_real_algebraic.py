"""Tests of real algebraic points."""

import mpmath
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyRing

from gametheory_re.algebra.real_algebraic import Point


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


@pytest.mark.parametrize("minpoly, interval, root", [
    ("t**3 + 2", (-2, -1), -(2 ** (1 / 3))),        # negative: its interval once stayed wide
    ("t**5 - 3*t + 1", (0, 1), 0.33473414194),
    ("t**5 - 3*t + 1", (-2, -1), -1.38879198),
])
def test_isolating_intervals_are_narrowed_for_roots_of_either_sign(minpoly, interval, root):
    uni = PolyRing("t", QQ, lex)
    ring = PolyRing(("x",), QQ, lex)
    point = Point(ring, uni(sympy.sympify(minpoly, locals={"t": sympy.Symbol("t")})), tuple(map(QQ, interval)), 0,
                  [uni.gens[0]])
    assert point.hi - point.lo < QQ(1, 10**30)
    assert float(point.lo) == pytest.approx(root, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=3, max_size=3), st.lists(st.integers(-5, 5), min_size=6, max_size=6))
def test_reduction_and_signs_match_plain_sympy_arithmetic(coord_coeffs, poly_coeffs):
    # The point x = t, y = c0 + c1 t + c2 t^2 at the real root of t^3 - t - 1; a
    # polynomial in x, y reduced by FLINT must equal SymPy's own reduction, and
    # its sign (floats first) the sign of its value in 50 digits.
    uni = PolyRing("t", QQ, lex)
    t = uni.gens[0]
    minpoly = t**3 - t - 1
    ring = PolyRing(("x", "y"), QQ, lex)
    x, y = ring.gens
    y_coord = sum((QQ(c) * t**k for k, c in enumerate(coord_coeffs)), uni.zero)
    point = Point(ring, minpoly, (QQ(1), QQ(2)), 0, [t, y_coord])
    monomials = [ring.one, x, y, x * y, y * y, x * x * y]
    poly = sum((QQ(c) * m for c, m in zip(poly_coeffs, monomials)), ring.zero)
    plain = uni.zero
    for c, (i, j) in zip(poly_coeffs, [(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (2, 1)]):
        plain += QQ(c) * t**i * (y_coord**j if j else uni.one)
    plain = plain % minpoly
    assert point.reduce(poly) == plain
    with mpmath.workdps(50):
        alpha = mpmath.findroot(lambda v: v**3 - v - 1, 1.3)
        value = sum(mpmath.mpf(int(c.numerator)) / int(c.denominator) * alpha**k
                    for k, c in enumerate(reversed(plain.to_dense()))) if plain else mpmath.mpf(0)
    expected_sign = 0 if not plain else (1 if value > 0 else -1)
    assert point.sign(poly) == expected_sign
    # Its float value (ball arithmetic first) is the 50-digit one, to rounding.
    assert point.value(poly) == pytest.approx(float(value), rel=4e-16, abs=1e-40)


@pytest.mark.parametrize("a, newton_finds_the_close_pair", [(100, True), (10**4, False)])
def test_close_roots_are_narrowed_by_newton_or_else_by_ball_arithmetic(a, newton_finds_the_close_pair):
    # Mignotte's t^5 - 2 (a t - 1)^2 has two real roots within about
    # 2 a^-3.5 of 1/a: for a = 10^4 numpy's float roots there are no help,
    # and FLINT's enclosure of the complex roots must narrow them instead.
    import flint

    from gametheory_re.algebra.real_algebraic import _newton_root

    t = sympy.Symbol("t")
    expr = sympy.expand(t**5 - 2 * (a * t - 1) ** 2)
    uni = PolyRing("t", QQ, lex)
    ring = PolyRing(("x",), QQ, lex)
    coeffs = flint.fmpq_poly([int(c) for c in reversed(sympy.Poly(expr, t).all_coeffs())])
    intervals = [interval for interval, _ in sympy.Poly(expr, t).intervals()]
    assert len(intervals) == 3
    for index, (lo, hi) in enumerate(intervals):
        lo, hi = QQ(int(lo.p), int(lo.q)), QQ(int(hi.p), int(hi.q))
        close = hi <= QQ(2, a)
        if close:
            found = _newton_root(coeffs, flint.fmpq(int(lo.numerator), int(lo.denominator)),
                                 flint.fmpq(int(hi.numerator), int(hi.denominator)))
            assert (found is not None) == newton_finds_the_close_pair
        point = Point(ring, uni(expr), (lo, hi), index, [uni.gens[0]])
        assert lo <= point.lo < point.hi <= hi
        assert point.hi - point.lo < QQ(1, 10**30) * max(1, abs(point.hi))
        assert (coeffs(flint.fmpq(int(point.lo.numerator), int(point.lo.denominator))) > 0) != (
            coeffs(flint.fmpq(int(point.hi.numerator), int(point.hi.denominator))) > 0)
