"""Pure best responses at every pure profile, as one boolean array (what ``gtre show`` marks)."""

from __future__ import annotations

import numpy as np


def best_response_marks(payoffs: np.ndarray, tol: float) -> np.ndarray:
    """``marks[p][s]``: player p's strategy at profile s is a best response to the others'.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    tol : float
        A strategy within ``tol`` of the best payoff counts as a best response.

    Returns
    -------
    numpy.ndarray
        Booleans of the shape of ``payoffs``.

    Examples
    --------
    >>> import numpy as np
    >>> dilemma = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float)
    >>> best_response_marks(dilemma, 0.0)[0]          # Row: defect is the best response to both
    array([[False, False],
           [ True,  True]])
    """
    return np.stack([payoffs[p] >= payoffs[p].max(axis=p, keepdims=True) - tol for p in range(payoffs.shape[0])])
