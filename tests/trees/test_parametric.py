"""Tests of parametric trees: evaluation at a point and in batches, exact values, errors, pickling."""

import pickle

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formats import load_game
from gametheory_re.formats.toml_tree import read_toml_tree
from gametheory_re.trees.orders import sequential_game

from _support import random_point

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


def test_trees_pickle_for_worker_processes_after_evaluation():
    tree = read_toml_tree(LOTTERY)
    tree.at()
    again = pickle.loads(pickle.dumps(tree))
    assert np.array_equal(again.at({"p": 0.5}).payoffs, tree.at({"p": 0.5}).payoffs)
