"""Support enumeration for many 2-player games at once (one per parameter point).

For every pair of equal-size supports, the indifference systems of all points
are stacked and solved in one batched ``numpy.linalg.solve``; the accepted
ones are returned with their mixes (:class:`~.batch_result.BatchEquilibria`).  Points where
the batch cannot vouch for the answer (a degenerate game, or a singular
system) are flagged so the caller can hand them to the one-game solver
:func:`~gametheory_re.solvers.bimatrix.bimatrix_equilibria`; everywhere else
the equilibrium supports found equal that solver's.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .batch_result import BatchEquilibria, Collector
from .bimatrix import subsets
from .regret import RELATIVE_TOL

#: Largest number of matrix entries solved in one call, to bound memory.
_MAX_ELEMENTS = 1 << 22


@lru_cache(maxsize=64)
def support_pairs(m: int, n: int) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
    """All pairs of equal-size supports of an m×n game, small supports first."""
    return tuple(
        (tuple(rows), tuple(cols))
        for k in range(1, min(m, n) + 1)
        for rows in subsets(m, k).tolist()
        for cols in subsets(n, k).tolist()
    )


def batch_bimatrix_supports(payoffs: np.ndarray, tol: np.ndarray) -> BatchEquilibria:
    """Every equilibrium of many 2-player games.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(B, 2, m, n)``.
    tol : numpy.ndarray
        Shape ``(B,)``: regret tolerance of each point (as
        :func:`~gametheory_re.solvers.regret.default_tol`).

    Returns
    -------
    BatchEquilibria
        Slots are the support pairs of :func:`support_pairs`, in order.

    Examples
    --------
    Matching pennies at two scales: one mixed equilibrium, at one half.

    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> found = batch_bimatrix_supports(np.stack([pennies, 3 * pennies]), np.array([1e-9, 3e-9]))
    >>> found.point.tolist(), [found.supports[s] for s in found.slot]
    ([0, 1], [((0, 1), (0, 1)), ((0, 1), (0, 1))])
    >>> found.profile.tolist()
    [[0.5, 0.5, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]]
    """
    count, _, m, n = payoffs.shape
    pairs = support_pairs(m, n)
    found = Collector((m, n), count)
    start = 0
    for k in range(1, min(m, n) + 1):
        group = [p for p in pairs[start:] if len(p[0]) == k]
        rows = np.array([p[0] for p in group])
        cols = np.array([p[1] for p in group])
        step = max(1, _MAX_ELEMENTS // (len(group) * (k + 1) ** 2))
        ok = np.zeros((count, len(group)), dtype=bool)
        x = np.zeros((count, len(group), k))
        y = np.zeros((count, len(group), k))
        for lo in range(0, count, step):
            hi = min(count, lo + step)
            ok[lo:hi], bad, x[lo:hi], y[lo:hi] = _solve_group(payoffs[lo:hi], tol[lo:hi], rows, cols)
            found.unresolved[lo:hi] |= bad
        for g, pair in enumerate(group):
            found.add(pair, ok[:, g], [x[:, g].T, y[:, g].T])
        start += len(group)
    return found.result()


def _indifference(matrices: np.ndarray):
    """Solve ``[M, -1; 1, 0] [p; v] = [0; 1]`` for stacked square ``M``.

    Returns the mixes ``p``, the values ``v``, a mask of singular systems
    (whose ``p`` and ``v`` are meaningless), and a mask of those singular
    systems that are consistent, i.e. have a continuum of solutions.
    """
    *lead, k, _ = matrices.shape
    system = np.zeros((*lead, k + 1, k + 1))
    system[..., :k, :k] = matrices
    system[..., :k, k] = -1.0
    system[..., k, :k] = 1.0
    # Relative determinant test: |det| against the product of row norms
    # (Hadamard's bound), so the test does not depend on the payoff scale.
    scale = np.prod(np.sqrt(np.sum(system * system, axis=-1)), axis=-1)
    if k <= 2:
        # numpy's batched det/solve cost about a microsecond per tiny matrix;
        # the explicit formulas for 2x2 and 3x3 are elementwise and far cheaper.
        det, last_column = _small_inverse_parts(system)
    else:
        det = np.linalg.det(system)
    singular = np.abs(det) <= 1e-10 * scale
    rhs = np.zeros((*lead, k + 1, 1))
    rhs[..., k, 0] = 1.0
    continuum = np.zeros_like(singular)
    if singular.any():
        # An inconsistent singular system has no solution, hence no
        # equilibrium; only a consistent one (a continuum) needs a closer look.
        stuck = system[singular]
        least = np.linalg.pinv(stuck) @ rhs[singular]
        residual = np.linalg.norm(stuck @ least - rhs[singular], axis=(-2, -1))
        continuum[singular] = residual <= 1e-9 * np.maximum(1.0, scale[singular])
        system[singular] = np.eye(k + 1)
    if k <= 2:
        with np.errstate(all="ignore"):
            solution = last_column / np.where(singular, 1.0, det)[..., None]
    else:
        solution = np.linalg.solve(system, rhs)[..., 0]
    return solution[..., :k], solution[..., k], singular, continuum


def _small_inverse_parts(m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Determinant and last column of the adjugate of stacked 2x2 or 3x3 matrices.

    The solution of ``m x = e_last`` is ``adjugate[:, -1] / det``.
    """
    if m.shape[-1] == 2:
        a, b, c, d = m[..., 0, 0], m[..., 0, 1], m[..., 1, 0], m[..., 1, 1]
        return a * d - b * c, np.stack([-b, a], axis=-1)
    r0, r1 = m[..., 0, :], m[..., 1, :]
    # Last column of the adjugate: the cross product of the first two rows.
    cross = np.stack(
        [
            r0[..., 1] * r1[..., 2] - r0[..., 2] * r1[..., 1],
            r0[..., 2] * r1[..., 0] - r0[..., 0] * r1[..., 2],
            r0[..., 0] * r1[..., 1] - r0[..., 1] * r1[..., 0],
        ],
        axis=-1,
    )
    return np.sum(cross * m[..., 2, :], axis=-1), cross


