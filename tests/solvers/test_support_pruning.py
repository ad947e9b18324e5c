"""Tests of ruling support profiles out before exact algebra."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.support_pruning import _corner_values, bezout_number, box_excluded, surviving_supports


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


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_corner_values_are_the_many_operand_einsum(seed):
    # _corner_values contracts one player at a time; the definition is one
    # einsum over every other mixing player's corner mixtures.
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 6))
    p = int(rng.integers(n))
    shape = [int(rng.integers(1, 4)) for _ in range(n)]
    mixing = [q for q in range(n) if q != p and shape[q] > 1]
    shape = [shape[q] if q == p or q in mixing else 1 for q in range(n)]
    table = rng.normal(size=shape)
    boxes = int(rng.integers(1, 5))
    corners = [(q, rng.random((boxes, int(rng.integers(1, 4)), shape[q]))) for q in mixing]
    letters = "abcdefghijklmnopqrstuvwxyz"
    spec = letters[:n] + "".join(f",Z{letters[n + q]}{letters[q]}" for q, _ in corners)
    spec += "->Z" + letters[p] + "".join(letters[n + q] for q, _ in corners)
    if corners:
        expected = np.einsum(spec, table, *[c for _, c in corners]).reshape(boxes, shape[p], -1)
    else:
        expected = np.broadcast_to(table, (boxes, *shape)).reshape(boxes, shape[p], -1)
    np.testing.assert_allclose(_corner_values(table, p, corners, boxes), expected, rtol=1e-12, atol=1e-12)
