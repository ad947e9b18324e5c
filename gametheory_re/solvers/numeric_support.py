"""Equilibria of support profiles by damped Newton steps from random starts, all starts at once (can miss some)."""

from __future__ import annotations

import numpy as np

from .box_bounds import batch_tables, jacobian_bounds, mixtures, players_unknowns, point_mixes
from .regret import max_regret, regrets

# Two equilibria are the same when no probability differs by more than this.
SAME = 1e-9
#: Newton iterations per support profile; converged starts stop early.
MAX_ITER = 60


def numeric_solutions(
    payoffs: np.ndarray, support, tol: float, rng: np.random.Generator, deadline=None
) -> list[tuple[np.ndarray, ...]]:
    """Equilibria with a given support profile, by damped Newton steps from random starts: :func:`numeric_batch` of one.

    Examples
    --------
    Matching pennies with a third player who has one strategy:

    >>> pennies = np.array([[1.0, -1.0], [-1.0, 1.0]])[:, :, None]
    >>> payoffs = np.stack([pennies, -pennies, np.zeros((2, 2, 1))])
    >>> found = numeric_solutions(payoffs, ((0, 1), (0, 1), (0,)), 1e-9, np.random.default_rng(0))
    >>> [[v.round(6).tolist() for v in profile] for profile in found]
    [[[0.5, 0.5], [0.5, 0.5], [1.0]]]
    """
    return numeric_batch(payoffs, [support], tol, [rng], deadline)[0]


def numeric_batch(payoffs: np.ndarray, supports, tol: float, rngs, deadline=None) -> list[list[tuple[np.ndarray, ...]]]:
    """Equilibria of each support profile, by damped Newton steps from random starts.

    The unknowns are the probabilities of each mixing player's support
    strategies but the first; the equations are the indifference
    conditions.  Each start is a random mix on the supports, drawn from
    its profile's own generator.  All starts of all profiles take their
    Newton steps together, as one stack of residuals, Jacobians and linear
    solves (one Python loop per iteration, not per start, evaluation or
    profile); a step that does not reduce a start's residual is refused and
    that start's step length cut fourfold (a step taken doubles it, up to
    a full Newton step).  A start's path depends on nothing but its own
    state, so each profile gets what it would get alone.  Each converged
    point with every probability at least ``-1e-9`` is clipped to the
    simplex and kept when every regret is at most ``tol``.  Can miss
    solutions.

    Parameters
    ----------
    payoffs : numpy.ndarray
    supports : sequence of tuple of tuple of int
        Profiles with the same support sizes and strategy counts, up to the
        order of the players (:func:`~.support_pruning.box_batch_key`).
    tol : float
    rngs : sequence of numpy.random.Generator
        One per profile, for its starts.
    deadline : Deadline, optional
        Checked before each iteration.

    Returns
    -------
    list of list of tuple of numpy.ndarray
        Per profile, the distinct equilibria found.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    """
    shape = payoffs.shape[1:]
    if not any(len(s) > 1 for s in supports[0]):
        out = []
        for support in supports:
            profile = tuple(np.eye(k)[s[0]] for k, s in zip(shape, support))
            out.append([profile] if np.max(regrets(payoffs, profile)) <= tol else [])
        return out
    bt, orders = batch_tables(payoffs, supports)
    unknowns = bt.unknowns
    starts = 4 + 4 * unknowns
    owner = np.repeat(np.arange(len(supports)), starts)
    x = np.concatenate([
        np.concatenate([rng.dirichlet(np.ones(bt.sizes[p]), size=starts)[:, 1:] for p in bt.mixing], axis=1)
        for rng in rngs
    ])
    scale = max(1.0, float(np.max(np.abs(payoffs))))

    def evaluate(who, z):
        """The equations and their Jacobians at points ``z`` of profiles ``who``."""
        values, jacobians, _ = jacobian_bounds(bt, who, point_mixes(bt, z), z)
        return values, jacobians

    f, jacobians = evaluate(owner, x)
    norm = np.linalg.norm(f, axis=1)
    step = np.ones(len(x))
    # Converged (residual at round-off level) or stuck (a step shrunk to nothing
    # at a local minimum of the residual): either way left to the regret check.
    done = ~np.isfinite(norm) | (norm <= 1e-14 * scale)
    with np.errstate(all="ignore"):
        for _ in range(MAX_ITER):
            if deadline is not None:
                deadline.check()
            rows = (~done).nonzero()[0]
            if not len(rows):
                break
            delta = _newton_steps(jacobians[rows], -f[rows])
            trial = x[rows] + step[rows, None] * delta
            trial_f, trial_jacobians = evaluate(owner[rows], trial)
            trial_norm = np.linalg.norm(trial_f, axis=1)
            better = np.isfinite(trial_norm) & (trial_norm < norm[rows])
            taken, refused = rows[better], rows[~better]
            x[taken], f[taken], norm[taken] = trial[better], trial_f[better], trial_norm[better]
            jacobians[taken] = trial_jacobians[better]
            step[taken] = np.minimum(1.0, 2.0 * step[taken])
            step[refused] /= 4.0
            done[taken[norm[taken] <= 1e-14 * scale]] = True
            done[refused[step[refused] < 1e-12]] = True
    converged = np.isfinite(norm) & np.isfinite(x).all(axis=1)
    return [
        _equilibria(payoffs, support, tol, players_unknowns(bt, order, x[(owner == g) & converged]))
        for g, (support, order) in enumerate(zip(supports, orders))
    ]


def _equilibria(payoffs, support, tol, points) -> list[tuple[np.ndarray, ...]]:
    """The distinct equilibria among points (unknowns in the players' order) of one profile."""
    found = []
    for point in points:
        profile, at = [], 0
        for k, s in zip(payoffs.shape[1:], support):
            v = np.zeros(k)
            v[list(s)] = mixtures(point[at : at + len(s) - 1])
            at += len(s) - 1
            profile.append(v)
        if min(v.min() for v in profile) < -1e-9:
            continue
        profile = tuple(np.clip(v, 0.0, None) / np.clip(v, 0.0, None).sum() for v in profile)
        if max_regret(payoffs, profile) > tol or np.max(regrets(payoffs, profile)) > tol:
            continue
        if not any(all(np.max(np.abs(a - b)) <= SAME for a, b in zip(known, profile)) for known in found):
            found.append(profile)
    return found


def _newton_steps(jacobians: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Solve each ``jacobians[s] @ d = right[s]``; least-squares steps where a Jacobian is singular."""
    try:
        return np.linalg.solve(jacobians, right[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:
        # LAPACK refuses the whole stack for one singular matrix.  The others
        # are solved as before (LAPACK solves a stack matrix by matrix, so a
        # start's step does not depend on the rest of the stack), the singular
        # ones by their pseudo-inverses.  A Jacobian that overflowed gets no
        # step (its start is then refused, not taken).
        finite = np.isfinite(jacobians).all(axis=(1, 2)) & np.isfinite(right).all(axis=1)
        sign = np.zeros(len(jacobians))
        sign[finite] = np.linalg.slogdet(jacobians[finite])[0]  # the same LU factorisation as solve's
        regular, singular = finite & (sign != 0), finite & (sign == 0)
        steps = np.zeros_like(right)
        if regular.any():
            steps[regular] = np.linalg.solve(jacobians[regular], right[regular][:, :, None])[:, :, 0]
        if singular.any():
            steps[singular] = (np.linalg.pinv(jacobians[singular]) @ right[singular][:, :, None])[:, :, 0]
        return steps
