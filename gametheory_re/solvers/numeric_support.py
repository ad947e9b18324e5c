"""Equilibria of one support profile by Powell's hybrid method from random starts (can miss some)."""

from __future__ import annotations

import numpy as np

from .regret import max_regret, regrets

# Two equilibria are the same when no probability differs by more than this.
SAME = 1e-9


def numeric_solutions(
    payoffs: np.ndarray, support, tol: float, rng: np.random.Generator, deadline=None
) -> list[tuple[np.ndarray, ...]]:
    """Equilibria with a given support profile, by Powell's hybrid method from random starts.

    The unknowns are the probabilities of each mixing player's support
    strategies but the first; the equations are the indifference
    conditions.  Each start is a random mix on the supports; each
    converged point with every probability at least ``-1e-9`` is clipped to
    the simplex and kept when every regret is at most ``tol``.  Can miss
    solutions.

    Parameters
    ----------
    payoffs : numpy.ndarray
    support : tuple of tuple of int
    tol : float
    rng : numpy.random.Generator
    deadline : Deadline, optional
        Checked before each start.

    Returns
    -------
    list of tuple of numpy.ndarray
        Distinct equilibria found.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    """
    from scipy.optimize import root  # imported here: it costs 0.5 s at start-up

    n = len(support)
    mixing = [p for p, s in enumerate(support) if len(s) > 1]
    if not mixing:
        profile = tuple(np.eye(k)[s[0]] for k, s in zip(payoffs.shape[1:], support))
        return [profile] if np.max(regrets(payoffs, profile)) <= tol else []
    offsets = dict(zip(mixing, np.cumsum([0] + [len(support[p]) - 1 for p in mixing])))
    tables = {p: payoffs[p][np.ix_(*support)] for p in mixing}
    letters = "abcdefghijklmnopqrstuvwxyz"[:n]

    def spec(p, kept):
        """einsum: table * every other player's mix but ``kept``'s -> [p's strategy, kept's strategy]."""
        others = [q for q in range(n) if q not in (p, kept)]
        output = letters[p] + (letters[kept] if kept is not None else "")
        return letters + "".join("," + letters[q] for q in others) + "->" + output, others

    # Built once: the solver calls residual and jacobian thousands of times.
    plans = {(p, kept): spec(p, kept) for p in mixing for kept in [None] + [q for q in mixing if q != p]}

    def mixes(x):
        out = []
        for p, s in enumerate(support):
            if p in offsets:
                rest = x[offsets[p]:offsets[p] + len(s) - 1]
                out.append(np.concatenate([[1.0 - rest.sum()], rest]))
            else:
                out.append(np.ones(1))
        return out

    def residual(x):
        sigma = mixes(x)
        parts = []
        for p in mixing:
            subscripts, others = plans[p, None]
            values = np.einsum(subscripts, tables[p], *[sigma[q] for q in others])
            parts.append(values[1:] - values[0])
        return np.concatenate(parts)

    def jacobian(x):
        sigma = mixes(x)
        rows = []
        for p in mixing:
            row = []
            for q in mixing:
                if q == p:
                    row.append(np.zeros((len(support[p]) - 1, len(support[q]) - 1)))
                    continue
                subscripts, others = plans[p, q]
                w = np.einsum(subscripts, tables[p], *[sigma[j] for j in others])
                w = w[:, 1:] - w[:, :1]  # d values / d x_q
                row.append(w[1:] - w[0])
            rows.append(np.hstack(row))
        return np.vstack(rows)

    found = []
    for _ in range(4 + 4 * sum(len(support[p]) - 1 for p in mixing)):
        if deadline is not None:
            deadline.check()
        x0 = np.concatenate([rng.dirichlet(np.ones(len(support[p])))[1:] for p in mixing])
        fit = root(residual, x0, jac=jacobian, method="hybr", options={"xtol": 1e-14})
        profile = []
        for p, (k, mix) in enumerate(zip(payoffs.shape[1:], mixes(fit.x))):
            v = np.zeros(k)
            v[list(support[p])] = mix
            profile.append(v)
        if min(v.min() for v in profile) < -1e-9:
            continue
        profile = tuple(np.clip(v, 0.0, None) / np.clip(v, 0.0, None).sum() for v in profile)
        if max_regret(payoffs, profile) > tol or np.max(regrets(payoffs, profile)) > tol:
            continue
        if not any(all(np.max(np.abs(a - b)) <= SAME for a, b in zip(known, profile)) for known in found):
            found.append(profile)
    return found
