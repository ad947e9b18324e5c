"""Closed-form solutions when three players mix two, ``k`` and ``k + 1`` strategies: one determinant.

With ``a`` the two-strategy player ``A``'s unknown, the ``(k + 1)``-strategy
player ``C``'s ``k`` equations are linear in ``B``'s mix ``y`` (``k``
strategies) with coefficients affine in ``a``: a mix exists only where that
``k x k`` matrix ``M(a)`` is singular, so ``a`` is a root of ``det M(a)``, of
degree at most ``k``.  There ``y`` is a column of the adjugate of ``M(a)``,
and ``C``'s mix ``z`` the kernel of ``B``'s ``k - 1`` equations (linear in
``z``, affine in ``a``) stacked with ``A``'s one (linear in ``z`` once ``y``
is known).  On 4x4x4 games these 2x3x4 supports took a box test of 2.2 ms
each (5 games: 591 supports, 1.3 s) and Groebner bases where it failed.

Degenerate cases go to the general method (None): a determinant that
vanishes identically, or a root where ``M(a)`` has rank below ``k - 1`` or
the stacked matrix rank below ``k`` (a continuum, or a case this does not
cover).
"""

from __future__ import annotations

import flint

from ..algebra.flint_roots import determinant, nonnegative_roots, quotients_mod, signed_minors, unit_real_roots
from ..algebra.integer_poly import may_have_root_in_unit_interval
from .solutions import AlgebraicSolution, solutions_at_roots
from .support_system import SupportSystem, gain_table

#: Largest ``k`` tried (the determinants are taken by Laplace expansion).
DETERMINANT_MAX_STRATEGIES = 4

_ZERO = flint.fmpz_poly(0)


def covers(sizes) -> bool:
    """Whether :func:`determinant_solutions` applies to supports of these sizes.

    Examples
    --------
    >>> covers((2, 3, 4)), covers((4, 2, 3)), covers((2, 2, 3)), covers((2, 3, 3))
    (True, True, False, False)
    """
    counts = sorted(k for k in sizes if k > 1)
    return len(counts) == 3 and counts[0] == 2 and 3 <= counts[1] <= DETERMINANT_MAX_STRATEGIES and (
        counts[2] == counts[1] + 1
    )


def determinant_solutions(game, supports, mixing):
    """Three players mix two, ``k`` and ``k + 1`` strategies (``3 <= k <=`` :data:`DETERMINANT_MAX_STRATEGIES`).

    Parameters
    ----------
    game : ExactPayoffs
    supports : tuple of tuple of int
    mixing : list of int
        The three players whose supports have more than one strategy.

    Returns
    -------
    list of AlgebraicSolution or None
        Every real solution with ``a`` in [0, 1] whose probabilities are not
        shown negative (others may be left out), ordered by the last
        unknown; None when the system is degenerate (module docstring).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> u = np.random.default_rng(43).integers(0, 10, size=(3, 2, 3, 4)).astype(float)
    >>> found = determinant_solutions(ExactPayoffs(u), ((0, 1), (0, 1, 2), (0, 1, 2, 3)), [0, 1, 2])
    >>> (mixed,) = [s for s in found if s.in_simplex()]
    >>> [v.round(4).tolist() for v in mixed.float_profile()], mixed.is_exact_equilibrium()
    ([[0.7574, 0.2426], [0.1611, 0.1134, 0.7255], [0.0314, 0.5126, 0.4424, 0.0137]], True)
    """
    a = next(p for p in mixing if len(supports[p]) == 2)
    b, c = sorted((p for p in mixing if p != a), key=lambda p: len(supports[p]))
    k = len(supports[b])
    m = _rows(game, supports, c, b, a)  # C's k equations over B's strategies
    adjugate = _adjugate_columns(m)
    det = sum((m[0][j] * adjugate[0][j] for j in range(k)), flint.fmpz_poly(0))  # rows of m times adj columns
    if det.is_zero():
        return None
    if det.degree() <= 0:
        return []
    if not may_have_root_in_unit_interval([int(x) for x in det.coeffs()]):
        return []
    rows_b = _rows(game, supports, b, c, a)  # B's k - 1 equations over C's strategies
    table = gain_table(game, supports, a, supports[a][1], b, c)  # [B's strategy][C's strategy]
    system = None
    points = []
    for factor, _ in det.factor()[1]:
        roots = unit_real_roots(factor)
        if not roots:
            continue
        modulus = flint.fmpq_poly(factor)
        # y: the first adjugate column not 0 at the root (all 0: rank below k - 1).
        y = next((col for col in adjugate if any(flint.fmpq_poly(e) % modulus for e in col)), None)
        if y is None:
            return None
        # z: kernel of B's rows and A's row (its coefficients, linear in y).
        row_a = [sum((y[j] * table[j][l] for j in range(k) if table[j][l]), flint.fmpz_poly(0)) for l in range(k + 1)]
        z = signed_minors(rows_b + [row_a], _ZERO)
        if not any(flint.fmpq_poly(e) % modulus for e in z):
            return None
        sy, sz = sum(y, flint.fmpz_poly(0)), sum(z, flint.fmpz_poly(0))
        if not flint.fmpq_poly(sy) % modulus or not flint.fmpq_poly(sz) % modulus:
            continue  # a kernel vector summing to 0: no mix
        roots = nonnegative_roots(roots, [(e, sy) for e in y] + [(e, sz) for e in z])
        if not roots:
            continue
        values = {
            a: [flint.fmpq_poly([0, 1]) % modulus],
            b: quotients_mod(sy, y[1:], factor),
            c: quotients_mod(sz, z[1:], factor),
        }
        if system is None:
            system = SupportSystem(game, supports)
        points.extend(solutions_at_roots(system, factor, roots, values))
    if len(points) > 1:
        points.sort(key=AlgebraicSolution.last_coordinate)
    return points


def _rows(game, supports, player, other, a):
    """``player``'s equations as rows over ``other``'s strategies, entries affine in ``a`` (``fmpz_poly``)."""
    rows = []
    for s in supports[player][1:]:
        table = gain_table(game, supports, player, s, a, other)  # [A's strategy][other's strategy]
        rows.append([flint.fmpz_poly([table[0][j], table[1][j] - table[0][j]]) for j in range(len(table[0]))])
    return rows


def _adjugate_columns(m):
    """The columns of ``adj(m)``: ``m @ column == det(m) e_i`` for column ``i``; each spans the kernel where ``m`` has rank ``k - 1``."""
    k = len(m)
    columns = []
    for i in range(k):  # column i of adj(m): cofactors of row i
        columns.append([
            determinant([row[:j] + row[j + 1:] for r, row in enumerate(m) if r != i], _ZERO)
            * (1 if (i + j) % 2 == 0 else -1)
            for j in range(k)
        ])
    return columns
