"""Small numeric trees shared by the tests of reduced normal forms and of subgame perfection."""

import numpy as np

from gametheory_re.trees.build import NodeSpec, assemble
from gametheory_re.trees.model import TERMINAL, GameTree


def tree_from(rows, payoffs, probabilities=None, players=("A", "B")):
    specs = [NodeSpec(name, parent, player, tuple(moves)) for name, parent, player, moves in rows]
    nodes, infosets = assemble(specs, len(players), "test")
    return GameTree("test", players, nodes, infosets, np.array(payoffs, dtype=float),
                    {k: np.array(v) for k, v in (probabilities or {}).items()})


# A moves out (leaf) or in; B then moves; A moves again only after B's "x".
TWICE = tree_from(
    [("r", -1, 0, ["out", "in"]), ("o", 0, TERMINAL, []), ("b", 0, 1, ["x", "y"]),
     ("a2", 2, 0, ["u", "d"]), ("xu", 3, TERMINAL, []), ("xd", 3, TERMINAL, []), ("by", 2, TERMINAL, [])],
    [[1, 3], [3, 1], [0, 0], [0, 0]],
)
