"""Decision-tree rules on a table whose rule is known: holds iff a < 0.3 and b > 0.5."""

import numpy as np
import pytest

from gametheory_re.discovery.rules import tree_rules
from gametheory_re.gsa.problem import Problem
from gametheory_re.presenters.discovery import rule_text

from _support import need_module

PROBLEM = Problem(("a", "b", "c"), (0.0, 0.0, 0.0), (1.0, 1.0, 1.0))


def _table(n=3000, seed=5):
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n, 3))
    return x, ((x[:, 0] < 0.3) & (x[:, 1] > 0.5)).astype(float)


def _members(x, rule):
    inside = np.ones(len(x), dtype=bool)
    for c in rule.conditions:
        column = x[:, PROBLEM.names.index(c.name)]
        if c.low is not None:
            inside &= column > c.low
        if c.high is not None:
            inside &= column <= c.high
    return inside


def test_the_known_rule_is_found_with_support_and_purity_recomputed():
    need_module("sklearn")
    x, y = _table()
    rules = tree_rules(PROBLEM, x, y, True, max_depth=2, min_leaf=0.05)
    best = rules[0]
    assert best.holds and best.purity == 1.0
    assert [c.name for c in best.conditions] == ["a", "b"]
    a, b = best.conditions
    assert a.low is None and a.high == pytest.approx(0.3, abs=0.01)
    assert b.high is None and b.low == pytest.approx(0.5, abs=0.01)
    assert rule_text(best.conditions).startswith("a <= 0.")
    assert not any(rule.holds for rule in rules[1:])
    # Every leaf's support and purity are those of its conditions applied to the runs; the leaves partition them.
    total = np.zeros(len(x), dtype=int)
    for rule in rules:
        inside = _members(x, rule)
        total += inside
        assert rule.runs == inside.sum()
        assert rule.support == pytest.approx(inside.mean(), abs=1e-12)
        assert rule.purity == pytest.approx(y[inside].mean(), abs=1e-12)
    assert (total == 1).all()
    assert [r.purity for r in rules] == sorted((r.purity for r in rules), reverse=True)


def test_a_probability_is_fitted_by_a_regression_tree():
    need_module("sklearn")
    x, y = _table()
    probability = 0.9 * y + 0.05
    rules = tree_rules(PROBLEM, x, probability, False, max_depth=2)
    assert rules[0].purity == pytest.approx(0.95) and rules[0].holds
    assert sum(r.support for r in rules) == pytest.approx(1.0)


def test_min_leaf_and_depth_bound_the_tree():
    need_module("sklearn")
    x, y = _table()
    rules = tree_rules(PROBLEM, x, y, True, max_depth=3, min_leaf=0.2)
    assert all(r.support >= 0.2 for r in rules) and all(len(r.conditions) <= 3 for r in rules)
    assert len(tree_rules(PROBLEM, x, y, True, max_depth=1)) == 2
