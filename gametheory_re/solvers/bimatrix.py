"""All extreme Nash equilibria of two-player games, by batched support enumeration.

Every Nash equilibrium of a bimatrix game is a convex combination of *extreme*
equilibria, and an extreme equilibrium is a pair of vertices, one of each
player's best-response polytope, that "complement" each other: everything one
player uses is a best response to the other.  A vertex of the column player's
polytope is a mix ``y`` that solves a square system: for row set ``I`` and
column set ``J`` of equal size ``k``::

    A[I, J] @ y_J = v,   sum(y_J) = 1,   y = 0 off J

with every row of ``I`` a best response to ``y`` and ``y >= 0``.  The row
player's vertices come from ``B[I, J].T`` the same way.  This module solves all
those systems for one ``k`` with a stacked ``numpy.linalg.solve`` (skipping
pairs where a row of ``I`` is dominated on ``J``), keeps the feasible ones,
then pairs row and column vertices.

Pairing vertices rather than requiring both mixes to come from the same
``(I, J)`` is what makes degenerate games work: there an extreme equilibrium
may have supports of different sizes.  The same vertices also decide
degeneracy exactly (see :func:`bimatrix_equilibria`).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np

from ..errors import UnsupportedError
from .regret import default_tol, regrets

#: Most square systems (per player) the enumeration will set up.
MAX_SUPPORT_PAIRS = 5_000_000
#: Most (row vertex, column vertex) pairs the pairing step will test.
MAX_VERTEX_PAIRS = 100_000_000
# Below this many systems, pruning dominated ones costs more than it saves.
_PRUNE_ABOVE = 100
# Floats per stacked solve: keeps one stack near 32 MB whatever the game size.
_CHUNK_FLOATS = 4_000_000


@dataclass(frozen=True)
class BimatrixEquilibria:
    """Result of :func:`bimatrix_equilibria`.

    Attributes
    ----------
    equilibria : tuple of (numpy.ndarray, numpy.ndarray)
        Read-only ``(x, y)`` probability vectors of the row and column player,
        one pair per extreme equilibrium, without duplicates.  Sorted by the
        row player's support (smaller supports first, then by strategy
        index), then the column player's, then by the probabilities.
    degenerate : bool
        Some mix with support size ``k`` has more than ``k`` pure best
        responses (within tolerance).  Only then can equilibria form continua.
    notes : tuple of str
        Plain-English remarks: why the game is degenerate, what was not
        searched, what failed verification.
    """

    equilibria: tuple[tuple[np.ndarray, np.ndarray], ...]
    degenerate: bool
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Vertices:
    """Vertices of one player's best-response polytope.

    ``mixes[v]`` is the mixing player's strategy, ``support[v]`` where it is
    positive, ``best[v]`` which of the responder's pure strategies are best
    responses to it.
    """

    mixes: np.ndarray
    support: np.ndarray
    best: np.ndarray


def bimatrix_equilibria(
    A, B, tol: float | None = None, max_support: int | None = None
) -> BimatrixEquilibria:
    """Find all extreme Nash equilibria of a two-player game.

    For a non-degenerate game these are all its equilibria.  For a
    degenerate game every equilibrium is a convex combination of the listed
    ones, but not every such combination is an equilibrium.

    Parameters
    ----------
    A, B : array_like
        Payoffs of the row and the column player, both of shape ``(m, n)``.
    tol : float, optional
        Absolute payoff tolerance: a strategy counts as a best response when
        within ``tol`` of the best, and every equilibrium returned has regret
        at most ``tol`` for both players.  Defaults to
        :func:`~gametheory_re.solvers.regret.default_tol` of the payoffs.
        Probabilities within ``tol / max(1, max |payoff|)`` of zero are set
        to zero.
    max_support : int, optional
        Largest support size searched; equilibria in which a player mixes
        over more strategies are not found.  Default: no limit.

    Returns
    -------
    BimatrixEquilibria

    Raises
    ------
    ValueError
        If ``A`` and ``B`` are not finite matrices of one shape, ``tol`` is
        negative or ``max_support`` is below 1.
    gametheory_re.errors.UnsupportedError
        If the enumeration would set up more than :data:`MAX_SUPPORT_PAIRS`
        linear systems per player, or pair up more than
        :data:`MAX_VERTEX_PAIRS` vertices.

    Notes
    -----
    A game is degenerate exactly when some vertex of a best-response polytope
    has more pure best responses than its support size, so checking the
    vertices found is a complete test, up to ``tol`` and for supports up to
    ``max_support``.  Vertices from nearly singular systems may carry larger
    round-off than ``tol`` allows; they are dropped, so very badly conditioned
    games can lose equilibria (a note says so when none at all survive).
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or A.shape != B.shape or A.size == 0:
        raise ValueError(
            f"A and B must be non-empty matrices of one shape, got {A.shape} and {B.shape}"
        )
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(B))):
        raise ValueError("payoffs must be finite")
    if tol is not None and not tol >= 0:
        raise ValueError(f"tol must be non-negative, got {tol}")
    if max_support is not None and max_support < 1:
        raise ValueError(f"max_support must be at least 1, got {max_support}")
    payoffs = np.stack([A, B])
    if tol is None:
        tol = default_tol(payoffs)
    # Probabilities are dimensionless: scale the payoff tolerance back down.
    prob_tol = tol / max(1.0, float(np.max(np.abs(payoffs))))
    m, n = A.shape
    k_max = min(m, n) if max_support is None else min(m, n, int(max_support))

    n_systems = sum(math.comb(m, k) * math.comb(n, k) for k in range(1, k_max + 1))
    if n_systems > MAX_SUPPORT_PAIRS:
        raise UnsupportedError(
            f"a {m}x{n} game has {n_systems:,} pairs of supports up to size {k_max}, "
            f"more than the {MAX_SUPPORT_PAIRS:,} this solver enumerates; "
            "pass a smaller max_support to search small supports only"
        )

    col_vertices = _vertices(A, k_max, tol, prob_tol)
    row_vertices = _vertices(B.T, k_max, tol, prob_tol)

    notes = []
    witness = _degeneracy_witness(row_vertices, col_vertices)
    degenerate = witness is not None
    if degenerate:
        notes.append(
            f"The game is degenerate: {witness}. Equilibria may then form continua; "
            "the list gives the equilibria at the corners of those sets, each "
            "verified, but is not a complete description: not every mixture of "
            "listed equilibria is an equilibrium."
        )
        row_vertices, col_vertices = _unique(row_vertices), _unique(col_vertices)
        n_pairs = len(row_vertices.mixes) * len(col_vertices.mixes)
        if n_pairs > MAX_VERTEX_PAIRS:
            raise UnsupportedError(
                f"this degenerate game has {n_pairs:,} pairs of candidate vertices, more "
                f"than the {MAX_VERTEX_PAIRS:,} this solver pairs up; pass a smaller max_support"
            )
        rows, cols = _match_subsets(row_vertices, col_vertices)
    else:
        rows, cols = _match_exact(row_vertices, col_vertices)
    equilibria = _verified(payoffs, row_vertices, col_vertices, rows, cols, tol)

    if k_max < min(m, n):
        notes.append(
            f"Only supports of up to {k_max} strategies were searched; equilibria in "
            "which a player mixes over more strategies are missing."
        )
    if len(equilibria) < len(rows):
        notes.append(
            f"{len(rows) - len(equilibria)} candidate equilibria had regret above the "
            f"tolerance {tol:g} after rounding and were dropped."
        )
    if not equilibria and k_max == min(m, n):
        notes.append(
            "No equilibrium passed verification, although every finite game has one: "
            "the payoffs are probably too badly conditioned for tolerance "
            f"{tol:g}; try rescaling them or a larger tol."
        )
    return BimatrixEquilibria(tuple(equilibria), degenerate, tuple(notes))


