"""Tests of integer polynomials and Sturm sequences."""

from gametheory_re.algebra.integer_poly import unit_roots_excluded


def test_roots_in_the_unit_interval_are_excluded_only_with_proof():
    n = [2, -9, 9]  # 9a^2 - 9a + 2 = (3a - 1)(3a - 2)
    assert not unit_roots_excluded(n, [[-1, 2]])  # 2a - 1 >= 0 at a = 2/3
    assert unit_roots_excluded(n, [[-1, 2], [1, -2]])  # each root makes one negative
    assert unit_roots_excluded([1, 0, 1], [])  # a^2 + 1: no real root
    assert unit_roots_excluded([-3, 2], [])  # root 3/2
    assert not unit_roots_excluded([0, 1], [[-1]])  # a root at 0: no proof attempted
    # A double root: Sturm's theorem counts it once.
    assert unit_roots_excluded([1, -4, 4], [[1, -4]])  # (2a - 1)^2, and 1 - 4a < 0 at 1/2
    assert not unit_roots_excluded([1, -4, 4], [[-1, 4]])
