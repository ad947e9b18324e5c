"""Each period's stage game at many points at once: its equilibria, padded, in label order.

The equilibria of a batch of stage games come from the batched solvers the
sweeps use (support enumeration for 2 players and the 3-player shapes
:func:`~gametheory_re.solvers.nplayer_batch.covers` accepts; array backward
induction for a move order), and from the one-game solvers only at the
points the arrays cannot settle.  Every point's equilibria are returned in
the order labels list them (pure first, then by support, then by
probabilities), so that ``first`` means the same whichever solver found
them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..equilibria import find_equilibria
from ..labels import rounded_probabilities
from ..normal_form import NormalFormGame
from ..solvers.backward_induction import order_spe_batch, subgame_perfect_equilibria
from ..solvers.bimatrix_batch import batch_bimatrix_supports
from ..solvers.nplayer_batch import batch_equilibria, covers


@dataclass(frozen=True)
class StageEquilibria:
    """The equilibria of a batch of stage games.

    Attributes
    ----------
    profiles : numpy.ndarray
        ``(B, k_max, n_1 + ... + n_n)``: each point's equilibria, player after
        player, in label order; slots past a point's count are zeros.
    valid : numpy.ndarray
        ``(B, k_max)`` booleans: the slot holds an equilibrium.
    complete : numpy.ndarray
        ``(B,)`` booleans: the set is every equilibrium of the point (False
        where a one-game solver ran out of time or marked its answer
        incomplete).
    """

    profiles: np.ndarray
    valid: np.ndarray
    complete: np.ndarray


def mixes_of(profiles: np.ndarray, shape) -> list[np.ndarray]:
    """Per player, the ``(..., n_p)`` block of ``profiles`` (strategies of all players in a row)."""
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    return [profiles[..., offsets[p]:offsets[p + 1]] for p in range(len(shape))]


def expectation(values: np.ndarray, mixes: list[np.ndarray]) -> np.ndarray:
    """``(m, n_1, ..., n_n, B)`` values under each point's mixed profile: ``(m, B)``.

    ``mixes[p]`` is ``(B, n_p)``.
    """
    out = values
    for mix in mixes:
        out = np.einsum("mi...b,bi->m...b", out, mix)
    return out


def regrets(payoffs: np.ndarray, mixes: list[np.ndarray]) -> np.ndarray:
    """Each player's regret at each point's profile: ``(n_players, B)``.

    ``payoffs`` is ``(n_players, n_1, ..., n_n, B)``; the regret of player
    ``p`` is its best pure strategy's expected payoff minus the profile's.
    """
    n = payoffs.shape[0]
    out = np.empty((n, payoffs.shape[-1]))
    for p in range(n):
        values = np.moveaxis(payoffs[p], p, 0)  # own strategies first
        for q in range(n):
            if q != p:
                values = np.einsum("si...b,bi->s...b", values, mixes[q])
        out[p] = values.max(axis=0) - np.einsum("sb,bs->b", values, mixes[p])
    return out


def normal_form_equilibria(payoffs: np.ndarray, tol, players, strategies) -> StageEquilibria:
    """Every equilibrium of each point's normal-form stage game.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(n_players, n_1, ..., n_n, B)``, finite.
    tol : numpy.ndarray
        ``(B,)`` regret tolerances.
    players, strategies
        Names, for the one-game solver's games.
    """
    shape = payoffs.shape[1:-1]
    count = payoffs.shape[-1]
    entries: list[tuple[int, tuple, np.ndarray]] = []  # (point, support, profile)
    unresolved = np.ones(count, dtype=bool)
    found = None
    if len(shape) == 2:
        found = batch_bimatrix_supports(np.moveaxis(payoffs, -1, 0), tol)
    elif covers(shape):
        found = batch_equilibria(payoffs, tol)
    if found is not None:
        unresolved = found.unresolved.copy()
        keep = ~unresolved[found.point]
        entries = [(int(found.point[e]), found.supports[found.slot[e]], found.profile[e]) for e in np.flatnonzero(keep)]
    complete = np.ones(count, dtype=bool)
    for i in np.flatnonzero(unresolved):
        game = NormalFormGame(players=tuple(players), strategies=tuple(strategies), payoffs=payoffs[..., i])
        result = find_equilibria(game, tol=float(tol[i]))
        complete[i] = result.complete
        entries += [(int(i), e.supports, np.concatenate(e.profile)) for e in result.equilibria]
    return _padded(entries, count, int(sum(shape)), complete)


def order_equilibria(payoffs: np.ndarray, tol, order, tree_at) -> StageEquilibria:
    """The subgame-perfect paths of each point's move-order stage game, as pure profiles.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(n_players, n_1, ..., n_n, B)``, finite: the normal form the order plays.
    tol : numpy.ndarray
        ``(B,)`` tie tolerances.
    order : tuple of tuple of int
        Groups of movers.
    tree_at : callable
        ``tree_at(i)``: the numeric tree at point ``i``, for points where
        ties (or players moving together) need the one-tree solver.
    """
    shape = payoffs.shape[1:-1]
    count = payoffs.shape[-1]
    entries = []
    todo = np.arange(count)
    if all(len(group) == 1 for group in order):
        paths = order_spe_batch(payoffs, [g[0] for g in order], tol)
        todo = np.flatnonzero(paths.tied)
        for i in np.flatnonzero(~paths.tied):
            entries.append((int(i), tuple((int(j),) for j in paths.profiles[i]), None))
    for i in todo:
        tree = tree_at(int(i))
        for profile in sorted({eq.profile(tree) for eq in subgame_perfect_equilibria(tree, tol=float(tol[i])).equilibria}):
            entries.append((int(i), tuple((j,) for j in profile), None))
    width = int(sum(shape))
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    filled = []
    for point, support, _ in entries:
        profile = np.zeros(width)
        profile[offsets[:-1] + np.array([s[0] for s in support])] = 1.0
        filled.append((point, support, profile))
    return _padded(filled, count, width, np.ones(count, dtype=bool))


def _padded(entries, count: int, width: int, complete) -> StageEquilibria:
    """Entries ``(point, support, profile)`` padded per point, in label order."""
    if not entries:
        return StageEquilibria(np.zeros((count, 1, width)), np.zeros((count, 1), dtype=bool), complete)
    points = np.array([e[0] for e in entries])
    keys = [(any(len(s) > 1 for s in e[1]), tuple(map(tuple, e[1]))) for e in entries]
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}
    profiles = np.array([e[2] for e in entries], dtype=float)
    rounded = rounded_probabilities(profiles)
    order = np.lexsort((*[rounded[:, j] for j in range(width - 1, -1, -1)], [rank[k] for k in keys], points))
    points, profiles = points[order], profiles[order]
    per_point = np.bincount(points, minlength=count)
    k_max = max(1, int(per_point.max()))
    starts = np.concatenate([[0], np.cumsum(per_point)[:-1]])
    position = np.arange(len(points)) - starts[points]
    padded = np.zeros((count, k_max, width))
    padded[points, position] = profiles
    valid = np.zeros((count, k_max), dtype=bool)
    valid[points, position] = True
    return StageEquilibria(padded, valid, np.asarray(complete, dtype=bool))
