"""The learning rules agree with nashpy's (0.0.43) on two-player games.

* Fictitious play: the same plays and counts as ``nashpy.Game.fictitious_play``
  from starting counts on random normal payoffs, where no two best replies
  tie (nashpy breaks ties with ``np.random.choice`` on numpy's global
  generator, we take the first: on ties the two may differ and are not
  compared).
* Continuous replicator dynamics: the trajectory of nashpy's
  ``asymmetric_replicator_dynamics`` on the same time points, within 1e-6
  (and of its single-population ``replicator_dynamics`` for a symmetric
  game started symmetrically).
* Stochastic fictitious play: the two draw different random numbers, so
  only the distributions are compared: the mean long-run frequency over
  :data:`SEEDS` seeded runs of each agrees within :data:`STANDARD_ERRORS`
  standard errors of the difference of the two means.
* ``NormalFormGame.to_nashpy`` / ``from_nashpy`` give back the payoffs.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from gametheory_re.errors import UnsupportedError
from gametheory_re.learning import fictitious_play, replicator_dynamics, stochastic_fictitious_play
from gametheory_re.normal_form import NormalFormGame

from _support import need_module

nashpy = need_module("nashpy")

SEEDS_ST = st.integers(0, 2**32 - 1)
SHAPES = st.tuples(st.integers(2, 4), st.integers(2, 4))
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Runs of stochastic fictitious play per implementation, and their length.
SEEDS = 20
SFP_ITERATIONS = 800
#: Tolerance of a difference of two mean frequencies, in standard errors of that difference.
STANDARD_ERRORS = 4.0

PENNIES = np.array([[[1, -1], [-1, 1]], [[-1, 1], [1, -1]]], dtype=float)


@pytest.fixture(autouse=True)
def _global_numpy_state():
    """nashpy draws from numpy's global generator: each test seeds it, and leaves it as it found it."""
    state = np.random.get_state()
    yield
    np.random.set_state(state)


def _random_game(seed: int, shape) -> tuple[np.ndarray, np.random.Generator]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(2, *shape)), rng


# -- fictitious play -------------------------------------------------------------------------


def _nashpy_fictitious_play(payoffs, counts, iterations):
    """nashpy's count vectors after each iteration, and the smallest gap between a best reply and the next value."""
    A, B = payoffs
    path = list(nashpy.Game(A, B).fictitious_play(iterations=iterations, play_counts=[c.copy() for c in counts]))
    gap = np.inf
    for row_counts, column_counts in path[:-1]:
        for values in (A @ column_counts, B.T @ row_counts):   # what nashpy's best replies maximise
            top = np.sort(values)[::-1]
            gap = min(gap, (top[0] - top[1]) / max(1.0, np.abs(values).max()))
    return path, gap


@FAST
@given(SEEDS_ST, SHAPES, st.integers(1, 150))
def test_fictitious_play_plays_as_nashpy_without_ties(seed, shape, iterations):
    payoffs, rng = _random_game(seed, shape)
    counts = [rng.integers(0, 4, size=n).astype(float) for n in shape]
    for c in counts:
        c[rng.integers(len(c))] += 1     # some history: without one every strategy ties
    np.random.seed(seed % 2**32)
    path, gap = _nashpy_fictitious_play(payoffs, counts, iterations)
    assume(gap > 1e-9)                   # tie-free: nashpy's random tie rule never acts
    ours = fictitious_play(payoffs, iterations=iterations, counts=counts)

    # nashpy yields counts only: each iteration's play is the count that grew.
    their_plays = np.array([[int(np.argmax(after[p] - before[p])) for p in range(2)]
                            for before, after in zip(path, path[1:])])
    np.testing.assert_array_equal(ours.plays, their_plays)
    # Our counts: the initial ones plus the plays; nashpy's are its last vectors.
    for p in range(2):
        final = counts[p] + np.bincount(ours.plays[:, p], minlength=shape[p])
        np.testing.assert_array_equal(final, path[-1][p])
    frequencies = np.array([np.concatenate([c / c.sum() for c in step]) for step in path])
    np.testing.assert_allclose(ours.trajectory, frequencies, rtol=0, atol=1e-12)
    assert ours.trajectory.shape == (iterations + 1, sum(shape))


