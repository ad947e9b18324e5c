"""Expected payoffs and regrets of (mixed) strategy profiles."""

from __future__ import annotations

import functools
from typing import Sequence

import numpy as np

from ..options import check_tolerance

#: Default absolute tolerance is this times ``max |payoff|``.
RELATIVE_TOL = 1e-9


def default_tol(payoffs: np.ndarray, batched: bool = False):
    """Tolerance used to accept an equilibrium when none is given.

    ``1e-9 * max |payoff|``: payoffs are doubles, so round-off in the linear
    algebra grows with their magnitude; and equilibria do not change when a
    game's payoffs are scaled, so neither does a relative tolerance (no floor:
    a game of payoffs near 1e-300 is solved as the same game times 1e300).

    Parameters
    ----------
    payoffs : numpy.ndarray
        Payoff array of shape ``(n_players, n_1, ..., n_n)``, or with
        ``batched=True`` of shape ``(..., points)``: a batch of games whose
        last axis runs over parameter points.
    batched : bool, default False
        Return one tolerance per point of the last axis.

    Returns
    -------
    float or numpy.ndarray
        A float; with ``batched=True`` an array of shape ``(points,)``.

    Examples
    --------
    >>> default_tol(np.array([[[3.0, -8.0]], [[1.0, 2.0]]]))
    8e-09
    >>> default_tol(np.array([[1.0, -4.0], [2.0, 0.5]]), batched=True)
    array([2.e-09, 4.e-09])
    """
    if batched:
        flat = np.asarray(payoffs).reshape(-1, payoffs.shape[-1])
        if not flat.shape[0]:
            return np.zeros(flat.shape[1])
        # max(max, -min) rather than abs(): no temporary the size of the batch.
        return RELATIVE_TOL * np.maximum(flat.max(axis=0), -flat.min(axis=0))
    scale = float(np.abs(payoffs).max()) if payoffs.size else 0.0
    return RELATIVE_TOL * scale


def resolve_tol(payoffs: np.ndarray, tol) -> float:
    """The tolerance a solver uses: the user's ``tol``, checked, or the default.

    Every entry point that takes a ``tol`` argument resolves it here, so all
    of them refuse the same values with the same error.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Payoff array of shape ``(n_players, n_1, ..., n_n)`` (or any array of
        payoffs), for the default.
    tol : float or None
        None for :func:`default_tol` of ``payoffs``; otherwise a finite number
        at least 0.

    Returns
    -------
    float

    Raises
    ------
    OptionError
        (a ``ValueError``) naming ``tol``, when ``tol`` is not a finite number
        at least 0.

    Examples
    --------
    >>> payoffs = np.array([[[3.0, -8.0]], [[1.0, 2.0]]])
    >>> resolve_tol(payoffs, None), resolve_tol(payoffs, "1e-6")
    (8e-09, 1e-06)
    >>> resolve_tol(payoffs, -1)
    Traceback (most recent call last):
    ...
    gametheory_re.options.OptionError: tol: -1: expected a finite number at least 0
    """
    return default_tol(payoffs) if tol is None else check_tolerance("tol", tol)


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


@functools.lru_cache(maxsize=None)
def _stacked_value_subscripts(n: int) -> tuple[str, ...]:
    letters = "abcdefghijklmnopqrstuvwxy"[:n]  # z: the stack axis
    return tuple(
        letters + "".join(",z" + x for q, x in enumerate(letters) if q != p) + "->z" + letters[p] for p in range(n)
    )


