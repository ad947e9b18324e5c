"""Vertex enumeration for two-player games in which a player has two strategies, on Python floats.

The algorithm of :mod:`.bimatrix`, for games with so few support systems
(a 2x2 game has ten, of at most three unknowns) that the stacked version's
fixed cost dominates: about fifty NumPy calls on arrays of a dozen numbers,
a few microseconds each, where plain Python solves a system in less.  With
supports of at most two strategies every system has a closed-form
solution (Cramer's rule), and the same tests as the stacked
path decide what is a vertex: probabilities at least ``-prob_tol``, the
indifferent strategies best responses within ``tol``, NumPy's rank cutoff.
Supports and best-response sets are bit masks, so pairing vertices is a
few integer operations.  The results agree with the stacked path to
round-off, amplified as ever by the condition of the system; a property
test holds the two together.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

_EPS = float(np.finfo(float).eps)


def scalar_equilibria(A: np.ndarray, B: np.ndarray, k_max: int, tol: float, prob_tol: float):
    """Extreme equilibria of a small game, unverified, and a degenerate vertex if there is one.

    Parameters
    ----------
    A, B : numpy.ndarray
        Payoffs of the row and the column player, both ``(m, n)``, in
        ``[-1, 1]`` (as :func:`~.bimatrix.bimatrix_equilibria` scales them).
    k_max : int
        Largest support size searched: 1 or 2.
    tol, prob_tol : float
        The payoff and probability tolerances of
        :func:`~.bimatrix.bimatrix_equilibria`.

    Returns
    -------
    candidates : list of list of float
        One profile per complementary pair of vertices, ``x`` then ``y``.
    witness : tuple or None
        For the first vertex with more best responses than strategies
        used: whether the row player mixes, how many strategies it uses
        and how many best responses it has.  None for a non-degenerate
        game.

    Examples
    --------
    Matching pennies has one equilibrium, both players mixing half and half:

    >>> A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    >>> scalar_equilibria(A, -A, 2, 1e-9, 1e-9)
    ([[0.5, 0.5, 0.5, 0.5]], None)
    """
    m, n = A.shape
    a = A.tolist()
    b_t = B.T.tolist()
    # The row player's vertices mix rows against B's columns, the column
    # player's mix columns against A's rows, as in bimatrix._players.
    row_vertices = _vertices(b_t, k_max, tol, prob_tol)
    col_vertices = _vertices(a, k_max, tol, prob_tol)
    witness = None
    for is_row, vertices in ((True, row_vertices), (False, col_vertices)):
        for _, used, best in vertices:
            if witness is None and best.bit_count() > used.bit_count():
                witness = (is_row, used.bit_count(), best.bit_count())
    candidates = []
    for x, x_used, x_best in _unique(row_vertices):
        for y, y_used, y_best in _unique(col_vertices):
            # Complementary: each support among the other's best responses.
            if not (x_used & ~y_best) and not (y_used & ~x_best):
                candidates.append(x + y)
    return candidates, witness


def _unique(vertices):
    """Each vertex once: a vertex is fixed by its support and best-response set."""
    seen = set()
    out = []
    for vertex in vertices:
        key = vertex[1:]
        if key not in seen:
            seen.add(key)
            out.append(vertex)
    return out


def _vertices(payoffs, k_max: int, tol: float, prob_tol: float):
    """One player's vertices, from every square system on ``payoffs``.

    ``payoffs[i][j]`` is the responder's payoff for pure ``i`` against the
    mixer's pure ``j``; supports have one strategy, or two when ``k_max``
    is 2.  Returns ``(mix, used, best)`` per vertex: the mix as a list over
    the mixer's strategies, ``used`` its support and ``best`` the
    responder's best responses, as bit masks.  Systems come in the order of
    :func:`~.bimatrix._padded_stack`: by size, then mixer set, then
    responder set.
    """
    n_resp, n_mix = len(payoffs), len(payoffs[0])
    columns = list(zip(*payoffs))
    out = []
    # One column j: the system [[a_ij, -1], [1, 0]] has y_j = 1 for every
    # indifferent row i.  Its determinant is 1 and, with |a_ij| <= 1, its
    # condition at most 3: it passes the rank test.
    for j, column in enumerate(columns):
        best = _best_responses(column, tol)
        mix = [0.0] * n_mix
        mix[j] = 1.0
        # The same vertex from each system: once is enough (_unique).
        out.append((mix, 1 << j, best))
    if k_max < 2:
        return out
    for j, h in itertools.combinations(range(n_mix), 2):
        for i, r in itertools.combinations(range(n_resp), 2):
            # Rows i and r indifferent on columns j and h: the 3x3 system
            # [[a_ij, a_ih, -1], [a_rj, a_rh, -1], [1, 1, 0]], whose
            # determinant is d_j - d_h with d_c = a_ic - a_rc.
            a_ij, a_ih, a_rj, a_rh = payoffs[i][j], payoffs[i][h], payoffs[r][j], payoffs[r][h]
            d_j, d_h = a_ij - a_rj, a_ih - a_rh
            det = d_j - d_h
            if det == 0.0:  # LAPACK's zero pivot: no solution
                continue
            y_j, y_h = -d_h / det, d_j / det
            if y_j < -prob_tol or y_h < -prob_tol:
                continue
            y_j, y_h = (0.0 if y_j <= prob_tol else y_j), (0.0 if y_h <= prob_tol else y_h)
            total = y_j + y_h
            y_j, y_h = y_j / total, y_h / total
            best = _best_responses([a * y_j + b * y_h for a, b in zip(columns[j], columns[h])], tol)
            if not (best >> i & 1 and best >> r & 1):
                continue
            if not _nonsingular(det, ((a_ij, a_ih, -1.0), (a_rj, a_rh, -1.0), (1.0, 1.0, 0.0))):
                continue
            mix = [0.0] * n_mix
            mix[j], mix[h] = y_j, y_h
            out.append((mix, (y_j > 0) << j | (y_h > 0) << h, best))
    return out


def _best_responses(values, tol: float) -> int:
    """The bit mask of the entries of ``values`` within ``tol`` of the largest."""
    top = max(values) - tol
    best = 0
    for i, value in enumerate(values):
        if value >= top:
            best |= 1 << i
    return best


def _nonsingular(det: float, system) -> bool:
    """NumPy's rank test: smallest singular value above ``size * eps`` times the largest.

    Decided as :func:`~.bimatrix._nonsingular` does: ``det`` against a
    bound from the Frobenius norm F first (the largest singular value is at
    most F, the smallest at least ``|det| / F**(size - 1)``), an SVD only
    when the bound cannot clear the system.
    """
    size = len(system)
    cutoff = size * _EPS
    norm_sq = sum(v * v for row in system for v in row)
    if math.log(abs(det)) > 0.5 * size * math.log(norm_sq) + math.log(cutoff):
        return True
    s = np.linalg.svd(np.array(system), compute_uv=False)
    return bool(s[-1] > s[0] * cutoff)
