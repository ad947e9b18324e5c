"""Expected payoffs and regrets of (mixed) strategy profiles."""

from __future__ import annotations

from typing import Sequence

import numpy as np

#: Default absolute tolerance is this times ``max |payoff|``.
RELATIVE_TOL = 1e-9


def default_tol(payoffs: np.ndarray) -> float:
    """Tolerance used to accept an equilibrium when none is given.

    ``1e-9 * max |payoff|``: payoffs are doubles, so round-off in the linear
    algebra grows with their magnitude; and equilibria do not change when a
    game's payoffs are scaled, so neither does a relative tolerance (no floor:
    a game of payoffs near 1e-300 is solved as the same game times 1e300).

    Parameters
    ----------
    payoffs : numpy.ndarray
        Payoff array of shape ``(n_players, n_1, ..., n_n)``.

    Returns
    -------
    float
    """
    scale = float(np.max(np.abs(payoffs))) if payoffs.size else 0.0
    return RELATIVE_TOL * scale


def strategy_values(payoffs: np.ndarray, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
    """Expected payoff of each pure strategy of ``player`` against the others' mixes.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    profile : sequence of numpy.ndarray
        One probability vector per player.
    player : int
        Whose strategies to value.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_player,)``.
    """
    values = payoffs[player]
    # Contract from the last axis down so the indices of the axes still to be
    # contracted do not shift.
    for q in range(len(profile) - 1, -1, -1):
        if q != player:
            values = np.tensordot(values, profile[q], axes=([q], [0]))
    return values


def expected_payoffs(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> np.ndarray:
    """Expected payoff of every player at a mixed profile.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_players,)``.
    """
    return np.array(
        [strategy_values(payoffs, profile, p) @ profile[p] for p in range(len(profile))]
    )


def regrets(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> np.ndarray:
    """Each player's regret: best deviation payoff minus expected payoff.

    A profile is a Nash equilibrium exactly when every regret is zero; this
    tool reports one only when every regret is at most its tolerance.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_players,)``, non-negative up to round-off.
    """
    out = np.empty(len(profile))
    for p in range(len(profile)):
        v = strategy_values(payoffs, profile, p)
        out[p] = float(np.max(v) - v @ profile[p])
    return out
