"""Games in extensive form: trees of decision, chance and terminal nodes.

Two kinds of tree share one structure (players, nodes listed parents first,
information sets):

* :class:`ParametricTree`, the validated form of a sequential game file, whose
  terminal payoffs and chance probabilities are sympy formulas of parameters;
* :class:`GameTree`, the same tree at one parameter point, in numbers, which
  is what the solvers consume.

A *move-order game* (players move in turn, each seeing the earlier moves) is
built from a normal-form game by :func:`sequential_game`; its leaves are
exactly the normal form's pure profiles, which lets sweeps evaluate it with
:meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`.

Every tree has perfect recall (each player remembers their own earlier moves
and what they knew); builders refuse trees without it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping, NamedTuple, Sequence

import numpy as np
import sympy

from .errors import GameFileError
from .evaluator import Compiled
from .parametric import (
    Outcome, Parameter, ParametricGame, evaluate_batch, exact_value, exactly_undefined, parameter_point, substitute,
    undefined_error,
)

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


class NodeSpec(NamedTuple):
    """One node as read from a file, before the tree is assembled.

    Specs are given parents first (e.g. in preorder): ``parent`` is the
    index of an earlier spec (-1 for the root, which is spec 0), and a node's
    children are the later specs naming it, in order, one per move.

    Attributes
    ----------
    name : str
    parent : int
    player : int
        Player index, :data:`CHANCE` or :data:`TERMINAL`.
    moves : tuple of str
    infoset : str or None
        Information-set label shared with other nodes; ``None`` gives the node
        an information set of its own (labelled by its name).
    key : str
        Where the node is in its file, for error messages.
    """

    name: str
    parent: int
    player: int
    moves: tuple[str, ...] = ()
    infoset: str | None = None
    key: str = ""


def assemble(specs: Sequence[NodeSpec], n_players: int, source: str) -> tuple[tuple[Node, ...], tuple[InfoSet, ...]]:
    """Nodes and information sets from node specs, checked.

    Parameters
    ----------
    specs : sequence of NodeSpec
        Parents before children, the root first.
    n_players : int
    source : str
        Named in error messages, with each spec's ``key``.

    Returns
    -------
    nodes : tuple of Node
    infosets : tuple of InfoSet

    Raises
    ------
    GameFileError
        If a node has not one child per move, nodes of one information set
        differ in their moves, a label is both a node's name and another
        node's information set, or the tree lacks perfect recall.
    ValueError
        If the specs do not list parents before children with one root.
    """
    if len(specs) > MAX_TREE_NODES:
        raise GameFileError(source, "", f"the tree has {len(specs)} nodes; at most {MAX_TREE_NODES} are allowed")
    children: list[list[int]] = [[] for _ in specs]
    for i, spec in enumerate(specs):
        if not (spec.parent == -1 if i == 0 else 0 <= spec.parent < i):
            raise ValueError(f"node spec {i} ({spec.name!r}) must come after its parent, with the root first")
        if spec.parent >= 0:
            children[spec.parent].append(i)
    groups: dict[tuple[int, str], list[int]] = {}
    leaves = 0
    for i, spec in enumerate(specs):
        if len(children[i]) != len(spec.moves):
            raise GameFileError(source, spec.key, f"node has {len(spec.moves)} moves but {len(children[i])} children")
        if spec.player >= 0:
            # Labels are per player; a node without one is alone in a set
            # labelled by its name.
            label = spec.name if spec.infoset is None else spec.infoset
            members = groups.setdefault((spec.player, label), [])
            first = specs[members[0]] if members else spec
            if members and (spec.infoset is None or first.infoset is None):
                raise GameFileError(
                    source, spec.key, f"information set label {label!r} is also the name of another node of this player"
                )
            if first.moves != spec.moves:
                raise GameFileError(
                    source, spec.key,
                    f"nodes of information set {label!r} must have the same moves in the same order: "
                    f"{', '.join(first.moves)} at {first.name!r}, {', '.join(spec.moves)} here",
                )
            members.append(i)
    infoset_of = {}
    infosets = []
    for (player, label), members in groups.items():
        for m in members:
            infoset_of[m] = len(infosets)
        infosets.append(InfoSet(label, player, specs[members[0]].moves, tuple(members)))
    nodes = []
    for i, spec in enumerate(specs):
        leaf = -1
        if spec.player == TERMINAL:
            leaf, leaves = leaves, leaves + 1
        nodes.append(Node(spec.name, spec.player, tuple(spec.moves), tuple(children[i]), spec.parent,
                          infoset_of.get(i, -1), leaf))
    nodes, infosets = tuple(nodes), tuple(infosets)
    bad = _perfect_recall_violation(nodes, infosets, n_players)
    if bad is not None:
        infoset = infosets[bad]
        raise GameFileError(
            source, specs[infoset.nodes[0]].key,
            f"information set {infoset.label!r} joins nodes after different earlier moves or information "
            "of the same player (imperfect recall), which this tool does not support",
        )
    return nodes, infosets


def _last_moves(nodes: Sequence[Node], n_players: int) -> list[tuple]:
    """For each node, each player's last (infoset, move) on the way to it, or None."""
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


