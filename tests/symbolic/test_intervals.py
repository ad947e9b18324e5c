"""Exact interval bounds: they contain every value the expression takes over the box."""


import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.parameters import Parameter
from gametheory_re.symbolic.intervals import UNKNOWN, bounds, box_of, sign

oo = sympy.oo
x, y, z = sympy.symbols("x y z", real=True)
SYMBOLS = (x, y, z)


def test_examples():
    box = {x: (0, 2), y: (sympy.Rational(1, 2), 1)}
    assert bounds(x * (1 - y) + 1, box) == (1, 2)
    assert bounds(x**2, {x: (-1, 2)}) == (0, 4)
    assert bounds(x**3, {x: (-1, 2)}) == (-1, 8)
    assert bounds(1 / x, {x: (sympy.S(1), sympy.S(2))}) == (sympy.Rational(1, 2), 1)   # ends are exact, as box_of makes them
    assert bounds(1 / x, {x: (-1, 2)}) == UNKNOWN
    assert bounds(sympy.Abs(x), {x: (-3, 2)}) == (0, 3)
    assert bounds(sympy.Min(x, y), box) == (0, 1)
    assert bounds(sympy.Max(x, y), box) == (sympy.Rational(1, 2), 2)
    assert bounds(x * y, {x: (0, 1), y: (0, oo)}) == (0, oo)       # 0 * oo is 0
    assert bounds(z, {}) == UNKNOWN
    assert bounds(sympy.sin(x), box) == UNKNOWN
    assert bounds(sympy.exp(x), {x: (-oo, 0)}) == (0, 1)


def test_sign():
    assert sign(x + 1, {x: (0, 1)}) == 1
    assert sign(-x - 1, {x: (0, 1)}) == -1
    assert sign(x, {x: (0, 1)}) is None       # 0 is in the box


def test_box_of_uses_declared_bounds_and_infinity():
    params = {"a": Parameter("a", default=sympy.S(1), minimum=sympy.Rational(1, 2), maximum=sympy.S(2)), "c": Parameter("c", default=sympy.S(0))}
    box = box_of(params, ["a", "c"])
    assert box == {sympy.Symbol("a", real=True): (sympy.Rational(1, 2), 2), sympy.Symbol("c", real=True): (-oo, oo)}


leaves = st.one_of(st.sampled_from(SYMBOLS), st.integers(-3, 3).map(sympy.Integer),
                   st.fractions(-2, 2, max_denominator=4).map(lambda f: sympy.Rational(f.numerator, f.denominator)))


def _extend(children):
    return st.one_of(
        st.tuples(children, children).map(lambda ab: ab[0] + ab[1]),
        st.tuples(children, children).map(lambda ab: ab[0] * ab[1]),
        st.tuples(children, st.integers(1, 3)).map(lambda ab: ab[0] ** ab[1]),
        st.tuples(children, children).map(lambda ab: sympy.Min(*ab)),
        st.tuples(children, children).map(lambda ab: sympy.Max(*ab)),
        children.map(sympy.Abs),
    )


expressions = st.recursive(leaves, _extend, max_leaves=8)
ends = st.fractions(-3, 3, max_denominator=5)


@st.composite
def boxes_and_points(draw):
    box, point = {}, {}
    for s in SYMBOLS:
        a, b = sorted((draw(ends), draw(ends)))
        box[s] = (sympy.Rational(a.numerator, a.denominator), sympy.Rational(b.numerator, b.denominator))
        t = draw(st.fractions(0, 1, max_denominator=50))
        v = a + (b - a) * t
        point[s] = sympy.Rational(v.numerator, v.denominator)
    return box, point


@settings(max_examples=100, deadline=None)
@given(expressions, boxes_and_points())
def test_bounds_contain_every_sampled_value(expr, box_point):
    box, point = box_point
    lo, hi = bounds(expr, box)
    # doit: SymPy builds Min(Max(1, y), Max(2, y)) as Max(y, Min(1, 2)), the
    # inner Min unevaluated, and xreplace leaves it so.
    value = sympy.S(expr).xreplace(point).doit()
    assert value.is_Rational
    assert lo <= value <= hi
