"""Exact subgame-perfect conditions of sequential games against numeric backward induction.

At 10^4 random points inside the free parameters' bounds, each printed plan
condition (read back from the JSON with sympy's parser) holds exactly where
backward induction picks that plan at every node; points where some mover
is nearly indifferent are left out (and counted).
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

from gametheory_re import load_game
from gametheory_re.errors import UnsupportedError
from gametheory_re.presenters.conditions import sequential_conditions_dict, show_sequential_conditions
from gametheory_re.symbolic.sequential import sequential_conditions

POINTS = 10_000
TIE = 1e-7


def numeric_plans(tree, columns, count):
    """Backward induction at every point: the move at each decision node, and where a tie came near."""
    payoffs = tree.payoff_batch(columns)  # (players, leaves, B)
    leaf_of = {}
    choices = {}
    tied = np.zeros(count, dtype=bool)
    for n in reversed(range(tree.n_nodes)):
        node = tree.nodes[n]
        if node.is_terminal:
            leaf_of[n] = np.full(count, node.leaf)
            continue
        reached = np.stack([leaf_of[c] for c in node.children])  # (moves, B)
        own = payoffs[node.player][reached, np.arange(count)]
        best = own.argmax(axis=0)
        ordered = np.sort(own, axis=0)
        scale = np.maximum(1.0, np.abs(own).max(axis=0))
        tied |= (ordered[-1] - ordered[-2]) < TIE * scale
        choices[n] = best
        leaf_of[n] = reached[best, np.arange(count)]
    return choices, leaf_of[0], tied


def check(tree, result, seed, max_others=40):
    doc = sequential_conditions_dict(result)
    rng = np.random.default_rng(seed)
    names = [p["name"] for p in doc["parameters"]]
    columns = {}
    for name in names:
        p = tree.parameters[name]
        columns[name] = rng.uniform(float(p.minimum), float(p.maximum), POINTS)
    for name, value in result.fixed.items():
        columns[name] = np.full(POINTS, float(value))
    choices, leaf, tied = numeric_plans(tree, columns, POINTS)
    assert tied.mean() < 0.05
    symbols = {n: sympy.Symbol(n, real=True) for n in names}
    args = [columns[n] for n in names]
    by_name = {tree.nodes[n].name: n for n in choices}
    covered = np.zeros(POINTS, dtype=bool)
    others = 0
    for plan in doc["plans"]:
        expected = np.ones(POINTS, dtype=bool)
        for node_name, move in plan["choices"].items():
            n = by_name[node_name]
            expected &= choices[n] == tree.nodes[n].moves.index(move)
        covered |= expected
        # Every plan backward induction picks somewhere, and a few others
        # (which must hold nowhere off ties): lambdify costs ~20 ms a plan.
        if not expected[~tied].any():
            others += 1
            if others > max_others:
                continue
        relation = parse_expr(plan["condition"], local_dict=symbols)
        holds = np.broadcast_to(sympy.lambdify(list(symbols.values()), relation, "numpy")(*args), (POINTS,))
        assert np.array_equal(holds[~tied], expected[~tied]), plan["choices"]
    # No plan that backward induction picks was dropped as impossible.
    assert covered[~tied].all()
    # The path lists and outcomes agree with the plans.
    for o in doc["outcomes"]:
        some = parse_expr(o["some"], local_dict=symbols)
        holds = np.broadcast_to(sympy.lambdify(list(symbols.values()), some, "numpy")(*args), (POINTS,))
        mask = tree.outcomes[o["name"]].mask[leaf]
        assert np.array_equal(holds[~tied], mask[~tied]), o["name"]
    return tied.sum()


def test_game_c_s_and_k_free():
    tree = load_game("us_japan_china_sequential")
    result = sequential_conditions(tree, free=["s", "K"])
    assert result.total_plans == 2 * 3**2 * 2**6
    assert 0 < len(result.plans) <= 10
    check(tree, result, 1)
    text = show_sequential_conditions(result)
    assert "(build, align, supply) is the subgame-perfect path of" in text


def test_game_c_with_min_cases():
    # q, kappa free: the payoffs' min(1, q*(1 + kappa)) splits into cases.
    tree = load_game("us_japan_china_sequential")
    # A short time budget stops the exact LP checks: plans are then kept
    # unchecked, and their conditions must still be exact.
    result = sequential_conditions(tree, free=["q", "kappa", "h", "eps", "s"], time_budget=1)
    assert len(result.cases) > 1
    check(tree, result, 2)


def test_refuses_imperfect_information():
    from gametheory_re.trees.orders import sequential_game

    base = load_game("us_japan_china")
    tree = sequential_game(base, ["US", ["Japan", "China"]])
    with pytest.raises(UnsupportedError, match="perfect information"):
        sequential_conditions(tree)


def test_cli_from_empty_dir(tmp_path):
    done = subprocess.run([sys.executable, "-m", "gametheory_re", "conditions", "us_japan_china_sequential",
                           "--free", "s,K", "--json"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["total_plans"] == 1152 and doc["plans"]
    done = subprocess.run([sys.executable, "-m", "gametheory_re", "conditions", "us_japan_china_sequential",
                           "--free", "s,K"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "subgame-perfect path" in done.stdout