def _perfect_recall_violation(nodes, infosets, n_players) -> int | None:
    # Equal *last* own moves at every information set imply equal full own
    # histories, by induction on depth; and a set holding a node and its own
    # descendant (absent-mindedness) always fails the test.
    last = _last_moves(nodes, n_players)
    for index, infoset in enumerate(infosets):
        if len({last[n][infoset.player] for n in infoset.nodes}) > 1:
            return index
    return None


class _TreeMethods:
    """Structure queries shared by :class:`ParametricTree` and :class:`GameTree`."""

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
        return _last_moves(self.nodes, self.n_players)

    def depth(self) -> int:
        """Length of the longest path from the root to a leaf."""
        depths = [0] * self.n_nodes
        for i, node in enumerate(self.nodes):
            for c in node.children:
                depths[c] = depths[i] + 1
        return max(depths)


@dataclass(frozen=True, eq=False)
class GameTree(_TreeMethods):
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


@dataclass(frozen=True, eq=False)
class ParametricTree(_TreeMethods):
    """A game tree whose payoffs and chance probabilities are formulas of parameters.

    Attributes
    ----------
    title : str
    players : tuple of str
    nodes : tuple of Node
    infosets : tuple of InfoSet
    payoffs : numpy.ndarray
        Object array ``(n_leaves, n_players)`` of sympy expressions.
    probabilities : dict of int to tuple of sympy.Expr
        Each chance node's move probabilities.
    parameters : dict of str to Parameter
    outcomes : dict of str to Outcome
        Masks over leaves.
    description : str
    references : tuple of str
    source : str
    base : ParametricGame or None
        For a move-order game, the normal-form game whose payoffs it uses.
    order : tuple of tuple of int, or None
        For a move-order game: groups of player indices, in turn; players in
        one group move without seeing each other's moves.
    leaf_profiles : numpy.ndarray or None
        For a move-order game: ``(n_leaves, n_players)`` strategy indices.
    conditions : numpy.ndarray or None
        Object array shaped like ``payoffs``: the conditions under which each
        payoff is defined (see :meth:`gametheory_re.formula.Formula.build`);
        ``None``: defined everywhere.  A move-order game uses its base's.
    probability_conditions : dict of int to tuple
        The same for each chance node's probabilities, all moves together.
    """

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    infosets: tuple[InfoSet, ...]
    payoffs: np.ndarray
    probabilities: dict[int, tuple] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    description: str = ""
    references: tuple[str, ...] = ()
    source: str = "<tree>"
    base: ParametricGame | None = None
    order: tuple[tuple[int, ...], ...] | None = None
    leaf_profiles: np.ndarray | None = None
    conditions: np.ndarray | None = None
    probability_conditions: dict[int, tuple] = field(default_factory=dict)

    def __getstate__(self):
        # The compiled evaluator is generated code and cannot be pickled; a
        # worker process compiles its own.
        return {k: v for k, v in self.__dict__.items() if k != "_evaluator"}

    def __setstate__(self, state):
        self.__dict__.update(state)

    @property
    def is_order_game(self) -> bool:
        """True for a move-order game over a normal-form game."""
        return self.base is not None

    @cached_property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """The sympy symbol of each parameter."""
        return {name: sympy.Symbol(name, real=True) for name in self.parameters}

    def point(self, values: Mapping[str, object] | None = None, origin: str = "--set") -> dict[str, sympy.Rational]:
        """The full parameter point: defaults overridden by ``values``.

        See :meth:`ParametricGame.point <gametheory_re.parametric.ParametricGame.point>`.
        """
        if self.base is not None:
            return self.base.point(values, origin)
        return parameter_point(self.parameters, values, origin)

    @cached_property
    def _chance_nodes(self) -> tuple[int, ...]:
        return tuple(sorted(self.probabilities))

    @cached_property
    def _evaluator(self):
        # Code printed from expressions this package built (never user text),
        # with private argument names (see gametheory_re.evaluator).
        exprs = list(self.payoffs.ravel()) + [e for n in self._chance_nodes for e in self.probabilities[n]]
        payoff_conditions = [()] * self.payoffs.size if self.conditions is None else list(self.conditions.ravel())
        conditions = payoff_conditions + [
            self.probability_conditions.get(n, ()) for n in self._chance_nodes for _ in self.probabilities[n]
        ]
        return Compiled(list(self.symbols.values()), exprs, conditions)

    def _evaluate(self, columns: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Payoffs ``(n_players, n_leaves, B)``, probabilities ``(n_moves, B)`` (NaN where undefined), conditions."""
        out, holds = evaluate_batch(self._evaluator, self.parameters, columns)
        size = out.shape[-1]
        split = self.payoffs.size
        return out[:split].reshape(self.payoffs.shape + (size,)).transpose(1, 0, 2), out[split:], holds

    def _conditions_of(self, leaf, player) -> tuple:
        return () if self.conditions is None else (self.conditions[leaf, player] or ())

    def _undefined(self, leaf, player, point, value, failed) -> GameFileError:
        node = self.nodes[self.leaf_nodes[leaf]].name
        return undefined_error(
            self.source, f"nodes.{node}.payoffs.{self.players[player]}", "the payoff", point, value, failed
        )

    def payoff_batch(self, columns: Mapping[str, np.ndarray]) -> np.ndarray:
        """Leaf payoffs at many parameter points at once.

        Parameters
        ----------
        columns : mapping of str to numpy.ndarray or float
            Values per parameter, as for
            :meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`:
            1-D arrays of one length ``B``, or single numbers; parameters
            not given take their default.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_players, n_leaves, B)``, points varying fastest; may
            hold non-finite values where a formula is undefined.
        """
        if self.base is not None:
            return self.base.payoff_batch(columns)[(slice(None),) + tuple(self.leaf_profiles.T)]
        return self._evaluate(columns)[0]

    def at(self, values: Mapping[str, object] | None = None, exact: bool = False) -> GameTree:
        """The numeric tree at one parameter point.

        Parameters
        ----------
        values : mapping, optional
            Parameter overrides, see :meth:`point`.
        exact : bool
            Also keep payoffs and probabilities as exact sympy numbers (for
            ``.efg`` export).

        Returns
        -------
        GameTree

        Raises
        ------
        GameFileError
            If a parameter value is bad, a payoff is not finite, or chance
            probabilities are not a distribution at this point.
        """
        point = self.point(values)
        subs = {self.symbols[k]: v for k, v in point.items()}
        if self.base is not None:
            normal = self.base.at(values, exact=exact)
            index = (slice(None),) + tuple(self.leaf_profiles.T)
            payoffs, probabilities = normal.payoffs[index].T, np.empty((0, 1))
        else:
            payoff_columns, probabilities, holds = self._evaluate({k: float(v) for k, v in point.items()})
            payoffs = payoff_columns[..., 0].T
            for leaf, player in np.argwhere(~np.isfinite(payoffs)):
                failed = self._evaluator.failed(self._conditions_of(leaf, player), holds)
                raise self._undefined(leaf, player, point, payoffs[leaf, player], failed)
        chance = {}
        offset = 0
        for node in self._chance_nodes:
            k = len(self.nodes[node].moves)
            p = probabilities[offset:offset + k, 0]
            offset += k
            if not np.all(np.isfinite(p)):
                failed = self._evaluator.failed(self.probability_conditions.get(node, ()), holds)
                raise undefined_error(
                    self.source, f"nodes.{self.nodes[node].name}.probabilities", "a probability", point, "not a number", failed
                )
            if np.any(p < -PROBABILITY_TOL) or abs(p.sum() - 1) > PROBABILITY_TOL:
                raise GameFileError(
                    self.source, f"nodes.{self.nodes[node].name}.probabilities",
                    f"probabilities are {', '.join(f'{x:g}' for x in p)} at this parameter point; "
                    "they must be between 0 and 1 and sum to 1",
                )
            chance[node] = np.clip(p, 0.0, 1.0)
        exact_payoffs = exact_probabilities = None
        if exact and self.base is not None:
            exact_payoffs = normal.exact_payoffs[index].T
        elif exact:
            exact_payoffs = substitute(self.payoffs, subs)
            for (leaf, player), value in np.ndenumerate(exact_payoffs):
                bad, failed = exactly_undefined(value, self._conditions_of(leaf, player), subs)
                if bad:
                    raise self._undefined(leaf, player, point, value, failed)
            exact_probabilities = {n: tuple(exact_value(e, subs) for e in self.probabilities[n]) for n in chance}
        return GameTree(
            title=self.title,
            players=self.players,
            nodes=self.nodes,
            infosets=self.infosets,
            payoffs=payoffs,
            probabilities=chance,
            exact_payoffs=exact_payoffs,
            exact_probabilities=exact_probabilities,
            outcomes={name: o.mask for name, o in self.outcomes.items()},
            parameters={k: float(v) for k, v in point.items()},
            order=self.order,
            leaf_profiles=self.leaf_profiles,
            strategies=self.base.strategies if self.base is not None else None,
        )


def parse_order(order, players: Sequence[str], source: str, key: str) -> tuple[tuple[int, ...], ...]:
    """Check a move order and turn it into groups of player indices.

    Parameters
    ----------
    order : list
        Player names, in turn; an inner list is a group of players who move
        together (without seeing each other's moves).
    players : sequence of str
        The game's players; each must appear exactly once.
    source, key : str
        For error messages.

    Returns
    -------
    tuple of tuple of int

    Raises
    ------
    GameFileError
    """
    if not isinstance(order, (list, tuple)) or not order:
        raise GameFileError(source, key, 'expected a list of player names, e.g. ["US", "Japan", "China"]')
    groups, seen = [], []
    for item in order:
        names = list(item) if isinstance(item, (list, tuple)) else [item]
        if not names:
            raise GameFileError(source, key, "an inner list (players moving together) may not be empty")
        group = []
        for name in names:
            if not isinstance(name, str):
                raise GameFileError(source, key, f"expected player names, found {name!r}")
            if name not in players:
                raise GameFileError(source, key, f"unknown player {name!r}; the players are {', '.join(players)}")
            if name in seen:
                raise GameFileError(source, key, f"player {name!r} appears twice; each player moves once")
            seen.append(name)
            group.append(players.index(name))
        groups.append(tuple(group))
    missing = [p for p in players if p not in seen]
    if missing:
        raise GameFileError(source, key, f"the order leaves out {', '.join(missing)}; every player must move once")
    return tuple(groups)


def sequential_game(
    base: ParametricGame,
    order,
    title: str | None = None,
    description: str = "",
    references: Sequence[str] = (),
    source: str | None = None,
    key: str = "sequential.order",
) -> ParametricTree:
    """The tree in which the players of ``base`` move in turn.

    Each player moves once, choosing one of their strategies in ``base``, and
    sees the moves of every earlier group; players in one group do not see
    each other's moves (they share an information set per history of the
    earlier groups).  Payoffs are ``base``'s at the profile played.

    Parameters
    ----------
    base : ParametricGame
    order : sequence
        Player names in turn; an inner sequence is a group moving together,
        e.g. ``["US", ["Japan", "China"]]``.
    title, description, references, source : optional
        Default to a title naming the order and ``base``'s source.
    key : str
        Named with ``source`` in error messages about the order.

    Returns
    -------
    ParametricTree

    Raises
    ------
    GameFileError
        If the order is not a listing of ``base``'s players, or the tree
        would have more than :data:`MAX_TREE_NODES` nodes.
    """
    source = base.source if source is None else source
    groups = parse_order(order, base.players, source, key)
    sequence = [p for g in groups for p in g]
    sizes = [len(base.strategies[p]) for p in sequence]
    total = sum(math.prod(sizes[:k]) for k in range(len(sizes) + 1))
    if total > MAX_TREE_NODES:
        raise GameFileError(
            source, key, f"the tree would have {total} nodes; at most {MAX_TREE_NODES} are allowed"
        )
    # Position of each mover's group, so an information set can be keyed by
    # the moves of earlier groups only.
    group_start = {}
    for g in groups:
        for p in g:
            group_start[p] = sum(len(h) for h in groups[: groups.index(g)])
    specs: list[NodeSpec] = []
    leaf_profiles = []
    stack = [(-1, ())]  # (parent spec, moves so far as strategy indices in `sequence` order)
    while stack:
        parent, made = stack.pop()
        depth = len(made)
        name = ", ".join(base.strategies[sequence[d]][m] for d, m in enumerate(made)) or "root"
        if depth == len(sequence):
            specs.append(NodeSpec(name, parent, TERMINAL))
            profile = [0] * base.n_players
            for d, m in enumerate(made):
                profile[sequence[d]] = m
            leaf_profiles.append(profile)
            continue
        player = sequence[depth]
        seen = made[: group_start[player]]
        label = ", ".join(base.strategies[sequence[d]][m] for d, m in enumerate(seen)) or "root"
        shared = len(next(g for g in groups if player in g)) > 1
        specs.append(NodeSpec(name, parent, player, base.strategies[player], label if shared else None))
        here = len(specs) - 1
        stack.extend((here, made + (m,)) for m in reversed(range(sizes[depth])))
    nodes, infosets = assemble(specs, base.n_players, source)
    leaf_profiles = np.array(leaf_profiles, dtype=np.intp).reshape(-1, base.n_players)
    index = (slice(None),) + tuple(leaf_profiles.T)
    payoffs = base.payoffs[index].T.copy()
    outcomes = {
        name: Outcome(o.name, o.description, o.when, o.mask[tuple(leaf_profiles.T)]) for name, o in base.outcomes.items()
    }
    return ParametricTree(
        title=title if title is not None else f"{base.title}, moves in order {_order_label(groups, base.players)}",
        players=base.players,
        nodes=nodes,
        infosets=infosets,
        payoffs=payoffs,
        parameters=base.parameters,
        outcomes=outcomes,
        description=description,
        references=tuple(references),
        source=source,
        base=base,
        order=groups,
        leaf_profiles=leaf_profiles,
    )


def _order_label(groups, players) -> str:
    parts = [players[g[0]] if len(g) == 1 else "(" + " & ".join(players[p] for p in g) + ")" for g in groups]
    return " -> ".join(parts)


def order_label(tree) -> str:
    """A move order as text, e.g. ``US -> Japan -> China`` or ``US -> (Japan & China)``."""
    return _order_label(tree.order, tree.players)
