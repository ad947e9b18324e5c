"""The numeric path against exact algebra on supports both can solve."""

import itertools

import numpy as np
import pytest

from gametheory_re.solvers.numeric_support import _newton_steps, numeric_batch, numeric_solutions
from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.regret import regrets


@pytest.mark.parametrize("shape, seeds", [((2, 2, 2), range(40)), ((3, 3, 3), range(80)), ((2, 2, 2, 2), range(40))])
def test_newton_finds_what_exact_algebra_finds_on_totally_mixed_supports(shape, seeds):
    found = missed = 0
    for seed in seeds:
        payoffs = np.random.default_rng(seed).integers(0, 100, size=(len(shape), *shape)).astype(float)
        support = tuple(tuple(range(k)) for k in shape)
        exact = [eq.profile for eq in polynomial_equilibria(payoffs, method="exact").equilibria
                 if all(np.all(v > 1e-9) for v in eq.profile)]
        numeric = numeric_solutions(payoffs, support, 1e-9 * 99, np.random.default_rng(seed))
        for profile in numeric:
            assert np.max(regrets(payoffs, profile)) <= 1e-9 * 99
            assert all(np.all(v > 0) for v in profile)
        for profile in exact:
            hit = any(all(np.max(np.abs(a - b)) <= 1e-7 for a, b in zip(profile, mine)) for mine in numeric)
            found += hit
            missed += not hit
        # Nothing numeric is missing from the exact list (exact algebra is complete).
        for mine in numeric:
            assert any(all(np.max(np.abs(a - b)) <= 1e-7 for a, b in zip(profile, mine)) for profile in exact)
    assert found > 0
    # Random starts can miss a solution, but rarely on these small systems.
    assert missed <= 0.05 * (found + missed), (found, missed)


def test_a_batch_gives_each_profile_what_it_gets_alone():
    # numeric_batch steps all starts of all profiles together; a start's path
    # depends on its own state only, so each profile's equilibria are those
    # numeric_solutions gives it alone, to the last bit, whatever the batch
    # holds and in whatever order (the profiles lay their players out by
    # support size, so the order of the players differs within the batch).
    payoffs = np.random.default_rng(23).integers(0, 100, size=(3, 3, 3, 3)).astype(float)
    supports = []
    for player in range(3):  # one player mixes two strategies, first in the batch's layout
        for pair in itertools.combinations(range(3), 2):
            supports.append(tuple(pair if q == player else (0, 1, 2) for q in range(3)))
    alone = [numeric_solutions(payoffs, s, 1e-9 * 99, np.random.default_rng(k)) for k, s in enumerate(supports)]
    assert sum(map(len, alone)) >= 3
    for order in (list(range(9)), list(range(9))[::-1]):
        batch = numeric_batch(payoffs, [supports[k] for k in order], 1e-9 * 99, [np.random.default_rng(k) for k in order])
        for k, found in zip(order, batch):
            assert len(found) == len(alone[k])
            for a, b in zip(found, alone[k]):
                assert all(np.array_equal(x, y) for x, y in zip(a, b))


def test_singular_jacobians_do_not_change_the_other_starts_steps():
    # LAPACK refuses a stack with one singular matrix; the others' steps are
    # then still the ones solve gives them alone.
    rng = np.random.default_rng(0)
    jacobians = rng.normal(size=(4, 3, 3))
    jacobians[2] = 0.0
    right = rng.normal(size=(4, 3))
    steps = _newton_steps(jacobians, right)
    for s in (0, 1, 3):
        np.testing.assert_array_equal(steps[s], np.linalg.solve(jacobians[s], right[s]))
    np.testing.assert_array_equal(steps[2], np.zeros(3))
