"""The learning rules on 3-player games, and the options they refuse.

Where a rule says it converged, the profile it converged to is checked with
the game's own regrets (``NormalFormGame.regrets``, not the result's), on
random 3-player games built with a strict pure equilibrium; the replicator
dynamics started near that equilibrium reach it.  A bad option is refused by
the library's error, in one line that starts with the argument's name.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gametheory_re import learn, load_game
from gametheory_re.errors import GameFileError
from gametheory_re.options import OptionError
from gametheory_re.learning import (
    RULES, best_response_dynamics, discrete_replicator_dynamics, fictitious_play, logit_dynamics, replicator_dynamics,
    stochastic_fictitious_play,
)
from gametheory_re.normal_form import NormalFormGame
from gametheory_re.presenters.learning import show_learning

SEEDS = st.integers(0, 2**32 - 1)
SHAPES = st.tuples(*[st.integers(2, 3)] * 3)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: How much better the planted equilibrium strategy is than every deviation from it.
MARGIN = 1.0


def strict_game(seed: int, shape):
    """Random normal payoffs with one pure profile made a strict equilibrium: ``(payoffs, profile, rng)``."""
    rng = np.random.default_rng(seed)
    payoffs = rng.normal(size=(3, *shape))
    star = tuple(int(rng.integers(n)) for n in shape)
    for p in range(3):
        deviations = [payoffs[(p, *star[:p], k, *star[p + 1:])] for k in range(shape[p]) if k != star[p]]
        payoffs[(p, *star)] = max(deviations) + MARGIN
    return payoffs, star, rng


def _regrets(payoffs, row, shape) -> np.ndarray:
    """The game's own regrets at a trajectory row."""
    offsets = np.concatenate([[0], np.cumsum(shape)])
    game = NormalFormGame.from_arrays(*payoffs)
    return game.regrets([row[a:b] for a, b in zip(offsets[:-1], offsets[1:])])


def _pure_row(star, shape) -> np.ndarray:
    return np.concatenate([np.eye(n)[k] for n, k in zip(shape, star)])


def test_strict_game_plants_a_strict_equilibrium():
    payoffs, star, _ = strict_game(5, (2, 3, 2))
    game = NormalFormGame.from_arrays(*payoffs)
    assert game.is_nash(list(star), tol=0.0)
    for p in range(3):    # every deviation loses at least MARGIN
        for k in range(payoffs.shape[p + 1]):
            if k != star[p]:
                profile = list(star)
                profile[p] = k
                assert game.expected_payoffs(profile)[p] <= game.expected_payoffs(list(star))[p] - MARGIN + 1e-12


# -- best response ---------------------------------------------------------------------------


@FAST
@given(SEEDS, SHAPES, st.sampled_from(["stay", "first", "random"]))
def test_best_response_rest_points_are_verified_pure_equilibria(seed, shape, tie):
    payoffs, star, rng = strict_game(seed, shape)
    start = [int(rng.integers(n)) for n in shape]
    run = best_response_dynamics(payoffs, iterations=60, start=start, tie=tie, random_state=seed % 1000)
    np.testing.assert_allclose(run.regrets, _regrets(payoffs, run.trajectory[-1], shape), atol=1e-12)
    if run.converged:
        assert run.is_nash and run.max_regret == 0.0
        assert (_regrets(payoffs, run.trajectory[-1], shape) <= run.tol).all()
        np.testing.assert_array_equal(run.trajectory[run.converged_at], run.trajectory[-1])
    else:
        # Stopped by a cycle or the iteration limit, never at a rest point.
        assert run.notes or len(run.plays) == 60
    # Started at the strict equilibrium it never moves, whatever the tie rule.
    still = best_response_dynamics(payoffs, start=list(star), tie=tie, random_state=0)
    assert still.converged and still.converged_at == 0 and len(still.plays) == 0
    np.testing.assert_array_equal(still.trajectory[-1], _pure_row(star, shape))


# -- fictitious play -------------------------------------------------------------------------


