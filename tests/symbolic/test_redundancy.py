"""Exact-LP redundancy: a dropped condition holds wherever the kept ones do; empty means empty."""

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.symbolic.inequality import Inequality
from gametheory_re.symbolic.redundancy import is_linear, prune

x, y = sympy.symbols("x y", real=True)
BOX = {x: (sympy.S(0), sympy.S(1)), y: (sympy.S(0), sympy.S(1))}


def test_examples():
    assert prune([Inequality(x - y), Inequality(x - y / 2)], BOX) == ([0], False)
    assert prune([Inequality(x - y - 2)], BOX) == ([], True)
    assert prune([], BOX) == ([], None)
    assert prune([Inequality(x * y - sympy.Rational(1, 2))], BOX) == ([0], None)     # nonlinear: nothing claimed


def test_a_strict_condition_needs_a_strict_margin():
    # y >= 0 holds on the box, but y > 0 is not implied by it.
    kept, empty = prune([Inequality(y, strict=True), Inequality(x)], BOX)
    assert 0 in kept and empty is False


def test_is_linear():
    assert is_linear(2 * x - y + 1, [x, y])
    assert not is_linear(x * y, [x, y]) and not is_linear(sympy.sin(x), [x])


linear = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.booleans()).map(
    lambda t: Inequality(t[0] * x + t[1] * y + sympy.Rational(t[2], 2), t[3])).filter(
    lambda i: i.expr.free_symbols)   # regions never hold constants: simplify proves them True or False
unit = st.fractions(0, 1, max_denominator=20)


def holds(ineq, at):
    v = ineq.expr.xreplace(at)
    return v > 0 if ineq.strict else v >= 0


@settings(max_examples=15, deadline=None)
@given(st.lists(linear, min_size=1, max_size=3), st.lists(st.tuples(unit, unit), min_size=10, max_size=20))
def test_never_drops_a_condition_violated_where_the_kept_ones_hold(inequalities, sample):
    kept, empty = prune(inequalities, BOX)
    points = [{x: sympy.Rational(a.numerator, a.denominator), y: sympy.Rational(b.numerator, b.denominator)}
              for a, b in sample]
    for at in points:
        if empty:
            # The closed region is empty: not even the relaxed conditions hold together.
            assert not all(i.expr.xreplace(at) >= 0 for i in inequalities)
        elif all(holds(inequalities[k], at) for k in kept):
            assert all(holds(i, at) for i in inequalities), (inequalities, kept, at)
