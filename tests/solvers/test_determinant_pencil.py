"""Tests of the determinant closed form (three players mix two, k and k + 1 strategies) against the general method."""

from unittest import mock

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gametheory_re.algebra.groebner import PositiveDimensional
from gametheory_re.solvers.closed_forms import closed_form_covers, fast_solutions
from gametheory_re.solvers.determinant_pencil import covers, determinant_solutions
from gametheory_re.solvers import support_search
from gametheory_re.solvers.exact_payoffs import ExactPayoffs
from gametheory_re.solvers.regret import default_tol
from gametheory_re.solvers.solutions import AlgebraicSolution
from gametheory_re.solvers.support_system import SupportSystem, solve_system


def in_simplex(items):
    out = {}
    for item in items:
        if item.in_simplex():
            out[tuple(np.round(np.concatenate(item.float_profile()), 9))] = (
                item.is_exact_equilibrium(), item.exact_values()
            )
    return out


def examined(payoffs, support, closed_forms):
    """What an exact support search finds on one support: equilibria and continua, as plain data."""
    search = support_search.SupportSearch(payoffs, None, default_tol(payoffs), "exact", np.random.default_rng(0), True)
    with mock.patch.object(support_search, "fast_solutions", support_search.fast_solutions if closed_forms else (
        lambda game, support: None
    )):
        search.examine(support)
    return (
        sorted(tuple(np.round(np.concatenate(e.profile), 9)) for e in search.equilibria),
        sorted((c.supports, c.dimension) for c in search.maximal_components()),
    )


def agree(payoffs, support):
    """Same solutions in the simplex, decisions and exact values as the general method; False when None."""
    game = ExactPayoffs(payoffs)
    mixing = [p for p, s in enumerate(support) if len(s) > 1]
    fast = determinant_solutions(game, support, mixing)
    if fast is None:
        return False
    system = SupportSystem(game, support)
    general = solve_system(system)
    if isinstance(general, PositiveDimensional):
        # A complex curve (say) with no real point for the closed form to miss: what the
        # search makes of the support must not change.
        assert examined(payoffs, support, closed_forms=True) == examined(payoffs, support, closed_forms=False)
        return False
    found = in_simplex(fast)
    expected = in_simplex(AlgebraicSolution(system, point) for point in general)
    assert found.keys() == expected.keys(), payoffs.tolist()
    for key, (equilibrium, values) in found.items():
        assert equilibrium == expected[key][0]
        for xs, ys in zip(values, expected[key][1]):
            for x, y in zip(xs, ys):
                assert x == y or abs(sympy.N(x - y, 60)) < 1e-50
    return bool(found)


@pytest.mark.parametrize(
    "shape, support, low, high, seed",
    [
        ((2, 3, 4), ((0, 1), (0, 1, 2), (0, 1, 2, 3)), 0, 99, 1),
        ((2, 3, 4), ((0, 1), (0, 1, 2), (0, 1, 2, 3)), -2, 2, 2),
        ((2, 3, 4), ((0, 1), (0, 1, 2), (0, 1, 2, 3)), 0, 1, 3),
        ((4, 3, 2), ((0, 1, 2, 3), (0, 1, 2), (0, 1)), -3, 3, 4),  # the players in another order
        ((4, 4, 4), ((1, 3), (0, 2, 3), (0, 1, 2, 3)), 0, 99, 5),  # inside a larger game
    ],
)
def test_agrees_with_groebner_bases(shape, support, low, high, seed):
    rng = np.random.default_rng(seed)
    with_mix = 0
    for _ in range(100):
        payoffs = rng.integers(low, high + 1, size=(len(shape),) + shape).astype(float)
        with_mix += agree(payoffs, support)
    assert with_mix  # some game has a solution in the simplex: the comparison is not vacuous


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(0, 1), (-1, 1), (0, 3), (0, 99)]))
@example(1840, (0, 1))  # the general method's solution set: a complex curve, no real point
def test_agrees_on_random_games(seed, bounds):
    payoffs = np.random.default_rng(seed).integers(bounds[0], bounds[1] + 1, size=(3, 2, 3, 4)).astype(float)
    agree(payoffs, ((0, 1), (0, 1, 2), (0, 1, 2, 3)))


def test_degenerate_systems_are_left_to_the_general_method():
    support = ((0, 1), (0, 1, 2), (0, 1, 2, 3))
    assert determinant_solutions(ExactPayoffs(np.zeros((3, 2, 3, 4))), support, [0, 1, 2]) is None


def test_closed_forms_dispatch_to_it():
    assert covers((2, 3, 4)) and closed_form_covers((4, 2, 3)) and not covers((2, 3, 5))
    payoffs = np.random.default_rng(43).integers(0, 10, size=(3, 2, 3, 4)).astype(float)
    support = ((0, 1), (0, 1, 2), (0, 1, 2, 3))
    game = ExactPayoffs(payoffs)
    assert in_simplex(fast_solutions(game, support)) == in_simplex(determinant_solutions(game, support, [0, 1, 2]))