def test_fictitious_play_counts_of_the_caller_are_not_changed():
    payoffs, _ = _random_game(3, (3, 2))
    counts = [np.array([1.0, 0.0, 2.0]), np.array([0.0, 1.0])]
    before = [c.copy() for c in counts]
    fictitious_play(payoffs, iterations=20, counts=counts)
    for c, b in zip(counts, before):
        np.testing.assert_array_equal(c, b)


# -- replicator dynamics ---------------------------------------------------------------------


@FAST
@given(SEEDS_ST, SHAPES, st.floats(1.0, 20.0))
def test_replicator_dynamics_follows_nashpys_asymmetric_replicator(seed, shape, horizon):
    payoffs, rng = _random_game(seed, shape)
    x0, y0 = (rng.dirichlet(np.ones(n)) for n in shape)
    grid = np.linspace(0.0, horizon, 201)
    ours = replicator_dynamics(payoffs, start=[x0, y0], times=grid)
    xs, ys = nashpy.Game(payoffs[0], payoffs[1]).asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=grid)
    np.testing.assert_allclose(ours.times, grid)
    np.testing.assert_allclose(ours.player_path(0), xs, rtol=0, atol=1e-6)
    np.testing.assert_allclose(ours.player_path(1), ys, rtol=0, atol=1e-6)


@FAST
@given(SEEDS_ST, st.integers(2, 4))
def test_symmetric_replicator_started_symmetrically_follows_nashpys_single_population(seed, n):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, n))
    x0 = rng.dirichlet(np.ones(n))
    grid = np.linspace(0.0, 10.0, 201)
    ours = replicator_dynamics(np.stack([A, A.T]), start=[x0, x0], times=grid)
    theirs = nashpy.Game(A, A.T).replicator_dynamics(y0=x0, timepoints=grid)
    for p in range(2):
        np.testing.assert_allclose(ours.player_path(p), theirs, rtol=0, atol=1e-6)


def test_replicator_with_large_negative_payoffs_stays_on_the_simplex():
    # In the plain form x * (f - x.f) the sum s of a population's shares obeys
    # ds/dt = (x.f)(1 - s): with a mean payoff near -1000 the integrator's
    # round-off away from s = 1 grows like exp(1000 t), and a population
    # vanishes or explodes long before t = 200.
    for seed in range(4):
        payoffs, rng = _random_game(seed, (3, 3))
        payoffs -= 1000.0
        start = [rng.dirichlet(np.ones(3)) for _ in range(2)]
        run = replicator_dynamics(payoffs, start=start, times=np.linspace(0.0, 200.0, 2001))
        for p in range(2):
            path = run.player_path(p)
            np.testing.assert_allclose(path.sum(axis=1), 1.0, rtol=0, atol=1e-9)
            assert path.min() >= -1e-12
        # Shifting every payoff of a player by a constant does not change its
        # replicator dynamics: the path is that of the unshifted game.
        plain = replicator_dynamics(payoffs + 1000.0, start=start, times=np.linspace(0.0, 200.0, 2001))
        np.testing.assert_allclose(run.trajectory, plain.trajectory, rtol=0, atol=1e-6)


# -- stochastic fictitious play --------------------------------------------------------------


def _ours_sfp(payoffs, seed, etha):
    return stochastic_fictitious_play(payoffs, iterations=SFP_ITERATIONS, etha=etha, epsilon_bar=0.01,
                                      random_state=seed).trajectory[-1]


def _theirs_sfp(payoffs, seed, etha):
    np.random.seed(seed)
    *_, (counts, _) = nashpy.Game(payoffs[0], payoffs[1]).stochastic_fictitious_play(
        iterations=SFP_ITERATIONS, etha=etha, epsilon_bar=0.01)
    return np.concatenate([c / c.sum() for c in counts])


def _frequencies(run, payoffs, etha):
    """``(SEEDS, n_1 + n_2)``: the final empirical frequencies of :data:`SEEDS` seeded runs."""
    return np.array([run(payoffs, seed, etha) for seed in range(SEEDS)])


