"""Tests of the extensive-form representation: move-order games, evaluation, structure checks."""

import pickle

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.extensive import (
    TERMINAL,
    NodeSpec,
    assemble,
    order_label,
    sequential_game,
)
from gametheory_re.formats import load_game
from gametheory_re.formats.toml_tree import read_toml_tree
from gametheory_re.parametric import ParametricGame

GAME_B = load_game("us_japan_china")

LOTTERY = """
[parameters.p]
default = 0.25
min = 0
max = 2

[parameters.x]
default = 0
min = 0
max = 2

[[players]]
name = "A"

[[players]]
name = "B"

[tree]
root = "nature"

[nodes.nature]
player = "chance"
moves = { heads = "a1", tails = "a2" }
probabilities = { heads = "p", tails = "1 - p" }

[nodes.a1]
player = "A"
moves = { l = "end1", r = "end2" }

[nodes.a2]
player = "A"
moves = { l = "end3", r = "end4" }

[nodes.end1]
payoffs = { A = 1, B = "2*p" }

[nodes.end2]
payoffs = { A = 0, B = "1/(x - 1)" }

[nodes.end3]
payoffs = { A = 3, B = 0 }

[nodes.end4]
payoffs = { A = "x", B = 1 }
"""


def random_point(game, rng):
    point = {}
    for name, p in game.parameters.items():
        low, high = float(p.minimum), float(p.maximum)
        point[name] = round(rng.uniform(low, high), 4)
    return point


def test_game_c_tree_has_one_leaf_per_profile_with_game_b_payoffs():
    tree = sequential_game(GAME_B, ["US", "Japan", "China"])
    assert (tree.n_nodes, tree.n_leaves) == (1 + 2 + 6 + 12, 12)
    assert tree.is_perfect_information and not tree.has_chance
    assert order_label(tree) == "US -> Japan -> China"
    assert [tree.nodes[i].name for i in tree.nodes[0].children] == ["build", "no_build"]
    rng = np.random.default_rng(1)
    for values in [None, random_point(GAME_B, rng), random_point(GAME_B, rng)]:
        normal = GAME_B.at(values)
        numeric = tree.at(values)
        for leaf, profile in enumerate(numeric.leaf_profiles):
            assert np.array_equal(numeric.payoffs[leaf], normal.payoffs[(slice(None),) + tuple(profile)])
    # The leaf of (build, dependent, supply) is reached by those moves.
    leaf = tree.leaf_nodes[list(map(tuple, tree.leaf_profiles)).index((0, 2, 0))]
    assert tree.nodes[leaf].name == "build, dependent, supply"
    assert tree.outcomes["free_riding"].mask.tolist() == [
        GAME_B.outcomes["free_riding"].mask[tuple(p)] for p in tree.leaf_profiles
    ]


def test_another_order_permutes_the_profile_axes():
    tree = sequential_game(GAME_B, ["China", "US", "Japan"])
    normal = GAME_B.at()
    numeric = tree.at()
    assert tree.players == GAME_B.players
    assert tree.players[tree.nodes[0].player] == "China"
    first = numeric.nodes[numeric.leaf_nodes[0]]
    assert first.name == "supply, build, align"
    assert np.array_equal(numeric.payoffs[0], normal.payoffs[:, 0, 0, 0])


def test_group_in_the_order_gives_information_sets():
    tree = sequential_game(GAME_B, ["US", ["Japan", "China"]])
    assert not tree.is_perfect_information
    china = [s for s in tree.infosets if tree.players[s.player] == "China"]
    assert [(s.label, len(s.nodes)) for s in china] == [("build", 3), ("no_build", 3)]
    assert order_label(tree) == "US -> (Japan & China)"
    everyone = sequential_game(GAME_B, [["US", "Japan", "China"]])
    assert [len(s.nodes) for s in everyone.infosets] == [1, 2, 6]