def _degeneracy_witness(row_vertices: _Vertices, col_vertices: _Vertices) -> str | None:
    """Describe a mix with more pure best responses than its support size, if any."""
    sides = (("row", "column", row_vertices), ("column", "row", col_vertices))
    for mixer, responder, vert in sides:
        used = vert.support.sum(axis=1)
        answers = vert.best.sum(axis=1)
        excess = (answers > used).nonzero()[0]
        if len(excess):
            v = excess[0]
            mix = "a pure strategy" if used[v] == 1 else f"a mix of {used[v]} strategies"
            return (
                f"against {mix} of the {mixer} player, the {responder} player "
                f"has {answers[v]} equally good best responses"
            )
    return None


@functools.lru_cache(maxsize=128)
def _combinations(n: int, k: int) -> np.ndarray:
    """All ``k``-subsets of ``range(n)`` as rows of a read-only index array."""
    out = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False
    return out


def _vertices(M: np.ndarray, k_max: int, tol: float, prob_tol: float) -> _Vertices:
    """Vertices of the best-response polytope of the player who mixes over M's columns.

    ``M[i, j]`` is the *responder's* payoff when it plays ``i`` against the
    mixing player's ``j``.  In a degenerate game a vertex may be found more
    than once.
    """
    n_resp, n_mix = M.shape
    # Size 1 needs no solving: the vertex is the pure strategy itself.
    mixes = [np.eye(n_mix)]
    best = [(M >= M.max(axis=0) - tol).T]
    for k in range(2, k_max + 1):
        responders = _combinations(n_resp, k)
        mixers = _combinations(n_mix, k)
        step = max(1, _CHUNK_FLOATS // max(n_resp * n_resp * k, len(responders) * (k + 1) ** 2))
        for start in range(0, len(mixers), step):
            found = _vertices_k(M, responders, mixers[start : start + step], tol, prob_tol)
            mixes.append(found[0])
            best.append(found[1])
    mixes = np.concatenate(mixes)
    return _Vertices(mixes, mixes > 0, np.concatenate(best))


def _vertices_k(M, responders, mixers, tol, prob_tol):
    """Vertices from the square systems of every (responder set, mixer set) pair.

    Returns the mixes (full length, clipped and renormalised) and their
    best-response masks.
    """
    n_resp, n_mix = M.shape
    k = mixers.shape[1]
    if len(responders) * len(mixers) <= _PRUNE_ABOVE:
        which_mix, which_resp = np.divmod(np.arange(len(mixers) * len(responders)), len(responders))
    else:
        # A responder strategy beaten by another one on every column of the
        # mixer set is never a best response to a mix over it; skipping the
        # systems that need it to be one cuts their number several times over.
        on_mixers = M[:, mixers]
        dominated = (on_mixers[:, None] > on_mixers[None] + tol).all(axis=-1).any(axis=0)
        usable = (~dominated.T)[:, responders].all(axis=-1)
        which_mix, which_resp = usable.nonzero()
    resp_sets = responders[which_resp]
    mix_sets = mixers[which_mix]

    systems = np.empty((len(resp_sets), k + 1, k + 1))
    systems[:, :k, :k] = M[resp_sets[:, :, None], mix_sets[:, None, :]]
    systems[:, :k, k] = -1.0
    systems[:, k, :k] = 1.0
    systems[:, k, k] = 0.0
    solution = _solve_unit_rhs(systems)[:, :k]

    # NaN (singular) rows fail this test too; nearly singular ones give huge
    # entries of both signs and fail it or the best-response test below.
    keep = (solution >= -prob_tol).all(axis=1).nonzero()[0]
    probs = solution[keep]
    probs[probs <= prob_tol] = 0.0
    probs /= probs.sum(axis=1, keepdims=True)
    mixes = np.zeros((len(keep), n_mix))
    at = np.arange(len(keep))[:, None]
    mixes[at, mix_sets[keep]] = probs

    values = np.einsum("pj,ij->pi", mixes, M)
    best = values >= values.max(axis=1, keepdims=True) - tol
    # The system only made the responder set's payoffs equal; they must also
    # be the best, or this is no vertex.
    ok = best[at, resp_sets[keep]].all(axis=1)
    return mixes[ok], best[ok]


def _solve_unit_rhs(systems: np.ndarray) -> np.ndarray:
    """Solve ``S @ z = e_last`` for a stack of square systems; NaN rows where singular."""
    size = systems.shape[-1]
    rhs = np.zeros((size, 1))
    rhs[-1] = 1.0
    try:
        return np.linalg.solve(systems, rhs)[..., 0]
    except np.linalg.LinAlgError:
        pass
    # Exact ties in the payoffs (typical of integer games) make some systems
    # exactly singular, and LAPACK then refuses the whole stack.  An SVD
    # solves the rest and says which are singular, at numpy's rank cutoff.
    u, s, vt = np.linalg.svd(systems)
    singular = s[:, -1] <= s[:, 0] * size * np.finfo(float).eps
    s[singular] = 1.0
    solution = np.einsum("pji,pj->pi", vt, u[:, -1, :] / s)
    solution[singular] = np.nan
    return solution


def _unique(vert: _Vertices) -> _Vertices:
    """Drop repeats: a vertex is fixed by its support and best-response set."""
    signatures = np.concatenate([vert.support, vert.best], axis=1)
    _, first = np.unique(signatures, axis=0, return_index=True)
    first.sort()
    return _Vertices(vert.mixes[first], vert.support[first], vert.best[first])


def _match_exact(row_vertices: _Vertices, col_vertices: _Vertices):
    """Complementary pairs in a non-degenerate game, by a join on exact keys.

    There every vertex has as many best responses as it uses strategies, so
    complementarity forces each player's support to *equal* the other's
    best-response set.
    """
    def keys(first, second):
        packed = np.packbits(np.concatenate([first, second], axis=1), axis=1)
        return np.ascontiguousarray(packed).view(f"V{packed.shape[1]}").ravel()

    _, rows, cols = np.intersect1d(
        keys(row_vertices.best, row_vertices.support),
        keys(col_vertices.support, col_vertices.best),
        assume_unique=True,
        return_indices=True,
    )
    return rows, cols


def _match_subsets(row_vertices: _Vertices, col_vertices: _Vertices):
    """Complementary pairs in general: each support inside the other's best responses."""
    # Count, for every pair, the strategies used that are not best responses;
    # 0/1 float32 matrices keep the counts exact and the products fast.
    x_used = row_vertices.support.astype(np.float32)
    y_used = col_vertices.support.astype(np.float32)
    col_not_best = (~row_vertices.best).astype(np.float32)
    row_not_best = (~col_vertices.best).astype(np.float32)
    rows, cols = [], []
    step = max(1, _CHUNK_FLOATS // len(y_used))
    for start in range(0, len(x_used), step):
        stop = start + step
        clash = x_used[start:stop] @ row_not_best.T + col_not_best[start:stop] @ y_used.T
        r, c = (clash == 0).nonzero()
        rows.append(r + start)
        cols.append(c)
    return np.concatenate(rows), np.concatenate(cols)


def _verified(payoffs, row_vertices: _Vertices, col_vertices: _Vertices, rows, cols, tol):
    """The candidate pairs whose regrets are within ``tol``, read-only and sorted."""
    found = []
    for r, c in zip(rows, cols):
        x = row_vertices.mixes[r].copy()
        y = col_vertices.mixes[c].copy()
        if regrets(payoffs, (x, y)).max() <= tol:
            x.flags.writeable = False
            y.flags.writeable = False
            found.append((x, y))

    def key(eq):
        x, y = eq
        sx, sy = np.flatnonzero(x), np.flatnonzero(y)
        return (len(sx), tuple(sx), len(sy), tuple(sy), tuple(x), tuple(y))

    return sorted(found, key=key)
