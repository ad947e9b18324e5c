"""Where an outcome switches along one parameter: bracketing on a grid, then bisection."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping

import numpy as np

from ..errors import GameFileError
from ..options import check_integer, check_positive, shown
from ..formats import load_game
from ..trees.parametric import ParametricTree
from ..parametric import ParametricGame
from ..symbolic.boundaries import exact_boundaries, match, same_formula
from ..symbolic.mixed import has_closed_form
from .engine import EQUILIBRIA_MODES, SweepSpec, solve_chunk
from .grid import Points


@dataclass(frozen=True)
class Switch:
    """An outcome's status changes between ``below`` and ``above``.

    A switch is a change of the outcome's status only.  The equilibrium set
    on each side is told by its supports (``support_below`` and
    ``support_above``); the probabilities of a mixed equilibrium move with
    the parameter without making a switch, and are shown in the labels.

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
        The equilibrium set on each side, at the same points, with each
        mixing player's probabilities (as the sweep table's ``label``).
    status_at, label_at : str
        Status and equilibrium set (with probabilities) at ``value`` itself.
        At a degenerate boundary, where the equilibria of both sides meet,
        they can differ from both sides' (e.g. ``some`` between ``all`` and
        ``none``).
    probe_below, probe_above : float
        Where each side was classified: outside the bracket, many ``xtol``
        from it (but at most a quarter of the grid spacing, within bounds).
    support_below, support_above, support_at : str
        The equilibrium set at the same three points by supports only (as
        the sweep table's ``support``).
    method : str
        ``"bisection"``, or ``"exact"`` when an exact boundary was matched
        (``exact=True``, see :func:`thresholds`).
    formula : str
        With ``method == "exact"``: the boundary as ``param = formula``, the
        right-hand side in the game's parameters (sympy syntax), true for
        any values of the other parameters.
    exact_value, exact_float : str, float
        The formula at the point: exact (``"1/2"``) and as a float.
    exact_source : str
        The equilibrium and the condition of it whose boundary this is, e.g.
        ``(engage, supply): China prefers supply to restrict``.
    also : tuple of str
        Other conditions with the same boundary value at the point, each as
        ``source`` (and `` (param = formula)`` when its formula differs).
    exact_note : str
        With ``exact=True`` and ``method == "bisection"``: why no exact
        boundary was given.
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
    support_below: str = ""
    support_above: str = ""
    support_at: str = ""
    method: str = "bisection"
    formula: str = ""
    exact_value: str = ""
    exact_float: float = float("nan")
    exact_source: str = ""
    also: tuple[str, ...] = ()
    exact_note: str = ""


@dataclass(frozen=True)
class ThresholdResult:
    """What ``threshold`` found: where ``outcome`` switches as ``param`` moves.

    Attributes
    ----------
    param : str
    outcome : str
    switches : tuple of Switch
        In increasing order of value (see :func:`thresholds`).
    equilibria : str
        The mode searched: ``"pure"``, ``"all"`` or ``"subgame perfect"``.
    mode_reason : str
        One sentence: which equilibria were searched and why
        (:attr:`~gametheory_re.sweeps.engine.SweepSpec.mode_reason`).
    exact : bool
        Whether exact boundaries were asked for (each switch's ``method``
        says whether one was found).
    notes : tuple of str
    """

    param: str
    outcome: str
    switches: tuple[Switch, ...]
    equilibria: str
    mode_reason: str
    exact: bool = False
    notes: tuple[str, ...] = ()


def _spec(game, name, values, outcome, fixed, equilibria) -> SweepSpec:
    """The sweep of ``outcome`` at the values ``values`` of parameter ``name``, in one chunk."""
    return SweepSpec(game, Points({name: values}), fixed, (outcome,), equilibria, chunk_size=max(1, len(values)))


def _status(game, name, values, outcome, fixed, equilibria) -> np.ndarray:
    """The outcome's status at each value: all that decides where a switch is."""
    return solve_chunk(_spec(game, name, values, outcome, fixed, equilibria), 0)[outcome]


def _sides(game, name, values, outcome, fixed, equilibria):
    """Status, label with probabilities and support label at each value."""
    table = solve_chunk(_spec(game, name, values, outcome, fixed, equilibria), 0)
    return table[outcome], table["label"], table["support"]


def search_mode(game, param: str, equilibria: str = "auto") -> tuple[str, str]:
    """The mode a threshold search of ``param`` runs in, and why.

    Returns
    -------
    (str, str)
        :attr:`~gametheory_re.sweeps.engine.SweepSpec.mode` and
        :attr:`~gametheory_re.sweeps.engine.SweepSpec.mode_reason`.

    Examples
    --------
    >>> search_mode(load_game("us_china"), "rho")
    ('all', 'all equilibria: batched support enumeration (2 players)')
    """
    spec = SweepSpec(game, Points({param: np.zeros(1)}), equilibria=equilibria)
    return spec.mode, spec.mode_reason


def thresholds(
    game,
    param: str,
    outcome: str,
    params: Mapping[str, object] | None = None,
    points: int = 201,
    xtol: float | None = None,
    max_iter: int = 200,
    equilibria: str = "auto",
    exact: bool = False,
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

    Only the outcome's status makes a switch.  The equilibrium set on each
    side is reported by its supports and, with probabilities, by its label;
    the probabilities of a mixed equilibrium change all along a regime, so
    they never make a switch of their own.

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
        As for sweeps (see :class:`~gametheory_re.sweeps.engine.SweepSpec`):
        the default ``"auto"`` searches all equilibria of 1- and 2-player
        games and of the 3-player games the batched solver covers, pure
        equilibria only otherwise; :func:`search_mode` says which.
    exact : bool
        Also match each switch to an exact boundary: the equilibria that
        appear or disappear at it (by the supports on its two sides and at
        it) have their conditions built with every parameter free and
        solved for ``param`` (:func:`~gametheory_re.symbolic.boundaries.exact_boundaries`);
        a solution whose value at the point is within ``EXACT_MATCH`` of
        the range (or ``10 * xtol``) of the numeric switch gives its
        ``formula``, ``exact_value`` and ``exact_source``
        (``method = "exact"``).  Otherwise the switch stays as bisection
        found it and ``exact_note`` says why: no condition of those
        equilibria is solvable there (degree above 2 in ``param``, or the
        equilibrium has no closed form: three players mixing, one player
        mixing, supports of unequal sizes), or the game is a tree.

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
        bounds, ``points`` below 2, ``xtol`` not a positive number, or an
        unknown ``equilibria`` mode.

    Examples
    --------
    >>> from gametheory_re.sweeps.threshold import thresholds
    >>> [switch] = thresholds("us_china", "rho", "status_quo")
    >>> switch.value, switch.status_below, switch.status_above
    (0.5, 'none', 'all')
    >>> switch.below < 0.5 < switch.above
    True
    >>> [switch] = thresholds("us_china", "rho", "status_quo", exact=True)
    >>> switch.method, switch.formula, switch.exact_value, switch.exact_source
    ('exact', 'g - pi*q', '1/2', '(engage, supply): China prefers supply to restrict')
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
    if equilibria not in EQUILIBRIA_MODES:
        raise GameFileError("equilibria", shown(equilibria), "expected one of " + ", ".join(EQUILIBRIA_MODES))
    points = check_integer("points", points, minimum=2)
    max_iter = check_integer("max_iter", max_iter, minimum=1)
    fixed = {k: float(v) for k, v in game.point(params).items() if k != param}
    lo_bound, hi_bound = float(p.minimum), float(p.maximum)
    xtol = 1e-9 * (hi_bound - lo_bound) if xtol is None else check_positive("xtol", xtol)
    grid = np.linspace(lo_bound, hi_bound, points)
    status = _status(game, param, grid, outcome, fixed, equilibria)
    # Only the status brackets a switch; the labels are taken once, beside
    # each final bracket (see _classify_sides).
    change = np.flatnonzero(status[:-1] != status[1:])
    lo, hi = grid[change], grid[change + 1]
    s_lo, s_hi = status[change], status[change + 1]
    for _ in range(max_iter):
        open_ = (hi - lo) > xtol
        if not open_.any():
            break
        mid = (lo + hi) / 2
        s_mid = _status(game, param, mid[open_], outcome, fixed, equilibria)
        idx = np.flatnonzero(open_)
        # Keep the half whose ends still differ; a third status in the middle
        # keeps the lower half (its switch comes first).
        go_up = s_mid == s_lo[idx]
        lo[idx[go_up]], s_lo[idx[go_up]] = mid[open_][go_up], s_mid[go_up]
        down = ~go_up
        hi[idx[down]], s_hi[idx[down]] = mid[open_][down], s_mid[down]
    brackets = _merge_knife_edges(
        [(float(a), float(b), str(sa), str(sb)) for a, b, sa, sb in zip(lo, hi, s_lo, s_hi)], xtol
    )
    step = (hi_bound - lo_bound) / (points - 1)
    switches = _classify_sides(brackets, xtol, step, (lo_bound, hi_bound), lambda x: _sides(
        game, param, np.asarray(x, dtype=float), outcome, fixed, equilibria))
    if not exact:
        return switches
    if isinstance(game, ParametricTree):
        return [replace(s, exact_note=TREE_NOTE) for s in switches]
    tolerance = max(EXACT_MATCH * (hi_bound - lo_bound), 10 * xtol)
    return with_exact(game, param, params, switches, tolerance)


#: A numeric switch is matched to an exact boundary this close to it, as a share of the parameter's range
#: (or ten ``xtol``, if more): the bisection bracket sits within the solvers' tolerance band of the
#: boundary, some ``1e-9`` off it.
EXACT_MATCH = 1e-6

#: Why a tree's switches get no exact boundary.
TREE_NOTE = "exact boundaries are built for normal-form games, not trees: numeric bisection only"

#: Why a switch got no exact boundary.
NO_EXACT_NOTE = ("numeric bisection: no exact condition found (the equilibria that change have no closed form, "
                 "or their conditions are of degree above 2 in the parameter)")


def changing_supports(game, switch: Switch) -> list[tuple]:
    """The equilibria (by supports) that appear or disappear at a switch and have exact conditions.

    Those in the support label on one side and not the other, and those at
    the switch itself that are not on both sides; pure profiles first, in
    profile order, then the supports with a closed-form mixed equilibrium
    (:func:`~gametheory_re.symbolic.mixed.has_closed_form`).

    Examples
    --------
    >>> [switch] = thresholds("us_china", "rho", "status_quo")
    >>> changing_supports(load_game("us_china"), switch)
    [((0,), (0,)), ((0, 1), (0, 1))]
    """
    below, above, at = (set(label.split("; ")) for label in (
        switch.support_below, switch.support_above, switch.support_at))
    changed = (below ^ above) | (at - (below & above))
    # Read the changed labels back into supports (each side's label names
    # the strategies of each player's support), rather than walking every
    # support profile of the game, which grows as 2**(strategies).
    index = [{name: k for k, name in enumerate(names)} for names in game.strategies]
    found = set()
    for label in changed:
        parts = label.strip("()").split(", ")
        if len(parts) != len(index):
            continue
        try:
            support = tuple(tuple(sorted(index[i][name] for name in part.split("|"))) for i, part in enumerate(parts))
        except KeyError:
            continue
        if all(len(s) == 1 for s in support) or has_closed_form(support):
            found.add(support)
    # Pure profiles first, in profile order, then mixed supports in support order.
    return sorted(found, key=lambda s: (any(len(x) > 1 for x in s), [len(x) for x in s], s))


def with_exact(game, param: str, params, switches, tolerance: float) -> list[Switch]:
    """``switches`` with each matched to the exact boundary of a changing equilibrium within ``tolerance``, if any.

    See :func:`thresholds` (``exact=True``).  The candidates of a switch
    come from :func:`changing_supports`, in its order; among those nearest
    the numeric value, the first gives the formula and the others with
    the same exact value are listed in ``also``.
    """
    found: dict = {}
    out = []
    for switch in switches:
        candidates = []
        for support in changing_supports(game, switch):
            if support not in found:
                found[support] = exact_boundaries(game, param, params, [support])
            candidates += found[support]
        hit = match(switch.value, candidates, tolerance)
        if hit is None:
            out.append(replace(switch, exact_note=NO_EXACT_NOTE))
            continue
        first, *rest = hit.boundaries
        also = tuple(dict.fromkeys(
            b.source + ("" if same_formula(b.formula, first.formula) else f" ({param} = {b.formula})")
            for b in rest if b.source != first.source or not same_formula(b.formula, first.formula)))
        out.append(replace(
            switch, method="exact", formula=str(first.formula), exact_value=str(hit.value),
            exact_float=float(hit.value), exact_source=first.source, also=also))
    return out


#: Each side of a switch is classified this many ``xtol`` beyond its bracket.
_PROBE_XTOLS = 1000


def _classify_sides(brackets, xtol: float, step: float, bounds, evaluate) -> list[Switch]:
    """A switch per bracket ``(below, above, ...)``, its sides classified away from the boundary.

    The bracket ends are within ``xtol`` of the boundary, where a degenerate
    game has the equilibria of both sides at once; a point
    ``_PROBE_XTOLS * xtol`` beyond each end (at most a quarter of the grid
    spacing ``step``, so never past the neighbouring grid point, and inside
    ``bounds``) is on the side proper.  One batched evaluation for all;
    ``evaluate(values)`` gives the status, label and support at each value.
    A bracket whose two sides have the same status is no switch.
    """
    if not brackets:
        return []
    distance = min(_PROBE_XTOLS * xtol, step / 4)
    below = [max(bounds[0], b[0] - distance) for b in brackets]
    above = [min(bounds[1], b[1] + distance) for b in brackets]
    at = [(b[0] + b[1]) / 2 for b in brackets]
    status, labels, supports = ([str(x) for x in column] for column in evaluate(below + above + at))
    n = len(brackets)
    out = []
    for i, (lo, hi, *_) in enumerate(brackets):
        down, up, mid = i, n + i, 2 * n + i  # the rows of the probes below, above and at
        if status[down] == status[up]:
            continue
        out.append(Switch(
            at[i], lo, hi, status[down], status[up], labels[down], labels[up], status[mid], labels[mid],
            below[i], above[i], supports[down], supports[up], supports[mid],
        ))
    return out


def _merge_knife_edges(brackets, xtol: float):
    """Join brackets ``(below, above, status_below, status_above)`` a few ``xtol`` apart into one.

    At an exact tie the tolerance makes both sides' equilibria coexist on a
    band about ``tol`` wide, which shows up as two switches (e.g. none ->
    some -> all) at the same threshold.
    """
    merged: list[tuple[float, float, str, str]] = []
    for lo, hi, s_lo, s_hi in brackets:
        if merged and lo - merged[-1][1] <= 10 * xtol:
            last = merged[-1]
            merged[-1] = (last[0], hi, last[2], s_hi)
        else:
            merged.append((lo, hi, s_lo, s_hi))
    return [b for b in merged if b[2] != b[3]]
