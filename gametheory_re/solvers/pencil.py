"""Closed-form solutions when three players mix two, ``k`` and ``k`` strategies: one univariate polynomial.

The two ``k``-strategy players' mixes are kernels of matrices affine in the
two-strategy player's unknown, so its one equation becomes a polynomial of
degree ``2 (k - 1)``.  Sturm's theorem and interval arithmetic in integers
often show that none of its roots is a mix; roots of degree at most 2 give
:class:`~.solutions.QuadraticPoint` objects, others
:class:`~.solutions.AlgebraicSolution` objects as the general method does.
FLINT factors the polynomial and isolates the roots; ball arithmetic there
drops most roots that give a negative probability before exact coordinates
are built (:mod:`~..algebra.flint_roots`; SymPy's factorisation, root
isolation and inverses took 7 ms per support on 3x3x3 games).
"""

from __future__ import annotations

import flint

from ..algebra.flint_roots import nonnegative_roots, quotients_mod, unit_real_roots
from ..algebra.integer_poly import (
    may_have_root_in_unit_interval,
    poly_add,
    poly_gcd_degree,
    poly_mul,
    poly_scale,
    poly_sum,
    poly_trim,
    signed_minors,
    unit_roots_excluded,
)
from ..algebra.quadratic import integer_quadratic_roots, lowest_terms, poly_at, quadratic_product
from .solutions import QuadraticPoint, binary_mix, solutions_at_roots
from .support_system import SupportSystem, gain_table

#: :func:`pencil_solutions` takes determinants by Laplace expansion: small sizes only.
PENCIL_MAX_STRATEGIES = 5


def pencil_solutions(game, supports, mixing):
    """Three players mix two, ``k`` and ``k`` strategies (``k`` at least 3).

    With ``a`` the unknown of the two-strategy player ``A``, player ``B``'s
    ``k - 1`` equations are linear in ``C``'s mix with coefficients affine in
    ``a``: where that ``(k - 1) x k`` matrix has full rank, ``C``'s mix is its
    kernel, ``hC(a) / sum(hC(a))`` (signed maximal minors, degree ``k - 1``);
    likewise ``B``'s mix ``hB(a) / sum(hB(a))``.  ``A``'s one equation then
    reads ``N(a) = hB(a)' D hC(a) = 0``, of degree ``2 (k - 1)``.  Every
    solution has ``N(a) = 0``; every root with both sums nonzero gives exactly
    one, provided neither kernel matrix drops rank anywhere (the entries of
    ``hB``, and of ``hC``, have no common factor): otherwise, or when ``N``
    vanishes identically, None (the general method decides).

    Returns QuadraticPoints for roots of degree at most 2 and
    AlgebraicSolutions for the others.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> u = np.random.default_rng(2474).integers(-3, 4, size=(3, 2, 3, 3)).astype(float)
    >>> solutions = pencil_solutions(ExactPayoffs(u), ((0, 1), (0, 1, 2), (0, 1, 2)), [0, 1, 2])
    >>> [[v.round(4).tolist() for v in s.float_profile()] for s in solutions if s.in_simplex()]
    [[[0.4372, 0.5628], [0.197, 0.6795, 0.1235], [0.0914, 0.7743, 0.1343]]]
    """
    a = next(p for p in mixing if len(supports[p]) == 2)
    b, c = [p for p in mixing if p != a]

    def kernel_rows(player, other):
        rows = []
        for s in supports[player][1:]:
            table = gain_table(game, supports, player, s, a, other)  # [A's strategy][other's strategy]
            rows.append([poly_trim([table[0][j], table[1][j] - table[0][j]]) for j in range(len(table[0]))])
        return rows

    h_c = signed_minors(kernel_rows(b, c))  # B's equations fix C's mix
    h_b = signed_minors(kernel_rows(c, b))
    table = gain_table(game, supports, a, supports[a][1], b, c)
    n = []
    for i, f in enumerate(h_b):
        for j, g in enumerate(h_c):
            if table[i][j] and f and g:
                n = poly_add(n, poly_scale(poly_mul(f, g), table[i][j]))
    if not n:
        return None
    if poly_gcd_degree(h_b) != 0 or poly_gcd_degree(h_c) != 0:
        return None
    if len(n) == 1:
        return []
    # Roots outside [0, 1], and roots where a kernel vector has entries of
    # both signs, are no equilibria: often that disposes of the support.
    signs = [poly_mul(f, s) for h in (h_b, h_c) for s in (poly_sum(h),) for f in h]
    if not may_have_root_in_unit_interval(n) or unit_roots_excluded(n, signs):
        return []
    sums = [flint.fmpz_poly(poly_sum(h)) for h in (h_b, h_c)]
    kernels = [[flint.fmpz_poly(f) for f in h] for h in (h_b, h_c)]
    points = []
    system = None
    for factor, _ in flint.fmpz_poly(n).factor()[1]:
        modulus = flint.fmpq_poly(factor)
        if any(not (flint.fmpq_poly(total) % modulus) for total in sums):
            continue  # the kernel vector sums to 0: no mix
        degree = factor.degree()
        if degree <= 2:
            coeffs = [int(x) for x in reversed(factor.coeffs())]
            d, roots = integer_quadratic_roots(*([0] * (3 - len(coeffs)) + coeffs))
            if d < 0:
                continue
            for t in roots:
                mixes = {a: binary_mix(*t), b: _mix_at(h_b, t, d, len(supports[b]) - 1),
                         c: _mix_at(h_c, t, d, len(supports[c]) - 1)}
                points.append(QuadraticPoint.from_mixes(game, supports, d, mixes))
            continue
        # Most roots in [0, 1] give some certainly negative probability, in ball arithmetic.
        fractions = [(f, total) for h, total in zip(kernels, sums) for f in h]
        roots = nonnegative_roots(unit_real_roots(factor), fractions)
        if not roots:
            continue
        if system is None:
            system = SupportSystem(game, supports)
        coords = {a: [flint.fmpq_poly([0, 1]) % modulus]}
        for player, h, total in ((b, kernels[0], sums[0]), (c, kernels[1], sums[1])):
            coords[player] = quotients_mod(total, h[1:], factor)
        points.extend(solutions_at_roots(system, factor, roots, coords))
    if len(points) > 1:
        points.sort(key=_last_coordinate)
    return points




def _last_coordinate(solution) -> float:
    return solution.last_coordinate()


def _mix_at(h, t, d, degree):
    """The mix ``h(t) / sum(h(t))`` as a player's (pairs, den)."""
    values = [poly_at(f, t, d, degree) for f in h]
    total = (sum(v[0] for v in values), sum(v[1] for v in values))
    (sp, sq) = total
    if not sq:
        pairs, den = values, sp
        if den < 0:
            pairs, den = [(-p, -q) for p, q in pairs], -den
        return lowest_terms(pairs, den)
    norm = sp * sp - sq * sq * d
    pairs = [quadratic_product(v, (sp, -sq), d) for v in values]
    if norm < 0:
        pairs, norm = [(-p, -q) for p, q in pairs], -norm
    return lowest_terms(pairs, norm)
