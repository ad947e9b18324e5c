"""Pictures of sensitivity sweeps: regime maps, outcome maps and band charts.

A sweep table (see :func:`gametheory_re.sweeps.engine.solve_chunk`) maps
column names to 1-D arrays of equal length: one float column per varied
parameter, ``support`` (the equilibrium set at each point by its supports),
``label`` (the same set with the mixing players' probabilities), optionally
``n_equilibria``, and one status column per outcome with values in
``{"all", "some", "none", "unknown"}``.  The points come from a grid whose
first parameter varies slowest.

Regions are equilibrium **supports**: the probabilities of a mixed
equilibrium change from point to point, so colouring by ``label`` would give
every point of a mixed regime a colour of its own.  The legend lists the
supports, and its title says that regions are supports and, where the table's
labels carry probabilities, that these vary within a region.  A table without
a ``support`` column (written before it existed, when ``label`` was the
support) is grouped by ``label``.

* Two varied parameters give a **regime map**: the first parameter on the
  x axis, the second on the y axis, one colour per equilibrium support,
  hatching (``//``) where several equilibria coexist and black lines along
  the edges between cells of different supports.  With outcomes, an
  **outcome map** per outcome is drawn beside it (two maps a row, at most
  :data:`MAX_OUTCOME_MAPS`): dark green where the outcome holds in every
  equilibrium, orange where it holds in some (equilibrium selection
  matters), light grey where it holds in none, light purple where no
  equilibrium was found (never white: that is the background).
* With ``boundaries`` (``gtre sweep --boundaries``), the exact curves of the
  game's conditions are drawn over the maps where they separate regions,
  each a contour at 0 in its own dark colour and dash on a white halo, and
  named in a legend below the maps; the cell edges are then drawn thin and
  grey so the curves stand out.  The curves come computed
  (:func:`gametheory_re.sweeps.boundaries.boundary_curves`).
* One varied parameter gives a **band chart**: the parameter on the x axis
  and a strip of coloured bands showing which set holds where, plus a strip
  per outcome with its status, named on the left.

Cells are drawn as one image (evenly spaced linear axes) or one mesh
(rasterised in SVG when large), never one patch per cell, so grids of
1001 x 1001 points are quick; hatching and boundaries are merged into a few
rectangles and line segments along cell edges, so they show exactly which
cells differ.  An axis whose values are evenly spaced in logarithm (and not
evenly spaced) is drawn on a log scale; decreasing axes are drawn increasing.
Legends sit below the maps (right of the band chart), long labels wrapped
between equilibria, so they never hide data.

Each support's colour comes from its label alone
(:func:`gametheory_re.presenters.colours.set_colour`: a hash of the label
into a fixed palette), so the same set has the same colour in every map and
band chart of a game, whatever else the picture holds; two sets of one
picture on the same colour are told apart by dots or stripes on the one
that sorts later.  A set covering less than
:data:`~gametheory_re.presenters.colours.MIN_VISIBLE_SHARE` of the cells
(too small to see), or beyond the
:data:`~gametheory_re.presenters.colours.MAX_LEGEND_SETS` largest, is drawn
in a neutral grey and summed in one legend entry, ``other (N sets)``
(:class:`~gametheory_re.presenters.colours.RegionStyle`).  Presenters
compute nothing: the table is drawn as is.

Everything uses the object-oriented :class:`~matplotlib.figure.Figure` API
with the Agg canvas: no pyplot, no global figure registry, no GUI.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping
from operator import itemgetter
from pathlib import Path

import numpy as np
from matplotlib import colors as mcolors
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from ..atomic import check_target, replacing
from ..sweeps.grid import cell_edges
from .colours import MAX_LEGEND_SETS, SEPARATOR, SPECIAL_LABELS, RegionStyle
from .pictures import PICTURE_FORMATS as FORMATS
from .pictures import picture_format, reproducible_metadata
from .tables import number

#: At most this many outcomes are drawn in one picture (a map or a strip each).
MAX_OUTCOME_MAPS = 4

#: Outcome statuses: colour and legend text, in legend order.
OUTCOME_STYLE = {
    "all": ("#1b7837", "in every equilibrium"),
    "some": ("#fdb863", "in some equilibria (selection matters)"),
    "none": ("#d9d9d9", "in no equilibrium"),
    # Not white, which is the background, and not a grey, which is "none".
    "unknown": ("#cab2d6", "unknown (no equilibrium found)"),
}

#: Title of the regime legend: what a region is.
REGIONS_TITLE = "regions: equilibrium supports"

#: Added to it when the labels carry probabilities that differ from the supports.
VARYING_NOTE = "mixed probabilities vary within a region"

#: Title of the regime legend of a table without a ``support`` column.
LABELS_TITLE = "equilibrium set"

#: Styles of exact boundary curves (``--boundaries``): dark colours and distinct dashes,
#: each drawn over a white halo so it shows over any region colour and the cell edges.
CURVE_STYLES = [
    ("black", "-"), ("#8b0000", (0, (6, 2))), ("#00008b", "-."), ("#005000", (0, (1, 1.5))),
    ("black", (0, (6, 2))), ("#8b0000", "-"), ("#00008b", (0, (1, 1.5))), ("#005000", "-."),
]  # fmt: skip

#: Title of the boundary curves' legend.
CURVES_TITLE = "exact boundaries: each curve is where a condition holds with equality, drawn where it separates regions"

_WRAP = 42  # legend text wraps at about this many characters
_RASTER_CELLS = 20_000  # meshes with more cells are rasterised in SVG
_RASTER_PIECES = 20_000  # so are boundary and hatch collections with more pieces


def regime_figure(table, axes, outcome=None, title="", axis_labels=None, boundaries=None) -> Figure:
    """Draw a sweep table as a regime map (2 axes) or a band chart (1 axis).

    Parameters
    ----------
    table : mapping of str to numpy.ndarray
        The sweep table: a 1-D array per column, all of length N, with a
        ``support`` column (regions) and a ``label`` column (or only one of
        them, which then gives the regions), the varied parameters and (if
        ``outcome`` is given) the outcomes' status columns.
    axes : sequence of (str, array_like)
        The varied parameters in order, each with its grid values; the first
        varies slowest, so N must equal the product of the value counts.
    outcome : str or sequence of str, optional
        An outcome column, or several (at most :data:`MAX_OUTCOME_MAPS`), to
        draw beside the regime map, one map each (or below the band chart,
        one strip each): holds in all / some / no equilibria, or unknown.
    title : str, optional
        Title of the whole figure.
    axis_labels : mapping of str to str, optional
        Longer text for a parameter's axis, e.g. ``{"K": "K: annualised cost
        of the allied chain"}``; parameters not listed are labelled by name.
    boundaries : Boundaries, optional
        Exact boundary curves to draw over the maps (two axes only), as
        :func:`gametheory_re.sweeps.boundaries.boundary_curves` gives them:
        each curve's ``label``, drawing samples ``x`` and ``y`` and values
        ``regime`` (and ``outcomes``, one array or None per outcome map, in
        the order of ``outcome``), drawn as the contour at 0 (NaN values are
        not drawn); ``left_out`` curves not drawn and ``notes`` are said in
        the legend's title.

    Returns
    -------
    matplotlib.figure.Figure
        The figure, on an Agg canvas (``fig.canvas.buffer_rgba()`` after
        ``fig.canvas.draw()`` gives the pixels).  With two axes the regime
        map's x axis is the first parameter and its y axis the second;
        ``fig.axes`` are the regime map (or band strip), then one per
        outcome in order.

    Raises
    ------
    ValueError
        More than two varied parameters (or none), more than
        :data:`MAX_OUTCOME_MAPS` outcomes, columns missing or of the wrong
        length, grid values not strictly monotonic, or outcome values other
        than all / some / none / unknown.
    """
    outcomes = [] if outcome is None else [outcome] if isinstance(outcome, str) else [str(o) for o in outcome]
    axes = _check(table, axes, outcomes)
    axis_labels = dict(axis_labels or {})
    shape = tuple(len(v) for _, v in axes)
    regions = _region_column(table)
    codes, names = _factorize(np.asarray(table[regions], dtype=object).ravel())
    style = RegionStyle(names, np.bincount(codes, minlength=len(names)), _legend_title(table, regions))
    statuses = [_outcome_codes(table[o], o).reshape(shape) for o in outcomes]
    codes = codes.reshape(shape)
    for k, (name, values) in enumerate(axes):  # draw decreasing axes increasing
        if len(values) > 1 and values[0] > values[-1]:
            axes[k] = (name, values[::-1])
            codes = np.flip(codes, k)
            statuses = [np.flip(status, k) for status in statuses]

    if boundaries is not None and len(axes) != 2:
        raise ValueError("boundary curves are drawn on a regime map: two varied parameters")
    if len(axes) == 2:
        fig = _map_figure(axes, codes, style, list(zip(outcomes, statuses)), axis_labels, boundaries)
    else:
        fig = _band_figure(axes[0], codes, style, list(zip(outcomes, statuses)), axis_labels)
    if title:
        fig.suptitle(title)
    return fig


def plot_sweep(table, axes, path, outcome=None, title="", axis_labels=None, overwrite=False,
               boundaries=None) -> None:
    """Draw a sweep table (see :func:`regime_figure`) into a PNG, SVG or PDF file.

    Parameters
    ----------
    table, axes, outcome, title, axis_labels, boundaries
        As for :func:`regime_figure`.
    path : str or os.PathLike
        The file to write; its suffix (one of
        :data:`~gametheory_re.presenters.pictures.PICTURE_FORMATS`, any case)
        chooses the format.  The picture is written to a temporary file in
        the same folder and renamed over ``path`` only when complete, so a
        failure leaves any existing file intact and no partial file.
    overwrite : bool
        Replace an existing file at ``path``.

    Raises
    ------
    GameFileError
        The suffix is not a picture format, the file exists and not
        ``overwrite``, or it cannot be written (see
        :func:`~gametheory_re.atomic.replacing`).
    ValueError
        As for :func:`regime_figure`.
    """
    picture_format(path)
    check_target(path, overwrite)
    save_figure(regime_figure(table, axes, outcome=outcome, title=title, axis_labels=axis_labels,
                              boundaries=boundaries), path, overwrite)


def save_figure(fig: Figure, path, overwrite: bool = False) -> None:
    """Write ``fig`` to ``path`` (PNG, SVG or PDF by its suffix) atomically.

    The picture goes to a temporary file in the same folder, renamed over
    ``path`` only when complete, so a failure leaves any existing file
    intact and no partial file.

    Raises
    ------
    GameFileError
        The suffix is not a picture format, the file exists and not
        ``overwrite``, or it cannot be written.
    """
    path = Path(path)
    fmt = picture_format(path)
    check_target(path, overwrite)
    with replacing(path, "wb", overwrite=overwrite) as handle, \
            rc_context({"svg.fonttype": "none", "svg.hashsalt": "gametheory_re"}):
        # Text stays text in SVG (searchable); no date, so output is reproducible.
        fig.savefig(handle, format=fmt, dpi=150, metadata=reproducible_metadata(fmt))


# --------------------------------------------------------------------- checks


def _check(table, axes, outcomes) -> list[tuple[str, np.ndarray]]:
    if isinstance(axes, Mapping):
        axes = list(axes.items())
    axes = [(str(name), np.asarray(values, dtype=float).ravel()) for name, values in axes]
    if len(axes) > 2:
        raise ValueError(
            f"cannot draw a sweep over {len(axes)} parameters ({', '.join(n for n, _ in axes)}): "
            "pictures show 1 or 2 varied parameters; fix the others or vary fewer"
        )
    if not axes:
        raise ValueError("cannot draw a sweep with no varied parameter")
    if len(outcomes) > MAX_OUTCOME_MAPS:
        raise ValueError(f"outcome: {len(outcomes)} outcomes; a picture draws at most {MAX_OUTCOME_MAPS}")
    columns = _columns(table)
    if "support" not in columns and "label" not in columns:
        raise ValueError("the sweep table has no column 'support' (nor 'label')")
    labels = [c for c in ("support", "label") if c in columns]
    needed = labels + [name for name, _ in axes] + list(outcomes)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise ValueError("the sweep table has no column " + ", ".join(repr(c) for c in missing))
    count = int(np.prod([len(v) for _, v in axes]))
    for column in needed:
        if len(table[column]) != count:
            raise ValueError(
                f"column {column!r} has {len(table[column])} values but the grid "
                f"({' x '.join(str(len(v)) for _, v in axes)}) has {count} points"
            )
    for name, values in axes:
        if len(values) == 0 or not np.all(np.isfinite(values)):
            raise ValueError(f"axis {name!r} needs at least one value, all finite")
        steps = np.diff(values)
        if not (np.all(steps > 0) or np.all(steps < 0)):
            raise ValueError(f"the values of axis {name!r} must be strictly increasing or decreasing")
    return axes


def _columns(table):
    """The column names of a table; a structured array (``sweep(..., as_frame=False)``)
    names them in its dtype."""
    return (table.dtype.names or ()) if isinstance(table, np.ndarray) else table


def _region_column(table) -> str:
    """The column whose values are the regions: ``support`` where the table has one."""
    return "support" if "support" in _columns(table) else "label"


def _legend_title(table, regions: str) -> str:
    """What a region is; with labels that carry probabilities, that these vary inside it."""
    if regions != "support":
        return LABELS_TITLE
    if "label" not in _columns(table):
        return REGIONS_TITLE
    supports = np.asarray(table["support"], dtype=object).ravel()
    labels = np.asarray(table["label"], dtype=object).ravel()
    return REGIONS_TITLE + ("\n" + VARYING_NOTE if np.any(supports != labels) else "")


def _factorize(labels: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Integer code per point and the distinct labels, in order of appearance."""
    values = [str(x) for x in labels.tolist()] if labels.dtype != object else labels.tolist()
    names = list(dict.fromkeys(values))
    if not all(isinstance(n, str) for n in names):  # None or numbers in an object column
        values = [str(x) for x in values]
        names = list(dict.fromkeys(values))
    index = {name: k for k, name in enumerate(names)}
    if len(names) == 1:
        return np.zeros(len(values), dtype=np.int64), names
    return np.array(itemgetter(*values)(index), dtype=np.int64).reshape(len(values)), names