def stacked_strategy_values(payoffs: np.ndarray, stacks: Sequence[np.ndarray]) -> list[np.ndarray]:
    """:func:`strategy_values` of every player at many profiles at once.

    One ``einsum`` per player for the whole stack, instead of a chain of
    ``tensordot`` calls per profile and player: checking a solver's
    candidates one by one cost more than solving a small game.  Where every
    player has as many strategies (three players or more), one batched
    product for all players (:func:`_uniform_values`).

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    stacks : sequence of numpy.ndarray
        Per player ``p``, shape ``(k, n_p)``: its mix in each of ``k``
        profiles.

    Returns
    -------
    list of numpy.ndarray
        Per player ``p``, shape ``(k, n_p)``: the expected payoff of each of
        its pure strategies against the others' mixes of each profile.

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> rows = np.array([[1.0, 0.0], [0.5, 0.5]])
    >>> columns = np.array([[1.0, 0.0], [0.5, 0.5]])
    >>> [v.tolist() for v in stacked_strategy_values(pennies, [rows, columns])]
    [[[1.0, -1.0], [0.0, 0.0]], [[-1.0, 1.0], [0.0, 0.0]]]
    """
    if _uniform(payoffs) and len(stacks[0]):
        return list(_uniform_values(payoffs, np.array(stacks, dtype=float)))
    return [
        np.einsum(subscripts, payoffs[p], *[s for q, s in enumerate(stacks) if q != p])
        for p, subscripts in enumerate(_stacked_value_subscripts(len(stacks)))
    ]


#: :func:`_uniform_values` serves games of at most this many payoffs.
_UNIFORM_CELLS = 2**16


def _uniform(payoffs: np.ndarray) -> bool:
    """Three players or more, each with as many strategies, and few payoffs: :func:`_uniform_values` applies."""
    shape = payoffs.shape[1:]
    return len(shape) >= 3 and shape.count(shape[0]) == len(shape) and payoffs.size <= _UNIFORM_CELLS


def _uniform_values(payoffs: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Every player's strategy values at profiles ``x`` ``[player, profile, strategy]``: ``[player, profile, strategy]``.

    For games where every player has as many strategies: the opponents'
    joint mixes of all players at once, then one batched product with each
    player's payoffs, own strategy first (2x2x2x2, one profile: 20 us,
    against 58 for one four-operand ``einsum`` per player).
    """
    gather, others = _uniform_layout(payoffs.shape[1:])
    factors = x[others]  # [player, opponent, profile, strategy]: each player's opponents' mixes, in order
    joint = factors[:, 0]
    for j in range(1, factors.shape[1]):
        joint = (joint[:, :, :, None] * factors[:, j, :, None, :]).reshape(len(x), x.shape[1], -1)
    return np.matmul(joint, payoffs.reshape(-1)[gather].transpose(0, 2, 1))


@functools.lru_cache(maxsize=64)
def _uniform_layout(shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Where :func:`_uniform_values` finds the payoffs of a game where every player has ``shape[0]`` strategies.

    ``gather[p, s, c]`` is the flat index (into all players' payoffs) of
    player ``p``'s payoff for its strategy ``s`` against the others' pure
    profile ``c`` (the first of them slowest); ``others[p]`` lists them.
    """
    n, cells = len(shape), int(np.prod(shape))
    numbered = np.arange(cells).reshape(shape)
    gather = np.stack([np.moveaxis(numbered, p, 0).reshape(shape[p], -1) + p * cells for p in range(n)])
    others = np.array([[q for q in range(n) if q != p] for p in range(n)])
    return gather, others


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


@functools.lru_cache(maxsize=None)
def _value_subscripts(n: int) -> tuple[str, ...]:
    letters = "abcdefghijklmnopqrstuvwxyz"[:n]
    return tuple(
        letters + "".join("," + x for q, x in enumerate(letters) if q != p) + "->" + letters[p] for p in range(n)
    )


def max_regret(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> float:
    """Largest regret over players, ``max(regrets(payoffs, profile))``.

    One ``einsum`` per player instead of a chain of ``tensordot`` calls, and
    where every player has as many strategies (three players or more), one
    batched product for all of them: the solvers call this for every
    candidate, mostly on small games, where the call overhead dominates.

    Examples
    --------
    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> max_regret(pennies, [np.array([1.0, 0.0]), np.array([1.0, 0.0])])
    2.0
    """
    if _uniform(payoffs):
        x = np.array(profile, dtype=float)  # [player, strategy]
        values = _uniform_values(payoffs, x[:, None, :])[:, 0]
        return float((values.max(axis=1) - (values * x).sum(axis=1)).max())
    worst = -np.inf
    for p, subscripts in enumerate(_value_subscripts(len(profile))):
        values = np.einsum(subscripts, payoffs[p], *[v for q, v in enumerate(profile) if q != p])
        worst = max(worst, float(values.max() - values @ profile[p]))
    return worst
