"""Ruling support profiles out soundly before any exact algebra.

:func:`surviving_supports` prunes every profile at once by strict dominance
within the others' supports; :func:`box_search` proves profiles empty, or
finds their equilibria, by interval bounds on boxes of unknowns, many
profiles at a time; :func:`linear_rejected` by a
well-conditioned float solve where two players mix.  :func:`bezout_number`
bounds how many isolated solutions a profile's equations can have, which
decides how much effort these tests deserve.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np

from .box_bounds import batch_tables, box_corners, corner_values, gain_bounds, halves, krawczyk, players_unknowns
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
    """Whether interval bounds prove that a support profile holds no equilibrium: :func:`box_search` for one.

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]], [[0.0, 0.0], [0.0, 0.0]]])
    >>> game = np.stack([np.stack([u, u], axis=-1) for u in pennies])  # a third player, indifferent, with 2 strategies
    >>> box_excluded(game, ((0, 1), (0, 1), (0,)), 1e-9), box_excluded(game, ((0,), (0, 1), (0,)), 1e-9)
    (False, True)
    """
    (found,) = box_search(payoffs, [support], tol, max_boxes, deadline)
    return found is not None and not len(found)


def box_search(payoffs: np.ndarray, supports, tol: float, max_boxes: int = 20_000, deadline=None, certify: bool = False):
    """Decide support profiles of like sizes by interval bounds on boxes of unknowns, where that suffices.

    For each profile the unknowns (each player's probabilities of its
    support strategies but the first) range over a box, bisected along its
    widest sides, a whole generation of boxes at a time (where one table
    holds every column, :attr:`~.box_bounds.BoxTables.joint`, halved along
    every unknown at once, each box's corner values kept and halved with
    it: :func:`~.box_bounds.halves`).  On a box every
    indifference equation and every deviation gain is affine in each
    player's unknowns separately, so its least and greatest values are at
    the box's corners: exact bounds.  A box is discarded when some equation
    stays away from 0, some deviation gains more than ``tol`` throughout,
    or it lies outside the simplex.  Boxes at most :data:`_KRAWCZYK_WIDTH`
    wide (:data:`_KRAWCZYK_HALVED_WIDTH` in some halved searches) also get
    the Krawczyk test (:func:`~.box_bounds.krawczyk`): it
    discards those that hold no solution of the equations, and proves that
    others hold exactly one.  Such a box *certifies* an equilibrium when,
    throughout it (or throughout its part inside the Krawczyk enclosure,
    which holds the solution too), every probability is positive and every
    strategy outside the support earns strictly less: the solution is then an equilibrium,
    isolated, and exact (not merely within ``tol``).  Only margins far above
    float round-off count, so every verdict is a proof (up to that
    round-off).  The profiles' boxes are examined together, each generation
    in a few NumPy calls for all of them; each profile's verdict is the one
    it would get alone.

    Parameters
    ----------
    payoffs : numpy.ndarray
    supports : sequence of tuple of tuple of int
        Support profiles with one :func:`box_batch_key`: the same support
        sizes and strategy counts, up to the order of the players.
    tol : float
    max_boxes : int
        Boxes examined for a profile before giving up on it.
    deadline : Deadline, optional
        Checked once per generation of boxes.
    certify : bool
        Whether equilibria may be certified.  If not, a profile with a box
        that holds a solution is given up at once (exact algebra must then
        find it).

    Returns
    -------
    list
        Per profile: None when undecided (the budget ran out, or some box
        holds a solution that is not certified), else its equilibria as
        an array ``[equilibrium, unknown]`` of the unknowns' values (no rows:
        the profile holds no equilibrium).

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    ValueError
        When ``supports`` is empty or its batch keys differ.
    """
    shape = payoffs.shape[1:]
    keys = {box_batch_key(shape, support) for support in supports}
    if len(keys) != 1:
        raise ValueError(f"supports: expected profiles of one batch key (box_batch_key), got {sorted(keys)}")
    margin = 1e-12 * max(1.0, float(np.max(np.abs(payoffs))))
    # Each profile in its own order of the players, so that one layout serves all.
    bt, orders = batch_tables(payoffs, supports)
    mixing, offsets, unknowns = bt.mixing, bt.offsets, bt.unknowns
    # Where one table holds every column (BoxTables.joint: at most 4 unknowns),
    # each box's corner values are kept, and every box is halved along every
    # unknown at once, its halves' values the means of its own (halves): a
    # generation is then a few NumPy calls on small arrays, and payoffs are
    # read again only for boxes the Krawczyk test cuts down.
    subdivided = bt.joint is not None and unknowns > 0
    if subdivided and len(supports) > 1:
        # The kept values are [column, box, corner], at most max_boxes boxes a
        # profile: bound the batch's memory.  Each verdict is the one alone anyway.
        per_profile = max(1, max_boxes) * bt.joint.shape[2] * 2**unknowns
        size = max(1, _SUBDIVIDED_FLOATS // per_profile)
        if len(supports) > size:
            return [
                verdict for start in range(0, len(supports), size)
                for verdict in box_search(payoffs, supports[start : start + size], tol, max_boxes, deadline, certify)
            ]
    values = None
    if subdivided:  # the first generation: the unit box's halves
        lo, hi, owner = np.zeros((len(supports), unknowns)), np.ones((len(supports), unknowns)), np.arange(len(supports))
        lo, hi, values = halves(lo, hi, corner_values(bt, owner, box_corners(bt, lo, hi)), owner)
        owner = np.repeat(owner, 2**unknowns)
    else:
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
    # Halved boxes whose profiles have no strategy outside their supports (no deviation columns) wait longer.
    krawczyk_width = _KRAWCZYK_HALVED_WIDTH if subdivided and bt.joint.shape[2] == unknowns else _KRAWCZYK_WIDTH
    examined = np.zeros(len(supports), dtype=np.int64)
    gave_up = np.zeros(len(supports), dtype=bool)
    certified = [[] for _ in supports]
    chunk = max(1, _CHUNK_CORNERS // 2**unknowns)
    generation = 0
    while len(lo):
        if deadline is not None:
            deadline.check()
        generation += 1
        if values is not None and generation % _FRESH_GENERATIONS == 0:
            # Each halving rounds the kept values a little: evaluate them afresh
            # now and then, so that the error stays far below the margins.
            for part in _chunks(owner, chunk):
                values[:, part] = corner_values(bt, owner[part], box_corners(bt, lo[part], hi[part]))
        examined += np.bincount(owner, minlength=len(supports))
        gave_up |= examined > max_boxes
        keep = ~gave_up[owner]
        strict = np.zeros(len(lo), dtype=bool)
        if values is not None:  # no payoffs to read: every box at once
            kept, strict = _boxes_kept(bt, lo, hi, owner, tol, margin, values)
            keep &= kept
        else:
            for part in _chunks(owner, chunk):
                kept, strict[part] = _boxes_kept(bt, lo[part], hi[part], owner[part], tol, margin)
                keep[part] &= kept
        if unknowns and len(mixing) > 1:
            small = (keep & ((hi - lo).max(axis=1) <= krawczyk_width)).nonzero()[0]
            for piece in _chunks(owner[small], chunk):
                part = small[piece]
                corners = box_corners(bt, lo[part], hi[part])
                empty, unique, solution, low, high = krawczyk(bt, owner[part], lo[part], hi[part], corners)
                keep[part[empty | unique]] = False
                cut = part[((low != lo[part]) | (high != hi[part])).any(axis=1) & keep[part]]
                lo[part], hi[part] = low, high  # every solution in a box lies in its part inside K
                if values is not None and len(cut):  # a box cut down: its corners are new
                    values[:, cut] = corner_values(bt, owner[cut], box_corners(bt, lo[cut], hi[cut]))
                again = part[unique & ~strict[part]]
                if certify and len(again):  # strict throughout the box cut down to K, which is far smaller?
                    strict[again] = _boxes_kept(bt, lo[again], hi[again], owner[again], tol, margin)[1]
                for b, z in zip(part[unique], solution[unique]):
                    if certify and strict[b]:
                        certified[owner[b]].append(z)
                    else:  # a solution exact algebra must classify
                        gave_up[owner[b]] = True
            keep &= ~gave_up[owner]
        lo, hi, owner = lo[keep], hi[keep], owner[keep]
        if not unknowns or not len(lo):
            break  # no unknowns: each profile's one box is a point
        if values is not None:
            # A profile whose halves would exceed its budget gives up now, as it would on examining them.
            gave_up |= examined + np.bincount(owner, minlength=len(supports)) * 2**unknowns > max_boxes
            stay = ~gave_up[owner]
            lo, hi, values = halves(lo[stay], hi[stay], values[:, keep.nonzero()[0][stay]], owner[stay])
            owner = np.repeat(owner[stay], 2**unknowns)
            continue
        for _ in range(_SPLITS):  # bisect every surviving box along its widest side
            widest = np.argmax(hi - lo, axis=1)
            rows = np.arange(len(lo))
            mid = (lo[rows, widest] + hi[rows, widest]) / 2
            # Each box's halves side by side, so each profile's boxes stay
            # together: one matrix product per profile in corner_gains, on the
            # same rows as alone (see _chunks).
            lo, hi, owner = np.repeat(lo, 2, axis=0), np.repeat(hi, 2, axis=0), np.repeat(owner, 2)
            lo[2 * rows + 1, widest] = mid
            hi[2 * rows, widest] = mid
    live = np.bincount(owner, minlength=len(supports)) > 0
    out = []
    for g, order in enumerate(orders):
        if gave_up[g] or live[g]:
            out.append(None)
            continue
        out.append(players_unknowns(bt, order, np.array(certified[g], dtype=float).reshape(len(certified[g]), unknowns)))
    return out


def _chunks(owner: np.ndarray, size: int) -> list[slice]:
    """Slices of at most ``size`` consecutive boxes (``owner`` sorted) covering them all, each profile's cut as if alone.

    A profile's boxes are cut every ``size`` boxes from its first, and whole
    pieces are grouped into chunks.  So each profile's boxes meet
    :func:`~.box_bounds.corner_gains` in the same matrix products, of the
    same rows, in a batch as alone: BLAS may round a row differently
    depending on how many rows share its product.

    Examples
    --------
    >>> _chunks(np.array([0, 0, 0, 1, 1, 2]), 2)
    [slice(0, 2, None), slice(2, 3, None), slice(3, 5, None), slice(5, 6, None)]
    >>> _chunks(np.array([0, 1, 2, 2]), 3)
    [slice(0, 2, None), slice(2, 4, None)]
    >>> _chunks(np.array([4, 4, 4, 4, 4]), 2)  # one profile
    [slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
    """
    if not len(owner):
        return []
    if owner[0] == owner[-1]:  # one profile (the common case)
        return [slice(start, min(start + size, len(owner))) for start in range(0, len(owner), size)]
    runs = np.flatnonzero(np.diff(owner, prepend=-1)).tolist() + [len(owner)]
    cuts = [c for start, end in zip(runs[:-1], runs[1:]) for c in range(start, end, size)] + [len(owner)]
    chunks, first = [], 0
    for start, end in zip(cuts[:-1], cuts[1:]):
        if end - first > size:
            chunks.append(slice(first, start))
            first = start
    chunks.append(slice(first, len(owner)))
    return chunks


def box_batch_key(shape, support) -> tuple:
    """What profiles :func:`box_search` examines together must share: support and strategy counts, in any player order.

    Examples
    --------
    >>> box_batch_key((2, 2, 2), ((0, 1), (1,), (0, 1))) == box_batch_key((2, 2, 2), ((0,), (0, 1), (0, 1)))
    True
    """
    return tuple(sorted((len(s), n) for s, n in zip(support, shape)))


#: Box corners evaluated per batch of NumPy calls: bounds the memory of :func:`box_search`, and
#: keeps its arrays near the cache's size (2**18 or 2**12 corners ran 4x4x4 games' tests 1.1-2x slower).
_CHUNK_CORNERS = 2**15
#: Each generation bisects every surviving box this many times (along its
#: widest side each time), so that a test needs fewer generations, each of
#: some 100 NumPy calls.  Twice: 2x2x2x2x2 games 0.92 -> 0.65 s over
#: bench_nplayer.py's 10, 2x2x2x2 0.16 -> 0.13 s over 20, 3x3x3, 4x4x4 and
#: 3x3x3x3 within noise; three times: 2x2x2x2x2 0.79 s.
_SPLITS = 2
#: Corner values :func:`box_search` keeps for a batch of profiles, at most
#: (8 bytes each): larger batches are searched in parts.
_SUBDIVIDED_FLOATS = 2**22
#: ... and evaluates afresh every this many generations: the halvings in
#: between round them by at most some ``16 * 16 eps`` of the largest corner
#: value, far below the margin (``1e-12`` of the largest payoff).  Searches
#: mostly end within 8 generations.
_FRESH_GENERATIONS = 16
#: Boxes at most this wide get the Krawczyk test: on wider ones the
#: linearisation is mostly too coarse to decide anything.  1/8 rather than
#: 1/16: bench_nplayer.py's 2^5 games 0.372 -> 0.339 s, and one more of the
#: 10 complete (its full support decided instead of solved numerically);
#: 2x2x2x2, 3x3x3 and 4x4x4 within 1 %.  At 1/4, 2x2x2x2 and 3x3x3 lost 12-25 %.
_KRAWCZYK_WIDTH = 1 / 8
#: The same where every box is halved along every unknown at once (corner
#: values kept) and no strategy is outside the supports: only the equations
#: discard boxes there, and one more halving before the test pays.
#: bench_nplayer.py's 20 2x2x2x2 totally mixed supports, best of 7: 1.05 ms
#: per game at 1/8, 0.96 at 1/16, 0.83 at 1/32 but with one support over its
#: budget (left to exact algebra, 13 ms).  With deviations to test (its 2^5
#: games' four-mixer supports) 1/16 was slower: 2^5 games 24 -> 27 ms.
_KRAWCZYK_HALVED_WIDTH = 1 / 16
#: A certified equilibrium's probabilities exceed this throughout its box.
_POSITIVE = 1e-9


def _boxes_kept(bt, lo, hi, owner, tol, margin, values=None):
    """Which boxes (``lo``, ``hi``; of profile ``owner``) :func:`box_search` cannot discard, and which are strict.

    Strict: every probability exceeds :data:`_POSITIVE` and every strategy
    outside the support earns less than the support's by more than
    ``margin``, throughout the box.  ``values``: the boxes'
    :func:`~.box_bounds.corner_values`, if known.
    """
    if bt.unknowns and len(bt.mixing) == bt.unknowns:
        # One unknown per mixing player: every box lies in the simplex (the unit box).
        keep = np.ones(len(lo), dtype=bool)
        strict = (lo.min(axis=1) > _POSITIVE) & (hi.max(axis=1) < 1 - _POSITIVE)
    elif bt.unknowns:
        # Every mixing player's unknowns summed at once: the box lies in its
        # simplex only if the low corner does, and strictly inside if the high one does.
        starts = bt.offsets[:-1]
        keep = (np.add.reduceat(lo, starts, axis=1) <= 1 + 1e-12).all(axis=1)
        strict = (lo.min(axis=1) > _POSITIVE) & (np.add.reduceat(hi, starts, axis=1) < 1 - _POSITIVE).all(axis=1)
    else:
        keep, strict = np.ones(len(lo), dtype=bool), np.ones(len(lo), dtype=bool)
    if values is None:
        least, most = gain_bounds(bt, owner, box_corners(bt, lo, hi))
    else:
        least, most = values.min(axis=2).T, values.max(axis=2).T
    equations = bt.unknowns  # the equations' columns come first
    keep &= ((least[:, :equations] <= margin) & (most[:, :equations] >= -margin)).all(axis=1)
    keep &= ~(least[:, equations:] > tol + margin).any(axis=1)
    strict &= (most[:, equations:] < -margin).all(axis=1)
    return keep, strict


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
        # Pure profile r lies in the supports' profile (bitmasks less one) when every strategy's bit is set.
        masks = np.array(boxes, dtype=np.int64).reshape(len(boxes), -1) + 1
        strategies = np.array(pure, dtype=np.int64).reshape(len(pure), -1)
        containment = (((masks[None] >> strategies[:, None]) & 1) == 1).all(axis=2)[None, None]
        index = np.zeros(count, dtype=np.int64)
        for q in others:
            index = index * n_masks[q] + grid[q]
        positions = grid[p] * len(boxes) + index
        players.append(((p, *others), k, containment, _membership(k).astype(np.int64), positions))
    sets = [[_strategies(m + 1) for m in range(n)] for n in n_masks]
    profiles = [tuple(sets[q][m] for q, m in enumerate(column)) for column in grid.T.tolist()]
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


def bezout_number(unknowns: tuple[int, ...]) -> int:
    """Most isolated solutions a support system can have (multihomogeneous Bezout bound).

    Player ``i`` contributes ``unknowns[i]`` unknowns and as many equations,
    each of degree 1 in every other player's unknowns and 0 in its own, so
    the bound is the coefficient of ``prod z_j**k_j`` in
    ``prod_i (sum_{j != i} z_j)**k_i``.  It does not depend on the order of
    the players, and players with no unknowns add nothing.

    Parameters
    ----------
    unknowns : tuple of int
        ``|S_i| - 1`` per player.

    Returns
    -------
    int

    Examples
    --------
    >>> bezout_number((1, 1, 1)), bezout_number((0, 1, 2, 1)), bezout_number((2, 1, 1))
    (2, 2, 2)
    """
    return _bezout(tuple(sorted(k for k in unknowns if k)))


@functools.lru_cache(maxsize=None)
def _bezout(unknowns: tuple[int, ...]) -> int:
    """:func:`bezout_number` of ``unknowns`` sorted, without zeros: one computation per set of sizes."""
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
