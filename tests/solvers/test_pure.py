import numpy as np

from gametheory_re.solvers.pure import pure_equilibria, pure_equilibrium_mask


def test_prisoners_dilemma_has_mutual_defection_only():
    a = np.array([[3.0, 0.0], [5.0, 1.0]])
    assert pure_equilibria(np.stack([a, a.T]), 1e-9) == [(1, 1)]


def test_matching_pennies_has_no_pure_equilibrium():
    a = np.array([[1.0, -1.0], [-1.0, 1.0]])
    assert pure_equilibria(np.stack([a, -a]), 1e-9) == []


def test_three_player_coordination_has_two_equilibria():
    u = np.zeros((3, 2, 2, 2))
    u[:, 0, 0, 0] = 1
    u[:, 1, 1, 1] = 2
    assert pure_equilibria(u, 1e-9) == [(0, 0, 0), (1, 1, 1)]


def test_ties_within_tolerance_count_as_best_responses():
    a = np.array([[1.0, 0.0], [1.0 - 1e-12, 0.0]])
    u = np.stack([a, np.zeros((2, 2))])
    assert pure_equilibria(u, 1e-9) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert pure_equilibria(u, 1e-14) == [(0, 0), (0, 1), (1, 1)]


def test_batched_mask_equals_one_game_at_a_time():
    rng = np.random.default_rng(0)
    batch = rng.integers(-3, 4, size=(3, 2, 3, 2, 50)).astype(float)
    tol = np.full(50, 1e-9)
    mask = pure_equilibrium_mask(batch, tol)
    for b in range(batch.shape[-1]):
        assert np.array_equal(mask[..., b], pure_equilibrium_mask(batch[..., b], 1e-9))
