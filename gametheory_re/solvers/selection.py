"""Equilibrium selection: one equilibrium per point by a stated rule, for many points at once.

Each point's equilibria come padded to a common count ``k_max``, in the
order the labels list them (pure ones first, then by support, then by
probabilities; see :func:`~gametheory_re.labels.equilibrium_set_label`),
with a mask of the slots that hold one.  The rules:

``first``
    The first equilibrium in label order: deterministic whichever solver
    found the set.
``payoff_dominant`` (Harsanyi and Selten 1988)
    The equilibrium that gives every player at least as much (within
    ``tol``) as every other equilibrium at the point.  None may (then the
    point is undecided); several may, when their payoffs are equal within
    ``tol``: :func:`selected_values` then gives a value only where all of
    them agree on it (within ``value_tol``), and :func:`select_equilibria`
    returns the first of them.
``risk_dominant`` (Harsanyi and Selten 1988)
    Games of 2 players with 2 strategies each only.  A point with one
    equilibrium selects it.  A point whose pure equilibria are two strict
    ones (the game's mixed equilibrium may be listed too) selects the one
    with the larger product of the two players' losses from deviating
    alone; equal products (within ``tol`` squared) leave it undecided.
    Anything else (degenerate games with continua of equilibria, weak
    equilibria) is undecided.

Undecided points (and points without equilibria) get slot ``-1`` and value
NaN.
"""

from __future__ import annotations

import numpy as np

from ..errors import GameFileError, UnsupportedError

SELECTION_RULES = ("first", "payoff_dominant", "risk_dominant")


def check_rule(rule: str) -> str:
    """``rule`` if it is one of :data:`SELECTION_RULES`.

    Examples
    --------
    >>> check_rule("first")
    'first'
    """
    if rule not in SELECTION_RULES:
        raise GameFileError("select", str(rule), "expected one of " + ", ".join(SELECTION_RULES))
    return rule


def select_equilibria(payoffs, valid, rule: str, tol: float, *, game=None, profiles=None) -> np.ndarray:
    """Per point, the slot of the equilibrium ``rule`` selects, or -1.

    Parameters
    ----------
    payoffs : numpy.ndarray
        ``(points, k_max, n_players)`` expected payoffs of each equilibrium.
    valid : numpy.ndarray
        ``(points, k_max)`` booleans: the slot holds an equilibrium.
    rule : {"first", "payoff_dominant", "risk_dominant"}
    tol : float or numpy.ndarray
        Payoff tolerance: one, or one per point.
    game : numpy.ndarray, optional
        ``risk_dominant`` only: ``(points, 2, 2, 2)`` payoffs (player, row,
        column) of each point's game.
    profiles : numpy.ndarray, optional
        ``risk_dominant`` only: ``(points, k_max, 4)`` probabilities of each
        equilibrium (row player's two, then the column player's two).

    Returns
    -------
    numpy.ndarray
        ``(points,)`` integers.

    Examples
    --------
    >>> pay = np.array([[[2.0, 2.0], [1.0, 1.0], [0.0, 0.0]]])
    >>> ok = np.array([[True, True, False]])
    >>> select_equilibria(pay, ok, "payoff_dominant", 1e-9).tolist()
    [0]
    >>> select_equilibria(pay[:, ::-1], ok[:, ::-1], "first", 1e-9).tolist()
    [1]
    """
    check_rule(rule)
    valid = np.asarray(valid, dtype=bool)
    if rule == "first":
        return _first(valid)
    if rule == "payoff_dominant":
        return _first(_dominant(np.asarray(payoffs, dtype=float), valid, tol))
    return _risk_dominant(valid, tol, game, profiles)


