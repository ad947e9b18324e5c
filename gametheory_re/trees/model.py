"""The game-tree model: nodes, information sets, and a tree at one parameter point.

A tree lists its nodes parents first (the root is node 0); decision nodes
belong to information sets, terminal nodes index rows of a payoff table.
:class:`GameTree` holds numbers and is what the solvers consume; the
formula-valued :class:`~gametheory_re.trees.parametric.ParametricTree`
shares its structure queries (:class:`TreeStructure`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

import numpy as np

#: ``Node.player`` of a chance node.
CHANCE = -1
#: ``Node.player`` of a terminal node.
TERMINAL = -2
#: Largest tree accepted from a file or built from a move order.
MAX_TREE_NODES = 100_000
#: Chance probabilities at a point must sum to 1 within this.
PROBABILITY_TOL = 1e-9


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a game tree.

    Attributes
    ----------
    name : str
        Label shown to users: the key in a tree file, or the moves leading
        here (``"build, align"``, the root is ``"root"``) in a move-order game.
    player : int
        Index of the player who moves, or :data:`CHANCE` or :data:`TERMINAL`.
    moves : tuple of str
        Move names, one per child.
    children : tuple of int
        Node indices, in move order.
    parent : int
        Index of the parent node; -1 at the root.
    infoset : int
        Index into ``tree.infosets`` (decision nodes only, else -1).
    leaf : int
        Row of the tree's payoff table (terminal nodes only, else -1).
    """

    name: str
    player: int
    moves: tuple[str, ...] = ()
    children: tuple[int, ...] = ()
    parent: int = -1
    infoset: int = -1
    leaf: int = -1

    @property
    def is_terminal(self) -> bool:
        """True for a terminal node."""
        return self.player == TERMINAL

    @property
    def is_chance(self) -> bool:
        """True for a chance node."""
        return self.player == CHANCE

    @property
    def is_decision(self) -> bool:
        """True for a node where a player moves."""
        return self.player >= 0


@dataclass(frozen=True)
class InfoSet:
    """Decision nodes one player cannot tell apart: the same moves at each.

    Attributes
    ----------
    label : str
        Unique among the player's information sets.
    player : int
    moves : tuple of str
    nodes : tuple of int
        Member nodes, in node order.
    """

    label: str
    player: int
    moves: tuple[str, ...]
    nodes: tuple[int, ...]


def last_moves_of(nodes: Sequence[Node], n_players: int) -> list[tuple]:
    """For each node, each player's last ``(infoset, move)`` on the way to it, or None.

    Parameters
    ----------
    nodes : sequence of Node
        Parents before children, the root first.
    n_players : int

    Returns
    -------
    list of tuple
        ``out[node][player]``: the player's last information set and move
        index before ``node``, or None where the player has not moved yet.

    Examples
    --------
    >>> nodes = [Node("root", 0, ("a", "b"), (1, 2), infoset=0), Node("x", TERMINAL, parent=0, leaf=0),
    ...          Node("y", TERMINAL, parent=0, leaf=1)]
    >>> last_moves_of(nodes, 1)
    [(None,), ((0, 0),), ((0, 1),)]
    """
    out: list[tuple] = [()] * len(nodes)
    out[0] = (None,) * n_players
    for i, node in enumerate(nodes):
        for move, child in enumerate(node.children):
            if node.is_decision:
                state = list(out[i])
                state[node.player] = (node.infoset, move)
                out[child] = tuple(state)
            else:
                out[child] = out[i]
    return out


class TreeStructure:
    """Structure queries shared by :class:`GameTree` and
    :class:`~gametheory_re.trees.parametric.ParametricTree`."""

    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    infosets: tuple[InfoSet, ...]

    @property
    def n_players(self) -> int:
        """Number of players (chance is not a player)."""
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @cached_property
    def leaf_nodes(self) -> tuple[int, ...]:
        """Node index of each leaf, in leaf (payoff row) order."""
        return tuple(i for i, n in enumerate(self.nodes) if n.is_terminal)

    @property
    def n_leaves(self) -> int:
        """Number of terminal nodes."""
        return len(self.leaf_nodes)

    @cached_property
    def is_perfect_information(self) -> bool:
        """True when every information set holds a single node."""
        return all(len(i.nodes) == 1 for i in self.infosets)

    @cached_property
    def has_chance(self) -> bool:
        """True when the tree has a chance node."""
        return any(n.is_chance for n in self.nodes)

    @cached_property
    def last_moves(self) -> list[tuple]:
        """``last_moves[node][player]``: the player's last ``(infoset, move)`` before ``node``, or None."""
        return last_moves_of(self.nodes, self.n_players)

    def depth(self) -> int:
        """Length of the longest path from the root to a leaf."""
        depths = [0] * self.n_nodes
        for i, node in enumerate(self.nodes):
            for c in node.children:
                depths[c] = depths[i] + 1
        return max(depths)


