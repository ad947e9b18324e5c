"""Splitting min/max/abs/piecewise into cases: exactly one case holds at a point, with the same value."""

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.errors import UnsupportedError
from gametheory_re.symbolic.cases import certain, impossible, split_cases

x, y = sympy.symbols("x y", real=True)
BOX = {x: (sympy.S(-1), sympy.S(1)), y: (sympy.S(0), sympy.S(2))}


def test_plain_expressions_are_one_case():
    [case] = split_cases([x + y, x * y], BOX)
    assert case.guards == () and case.expressions == (x + y, x * y)


def test_min_splits_ties_to_the_first_argument():
    cases = split_cases([sympy.Min(x, y)], BOX)
    assert [(c.guards, c.expressions) for c in cases] == [((sympy.Le(x, y),), (x,)), ((sympy.Lt(y, x),), (y,))]


def test_a_branch_true_over_the_box_is_the_only_case():
    [case] = split_cases([sympy.Max(y, x - 5)], BOX)
    assert case.guards == () and case.expressions == (y,)
    [case] = split_cases([sympy.Abs(y + 1)], BOX)
    assert case.expressions == (y + 1,)


def test_piecewise_and_abs():
    cases = split_cases([sympy.Piecewise((x, y > 1), (-x, True))], BOX)
    assert [c.expressions for c in cases] == [(x,), (-x,)]
    assert len(split_cases([sympy.Abs(x)], BOX)) == 2


def test_too_many_cases_is_refused():
    expr = sum(sympy.Min(x, y * k) for k in range(1, 12))
    with pytest.raises(UnsupportedError, match="cases"):
        split_cases([expr], BOX, max_cases=16)


def test_certain_and_impossible():
    assert certain(sympy.Le(x, 2), BOX) and impossible(sympy.Gt(x, 2), BOX)
    assert not certain(sympy.Le(x, 0), BOX) and not impossible(sympy.Le(x, 0), BOX)
    assert impossible(sympy.Lt(y, 0), BOX) and not impossible(sympy.Le(y, 0), BOX)
    assert not certain(sympy.Eq(x, 0), BOX)


atoms = st.sampled_from([x, y, x + y, 2 * x - y, x * y, 1 - y, sympy.Rational(1, 2), x - 1])
piecewise = st.tuples(st.sampled_from(["min", "max", "abs"]), atoms, atoms).map(
    lambda t: sympy.Min(t[1], t[2]) if t[0] == "min" else sympy.Max(t[1], t[2]) if t[0] == "max" else sympy.Abs(t[1] - t[2]))
terms = st.lists(st.tuples(st.integers(-2, 2), piecewise), min_size=1, max_size=3).map(
    lambda ts: sum((c * p for c, p in ts), sympy.S.Zero))
points = st.tuples(st.fractions(-1, 1, max_denominator=8), st.fractions(0, 2, max_denominator=8))


@settings(max_examples=100, deadline=None)
@given(st.lists(terms, min_size=1, max_size=2), st.lists(points, min_size=1, max_size=5))
def test_exactly_one_case_holds_and_reproduces_the_value(expressions, sample):
    cases = split_cases(expressions, BOX)
    for px, py in sample:
        at = {x: sympy.Rational(px.numerator, px.denominator), y: sympy.Rational(py.numerator, py.denominator)}
        holding = [c for c in cases if all(bool(g.xreplace(at)) for g in c.guards)]
        assert len(holding) == 1, (cases, at)
        for original, branch in zip(expressions, holding[0].expressions):
            assert original.xreplace(at) == branch.xreplace(at)
            assert not branch.has(sympy.Min, sympy.Max, sympy.Abs)
