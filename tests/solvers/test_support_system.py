"""Tests of the indifference equations of a support profile."""

import numpy as np
import sympy

from gametheory_re.algebra.groebner import PositiveDimensional
from gametheory_re.solvers.exact_payoffs import ExactPayoffs
from gametheory_re.solvers.solutions import AlgebraicSolution
from gametheory_re.solvers.support_system import SupportSystem, interior_empty, satisfies, solve_system


def random_system(seed, shape=(2, 2, 2), support=((0, 1), (0, 1), (0, 1))):
    payoffs = np.random.default_rng(seed).integers(-10, 11, size=(len(shape),) + shape).astype(float)
    return payoffs, SupportSystem(ExactPayoffs(payoffs), support)


def test_solutions_solve_the_equations_exactly():
    payoffs, system = random_system(7, (3, 3, 2), ((0, 1, 2), (0, 2), (0, 1)))
    for point in solve_system(system):
        assert all(point.sign(f) == 0 for f in system.equations)


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
    solution = AlgebraicSolution(system, point)
    assert solution.in_simplex() and solution.is_exact_equilibrium()
    assert solution.exact_values() == ((sympy.Rational(1, 3), sympy.Rational(2, 3)),) * 2
    assert satisfies(system, solution.exact_values())
    assert not satisfies(system, ((1, 0), (sympy.Rational(1, 2),) * 2))


def test_interior_is_empty_when_a_support_strategy_is_weakly_dominated():
    u = np.zeros((3, 2, 2, 2))
    u[0, 1, 1, 1] = 1  # player 1's strategy 1 weakly dominates 0, strictly only there
    game = ExactPayoffs(u)
    assert interior_empty(SupportSystem(game, ((0, 1), (0, 1), (0, 1))))
    assert not interior_empty(SupportSystem(game, ((0, 1), (0,), (0, 1))))
