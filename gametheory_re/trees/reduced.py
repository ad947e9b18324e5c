"""The reduced normal form of a game tree.

A *reduced* strategy says what a player does at each of their information
sets that their own earlier moves do not rule out; strategies that differ
only at ruled-out sets give the same play against everything, so they are
one reduced strategy.  Every Nash equilibrium of the tree is one of the
reduced normal form, so the normal-form solvers list them; which of them are
subgame perfect is decided on the tree
(:func:`~gametheory_re.solvers.subgame_perfect.is_subgame_perfect`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

import numpy as np

from ..errors import UnsupportedError
from ..limits import MAX_PROFILES, MAX_STRATEGIES
from ..normal_form import NormalFormGame
from .model import GameTree


@dataclass(frozen=True, eq=False)
class InducedNormalForm:
    """A tree's reduced normal form, with the plan behind each strategy.

    Attributes
    ----------
    tree : GameTree
    game : NormalFormGame
        Expected payoffs (chance averaged out) of every reduced profile.
    plans : tuple of tuple of dict
        ``plans[p][s]`` maps each information set (index) that player ``p``'s
        reduced strategy ``s`` reaches to the move (index) it takes there.
    """

    tree: GameTree
    game: NormalFormGame
    plans: tuple[tuple[dict[int, int], ...], ...]

    def legend(self, player: int) -> list[str]:
        """Labels of the player's information sets, in the order strategy names list their moves."""
        return [self.tree.infosets[i].label for i in _own_infosets(self.tree, player)]

    def choices(self, profile: Sequence[int]) -> np.ndarray:
        """Move index at each decision node under a pure reduced profile; -1 where not specified."""
        choices = np.full(self.tree.n_nodes, -1, dtype=np.intp)
        for player, s in enumerate(profile):
            for infoset, move in self.plans[player][s].items():
                choices[list(self.tree.infosets[infoset].nodes)] = move
        return choices

    @cached_property
    def _index(self) -> list[dict]:
        return [{tuple(sorted(plan.items())): s for s, plan in enumerate(plans)} for plans in self.plans]

    def profile_of(self, choices: np.ndarray) -> tuple[int, ...]:
        """The reduced profile of a full assignment of moves (e.g. a subgame-perfect equilibrium's).

        Parameters
        ----------
        choices : numpy.ndarray
            Move index at every decision node.

        Returns
        -------
        tuple of int
        """
        tree = self.tree
        out = []
        for player in range(tree.n_players):
            reached = {}
            for i in _own_infosets(tree, player):
                parent = tree.last_moves[tree.infosets[i].nodes[0]][player]
                if parent is None or reached.get(parent[0]) == parent[1]:
                    reached[i] = int(choices[tree.infosets[i].nodes[0]])
            out.append(self._index[player][tuple(sorted(reached.items()))])
        return tuple(out)


def _own_infosets(tree: GameTree, player: int) -> list[int]:
    return [i for i, infoset in enumerate(tree.infosets) if infoset.player == player]


def count_reduced_strategies(tree: GameTree, player: int) -> int:
    """Number of reduced strategies of ``player``, without listing them (may be astronomically large)."""
    count, children = _sequence_counts(tree, player)
    return math.prod(count[i] for i in children[None])


def _sequence_counts(tree: GameTree, player: int):
    # With perfect recall a player's information sets form a forest: each
    # hangs below the (set, move) the player last played before it.
    infosets = _own_infosets(tree, player)
    children: dict = {None: []}
    for i in infosets:
        children.setdefault(tree.last_moves[tree.infosets[i].nodes[0]][player], []).append(i)
    count = {}
    for i in reversed(infosets):  # a set's children come later: their nodes follow its nodes
        count[i] = sum(
            math.prod(count[j] for j in children.get((i, a), ())) for a in range(len(tree.infosets[i].moves))
        )
    return count, children


