"""Closed-form mixed equilibria: which supports get one, and the probabilities are equilibria where the region holds."""

import numpy as np
import sympy

from gametheory_re.symbolic.mixed import solvable_supports, Unsolved, classify, mixed_conditions

a = sympy.Symbol("a", real=True)


def pennies():
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[a, -1], [-1, 1]]
    u[1] = -u[0]
    return u


def test_matching_pennies_with_a_stake():
    [found], unsolved, left = mixed_conditions(pennies(), {a: (sympy.S(1), sympy.S(3))})
    assert left == 0 and unsolved == Unsolved(one_mixer=4)
    assert found.supports == ((0, 1), (0, 1)) and found.mixers == (0, 1)
    [case] = found.cases
    p, q = case.probabilities
    assert p == q == (2 / (a + 3), (a + 1) / (a + 3))
    assert case.region.conditions == () and found.relation() == sympy.true


def test_the_probabilities_make_each_mixer_indifferent():
    u = pennies()
    [found], _, _ = mixed_conditions(u, {a: (sympy.S(1), sympy.S(3))})
    (p, q) = found.cases[0].probabilities
    for value in (1, 2, sympy.Rational(5, 2)):
        at = {a: value}
        x = np.array([[sympy.S(e).xreplace(at) for e in row] for row in u[0]])
        row_values = [sum(x[i, j] * q[j].xreplace(at) for j in range(2)) for i in range(2)]
        assert row_values[0] == row_values[1]


def test_a_region_can_exclude_a_support():
    # a coordination game with a bonus a: the mix exists only where it has positive probabilities.
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[a, 0], [0, 1]]
    u[1] = [[1, 0], [0, 1]]
    [found], _, _ = mixed_conditions(u, {a: (sympy.S(-1), sympy.S(1))})
    [case] = found.cases
    assert case.region.conditions
    inside = found.relation().xreplace({a: sympy.Rational(1, 2)})
    outside = found.relation().xreplace({a: sympy.Rational(-1, 2)})
    assert bool(inside) and not bool(outside)


def test_a_dominated_strategy_proves_the_mix_impossible():
    u = np.empty((2, 2, 2), dtype=object)
    u[0] = [[1 + a, 1 + a], [0, 0]]    # row 0 strictly dominates for a in [0, 1]
    u[1] = [[1, 0], [0, 1]]
    found, _, _ = mixed_conditions(u, {a: (sympy.S(0), sympy.S(1))})
    assert all(not m.cases for m in found)


def test_classify_counts_the_supports_without_closed_forms():
    count, unsolved = classify((2, 3, 2))
    assert count == 15 == len(list(solvable_supports((2, 3, 2))))
    assert (unsolved.one_mixer, unsolved.unequal_sizes, unsolved.three_or_more_mixers) == (28, 4, 4)
    assert len(unsolved.notes()) == 3 and Unsolved().notes() == []
    count, unsolved = classify((3, 3))
    assert count == 3 * 3 + 1 and unsolved.unequal_sizes == 3 * 1 + 1 * 3


class Passed:
    def passed(self):
        return True


def test_a_passed_deadline_leaves_supports():
    found, _, left = mixed_conditions(pennies(), {a: (sympy.S(1), sympy.S(3))}, deadline=Passed())
    assert found == [] and left == 1
