import numpy as np

from gametheory_re.solvers.pareto import pareto_dominated


def test_stag_hunt_hare_equilibrium_is_dominated():
    assert pareto_dominated(np.array([[4.0, 4.0], [3.0, 3.0]]), 1e-9).tolist() == [False, True]


def test_conflicting_equilibria_are_not_dominated():
    assert not pareto_dominated(np.array([[2.0, 1.0], [1.0, 2.0]]), 1e-9).any()


def test_equal_vectors_do_not_dominate_each_other():
    assert not pareto_dominated(np.array([[1.0, 1.0], [1.0, 1.0 + 1e-12]]), 1e-9).any()