def _solve_group(payoffs, tol, rows, cols):
    """Check every support pair of one size at every point of a batch."""
    a, b = payoffs[:, 0], payoffs[:, 1]
    count, m, n = a.shape
    pairs, k = rows.shape
    ptol = RELATIVE_TOL
    tol = tol[:, None]
    # a_sub[b, p] = A[rows[p]][:, cols[p]] at point b.
    a_sub = a[:, rows[:, :, None], cols[:, None, :]]
    b_sub = b[:, rows[:, :, None], cols[:, None, :]]
    y, v, sing_y, cont_y = _indifference(a_sub)
    x, u, sing_x, cont_x = _indifference(np.swapaxes(b_sub, -1, -2))
    # Each row's payoff against y and each column's against x, accumulated
    # over the k support entries (einsum's generic loop is slow here).
    row_values = np.zeros((count, pairs, m))
    col_values = np.zeros((count, pairs, n))
    for t in range(k):
        row_values += np.swapaxes(a[:, :, cols[:, t]], 1, 2) * y[:, :, t, None]
        col_values += b[:, rows[:, t], :] * x[:, :, t, None]
    y_ok = ~sing_y & np.all(y >= -ptol, axis=-1)
    x_ok = ~sing_x & np.all(x >= -ptol, axis=-1)
    best_rows = row_values >= row_values.max(axis=-1, keepdims=True) - tol[..., None]
    best_cols = col_values >= col_values.max(axis=-1, keepdims=True) - tol[..., None]
    ok = (
        y_ok
        & x_ok
        & np.all(row_values <= v[..., None] + tol[..., None], axis=-1)
        & np.all(col_values <= u[..., None] + tol[..., None], axis=-1)
    )
    # A feasible mix with more best responses than its support size makes
    # the game degenerate; so does a continuum of indifferent mixes.
    degenerate = (y_ok & (best_rows.sum(-1) > k)) | (x_ok & (best_cols.sum(-1) > k))
    unresolved = np.any(degenerate | cont_y | cont_x, axis=1)
    return ok, unresolved, x, y