def _agree(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per strategy: whether the mean frequencies agree within :data:`STANDARD_ERRORS` standard errors of their difference."""
    error = np.sqrt(a.var(axis=0, ddof=1) / len(a) + b.var(axis=0, ddof=1) / len(b))
    return np.abs(a.mean(axis=0) - b.mean(axis=0)) <= STANDARD_ERRORS * error


def _near(a: np.ndarray, value) -> np.ndarray:
    """Per strategy: whether the mean frequency is within :data:`STANDARD_ERRORS` standard errors of ``value``."""
    return np.abs(a.mean(axis=0) - value) <= STANDARD_ERRORS * a.std(axis=0, ddof=1) / np.sqrt(len(a))


def test_stochastic_fictitious_play_matches_nashpy_on_matching_pennies():
    # The unique equilibrium is (1/2, 1/2) for both, and so, by symmetry, is
    # the logit equilibrium the frequencies approach.
    ours, theirs = _frequencies(_ours_sfp, PENNIES, 0.1), _frequencies(_theirs_sfp, PENNIES, 0.1)
    assert _agree(ours, theirs).all(), (ours.mean(axis=0), theirs.mean(axis=0))
    for sample in (ours, theirs):
        assert _near(sample, 0.5).all(), sample.mean(axis=0)


def test_stochastic_fictitious_play_matches_nashpy_on_a_strict_pure_equilibrium():
    # Strategy 0 beats 1 by 0.1 whatever the other plays: (0, 0) is a strict
    # equilibrium, and with etha = 0.1 each player plays 0 with probability
    # about 1 / (1 + exp(-0.1 / etha)) every round, so the long-run frequency
    # is near that (not 1): a distribution to compare, not a constant.
    A = np.array([[0.3, 0.1], [0.2, 0.0]])
    game = np.stack([A, A.T])
    ours, theirs = _frequencies(_ours_sfp, game, 0.1), _frequencies(_theirs_sfp, game, 0.1)
    assert _agree(ours, theirs).all(), (ours.mean(axis=0), theirs.mean(axis=0))
    logit = 1 / (1 + np.exp(-0.1 / 0.1))
    for sample in (ours, theirs):
        # Within 0.02: the first round (no history) and the perturbations move it a little.
        np.testing.assert_allclose(sample.mean(axis=0)[[0, 2]], logit, atol=0.02)
    # The comparison has power: twice the noise is told apart.
    noisier = _frequencies(_ours_sfp, game, 0.2)
    assert not _agree(noisier, theirs).any()


# -- conversions -----------------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(SEEDS_ST, SHAPES)
def test_to_nashpy_and_back_keep_the_payoffs(seed, shape):
    payoffs, _ = _random_game(seed, shape)
    game = NormalFormGame.from_arrays(payoffs[0], payoffs[1], players=("Row", "Column"))
    theirs = game.to_nashpy()
    A, B = theirs.payoff_matrices
    np.testing.assert_array_equal(A, payoffs[0])
    np.testing.assert_array_equal(B, payoffs[1])
    back = NormalFormGame.from_nashpy(theirs, players=game.players, strategies=game.strategies)
    np.testing.assert_array_equal(back.payoffs, game.payoffs)
    assert back.players == game.players and back.strategies == game.strategies
    # At a mixed profile nashpy's expected payoffs are ours.
    rng = np.random.default_rng(seed)
    x, y = (rng.dirichlet(np.ones(n)) for n in shape)
    np.testing.assert_allclose(theirs[x, y], game.expected_payoffs([x, y]), rtol=1e-12, atol=1e-12)


def test_from_nashpy_reads_a_zero_sum_game():
    game = NormalFormGame.from_nashpy(nashpy.Game(PENNIES[0]))
    np.testing.assert_array_equal(game.payoffs, PENNIES)


def test_to_nashpy_refuses_a_three_player_game():
    game = NormalFormGame.from_arrays(*np.zeros((3, 2, 2, 2)))
    with pytest.raises(UnsupportedError, match="2 players; this one has 3"):
        game.to_nashpy()
