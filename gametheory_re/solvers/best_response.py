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


def response_curves(payoffs: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The two best-response correspondences of a 2×2 game, as polylines in the unit square.

    Coordinates are ``(q, p)``: ``q`` the probability that the second
    player plays its first strategy (horizontal), ``p`` the first player's
    (vertical), as in the textbook figure.  Each player's payoff gain from
    its first strategy over its second is linear in the other's
    probability; where it is positive the best response is the first
    strategy, where negative the second, and where it is 0 (within ``tol``)
    every mix: a vertical (first player) or horizontal (second player)
    segment.  The equilibria are the curves' intersections.

    Returns
    -------
    tuple of numpy.ndarray
        The first player's and the second player's curve, each ``(k, 2)``
        vertices ``(q, p)``.  A player indifferent whatever the other does
        has every mix as a best response: its curve is then the square's
        boundary, drawn as such.

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> row, column = response_curves(pennies, 1e-9)
    >>> row.tolist()        # tails below q = 1/2, heads above
    [[0.0, 0.0], [0.5, 0.0], [0.5, 1.0], [1.0, 1.0]]
    >>> column.tolist()     # the column player mismatches
    [[1.0, 0.0], [1.0, 0.5], [0.0, 0.5], [0.0, 1.0]]
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.shape != (2, 2, 2):
        raise ValueError(f"payoffs: expected a 2x2 game of shape (2, 2, 2), not {payoffs.shape}")
    A, B = payoffs
    # Gain of the first strategy over the second, at the other's probability x: a + b x.
    row = _curve(A[0, 1] - A[1, 1], (A[0, 0] - A[1, 0]) - (A[0, 1] - A[1, 1]), tol)
    column = _curve(B[1, 0] - B[1, 1], (B[0, 0] - B[0, 1]) - (B[1, 0] - B[1, 1]), tol)
    # The column player's curve: its own probability q as a function of p, so swap the axes.
    return row, column[:, ::-1]


def _curve(a: float, b: float, tol: float) -> np.ndarray:
    """Vertices ``(x, own probability)`` of the best response to ``x`` when the gain is ``a + b x``."""
    gain = lambda x: a + b * x
    level = lambda g: 1.0 if g > tol else 0.0 if g < -tol else None
    if abs(a) <= tol and abs(a + b) <= tol:
        return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0], [0.0, 0.0]])
    root = -a / b if b != 0 else None
    if root is None or not 0.0 < root < 1.0:
        start, end = level(gain(0.0)), level(gain(1.0))
        # Indifferent only at an end: the vertical segment sits on the square's side.
        if start is None:
            return np.array([[0.0, 1.0 - end], [0.0, end], [1.0, end]])
        if end is None:
            return np.array([[0.0, start], [1.0, start], [1.0, 1.0 - start]])
        return np.array([[0.0, start], [1.0, start]])
    before, after = (1.0, 0.0) if b < 0 else (0.0, 1.0)
    return np.array([[0.0, before], [root, before], [root, after], [1.0, after]])
