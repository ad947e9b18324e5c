"""Where an outcome switches along one parameter: bracketing on a grid, then bisection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..errors import GameFileError
from ..options import check_integer, check_positive
from ..formats import load_game
from ..trees.parametric import ParametricTree
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
        The outcome's status (``all``/``some``/``none``/``unknown``) on each
        side, classified at ``probe_below`` and ``probe_above``, away from
        the boundary.
    label_below, label_above : str
        The equilibrium set on each side, at the same points.
    status_at, label_at : str
        Status and equilibrium set at ``value`` itself.  At a degenerate
        boundary, where the equilibria of both sides meet, they can differ
        from both sides' (e.g. ``some`` between ``all`` and ``none``).
    probe_below, probe_above : float
        Where each side was classified: outside the bracket, many ``xtol``
        from it (but at most a quarter of the grid spacing, within bounds).
    """

    value: float
    below: float
    above: float
    status_below: str
    status_above: str
    label_below: str
    label_above: str
    status_at: str = ""
    label_at: str = ""
    probe_below: float = float("nan")
    probe_above: float = float("nan")


@dataclass(frozen=True)
class ThresholdResult:
    """What ``threshold`` found: where ``outcome`` switches as ``param`` moves.

    Attributes
    ----------
    param : str
    outcome : str
    switches : tuple of Switch
        In increasing order of value (see :func:`thresholds`).
    """

    param: str
    outcome: str
    switches: tuple[Switch, ...]


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
    narrower than ``xtol``.  Each side of a switch is then classified at a
    point away from the final bracket (``_PROBE_XTOLS`` times ``xtol``
    beyond it, at most a quarter of the grid spacing): at a degenerate
    boundary the equilibria of both sides coexist on a band about the
    regret tolerance wide, so a bracket end can lie in that band and its
    status is then the boundary's, not the side's.  Switches closer
    together than the grid spacing can be missed: raise ``points`` to look
    closer.

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
        Width of the final brackets, positive; default ``1e-9 × (max - min)``.
    max_iter : int
        Bisection steps at most (at least 1).
    equilibria : {"auto", "pure", "all"}
        As for sweeps.

    Returns
    -------
    list of Switch
        In increasing order of ``value``.  A boundary point whose status
        differs from that of both sides, which are equal, is no switch and
        is left out.

    Raises
    ------
    GameFileError
        For an unknown parameter or outcome, a parameter without both
        bounds, ``points`` below 2, or ``xtol`` not a positive number.

    Examples
    --------
    >>> from gametheory_re.sweeps.threshold import thresholds
    >>> [switch] = thresholds("us_china", "rho", "status_quo")
    >>> switch.value, switch.status_below, switch.status_above
    (0.5, 'none', 'all')
    >>> switch.below < 0.5 < switch.above
    True
    """
    if not isinstance(game, (ParametricGame, ParametricTree)):
        game = load_game(game)
    if param not in game.parameters:
        raise GameFileError("param", param, "unknown parameter; the game's parameters are: " + ", ".join(game.parameters))
    if outcome not in game.outcomes:
        raise GameFileError("outcome", outcome, "unknown outcome; the game's outcomes are: " + (", ".join(game.outcomes) or "none"))
    p = game.parameters[param]
    if p.minimum is None or p.maximum is None:
        raise GameFileError("param", param, "a threshold search needs a parameter with both min and max declared")
    points = check_integer("points", points, minimum=2)
    max_iter = check_integer("max_iter", max_iter, minimum=1)
    fixed = {k: float(v) for k, v in game.point(params).items() if k != param}
    lo_bound, hi_bound = float(p.minimum), float(p.maximum)
    xtol = 1e-9 * (hi_bound - lo_bound) if xtol is None else check_positive("xtol", xtol)
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
    switches = _merge_knife_edges(switches, xtol)
    step = (hi_bound - lo_bound) / (points - 1)
    return _classify_sides(switches, xtol, step, (lo_bound, hi_bound), lambda x: _evaluate(
        game, param, np.asarray(x, dtype=float), outcome, fixed, equilibria))


#: Each side of a switch is classified this many ``xtol`` beyond its bracket.
_PROBE_XTOLS = 1000


def _classify_sides(switches: list[Switch], xtol: float, step: float, bounds, evaluate) -> list[Switch]:
    """Each switch with the statuses of its sides taken away from the boundary.

    The bracket ends are within ``xtol`` of the boundary, where a degenerate
    game has the equilibria of both sides at once; a point
    ``_PROBE_XTOLS * xtol`` beyond each end (at most a quarter of the grid
    spacing ``step``, so never past the neighbouring grid point, and inside
    ``bounds``) is on the side proper.  One batched evaluation for all.
    """
    if not switches:
        return switches
    distance = min(_PROBE_XTOLS * xtol, step / 4)
    below = [max(bounds[0], s.below - distance) for s in switches]
    above = [min(bounds[1], s.above + distance) for s in switches]
    at = [s.value for s in switches]
    status, labels = evaluate(below + above + at)
    n = len(switches)
    out = []
    for i, s in enumerate(switches):
        side = Switch(
            s.value, s.below, s.above, str(status[i]), str(status[n + i]), str(labels[i]), str(labels[n + i]),
            str(status[2 * n + i]), str(labels[2 * n + i]), below[i], above[i],
        )
        if side.status_below != side.status_above:
            out.append(side)
    return out


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
