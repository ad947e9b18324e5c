"""Subgame-perfect equilibria of perfect-information trees, by backward induction.

:func:`subgame_perfect_equilibria` lists *every* pure subgame-perfect
equilibrium of one numeric tree: where a player is indifferent (within
``tol``) the induction branches instead of breaking the tie.
:func:`order_spe_batch` solves a move-order game at many parameter points at
once with array operations, breaking ties towards the lowest strategy index
and flagging the points where a tie occurred.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import NamedTuple, Sequence

import numpy as np

from ..errors import UnsupportedError
from ..trees.model import GameTree
from .regret import default_tol, resolve_tol

#: Default cap on the equilibria listed (per subtree during the induction).
MAX_EQUILIBRIA = 1000
# Partial solutions kept over the whole induction: bounds memory when many
# ties multiply equilibria in many subtrees at once.
_MAX_PARTIALS = 2_000_000


@dataclass(frozen=True, eq=False)
class SubgamePerfectEquilibrium:
    """One pure subgame-perfect equilibrium.

    Attributes
    ----------
    choices : numpy.ndarray
        Move index chosen at every decision node, on and off the path; -1 at
        chance and terminal nodes.
    payoffs : numpy.ndarray
        Expected payoff of each player.
    leaf_probabilities : numpy.ndarray
        Probability of reaching each leaf (one leaf has probability 1 in a
        tree without chance moves).
    """

    choices: np.ndarray
    payoffs: np.ndarray
    leaf_probabilities: np.ndarray

    def path(self, tree: GameTree) -> list[tuple[int, int, float]]:
        """The moves made with positive probability, in tree order.

        Returns
        -------
        list of (node, move, probability)
            Decision and chance nodes reached, the move taken there (every
            move with positive probability at chance nodes) and the
            probability of reaching the node and taking the move.
        """
        reach = np.zeros(tree.n_nodes)
        reach[0] = 1.0
        steps = []
        for i, node in enumerate(tree.nodes):
            if reach[i] == 0 or node.is_terminal:
                continue
            if node.is_chance:
                for move, (child, p) in enumerate(zip(node.children, tree.probabilities[i])):
                    if p > 0:
                        reach[child] = reach[i] * p
                        steps.append((i, move, float(reach[child])))
            else:
                move = int(self.choices[i])
                reach[node.children[move]] = reach[i]
                steps.append((i, move, float(reach[i])))
        return steps

    def outcome_probabilities(self, tree: GameTree) -> dict[str, float]:
        """Probability of each of the tree's named outcomes under this equilibrium.

        Returns
        -------
        dict
            Outcome name to the probability of reaching a leaf where it holds
            (0 or 1 in a tree without chance moves).
        """
        return {name: float(self.leaf_probabilities @ mask.astype(float)) for name, mask in tree.outcomes.items()}

    def profile(self, tree: GameTree) -> tuple[int, ...]:
        """For a move-order game: the pure profile (strategy index per player) played."""
        return tuple(int(i) for i in tree.leaf_profiles[int(np.argmax(self.leaf_probabilities))])


@dataclass(frozen=True, eq=False)
class SubgamePerfectResult:
    """Every subgame-perfect equilibrium of a perfect-information tree.

    Attributes
    ----------
    tree : GameTree
    equilibria : tuple of SubgamePerfectEquilibrium
        In the order the induction produces them, the same on every run.
    tol : float
        Moves within ``tol`` of a player's best count as ties.
    complete : bool
        False when ties produced more than ``limit`` equilibria in some
        subtree and only the first were listed.
    """

    tree: GameTree
    equilibria: tuple[SubgamePerfectEquilibrium, ...]
    tol: float
    complete: bool

    def paths(self) -> list[tuple[int, ...]]:
        """For a move-order game: the distinct profiles played, in order of first appearance."""
        return list(dict.fromkeys(e.profile(self.tree) for e in self.equilibria))


class _Partial(NamedTuple):
    # A subgame-perfect equilibrium of one subtree, stored as a tree of
    # references so that combining children copies nothing.
    values: np.ndarray
    move: int
    parts: tuple


def subgame_perfect_equilibria(tree: GameTree, tol: float | None = None, limit: int = MAX_EQUILIBRIA) -> SubgamePerfectResult:
    """All pure subgame-perfect equilibria of a perfect-information tree.

    Backward induction over every node; a player choosing among moves whose
    values are within ``tol`` of the best branches into one equilibrium per
    such move, and each combination of the subtrees' equilibria is kept, so
    the list holds every subgame-perfect equilibrium (up to ``limit``).

    Parameters
    ----------
    tree : GameTree
    tol : float, optional
        Default ``1e-9 * max |payoff|``.
    limit : int
        Most equilibria kept per subtree; beyond it the result is flagged
        incomplete.

    Returns
    -------
    SubgamePerfectResult

    Raises
    ------
    UnsupportedError
        If the tree has information sets with several nodes, or ties are so
        many that the partial solutions would exhaust memory.
    """
    if not tree.is_perfect_information:
        raise UnsupportedError(
            "backward induction needs perfect information, but this tree has information sets with "
            "several nodes; list its Nash equilibria through the induced normal form instead"
        )
    tol = resolve_tol(tree.payoffs, tol)
    solutions: list[list[_Partial] | None] = [None] * tree.n_nodes
    complete = True
    kept = 0
    for i in reversed(range(tree.n_nodes)):
        node = tree.nodes[i]
        if node.is_terminal:
            solutions[i] = [_Partial(tree.payoffs[node.leaf], -1, ())]
            continue
        found: list[_Partial] = []
        for combo in itertools.product(*(solutions[c] for c in node.children)):
            if node.is_chance:
                values = tree.probabilities[i] @ np.array([part.values for part in combo])
                found.append(_Partial(values, -1, combo))
            else:
                own = np.array([part.values[node.player] for part in combo])
                for move in np.flatnonzero(own >= own.max() - tol):
                    found.append(_Partial(combo[move].values, int(move), combo))
            if len(found) >= limit:
                complete = complete and len(found) == limit and _is_last(combo, node, solutions)
                found = found[:limit]
                break
        kept += len(found)
        if kept > _MAX_PARTIALS:
            raise UnsupportedError(
                f"the tree has too many tied moves: more than {_MAX_PARTIALS} partial equilibria "
                "of its subgames; break ties in the payoffs (from Python, a smaller limit= also helps)"
            )
        solutions[i] = found
        for c in node.children:
            solutions[c] = None  # partials not taken up by this node's combinations can go
    equilibria = tuple(_materialize(tree, root) for root in solutions[0])
    return SubgamePerfectResult(tree, equilibria, tol, complete)


def _is_last(combo, node, solutions) -> bool:
    # Reaching the limit exactly on the last combination loses nothing.
    return all(part is solutions[c][-1] for part, c in zip(combo, node.children))


def _materialize(tree: GameTree, root: _Partial) -> SubgamePerfectEquilibrium:
    choices = np.full(tree.n_nodes, -1, dtype=np.intp)
    stack = [(0, root)]
    while stack:
        i, part = stack.pop()
        choices[i] = part.move
        stack.extend(zip(tree.nodes[i].children, part.parts))
    return SubgamePerfectEquilibrium(choices, np.asarray(root.values, dtype=float), tree.leaf_probabilities(choices))


class BatchPaths(NamedTuple):
    """Equilibrium paths of a move-order game at many parameter points.

    Attributes
    ----------
    profiles : numpy.ndarray
        ``(B, n_players)`` strategy index of each player on the path; -1 at
        points whose payoffs are not finite.
    payoffs : numpy.ndarray
        ``(B, n_players)`` payoffs on the path (NaN at invalid points).
    tied : numpy.ndarray
        ``(B,)`` True where some mover, at some node, had two moves within
        ``tol`` of the best: the subgame-perfect equilibrium may not be
        unique there, and the path shown breaks ties towards the lowest
        strategy index.  Where False the equilibrium is unique.
    valid : numpy.ndarray
        ``(B,)`` True where every payoff is finite.
    """

    profiles: np.ndarray
    payoffs: np.ndarray
    tied: np.ndarray
    valid: np.ndarray


def order_spe_batch(payoffs: np.ndarray, order: Sequence[int], tol: float | np.ndarray | None = None) -> BatchPaths:
    """Backward induction for a move-order game at many points, by array operations.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(n_players, n_1, ..., n_n, B)``, points varying fastest, as from
        :meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`.
    order : sequence of int
        Player indices in the order they move; each sees all earlier moves.
    tol : float or numpy.ndarray, optional
        Tie tolerance, one for all points or one per point; default
        ``1e-9 * max |payoff|`` at each point.

    Returns
    -------
    BatchPaths
        The equilibrium path at each point; ties are broken towards the
        lowest strategy index (that path is a subgame-perfect equilibrium's)
        and flagged.
    """
    payoffs = np.asarray(payoffs, dtype=float)
    n_players, batch = payoffs.shape[0], payoffs.shape[-1]
    order = [int(p) for p in order]
    if sorted(order) != list(range(n_players)) or payoffs.ndim != n_players + 2:
        raise ValueError(f"order {order} is not a permutation of the {n_players} players")
    # Strategy axes in move order, so that each step of the induction reduces
    # the axis just before the (contiguous) batch axis.
    values = payoffs.transpose((0,) + tuple(1 + p for p in order) + (n_players + 1,))
    valid = np.isfinite(values).reshape(-1, batch).all(axis=0)
    values = np.where(valid, values, 0.0)
    if tol is None:
        tol = default_tol(values, batched=True)
    tol = np.broadcast_to(np.asarray(tol, dtype=float), (batch,))
    tied = np.zeros(batch, dtype=bool)
    policies = []
    for step in reversed(range(n_players)):
        own = values[order[step]]
        best = own.argmax(axis=-2)
        near = own >= own.max(axis=-2, keepdims=True) - tol
        tied |= (near.sum(axis=-2) > 1).reshape(-1, batch).any(axis=0)
        policies.append(best)
        values = np.take_along_axis(values, best[None, ..., None, :], axis=-2)[..., 0, :]
    policies.reverse()
    profiles = np.empty((batch, n_players), dtype=np.intp)
    points = np.arange(batch)
    made: list[np.ndarray] = []
    for step, policy in enumerate(policies):
        move = policy[(*made, points)]
        profiles[:, order[step]] = move
        made.append(move)
    profiles[~valid] = -1
    path_payoffs = np.where(valid[:, None], values.T, np.nan)
    return BatchPaths(profiles, path_payoffs, tied & valid, valid)