def _outcome_codes(values, outcome: str) -> np.ndarray:
    keys = list(OUTCOME_STYLE)
    codes, names = _factorize(np.asarray(values, dtype=object).ravel())
    bad = [n for n in names if n not in OUTCOME_STYLE]
    if bad:
        raise ValueError(
            f"outcome column {outcome!r} has values {', '.join(map(repr, bad))}; expected all, some, none or unknown"
        )
    return np.array([keys.index(n) for n in names], dtype=np.int64)[codes]


# ---------------------------------------------------------------- appearance


def _wrap(label: str, width: int = _WRAP) -> str:
    """Break a long label into lines, preferably between equilibria."""
    lines: list[str] = []
    for piece in label.split(SEPARATOR):
        if lines and len(lines[-1]) + len(SEPARATOR) + len(piece) <= width:
            lines[-1] += SEPARATOR + piece
        else:
            if lines:
                lines[-1] += SEPARATOR.rstrip()
            lines.extend(textwrap.wrap(piece, width, break_long_words=False, break_on_hyphens=False) or [piece])
    return "\n".join(lines)


def _handle(colour, hatch: str = "") -> Patch:
    white = mcolors.to_hex(colour) == "#ffffff"
    return Patch(
        facecolor=colour,
        edgecolor="black" if hatch else ("#808080" if white else colour),
        linewidth=0.6 if white else 0.0,
        hatch=hatch or None,
    )


