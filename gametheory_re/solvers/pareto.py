"""Pareto dominance among a set of payoff vectors (e.g. of equilibria)."""

from __future__ import annotations

import numpy as np


def pareto_dominated(payoff_vectors: np.ndarray, tol: float) -> np.ndarray:
    """Which vectors are Pareto-dominated by another in the set.

    ``a`` dominates ``b`` when every player gets at least as much under ``a``
    (within ``tol``) and some player gets more than ``tol`` more.

    Parameters
    ----------
    payoff_vectors : numpy.ndarray
        Shape ``(k, n_players)``.
    tol : float

    Returns
    -------
    numpy.ndarray
        Boolean, shape ``(k,)``.
    """
    v = np.asarray(payoff_vectors, dtype=float).reshape(len(payoff_vectors), -1)
    diff = v[:, None, :] - v[None, :, :]  # diff[a, b] = v[a] - v[b]
    dominates = np.all(diff >= -tol, axis=2) & np.any(diff > tol, axis=2)
    return dominates.any(axis=0)


def dominating_profiles(payoffs: np.ndarray, vector, tol: float) -> list[tuple[int, ...]]:
    """The pure profiles whose payoffs Pareto-dominate ``vector``, in profile order.

    Over every pure profile, equilibrium or not: the prisoner's dilemma's
    lesson is that its only equilibrium is dominated by a profile that is not
    one.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(n_players, n_1, ..., n_n)``.
    vector : array_like
        ``(n_players,)``: e.g. an equilibrium's expected payoffs; or
        ``(k, n_players)``, several at once.
    tol : float

    Returns
    -------
    list of tuple of int
        The dominating profiles; for ``k`` vectors, one such list per vector.

    Examples
    --------
    >>> dilemma = np.array([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    >>> dominating_profiles(dilemma, [1.0, 1.0], 1e-9)
    [(0, 0)]
    >>> dominating_profiles(dilemma, [[1.0, 1.0], [3.0, 3.0]], 1e-9)
    [[(0, 0)], []]
    """
    n = payoffs.shape[0]
    flat = payoffs.reshape(n, -1)
    vectors = np.asarray(vector, dtype=float)
    v = vectors.reshape(-1, n, 1)
    # Compared with v -/+ tol, not by differences, which overflow for payoffs near 1e308.
    masks = np.all(flat >= v - tol, axis=1) & np.any(flat > v + tol, axis=1)  # (k, profiles)
    # Every vector's profiles at once (find_equilibria asks for each equilibrium): row-major, so grouped by vector.
    rows, cells = np.nonzero(masks)
    profiles = list(zip(*(axis.tolist() for axis in np.unravel_index(cells, payoffs.shape[1:]))))
    bounds = np.searchsorted(rows, np.arange(len(masks) + 1)).tolist()
    found = [profiles[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    return found if vectors.ndim == 2 else found[0]


def efficient_profiles(payoffs: np.ndarray, tol: float) -> list[tuple[int, ...]]:
    """The pure profiles no other pure profile Pareto-dominates, in profile order.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(n_players, n_1, ..., n_n)``.
    tol : float
        As for :func:`pareto_dominated`.

    Examples
    --------
    >>> dilemma = np.array([[[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]])
    >>> efficient_profiles(dilemma, 1e-9)      # all but (defect, defect)
    [(0, 0), (0, 1), (1, 0)]
    """
    n = payoffs.shape[0]
    dominated = pareto_dominated(payoffs.reshape(n, -1).T, tol)
    return [tuple(int(i) for i in np.unravel_index(k, payoffs.shape[1:])) for k in np.flatnonzero(~dominated)]
