"""Tests of the integer closed forms of small support systems."""

import itertools

import numpy as np
import pytest
import sympy

from gametheory_re.algebra.groebner import PositiveDimensional, solve
from gametheory_re.solvers.closed_forms import fast_solutions
from gametheory_re.solvers.exact_payoffs import ExactPayoffs
from gametheory_re.solvers.solutions import AlgebraicSolution
from gametheory_re.solvers.support_system import SupportSystem, solve_system


def random_system(seed, shape=(2, 2, 2), support=((0, 1), (0, 1), (0, 1))):
    payoffs = np.random.default_rng(seed).integers(-10, 11, size=(len(shape),) + shape).astype(float)
    return payoffs, SupportSystem(ExactPayoffs(payoffs), support)


def test_closed_form_agrees_with_groebner_basis():
    # Three players mixing two strategies each: one quadratic.
    for seed in range(40):
        _, system = random_system(seed)
        closed = fast_solutions(system.game, system.supports)
        general = solve(system.ring, system.equations)
        if isinstance(general, PositiveDimensional) or closed is None:
            continue  # None: degenerate, left to the general method
        got = sorted(tuple(s.float_profile()[0]) for s in closed)
        want = sorted(tuple(AlgebraicSolution(system, p).float_profile()[0]) for p in general)
        assert len(got) == len(want)
        if got:
            np.testing.assert_allclose(np.array(got), np.array(want), rtol=1e-9)


def all_supports(shape):
    per_player = [[s for r in range(1, k + 1) for s in itertools.combinations(range(k), r)] for k in shape]
    return itertools.product(*per_player)


def mixes_in_simplex(items):
    """{rounded floats: (float profile, exact equilibrium?, exact values)} of the solutions with every probability >= 0."""
    out = {}
    for item in items:
        if item.in_simplex():
            profile = item.float_profile()
            out[tuple(np.round(np.concatenate(profile), 9))] = (
                profile, item.is_exact_equilibrium(), item.exact_values()
            )
    return out


@pytest.mark.parametrize(
    "shape, seed, low, high, games",
    [
        ((2, 2, 2), 1, -10, 10, 25),
        ((2, 2, 2), 2, -2, 2, 25),
        ((2, 2, 3), 3, -10, 10, 10),
        ((2, 2, 3), 4, -2, 2, 10),
        ((2, 3, 3), 5, -10, 10, 3),
        ((3, 2, 3), 6, -3, 3, 3),
        ((2, 2, 2, 2), 7, -5, 5, 3),
    ],
)
def test_closed_forms_agree_with_the_general_method(shape, seed, low, high, games):
    """On every support the closed forms solve: the same solutions in the simplex, decisions and exact values."""
    rng = np.random.default_rng(seed)
    solved = 0
    for _ in range(games):
        payoffs = rng.integers(low, high + 1, size=(len(shape),) + shape).astype(float)
        game = ExactPayoffs(payoffs)
        for support in all_supports(shape):
            fast = fast_solutions(game, support)
            if fast is None:
                continue
            system = SupportSystem(game, support)
            general = solve_system(system)
            assert not isinstance(general, PositiveDimensional), support
            expected = mixes_in_simplex(AlgebraicSolution(system, point) for point in general)
            found = mixes_in_simplex(fast)
            assert found.keys() == expected.keys(), (payoffs.tolist(), support)
            for key, (profile, equilibrium, values) in found.items():
                other_profile, other_equilibrium, other_values = expected[key]
                assert equilibrium == other_equilibrium
                for v, w in zip(profile, other_profile):
                    np.testing.assert_allclose(v, w, rtol=0, atol=1e-15)
                for xs, ys in zip(values, other_values):
                    for x, y in zip(xs, ys):
                        assert x == y or abs(sympy.N(x - y, 50)) < 1e-40
            solved += 1
    assert solved


def test_closed_forms_leave_degenerate_systems_to_the_general_method():
    game = ExactPayoffs(np.zeros((3, 2, 2, 3)))
    assert fast_solutions(game, ((0, 1), (0,), (0,))) is None  # an indifferent player: a continuum
    assert fast_solutions(game, ((0, 1), (0, 1), (0,))) is None
    assert fast_solutions(game, ((0, 1), (0, 1), (0, 1))) is None
    assert fast_solutions(game, ((0, 1), (0, 1), (0, 1, 2))) is None
    # Four players mixing: no closed form.
    assert fast_solutions(ExactPayoffs(np.ones((4, 2, 2, 2, 2))), ((0, 1),) * 4) is None


@pytest.mark.parametrize(
    "low, high, seed",
    [
        (-10, 10, 6), (-10, 10, 9), (-10, 10, 10),  # roots of degree 4
        (-3, 3, 6), (-3, 3, 36), (-3, 3, 176), (-3, 3, 386),  # ... and rational ones
        (-3, 3, 2474), (-3, 3, 2796),  # quadratic irrationals
        (-3, 3, 10),  # degenerate: left to the general method
    ],
)
def test_two_by_three_by_three_mixed_profiles_agree_with_the_general_method(low, high, seed):
    payoffs = np.random.default_rng(seed).integers(low, high + 1, size=(3, 2, 3, 3)).astype(float)
    game = ExactPayoffs(payoffs)
    support = ((0, 1), (0, 1, 2), (0, 1, 2))
    fast = fast_solutions(game, support)
    system = SupportSystem(game, support)
    general = solve_system(system)
    assert (fast is None) == ((low, high, seed) == (-3, 3, 10))
    if fast is None:
        return
    expected = mixes_in_simplex(AlgebraicSolution(system, point) for point in general)
    found = mixes_in_simplex(fast)
    assert found and found.keys() == expected.keys()
    for key, (profile, equilibrium, values) in found.items():
        assert equilibrium == expected[key][1]
        for v, w in zip(profile, expected[key][0]):
            np.testing.assert_allclose(v, w, rtol=0, atol=1e-15)
        assert values == expected[key][2] or all(
            abs(sympy.N(x - y, 50)) < 1e-40 for xs, ys in zip(values, expected[key][2]) for x, y in zip(xs, ys)
        )
