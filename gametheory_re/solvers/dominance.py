"""Iterated elimination of strictly dominated strategies."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# The most numbers one vectorised test holds at a time: the pure tests and weak
# dominance work in chunks of rows below it, and above it the exact two-point
# tests (_best_response_on_an_edge, _pair_dominator) are left to the linear programme.
_EVALUATIONS = 1_000_000


@dataclass(frozen=True)
class Elimination:
    """One step of iterated elimination.

    Attributes
    ----------
    player : int
    strategy : int
        Index in the original game.
    dominator : dict of int to float
        The (possibly mixed) strategy that strictly dominates it, as original
        strategy index to probability.
    margin : float
        Smallest payoff advantage of the dominator over all remaining
        opponent profiles.
    """

    player: int
    strategy: int
    dominator: dict[int, float]
    margin: float


def _pure_tests(u: np.ndarray, tol: float):
    """For every row of ``u`` (rows: own strategies; columns: opponent profiles) at once:
    its best pure dominator and margin, and whether it is a best response (within
    ``tol``) to some opponent profile.

    One vectorised pass per player and round instead of several NumPy calls
    per row, which were most of the elimination's cost in small games; ``u``
    may also be a stack of such tables ``[player, row, column]``, all tested
    in one pass (the results then have the same leading axis).

    Returns
    -------
    dominator : numpy.ndarray of int
        Per row, the other row with the largest worst-case gain over it
        (meaningless with one row).
    margin : numpy.ndarray
        That worst-case gain: the row is strictly dominated by a pure
        strategy when it is above ``tol``.
    responds : numpy.ndarray of bool
        The row is within ``tol`` of the best payoff against some opponent
        profile, so no mixture of the other rows can dominate it.
    """
    stack = u if u.ndim == 3 else u[None]
    g, k, m = stack.shape
    worst, responds = [], []
    # In chunks of rows s holding at most _EVALUATIONS differences at a time.
    chunk = max(1, _EVALUATIONS // max(1, g * k * m))
    for start in range(0, k, chunk):
        gains = stack[:, None, :, :] - stack[:, start:start + chunk, None, :]  # gains[., s, t, c] = u[t, c] - u[s, c]
        rows = np.arange(gains.shape[1])
        gains[:, rows, start + rows, :] = -np.inf  # s against itself
        worst.append(gains.min(axis=3))
        # Row s is a best response to profile c when no other row gains more than tol there.
        responds.append((gains.max(axis=2) <= tol).any(axis=2))
    worst = worst[0] if len(worst) == 1 else np.concatenate(worst, axis=1)
    responds = responds[0] if len(responds) == 1 else np.concatenate(responds, axis=1)
    if u.ndim == 2:
        worst, responds = worst[0], responds[0]
    return worst.argmax(axis=-1), worst.max(axis=-1), responds


def _own_rows(u: np.ndarray, player: int, alive=None) -> np.ndarray:
    """``u`` (one player's payoffs) as a matrix: rows its own strategies, columns the
    others' profiles, restricted to the strategies ``alive`` (all when None).

    ``take`` and ``transpose`` rather than ``np.ix_`` and ``np.moveaxis``: in
    small games their argument handling cost more than the arithmetic.
    """
    if alive is not None:
        for axis, kept in enumerate(alive):
            if len(kept) < u.shape[axis]:
                u = u.take(kept, axis=axis)
    order = (player,) + tuple(q for q in range(u.ndim) if q != player)
    return u.transpose(order).reshape(u.shape[player], -1)


def _mixed_dominator(u: np.ndarray, s: int, tol: float):
    """A mixture of the other rows of ``u`` strictly dominating row ``s``, or None.

    For a row with no pure dominator that is a best response to no opponent
    profile (:func:`_pure_tests` rules those out first).
    """
    others = [t for t in range(u.shape[0]) if t != s]
    if len(others) < 2:
        return None
    gaps = u[others] - u[s]  # (n_others, n_opponent_profiles)
    if _best_response_on_an_edge(gaps, tol):
        # Row s is a best response (within tol) to some mixture q of the
        # opponent profiles, so every mixture x of the others has
        # min over profiles of x . gaps <= x . gaps . q <= tol: no dominator.
        # Microseconds instead of a linear programme of about 2 ms, which
        # dominated small games' solves.
        return None
    pair = _pair_dominator(gaps, tol)
    if pair is not None:
        weights, margin = pair
        return {others[i]: w for i, w in weights.items()}, margin
    # Maximise the margin e: sum_t x_t (u_t - u_s) >= e for every opponent
    # profile, x a probability vector.  Variables (x, e); linprog minimises -e.
    from scipy.optimize import linprog  # imported here: it costs 0.5 s at start-up

    k, m = gaps.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-gaps.T, np.ones((m, 1))])
    a_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(c, A_ub=a_ub, b_ub=np.zeros(m), A_eq=a_eq, b_eq=[1.0],
                  bounds=[(0, 1)] * k + [(None, None)], method="highs")
    if res.status == 0 and -res.fun > tol:
        x = res.x[:k]
        return {others[i]: float(x[i]) for i in range(k) if x[i] > 1e-12}, float(-res.fun)
    return None


def _pair_dominator(gaps: np.ndarray, tol: float):
    """The best strict dominator mixing two rows, exactly, or None: ``({row: weight}, margin)``.

    The margin of ``w t1 + (1 - w) t2`` is the lower envelope of one line
    in ``w`` per opponent profile, so its maximum over ``[0, 1]`` is at an
    end or where two lines cross: a few vectorised candidates replace the
    linear programme in most eliminations of small games, where a mixed
    dominator almost always mixes two strategies.

    Examples
    --------
    >>> gaps = np.array([[3.0, -1.0], [-1.0, 3.0]])  # rows: u_t - u_s; columns: opponent profiles
    >>> _pair_dominator(gaps, 1e-9)
    ({0: 0.5, 1: 0.5}, 1.0)
    """
    k, m = gaps.shape
    if k < 2:
        return None
    pairs = k * (k - 1) // 2
    if pairs * (2 + m * (m - 1) // 2) * m > _EVALUATIONS:
        return None
    first, second = np.triu_indices(k, 1)
    a, b = np.triu_indices(m, 1)
    slope = gaps[first] - gaps[second]  # margin against profile c: gaps[second, c] + w * slope[:, c]
    start = gaps[second]
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = (start[:, b] - start[:, a]) / (slope[:, a] - slope[:, b])
    crossing = np.where(np.isfinite(crossing), np.clip(crossing, 0.0, 1.0), 0.0)
    w = np.concatenate([np.zeros((pairs, 1)), np.ones((pairs, 1)), crossing], axis=1)
    margins = (start[:, None, :] + w[:, :, None] * slope[:, None, :]).min(axis=2)
    pair, at = np.unravel_index(int(np.argmax(margins)), margins.shape)
    if margins[pair, at] <= tol:
        return None
    weight = float(w[pair, at])
    # Recomputed at the chosen weight, so the margin is the mixture's own.
    margin = float((weight * gaps[first[pair]] + (1.0 - weight) * gaps[second[pair]]).min())
    if margin <= tol:
        return None
    weights = {int(first[pair]): weight, int(second[pair]): 1.0 - weight}
    return {t: v for t, v in weights.items() if v > 0.0}, margin


def _best_response_on_an_edge(gaps: np.ndarray, tol: float) -> bool:
    """Row s is a best response (within ``tol``) to the uniform mixture or to one on an edge of the opponents' simplex.

    ``gaps`` holds ``u_t - u_s`` (rows: the other strategies t; columns:
    opponent profiles).  On the edge from profile b to profile a the upper
    envelope of the lines ``gaps[t, b] + w (gaps[t, a] - gaps[t, b])`` is
    smallest at an end or where two lines cross, so checking those
    candidates is exact on every edge.

    Examples
    --------
    >>> gaps = np.array([[1.0, -1.0], [-1.0, 1.0]])  # s is a best response to the 50:50 mixture
    >>> _best_response_on_an_edge(gaps, 1e-9)
    True
    >>> _best_response_on_an_edge(gaps + 0.5, 1e-9)
    False
    """
    k, m = gaps.shape
    if np.max(gaps.mean(axis=1)) <= tol:
        return True
    if m < 2:
        return False  # the uniform mixture was the only one
    if m * (m - 1) // 2 * (2 + k * (k - 1) // 2) * k > _EVALUATIONS:
        return False
    a, b = np.triu_indices(m, 1)
    first, second = np.triu_indices(k, 1)
    start = gaps[:, b].T  # (edges, rows)
    slope = gaps[:, a].T - start
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = (start[:, second] - start[:, first]) / (slope[:, first] - slope[:, second])
    crossing = np.where(np.isfinite(crossing), np.clip(crossing, 0.0, 1.0), 0.0)
    w = np.concatenate([np.zeros((len(a), 1)), np.ones((len(a), 1)), crossing], axis=1)
    envelope = (start[:, None, :] + w[:, :, None] * slope[:, None, :]).max(axis=2)
    return bool(envelope.min() <= tol)


def iterated_elimination(payoffs: np.ndarray, tol: float, mixed: bool = True):
    """Iteratively remove strictly dominated strategies.

    Strict dominance by a pure strategy is checked first; with ``mixed=True``
    a strategy dominated only by a mixture is found by exact vectorised
    tests when it is a best response on an edge of the opponents' simplex
    (not dominated) or a mixture of two strategies dominates it, and else by
    a linear programme (scipy's HiGHS).
    Strict dominance needs a margin above ``tol`` against every remaining
    opponent profile, so round-off cannot eliminate a strategy.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    tol : float
    mixed : bool
        Also eliminate strategies dominated by mixed strategies.

    Returns
    -------
    surviving : list of list of int
        Remaining strategy indices of each player.
    steps : list of Elimination
        In the order they were made.
    """
    n = payoffs.shape[0]
    alive = [list(range(k)) for k in payoffs.shape[1:]]
    steps: list[Elimination] = []
    changed = True
    while changed:
        changed = False
        tables, tested = {}, {}
        if not steps:
            # The first round (often the only one): every player's pure tests at
            # once, valid until its first elimination.
            tables = {p: _own_rows(payoffs[p], p, alive) for p in range(n) if len(alive[p]) >= 2}
            tested = _stacked_pure_tests(tables, tol)
        for p in range(n):
            if len(alive[p]) < 2:
                continue
            if changed or p not in tested:  # the others' strategies changed: p's table too
                tables[p] = _own_rows(payoffs[p], p, alive)
                tested[p] = _pure_tests(tables[p], tol)
            u = tables[p]
            pure_dominator, pure_margin, responds = tested[p]
            for row in range(len(alive[p])):
                if pure_margin[row] > tol:
                    found = {int(pure_dominator[row]): 1.0}, float(pure_margin[row])
                else:
                    found = None if responds[row] or not mixed else _mixed_dominator(u, row, tol)
                if found:
                    dominator, margin = found
                    steps.append(Elimination(p, alive[p][row], {alive[p][t]: w for t, w in dominator.items()}, margin))
                    del alive[p][row]
                    changed = True
                    break
    return alive, steps


def _stacked_pure_tests(tables: dict, tol: float) -> dict:
    """:func:`_pure_tests` of each player's table (``{player: u}``), players with tables of one shape in one pass."""
    groups: dict = {}
    for p, u in tables.items():
        groups.setdefault(u.shape, []).append(p)
    out = {}
    for players in groups.values():
        dominator, margin, responds = _pure_tests(np.stack([tables[p] for p in players]), tol)
        out.update((p, (dominator[g], margin[g], responds[g])) for g, p in enumerate(players))
    return out


@dataclass(frozen=True)
class WeakDominance:
    """A strategy weakly dominated by another pure strategy of the same player, in the whole game.

    Attributes
    ----------
    player, strategy, dominator : int
        Strategy indices: ``dominator`` pays at least as much against every
        profile of the others and more against ``better``.
    better : int
        How many profiles of the others it pays more against (by more than ``tol``).
    """

    player: int
    strategy: int
    dominator: int
    better: int


def weakly_dominated(payoffs: np.ndarray, tol: float) -> list[WeakDominance]:
    """Every pure strategy weakly (and not strictly) dominated by another pure strategy.

    Not iterated: which strategies survive iterated elimination of weakly
    dominated strategies depends on the order of the eliminations, so each
    is only reported.  Dominance by mixtures is not searched.

    Examples
    --------
    >>> # Row's "down" ties with "up" against "left" and is worse against "right".
    >>> weak = np.array([[[1.0, 1.0], [1.0, 0.0]], [[1.0, 1.0], [1.0, 1.0]]])
    >>> weakly_dominated(weak, 1e-9)
    [WeakDominance(player=0, strategy=1, dominator=0, better=1)]
    """
    rows = [_own_rows(payoffs[p], p) for p in range(payoffs.shape[0])]
    groups: dict = {}  # players with tables of one shape are tested together: fewer NumPy calls in small games
    for p, u in enumerate(rows):
        groups.setdefault(u.shape, []).append(p)
    found = []
    for (k, m), players in groups.items():
        u = np.stack([rows[p] for p in players])  # [player, own strategy, others' profile]
        # Every strategy s against every other t at once, in chunks of rows s of
        # at most _EVALUATIONS comparisons; compared with u[s] -/+ tol rather than
        # by differences, which overflow for payoffs near 1e308.
        chunk = max(1, _EVALUATIONS // max(1, len(players) * k * m))
        for start in range(0, k, chunk):
            own = u[:, start:start + chunk, None, :]
            above = u[:, None, :, :] > own + tol  # above[player, s, t, c]
            count = above.sum(axis=3)
            weak = (u[:, None, :, :] >= own - tol).all(axis=3) & (count > 0) & (count < m)
            diagonal = np.arange(weak.shape[1])
            weak[:, diagonal, start + diagonal] = False
            for g, s in np.argwhere(weak.any(axis=2)):
                t = int(np.argmax(weak[g, s]))
                found.append(WeakDominance(players[g], start + int(s), t, int(count[g, s, t])))
    found.sort(key=lambda w: (w.player, w.strategy))
    return found