@FAST
@given(SEEDS, SHAPES, st.sampled_from(["first", "random"]))
def test_fictitious_play_converges_only_at_verified_equilibria(seed, shape, tie):
    payoffs, star, rng = strict_game(seed, shape)
    tol = 1e-2
    run = fictitious_play(payoffs, iterations=300, tol=tol, tie=tie, random_state=seed % 1000)
    regrets = np.array([_regrets(payoffs, row, shape).max() for row in run.trajectory])
    if run.converged:
        # The first iteration whose empirical frequencies are an equilibrium within tol.
        assert regrets[run.converged_at] <= tol
        assert (regrets[1:run.converged_at] > tol).all()
    else:
        assert (regrets[1:] > tol).all()
    np.testing.assert_allclose(run.max_regret, regrets[-1], atol=1e-12)
    assert run.is_nash == (regrets[-1] <= tol)


@FAST
@given(SEEDS, SHAPES, st.integers(1, 5))
def test_fictitious_play_from_equilibrium_counts_stays_there(seed, shape, weight):
    payoffs, star, rng = strict_game(seed, shape)
    counts = [weight * np.eye(n)[k] for n, k in zip(shape, star)]
    run = fictitious_play(payoffs, iterations=50, counts=counts)
    assert (run.plays == np.array(star)).all()
    assert run.converged and run.converged_at == 1 and run.is_nash
    np.testing.assert_array_equal(run.trajectory[-1], _pure_row(star, shape))
    assert (_regrets(payoffs, run.trajectory[-1], shape) <= run.tol).all()


# -- replicator dynamics ---------------------------------------------------------------------


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SEEDS, SHAPES, st.sampled_from(["replicator", "replicator-discrete"]))
def test_replicator_started_near_a_strict_equilibrium_converges_to_it(seed, shape, rule):
    payoffs, star, rng = strict_game(seed, shape)
    eps = 0.02
    start = [(1 - eps) * np.eye(n)[k] + eps * rng.dirichlet(np.ones(n)) for n, k in zip(shape, star)]
    if rule == "replicator":
        run = replicator_dynamics(payoffs, start=start, times=np.linspace(0.0, 40.0, 161))
    else:
        run = discrete_replicator_dynamics(payoffs, start=start, iterations=1500)
    assert run.converged, (run.steps[-5:], run.trajectory[-1])
    np.testing.assert_allclose(run.trajectory[-1], _pure_row(star, shape), atol=1e-6)
    assert run.is_nash
    assert (_regrets(payoffs, run.trajectory[-1], shape) <= run.tol).all()
    # Each row a profile.
    for p in range(3):
        np.testing.assert_allclose(run.player_path(p).sum(axis=1), 1.0, atol=1e-9)
        assert run.player_path(p).min() >= 0.0


def test_the_bundled_three_player_game_learns_to_verified_equilibria():
    # us_japan_china at its defaults: whatever a rule reports as converged is checked with the game's regrets.
    game = load_game("us_japan_china").at()
    assert game.n_players == 3
    checked = 0
    for rule, options in (("best-response", {}), ("fictitious-play", {"tol": 1e-2 * np.abs(game.payoffs).max()}),
                          ("replicator-discrete", {"iterations": 3000})):
        run = learn(game, rule=rule, **options)
        if run.converged:
            point = run.trajectory[run.converged_at] if "fictitious" in rule else run.trajectory[-1]
            assert (_regrets(game.payoffs, point, game.shape) <= run.tol).all(), rule
            checked += 1
    assert checked >= 1


# -- refused options -------------------------------------------------------------------------

THREE = strict_game(1, (2, 2, 2))[0]


