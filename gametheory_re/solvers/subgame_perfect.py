"""Which profiles of a tree are subgame perfect, decided on the tree itself.

The normal-form solvers list the Nash equilibria of a tree's reduced normal
form (:mod:`gametheory_re.trees.reduced`); :func:`is_subgame_perfect` runs
backward induction over sets of equilibrium payoffs to tell which of them
some subgame-perfect equilibrium plays.
"""

from __future__ import annotations

import itertools
import math
from typing import Sequence

import numpy as np

from ..errors import UnsupportedError
from ..trees.model import GameTree
from ..trees.reduced import InducedNormalForm
from .regret import resolve_tol

# Payoff vectors kept per node while testing subgame perfection; only chance
# nodes can make these sets grow beyond the number of leaves.
_MAX_VALUE_SET = 100_000


def is_subgame_perfect(tree: GameTree, choices: np.ndarray, tol: float | None = None) -> bool:
    """Whether some subgame-perfect equilibrium makes the given choices.

    ``choices`` fixes a move at some decision nodes (e.g. those a reduced
    profile specifies) and leaves the others free (-1).  The test runs
    backward induction over *sets*: at each node, the payoff vectors of the
    subtree's subgame-perfect equilibria that agree with the fixed moves.  A
    fixed move is kept only if, in some such equilibrium, it is a best reply
    at its node given the equilibria chosen in the other subtrees, which
    may be the worst ones for the mover since subtrees are independent.

    Parameters
    ----------
    tree : GameTree
        With perfect information.
    choices : numpy.ndarray
        Move index per node; -1 where free.
    tol : float, optional
        Default ``1e-9 * max |payoff|``.

    Returns
    -------
    bool

    Raises
    ------
    UnsupportedError
        If the tree lacks perfect information, or chance moves make the sets
        of equilibrium payoffs too large.
    """
    if not tree.is_perfect_information:
        raise UnsupportedError("subgame perfection is decided here for perfect-information trees only")
    tol = resolve_tol(tree.payoffs, tol)
    sets: list = [None] * tree.n_nodes
    for i in reversed(range(tree.n_nodes)):
        node = tree.nodes[i]
        if node.is_terminal:
            sets[i] = {tuple(tree.payoffs[node.leaf])}
        elif node.is_chance:
            p = tree.probabilities[i]
            sizes = [len(sets[c]) for c in node.children]
            if math.prod(sizes) > _MAX_VALUE_SET:
                raise UnsupportedError("too many equilibrium payoffs below a chance node to test subgame perfection")
            sets[i] = {
                tuple(p @ np.array(combo)) for combo in itertools.product(*(sets[c] for c in node.children))
            }
        else:
            player = node.player
            floor = [min(v[player] for v in sets[c]) for c in node.children]
            moves = range(len(node.children)) if choices[i] < 0 else [int(choices[i])]
            kept = set()
            for a in moves:
                rival = max((f for c, f in enumerate(floor) if c != a), default=-np.inf)
                kept |= {v for v in sets[node.children[a]] if v[player] >= rival - tol}
            if not kept:
                return False
            sets[i] = kept
        for c in node.children:
            sets[c] = None
    return True


def subgame_perfect_flags(normal: InducedNormalForm, profiles: Sequence[Sequence[int]], tol: float | None = None) -> list[bool]:
    """For each pure reduced profile, whether it is (the reduction of) a subgame-perfect equilibrium.

    Parameters
    ----------
    normal : InducedNormalForm
    profiles : sequence of sequence of int
        Strategy indices, e.g. the pure Nash equilibria of ``normal.game``.
    tol : float, optional

    Returns
    -------
    list of bool
    """
    tol = resolve_tol(normal.tree.payoffs, tol)
    return [is_subgame_perfect(normal.tree, normal.choices(p), tol) for p in profiles]


def mark_equilibria(normal: InducedNormalForm, equilibria, tol: float | None = None) -> list[bool | None]:
    """Which equilibria of ``normal.game`` are subgame perfect.

    Parameters
    ----------
    normal : InducedNormalForm
    equilibria : sequence of Equilibrium
        E.g. ``find_equilibria(normal.game).equilibria``.
    tol : float, optional

    Returns
    -------
    list of bool or None
        ``None`` where this is not decided: mixed equilibria, and every
        equilibrium of a tree without perfect information.
    """
    tol = resolve_tol(normal.tree.payoffs, tol)
    if not normal.tree.is_perfect_information:
        return [None] * len(equilibria)
    pure = [e for e in equilibria if e.is_pure]
    flags = iter(subgame_perfect_flags(normal, [tuple(s[0] for s in e.supports) for e in pure], tol))
    return [next(flags) if e.is_pure else None for e in equilibria]
