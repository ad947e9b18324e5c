"""Replicator dynamics, one population per player: continuous time (an ODE) and discrete time."""

from __future__ import annotations

import numpy as np

from ..options import OptionError
from .result import check_iterations, check_payoffs, check_start, finish, values_against

#: A run has converged once no probability moves faster than this (per unit of
#: time, or per iteration in discrete time), relative to the payoff scale.
STEP_TOL = 1e-8


def _start(payoffs, start) -> list[np.ndarray]:
    shape = payoffs.shape[1:]
    begin = check_start(start, shape)
    return begin if begin is not None else [np.full(n, 1 / n) for n in shape]


def _velocities(payoffs, rows: np.ndarray, shape) -> np.ndarray:
    """The replicator field at every row of ``rows`` (profiles, player after player): one einsum per player.

    Each population's share grows with its payoff above the population's
    mean, in the form ``x * (f - (x . f) / sum(x))``: on the simplex the
    replicator equation ``x * (f - x . f)``, but its components sum to 0
    exactly off it too.  In the plain form the integrator's round-off moves
    ``sum(x)`` from 1, and ``d sum(x)/dt = (x . f)(1 - sum(x))`` then
    amplifies the error like ``exp(-t x . f)`` when the mean payoff is
    negative: with payoffs near -1000 a population's shares drift to 0 or
    grow without bound.
    """
    n = len(shape)
    letters = "abcdefghijklmnopqrstuvwxy"[:n]
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    mixes = [rows[:, a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    out = []
    for p in range(n):
        others = [q for q in range(n) if q != p]
        subscripts = letters + "".join(f",z{letters[q]}" for q in others) + f"->z{letters[p]}"
        values = np.einsum(subscripts, payoffs[p], *[mixes[q] for q in others])
        x = mixes[p]
        mean = np.sum(x * values, axis=1, keepdims=True) / x.sum(axis=1, keepdims=True)
        out.append(x * (values - mean))
    return np.concatenate(out, axis=1)


def _on_simplex(trajectory: np.ndarray, shape) -> np.ndarray:
    """Each row with every population's shares clipped at 0 and renormalised to sum 1.

    The integrator leaves round-off such as ``-3e-10`` on a share that tends
    to 0; the reported rows are profiles.
    """
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    parts = []
    for a, b in zip(offsets[:-1], offsets[1:]):
        part = np.clip(trajectory[:, a:b], 0.0, None)
        parts.append(part / part.sum(axis=1, keepdims=True))
    return np.concatenate(parts, axis=1)


def replicator_dynamics(payoffs, start=None, times=None, tol=None):
    """Multi-population replicator dynamics in continuous time.

    ``dx_p/dt = x_p * (f_p - x_p . f_p)`` for every player ``p``, where
    ``f_p`` is the payoff of each of ``p``'s strategies against the others'
    shares: for two players this is nashpy's
    ``asymmetric_replicator_dynamics`` (and, for a symmetric game started
    symmetrically, its ``replicator_dynamics``).  Integrated by scipy's
    ``odeint`` (LSODA) at the given time points, in the form
    ``x_p * (f_p - x_p . f_p / sum(x_p))``, equal on the simplex, which
    keeps each population's total at 1 (see :func:`_velocities`); the
    integrator's round-off (shares like ``-3e-10``) is clipped at 0 and each
    population renormalised, so every row of the trajectory is a profile.

    Parameters
    ----------
    payoffs : array_like
        ``(n_players, n_1, ..., n_n)``.
    start : sequence, optional
        Each population's initial shares (default uniform).  A strategy
        absent at the start stays absent.
    times : array_like, optional
        Increasing time points from 0 (default ``numpy.linspace(0, 10, 1001)``).
    tol : float, optional
        Regret tolerance of ``is_nash`` (default ``1e-6 × max |payoff|``).

    Returns
    -------
    LearningResult
        ``converged_at``: the first time point from which no share moves
        faster than :data:`STEP_TOL` times the payoff scale.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> pd = load_game("prisoners_dilemma").at().payoffs
    >>> result = replicator_dynamics(pd, times=np.linspace(0, 40, 401))
    >>> (result.trajectory[-1].round(4) + 0).tolist(), result.is_nash
    ([0.0, 1.0, 0.0, 1.0], True)
    """
    from scipy.integrate import odeint

    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    if times is None:
        times = np.linspace(0.0, 10.0, 1001)
    times = np.asarray(times, dtype=float)
    if times.ndim != 1 or len(times) < 2 or not np.isfinite(times).all() or (np.diff(times) <= 0).any():
        raise OptionError("times", "", "expected at least 2 increasing finite time points")
    check_iterations(len(times) - 1, sum(shape), "times")
    begin = np.concatenate(_start(payoffs, start))
    trajectory = _on_simplex(odeint(lambda x, t: _velocities(payoffs, x[None], shape)[0], begin, times), shape)
    speed = np.abs(_velocities(payoffs, trajectory, shape)).max(axis=1)
    steps = np.abs(np.diff(trajectory, axis=0)).max(axis=1) / np.diff(times)
    scale = max(1.0, float(np.abs(payoffs).max()))
    return finish("replicator", {"start": start, "times": (float(times[0]), float(times[-1]), len(times))}, payoffs,
                  trajectory, times, steps, _settled(speed <= STEP_TOL * scale), tol)


def discrete_replicator_dynamics(payoffs, iterations: int = 1000, start=None, tol=None):
    """Multi-population replicator dynamics in discrete time.

    ``x_p'(s) = x_p(s) * g_p(s) / (x_p . g_p)`` with ``g_p = f_p - min u_p + 1``:
    each player's payoffs are shifted to be at least 1 (the shift does not
    change the rest points, and keeps every share positive), ``f_p`` being
    the payoffs of ``p``'s strategies against the others' shares.

    Parameters
    ----------
    payoffs : array_like
    iterations : int
    start : sequence, optional
        Initial shares (default uniform).
    tol : float, optional
        Regret tolerance of ``is_nash``.

    Returns
    -------
    LearningResult
        ``converged_at``: the first iteration from which no share changes
        by more than :data:`STEP_TOL`.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> stag = load_game("stag_hunt").at().payoffs
    >>> result = discrete_replicator_dynamics(stag, start=[[0.8, 0.2], [0.8, 0.2]], iterations=500)
    >>> result.trajectory[-1].round(4).tolist(), result.converged       # enough hunters: the stag
    ([1.0, 0.0, 1.0, 0.0], True)
    >>> discrete_replicator_dynamics(stag, start=[[0.6, 0.4], [0.6, 0.4]]).trajectory[-1].round(4).tolist()
    [0.0, 1.0, 0.0, 1.0]
    """
    payoffs = check_payoffs(payoffs)
    shape = payoffs.shape[1:]
    iterations = check_iterations(iterations, sum(shape))
    shift = [1.0 - payoffs[p].min() for p in range(len(shape))]
    profile = _start(payoffs, start)
    rows = [np.concatenate(profile)]
    for _ in range(iterations):
        values = values_against(payoffs, profile)
        grown = [x * (f + c) for x, f, c in zip(profile, values, shift)]
        profile = [g / g.sum() for g in grown]
        rows.append(np.concatenate(profile))
    trajectory = np.array(rows)
    steps = np.abs(np.diff(trajectory, axis=0)).max(axis=1)
    return finish("replicator-discrete", {"iterations": iterations, "start": start}, payoffs, trajectory,
                  np.arange(len(rows)), steps, _settled(steps <= STEP_TOL), tol)


def _settled(still: np.ndarray) -> int | None:
    """The first index from which ``still`` holds to the end, or None when its last entry does not."""
    if not still[-1]:
        return None
    moving = np.flatnonzero(~still)
    return int(moving[-1] + 1) if len(moving) else 0