@dataclass(frozen=True, eq=False)
class GameTree(TreeStructure):
    """A game tree at one parameter point: payoffs and probabilities are numbers.

    Attributes
    ----------
    title : str
    players : tuple of str
    nodes : tuple of Node
        Parents before children (preorder from the readers); the root is node 0.
    infosets : tuple of InfoSet
    payoffs : numpy.ndarray
        Float array ``(n_leaves, n_players)``.
    probabilities : dict of int to numpy.ndarray
        Each chance node's move probabilities.
    exact_payoffs : numpy.ndarray or None
        Object array of sympy numbers, same shape as ``payoffs``, where known.
    exact_probabilities : dict of int to tuple, or None
    outcomes : dict of str to numpy.ndarray
        Boolean masks over leaves.
    parameters : dict of str to float
        The point the tree was evaluated at.
    order : tuple of tuple of int, or None
        For a move-order game: the groups of player indices, in turn.
    leaf_profiles : numpy.ndarray or None
        For a move-order game: the pure profile (strategy index per player)
        of each leaf.
    strategies : tuple of tuple of str, or None
        For a move-order game: the normal form's strategy names.
    """

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    infosets: tuple[InfoSet, ...]
    payoffs: np.ndarray
    probabilities: dict[int, np.ndarray] = field(default_factory=dict)
    exact_payoffs: np.ndarray | None = None
    exact_probabilities: dict[int, tuple] | None = None
    outcomes: dict[str, np.ndarray] = field(default_factory=dict)
    parameters: dict[str, float] = field(default_factory=dict)
    order: tuple[tuple[int, ...], ...] | None = None
    leaf_profiles: np.ndarray | None = None
    strategies: tuple[tuple[str, ...], ...] | None = None

    def __post_init__(self):
        payoffs = np.asarray(self.payoffs, dtype=float)
        if payoffs.shape != (self.n_leaves, self.n_players):
            raise ValueError(f"payoffs have shape {payoffs.shape}, expected {(self.n_leaves, self.n_players)}")
        if not np.all(np.isfinite(payoffs)):
            raise ValueError("payoffs must be finite numbers")
        payoffs.setflags(write=False)
        object.__setattr__(self, "payoffs", payoffs)
        for node, p in self.probabilities.items():
            p = np.asarray(p, dtype=float)
            if p.shape != (len(self.nodes[node].moves),) or np.any(p < 0) or abs(p.sum() - 1) > PROBABILITY_TOL:
                raise ValueError(f"chance node {self.nodes[node].name!r}: probabilities must be >= 0 and sum to 1")

    def leaf_probabilities(self, choices: np.ndarray) -> np.ndarray:
        """Probability of reaching each leaf when players follow ``choices``.

        Parameters
        ----------
        choices : numpy.ndarray
            Move index at each decision node (any value elsewhere).

        Returns
        -------
        numpy.ndarray
            Shape ``(n_leaves,)``.
        """
        reach = np.zeros(self.n_nodes)
        reach[0] = 1.0
        for i, node in enumerate(self.nodes):
            if reach[i] == 0 or node.is_terminal:
                continue
            if node.is_chance:
                reach[list(node.children)] = reach[i] * self.probabilities[i]
            else:
                reach[node.children[choices[i]]] = reach[i]
        return reach[list(self.leaf_nodes)]

    def expected_payoffs(self, choices: np.ndarray) -> np.ndarray:
        """Each player's expected payoff when players follow ``choices``."""
        return self.leaf_probabilities(choices) @ self.payoffs


