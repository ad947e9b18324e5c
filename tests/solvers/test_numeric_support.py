"""The numeric path against exact algebra on supports both can solve."""

import numpy as np
import pytest

from gametheory_re.solvers.numeric_support import numeric_solutions
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
