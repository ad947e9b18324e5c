"""What the batched solvers return: every equilibrium of every point of a batch, sparsely."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BatchEquilibria:
    """Equilibria of a batch of games of one shape, stored sparsely.

    Attributes
    ----------
    supports : tuple
        Per slot, the support profile (per player a tuple of strategy
        indices) that the slot's equilibria have.
    point, slot : numpy.ndarray
        ``(E,)`` integers: equilibrium ``e`` was found at point ``point[e]``
        and has the support of ``supports[slot[e]]``.
    profile : numpy.ndarray
        ``(E, n_1 + ... + n_n)``: each equilibrium's probabilities, player
        after player.
    unresolved : numpy.ndarray
        ``(B,)`` booleans: the batch could not certify its answer at the
        point; take the one-game solver's (the point's entries in ``point``
        are then meaningless).
    """

    supports: tuple
    point: np.ndarray
    slot: np.ndarray
    profile: np.ndarray
    unresolved: np.ndarray

    def at(self, point: int) -> list[tuple[tuple, np.ndarray]]:
        """The equilibria found at ``point``: ``(support, probabilities)`` pairs."""
        rows = np.flatnonzero(self.point == point)
        return [(self.supports[self.slot[e]], self.profile[e]) for e in rows]



class Collector:
    """Accumulates a batch solver's accepted candidates, slot by slot."""

    def __init__(self, shape, count: int):
        self.shape = shape
        self.offsets = np.concatenate([[0], np.cumsum(shape)])
        self.supports: list = []
        self.points: list = []
        self.profiles: list = []
        self.unresolved = np.zeros(count, dtype=bool)

    def add(self, support, accepted: np.ndarray, mixes) -> None:
        """Record slot ``support``: the points ``accepted`` with the mixes there.

        ``mixes`` is per player a ``(len(support[p]), B)`` array of the
        probabilities of its support's strategies.
        """
        self.supports.append(tuple(tuple(int(i) for i in s) for s in support))
        where = np.flatnonzero(accepted)
        profile = np.zeros((len(where), int(self.offsets[-1])))
        for p, members in enumerate(support):
            profile[:, self.offsets[p] + np.asarray(members)] = np.asarray(mixes[p])[:, where].T
        self.points.append(where)
        self.profiles.append(profile)

    def result(self) -> BatchEquilibria:
        slots = [np.full(len(w), k, dtype=np.int64) for k, w in enumerate(self.points)]
        point = np.concatenate(self.points) if self.points else np.zeros(0, dtype=np.int64)
        slot = np.concatenate(slots) if slots else np.zeros(0, dtype=np.int64)
        profile = np.concatenate(self.profiles) if self.profiles else np.zeros((0, int(self.offsets[-1])))
        # Point by point, slots in the order found: pure ones first.
        order = np.lexsort((slot, point))
        return BatchEquilibria(tuple(self.supports), point[order], slot[order], profile[order], self.unresolved)