def _is_log(values: np.ndarray) -> bool:
    """Values evenly spaced in logarithm and not evenly spaced: a log axis."""
    if len(values) < 3 or np.any(values <= 0):
        return False
    steps = np.diff(values)
    if np.allclose(steps, steps[0], rtol=1e-6, atol=0):
        return False
    logs = np.diff(np.log(values))
    return bool(np.allclose(logs, logs[0], rtol=1e-6, atol=0))


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of True along the last axis of a 2-D mask: row, first, one past last."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, stops = np.nonzero(step == -1)
    return rows, starts, stops


def _boundaries(grid: np.ndarray, xe: np.ndarray, ye: np.ndarray) -> np.ndarray:
    """Segments along cell edges where neighbouring cells differ; ``grid[i, j]`` is at x cell i, y cell j."""
    segments = []
    if grid.shape[0] > 1:  # vertical lines between x cells i and i + 1
        i, j0, j1 = _runs(grid[1:, :] != grid[:-1, :])
        x = xe[i + 1]
        segments.append(np.stack([np.stack([x, ye[j0]], -1), np.stack([x, ye[j1]], -1)], 1))
    if grid.shape[1] > 1:  # horizontal lines between y cells j and j + 1
        j, i0, i1 = _runs((grid[:, 1:] != grid[:, :-1]).T)
        y = ye[j + 1]
        segments.append(np.stack([np.stack([xe[i0], y], -1), np.stack([xe[i1], y], -1)], 1))
    return np.concatenate(segments) if segments else np.zeros((0, 2, 2))


