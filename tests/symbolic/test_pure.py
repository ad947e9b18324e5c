"""Pure-profile conditions: each profile is an equilibrium exactly where its regions say."""

import itertools

import numpy as np
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.pure import pure_equilibria
from gametheory_re.symbolic.pure import deviation_gains, pure_conditions

c = sympy.Symbol("c", real=True)
BOX = {c: (sympy.S(0), sympy.S(4))}


def dilemma():
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[3, 0], [5 - c, 1 - c]]
    u[1] = [[3, 5 - c], [0, 1 - c]]
    return u


def test_prisoners_dilemma_with_a_cost_of_defecting():
    found = pure_conditions(dilemma(), BOX)
    assert [p.profile for p in found] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert str(found[3].relation()) == "c <= 1"
    assert str(found[0].relation()) == "c >= 2"
    assert all(p.status == "conditional" for p in found)


def test_always_and_never():
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[1 + c, 0], [0, 0]]
    u[1] = [[1, 0], [0, -1 - c]]
    found = {p.profile: p for p in pure_conditions(u, BOX)}
    assert found[(0, 0)].status == "always" and found[(0, 0)].relation() == sympy.true
    assert found[(1, 1)].status == "never" and found[(1, 1)].relation() == sympy.false
    assert found[(1, 1)].empty_cases == 1


def test_deviation_gains_list_every_player_and_strategy():
    gains = deviation_gains(dilemma(), (1, 1))
    assert [(i, t) for i, t, _ in gains] == [(0, 0), (1, 0)]
    assert sympy.expand(gains[0][2]) == 1 - c


def test_min_payoffs_give_cases():
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[sympy.Min(1, c), 0], [sympy.Rational(1, 2), 0]]
    u[1] = [[1, 0], [1, 0]]
    [p, *_] = pure_conditions(u, BOX)
    assert len(p.regions) == 2
    assert all(r.guards for r in p.regions)


coefficients = st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2)), min_size=8, max_size=8)


@settings(max_examples=10, deadline=None)
@given(coefficients, st.lists(st.fractions(0, 4, max_denominator=6), min_size=3, max_size=6))
def test_conditions_equal_the_exact_pure_check_at_random_points(coeffs, sample):
    u = np.empty((2, 2, 2), dtype=object)
    for k, index in enumerate(itertools.product(range(2), range(2), range(2))):
        a, b = coeffs[k]
        u[index] = a + b * c
    found = pure_conditions(u, BOX)
    for v in sample:
        value = sympy.Rational(v.numerator, v.denominator)
        numeric = np.vectorize(lambda e: sympy.S(e).xreplace({c: value}))(u)
        gains = np.array(numeric, dtype=object)
        expected = {p for p in itertools.product(range(2), range(2))
                    if all(gains[(i,) + p] >= gains[(i,) + p[:i] + (t,) + p[i + 1:]]
                           for i in range(2) for t in range(2))}
        got = {p.profile for p in found if bool(p.relation().xreplace({c: value}))}
        assert got == expected, (u, value)
