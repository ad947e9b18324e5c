"""Pure-strategy Nash equilibria of n-player games, by array operations."""

from __future__ import annotations

import numpy as np


def pure_equilibrium_mask(payoffs: np.ndarray, tol: float, n_players: int | None = None) -> np.ndarray:
    """Which pure profiles are Nash equilibria.

    Works on one game or on a batch of games at once: leading axes before the
    player axis are batch axes.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(*batch, n_players, n_1, ..., n_n)``.
    tol : float
        A strategy counts as a best response when its payoff is within ``tol``
        of the best; a profile is an equilibrium when every player's regret is
        at most ``tol``.
    n_players : int, optional
        Number of players; needed only when there are batch axes.

    Returns
    -------
    numpy.ndarray
        Boolean array of shape ``(*batch, n_1, ..., n_n)``.
    """
    if n_players is None:
        n_players = payoffs.ndim - 1
    lead = payoffs.ndim - n_players - 1
    mask = np.ones(payoffs.shape[:lead] + payoffs.shape[lead + 1 :], dtype=bool)
    for p in range(n_players):
        u = payoffs[(slice(None),) * lead + (p,)]
        axis = lead + p
        mask &= u >= u.max(axis=axis, keepdims=True) - tol
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
