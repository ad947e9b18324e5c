"""Tests of the determinant closed form (three players mix two, k and k + 1 strategies) against the general method."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.closed_forms import closed_form_covers, fast_solutions
from gametheory_re.solvers.determinant_pencil import covers, determinant_solutions
from gametheory_re.solvers.exact_payoffs import ExactPayoffs

from _closed_forms import agree, in_simplex


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
        with_mix += agree(determinant_solutions, payoffs, support)
    assert with_mix  # some game has a solution in the simplex: the comparison is not vacuous


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(0, 1), (-1, 1), (0, 3), (0, 99)]))
@example(1840, (0, 1))  # the general method's solution set: a complex curve, no real point
def test_agrees_on_random_games(seed, bounds):
    payoffs = np.random.default_rng(seed).integers(bounds[0], bounds[1] + 1, size=(3, 2, 3, 4)).astype(float)
    agree(determinant_solutions, payoffs, ((0, 1), (0, 1, 2), (0, 1, 2, 3)))


def test_degenerate_systems_are_left_to_the_general_method():
    support = ((0, 1), (0, 1, 2), (0, 1, 2, 3))
    assert determinant_solutions(ExactPayoffs(np.zeros((3, 2, 3, 4))), support, [0, 1, 2]) is None


def test_closed_forms_dispatch_to_it():
    assert covers((2, 3, 4)) and closed_form_covers((4, 2, 3)) and not covers((2, 3, 5))
    payoffs = np.random.default_rng(43).integers(0, 10, size=(3, 2, 3, 4)).astype(float)
    support = ((0, 1), (0, 1, 2), (0, 1, 2, 3))
    game = ExactPayoffs(payoffs)
    assert in_simplex(fast_solutions(game, support)) == in_simplex(determinant_solutions(game, support, [0, 1, 2]))
