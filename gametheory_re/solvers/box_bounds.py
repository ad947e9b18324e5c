"""Bounds of support equations over boxes of unknowns: corner values and the Krawczyk test.

A support profile's unknowns are each mixing player's probabilities of its
support strategies but the first.  Every payoff is multilinear in the
players' mixes, hence affine in each player's unknowns separately, so over a
box its least and greatest values are at the box's corners
(:func:`corner_values`).  The same holds for the derivatives of the
indifference equations, which :func:`krawczyk` uses to prove that a box
holds no solution of them, or exactly one.

Tables are :func:`support_tables`: ``tables[p][g]`` is player ``p``'s
payoffs on profile ``g``, one axis per player, ``p``'s own strategies with
its support's first and the others' support strategies only; the unknowns
are laid out by :func:`layout`.
"""

from __future__ import annotations

import itertools

import numpy as np

#: Krawczyk decisions need margins far above round-off: boxes whose
#: linearisation is worse conditioned than this are left to bisection.
_MAX_CONDITION = 1e8
#: Absolute margin, in probability units, on the Krawczyk enclosure ...
_MARGIN = 1e-10
#: ... plus this times the linearisation's condition number: the round-off
#: of ``Y F(c)`` is about the relative error of ``F(c)`` (a few ``eps``)
#: times that number, so the margin stays some ten times above it.
_ROUNDING = 1e-14
#: Chord steps that refine the solution in a box Krawczyk proved to hold one.
_CHORD_STEPS = 8


def layout(sizes) -> tuple[list[int], np.ndarray, list[np.ndarray]]:
    """Where a profile with these support sizes keeps its unknowns: ``(mixing, offsets, corner_bits)``.

    ``mixing`` lists the players with two or more support strategies;
    player ``mixing[j]``'s unknowns are ``offsets[j]:offsets[j + 1]``; a
    box's corners take each unknown low (False) or high (True) as the rows
    of ``corner_bits[j]`` say.

    Examples
    --------
    >>> mixing, offsets, bits = layout((2, 1, 3))
    >>> mixing, offsets.tolist(), bits[1].astype(int).tolist()
    ([0, 2], [0, 1, 3], [[0, 0], [0, 1], [1, 0], [1, 1]])
    """
    mixing = [p for p, k in enumerate(sizes) if k > 1]
    offsets = np.cumsum([0] + [sizes[p] - 1 for p in mixing])
    corner_bits = [np.array(list(itertools.product((0, 1), repeat=sizes[p] - 1)), dtype=bool) for p in mixing]
    return mixing, offsets, corner_bits


def support_tables(payoffs: np.ndarray, supports) -> list[np.ndarray]:
    """Each player's payoffs on each profile, ``tables[p][g]``, as this module's functions take them.

    Player ``p``'s own strategies come with its support's first (its first
    strategy at 0, the others outside it last), so that one index serves
    every profile; the other players' axes keep their support strategies.
    """
    tables = []
    for p in range(payoffs.shape[0]):
        stacked = []
        for support in supports:
            axes = [list(s) for s in support]
            axes[p] = list(support[p]) + [t for t in range(payoffs.shape[1 + p]) if t not in support[p]]
            stacked.append(payoffs[p][np.ix_(*axes)])
        tables.append(np.stack(stacked))
    return tables


def corner_values(tables: np.ndarray, owner: np.ndarray, p: int, corners: list, boxes: int) -> np.ndarray:
    """Player ``p``'s payoff of each own strategy at each corner of each box: ``[box, a_p, corner]``.

    ``tables[g]`` is ``p``'s payoffs on profile ``g`` with one axis per
    player (``p``'s own strategies, the others' support strategies), and
    box ``b`` belongs to profile ``owner[b]``; ``corners`` pairs each other
    mixing player ``q`` with its corner mixtures ``[box, c_q, a_q]``.  The
    axes are contracted one player at a time by batched matrix products,
    several times faster than one many-operand ``einsum``.  In the last
    axis the first operand's corners vary slowest.

    Examples
    --------
    >>> table = np.arange(8.0).reshape(1, 2, 2, 2)  # one profile; player 0: 2 strategies; players 1, 2: 2 each
    >>> half = np.full((1, 1, 2), 0.5)  # one box, one corner: the 50:50 mixture
    >>> corner_values(table, np.zeros(1, dtype=int), 0, [(1, half), (2, half)], 1)
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


def mixtures(x: np.ndarray) -> np.ndarray:
    """One player's mixes from its unknowns ``[..., k - 1]``: ``[..., k]``, the first probability first."""
    return np.concatenate([1 - x.sum(axis=-1, keepdims=True), x], axis=-1)


