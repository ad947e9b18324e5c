"""Tests of numbers in a quadratic field."""

import math

import mpmath
import numpy as np

from gametheory_re.algebra.quadratic import quadratic_float, quadratic_sign


def test_quadratic_numbers_are_rounded_and_signed_exactly():
    rng = np.random.default_rng(0)
    with mpmath.workdps(80):
        for _ in range(300):
            p, q = (int(x) for x in rng.integers(-10**6, 10**6, size=2))
            d = int(rng.integers(2, 10**4))
            if math.isqrt(d) ** 2 == d:
                continue
            den = int(rng.integers(1, 10**5))
            value = (mpmath.mpf(p) + q * mpmath.sqrt(d)) / den
            assert quadratic_float(p, q, d, den) == float(value)
            assert quadratic_sign(p, q, d) == int(mpmath.sign(value))
        # Nearly cancelling: 99^2 - 2 * 70^2 = 1.
        assert quadratic_sign(99, -70, 2) == 1 and quadratic_sign(-99, 70, 2) == -1
        assert quadratic_float(99, -70, 2, 1) == float(99 - 70 * mpmath.sqrt(2))
