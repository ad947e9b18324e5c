import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re.solvers.regret import default_tol, expected_payoffs, regrets, stacked_strategy_values, strategy_values


def test_regrets_of_matching_pennies():
    a = np.array([[1.0, -1.0], [-1.0, 1.0]])
    u = np.stack([a, -a])
    half = np.array([0.5, 0.5])
    assert np.allclose(regrets(u, (half, half)), 0)
    assert np.allclose(regrets(u, (np.array([1.0, 0.0]), half)), [0, 1])


def test_strategy_values_contract_the_right_axes():
    rng = np.random.default_rng(1)
    u = rng.normal(size=(3, 2, 3, 4))
    sigma = [rng.dirichlet(np.ones(n)) for n in (2, 3, 4)]
    brute = np.einsum("ijk,j,k->i", u[0], sigma[1], sigma[2])
    assert np.allclose(strategy_values(u, sigma, 0), brute)
    brute = np.einsum("ijk,i,j->k", u[2], sigma[0], sigma[1])
    assert np.allclose(strategy_values(u, sigma, 2), brute)
    assert np.allclose(expected_payoffs(u, sigma)[1], np.einsum("ijk,i,j,k", u[1], *sigma))


def test_default_tolerance_scales_with_payoffs():
    # No floor: equilibria are invariant to scaling payoffs, and so is the test.
    assert default_tol(np.array([0.5])) == 5e-10
    assert default_tol(np.zeros(3)) == 0
    payoffs = np.array([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    for c in (1e-300, 1e-12, 1.0, 1e12):
        assert default_tol(c * payoffs) == pytest.approx(c * default_tol(payoffs))
    assert default_tol(np.array([-2000.0])) == pytest.approx(2e-6)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([(2, 2), (3, 4), (2, 2, 2), (2, 3, 4), (2, 2, 2, 2)]), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_stacked_strategy_values_match_one_profile_at_a_time(shape, k, seed):
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(len(shape), *shape))
    stacks = [rng.dirichlet(np.ones(n), size=k) for n in shape]
    stacked = stacked_strategy_values(u, stacks)
    for z in range(k):
        profile = [s[z] for s in stacks]
        for p in range(len(shape)):
            assert np.allclose(stacked[p][z], strategy_values(u, profile, p), rtol=1e-12, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([(2, 2, 2), (2, 2, 2, 2), (3, 3, 3), (2, 2, 2, 2, 2), (4, 4, 4)]), st.integers(1, 4),
       st.integers(0, 2**32 - 1))
def test_uniform_games_take_the_batched_path_and_agree(shape, k, seed):
    # Games where every player has as many strategies are valued by one
    # batched product for all players: the same values, up to round-off, as
    # one einsum per player (the path every other game takes), for max_regret too.
    from gametheory_re.solvers import regret

    assert regret._uniform(np.zeros((len(shape), *shape)))
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(len(shape), *shape)) * 10.0 ** rng.integers(-3, 4)
    stacks = [rng.dirichlet(np.ones(n), size=k) * (rng.random((k, n)) < 0.8) for n in shape]
    batched = stacked_strategy_values(u, stacks)
    einsum = [np.einsum(s, u[p], *[x for q, x in enumerate(stacks) if q != p])
              for p, s in enumerate(regret._stacked_value_subscripts(len(shape)))]
    scale = np.abs(u).max()
    for a, b in zip(batched, einsum):
        assert a.shape == b.shape and np.allclose(a, b, rtol=0, atol=1e-13 * scale)
    for z in range(k):
        profile = [x[z] for x in stacks]
        assert abs(regret.max_regret(u, profile) - np.max(regrets(u, profile))) <= 1e-13 * scale


def test_no_profiles_give_empty_values():
    u = np.zeros((3, 2, 2, 2))
    assert [v.shape for v in stacked_strategy_values(u, [np.zeros((0, 2))] * 3)] == [(0, 2)] * 3
