"""Bounds of support equations over boxes of unknowns: corner values and the Krawczyk test.

A support profile's unknowns are each mixing player's probabilities of its
support strategies but the first.  Every payoff is multilinear in the
players' mixes, hence affine in each player's unknowns separately, so over a
box its least and greatest values are at the box's corners.  The same holds
for the derivatives of the indifference equations, which :func:`krawczyk`
uses to prove that a box holds no solution of them, or exactly one.

A batch of profiles of one set of support sizes is a :class:`BoxTables`
(:func:`box_tables` of :func:`support_tables`): each player's gains, and the
slopes of its equations, as tables over the pure profiles of the other
mixing players' supports; the unknowns are laid out by :func:`layout`.  A
table's value at every corner of a box is one matrix product, with the
products of the other players' corner mixes (:func:`corner_products`,
:func:`corner_gains`): two players' corners and pure profiles at a time,
that is a few NumPy calls per player whatever the number of players.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, replace

import numpy as np

#: Krawczyk decisions need margins far above round-off: boxes whose
#: linearisation is worse conditioned than this are left to bisection.
_MAX_CONDITION = 1e8
#: Absolute margin, in probability units, on the Krawczyk enclosure ...
_MARGIN = 1e-10
#: ... plus this times the linearisation's condition number: the round-off
#: of ``Y F(c)`` is about the relative error of ``F(c)`` times that number.
#: That error is taken to be a few ``eps``; it is really about ``eps`` times the
#: number of terms times their sizes over ``|F(c)|``, so the margin holds while
#: the Jacobian is not far smaller than the payoff gains (integer games, the
#: ones tested, round very little; no counterexample is known).
_ROUNDING = 1e-14
#: Chord steps that refine the solution in a box Krawczyk proved to hold one.
_CHORD_STEPS = 8
#: :attr:`BoxTables.joint` is built when its pure profiles times the corners
#: of a box are at most this many (four players mixing two strategies each,
#: or 2x2x3): fewer NumPy calls.  Above it, player by player costs less
#: (box search over bench_nplayer.py's games at 256, 1024 and 2048, against
#: none: 2x2x2x2 0.37 -> 0.25, 0.28, 0.26 s; 2^5 0.49 -> 0.39, 0.63, 0.70;
#: 3x3x3 0.88 -> 0.86, 0.79, 1.52).
_JOINT_SIZE = 256


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
    """Each player's payoffs on each profile, ``tables[p][g]``, as :func:`box_tables` takes them.

    Player ``p``'s own strategies come with its support's first (its first
    strategy at 0, the others outside it last), so that one index serves
    every profile; the other players' axes keep their support strategies.
    """
    tables = []
    for p in range(payoffs.shape[0]):
        stacked = []
        for support in supports:
            table = payoffs[p]
            for axis, strategies in enumerate(support):
                if axis == p:
                    strategies = tuple(strategies) + tuple(t for t in range(payoffs.shape[1 + p]) if t not in strategies)
                if tuple(strategies) != tuple(range(table.shape[axis])):  # an axis at a time: cheaper than np.ix_ here
                    table = table.take(strategies, axis=axis)
            stacked.append(table)
        tables.append(np.stack(stacked))
    return tables


@dataclass(frozen=True)
class BoxTables:
    """A batch of support profiles of one set of sizes, laid out for bounds over boxes.

    Attributes
    ----------
    sizes : tuple of int
        Support size per player.
    mixing, offsets, corner_bits
        :func:`layout` of ``sizes``.
    gains : list of numpy.ndarray
        Per player ``p``, ``[profile, others' pure profile, a]``: the gain
        of each of ``p``'s strategies but its support's first over that
        first, against each pure profile of the other mixing players'
        support strategies (flattened with the first of them slowest).
        The first ``sizes[p] - 1`` columns are ``p``'s indifference
        equations, the rest its deviations.
    slopes : list of numpy.ndarray or None
        Per mixing player ``p``, ``[profile, others' pure profile, e * u]``:
        the derivative of its equation ``e`` by the ``u``-th unknown of
        the others (:attr:`slope_columns`), as a table over the same pure
        profiles (constant along the axis of that unknown's player: the
        derivative does not involve its mix).  None for the other players.
    slope_columns : list of numpy.ndarray or None
        Per mixing player, the unknowns (indices into all unknowns) its
        slopes are by: the other mixing players', in order.
    columns : list of tuple of numpy.ndarray
        Per player, where its equations and its deviations go among all
        players' gains: every equation first (in the order of the unknowns),
        then every deviation.
    joint : numpy.ndarray or None
        All players' gains in that order, as one table over the pure
        profiles of every mixing player's support (each player's constant
        along its own axis), ``[profile, pure profile, column]``; None where
        that table times the corners would be large (:data:`_JOINT_SIZE`).
    joint_slopes : numpy.ndarray or None
        Where ``joint`` is built, the whole Jacobian the same way:
        ``[profile, pure profile, equation * unknown]``, 0 where a player's
        equation meets its own unknowns.
    """

    sizes: tuple
    mixing: list
    offsets: np.ndarray
    corner_bits: list
    gains: list
    slopes: list
    slope_columns: list
    columns: list
    joint: np.ndarray | None
    joint_slopes: np.ndarray | None

    @property
    def unknowns(self) -> int:
        return int(self.offsets[-1])


def box_tables(tables: list[np.ndarray], sizes) -> BoxTables:
    """:class:`BoxTables` from :func:`support_tables` (profiles laid out with these support sizes).

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> bt = box_tables(support_tables(pennies, [((0, 1), (0, 1))]), (2, 2))
    >>> bt.gains[0][0].tolist(), bt.slopes[0][0].tolist()  # row's gain of tails by column's heads, tails; its slope
    ([[-2.0], [2.0]], [[4.0], [4.0]])
    """
    mixing, offsets, corner_bits = layout(sizes)
    profiles, equations = len(tables[0]), [k - 1 for k in sizes]
    gains, slopes, slope_columns, full, full_slopes = [], [], [], [], []
    for p, table in enumerate(tables):
        others = [q for q in mixing if q != p]
        # [profile, other mixing players' support strategies..., own strategy]
        t = table.transpose([a for a in range(table.ndim) if a != 1 + p] + [1 + p])
        t = t.reshape((profiles,) + tuple(sizes[q] for q in others) + (t.shape[-1],))
        d = t[..., 1:] - t[..., :1]
        pure = math.prod(sizes[q] for q in others)  # explicit: a player with one strategy has no gains at all
        gains.append(np.ascontiguousarray(d.reshape(profiles, pure, d.shape[-1])))
        # The same over every mixing player's pure profiles, of length 1 along p's own axis.
        full.append(d.reshape((profiles,) + tuple(sizes[q] if q != p else 1 for q in mixing) + (d.shape[-1],)))
        if sizes[p] < 2:
            slopes.append(None)
            slope_columns.append(None)
            continue
        own = d[..., : equations[p]]
        by = np.empty(own.shape + (int(offsets[-1]) - equations[p],))
        at = 0
        for i, q in enumerate(others):
            # q's unknown for strategy s: affine in it, so the slope is the gain
            # with q playing s less the gain with q playing its first (the same
            # whatever q plays: a table constant along q's axis).
            lead = (slice(None),) * (1 + i)
            step = own[lead + (slice(1, None),)] - own[lead + (slice(0, 1),)]
            step = step.transpose([a for a in range(step.ndim) if a != 1 + i] + [1 + i])
            by[..., at : at + sizes[q] - 1] = step[lead + (None,)]
            at += sizes[q] - 1
        slopes.append(by.reshape(profiles, pure, by.shape[-2] * by.shape[-1]))
        full_slopes.append(by.reshape((profiles,) + tuple(sizes[q] if q != p else 1 for q in mixing) + by.shape[-2:]))
        by_unknowns = [np.arange(offsets[j], offsets[j + 1]) for j, q in enumerate(mixing) if q != p]
        slope_columns.append(np.concatenate(by_unknowns).astype(int) if by_unknowns else np.zeros(0, dtype=int))
    at, spare = 0, sum(equations)
    columns = []  # each player's equations first, then everyone's deviations
    for g, e in zip(gains, equations):
        columns.append((np.arange(at, at + e), np.arange(spare, spare + g.shape[2] - e)))
        at, spare = at + e, spare + g.shape[2] - e
    joint = joint_slopes = None
    if _has_joint(sizes):
        axes = (profiles,) + tuple(sizes[q] for q in mixing)
        joint = np.empty(axes + (spare,))
        for f, e, (equation_columns, deviation_columns) in zip(full, equations, columns):
            joint[..., equation_columns] = f[..., :e]  # constant along the player's own axis
            joint[..., deviation_columns] = f[..., e:]
        every = math.prod(sizes[q] for q in mixing)  # explicit: tables may have no columns
        joint = joint.reshape(profiles, every, spare)
        total = int(offsets[-1])
        joint_slopes = np.zeros(axes + (total, total))
        for j, (p, f) in enumerate(zip(mixing, full_slopes)):
            joint_slopes[..., offsets[j] : offsets[j + 1], slope_columns[p]] = f
        joint_slopes = joint_slopes.reshape(profiles, every, total * total)
    return BoxTables(
        tuple(sizes), mixing, offsets, corner_bits, gains, slopes, slope_columns, columns, joint, joint_slopes
    )


def batch_tables(payoffs: np.ndarray, supports) -> tuple[BoxTables, list[list[int]]]:
    """:class:`BoxTables` of support profiles alike up to the order of the players, and each one's order.

    Each profile's players are laid out sorted by support size, then by
    strategy count (stably), so that one layout serves them all; the
    profiles must share those sizes and counts (callers check, with
    :func:`~.support_pruning.box_batch_key`).  ``orders[g][j]`` is the
    player laid out ``j``-th for profile ``g``.

    The result is :func:`box_tables` of :func:`support_tables`, to the last
    bit, gathered from the payoffs by index tables built once per layout
    (:func:`_recipe`) and per profile (:func:`_profile_index`): 2x2x2x2
    games' totally mixed profile, 260 -> 40 us.
    """
    shape = payoffs.shape[1:]
    orders = [sorted(range(len(shape)), key=lambda p: (len(support[p]), shape[p])) for support in supports]
    sizes = tuple(len(supports[0][q]) for q in orders[0])
    indices = [_profile_index(payoffs.shape, tuple(map(tuple, support)), tuple(order)) for support, order in zip(supports, orders)]
    shapes = indices[0][1]
    # Each profile's tables flattened one after the other, then a 0 (see _Recipe).
    x = np.append(payoffs.ravel(), 0.0)[np.stack([index for index, _ in indices])]
    recipe = _recipe(sizes, shapes)
    if recipe is not None:
        return recipe.apply(x), orders
    starts = np.cumsum([0] + [math.prod(s) for s in shapes])
    tables = [x[:, a:b].reshape((len(x),) + s) for a, b, s in zip(starts[:-1], starts[1:], shapes)]
    return box_tables(tables, sizes), orders


@functools.lru_cache(maxsize=4096)
def _profile_index(payoffs_shape: tuple, support: tuple, order: tuple) -> tuple[np.ndarray, tuple]:
    """Where :func:`batch_tables` finds a profile's tables in the flattened payoffs (and a 0 after them), and their shapes."""
    cells = math.prod(payoffs_shape)
    numbered = np.arange(cells).reshape(payoffs_shape)[list(order)].transpose([0] + [1 + q for q in order])
    tables = support_tables(numbered, [tuple(support[q] for q in order)])
    index = np.concatenate([t.ravel() for t in tables] + [np.array([cells])])
    index.flags.writeable = False
    return index, tuple(t.shape[1:] for t in tables)


#: :func:`_recipe` is derived when its probe (entries of the tables times
#: entries of the result) is at most this large; larger layouts are rare and
#: costly enough that :func:`box_tables`' own few hundred microseconds do not count.
_RECIPE_PROBE = 2**21


@dataclass(frozen=True)
class _Recipe:
    """:func:`box_tables` of one layout as gathers: every entry is ``(x[a] - x[b]) - (x[c] - x[d])``.

    ``x`` holds a profile's tables flattened one after the other, then a 0
    (the index every unused term points to).  ``template`` is the
    :class:`BoxTables` of the probe, for the fields that do not depend on the
    payoffs; ``fields`` gives, per array (``joint``, ``joint_slopes``, then
    each player's ``gains``, then each player's ``slopes``), where its
    entries start among the gathered ones and its shape for one profile
    (None where the template has none).
    """

    template: BoxTables
    index: np.ndarray  # [4, entry]
    fields: tuple

    def apply(self, x: np.ndarray) -> BoxTables:
        """The :class:`BoxTables` of ``x`` ``[profile, table entry or the final 0]``."""
        a, b, c, d = self.index
        values = (x[:, a] - x[:, b]) - (x[:, c] - x[:, d])
        # Contiguous, as box_tables makes them: a matrix product may round a
        # strided operand differently, and a profile's values must not depend on its batch.
        arrays = [
            None if f is None else np.ascontiguousarray(values[:, f[0] : f[1]]).reshape((len(x),) + f[2]) for f in self.fields
        ]
        t, players = self.template, len(self.template.gains)
        return BoxTables(
            t.sizes, t.mixing, t.offsets, t.corner_bits, arrays[2 : 2 + players], arrays[2 + players :],
            t.slope_columns, t.columns, arrays[0], arrays[1],
        )


@functools.lru_cache(maxsize=64)
def _recipe(sizes: tuple, shapes: tuple) -> _Recipe | None:
    """:func:`box_tables` for tables of these shapes (per profile), compiled to index gathers; None if too large.

    Every entry of its result is linear in the payoffs, a difference of two
    payoffs (gains) or of two such differences (slopes), or 0.  So
    :func:`box_tables` of the unit vectors, one per table entry (as that
    many profiles), says which; gathered and subtracted in the same order
    as there, the entries are the same to the last bit.
    """
    entries = [math.prod(shape) for shape in shapes]
    total = sum(entries)
    if total * _result_bound(sizes, shapes) > _RECIPE_PROBE:
        return None
    starts = np.cumsum([0] + entries)
    basis = np.eye(total)
    probe = box_tables([basis[:, s : s + n].reshape((total,) + shape) for s, n, shape in zip(starts, entries, shapes)], sizes)
    columns, fields, at = [], [], 0
    for array in [probe.joint, probe.joint_slopes] + list(probe.gains) + list(probe.slopes):
        if array is None:
            fields.append(None)
            continue
        columns.append(array.reshape(total, -1))
        fields.append((at, at + columns[-1].shape[1], array.shape[1:]))
        at += columns[-1].shape[1]
    matrix = np.concatenate(columns, axis=1).T  # [entry, payoff]
    # Each payoff's own-strategy coordinate (its table's player's axis):
    # box_tables subtracts a player's first strategy from each other one first.
    own = np.concatenate([np.unravel_index(np.arange(n), shape)[p] for p, (n, shape) in enumerate(zip(entries, shapes))])
    # a and c: a strategy but the first, b and d: the first; a, d added, b, c subtracted.
    terms = [(matrix == 1) & (own != 0), (matrix == -1) & (own == 0), (matrix == -1) & (own != 0), (matrix == 1) & (own == 0)]
    if not ((matrix == 0) | (np.abs(matrix) == 1)).all() or any((t.sum(axis=1) > 1).any() for t in terms):
        return None  # not of the expected form: box_tables itself serves
    index = np.array([np.where(t.any(axis=1), t.argmax(axis=1), total) for t in terms])  # absent: the final 0
    # The template keeps the probe's fields that do not depend on the payoffs.
    players = len(probe.gains)
    template = replace(probe, gains=[None] * players, slopes=[None] * players, joint=None, joint_slopes=None)
    return _Recipe(template, index, tuple(fields))


def _result_bound(sizes: tuple, shapes: tuple) -> int:
    """At least as many entries as :func:`box_tables` gives one profile of tables of these shapes.

    Player ``p``'s gains have fewer entries than its table, its slopes at
    most one per table entry and unknown; the joint tables one per pure
    profile of the mixing players and gain or Jacobian entry.
    """
    unknowns = sum(k - 1 for k in sizes)
    bound = sum(math.prod(shape) for shape in shapes) * (1 + unknowns)
    if _has_joint(sizes):
        columns = sum(shape[p] - 1 for p, shape in enumerate(shapes))
        bound += math.prod(k for k in sizes if k > 1) * (columns + unknowns**2)
    return bound


def _has_joint(sizes) -> bool:
    """Whether :func:`box_tables` builds :attr:`BoxTables.joint` for these support sizes (:data:`_JOINT_SIZE`)."""
    return math.prod(2 ** (k - 1) * k for k in sizes if k > 1) <= _JOINT_SIZE


def players_unknowns(bt: BoxTables, order, values: np.ndarray) -> np.ndarray:
    """Unknowns ``[..., unknown]`` laid out as :func:`batch_tables` does, back in the players' own order."""
    blocks = {order[q]: values[..., bt.offsets[j] : bt.offsets[j + 1]] for j, q in enumerate(bt.mixing)}
    return np.concatenate([values[..., :0]] + [blocks[p] for p in sorted(blocks)], axis=-1)


def gain_bounds(bt: BoxTables, owner, corners: dict) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest gain of every column of :attr:`BoxTables.columns` over each box: ``[box, column]``.

    From :attr:`BoxTables.joint` in one :func:`corner_gains` call where it
    exists, else player by player.
    """
    if bt.joint is not None:
        gains = corner_gains(bt.joint, owner, [corners[q] for q in bt.mixing])
        return gains.min(axis=2), gains.max(axis=2)
    width = sum(g.shape[2] for g in bt.gains)
    least, most = np.empty((len(owner), width)), np.empty((len(owner), width))
    for p, (table, (equations, deviations)) in enumerate(zip(bt.gains, bt.columns)):
        if table.shape[2]:
            gains = corner_gains(table, owner, others_mixes(bt, p, corners))
            where = np.concatenate([equations, deviations])
            least[:, where], most[:, where] = gains.min(axis=2), gains.max(axis=2)
    return least, most


def corner_values(bt: BoxTables, owner, corners: dict) -> np.ndarray:
    """Every column of :attr:`BoxTables.joint` at every corner of each box: ``[column, box, corner]``.

    The corners are numbered with one bit per unknown, the first unknown's
    the most significant, set where the unknown is at its upper bound
    (:func:`layout`'s order): what :func:`halves` subdivides.
    """
    return np.ascontiguousarray(corner_gains(bt.joint, owner, [corners[q] for q in bt.mixing]).transpose(1, 0, 2))


def halves(lo: np.ndarray, hi: np.ndarray, values: np.ndarray, owner: np.ndarray):
    """Every box halved along every unknown: the ``2**u`` halves' bounds and :func:`corner_values`, from the box's.

    Every column is affine in each unknown separately, so its value at the
    middle of an edge is the mean of its values at the edge's ends, and
    each corner value of a half is a mean of its box's with weights that
    are powers of 2 (:func:`_halving`): one matrix product, and no payoff
    read again.  It rounds like any sum of ``2**u`` terms (at most 16: the
    joint table has at most 4 unknowns), about ``2**u eps`` of the largest
    corner value, and each halving adds that again, far below the
    margins of :func:`~.support_pruning.box_search`.  The
    product is taken per profile (``owner``, each profile's boxes
    together), so that a box's halves are the same to the last bit
    whatever other profiles share the batch.

    Parameters
    ----------
    lo, hi : numpy.ndarray
        ``[box, unknown]``.
    values : numpy.ndarray
        ``[column, box, corner]`` (:func:`corner_values`), C-contiguous.
    owner : numpy.ndarray
        The profile of each box.

    Returns
    -------
    lo, hi : numpy.ndarray
        ``[box * 2**u, unknown]``: box ``b``'s halves at ``2**u b`` on,
        numbered as its corners are.
    values : numpy.ndarray
        ``[column, box * 2**u, corner]``.

    Examples
    --------
    The function ``x y`` on the unit square (corners 00, 01, 10, 11):

    >>> lo, hi, v = halves(np.zeros((1, 2)), np.ones((1, 2)), np.array([[[0.0, 0.0, 0.0, 1.0]]]), np.zeros(1, dtype=int))
    >>> lo.tolist(), v[0].tolist()
    ([[0.0, 0.0], [0.0, 0.5], [0.5, 0.0], [0.5, 0.5]], [[0.0, 0.0, 0.0, 0.25], [0.0, 0.0, 0.25, 0.5], [0.0, 0.25, 0.0, 0.5], [0.25, 0.5, 0.5, 1.0]])
    """
    boxes, unknowns = lo.shape
    corners = 2**unknowns
    upper, weights = _halving(unknowns)
    mid = (lo + hi) / 2
    new_lo = np.where(upper, mid[:, None], lo[:, None]).reshape(-1, unknowns)
    new_hi = np.where(upper, hi[:, None], mid[:, None]).reshape(-1, unknowns)
    out = np.empty((values.shape[0], boxes, corners * corners))
    if not boxes or owner[0] == owner[-1]:  # one profile (the common case)
        np.matmul(values, weights, out=out)
    else:
        cuts = [0, *(np.flatnonzero(np.diff(owner)) + 1).tolist(), boxes]
        for start, end in zip(cuts[:-1], cuts[1:]):
            np.matmul(values[:, start:end], weights, out=out[:, start:end])
    return new_lo, new_hi, out.reshape(values.shape[0], boxes * corners, corners)


@functools.lru_cache(maxsize=None)
def _halving(unknowns: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`halves`' tables: ``upper[half, unknown]``, whether a half takes the upper part of each unknown's range,
    and ``weights[corner, half * corner]``, each half's corner values from its box's.

    Along one unknown the lower half's ends take the box's lower end and the
    mean of both, the upper half's the mean and the upper end; along
    several, the product of those weights.
    """
    upper = np.array(list(itertools.product((False, True), repeat=unknowns)), dtype=bool).reshape(2**unknowns, unknowns)
    one = np.array([[[1.0, 0.5], [0.5, 0.0]], [[0.0, 0.5], [0.5, 1.0]]])  # [box's end, half, half's end]
    weights = np.ones((1, 1, 1))
    for _ in range(unknowns):
        weights = np.einsum("ahc,bgd->abhgcd", weights, one).reshape(weights.shape[0] * 2, weights.shape[1] * 2, -1)
    weights = weights.reshape(2**unknowns, 4**unknowns)
    upper.flags.writeable = weights.flags.writeable = False
    return upper, weights


def corner_products(mixes: list) -> np.ndarray:
    """The products of several players' mixes at every combination of their corners: ``[box, corner, pure profile]``.

    ``mixes`` holds one ``[box, c, k]`` array per player (its mixes at
    ``c`` corners of each box); the result has ``prod c`` corners and
    ``prod k`` pure profiles, the first player's slowest in both.  A
    payoff table over those pure profiles, multiplied by it, gives the
    expected payoff at every corner: every payoff is multilinear in the
    players' mixes.

    Examples
    --------
    >>> half = np.full((1, 1, 2), 0.5)
    >>> corner_products([half, np.array([[[1.0, 0.0], [0.0, 1.0]]])]).tolist()
    [[[0.5, 0.0, 0.5, 0.0], [0.0, 0.5, 0.0, 0.5]]]
    """
    if not mixes:
        raise ValueError("mixes: expected at least one player's mixes")
    out = mixes[0]
    for m in mixes[1:]:
        boxes, c, k = out.shape
        out = (out[:, :, None, :, None] * m[:, None, :, None, :]).reshape(boxes, c * m.shape[1], k * m.shape[2])
    return out


def corner_gains(table: np.ndarray, owner: np.ndarray, mixes: list) -> np.ndarray:
    """A :class:`BoxTables` table at every corner of every box: ``[box, column, corner]``.

    ``table`` is ``[profile, pure profile, column]`` (:attr:`BoxTables.gains`
    or :attr:`~BoxTables.slopes`), box ``b`` belongs to profile
    ``owner[b]`` (each profile's boxes together), and ``mixes`` holds each other mixing player's mixes at
    the corners of each box, ``[box, c, k]``, in order.  The corners are
    ordered as by :func:`corner_products`, and come last so that bounds
    over them reduce contiguous memory.

    All players but the last are multiplied out by :func:`corner_products`
    and contracted with the table in one matrix product per profile (on
    that profile's boxes: a box's values are the same to the last bit for
    the same rows, see :func:`~.support_pruning._chunks`); the last one's
    corners in a second, batched over the boxes: fewer NumPy calls than one
    player at a time, and smaller arrays than all of them multiplied out.

    Examples
    --------
    >>> table = np.array([[[1.0], [3.0]]])  # one profile, one column; the other player's two strategies
    >>> corner_gains(table, np.zeros(1, dtype=int), [np.array([[[1.0, 0.0], [0.5, 0.5]]])]).tolist()
    [[[1.0, 2.0]]]
    """
    boxes, columns = len(owner), table.shape[2]
    if not mixes:
        return table[owner][:, 0, :, None]
    *front, last = mixes
    corners, pure = last.shape[1:]
    flat = table.reshape(len(table), table.shape[1] // pure, pure * columns)  # [profile, front's pure profile, last's strategy * column]
    if front:
        products = corner_products(front)
        ahead, rows = products.shape[1], products.reshape(-1, products.shape[2])
        if len(table) == 1:  # one profile (the common case): one matrix product for all boxes
            values = rows @ flat[0]
        else:
            # One matrix product per profile, over its boxes: a box's values are
            # then the same to the last bit whatever profiles share the batch.
            values = np.empty((len(rows), flat.shape[2]))
            cuts = [0, *(np.flatnonzero(np.diff(owner)) + 1).tolist(), boxes]
            for start, end in zip(cuts[:-1], cuts[1:]):
                np.matmul(rows[start * ahead : end * ahead], flat[owner[start]], out=values[start * ahead : end * ahead])
    else:
        values, ahead = flat[owner], 1
    values = values.reshape(boxes, ahead, pure, columns).transpose(0, 3, 1, 2).reshape(boxes, columns * ahead, pure)
    return (values @ last.transpose(0, 2, 1)).reshape(boxes, columns, ahead * corners)


def others_mixes(bt: BoxTables, p: int, mixes: dict) -> list:
    """The mixes of every mixing player but ``p``, in order: what :func:`corner_gains` takes."""
    return [mixes[q] for q in bt.mixing if q != p]


def mixtures(x: np.ndarray) -> np.ndarray:
    """One player's mixes from its unknowns ``[..., k - 1]``: ``[..., k]``, the first probability first."""
    return np.concatenate([1 - x.sum(axis=-1, keepdims=True), x], axis=-1)


def box_corners(bt: BoxTables, lo, hi) -> dict:
    """Each mixing player's mixes at the corners of each box: ``{p: [box, corner, strategy]}``."""
    if all(bt.sizes[p] == 2 for p in bt.mixing):
        # Two strategies each (the common case): one unknown, two corners per
        # player, all built at once.
        ends = np.stack([lo, hi], axis=1)  # [box, corner, player]
        mixes = np.stack([1 - ends, ends], axis=-1)  # [box, corner, player, strategy]
        return {p: mixes[:, :, j] for j, p in enumerate(bt.mixing)}
    corners = {}
    for j, p in enumerate(bt.mixing):
        a, b = lo[:, bt.offsets[j] : bt.offsets[j + 1]], hi[:, bt.offsets[j] : bt.offsets[j + 1]]
        corners[p] = mixtures(np.where(bt.corner_bits[j][None], b[:, None, :], a[:, None, :]))
    return corners


def point_mixes(bt: BoxTables, z: np.ndarray) -> dict:
    """Each mixing player's mix at points ``z`` ``[point, unknown]``: ``{p: [point, 1, strategy]}``, one "corner" each."""
    if len(bt.mixing) == bt.unknowns:  # two strategies each (the common case): all mixes at once
        mixes = np.empty(z.shape + (2,))
        mixes[..., 1] = z
        np.subtract(1.0, z, out=mixes[..., 0])
        return {q: mixes[:, j, None, :] for j, q in enumerate(bt.mixing)}
    return {q: mixtures(z[:, bt.offsets[j] : bt.offsets[j + 1]])[:, None, :] for j, q in enumerate(bt.mixing)}


def equations(bt: BoxTables, owner, z: np.ndarray) -> np.ndarray:
    """The indifference equations at points ``z`` ``[point, unknown]``: each support strategy's gain over the first."""
    mixes = point_mixes(bt, z)
    if bt.joint is not None:  # the equations are the first columns, in the order of the unknowns
        return corner_gains(bt.joint[:, :, : bt.unknowns], owner, [mixes[q] for q in bt.mixing])[:, :, 0]
    out = np.empty_like(z)
    for j, p in enumerate(bt.mixing):
        gains = corner_gains(bt.gains[p][:, :, : bt.sizes[p] - 1], owner, others_mixes(bt, p, mixes))
        out[:, bt.offsets[j] : bt.offsets[j + 1]] = gains[:, :, 0]
    return out


def jacobian_bounds(bt: BoxTables, owner, corners: dict, centre: np.ndarray):
    """The equations at each box's centre, and the least and greatest value of each Jacobian entry over the box.

    The derivative of player ``p``'s equation for strategy ``s`` by
    ``q``'s unknown for strategy ``t`` is ``p``'s gain of ``s`` over its
    first strategy with ``q`` playing ``t``, less the same with ``q``
    playing its first (:attr:`BoxTables.slopes`): multilinear in the other
    players' mixes, so bounded at the corners of their unknowns
    (``corners``, as :func:`box_corners` gives them).  A player's
    equations do not involve its own unknowns: those entries are 0.

    Returns
    -------
    values : numpy.ndarray
        ``[box, equation]`` at the centres.
    low, high : numpy.ndarray
        ``[box, equation, unknown]``.
    """
    boxes, total = len(owner), bt.unknowns
    values = equations(bt, owner, centre)
    if bt.joint_slopes is not None:  # one product for every entry
        slopes = corner_gains(bt.joint_slopes, owner, [corners[q] for q in bt.mixing])
        return values, slopes.min(axis=2).reshape(boxes, total, total), slopes.max(axis=2).reshape(boxes, total, total)
    low, high = np.zeros((boxes, total, total)), np.zeros((boxes, total, total))
    for j, p in enumerate(bt.mixing):
        columns = bt.slope_columns[p]
        if not len(columns):
            continue
        slopes = corner_gains(bt.slopes[p], owner, others_mixes(bt, p, corners))  # [box, equation * unknown, corner]
        shape = (boxes, bt.sizes[p] - 1, len(columns))
        rows = slice(bt.offsets[j], bt.offsets[j + 1])
        low[:, rows, columns] = slopes.min(axis=2).reshape(shape)
        high[:, rows, columns] = slopes.max(axis=2).reshape(shape)
    return values, low, high


def krawczyk(bt: BoxTables, owner, lo, hi, corners: dict):
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
    bt : BoxTables
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
    values, low, high = jacobian_bounds(bt, owner, corners, centre)
    middle, spread = (low + high) / 2, (high - low) / 2
    try:  # mostly no midpoint is singular: one call
        inverse = np.linalg.inv(middle)
        usable = np.ones(boxes, dtype=bool)
    except np.linalg.LinAlgError:  # some is: invert the others
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
        moving = np.ones(len(z), dtype=bool)
        for _ in range(_CHORD_STEPS):
            # A box stops once its step is below round-off, each on its own,
            # so that its solution does not depend on the other boxes.
            delta = np.einsum("bij,bj->bi", y[moving], equations(bt, who[moving], z[moving]))
            z[moving] -= delta
            moving[moving] = np.abs(delta).max(axis=1) > 1e-16
            if not moving.any():
                break
        solution[unique] = z
    return empty, unique, solution, low, high