def reduced_strategies(tree: GameTree, player: int) -> list[dict[int, int]]:
    """The reduced strategies of ``player``, as plans ``{infoset: move}``.

    Ordered so that the first information set's move varies slowest.

    Raises
    ------
    UnsupportedError
        If there are more than :data:`~gametheory_re.limits.MAX_STRATEGIES`.
    """
    count = count_reduced_strategies(tree, player)
    if count > MAX_STRATEGIES:
        raise UnsupportedError(
            f"{tree.players[player]} has {count} reduced strategies; the induced normal form allows "
            f"at most {MAX_STRATEGIES} per player"
        )
    _, children = _sequence_counts(tree, player)
    options: dict[int, list[tuple]] = {}
    for i in reversed(_own_infosets(tree, player)):
        options[i] = [
            ((i, a),) + rest
            for a in range(len(tree.infosets[i].moves))
            for rest in _combine(options, children.get((i, a), ()))
        ]
    return [dict(plan) for plan in _combine(options, children[None])]


def _combine(options, infosets) -> list[tuple]:
    return [tuple(itertools.chain.from_iterable(parts)) for parts in itertools.product(*(options[i] for i in infosets))]


def _strategy_names(tree: GameTree, player: int, plans: list[dict[int, int]]) -> tuple[str, ...]:
    own = _own_infosets(tree, player)
    if not own:
        return ("none",)
    return tuple("/".join(tree.infosets[i].moves[plan[i]] if i in plan else "*" for i in own) for plan in plans)


def induced_normal_form(tree: GameTree) -> InducedNormalForm:
    """The reduced normal form of a tree.

    Strategy names list the player's move at each of their information sets
    in tree order, joined by ``/``, with ``*`` where the player's own earlier
    moves rule the set out (see :meth:`InducedNormalForm.legend`); a player
    with one information set has the move names themselves.  Payoffs are
    expected over chance moves.  Named outcomes are kept when the tree has
    no chance moves (each profile then reaches one leaf).

    Parameters
    ----------
    tree : GameTree

    Returns
    -------
    InducedNormalForm

    Raises
    ------
    UnsupportedError
        If a player has more than ``MAX_STRATEGIES`` reduced strategies or the
        game more than ``MAX_PROFILES`` profiles.
    """
    counts = [count_reduced_strategies(tree, p) for p in range(tree.n_players)]
    if math.prod(counts) > MAX_PROFILES:
        raise UnsupportedError(
            f"the induced normal form would have {' x '.join(map(str, counts))} = {math.prod(counts)} "
            f"profiles; at most {MAX_PROFILES} are allowed"
        )
    plans = [reduced_strategies(tree, p) for p in range(tree.n_players)]
    # Which strategies of each player follow the player's own moves to each
    # leaf: those containing the last own (set, move) on its path.
    holding = []
    for p, player_plans in enumerate(plans):
        by_move: dict = {}
        for s, plan in enumerate(player_plans):
            for item in plan.items():
                by_move.setdefault(item, []).append(s)
        holding.append(by_move)
    weight = _chance_weights(tree)
    shape = tuple(len(p) for p in plans)
    payoffs = np.zeros((tree.n_players,) + shape)
    outcomes = {name: np.zeros(shape, dtype=bool) for name in tree.outcomes} if not tree.has_chance else {}
    everyone = [np.arange(n) for n in shape]
    for leaf, node in enumerate(tree.leaf_nodes):
        if weight[node] == 0:
            continue
        last = tree.last_moves[node]
        box = np.ix_(*(everyone[p] if last[p] is None else holding[p][last[p]] for p in range(tree.n_players)))
        payoffs[(slice(None),) + box] += weight[node] * tree.payoffs[leaf].reshape((-1,) + (1,) * len(shape))
        for name, mask in outcomes.items():
            mask[box] |= bool(tree.outcomes[name][leaf])
    game = NormalFormGame(
        players=tree.players,
        strategies=tuple(_strategy_names(tree, p, plans[p]) for p in range(tree.n_players)),
        payoffs=payoffs,
        title=tree.title,
        outcomes=outcomes,
        parameters=dict(tree.parameters),
    )
    return InducedNormalForm(tree, game, tuple(tuple(p) for p in plans))


def _chance_weights(tree: GameTree) -> np.ndarray:
    weight = np.ones(tree.n_nodes)
    for i, node in enumerate(tree.nodes):
        if node.is_chance:
            weight[list(node.children)] = weight[i] * tree.probabilities[i]
        else:
            weight[list(node.children)] = weight[i]
    return weight
