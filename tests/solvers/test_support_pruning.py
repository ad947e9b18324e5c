"""Tests of ruling support profiles out before exact algebra."""

import numpy as np

from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.support_pruning import bezout_number, box_excluded, surviving_supports


def test_bezout_numbers():
    assert bezout_number((1, 1, 1)) == 2  # 2x2x2: at most two totally mixed equilibria
    assert bezout_number((2, 2, 2)) == 10  # 3x3x3 (McKelvey and McLennan)
    assert bezout_number((1, 1, 1, 1)) == 9  # 2x2x2x2
    assert bezout_number((3, 1, 1)) == 0  # overdetermined
    assert bezout_number((1, 1, 0)) == 1  # two players mixing: linear


def test_pruning_keeps_every_support_with_an_equilibrium():
    rng = np.random.default_rng(11)
    for _ in range(15):
        u = rng.integers(-10, 11, size=(3, 2, 3, 3)).astype(float)
        result = polynomial_equilibria(u)
        kept = set(surviving_supports(u, 1e-8))
        for e in result.equilibria:
            support = tuple(tuple(int(i) for i in np.flatnonzero(v)) for v in e.profile)
            assert support in kept
            assert not box_excluded(u, support, 1e-8)