@pytest.mark.parametrize(
    "order, message",
    [
        (["US", "Japan"], "leaves out China"),
        (["US", "Japan", "Chna"], "unknown player 'Chna'"),
        (["US", "Japan", "China", "US"], "appears twice"),
        (["US", [], "Japan", "China"], "may not be empty"),
        ([], "expected a list"),
        ("US", "expected a list"),
        (["US", 3, "China"], "expected player names"),
    ],
)
def test_bad_orders_are_refused(order, message):
    with pytest.raises(GameFileError, match=message) as info:
        sequential_game(GAME_B, order)
    assert info.value.key == "sequential.order"


def test_tree_size_is_bounded_before_building():
    zero = np.full((3, 300, 300, 1), sympy.Integer(0), dtype=object)
    big = ParametricGame("big", ("A", "B", "C"), (tuple(f"a{i}" for i in range(300)),
                                                   tuple(f"b{i}" for i in range(300)), ("c",)), zero)
    with pytest.raises(GameFileError, match="180301 nodes; at most 100000"):
        sequential_game(big, ["A", "B", "C"])


def test_payoff_batch_matches_at_for_order_games_and_trees():
    rng = np.random.default_rng(7)
    for tree in (sequential_game(GAME_B, ["Japan", "China", "US"]), read_toml_tree(LOTTERY)):
        points = [random_point(tree, rng) for _ in range(5)]
        if tree.base is None:
            points = [dict(p, x=min(p["x"], 0.9), p=min(p["p"], 1)) for p in points]
        columns = {name: np.array([p[name] for p in points]) for name in tree.parameters}
        batch = tree.payoff_batch(columns)
        assert batch.shape == (tree.n_players, tree.n_leaves, 5)
        for b, point in enumerate(points):
            assert np.allclose(batch[..., b].T, tree.at(point).payoffs, rtol=1e-12, atol=1e-12)
    # Single numbers for parameters that do not vary.
    fixed = read_toml_tree(LOTTERY).payoff_batch({"p": 0.5, "x": np.array([0.0, 0.5])})
    assert fixed.shape == (2, 4, 2) and fixed[1, 0].tolist() == [1.0, 1.0] and fixed[0, 3].tolist() == [0.0, 0.5]


def test_chance_probabilities_and_exact_values():
    tree = read_toml_tree(LOTTERY)
    numeric = tree.at({"p": "1/3"}, exact=True)
    assert numeric.probabilities[0].tolist() == pytest.approx([1 / 3, 2 / 3])
    assert numeric.exact_probabilities[0] == (sympy.Rational(1, 3), sympy.Rational(2, 3))
    assert numeric.exact_payoffs[0, 1] == sympy.Rational(2, 3)
    choices = np.array([-1, 1, -1, -1, 0, -1, -1])
    assert numeric.leaf_probabilities(choices).tolist() == pytest.approx([0, 1 / 3, 2 / 3, 0])
    assert numeric.expected_payoffs(choices) == pytest.approx([2, -1 / 3])


def test_bad_values_at_a_point_are_reported_with_the_node():
    tree = read_toml_tree(LOTTERY, source="lottery.toml")
    with pytest.raises(GameFileError, match="between 0 and 1 and sum to 1") as info:
        tree.at({"p": 1.5})
    assert info.value.key == "nodes.nature.probabilities"
    with pytest.raises(GameFileError, match="must be finite") as info:
        tree.at({"x": 1})
    assert info.value.key == "nodes.end2.payoffs.B"
    with pytest.raises(GameFileError, match="outside the parameter's bounds"):
        tree.at({"p": 3})
    with pytest.raises(GameFileError, match="unknown parameter"):
        tree.at({"q": 0})


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



def test_trees_pickle_for_worker_processes_after_evaluation():
    tree = read_toml_tree(LOTTERY)
    tree.at()
    again = pickle.loads(pickle.dumps(tree))
    assert np.array_equal(again.at({"p": 0.5}).payoffs, tree.at({"p": 0.5}).payoffs)
