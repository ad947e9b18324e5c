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
