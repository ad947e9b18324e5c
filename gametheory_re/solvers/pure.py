"""Pure-strategy Nash equilibria of n-player games, by array operations."""

from __future__ import annotations

import numpy as np


def pure_equilibrium_mask(payoffs: np.ndarray, tol) -> np.ndarray:
    """Which pure profiles are Nash equilibria.

    Works on one game or on a batch of games at once: axes after the
    strategy axes are batch axes (points vary fastest, which keeps the
    reductions over the small strategy axes fast).

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n, *batch)``.
    tol : float or numpy.ndarray
        A strategy counts as a best response when its payoff is within ``tol``
        of the best; a profile is an equilibrium when every player's regret is
        at most ``tol``.  An array of shape ``batch`` gives each game its own.

    Returns
    -------
    numpy.ndarray
        Boolean array of shape ``(n_1, ..., n_n, *batch)``.
    """
    n_players = payoffs.shape[0]
    mask = np.ones(payoffs.shape[1:], dtype=bool)
    for p in range(n_players):
        u = payoffs[p]
        mask &= u >= u.max(axis=p, keepdims=True) - tol
    return mask


def pure_equilibria(payoffs: np.ndarray, tol: float) -> list[tuple[int, ...]]:
    """All pure Nash equilibria, as profiles of strategy indices, in index order.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    tol : float
        See :func:`pure_equilibrium_mask`.

    Returns
    -------
    list of tuple of int
    """
    return [tuple(int(i) for i in idx) for idx in np.argwhere(pure_equilibrium_mask(payoffs, tol))]
