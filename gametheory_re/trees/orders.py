"""Move-order games: the players of a normal-form game move in turn.

:func:`sequential_game` builds the tree in which each player moves once,
seeing the moves of every earlier group; its leaves are exactly the normal
form's pure profiles, which lets sweeps evaluate it with
:meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from ..errors import GameFileError
from ..parametric import Outcome, ParametricGame
from .build import NodeSpec, assemble
from .model import MAX_TREE_NODES, TERMINAL
from .parametric import ParametricTree


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
