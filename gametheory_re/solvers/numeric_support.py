"""Equilibria of one support profile by damped Newton steps from random starts, all starts at once (can miss some)."""

from __future__ import annotations

import numpy as np

from .regret import max_regret, regrets

# Two equilibria are the same when no probability differs by more than this.
SAME = 1e-9
#: Newton iterations per support profile; converged starts stop early.
MAX_ITER = 60


def numeric_solutions(
    payoffs: np.ndarray, support, tol: float, rng: np.random.Generator, deadline=None
) -> list[tuple[np.ndarray, ...]]:
    """Equilibria with a given support profile, by damped Newton steps from random starts.

    The unknowns are the probabilities of each mixing player's support
    strategies but the first; the equations are the indifference
    conditions.  Each start is a random mix on the supports.  All starts
    take their Newton steps together, as one stack of residuals, Jacobians
    and linear solves (one Python loop per iteration, not per start and
    evaluation); a step that does not reduce a start's residual is refused
    and that start's step length cut fourfold (a step taken doubles it, up
    to a full Newton step).  Each converged point with every probability at least
    ``-1e-9`` is clipped to the simplex and kept when every regret is at
    most ``tol``.  Can miss solutions.

    Parameters
    ----------
    payoffs : numpy.ndarray
    support : tuple of tuple of int
    tol : float
    rng : numpy.random.Generator
    deadline : Deadline, optional
        Checked before each iteration.

    Returns
    -------
    list of tuple of numpy.ndarray
        Distinct equilibria found.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.

    Examples
    --------
    Matching pennies with a third player who has one strategy:

    >>> pennies = np.array([[1.0, -1.0], [-1.0, 1.0]])[:, :, None]
    >>> payoffs = np.stack([pennies, -pennies, np.zeros((2, 2, 1))])
    >>> found = numeric_solutions(payoffs, ((0, 1), (0, 1), (0,)), 1e-9, np.random.default_rng(0))
    >>> [[v.round(6).tolist() for v in profile] for profile in found]
    [[[0.5, 0.5], [0.5, 0.5], [1.0]]]
    """
    n = len(support)
    mixing = [p for p, s in enumerate(support) if len(s) > 1]
    if not mixing:
        profile = tuple(np.eye(k)[s[0]] for k, s in zip(payoffs.shape[1:], support))
        return [profile] if np.max(regrets(payoffs, profile)) <= tol else []
    sizes = {p: len(support[p]) - 1 for p in mixing}
    offsets = dict(zip(mixing, np.cumsum([0] + [sizes[p] for p in mixing]).tolist()))
    unknowns = sum(sizes.values())
    tables = {p: payoffs[p][np.ix_(*support)] for p in mixing}
    letters = "abcdefghijklmnopqrstuvwxy"[:n]  # z: the axis of the starts

    def spec(p, kept):
        """einsum: table * every other player's mixes but ``kept``'s -> [start, p's strategy(, kept's strategy)]."""
        others = [q for q in range(n) if q not in (p, kept)]
        output = "z" + letters[p] + (letters[kept] if kept is not None else "")
        return letters + "".join(",z" + letters[q] for q in others) + "->" + output, others

    plans = {(p, kept): spec(p, kept) for p in mixing for kept in [None] + [q for q in mixing if q != p]}

    def mixes(x):
        """Each player's mixes at the stacked points ``x``: ``[start, strategy]``."""
        out = []
        for p, s in enumerate(support):
            if p in offsets:
                rest = x[:, offsets[p]:offsets[p] + sizes[p]]
                out.append(np.concatenate([1.0 - rest.sum(axis=1, keepdims=True), rest], axis=1))
            else:
                out.append(np.ones((len(x), 1)))
        return out

    def residual(sigma):
        parts = []
        for p in mixing:
            subscripts, others = plans[p, None]
            values = np.einsum(subscripts, tables[p], *[sigma[q] for q in others])
            parts.append(values[:, 1:] - values[:, :1])
        return np.concatenate(parts, axis=1)

    def jacobian(sigma):
        out = np.zeros((len(sigma[0]), unknowns, unknowns))
        for p in mixing:
            for q in mixing:
                if q == p:
                    continue  # a player's own mix does not enter its indifference conditions
                subscripts, others = plans[p, q]
                w = np.einsum(subscripts, tables[p], *[sigma[j] for j in others])  # [start, p's, q's]
                w = w[:, :, 1:] - w[:, :, :1]  # d values / d x_q
                out[:, offsets[p]:offsets[p] + sizes[p], offsets[q]:offsets[q] + sizes[q]] = w[:, 1:] - w[:, :1]
        return out

    starts = 4 + 4 * unknowns
    x = np.concatenate([rng.dirichlet(np.ones(sizes[p] + 1), size=starts)[:, 1:] for p in mixing], axis=1)
    scale = max(1.0, float(np.max(np.abs(payoffs))))
    f = residual(mixes(x))
    norm = np.linalg.norm(f, axis=1)
    step = np.ones(starts)
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
            delta = _newton_steps(jacobian(mixes(x[rows])), -f[rows])
            trial = x[rows] + step[rows, None] * delta
            trial_f = residual(mixes(trial))
            trial_norm = np.linalg.norm(trial_f, axis=1)
            better = np.isfinite(trial_norm) & (trial_norm < norm[rows])
            taken, refused = rows[better], rows[~better]
            x[taken], f[taken], norm[taken] = trial[better], trial_f[better], trial_norm[better]
            step[taken] = np.minimum(1.0, 2.0 * step[taken])
            step[refused] /= 4.0
            done[taken[norm[taken] <= 1e-14 * scale]] = True
            done[refused[step[refused] < 1e-12]] = True
    found = []
    for point in x[np.isfinite(norm) & np.isfinite(x).all(axis=1)]:
        profile = []
        for p, (k, mix) in enumerate(zip(payoffs.shape[1:], mixes(point[None]))):
            v = np.zeros(k)
            v[list(support[p])] = mix[0]
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
        # LAPACK refuses the whole stack for one singular matrix: the
        # pseudo-inverse (an SVD per matrix) serves them all.  A Jacobian
        # that overflowed gets no step (its start is then refused, not taken).
        finite = np.isfinite(jacobians).all(axis=(1, 2)) & np.isfinite(right).all(axis=1)
        steps = np.zeros_like(right)
        steps[finite] = (np.linalg.pinv(jacobians[finite]) @ right[finite][:, :, None])[:, :, 0]
        return steps
