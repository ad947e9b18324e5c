"""Logit dynamics: players move towards their smoothed (logit) best replies."""

from __future__ import annotations

import numpy as np

from .replicator import STEP_TOL, _settled, _start
from .result import check_iterations, check_payoffs, check_positive_number, finish, values_against

#: Largest precision a user may ask for: exp of larger payoff gaps overflows long before.
MAX_LAMBDA = 1e6


def logit_choice(values: np.ndarray, lam: float) -> np.ndarray:
    """``exp(lam * v) / sum(exp(lam * v))``, computed without overflow."""
    scaled = lam * (values - values.max())
    weights = np.exp(scaled)
    return weights / weights.sum()


def logit_dynamics(payoffs, lam: float = 10.0, step: float = 0.1, iterations: int = 1000, start=None, tol=None):
    """Discrete-time logit (smoothed best-response) dynamics.

    ``x_p' = (1 - step) * x_p + step * L(lam * f_p)`` where ``L`` is the logit
    choice and ``f_p`` player ``p``'s payoffs against the others' current
    mixes.  Its rest points are the logit quantal response equilibria at
    precision ``lam`` (McKelvey and Palfrey 1995); as ``lam`` grows they
    approach Nash equilibria, so a rest point's regret shrinks with
    ``1 / lam``.

    Parameters
    ----------
    payoffs : array_like
    lam : float
        Precision, above 0 and at most :data:`MAX_LAMBDA` (0 would be uniform play).
    step : float
        Share of the way to the smoothed best reply per iteration, in (0, 1].
    iterations : int
    start : sequence, optional
        Initial mixes (default uniform).
    tol : float, optional
        Regret tolerance of ``is_nash`` (default ``1e-6 × max |payoff|``).

    Returns
    -------
    LearningResult
        ``converged_at``: the first iteration from which no probability
        changes by more than :data:`~gametheory_re.learning.replicator.STEP_TOL`.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> pennies = load_game("matching_pennies").at().payoffs
    >>> result = logit_dynamics(pennies, lam=2.0, step=0.2, iterations=400)
    >>> result.trajectory[-1].round(6).tolist(), result.converged
    ([0.5, 0.5, 0.5, 0.5], True)
    """
    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    iterations = check_iterations(iterations, sum(shape))
    lam = check_positive_number("lam", lam, MAX_LAMBDA)
    step = check_positive_number("step", step, 1.0)
    profile = _start(payoffs, start)
    rows = [np.concatenate(profile)]
    for _ in range(iterations):
        values = values_against(payoffs, profile)
        profile = [(1 - step) * x + step * logit_choice(f, lam) for x, f in zip(profile, values)]
        rows.append(np.concatenate(profile))
    trajectory = np.array(rows)
    steps = np.abs(np.diff(trajectory, axis=0)).max(axis=1)
    return finish("logit", {"lam": lam, "step": step, "iterations": iterations, "start": start}, payoffs, trajectory,
                  np.arange(len(rows)), steps, _settled(steps <= STEP_TOL), tol)
