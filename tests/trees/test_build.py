"""Tests of tree assembly from node specs: links, leaves, information sets, perfect recall."""

import pytest

from gametheory_re.errors import GameFileError
from gametheory_re.trees.build import NodeSpec, assemble
from gametheory_re.trees.model import TERMINAL


def _specs(*rows):
    return [NodeSpec(name, parent, player, tuple(moves), infoset, f"nodes.{name}") for name, parent, player, moves, infoset in rows]


def test_assemble_links_children_and_leaves_in_preorder():
    nodes, infosets = assemble(_specs(
        ("r", -1, 0, "ab", None), ("x", 0, 1, "cd", "I"), ("t1", 1, TERMINAL, "", None), ("t2", 1, TERMINAL, "", None),
        ("y", 0, 1, "cd", "I"), ("t3", 4, TERMINAL, "", None), ("t4", 4, TERMINAL, "", None),
    ), 2, "t")
    assert nodes[0].children == (1, 4) and nodes[4].parent == 0
    assert [n.leaf for n in nodes] == [-1, -1, 0, 1, -1, 2, 3]
    assert [(s.label, s.nodes) for s in infosets] == [("r", (0,)), ("I", (1, 4))]


@pytest.mark.parametrize(
    "rows, message",
    [
        # Player 0 forgets its own first move: imperfect recall.
        ([("r", -1, 0, "ab", None), ("x", 0, 0, "cd", "I"), ("t1", 1, TERMINAL, "", None),
          ("t2", 1, TERMINAL, "", None), ("y", 0, 0, "cd", "I"), ("t3", 4, TERMINAL, "", None),
          ("t4", 4, TERMINAL, "", None)], "imperfect recall"),
        # Absent-minded: a node and its descendant in one set.
        ([("r", -1, 0, "ab", "I"), ("x", 0, 0, "ab", "I"), ("t1", 1, TERMINAL, "", None),
          ("t2", 1, TERMINAL, "", None), ("t3", 0, TERMINAL, "", None)], "imperfect recall"),
        ([("r", -1, 0, "ab", None), ("x", 0, 1, "cd", "I"), ("t1", 1, TERMINAL, "", None),
          ("t2", 1, TERMINAL, "", None), ("y", 0, 1, "ce", "I"), ("t3", 4, TERMINAL, "", None),
          ("t4", 4, TERMINAL, "", None)], "same moves in the same order"),
        ([("r", -1, 0, "ab", None), ("t1", 0, TERMINAL, "", None)], "2 moves but 1 children"),
        ([("r", -1, 0, "ab", None), ("x", 0, 1, "cd", "r"), ("t1", 1, TERMINAL, "", None),
          ("t2", 1, TERMINAL, "", None), ("x2", 0, 0, "cd", "x"), ("t3", 4, TERMINAL, "", None),
          ("t4", 4, TERMINAL, "", None)], None),
        ([("r", -1, 0, "ab", None), ("x", 0, 0, "cd", "r"), ("t1", 1, TERMINAL, "", None),
          ("t2", 1, TERMINAL, "", None), ("t3", 0, TERMINAL, "", None)], "also the name of another node"),
    ],
)
def test_assemble_refuses_bad_structures(rows, message):
    if message is None:  # labels are per player: the same label for two players is two sets
        nodes, infosets = assemble(_specs(*rows), 2, "t")
        assert len(infosets) == 3
        return
    with pytest.raises(GameFileError, match=message):
        assemble(_specs(*rows), 2, "t")