def box_corners(mixing, offsets, corner_bits, lo, hi) -> dict:
    """Each mixing player's mixes at the corners of each box: ``{p: [box, corner, strategy]}``."""
    corners = {}
    for j, p in enumerate(mixing):
        a, b = lo[:, offsets[j] : offsets[j + 1]], hi[:, offsets[j] : offsets[j + 1]]
        corners[p] = mixtures(np.where(corner_bits[j][None], b[:, None, :], a[:, None, :]))
    return corners


def equations(tables, sizes, mixing, offsets, owner, z: np.ndarray) -> np.ndarray:
    """The indifference equations at points ``z`` ``[point, unknown]``: each support strategy's gain over the first."""
    points = {q: mixtures(z[:, offsets[j] : offsets[j + 1]])[:, None, :] for j, q in enumerate(mixing)}
    out = np.empty_like(z)
    for j, p in enumerate(mixing):
        v = corner_values(tables[p], owner, p, [(q, points[q]) for q in mixing if q != p], len(z))[:, : sizes[p], 0]
        out[:, offsets[j] : offsets[j + 1]] = v[:, 1:] - v[:, :1]
    return out


def jacobian_bounds(tables, sizes, mixing, offsets, owner, corners: dict, centre: np.ndarray):
    """The equations at each box's centre, and the least and greatest value of each Jacobian entry over the box.

    The derivative of player ``p``'s equation for strategy ``s`` by
    ``q``'s unknown for strategy ``t`` is ``p``'s gain of ``s`` over its
    first strategy with ``q`` playing ``t``, less the same with ``q``
    playing its first: multilinear in the other players' mixes, so bounded
    at the corners of their unknowns (``corners[r]``, as in
    :func:`corner_values`).  A player's equations do not involve its own
    unknowns: those entries are 0.  One :func:`corner_values` call per
    player gives all of it: each other player's "corners" are its box
    corners, its pure strategies and the centre's mix.

    Returns
    -------
    values : numpy.ndarray
        ``[box, equation]`` at the centres.
    low, high : numpy.ndarray
        ``[box, equation, unknown]``.
    """
    boxes = len(owner)
    total = int(offsets[-1])
    at_centre = {q: mixtures(centre[:, offsets[j] : offsets[j + 1]])[:, None, :] for j, q in enumerate(mixing)}
    values, low, high = np.empty((boxes, total)), np.zeros((boxes, total, total)), np.zeros((boxes, total, total))
    for j, p in enumerate(mixing):
        rows = slice(offsets[j], offsets[j + 1])
        others = [q for q in mixing if q != p]
        extended = [
            (q, np.concatenate([corners[q], np.broadcast_to(np.eye(sizes[q]), (boxes, sizes[q], sizes[q])), at_centre[q]], axis=1))
            for q in others
        ]
        v = corner_values(tables[p], owner, p, extended, boxes)[:, : sizes[p]]
        v = v.reshape((boxes, sizes[p]) + tuple(e.shape[1] for _, e in extended))
        gains = v[:, 1:] - v[:, :1]  # [box, s, each other player's extended corners]
        values[:, rows] = gains[(slice(None), slice(None)) + (-1,) * len(others)]
        for i, q in enumerate(others):
            c = corners[q].shape[1]
            index = [slice(None), slice(None)] + [slice(0, corners[r].shape[1]) for r in others]
            index[2 + i] = slice(c, c + sizes[q])
            pure = np.moveaxis(gains[tuple(index)], 2 + i, 2).reshape(boxes, sizes[p] - 1, sizes[q], -1)
            slopes = pure[:, :, 1:] - pure[:, :, :1]
            column = offsets[mixing.index(q)]
            low[:, rows, column : column + sizes[q] - 1] = slopes.min(axis=-1)
            high[:, rows, column : column + sizes[q] - 1] = slopes.max(axis=-1)
    return values, low, high


