"""Exact boundary curves for a regime map: the conditions of ``gtre conditions`` where they separate regions.

A two-parameter grid sweep of a normal-form game gives a raster of regions
(equilibrium supports).  :func:`boundary_curves` takes the game's exact
conditions in the two varied parameters, every other parameter fixed at the
sweep's value (:func:`~gametheory_re.symbolic.analysis.game_conditions`),
and keeps the curves ``expr = 0`` of those conditions that separate cells of
different regions somewhere on the raster: the curve runs between two
neighbouring cells whose regions differ (the boundary expression has
opposite signs there).  A condition that is a fraction gives one curve per
factor of its numerator and denominator (its sign changes at each); several
conditions on one curve give one curve.  At most :data:`MAX_CURVES` are
kept, those separating most cell pairs; the result says how many more there
were.

Each kept curve comes with its values on a finer grid over the picture's
extent (for a smooth contour at level 0), set to NaN outside the cells
between which it separates regions, so a picture draws the curve only where it is a
boundary (and, for each outcome map, only where it separates that outcome's
statuses).  The expressions are compiled with
:class:`~gametheory_re.evaluator.Compiled` from the package's own sympy
objects; no user text is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np
import sympy

from ..errors import GameFileError
from ..evaluator import Compiled
from ..options import DEFAULT_TIME_BUDGET
from ..symbolic.analysis import game_conditions
from ..symbolic.inequality import FACTOR_MAX_OPS, Inequality
from ..trees.parametric import ParametricTree
from .grid import cell_edges

#: At most this many curves are drawn: those that separate most cell pairs.
MAX_CURVES = 8

#: The drawing samples have at least this many points per axis (cells are subdivided).
FINE_POINTS = 240


@dataclass(frozen=True)
class Curve:
    """One boundary curve ``expr = 0`` and its values for drawing.

    Attributes
    ----------
    expr : sympy.Expr
        The curve is where it is zero.
    label : str
        The condition it is the boundary of, in words and as a relation,
        e.g. ``"China prefers supply to restrict: q + rho >= 1"``.
    conditions : int
        How many distinct conditions have this curve (the label names the first).
    separated : int
        Neighbouring cell pairs of different regions it separates on the raster.
    x, y : numpy.ndarray
        Increasing drawing samples over the picture's extent.
    regime : numpy.ndarray
        ``expr`` at ``(x[i], y[j])``, shape ``(len(x), len(y))``; NaN away
        from the cells where the curve separates regions.
    outcome : numpy.ndarray or None
        The same, kept near the cells where it separates outcome statuses;
        None where it separates none (or no outcome was given).  With
        several outcomes, the first one's.
    outcomes : tuple of (numpy.ndarray or None)
        The same per outcome given, in order (one per outcome map).
    """

    expr: sympy.Expr
    label: str
    conditions: int
    separated: int
    x: np.ndarray
    y: np.ndarray
    regime: np.ndarray
    outcome: np.ndarray | None
    outcomes: tuple = ()


@dataclass(frozen=True)
class Boundaries:
    """The curves to draw over a regime map, and what was left out.

    Attributes
    ----------
    curves : tuple of Curve
        Most separating first.
    left_out : int
        Separating curves beyond the cap, not drawn.
    candidates : int
        Distinct curves of all conditions (separating or not).
    notes : tuple of str
        E.g. the mixed analysis stopped by its time budget.
    """

    curves: tuple[Curve, ...]
    left_out: int = 0
    candidates: int = 0
    notes: tuple[str, ...] = ()


def check_boundaries(spec, source: str = "boundaries") -> None:
    """Refuse, before any work, boundaries a sweep cannot have.

    Raises
    ------
    GameFileError
        Naming ``source``: a sequential game, or not a grid over exactly two parameters.
    """
    if isinstance(spec.game, ParametricTree):
        raise GameFileError(source, "", "exact boundaries come from the conditions of normal-form games; "
                                        "a sequential game has none (draw the map without them)")
    axes = getattr(spec.design, "axes", None)
    if axes is None or len(axes) != 2:
        raise GameFileError(source, "", "exact boundaries are drawn on a regime map: they need a grid over "
                                        "two parameters (vary= twice)")


def boundary_curves(
    spec,
    regions: Sequence,
    outcome: Sequence | None = None,
    params: Mapping[str, object] | None = None,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    max_curves: int = MAX_CURVES,
    outcomes: Sequence[Sequence] = (),
) -> Boundaries:
    """The exact condition curves that separate the regions of a two-parameter grid sweep.

    Parameters
    ----------
    spec : SweepSpec
        A grid over two parameters of a normal-form game (see :func:`check_boundaries`).
    regions : sequence
        The region of each grid point (the table's ``support`` column), in table order.
    outcome : sequence, optional
        An outcome's status at each point, for the outcome map.
    outcomes : sequence of sequence, optional
        Instead, several outcomes' statuses, one outcome map each (not
        with ``outcome``).
    params : mapping, optional
        The sweep's fixed values as given (exact: ``"0.35"`` is 7/20);
        parameters not given take their defaults.
    time_budget : float or None
        Seconds for the mixed conditions (used when the sweep searches all
        equilibria; a pure sweep's map has no mixed regions).
    max_curves : int
        At most this many curves are kept.

    Returns
    -------
    Boundaries

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> from gametheory_re.sweeps.run import make_spec, run_spec
    >>> spec = make_spec(load_game("us_china"), ["rho=0:1:11", "q=0.1:1:11"])
    >>> table = run_spec(spec, as_frame=False).table
    >>> found = boundary_curves(spec, table["support"])
    >>> [c.label for c in found.curves][:2]
    ['China prefers supply to restrict: q + rho >= 1', 'China prefers restrict to supply: q + 2*rho <= 1']
    """
    check_boundaries(spec)
    if outcome is not None and len(outcomes):
        raise ValueError("boundary_curves takes outcome= or outcomes=, not both")
    columns = [outcome] if outcome is not None else list(outcomes)
    game = spec.game
    ax, ay = spec.design.axes
    given = {k: v for k, v in (params or {}).items() if k not in (ax.name, ay.name)}
    result = game_conditions(game, given, free=[ax.name, ay.name], outcomes=[], mixed=spec.mode == "all",
                             time_budget=time_budget)
    sx, sy = result.symbol(ax.name), result.symbol(ay.name)
    found = _candidates(result, {sx, sy})
    notes = tuple(n for n in result.notes if "time budget" in n)
    if not found:
        return Boundaries((), 0, 0, notes)
    xv, yv = ax.values(), ay.values()
    shape = (len(xv), len(yv))
    codes = _codes(regions).reshape(shape)
    statuses = [_codes(column).reshape(shape) for column in columns]
    gx, gy = np.meshgrid(xv, yv, indexing="ij")
    values, _ = Compiled([sx, sy], [f for f, _ in found]).evaluate([gx.ravel(), gy.ravel()], gx.size)
    scored = []
    for k, (_, labels) in enumerate(found):
        v = values[k].reshape(shape)
        count, cells = _separating(v, codes)
        if count:
            scored.append((count, labels[0], k, cells, v))
    scored.sort(key=lambda t: (-t[0], t[1]))
    kept = scored[:max_curves]
    fx, cx = _fine(xv, ax.log)
    fy, cy = _fine(yv, ay.log)
    fine_x, fine_y = np.meshgrid(fx, fy, indexing="ij")
    exprs = [found[k][0] for _, _, k, _, _ in kept]
    fine = Compiled([sx, sy], exprs).evaluate([fine_x.ravel(), fine_y.ravel()], fine_x.size)[0] if exprs else []
    curves = []
    for (count, label, k, cells, v), drawn in zip(kept, fine):
        drawn = drawn.reshape(fine_x.shape)
        regime = _near(drawn, cells, cx, cy)
        near = []
        for status in statuses:
            n_out, out_cells = _separating(v, status)
            near.append(_near(drawn, out_cells, cx, cy) if n_out else None)
        x, y, regime, near = _increasing(fx, fy, regime, near)
        curves.append(Curve(found[k][0], label, len(found[k][1]), count, x, y, regime, near[0] if near else None,
                            tuple(near)))
    return Boundaries(tuple(curves), len(scored) - len(kept), len(found), notes)


# ------------------------------------------------------------------ conditions


def _candidates(result, symbols) -> list[tuple[sympy.Expr, list[str]]]:
    """Each distinct curve of the conditions, with the labels of the conditions on it (pure ones first)."""
    curves: dict = {}
    seen = set()

    def add(requirement):
        key = requirement.inequality.key()
        if key in seen:
            return
        seen.add(key)
        words = _words(result.game, requirement)
        for factor, whole in _factors(requirement.inequality.expr, symbols):
            entry = curves.setdefault(_curve_key(factor), (factor, []))
            entry[1].append(f"{words}: {requirement.inequality.relation()}" if whole
                            else f"{words}: boundary {_equation(factor)}")

    for profile in result.pure:
        for region in profile.regions:
            if region.empty is not True:
                for r in region.conditions:
                    add(r)
    for support in result.mixed:
        for case in support.cases:
            if case.region.empty is not True:
                for r in case.region.conditions:
                    add(r)
    return list(curves.values())


def _factors(expr, symbols):
    """The non-constant factors of a condition's numerator and denominator, each flagged
    when it is the whole condition (up to a constant factor)."""
    num, den = sympy.fraction(sympy.together(expr))
    parts = []
    for side in (num, den):
        if not (side.free_symbols & symbols):
            continue
        if sympy.count_ops(side) > FACTOR_MAX_OPS:
            parts.append(side)
            continue
        try:
            parts.extend(f for f, _ in sympy.factor_list(side)[1])
        except (sympy.PolynomialError, sympy.CoercionFailed, NotImplementedError):
            parts.append(side)
    parts = [p for p in parts if p.free_symbols & symbols]
    whole = len(parts) == 1 and not (den.free_symbols & symbols) and sympy.cancel(num / parts[0]).is_number
    return [(p, whole) for p in parts]


def _curve_key(expr):
    """Equal for expressions with the same zero set up to a constant factor."""
    primitive = sympy.expand(expr).as_content_primitive()[1]
    return -primitive if primitive.could_extract_minus_sign() else primitive


def _equation(expr) -> str:
    relation = Inequality(expr).relation()
    return f"{relation.lhs} = {relation.rhs}"


def _player(game, i) -> str:
    name = game.players[i]
    return "the " + name if name.isupper() and len(name) <= 3 else name


def _words(game, r) -> str:
    """Whose condition it is, as ``gtre conditions`` says it."""
    if r.kind == "case":
        return "case of the payoffs"
    strategies = game.strategies[r.player]
    if r.kind == "probability":
        return f"{game.players[r.player]} plays {strategies[r.prefers]} with positive probability"
    over = ", ".join(strategies[t] for t in r.over)
    if r.prefers is None:
        return f"{_player(game, r.player)} gains nothing by {over}"
    return f"{_player(game, r.player)} prefers {strategies[r.prefers]} to {over}"


# ---------------------------------------------------------------------- raster


def _codes(values) -> np.ndarray:
    values = [str(v) for v in np.asarray(values, dtype=object).ravel().tolist()]
    index: dict = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def _separating(values: np.ndarray, codes: np.ndarray) -> tuple[int, np.ndarray]:
    """Neighbouring cell pairs of different codes that the curve ``values = 0`` runs between, and their cells.

    The curve runs between two cells where ``values`` has opposite signs, or
    where it is zero at one of them and has opposite signs on that one's two
    sides (a curve through grid points); a zero the values only touch, or one
    at the edge of the raster, is no crossing.
    """
    sign = np.where(np.isfinite(values), np.sign(values), np.nan)
    cells = np.zeros(codes.shape, dtype=bool)
    count = 0
    for axis in (0, 1):
        if codes.shape[axis] < 2:
            continue
        s = np.moveaxis(sign, axis, 0)
        c = np.moveaxis(codes, axis, 0)
        pad = np.full((1,) + s.shape[1:], np.nan)
        padded = np.concatenate([pad, s, pad])
        before, left, right, after = padded[:-3], padded[1:-2], padded[2:-1], padded[3:]
        crossing = (left * right < 0) | ((left == 0) & (right != 0) & (before == -right)) | (
            (right == 0) & (left != 0) & (after == -left))
        pair = crossing & (c[1:] != c[:-1])
        count += int(pair.sum())
        mark = np.moveaxis(cells, axis, 0)  # a view: marks the cells in place
        mark[1:] |= pair
        mark[:-1] |= pair
    return count, cells


def _fine(values: np.ndarray, log: bool) -> tuple[np.ndarray, np.ndarray]:
    """Drawing samples over the cells (each cell subdivided) and the cell of each sample."""
    n = len(values)
    log = log and n > 1
    k = max(2 if n == 1 else 1, -(-FINE_POINTS // n))
    edges = cell_edges(values, log)
    e = np.log(edges) if log else edges
    t = np.arange(k) / k
    samples = np.append((e[:-1, None] + t[None, :] * np.diff(e)[:, None]).ravel(), e[-1])
    cells = np.minimum(np.arange(len(samples)) // k, n - 1)
    return (np.exp(samples) if log else samples), cells


def _near(drawn: np.ndarray, cells: np.ndarray, cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """``drawn`` kept over the ``cells`` between which the curve separates regions; NaN elsewhere."""
    return np.where(cells[np.ix_(cx, cy)], drawn, np.nan)


def _increasing(fx, fy, regime, outcomes):
    """Samples and values (``outcomes``: a list, items None or arrays) with both axes increasing
    (a decreasing grid axis is drawn increasing)."""
    if fx[0] > fx[-1]:
        fx, regime = fx[::-1], regime[::-1]
        outcomes = [None if o is None else o[::-1] for o in outcomes]
    if fy[0] > fy[-1]:
        fy, regime = fy[::-1], regime[:, ::-1]
        outcomes = [None if o is None else o[:, ::-1] for o in outcomes]
    return fx, fy, regime, outcomes


__all__ = ["FINE_POINTS", "MAX_CURVES", "Boundaries", "Curve", "boundary_curves", "check_boundaries"]
