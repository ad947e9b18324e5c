"""Fictitious play: each player best-responds to the empirical frequencies of the others' past play."""

from __future__ import annotations

import numpy as np

from ..options import OptionError
from .result import (
    check_choice, check_iterations, check_payoffs, check_positive_number, check_seed, finish, nash_tol, values_against,
)

TIES = ("first", "random")


def check_counts(counts, shape, name="counts") -> list[np.ndarray]:
    """Initial play counts: one vector of non-negative counts per player (zeros when None), else one error naming ``name``."""
    if counts is None:
        return [np.zeros(n) for n in shape]
    if len(counts) != len(shape):
        raise OptionError(name, "", f"expected one vector of counts per player ({len(shape)})")
    out = []
    for p, (c, n) in enumerate(zip(counts, shape)):
        c = np.asarray(c, dtype=float)
        if c.shape != (n,) or not np.isfinite(c).all() or (c < 0).any():
            raise OptionError(name, str(p), f"expected {n} non-negative counts")
        out.append(c)
    return out


def _beliefs(counts: list[np.ndarray]) -> list[np.ndarray]:
    # Zero counts give a zero belief: every strategy then ties (nashpy does the same).
    return [c / c.sum() if c.sum() > 0 else np.zeros_like(c) for c in counts]


def _frequencies(counts: list[np.ndarray]) -> np.ndarray:
    """A trajectory row: each player's empirical frequencies (uniform before any play)."""
    return np.concatenate([c / c.sum() if c.sum() > 0 else np.full(len(c), 1 / len(c)) for c in counts])


def fictitious_play(payoffs, iterations: int = 1000, counts=None, tie: str = "first", random_state=None, tol=None):
    """Fictitious play (Brown 1951), n players, simultaneous updating.

    Each iteration every player plays a best reply to the others' empirical
    frequencies (their play counts so far, normalised), and the counts grow
    by the strategies played.  With two players and no ties the counts are
    those of nashpy's ``fictitious_play``.

    Parameters
    ----------
    payoffs : array_like
        ``(n_players, n_1, ..., n_n)``.
    iterations : int
    counts : sequence of array_like, optional
        Initial play counts per player (default zeros: in the first
        iteration every strategy ties).
    tie : {"first", "random"}
        Several best replies: the lowest index, or one drawn uniformly.
    random_state : int, optional
        Seed for ``tie="random"``.
    tol : float, optional
        Regret tolerance (default ``1e-6 × max |payoff|``): the run has
        converged at the first iteration whose empirical profile has every
        regret at most ``tol``.

    Returns
    -------
    LearningResult
        ``trajectory`` holds the empirical frequencies (row 0: the initial
        counts, uniform when there are none), ``plays`` the strategies
        played.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> pennies = load_game("matching_pennies").at().payoffs
    >>> result = fictitious_play(pennies, iterations=2000)
    >>> result.trajectory[-1].round(1).tolist(), bool(result.max_regret < 0.05)   # slowly, to the mixed equilibrium
    ([0.5, 0.5, 0.5, 0.5], True)
    """
    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    iterations = check_iterations(iterations, sum(shape))
    check_choice("tie", tie, TIES)
    rng = np.random.default_rng(check_seed(random_state, "random_state"))
    counts = check_counts(counts, shape)
    tol_value = nash_tol(payoffs, tol)

    def choose(v):
        best = np.flatnonzero(v == v.max())
        return int(best[0]) if tie == "first" or len(best) == 1 else int(rng.choice(best))

    trajectory, plays, converged_at = _rounds(payoffs, counts, iterations, tol_value, _beliefs, choose)
    parameters = {"iterations": iterations, "tie": tie, "random_state": random_state}
    return finish("fictitious-play", parameters, payoffs, trajectory, np.arange(len(trajectory)),
                  np.abs(np.diff(trajectory, axis=0)).max(axis=1), converged_at, tol, plays=plays)


def stochastic_fictitious_play(payoffs, iterations: int = 1000, etha: float = 0.1, epsilon_bar: float = 0.01,
                               counts=None, random_state=None, tol=None):
    """Stochastic fictitious play (Fudenberg and Kreps 1993; Hofbauer and Sandholm 2002), as nashpy implements it.

    Each iteration every player draws a strategy from the logit choice
    ``exp(u / etha) / sum(exp(u / etha))``, where ``u`` is its payoffs
    against the others' empirical frequencies (uniform before any play)
    plus a uniform perturbation in ``[0, epsilon_bar)``.  The frequencies
    converge, in distribution, to those of nashpy's
    ``stochastic_fictitious_play`` with the same ``etha`` and
    ``epsilon_bar`` (the random numbers differ).

    Parameters
    ----------
    payoffs : array_like
    iterations : int
    etha : float
        Noise of the logit choice, above 0 (smaller: closer to best replies).
    epsilon_bar : float
        Largest payoff perturbation, above 0.
    counts : sequence of array_like, optional
    random_state : int, optional
        Seed of the draws.
    tol : float, optional
        As for :func:`fictitious_play`.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> pd = load_game("prisoners_dilemma").at().payoffs
    >>> result = stochastic_fictitious_play(pd, iterations=200, random_state=0)
    >>> result.trajectory[-1].round(1).tolist()       # defecting, almost always
    [0.0, 1.0, 0.0, 1.0]
    """
    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    iterations = check_iterations(iterations, sum(shape))
    etha = check_positive_number("etha", etha)
    epsilon_bar = check_positive_number("epsilon_bar", epsilon_bar)
    rng = np.random.default_rng(check_seed(random_state, "random_state"))
    counts = check_counts(counts, shape)
    tol_value = nash_tol(payoffs, tol)

    def choose(v):
        noisy = (v + rng.random(len(v)) * epsilon_bar) / etha
        weights = np.exp(noisy - noisy.max())  # shifted: the same distribution, no overflow
        return int(rng.choice(len(v), p=weights / weights.sum()))

    uniform = lambda counts: [c / c.sum() if c.sum() > 0 else np.full(len(c), 1 / len(c)) for c in counts]
    trajectory, plays, converged_at = _rounds(payoffs, counts, iterations, tol_value, uniform, choose)
    parameters = {"iterations": iterations, "etha": etha, "epsilon_bar": epsilon_bar, "random_state": random_state}
    return finish("stochastic-fictitious-play", parameters, payoffs, trajectory, np.arange(len(trajectory)),
                  np.abs(np.diff(trajectory, axis=0)).max(axis=1), converged_at, tol, plays=plays)


def _rounds(payoffs, counts, iterations: int, tol_value: float, beliefs_of, choose):
    """The play both rules share: each round every player answers its beliefs, and the counts grow.

    Returns the trajectory of empirical frequencies, the plays, and the
    first round whose frequencies have every regret at most ``tol_value``
    (read from the next round's values, which are against those very
    frequencies, so no payoff is computed twice).
    """
    counts = [c.copy() for c in counts]  # the caller's arrays are never changed
    rows, plays, converged_at = [_frequencies(counts)], [], None
    for t in range(1, iterations + 2):
        values = values_against(payoffs, beliefs_of(counts))
        if t > 1 and converged_at is None:
            # After a round every count sums to at least 1: the beliefs are the frequencies.
            regret = max(float(v.max() - v @ (c / c.sum())) for v, c in zip(values, counts))
            if regret <= tol_value:
                converged_at = t - 1
        if t > iterations:
            break
        choice = [choose(v) for v in values]
        for p, i in enumerate(choice):
            counts[p][i] += 1
        plays.append(choice)
        rows.append(_frequencies(counts))
    return np.array(rows), np.array(plays), converged_at
