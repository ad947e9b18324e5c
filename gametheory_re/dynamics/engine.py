"""Run a dynamic game: the stage game each period, play selected, state updated, at many points at once.

One period, for all ``B`` points (parameter points of a sweep, or the
branches of one run that follows every equilibrium) together: the stage
game's payoffs at the current state (``payoff_batch``), its equilibria
(:mod:`.stage`), one selected per point, the update rules' expectation under
the selected play, and the bounds.  Nothing here loops over points except
the one-game solvers at points the batched solvers cannot settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from .. import limits
from ..errors import GameFileError, UnsupportedError
from ..parametric import ParametricGame, evaluate_batch
from ..solvers.regret import default_tol
from ..solvers.selection import select_equilibria
from ..trees.orders import sequential_game
from .stage import StageEquilibria, expectation, mixes_of, normal_form_equilibria, order_equilibria, regrets

#: How each period's play was chosen, by code (see :attr:`Histories.how`).
HOW = ("kept", "rule", "first (rule undecided)", "branch", "none")
_KEPT, _RULE, _FIRST, _BRANCH, _NONE = range(len(HOW))

#: A probability above this is in a profile's support.
_SUPPORT_TOL = 1e-9


@dataclass(frozen=True)
class Histories:
    """Everything a run produced, per period ``t = 0..T`` and point (or branch) ``b``.

    Attributes
    ----------
    state : numpy.ndarray
        ``(T+1, n_state, B)``: the state parameters' values in period ``t``.
    play : numpy.ndarray
        ``(T+1, B, n_1 + ... + n_n)``: the selected play (probabilities).
    how : numpy.ndarray
        ``(T+1, B)`` codes into :data:`HOW`.
    equilibria : list of StageEquilibria
        Per period, each point's equilibrium set.
    payoffs : numpy.ndarray
        ``(T+1, n_players, B)``: expected payoffs of the selected play.
    outcomes : numpy.ndarray
        ``(T+1, n_outcomes, B)``: each outcome's probability under the play.
    regret : numpy.ndarray
        ``(T+1, B)``: the largest regret of the selected play in its
        period's stage game.
    tol : numpy.ndarray
        ``(T+1, B)``: the regret tolerance of each period's stage game.
    clipped : numpy.ndarray
        ``(T+1, n_state, B)``: the value of period ``t`` was clipped into its
        bounds (never in period 0).
    defined : numpy.ndarray
        ``(B,)``: every period's payoffs were finite (a sweep's points where
        they were not stop there and are marked).
    complete : numpy.ndarray
        ``(T+1, B)``: the period's equilibrium set is complete.
    origin : numpy.ndarray
        ``(B,)``: the input point each branch descends from.
    """

    state: np.ndarray
    play: np.ndarray
    how: np.ndarray
    equilibria: list
    payoffs: np.ndarray
    outcomes: np.ndarray
    regret: np.ndarray
    tol: np.ndarray
    clipped: np.ndarray
    defined: np.ndarray
    complete: np.ndarray
    origin: np.ndarray


def run_dynamics(
    game: ParametricGame,
    columns: Mapping[str, object],
    periods: int,
    select: str,
    fallback: str,
    bounds: str,
    max_branches: int = limits.MAX_BRANCHES,
) -> Histories:
    """Simulate ``game``'s dynamics from every point of ``columns`` for ``periods`` updates.

    Parameters
    ----------
    game : ParametricGame
        With :attr:`~gametheory_re.parametric.ParametricGame.dynamics`.
    columns : mapping of str to float or numpy.ndarray
        Start values: numbers, or arrays of one length ``B`` (one run per
        point); parameters not given take their default (the start values
        of the file).
    periods : int
    select, fallback, bounds : str
        See :class:`~gametheory_re.dynamics.spec.Dynamics`.
    max_branches : int
        With ``select="all"``: the most histories followed at once.

    Returns
    -------
    Histories

    Raises
    ------
    GameFileError
        If an update is not a finite number, leaves its bounds under
        ``bounds="refuse"``, or (one point only) the payoffs are undefined.
    UnsupportedError
        If ``select="all"`` needs more than ``max_branches`` histories.
    """
    dynamics = game.dynamics
    sizes = {np.size(v) for v in columns.values() if np.ndim(v) > 0}
    count = sizes.pop() if sizes else 1
    arrays = {k: np.broadcast_to(np.asarray(v, dtype=float), (count,)).copy() for k, v in columns.items() if np.ndim(v) > 0}
    scalars = {k: float(v) for k, v in columns.items() if np.ndim(v) == 0}
    state = np.array([np.broadcast_to(arrays.get(n, scalars.get(n, float(game.parameters[n].default))), (count,))
                      for n in dynamics.state], dtype=float)
    for n in dynamics.state:
        arrays.pop(n, None)
        scalars.pop(n, None)
    origin = np.arange(count)
    compiled = dynamics.compiled(list(game.symbols.values()))
    tree = None
    if dynamics.order is not None:
        names = [[game.players[p] for p in group] for group in dynamics.order]
        tree = sequential_game(game, names, source=game.source, key="dynamics.order")
    masks = np.array([o.mask for o in game.outcomes.values()], dtype=float).reshape((-1,) + game.shape)
    low = np.array([-np.inf if game.parameters[n].minimum is None else float(game.parameters[n].minimum) for n in dynamics.state])
    high = np.array([np.inf if game.parameters[n].maximum is None else float(game.parameters[n].maximum) for n in dynamics.state])

    record: dict[str, list] = {k: [] for k in ("state", "play", "how", "equilibria", "payoffs", "outcomes",
                                               "regret", "tol", "clipped", "complete")}
    clipped = np.zeros_like(state, dtype=bool)
    defined = np.ones(count, dtype=bool)
    previous = None
    for t in range(periods + 1):
        point = {**scalars, **arrays, **dict(zip(dynamics.state, state))}
        payoffs = game.payoff_batch(point)
        if payoffs.shape[-1] != state.shape[1]:  # nothing varies: one column for every point
            payoffs = np.broadcast_to(payoffs, payoffs.shape[:-1] + (state.shape[1],))
        finite = np.isfinite(payoffs).reshape(-1, payoffs.shape[-1]).all(axis=0)
        if not finite.all() and len(finite) == 1:
            raise GameFileError(game.source, "dynamics", f"period {t}: the stage game's payoffs are not finite numbers "
                                                          f"at {_describe(dynamics.state, state[:, 0])}")
        defined &= finite
        safe = np.where(finite, payoffs, 0.0)
        tol = default_tol(safe, batched=True)
        if tree is None:
            found = normal_form_equilibria(safe, tol, game.players, game.strategies)
        else:
            found = order_equilibria(safe, tol, dynamics.order,
                                     lambda i: tree.at({k: repr(float(v[i] if np.ndim(v) else v)) for k, v in point.items()}))
        found = StageEquilibria(found.profiles, found.valid & defined[:, None], found.complete)
        if select == "all":
            parent, play, how = _branches(found, max_branches)
            state, clipped, defined, origin = state[:, parent], clipped[:, parent], defined[parent], origin[parent]
            arrays = {k: v[parent] for k, v in arrays.items()}
            for key in record:
                record[key] = [_reindex(key, x, parent) for x in record[key]]
            safe, tol = safe[..., parent], tol[parent]
            found = StageEquilibria(found.profiles[parent], found.valid[parent], found.complete[parent])
        else:
            play, how = _select(found, previous, safe, tol, select, fallback)
        mixes = mixes_of(play, game.shape)
        record["state"].append(state.copy())
        record["play"].append(play)
        record["how"].append(how)
        record["equilibria"].append(found)
        record["payoffs"].append(expectation(safe, mixes))
        record["outcomes"].append(expectation(np.broadcast_to(masks[..., None], masks.shape + (len(play),)), mixes)
                                  if len(masks) else np.zeros((0, len(play))))
        record["regret"].append(np.where(how == _NONE, np.nan, regrets(safe, mixes).max(axis=0)))
        record["tol"].append(tol)
        record["clipped"].append(clipped.copy())
        record["complete"].append(found.complete)
        previous = play
        if t == periods:
            break
        values, _ = evaluate_batch(compiled, game.parameters, {**point, **{k: v for k, v in zip(dynamics.state, state)}})
        values = np.broadcast_to(values, values.shape[:-1] + (len(play),)) if values.shape[-1] == 1 else values
        updated = expectation(values.reshape(dynamics.updates.shape + (len(play),)), mixes)
        updated = np.where(defined & (how != _NONE), updated, state)  # no play, no update
        state, clipped = _bounded(game, updated, low, high, bounds, t + 1)
    return Histories(
        state=np.array(record["state"]), play=np.array(record["play"]), how=np.array(record["how"]),
        equilibria=record["equilibria"], payoffs=np.array(record["payoffs"]), outcomes=np.array(record["outcomes"]),
        regret=np.array(record["regret"]), tol=np.array(record["tol"]), clipped=np.array(record["clipped"]),
        defined=defined, complete=np.array(record["complete"]), origin=origin,
    )


def _select(found: StageEquilibria, previous, payoffs, tol, select: str, fallback: str):
    """Per point, the selected play ``(B, S)`` and how it was chosen ``(B,)``."""
    count = found.valid.shape[0]
    shape = payoffs.shape[1:-1]
    rule = fallback if select == "persist" else select
    values = _equilibrium_payoffs(payoffs, found, shape)
    chosen = select_equilibria(values, found.valid, rule, tol, game=np.moveaxis(payoffs, -1, 0), profiles=found.profiles)
    how = np.where(chosen >= 0, _RULE, _FIRST)
    undecided = chosen < 0
    chosen[undecided] = select_equilibria(values, found.valid, "first", tol)[undecided]
    if select == "persist" and previous is not None:
        # The equilibrium with last period's support, nearest to last period's play.
        support = found.profiles > _SUPPORT_TOL
        same = found.valid & (support == (previous > _SUPPORT_TOL)[:, None, :]).all(axis=-1)
        distance = np.where(same, np.abs(found.profiles - previous[:, None, :]).sum(axis=-1), np.inf)
        kept = same.any(axis=1)
        chosen = np.where(kept, distance.argmin(axis=1), chosen)
        how = np.where(kept, _KEPT, how)
    how = np.where(found.valid.any(axis=1), how, _NONE)
    play = found.profiles[np.arange(count), np.maximum(chosen, 0)]
    return play, how


def _branches(found: StageEquilibria, max_branches: int):
    """Every equilibrium of every point as a branch: parents ``(B',)``, play ``(B', S)``, how."""
    counts = np.maximum(found.valid.sum(axis=1), 1)
    if counts.sum() > max_branches:
        raise UnsupportedError(
            f"following every equilibrium needs {int(counts.sum())} histories, more than the {max_branches} allowed; "
            "choose a selection rule (persist, first, payoff_dominant, risk_dominant) or fewer periods")
    parent = np.repeat(np.arange(len(counts)), counts)
    slot = np.arange(len(parent)) - np.repeat(np.cumsum(counts) - counts, counts)
    play = found.profiles[parent, slot]
    has = found.valid.any(axis=1)[parent]
    how = np.where(has, np.where(np.repeat(counts, counts) > 1, _BRANCH, _RULE), _NONE)
    return parent, play, how


def _reindex(key: str, value, parent):
    """A recorded period's entry for the branches ``parent`` descend from."""
    if key == "equilibria":
        return StageEquilibria(value.profiles[parent], value.valid[parent], value.complete[parent])
    if key == "play":
        return value[parent]
    return value[..., parent]


