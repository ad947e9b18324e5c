"""Tests of real algebraic points."""

import pytest
import sympy
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
