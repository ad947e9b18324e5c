"""Tests of move-order games: one leaf per profile, information sets for groups, order checks."""

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formats import load_game
from gametheory_re.parametric import ParametricGame
from gametheory_re.trees.orders import order_label, sequential_game

from _support import random_point

GAME_B = load_game("us_japan_china")


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
