"""Ruling support profiles out soundly before any exact algebra.

:func:`surviving_supports` prunes every profile at once by strict dominance
within the others' supports; :func:`boxes_excluded` proves profiles
empty by interval bounds on boxes of unknowns, many profiles at a time; :func:`linear_rejected` by a
well-conditioned float solve where two players mix.  :func:`bezout_number`
bounds how many isolated solutions a profile's equations can have, which
decides how much effort these tests deserve.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from .regret import max_regret

# A float linear solve with condition number below _MAX_CONDITION is far
# more accurate than _LINEAR_MARGIN, so it may rule out a support.
_MAX_CONDITION = 1e6
_LINEAR_MARGIN = 1e-6


def surviving_supports(payoffs: np.ndarray, tol: float) -> list[tuple[tuple[int, ...], ...]]:
    """Support profiles that no strictly dominated strategy rules out, smallest first.

    A profile ``S`` is ruled out when some strategy in some ``S_i`` earns
    less, by more than ``tol`` (plus a round-off allowance), than another
    strategy of player ``i`` against every pure profile of the others'
    supports.  Every profile is decided at once: for each player the least
    payoff gap between each pair of its strategies is computed over every
    box ``S_-i`` by extending minima one strategy at a time.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    tol : float

    Returns
    -------
    list of tuple of tuple of int
        Ordered by total support size, then by the sizes, then by strategies.
    """
    shape = payoffs.shape[1:]
    scale = max(1.0, float(np.max(np.abs(payoffs)))) if payoffs.size else 1.0
    # An accepted equilibrium has regret at most tol, so only a larger margin
    # proves a profile empty; the allowance covers float round-off.
    margin = tol * (1 + 1e-6) + 1e-15 * scale
    layout = _small_layout(tuple(shape))
    if layout is not None:
        # Small games: the same minima with index tables built once per shape.
        profiles, order, players = layout
        pruned = np.zeros(len(profiles), dtype=bool)
        for p, (axes, k, containment, membership, positions) in enumerate(players):
            u = payoffs[p].transpose(axes).reshape(k, -1)
            gaps = u[:, None, :, None] - u[None, :, :, None]  # [t, s, others' pure profile, others' supports]
            least = np.where(containment, gaps, np.inf).min(axis=2)
            dominated = (least > margin).any(axis=0)  # [s, others' supports]
            pruned |= (membership @ dominated.astype(np.int64)).ravel()[positions] > 0
        return [profiles[i] for i in order[~pruned[order]]]
    n_masks = [2**k - 1 for k in shape]
    pruned = np.zeros(n_masks, dtype=bool)
    for p, k in enumerate(shape):
        u = np.moveaxis(payoffs[p], p, 0)
        gaps = u[:, None] - u[None, :]  # [t, s, others...]: gain of t over s
        for axis in range(2, gaps.ndim):
            gaps = _subset_minima(gaps, axis)
        dominated = (gaps > margin).any(axis=0).reshape(k, -1)  # [s, others' supports]
        hits = (_membership(k).astype(np.int64) @ dominated.astype(np.int64)) > 0
        pruned |= np.moveaxis(hits.reshape([n_masks[p]] + [n_masks[q] for q in range(len(shape)) if q != p]), 0, p)
    profiles = [tuple(_strategies(int(m) + 1) for m in index) for index in np.argwhere(~pruned)]
    return sorted(profiles, key=lambda s: (sum(map(len, s)), tuple(map(len, s)), s))


def box_excluded(payoffs: np.ndarray, support, tol: float, max_boxes: int = 20_000, deadline=None) -> bool:
    """Whether interval bounds prove that a support profile holds no equilibrium.

    :func:`boxes_excluded` for one profile.

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]], [[0.0, 0.0], [0.0, 0.0]]])
    >>> game = np.stack([np.stack([u, u], axis=-1) for u in pennies])  # a third player, indifferent, with 2 strategies
    >>> box_excluded(game, ((0, 1), (0, 1), (0,)), 1e-9), box_excluded(game, ((0,), (0, 1), (0,)), 1e-9)
    (False, True)
    """
    return bool(boxes_excluded(payoffs, [support], tol, max_boxes, deadline)[0])


def boxes_excluded(payoffs: np.ndarray, supports, tol: float, max_boxes: int = 20_000, deadline=None) -> np.ndarray:
    """Which of several support profiles of the same sizes interval bounds prove to hold no equilibrium.

    For each profile the unknowns (each player's probabilities of its
    support strategies but the first) range over a box, bisected along its
    widest side, a whole generation of boxes at a time.  On a box every
    indifference equation and every deviation gain is affine in each
    player's unknowns separately, so its least and greatest values are at
    the box's corners: exact bounds.  A box is discarded when some equation
    stays away from 0, some deviation gains more than ``tol`` throughout,
    or it lies outside the simplex.  Only margins far above float round-off
    count, so ``True`` is a proof (up to that round-off).  The profiles'
    boxes are examined together, each generation in a few NumPy calls for
    all of them (a generation costs some 100 calls, whatever its size);
    each profile's verdict is the one it would get alone.

    Parameters
    ----------
    payoffs : numpy.ndarray
    supports : sequence of tuple of tuple of int
        Support profiles whose ``p``-th supports all have the same size, for
        every player ``p``.
    tol : float
    max_boxes : int
        Boxes examined for a profile before giving up on it.
    deadline : Deadline, optional
        Checked once per generation of boxes.

    Returns
    -------
    numpy.ndarray of bool
        True where every box of that profile was discarded.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    ValueError
        When ``supports`` is empty or its sizes differ.
    """
    sizes = {tuple(len(s) for s in support) for support in supports}
    if len(sizes) != 1:
        raise ValueError(f"supports: expected profiles of one set of sizes, got {sorted(sizes)}")
    (sizes,) = sizes
    n = len(sizes)
    margin = 1e-12 * max(1.0, float(np.max(np.abs(payoffs))))
    mixing = [p for p in range(n) if sizes[p] > 1]
    offsets = np.cumsum([0] + [sizes[p] - 1 for p in mixing])
    unknowns = int(offsets[-1])
    corner_bits = [np.array(list(itertools.product((0, 1), repeat=sizes[p] - 1)), dtype=bool) for p in mixing]
    # Player p's payoffs on each profile, its own strategies ordered with its
    # support's first (its first strategy at 0, the others outside it last),
    # so that one index serves every profile.
    tables = []
    for p in range(n):
        stacked = []
        for support in supports:
            axes = [list(s) for s in support]
            axes[p] = list(support[p]) + [t for t in range(payoffs.shape[1 + p]) if t not in support[p]]
            stacked.append(payoffs[p][np.ix_(*axes)])
        tables.append(np.stack(stacked))
    # The first generation is the unit box halved along every unknown: as many
    # boxes as the first generations of bisection would examine, in one
    # generation instead of several.
    if 2**unknowns <= max_boxes // 4:
        start = np.array(list(itertools.product((0.0, 0.5), repeat=unknowns)), dtype=float).reshape(2**unknowns, unknowns)
        width = 0.5
    else:  # too many halves for the budget: bisect from the unit box
        start, width = np.zeros((1, unknowns)), 1.0
    lo = np.tile(start, (len(supports), 1))
    hi = lo + width
    owner = np.repeat(np.arange(len(supports)), len(start))  # the profile each box belongs to
    examined = np.zeros(len(supports), dtype=np.int64)
    gave_up = np.zeros(len(supports), dtype=bool)
    chunk = max(1, _CHUNK_CORNERS // 2**unknowns)
    while len(lo):
        if deadline is not None:
            deadline.check()
        examined += np.bincount(owner, minlength=len(supports))
        gave_up |= examined > max_boxes
        keep = ~gave_up[owner]
        for first in range(0, len(lo), chunk):
            part = slice(first, first + chunk)
            keep[part] &= _boxes_kept(tables, sizes, mixing, offsets, corner_bits, lo[part], hi[part], owner[part], tol, margin)
        lo, hi, owner = lo[keep], hi[keep], owner[keep]
        if not unknowns:
            break  # no unknowns: each profile's one box is a point
        # Bisect every surviving box along its widest side.
        widest = np.argmax(hi - lo, axis=1)
        rows = np.arange(len(lo))
        mid = (lo[rows, widest] + hi[rows, widest]) / 2
        upper_lo, lower_hi = lo.copy(), hi.copy()
        upper_lo[rows, widest] = mid
        lower_hi[rows, widest] = mid
        lo, hi, owner = np.concatenate([lo, upper_lo]), np.concatenate([lower_hi, hi]), np.concatenate([owner, owner])
        if len(supports) > 1:  # each profile's boxes kept together, for _corner_values
            order = np.argsort(owner, kind="stable")
            lo, hi, owner = lo[order], hi[order], owner[order]
    return ~gave_up & (np.bincount(owner, minlength=len(supports)) == 0)


#: Box corners evaluated per batch of NumPy calls: bounds the memory of :func:`boxes_excluded`, and
#: keeps its arrays near the cache's size (2**18 or 2**12 corners ran 4x4x4 games' tests 1.1-2x slower).
_CHUNK_CORNERS = 2**15


def _boxes_kept(tables, sizes, mixing, offsets, corner_bits, lo, hi, owner, tol, margin) -> np.ndarray:
    """Which boxes (``lo``, ``hi``; of profile ``owner``) :func:`boxes_excluded` cannot discard."""
    keep = np.ones(len(lo), dtype=bool)
    corners = {}
    for j, p in enumerate(mixing):
        a, b = lo[:, offsets[j]:offsets[j + 1]], hi[:, offsets[j]:offsets[j + 1]]
        keep &= a.sum(axis=1) <= 1 + 1e-12
        x = np.where(corner_bits[j][None], b[:, None, :], a[:, None, :])  # [box, corner, unknown]
        corners[p] = np.concatenate([1 - x.sum(axis=2, keepdims=True), x], axis=2)
    for p, table in enumerate(tables):
        values = _corner_values(table, owner, p, [(q, corners[q]) for q in mixing if q != p], len(lo))
        diff = values - values[:, :1]  # gains over the support's first strategy
        k = sizes[p]
        if k > 1:
            equations = diff[:, 1:k]
            keep &= ((equations.min(axis=2) <= margin) & (equations.max(axis=2) >= -margin)).all(axis=1)
        if k < table.shape[1 + p]:
            keep &= diff[:, k:].min(axis=2).max(axis=1) <= tol + margin
    return keep


def _corner_values(tables: np.ndarray, owner: np.ndarray, p: int, corners: list, boxes: int) -> np.ndarray:
    """Player ``p``'s payoff of each own strategy at each corner of each box: ``[box, a_p, corner]``.

    ``tables[g]`` is ``p``'s payoffs on profile ``g`` with one axis per
    player (``p``'s own strategies, the others' support strategies), and
    box ``b`` belongs to profile ``owner[b]``; ``corners`` pairs each other
    mixing player ``q`` with its corner mixtures ``[box, c_q, a_q]``.  The
    axes are contracted one player at a time by batched matrix products,
    several times faster than one many-operand ``einsum``; the order of the
    corners in the last axis is immaterial to the callers, which take
    minima and maxima over it.

    Examples
    --------
    >>> table = np.arange(8.0).reshape(1, 2, 2, 2)  # one profile; player 0: 2 strategies; players 1, 2: 2 each
    >>> half = np.full((1, 1, 2), 0.5)  # one box, one corner: the 50:50 mixture
    >>> _corner_values(table, np.zeros(1, dtype=int), 0, [(1, half), (2, half)], 1)
    array([[[1.5],
            [5.5]]])
    """
    ndim = tables.ndim - 1
    if not corners:
        # No one else mixes: every other axis has length 1.
        return tables.reshape(len(tables), tables.shape[1 + p], 1)[owner]
    (q, first), rest = corners[0], corners[1:]
    # Explicit transposes and matrix products: np.tensordot's and
    # np.moveaxis's argument handling cost more than their arithmetic here,
    # with a few hundred boxes a generation.
    front = tables.transpose([0, 1 + q] + [1 + a for a in range(ndim) if a != q])
    flat = front.reshape(front.shape[:2] + (-1,))
    # Each profile's table multiplies all its boxes' corners at once (one
    # matrix product per profile: gathering a table per box and multiplying
    # box by box costs more where boxes are many).
    rows = first.reshape(-1, first.shape[2])
    if len(tables) == 1:
        values = rows @ flat[0]
    else:
        values = np.empty((len(rows), flat.shape[2]))
        segments = np.flatnonzero(np.diff(owner, prepend=-1, append=-1)) * first.shape[1]
        for start, end in zip(segments[:-1], segments[1:]):
            np.matmul(rows[start:end], flat[owner[start // first.shape[1]]], out=values[start:end])
    values = values.reshape((boxes, first.shape[1]) + front.shape[2:])  # [box, c_q, table's other axes]
    axis_of = [None] * ndim  # where each table axis now is
    for k, axis in enumerate(a for a in range(ndim) if a != q):
        axis_of[axis] = 2 + k
    for r, mixes in rest:
        order = [a for a in range(values.ndim) if a != axis_of[r]]
        moved = values.transpose(order + [axis_of[r]])
        values = moved.reshape(boxes, -1, moved.shape[-1]) @ mixes.transpose(0, 2, 1)
        values = values.reshape(moved.shape[:-1] + (mixes.shape[1],))
        # The contracted axis is gone and a corner axis was added at the end.
        axis_of = [None if a is None or a == axis_of[r] else order.index(a) for a in axis_of]
    own = axis_of[p]
    values = values.transpose([0, own] + [a for a in range(1, values.ndim) if a != own])
    return values.reshape(boxes, tables.shape[1 + p], -1)


#: Games with at most this many support profiles use :func:`_small_layout`.
_SMALL_LAYOUT_PROFILES = 50_000
#: ... provided each player's table of minima has at most this many entries.
_SMALL_LAYOUT_ENTRIES = 200_000


@functools.lru_cache(maxsize=16)
def _small_layout(shape: tuple[int, ...]):
    """Index tables for :func:`surviving_supports` on a small game shape, or None for large ones.

    Returns ``(profiles, order, players)``: every support profile (flat
    index over the players' bitmasks), the flat indices sorted smallest
    first, and per player ``(axes, k, containment, membership, positions)``:
    the transpose bringing its axis first, its number of strategies, which
    pure profiles of the others lie in each profile of their supports
    (``[1, 1, pure, supports]``), :func:`_membership` as integers, and where
    each flat profile falls in the ``[own set, others' supports]`` table.
    """
    n_masks = [2**k - 1 for k in shape]
    count = math.prod(n_masks)
    if count > _SMALL_LAYOUT_PROFILES:
        return None
    players = []
    grid = np.indices(n_masks).reshape(len(shape), -1)  # [player, flat profile]: mask - 1
    for p, k in enumerate(shape):
        others = [q for q in range(len(shape)) if q != p]
        pure = list(itertools.product(*[range(shape[q]) for q in others]))
        boxes = list(itertools.product(*[range(n_masks[q]) for q in others]))
        if k * k * len(pure) * len(boxes) > _SMALL_LAYOUT_ENTRIES:
            return None
        containment = np.array(
            [[all((m + 1) >> s & 1 for s, m in zip(r, box)) for box in boxes] for r in pure], dtype=bool
        )[None, None]
        index = np.zeros(count, dtype=np.int64)
        for q in others:
            index = index * n_masks[q] + grid[q]
        positions = grid[p] * len(boxes) + index
        players.append(((p, *others), k, containment, _membership(k).astype(np.int64), positions))
    profiles = [tuple(_strategies(int(m) + 1) for m in grid[:, f]) for f in range(count)]
    order = np.array(
        sorted(range(count), key=lambda f: (sum(map(len, profiles[f])), tuple(map(len, profiles[f])), profiles[f])),
        dtype=np.int64,
    )
    return profiles, order, players


def _subset_minima(a: np.ndarray, axis: int) -> np.ndarray:
    """Replace ``axis`` (one entry per strategy) by one per nonempty set of strategies (bitmask - 1): their minimum."""
    k = a.shape[axis]
    slices = [np.take(a, s, axis=axis) for s in range(k)]
    out = []
    for mask in range(1, 2**k):
        low = (mask & -mask).bit_length() - 1
        rest = mask & (mask - 1)
        out.append(slices[low] if not rest else np.minimum(slices[low], out[rest - 1]))
    return np.stack(out, axis=axis)


@functools.lru_cache(maxsize=None)
def _membership(k: int) -> np.ndarray:
    """``[mask - 1, s]``: strategy ``s`` is in the set with bitmask ``mask``."""
    masks = np.arange(1, 2**k)
    return (masks[:, None] >> np.arange(k)[None, :]) & 1 == 1


def _strategies(mask: int) -> tuple[int, ...]:
    return tuple(s for s in range(mask.bit_length()) if mask >> s & 1)


@functools.lru_cache(maxsize=None)
def bezout_number(unknowns: tuple[int, ...]) -> int:
    """Most isolated solutions a support system can have (multihomogeneous Bezout bound).

    Player ``i`` contributes ``unknowns[i]`` unknowns and as many equations,
    each of degree 1 in every other player's unknowns and 0 in its own, so
    the bound is the coefficient of ``prod z_j**k_j`` in
    ``prod_i (sum_{j != i} z_j)**k_i``.

    Parameters
    ----------
    unknowns : tuple of int
        ``|S_i| - 1`` per player.

    Returns
    -------
    int
    """
    n = len(unknowns)

    @functools.lru_cache(maxsize=None)
    def count(player: int, room: tuple[int, ...]) -> int:
        if player == n:
            return int(not any(room))
        total = 0
        blocks = [j for j in range(n) if j != player]
        # Split player's equations over the other blocks, multinomially.
        for split in itertools.product(*[range(room[j] + 1) for j in blocks]):
            if sum(split) != unknowns[player]:
                continue
            left = list(room)
            ways = math.factorial(unknowns[player])
            for j, c in zip(blocks, split):
                left[j] -= c
                ways //= math.factorial(c)
            total += ways * count(player + 1, tuple(left))
        return total

    return count(0, tuple(unknowns))


def linear_rejected(payoffs: np.ndarray, support, tol: float, scale: float) -> bool:
    """Floats prove that a support profile where two players mix holds no equilibrium.

    Each mixing player's indifference equations fix the other's mix by a
    linear system.  When both systems are square and well conditioned,
    their float solutions are far more accurate than the margins used: a
    clearly negative probability, or a deviation gaining clearly more
    than ``tol``, rules the profile out without exact algebra.  ``scale``
    is the largest payoff size (at least 1), which the regret margin scales with.
    """
    i, j = [p for p, s in enumerate(support) if len(s) > 1]
    if len(support[i]) != len(support[j]):
        return False
    table = {p: payoffs[p][np.ix_(*support)].reshape(len(support[i]), len(support[j])) for p in (i, j)}
    mixes = {}
    for a, b, rows in ((i, j, table[i]), (j, i, table[j].T)):  # rows: a's strategies, columns: b's
        matrix = np.vstack([rows[1:] - rows[0], np.ones(len(support[b]))])
        try:
            inverse = np.linalg.inv(matrix)
        except np.linalg.LinAlgError:
            return False
        if np.abs(matrix).sum(axis=0).max() * np.abs(inverse).sum(axis=0).max() > _MAX_CONDITION:
            return False
        mixes[b] = inverse[:, -1]
    if min(m.min() for m in mixes.values()) < -_LINEAR_MARGIN:
        return True
    profile = []
    for p, s in enumerate(support):
        v = np.zeros(payoffs.shape[1 + p])
        v[list(s)] = np.clip(mixes[p], 0.0, None) if p in mixes else 1.0
        profile.append(v)
    return max_regret(payoffs, profile) > tol + _LINEAR_MARGIN * scale