@pytest.mark.parametrize("rule, options, name", [
    (fictitious_play, {"iterations": 0}, "iterations"),
    (fictitious_play, {"iterations": -3}, "iterations"),
    (fictitious_play, {"iterations": 10**9}, "iterations"),
    (fictitious_play, {"iterations": "many"}, "iterations"),
    (fictitious_play, {"tie": "stay"}, "tie"),
    (fictitious_play, {"tie": "last"}, "tie"),
    (fictitious_play, {"random_state": -1}, "random_state"),
    (fictitious_play, {"counts": [[1, 0], [0, 1]]}, "counts"),
    (fictitious_play, {"counts": [[1, 0], [0, 1], [1, 0, 0]]}, "counts"),
    (fictitious_play, {"counts": [[-1, 0], [0, 1], [1, 0]]}, "counts"),
    (fictitious_play, {"tol": -1}, "tol"),
    (stochastic_fictitious_play, {"etha": 0}, "etha"),
    (stochastic_fictitious_play, {"epsilon_bar": -0.1}, "epsilon_bar"),
    (stochastic_fictitious_play, {"iterations": -1}, "iterations"),
    (best_response_dynamics, {"tie": "sometimes"}, "tie"),
    (best_response_dynamics, {"start": [0, 5, 0]}, "start"),
    (best_response_dynamics, {"start": [0, 1]}, "start"),
    (best_response_dynamics, {"iterations": -1}, "iterations"),
    (replicator_dynamics, {"times": [0, 0]}, "times"),
    (replicator_dynamics, {"times": [[0, 1]]}, "times"),
    (replicator_dynamics, {"start": [[0.5, 0.6], [1, 0], [1, 0]]}, "start"),
    (replicator_dynamics, {"start": [[0.5, 0.5], [1, 0]]}, "start"),
    (discrete_replicator_dynamics, {"start": [[1, 0, 0], [1, 0], [1, 0]]}, "start"),
    (discrete_replicator_dynamics, {"iterations": 0}, "iterations"),
    (logit_dynamics, {"lam": float("nan")}, "lam"),
    (logit_dynamics, {"step": 2}, "step"),
    (best_response_dynamics, {"start": [[0.5, 0.5], [1, 0], [1, 0]]}, "start"),
])
def test_bad_options_are_refused_naming_them(rule, options, name):
    # OptionError: a GameFileError for the command line, a ValueError for Python callers.
    with pytest.raises(OptionError) as caught:
        rule(THREE, **options)
    message = str(caught.value)
    assert message.startswith(name + ":"), message
    assert "\n" not in message


@pytest.mark.parametrize("rule", sorted(RULES))
def test_bad_payoffs_are_refused_naming_them(rule):
    for bad in (np.zeros((2, 2, 2, 2)), np.full((3, 2, 2, 2), np.nan)):
        with pytest.raises(GameFileError) as caught:
            RULES[rule](bad)
        assert str(caught.value).startswith("payoffs:")


@pytest.mark.parametrize("options, name", [
    ({"rule": "hill-climbing"}, "rule"),
    ({"rule": "replicator", "tie": "first"}, "tie"),
    ({"rule": "replicator", "horizon": 0}, "horizon"),
    ({"rule": "best-response", "tie": "random", "seed": -2}, "seed"),
    ({"rule": "stochastic-fictitious-play", "seed": "x"}, "seed"),
    ({"rule": "fictitious-play", "start": [[1, 0], [0, 1]]}, "start"),
    ({"rule": "stochastic-fictitious-play", "start": [[1, 0], [0, 1], [-1, 2]]}, "start"),
    ({"rule": "replicator", "start": [[1, 0], [0, 1], [0.5, 0.6]]}, "start"),
    ({"rule": "replicator", "iterations": 10**7}, "iterations"),
    ({"rule": "logit", "iterations": 0}, "iterations"),
    # A rule's own option given to another rule is refused, not ignored.
    ({"rule": "replicator-discrete", "lam": 0}, "lam"),
    ({"rule": "fictitious-play", "horizon": 5}, "horizon"),
    ({"rule": "logit", "etha": 0.2}, "etha"),
    ({"rule": "replicator", "seed": 1}, "seed"),
    ({"rule": "best-response", "epsilon_bar": 0.1}, "epsilon_bar"),
])
def test_learn_refuses_bad_options_naming_them(options, name):
    game = NormalFormGame.from_arrays(*THREE)
    with pytest.raises(GameFileError) as caught:
        learn(game, **options)
    assert str(caught.value).startswith(name + ":"), str(caught.value)


def test_discrete_rules_count_iterations_in_whole_numbers():
    game = NormalFormGame.from_arrays(*THREE)
    frame = learn(game, rule="fictitious-play", iterations=5).to_frame()
    assert frame["iteration"].tolist() == [0, 1, 2, 3, 4, 5] and frame["iteration"].dtype.kind == "i"
    assert learn(game, rule="replicator", iterations=4, horizon=2).to_frame()["time"].tolist() == [0, 0.5, 1, 1.5, 2]


def test_a_convergence_test_that_held_once_is_not_reported_as_convergence():
    # Stochastic fictitious play on matching pennies: the frequencies pass the regret
    # test at some iteration, then drift away from (1/2, 1/2) again.
    result = learn("matching_pennies", rule="stochastic-fictitious-play", seed=1, iterations=2000)
    assert result.converged and not result.is_nash
    text = show_learning(result)
    assert "first held at iteration" in text and "no longer holds at the last one" in text
    assert "Converged from" not in text