def _rectangles(mask: np.ndarray, xe: np.ndarray, ye: np.ndarray) -> np.ndarray:
    """Few rectangles covering exactly the True cells of ``mask[i, j]`` (x cell i, y cell j)."""
    i, j0, j1 = _runs(mask)  # runs along y in each x column
    if len(i) == 0:
        return np.zeros((0, 4, 2))
    order = np.lexsort((i, j1, j0))  # same run in neighbouring columns -> one rectangle
    i, j0, j1 = i[order], j0[order], j1[order]
    new = np.ones(len(i), dtype=bool)
    new[1:] = (j0[1:] != j0[:-1]) | (j1[1:] != j1[:-1]) | (i[1:] != i[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(i)) - 1
    x0, x1 = xe[i[first]], xe[i[last] + 1]
    y0, y1 = ye[j0[first]], ye[j1[first]]
    return np.stack([np.stack(p, -1) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))], 1)


def _draw_cells(ax, grid, colours, xe, ye, log_x, log_y) -> None:
    """Colour cell ``grid[i, j]`` (x cell i, y cell j) with ``colours[grid[i, j]]``.

    Evenly spaced linear axes get an image (fast at any size); otherwise a
    mesh, rasterised in vector output when large.
    """
    if log_x:
        ax.set_xscale("log")
    if log_y:
        ax.set_yscale("log")
    style = {"cmap": mcolors.ListedColormap(colours), "vmin": -0.5, "vmax": len(colours) - 0.5}
    if not (log_x or log_y) and _even(xe) and _even(ye):
        extent = (xe[0], xe[-1], ye[0], ye[-1])
        ax.imshow(grid.T, origin="lower", extent=extent, aspect="auto", interpolation="nearest", **style)
    else:
        mesh = ax.pcolormesh(xe, ye, grid.T, shading="flat", antialiased=False, **style)
        mesh.set_rasterized(grid.size > _RASTER_CELLS)
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])


