import numpy as np

from gametheory_re.solvers.dominance import iterated_elimination


def test_prisoners_dilemma_leaves_defection():
    a = np.array([[3.0, 0.0], [5.0, 1.0]])
    surviving, steps = iterated_elimination(np.stack([a, a.T]), 1e-9)
    assert surviving == [[1], [1]]
    assert [(s.player, s.strategy) for s in steps] == [(0, 0), (1, 0)]


def test_strategy_dominated_only_by_a_mixture_is_removed():
    a = np.array([[3.0, 0.0], [0.0, 3.0], [1.0, 1.0]])
    surviving, steps = iterated_elimination(np.stack([a, np.zeros((3, 2))]), 1e-9)
    assert surviving[0] == [0, 1]
    assert steps[0].dominator == {0: 0.5, 1: 0.5}
    assert abs(steps[0].margin - 0.5) < 1e-9
    pure_only, _ = iterated_elimination(np.stack([a, np.zeros((3, 2))]), 1e-9, mixed=False)
    assert pure_only[0] == [0, 1, 2]


def test_weak_dominance_is_not_strict():
    a = np.array([[1.0, 1.0], [1.0, 0.0]])
    surviving, steps = iterated_elimination(np.stack([a, np.zeros((2, 2))]), 1e-9)
    assert surviving == [[0, 1], [0, 1]] and steps == []


def test_iterated_elimination_cascades():
    # Column's R is dominated; once it is gone Row's D is dominated.
    a = np.array([[2.0, 0.0], [1.0, 3.0]])
    b = np.array([[1.0, 0.0], [1.0, 0.0]])
    surviving, _ = iterated_elimination(np.stack([a, b]), 1e-9)
    assert surviving == [[0], [0]]
