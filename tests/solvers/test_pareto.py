import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re import find_equilibria, load_game
from gametheory_re.solvers.pareto import dominating_profiles, pareto_dominated


def test_stag_hunt_hare_equilibrium_is_dominated():
    assert pareto_dominated(np.array([[4.0, 4.0], [3.0, 3.0]]), 1e-9).tolist() == [False, True]


def test_conflicting_equilibria_are_not_dominated():
    assert not pareto_dominated(np.array([[2.0, 1.0], [1.0, 2.0]]), 1e-9).any()


def test_equal_vectors_do_not_dominate_each_other():
    assert not pareto_dominated(np.array([[1.0, 1.0], [1.0, 1.0 + 1e-12]]), 1e-9).any()


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2), (3, 2, 2)]))
def test_dominating_profiles_are_exactly_the_pure_profiles_better_for_all(seed, shape):
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 4, size=(len(shape), *shape)).astype(float)   # ties are common
    vector = payoffs[(slice(None),) + tuple(0 for _ in shape)] if seed % 2 else rng.integers(0, 4, len(shape))
    expected = [s for s in itertools.product(*map(range, shape))
                if all(payoffs[(p, *s)] >= vector[p] for p in range(len(shape)))
                and any(payoffs[(p, *s)] > vector[p] for p in range(len(shape)))]
    assert dominating_profiles(payoffs, vector, 1e-9) == expected


def test_the_dilemma_equilibrium_is_dominated_by_a_profile_that_is_no_equilibrium():
    result = find_equilibria(load_game("prisoners_dilemma").at())
    (eq,) = result.equilibria
    assert eq.pareto_dominators == ((0, 0),) and not eq.pareto_dominated


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from([(2, 2), (3, 2), (2, 2, 2)]), k=st.integers(1, 4))
def test_dominating_profiles_of_several_vectors_are_those_of_each(seed, shape, k):
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 4, size=(len(shape), *shape)).astype(float)
    vectors = rng.integers(0, 4, size=(k, len(shape))).astype(float)
    assert dominating_profiles(payoffs, vectors, 1e-9) == [dominating_profiles(payoffs, v, 1e-9) for v in vectors]