def _equilibrium_payoffs(payoffs, found: StageEquilibria, shape) -> np.ndarray:
    """``(B, k_max, n_players)`` expected payoffs of each equilibrium slot."""
    count, k_max, _ = found.profiles.shape
    flat = found.profiles.reshape(count * k_max, -1)
    repeated = np.repeat(payoffs, k_max, axis=-1) if k_max > 1 else payoffs
    values = expectation(repeated, mixes_of(flat, shape))  # (n, B * k_max)
    return values.T.reshape(count, k_max, -1)


def _bounded(game, values, low, high, bounds: str, period: int):
    """The updated state within its bounds, and where it was clipped."""
    state = game.dynamics.state
    bad = ~np.isfinite(values)
    if bad.any():
        k, b = map(int, np.argwhere(bad)[0])
        raise GameFileError(game.source, f"dynamics.update.{state[k]}",
                            f"period {period}: the rule's value is not a finite number (from {_describe(state, values[:, b])})")
    outside = (values < low[:, None]) | (values > high[:, None])
    if outside.any() and bounds == "refuse":
        k, b = map(int, np.argwhere(outside)[0])
        raise GameFileError(game.source, f"dynamics.update.{state[k]}",
                            f"period {period}: the rule gives {values[k, b]:.6g}, outside the parameter's bounds "
                            f"[{low[k]:g}, {high[k]:g}] (the file says bounds = \"refuse\"; \"clip\" clips it)")
    return np.clip(values, low[:, None], high[:, None]), outside


def _describe(names, values) -> str:
    return ", ".join(f"{n} = {v:.6g}" for n, v in zip(names, values))