def krawczyk(tables, sizes, mixing, offsets, owner, lo, hi, corners: dict):
    """The Krawczyk test of each box: ``(empty, unique, solution, low, high)``.

    With ``c`` the box's centre, ``Y`` the inverse of the Jacobian's
    midpoint and ``J`` its bounds over the box, every solution of the
    equations in the box lies in ``K = c - Y F(c) + (I - Y J)(box - c)``.
    So the box holds none when ``K`` misses it (``empty``), and exactly one
    when ``K`` lies inside it (``unique``; Krawczyk, Moore); ``solution`` is
    then that one, refined by chord steps ``z <- z - Y F(z)`` (NaN
    elsewhere).  Both need ``K`` to clear the box by a margin
    (:data:`_MARGIN`, :data:`_ROUNDING`), and a linearisation conditioned
    better than :data:`_MAX_CONDITION`; other boxes get neither verdict.
    Every solution in the box also lies in the box cut down to ``K``
    (``low``, ``high``): a smaller box to bisect further, and near a
    solution a much smaller one (Newton's quadratic convergence).

    Parameters
    ----------
    tables, sizes, mixing, offsets
        :func:`support_tables`, the support sizes, and :func:`layout`'s first two.
    owner : numpy.ndarray
        The profile of each box.
    lo, hi : numpy.ndarray
        ``[box, unknown]`` bounds.
    corners : dict
        Each mixing player's corner mixes of each box, ``[box, corner, strategy]``.

    Returns
    -------
    empty, unique : numpy.ndarray of bool
    solution : numpy.ndarray
        ``[box, unknown]``.
    low, high : numpy.ndarray
        ``[box, unknown]``: the box intersected with ``K`` where the test
        was usable, the box itself elsewhere (and where ``empty``).
    """
    boxes, total = lo.shape
    centre, radius = (lo + hi) / 2, (hi - lo) / 2
    values, low, high = jacobian_bounds(tables, sizes, mixing, offsets, owner, corners, centre)
    middle, spread = (low + high) / 2, (high - low) / 2
    sign, log_det = np.linalg.slogdet(middle)
    usable = (sign != 0) & np.isfinite(log_det)
    inverse = np.zeros_like(middle)
    inverse[usable] = np.linalg.inv(middle[usable])
    norms = np.abs(middle).sum(axis=1).max(axis=1) * np.abs(inverse).sum(axis=1).max(axis=1)
    usable &= norms < _MAX_CONDITION
    step = np.einsum("bij,bj->bi", inverse, values)
    contraction = np.eye(total) - inverse @ middle
    reach = np.einsum("bij,bj->bi", np.abs(contraction) + np.abs(inverse) @ spread, radius)
    reach += _MARGIN + _ROUNDING * norms[:, None]
    k_lo, k_hi = centre - step - reach, centre - step + reach
    empty = usable & ((k_hi < lo) | (k_lo > hi)).any(axis=1)
    unique = usable & ((k_lo > lo) & (k_hi < hi)).all(axis=1)
    cut = usable & ~empty
    low, high = lo.copy(), hi.copy()
    low[cut], high[cut] = np.maximum(lo[cut], k_lo[cut]), np.minimum(hi[cut], k_hi[cut])
    solution = np.full_like(lo, np.nan)
    if unique.any():
        z, y, who = centre[unique] - step[unique], inverse[unique], owner[unique]
        for _ in range(_CHORD_STEPS):
            z = z - np.einsum("bij,bj->bi", y, equations(tables, sizes, mixing, offsets, who, z))
        solution[unique] = z
    return empty, unique, solution, low, high