def _even(edges: np.ndarray) -> bool:
    steps = np.diff(edges)
    return bool(np.allclose(steps, steps[0], rtol=1e-6, atol=0))


def _draw_regimes(ax, codes_grid, style: RegionStyle, xe, ye, log_x, log_y, edges=("black", 1.3)) -> None:
    """Regime cells, each slot's hatching over its cells, region boundaries (black unless ``edges``: colour, width)."""
    slots = style.slot[codes_grid]
    _draw_cells(ax, slots, style.colours, xe, ye, log_x, log_y)
    hatches = np.array(style.hatches, dtype=object)
    for pattern in sorted(set(style.hatches) - {""}):
        rects = _rectangles((hatches == pattern)[slots], xe, ye)
        if len(rects):
            hatch = PolyCollection(rects, facecolors="none", edgecolors="black", linewidths=0.0, hatch=pattern,
                                   zorder=2)
            hatch.set_rasterized(len(rects) > _RASTER_PIECES)
            ax.add_collection(hatch, autolim=False)
    segments = _boundaries(codes_grid, xe, ye)
    if len(segments):
        lines = LineCollection(segments, colors=edges[0], linewidths=edges[1], zorder=3, capstyle="projecting")
        lines.set_rasterized(len(segments) > _RASTER_PIECES)
        ax.add_collection(lines, autolim=False)


def _regime_legend(ax, style: RegionStyle, ncols=None, **kw):
    handles = [_handle(colour, hatch) for _, colour, hatch in style.entries]
    texts = [_wrap(text) for text, _, _ in style.entries]
    ncols = ncols or (1 if len(handles) <= 4 else 2)
    return ax.legend(handles, texts, title=style.title, fontsize=8, title_fontsize=9, ncols=ncols, **kw)


