"""Where an outcome switches along one parameter: bracketing on a grid, then bisection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..errors import GameFileError
from ..formats import load_game
from ..extensive import ParametricTree
from ..parametric import ParametricGame
from .engine import SweepSpec, solve_chunk
from .grid import Points


@dataclass(frozen=True)
class Switch:
    """An outcome's status changes between ``below`` and ``above``.

    Attributes
    ----------
    value : float
        Midpoint of the final bracket: the threshold, within ``xtol``.
    below, above : float
        The final bracket.
    status_below, status_above : str
        The outcome's status (``all``/``some``/``none``/``unknown``) on each side.
    label_below, label_above : str
        The equilibrium set on each side.
    """

    value: float
    below: float
    above: float
    status_below: str
    status_above: str
    label_below: str
    label_above: str


def _evaluate(game, name, values, outcome, fixed, equilibria):
    spec = SweepSpec(game, Points({name: values}), fixed, (outcome,), equilibria, chunk_size=max(1, len(values)))
    table = solve_chunk(spec, 0)
    return table[outcome], table["label"]


def thresholds(
    game,
    param: str,
    outcome: str,
    params: Mapping[str, object] | None = None,
    points: int = 201,
    xtol: float | None = None,
    max_iter: int = 200,
    equilibria: str = "auto",
) -> list[Switch]:
    """The values of ``param`` at which ``outcome``'s status switches.

    The parameter's declared range is scanned on a grid of ``points`` values;
    every interval where the status differs at its ends is then bisected
    (all intervals at once, one batched evaluation per step) until it is
    narrower than ``xtol``.  Switches closer together than the grid spacing
    can be missed: raise ``points`` to look closer.

    Parameters
    ----------
    game : ParametricGame, str or pathlib.Path
    param : str
        A parameter with declared bounds.
    outcome : str
    params : mapping, optional
        Values of the other parameters.
    points : int
        Grid size of the initial scan (at least 2).
    xtol : float, optional
        Width of the final brackets; default ``1e-9 × (max - min)``.
    max_iter : int
        Bisection steps at most.
    equilibria : {"auto", "pure", "all"}
        As for sweeps.

    Returns
    -------
    list of Switch
        In increasing order of ``value``.

    Examples
    --------
    >>> from gametheory_re.sweep.threshold import thresholds
    >>> [switch] = thresholds("us_china", "rho", "status_quo")
    >>> switch.value, switch.status_below, switch.status_above
    (0.5, 'none', 'all')
    >>> switch.below < 0.5 < switch.above
    True
    """
    if not isinstance(game, (ParametricGame, ParametricTree)):
        game = load_game(game)
    if param not in game.parameters:
        raise GameFileError("--param", param, "unknown parameter; the game's parameters are: " + ", ".join(game.parameters))
    if outcome not in game.outcomes:
        raise GameFileError("--outcome", outcome, "unknown outcome; the game's outcomes are: " + (", ".join(game.outcomes) or "none"))
    p = game.parameters[param]
    if p.minimum is None or p.maximum is None:
        raise GameFileError("--param", param, "a threshold search needs a parameter with both min and max declared")
    if points < 2:
        raise GameFileError("--points", str(points), "expected at least 2")
    fixed = {k: float(v) for k, v in game.point(params).items() if k != param}
    lo_bound, hi_bound = float(p.minimum), float(p.maximum)
    xtol = 1e-9 * (hi_bound - lo_bound) if xtol is None else float(xtol)
    grid = np.linspace(lo_bound, hi_bound, points)
    status, labels = _evaluate(game, param, grid, outcome, fixed, equilibria)
    change = np.flatnonzero(status[:-1] != status[1:])
    lo, hi = grid[change], grid[change + 1]
    s_lo, s_hi = status[change], status[change + 1]
    l_lo, l_hi = labels[change], labels[change + 1]
    for _ in range(max_iter):
        open_ = (hi - lo) > xtol
        if not open_.any():
            break
        mid = (lo + hi) / 2
        s_mid, l_mid = _evaluate(game, param, mid[open_], outcome, fixed, equilibria)
        idx = np.flatnonzero(open_)
        # Keep the half whose ends still differ; a third status in the middle
        # keeps the lower half (its switch comes first).
        go_up = s_mid == s_lo[idx]
        lo[idx[go_up]], s_lo[idx[go_up]], l_lo[idx[go_up]] = mid[open_][go_up], s_mid[go_up], l_mid[go_up]
        down = ~go_up
        hi[idx[down]], s_hi[idx[down]], l_hi[idx[down]] = mid[open_][down], s_mid[down], l_mid[down]
    switches = [
        Switch(float((a + b) / 2), float(a), float(b), str(sa), str(sb), str(la), str(lb))
        for a, b, sa, sb, la, lb in zip(lo, hi, s_lo, s_hi, l_lo, l_hi)
    ]
    return _merge_knife_edges(switches, xtol)


def _merge_knife_edges(switches: list[Switch], xtol: float) -> list[Switch]:
    """Join switches a few ``xtol`` apart into one.

    At an exact tie the tolerance makes both sides' equilibria coexist on a
    band about ``tol`` wide, which shows up as two switches (e.g. none ->
    some -> all) at the same threshold.
    """
    merged: list[Switch] = []
    for s in switches:
        last = merged[-1] if merged else None
        if last is not None and s.below - last.above <= 10 * xtol:
            merged[-1] = Switch((last.below + s.above) / 2, last.below, s.above,
                                last.status_below, s.status_above, last.label_below, s.label_above)
        else:
            merged.append(s)
    return [s for s in merged if s.status_below != s.status_above]
