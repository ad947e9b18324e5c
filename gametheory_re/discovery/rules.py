"""Decision-tree rules (scikit-learn's CART): each leaf as a readable rule with its support and purity.

A tree splits the runs, parameter by parameter, into leaves as pure as it
can (``max_depth`` levels, every leaf at least ``min_leaf`` of the runs).
The path to a leaf is a rule ``K <= 1.2 and s > 0.31``; its support is the
share of the runs in the leaf, its purity the share of them where the
outcome holds (the mean probability, for ``select``, fitted by a
regression tree).
"""

from __future__ import annotations

import numpy as np

from ..gsa.optional import sklearn_tree
from ..gsa.problem import Problem
from .result import Condition, Rule


def tree_rules(problem: Problem, x: np.ndarray, y: np.ndarray, binary: bool, max_depth: int = 3,
               min_leaf: float = 0.05, seed: int = 0) -> tuple[Rule, ...]:
    """The leaves of a decision tree fitted to ``y`` over the runs ``x``, purest first.

    Parameters
    ----------
    problem : Problem
        Names of the columns of ``x``.
    x : numpy.ndarray, shape (runs, parameters)
    y : numpy.ndarray
        0/1 when ``binary`` (a classification tree), else a probability (a regression tree).
    max_depth : int
    min_leaf : float
        Least share of the runs in a leaf (scikit-learn's ``min_samples_leaf`` as a fraction).
    seed : int
        Seed of scikit-learn's tie-breaking between equally good splits.

    Returns
    -------
    tuple of Rule
        Sorted by purity, then support, both from the largest: the leaves
        where the outcome holds come first.

    Examples
    --------
    >>> from gametheory_re.gsa.problem import Problem
    >>> rng = np.random.default_rng(0)
    >>> x = rng.uniform(size=(2000, 2))
    >>> y = ((x[:, 0] < 0.3) & (x[:, 1] > 0.5)).astype(float)
    >>> rule = tree_rules(Problem(("a", "b"), (0.0, 0.0), (1.0, 1.0)), x, y, True, max_depth=2)[0]
    >>> [(c.name, c.low and round(c.low, 2), c.high and round(c.high, 2)) for c in rule.conditions], rule.purity
    ([('a', None, 0.3), ('b', 0.5, None)], 1.0)
    """
    tree = sklearn_tree()
    kind = tree.DecisionTreeClassifier if binary else tree.DecisionTreeRegressor
    model = kind(max_depth=max_depth, min_samples_leaf=min_leaf, random_state=seed)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    model.fit(x, y.astype(int) if binary else y)
    leaf_of = model.apply(x)
    structure = model.tree_
    rules = []
    for leaf, path in _paths(structure):
        members = leaf_of == leaf
        purity = float(y[members].mean())
        conditions = tuple(_merged(problem.names, structure, path))
        rules.append(Rule(conditions, float(members.mean()), purity, int(members.sum()), purity > 0.5))
    rules.sort(key=lambda rule: (-rule.purity, -rule.support))
    return tuple(rules)


def _paths(structure):
    """``(leaf, [(node, went_left), ...])`` for every leaf, depth first."""
    stack = [(0, [])]
    while stack:
        node, path = stack.pop()
        left, right = structure.children_left[node], structure.children_right[node]
        if left == right:
            yield node, path
            continue
        stack.append((right, path + [(node, False)]))
        stack.append((left, path + [(node, True)]))


def _merged(names, structure, path):
    """One condition per parameter on the path: the tightest bounds, in the parameters' order."""
    bounds: dict[int, list] = {}
    for node, went_left in path:
        feature, cut = int(structure.feature[node]), float(structure.threshold[node])
        low, high = bounds.setdefault(feature, [None, None])
        if went_left:
            bounds[feature][1] = cut if high is None else min(high, cut)
        else:
            bounds[feature][0] = cut if low is None else max(low, cut)
    for feature in sorted(bounds):
        yield Condition(names[feature], *bounds[feature])


__all__ = ["tree_rules"]