def _outcome_legend(ax, statuses, title: str, **kw):
    """The status colours (unknown only where some of ``statuses`` is unknown), titled ``title``."""
    unknown = any(np.any(status == list(OUTCOME_STYLE).index("unknown")) for status in statuses)
    keys = [k for k in OUTCOME_STYLE if k != "unknown" or unknown]
    handles = [_handle(OUTCOME_STYLE[k][0]) for k in keys]
    texts = [OUTCOME_STYLE[k][1] for k in keys]
    return ax.legend(handles, texts, title=title, fontsize=8, title_fontsize=9, **kw)


def _axis_text(name: str, axis_labels: dict) -> str:
    return axis_labels.get(name, name)


def _single_ticks(ax, values, which: str) -> None:
    """A one-value axis: a single tick at the value."""
    if len(values) == 1:
        getattr(ax, f"set_{which}ticks")([values[0]])


# ------------------------------------------------------------------- figures


def _new_figure(size) -> Figure:
    fig = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _map_figure(axes, grid, style, outcomes, axis_labels, boundaries=None) -> Figure:
    """Regime map of ``grid[i, j]`` (x value i, y value j), an outcome map after it per
    ``(name, status)`` of ``outcomes`` (two maps a row); exact boundary curves over them if ``boundaries``."""
    (xname, xv), (yname, yv) = axes
    log_x, log_y = _is_log(xv), _is_log(yv)
    xe, ye = cell_edges(xv, log_x), cell_edges(yv, log_y)
    ncols = 1 if len(style.entries) <= 4 else 2
    lines = sum(_wrap(t).count("\n") + 1 for t, _, _ in style.entries) + style.title.count("\n")
    columns = 1 if not outcomes else 2
    rows = -(-(1 + len(outcomes)) // columns)
    curves = list(boundaries.curves) if boundaries is not None else []
    curve_texts = [_wrap_words(c.label + (f" (and {c.conditions - 1} more condition{'s' if c.conditions > 2 else ''} on this curve)" if c.conditions > 1 else ""),
                               70 if columns == 2 else 95) for c in curves]
    curve_cols = 2 if columns == 2 and len(curves) > 1 else 1
    extra = 0.0
    if boundaries is not None:
        heights = [t.count("\n") + 1 for t in curve_texts]
        per_col = [sum(heights[k::curve_cols]) for k in range(curve_cols)] or [0]
        extra = 0.6 + 0.15 * max(per_col) + 0.15 * (1 + bool(boundaries.left_out) + len(boundaries.notes))
    height = 5.0 + 0.16 * max(-(-lines // ncols), 4) + 5.2 * (rows - 1) + extra
    fig = _new_figure((7.0 * columns, height))
    panels = list(fig.subplots(rows, columns, squeeze=False).ravel())
    for spare in panels[1 + len(outcomes):]:
        fig.delaxes(spare)

    ax = panels[0]
    _draw_regimes(ax, grid, style, xe, ye, log_x, log_y, edges=("black", 1.3) if not curves else ("#505050", 0.6))
    ax.set_title("Regime map: which equilibria exist" + (" (hatched = several)" if style.several else ""))
    outcome_axes = panels[1:1 + len(outcomes)]
    for ax2, (name, status) in zip(outcome_axes, outcomes):
        _draw_cells(ax2, status, [c for c, _ in OUTCOME_STYLE.values()], xe, ye, log_x, log_y)
        ax2.set_title(f"Outcome map of '{name}' (robust / fragile / absent)")
    for k, a in enumerate([ax, *outcome_axes]):
        a.set_xlabel(_axis_text(xname, axis_labels))
        if k % columns == 0 or len(outcomes) == 1:
            a.set_ylabel(_axis_text(yname, axis_labels))
        _single_ticks(a, xv, "x")
        _single_ticks(a, yv, "y")

    _regime_legend(ax, style, **_below(ax))
    for ax2, (name, status) in zip(outcome_axes, outcomes):
        _outcome_legend(ax2, [status], f"'{name}'", **_below(ax2))
    if boundaries is not None:
        _draw_curves(ax, curves, lambda c: c.regime)
        for k, ax2 in enumerate(outcome_axes):
            _draw_curves(ax2, curves, lambda c, k=k: c.outcomes[k] if k < len(c.outcomes) else None)
        _curves_legend(fig, boundaries, curve_texts, curve_cols)
    return fig


def _curve_style(k: int) -> dict:
    colour, dashes = CURVE_STYLES[k % len(CURVE_STYLES)]
    return {"color": colour, "linestyle": dashes, "linewidth": 1.8}


_HALO = [patheffects.withStroke(linewidth=3.4, foreground="white")]


def _draw_curves(ax, curves, values_of) -> None:
    """Each curve's contour at 0 (of ``values_of(curve)``: its values for this map, or None), in its style."""
    for k, curve in enumerate(curves):
        values = values_of(curve)
        if values is None or not np.isfinite(values).any():
            continue
        values = np.ma.masked_invalid(np.asarray(values, dtype=float))
        if values.min() > 0 or values.max() < 0:  # no zero in what is kept
            continue
        style = _curve_style(k)
        contours = ax.contour(np.asarray(curve.x, dtype=float), np.asarray(curve.y, dtype=float), values.T,
                              levels=[0.0], colors=[style["color"]], linestyles=[style["linestyle"]],
                              linewidths=[style["linewidth"]], zorder=4)
        # matplotlib 3.8+ draws a contour set as one artist; 3.7 (the floor) as a list of collections.
        for artist in [contours] if hasattr(contours, "set_path_effects") else contours.collections:
            artist.set_path_effects(_HALO)


def _curves_legend(fig, boundaries, texts, ncols: int) -> None:
    """The curves' legend below everything: each curve's condition, and how many were left out."""
    title = [CURVES_TITLE]
    if boundaries.left_out:
        title.append(f"{boundaries.left_out} more separating curve{'s' if boundaries.left_out > 1 else ''} "
                     "not drawn (the ones separating fewest cells)")
    if not boundaries.curves:
        title.append("no condition's curve separates regions on this grid")
    title.extend(boundaries.notes)
    title = "\n".join(_wrap_words(t, 120) for t in title)
    handles = [Line2D([], [], path_effects=_HALO, **_curve_style(k)) for k in range(len(texts))]
    fig.legend(handles, texts, loc="outside lower center", ncols=ncols, title=title, fontsize=8, title_fontsize=8.5,
               handlelength=3.2)


def _wrap_words(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text])


def _below(ax) -> dict:
    """Legend placement under an axes' x label, whatever size the axes ends up."""
    renderer = ax.figure.canvas.get_renderer()
    drop = ax.get_window_extent(renderer).y0 - ax.xaxis.get_tightbbox(renderer).y0  # pixels, size-independent
    shift = ScaledTranslation(0, -(drop / ax.figure.dpi + 0.08), ax.figure.dpi_scale_trans)
    return {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0), "bbox_transform": ax.transAxes + shift,
            "borderaxespad": 0.0}  # fmt: skip


def _band_figure(axis, codes, style, outcomes, axis_labels) -> Figure:
    """Band chart: a strip of equilibrium sets along one axis, below it a strip per ``(name, status)`` of ``outcomes``;
    the legends right of the strips, the sets' at the top and the statuses' at the bottom."""
    name, values = axis
    log_x = _is_log(values)
    xe, ye = cell_edges(values, log_x), np.array([0.0, 1.0])
    strips = 1 + len(outcomes)
    texts = [_wrap(t) for t, _, _ in style.entries]
    legend_lines = sum(t.count("\n") + 1 for t in texts) + style.title.count("\n") + len(texts) / 2
    if outcomes:
        legend_lines += len(OUTCOME_STYLE) * 1.5 + 2
    fig = _new_figure((10.0, max(1.2 + 1.1 * strips, 1.4 + 0.17 * legend_lines)))
    axs = fig.subplots(strips, 1, sharex=True, squeeze=False)[:, 0]

    ax = axs[0]
    _draw_regimes(ax, codes.reshape(-1, 1), style, xe, ye, log_x, False)
    ax.set_yticks([0.5], ["equilibria"])
    title = "Which equilibria exist along " + name + (" (hatched = several)" if style.several else "")
    ax.set_title(title)
    _regime_legend(fig, style, ncols=1, loc="outside right upper")

    for ax2, (outcome, status) in zip(axs[1:], outcomes):
        _draw_cells(ax2, status.reshape(-1, 1), [c for c, _ in OUTCOME_STYLE.values()], xe, ye, log_x, False)
        bounds = _boundaries(status.reshape(-1, 1), xe, ye)
        if len(bounds):
            ax2.add_collection(LineCollection(bounds, colors="black", linewidths=0.8, zorder=3), autolim=False)
        ax2.set_yticks([0.5], [outcome])
    if outcomes:  # one legend for every outcome strip
        title = f"'{outcomes[0][0]}'" if len(outcomes) == 1 else "outcomes (one strip each)"
        _outcome_legend(fig, [status for _, status in outcomes], title, loc="outside right lower")

    axs[-1].set_xlabel(_axis_text(name, axis_labels))
    _single_ticks(axs[-1], values, "x")
    return fig


def drawn_outcomes(spec) -> list[str]:
    """The outcomes :func:`draw_sweep` draws: the sweep's (every outcome of the game unless
    some were named), the first :data:`MAX_OUTCOME_MAPS` of them."""
    return list(spec.outcomes[:MAX_OUTCOME_MAPS])


def plot_columns(spec) -> list[str]:
    """The columns of a sweep table that :func:`draw_sweep` needs (the rest need not be kept):
    ``support`` for the regions, ``label`` to tell whether probabilities vary in them, the
    :func:`drawn_outcomes`."""
    return [*spec.design.names, "label", "support", *drawn_outcomes(spec)]


def _axis_label(parameter) -> str:
    """``K [normalised cost per year]: chain cost``: the name, its unit, its description (wrapped to fit a map's side)."""
    text = parameter.name + (f" [{parameter.unit}]" if parameter.unit else "")
    return textwrap.fill(f"{text}: {parameter.description}" if parameter.description else text, 60)


def _fixed_text(game, fixed) -> str:
    """What the other parameters are held at: the defaults, and the values that differ from them."""
    changed = [f"{name}={number(value)}" for name, value in fixed.items()
               if name in game.parameters and value != float(game.parameters[name].default)]
    return "other parameters at the game's defaults" + (" except " + ", ".join(changed) if changed else "")


def sweep_figure(spec, table, boundaries=None) -> Figure:
    """The picture of :func:`draw_sweep` as a matplotlib figure, not written anywhere."""
    game = spec.game
    axes = [(a.name, a.values()) for a in spec.design.axes]
    labels = {a.name: _axis_label(game.parameters[a.name]) for a in spec.design.axes}
    outcomes = drawn_outcomes(spec)
    title = game.title + "\n" + _fixed_text(game, spec.fixed)
    if spec.is_dynamic:
        title += f"\nthe play at period {spec.n_periods} of a simulation from each point"
    if len(spec.outcomes) > len(outcomes):
        title += (f"\nthe first {len(outcomes)} of {len(spec.outcomes)} outcomes drawn "
                  "(choose with --outcome, outcomes= in Python)")
    return regime_figure(table, axes, outcome=outcomes, title=title, axis_labels=labels, boundaries=boundaries)


def draw_sweep(spec, table, path, overwrite: bool = False, boundaries=None) -> None:
    """Band chart (1 axis) or regime and outcome maps (2 axes) of a grid sweep, written to ``path``.

    Parameters
    ----------
    spec : SweepSpec
        The sweep's settings: a grid over 1 or 2 parameters.
    table
        Its table, with at least the :func:`plot_columns`.
    path, overwrite, boundaries
        As for :func:`plot_sweep`; the boundaries' ``outcomes`` follow
        :func:`drawn_outcomes`.

    Notes
    -----
    Every outcome of the sweep is drawn, one map (or strip) each, up to
    :data:`MAX_OUTCOME_MAPS`; with more, the first are drawn and the title
    says how many were left out and how to choose.
    """
    picture_format(path)
    check_target(path, overwrite)
    save_figure(sweep_figure(spec, table, boundaries), path, overwrite=overwrite)


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """``fig`` as PNG bytes (for pages that carry their pictures inline), without a date, so reproducible."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata=reproducible_metadata("png"))
    return buffer.getvalue()


__all__ = ["CURVES_TITLE", "CURVE_STYLES", "FORMATS", "LABELS_TITLE", "MAX_LEGEND_SETS", "MAX_OUTCOME_MAPS", "OUTCOME_STYLE",
           "REGIONS_TITLE", "SPECIAL_LABELS", "VARYING_NOTE", "draw_sweep", "drawn_outcomes", "figure_png", "plot_columns",
           "plot_sweep", "regime_figure", "save_figure", "sweep_figure"]
