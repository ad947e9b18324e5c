"""The bar chart of a sensitivity study (``gtre sensitivity --plot``).

Parameters run top to bottom from the most influential; Sobol's ``S1``
(main effect) and ``ST`` (total effect, interactions included) sit side by
side in fixed colours, each with its confidence interval, so a gap between
the two bars is at a glance the part a parameter plays through
interactions.  The title is the quantity; below it the method, the runs
and the fixed parameters.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..gsa.result import SensitivityResult
from .plots import save_figure
from .sensitivity import METHOD_NAMES

#: Bar colours, the same in every chart: main effect, total effect.
S1_COLOUR, ST_COLOUR = "#1f77b4", "#ff7f0e"

#: Bars per method: (column, legend, colour, interval column or None, whiskers (low, high) or None).
BARS = {
    "sobol": (("S1", "S1: main effect", S1_COLOUR, "S1_conf", None),
              ("ST", "ST: total effect (with interactions)", ST_COLOUR, "ST_conf", None)),
    "rbd-fast": (("S1", "S1: main effect", S1_COLOUR, "S1_conf", None),),
    "pawn": (("median", "median over slices (whiskers: min to max)", S1_COLOUR, None, ("minimum", "maximum")),),
    "filtering": (("KS", "KS: holds vs does not", S1_COLOUR, None, None),),
}

#: What the horizontal axis measures, per method.
AXIS_LABELS = {
    "sobol": "share of the quantity's variance (Sobol index)",
    "rbd-fast": "share of the quantity's variance (first-order index)",
    "pawn": "Kolmogorov-Smirnov statistic (0: no effect, 1: decides it)",
    "filtering": "Kolmogorov-Smirnov statistic between the two groups (0 to 1)",
}


def sensitivity_figure(result: SensitivityResult) -> Figure:
    """The bar chart as a matplotlib figure (for notebooks)."""
    frame = result.indices
    names = [str(n) for n in frame.index]
    bars = BARS[result.method]
    fig = Figure(figsize=(8.5, 1.9 + 0.32 * len(names) * len(bars)))
    ax = fig.add_subplot()
    y = np.arange(len(names))
    height = 0.8 / len(bars)
    for k, (column, legend, colour, conf, whiskers) in enumerate(bars):
        values = np.nan_to_num(frame[column].to_numpy(dtype=float))
        where = y - 0.4 + height * (k + 0.5)
        xerr = None
        if conf is not None:
            xerr = np.nan_to_num(frame[conf].to_numpy(dtype=float))
        elif whiskers is not None:
            low, high = (np.nan_to_num(frame[c].to_numpy(dtype=float)) for c in whiskers)
            xerr = np.vstack([values - low, high - values])
        ax.barh(where, values, height=height * 0.92, color=colour, label=legend, xerr=xerr,
                error_kw={"ecolor": "#333333", "capsize": 2, "elinewidth": 0.9})
    ax.set_yticks(y, names)
    ax.set_ylim(len(names) - 0.5, -0.5)  # most influential on top
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.set_xlabel(AXIS_LABELS[result.method])
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", fontsize="small", frameon=True)
    ax.set_title(textwrap.fill(result.quantity, 80), fontsize="medium", loc="left")
    caption = textwrap.fill(_caption(result), 130)
    fig.text(0.01, 0.01, caption, fontsize="x-small", va="bottom", color="#444444")
    # Room below the axes for the caption: about 0.16 inch per line of it.
    bottom = (0.1 + 0.14 * (caption.count("\n") + 1)) / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


def _caption(result: SensitivityResult) -> str:
    problem = result.problem
    if problem.fixed is None:
        fixed = "fixed: as in the sweep that wrote the table"
    else:
        fixed = "fixed: " + (", ".join(f"{k} = {v:g}" for k, v in problem.fixed.items()) or "nothing")
    interval = ""
    if "conf_level" in result.settings and result.method in ("sobol", "rbd-fast"):
        interval = f"; bars: {100 * result.settings['conf_level']:g}% bootstrap intervals"
    return (f"{result.game}. {METHOD_NAMES[result.method]}, {result.used} of {result.runs} runs used{interval}; "
            f"{len(problem.names)} parameters varied uniformly over their ranges; {fixed}")


def draw_sensitivity(result: SensitivityResult, path, overwrite: bool = False) -> None:
    """Draw the bar chart to a PNG, SVG or PDF file (atomically; see :func:`~gametheory_re.presenters.plots.save_figure`)."""
    save_figure(sensitivity_figure(result), path, overwrite)


__all__ = ["AXIS_LABELS", "BARS", "draw_sensitivity", "sensitivity_figure"]
