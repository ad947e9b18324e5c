"""One condition simplified over a box: equivalent to ``expr >= 0`` (``> 0``) at every point of the box."""

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.symbolic.inequality import Inequality, simplify, tidy_fraction

K, s, x = sympy.symbols("K s x", real=True)
BOX = {K: (sympy.Rational(1, 10), sympy.S(3)), s: (sympy.S(0), sympy.S(1)), x: (sympy.S(-1), sympy.S(1))}


def test_factors_of_known_sign_cancel():
    assert simplify(2 * K * x - 2 * K * s * x, BOX) == Inequality(x - s * x)
    assert simplify(-3 * K * x, BOX) == Inequality(-x)
    assert simplify(x / K, BOX, strict=True) == Inequality(x, True)


def test_proved_true_or_false():
    assert simplify(K + 1, BOX) is True
    assert simplify(-K, BOX) is False
    assert simplify(s, BOX) is True and simplify(s, BOX, strict=True) is not True
    assert simplify(-s, BOX, strict=True) is False


def test_a_denominator_of_unknown_sign_stays():
    result = simplify((x - s) / x, BOX)
    assert isinstance(result, Inequality) and sympy.fraction(sympy.together(result.expr))[1] != 1


def test_relation_reads_with_positive_terms():
    b = sympy.Symbol("b", real=True)
    assert str(Inequality(b - K * (1 - s)).relation()) == "b >= K*(1 - s)"
    assert str(Inequality(1 - 2 * s, strict=True).relation()) == "2*s < 1"
    assert Inequality(x).boundary() == x


def test_key_is_equal_up_to_a_positive_factor():
    assert Inequality(2 * x - 2 * s).key() == Inequality(x - s).key()
    assert Inequality(x - s).key() != Inequality(x - s, True).key()


def test_tidy_fraction_turns_sums_round():
    g = sympy.Symbol("g", real=True)
    box = {g: (sympy.S(0), sympy.S(1)), s: (sympy.S(0), sympy.S(1))}
    assert tidy_fraction((s - 1) / (g * (s - 1) - g), box) == tidy_fraction((1 - s) / (g * (2 - s)), box)
    assert sympy.simplify(tidy_fraction((K - x) / (2 * (x - 2)), BOX) - (K - x) / (2 * (x - 2))) == 0


SYMBOLS = (K, s, x)
factors = st.sampled_from([K, s, x, 1 - s, K + x, x - s, 2 - K, K * s - x, s + 1, x**2 + 1, K - 1])
products = st.tuples(st.integers(-3, 3).filter(bool), st.lists(factors, min_size=1, max_size=3)).map(
    lambda t: t[0] * sympy.Mul(*t[1]))
expressions = st.tuples(st.lists(products, min_size=1, max_size=3), st.sampled_from([1, K, 1 + s, x, x - s])).map(
    lambda t: sympy.Add(*t[0]) / t[1])
fractions = st.fractions(0, 1, max_denominator=12)


@settings(max_examples=80, deadline=None)
@given(expressions, st.booleans(), st.lists(st.tuples(fractions, fractions, fractions), min_size=1, max_size=6))
def test_simplified_condition_is_equivalent_at_random_points(expr, strict, sample):
    result = simplify(expr, BOX, strict)
    for t in sample:
        at = {}
        for sym, u in zip(SYMBOLS, t):
            lo, hi = BOX[sym]
            at[sym] = lo + (hi - lo) * sympy.Rational(u.numerator, u.denominator)
        value = expr.xreplace(at)
        if not value.is_finite:
            continue     # a zero denominator: the condition is undefined there
        expected = value > 0 if strict else value >= 0
        if isinstance(result, bool):
            assert bool(expected) == result, (expr, at)
        else:
            got = result.expr.xreplace(at)
            assert got.is_finite
            assert bool(got > 0 if result.strict else got >= 0) == bool(expected), (expr, result, at)
            assert result.strict == strict