def selected_values(values, payoffs, valid, rule: str, tol: float, *, game=None, profiles=None,
                    value_tol: float = 1e-6) -> np.ndarray:
    """Per point, ``values`` of the equilibrium ``rule`` selects; NaN where it selects none.

    ``values`` is ``(points, k_max, m)`` (e.g. outcome probabilities); the
    result is ``(points, m)``.  Under ``payoff_dominant``, where several
    equilibria are dominant (equal payoffs), a value is given only where
    they all agree on it within ``value_tol``.

    Examples
    --------
    >>> pay = np.array([[[1.0, 1.0], [1.0, 1.0]]])
    >>> ok = np.ones((1, 2), dtype=bool)
    >>> selected_values(np.array([[[1.0], [0.0]]]), pay, ok, "payoff_dominant", 1e-9).tolist()
    [[nan]]
    >>> selected_values(np.array([[[1.0], [0.0]]]), pay, ok, "first", 1e-9).tolist()
    [[1.0]]
    """
    values = np.asarray(values, dtype=float)
    valid = np.asarray(valid, dtype=bool)
    count = valid.shape[0]
    out = np.full((count, values.shape[-1]), np.nan)
    chosen = select_equilibria(payoffs, valid, rule, tol, game=game, profiles=profiles)
    has = chosen >= 0
    out[has] = values[np.flatnonzero(has), chosen[has]]
    if rule == "payoff_dominant":
        dominant = _dominant(np.asarray(payoffs, dtype=float), valid, tol)
        apart = np.abs(values - out[:, None, :]) > value_tol
        out[(apart & dominant[:, :, None]).any(axis=1)] = np.nan
    return out


def _per_point(tol, ndim: int) -> np.ndarray:
    """``tol`` (one or one per point) shaped to broadcast over ``ndim``-dimensional per-point arrays."""
    tol = np.asarray(tol, dtype=float)
    return tol.reshape((-1,) + (1,) * (ndim - 1)) if tol.ndim else tol


def _first(mask: np.ndarray) -> np.ndarray:
    """Index of the first True per row, -1 where none."""
    if mask.shape[1] == 0:
        return np.full(mask.shape[0], -1, dtype=np.int64)
    return np.where(mask.any(axis=1), mask.argmax(axis=1), -1).astype(np.int64)


def _dominant(payoffs: np.ndarray, valid: np.ndarray, tol: float) -> np.ndarray:
    """``(points, k_max)``: the slot's equilibrium gives every player at least what every other gives."""
    # at_least[p, j, i]: equilibrium j gives every player at least what i does.
    at_least = (payoffs[:, :, None, :] >= payoffs[:, None, :, :] - _per_point(tol, 4)).all(axis=-1)
    return valid & (at_least | ~valid[:, None, :]).all(axis=2)


def _risk_dominant(valid, tol, game, profiles) -> np.ndarray:
    game = None if game is None else np.asarray(game, dtype=float)
    if game is None or game.ndim != 4 or game.shape[1:] != (2, 2, 2):
        shape = "unknown" if game is None else "x".join(map(str, game.shape[2:])) + f" with {game.shape[1]} players"
        raise UnsupportedError(f"select=risk_dominant is defined for games of 2 players with 2 strategies each, not {shape}")
    profiles = np.asarray(profiles, dtype=float)
    count = valid.shape[0]
    points = np.arange(count)
    a, b = game[:, 0], game[:, 1]
    # Per pure profile (r, c): the row and column players' losses from deviating alone.
    tol = _per_point(tol, 3)
    row_loss = a - a[:, ::-1, :]
    col_loss = b - b[:, :, ::-1]
    strict = (row_loss > tol) & (col_loss > tol)
    product = row_loss * col_loss
    pure = ((profiles[..., :2] > 1 - 1e-9).any(axis=-1) & (profiles[..., 2:] > 1 - 1e-9).any(axis=-1)) & valid
    rows_of, cols_of = profiles[..., :2].argmax(axis=-1), profiles[..., 2:].argmax(axis=-1)
    chosen = np.full(count, -1, dtype=np.int64)
    n_valid = valid.sum(axis=1)
    chosen[n_valid == 1] = _first(valid)[n_valid == 1]
    two_strict = (pure.sum(axis=1) == 2) & (strict.reshape(count, 4).sum(axis=1) == 2)
    # The two pure slots and the profiles they hold.
    first_slot = _first(pure)
    second_slot = _first(pure & (np.arange(pure.shape[1]) > first_slot[:, None]))
    both = two_strict & (second_slot >= 0)
    s1, s2 = np.where(both, first_slot, 0), np.where(both, second_slot, 0)
    at1 = (points, rows_of[points, s1], cols_of[points, s1])
    at2 = (points, rows_of[points, s2], cols_of[points, s2])
    both &= strict[at1] & strict[at2]
    gap = product[at1] - product[at2]
    decided = both & (np.abs(gap) > (tol * tol).reshape(-1))
    chosen[decided] = np.where(gap > 0, s1, s2)[decided]
    return chosen


__all__ = ["SELECTION_RULES", "check_rule", "select_equilibria", "selected_values"]
