"""Tests of FLINT's real roots and quotients modulo an irreducible polynomial."""

import flint
import numpy as np
from sympy.polys.domains import QQ

from gametheory_re.algebra.flint_roots import ball_interval, nonnegative_roots, quotients_mod, unit_real_roots


def test_unit_real_roots_are_isolated_and_counted_among_all_real_roots():
    f = flint.fmpz_poly([1, 0, -10, 0, 1])  # irreducible, roots +-sqrt(3) +- sqrt(2): -3.15, -0.32, 0.32, 3.15
    roots = unit_real_roots(f)
    assert [index for index, _ in roots] == [2]
    lo, hi = ball_interval(roots[0][1])
    assert lo < hi and hi - lo < QQ(1, 10**30)
    assert f(flint.fmpq(lo.numerator, lo.denominator)) * f(flint.fmpq(hi.numerator, hi.denominator)) < 0
    assert unit_real_roots(flint.fmpz_poly([1, 0, 1])) == []  # no real root
    assert unit_real_roots(flint.fmpz_poly([-3, 2])) == []  # 3/2
    assert [(i, b.mid()) for i, b in unit_real_roots(flint.fmpz_poly([-1, 2]))] == [(0, 0.5)]


def test_quotients_mod_solve_x_times_denominator_equals_numerator():
    rng = np.random.default_rng(1)
    f = flint.fmpz_poly([-7, 3, 0, 5, 1, 2])  # irreducible (Eisenstein fails, but FLINT says so)
    assert len(f.factor()[1]) == 1
    fq = flint.fmpq_poly(f)
    for degree in (0, 1, 4, 9):
        den = flint.fmpz_poly([int(c) for c in rng.integers(-10**6, 10**6, size=degree + 1)])
        nums = [flint.fmpz_poly([int(c) for c in rng.integers(-10**6, 10**6, size=12)]) for _ in range(3)]
        for x, g in zip(quotients_mod(den, nums, f), nums):
            assert x.degree() < f.degree()
            assert (x * flint.fmpq_poly(den) - flint.fmpq_poly(g)) % fq == 0


def test_nonnegative_roots_keep_a_root_whose_value_is_zero():
    f = flint.fmpz_poly([-1, 0, 2])  # 1/sqrt 2
    t = flint.fmpz_poly([0, 1])
    roots = unit_real_roots(f)
    assert nonnegative_roots(roots, [(f, t + 1)]) == roots  # f(root) = 0: undecided, kept
    assert nonnegative_roots(roots, [(t - 1, t + 1)]) == []
