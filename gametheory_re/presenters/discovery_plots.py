"""The pictures of a scenario discovery (``gtre discover --plot``).

PRIM: the trade-off curve (coverage against density, one point per step of
the peeling and pasting trajectory, coloured by the number of restricted
dimensions, the box reported ringed) beside the box limits (each restricted
dimension a bar over its range scaled to [0, 1], the numeric bounds and the
quasi-p-value written).  Trees: each leaf a bar of its purity, as wide as
its support, labelled by its rule.  The title is the quantity; below it the
runs and the fixed parameters.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..discovery.result import DiscoveryResult
from .discovery import rule_text
from .plots import save_figure

#: Colours: the box's bars, the leaves where the outcome holds and where it fails.
BOX_COLOUR, HOLDS_COLOUR, FAILS_COLOUR = "#1f77b4", "#2ca02c", "#bbbbbb"


def discovery_figure(result: DiscoveryResult) -> Figure:
    """The picture as a matplotlib figure (for notebooks)."""
    if result.box is not None:
        fig = Figure(figsize=(12, 4.8))
        tradeoff, limits = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.2]})
        _tradeoff(tradeoff, result)
        _limits(limits, result)
    elif result.rules:
        fig = Figure(figsize=(11, 1.8 + 0.45 * len(result.rules)))
        _rules(fig.add_subplot(), result)
    else:
        fig = Figure(figsize=(8, 2.5))
        ax = fig.add_subplot()
        ax.axis("off")
        ax.text(0.5, 0.5, textwrap.fill(" ".join(result.notes) or "nothing found", 80), ha="center", va="center")
    fig.suptitle(textwrap.fill(result.quantity, 100), fontsize="medium", x=0.01, ha="left")
    caption = textwrap.fill(_caption(result), 150)
    fig.text(0.01, 0.01, caption, fontsize="x-small", va="bottom", color="#444444")
    bottom = (0.1 + 0.14 * (caption.count("\n") + 1)) / fig.get_figheight()
    fig.tight_layout(rect=(0, bottom, 1, 0.95))
    return fig


def _tradeoff(ax, result: DiscoveryResult) -> None:
    coverage = np.array([b.coverage for b in result.boxes])
    density = np.array([b.density for b in result.boxes])
    restricted = np.array([len(b.limits) for b in result.boxes])
    points = ax.scatter(coverage, density, c=restricted, cmap="viridis", s=18, zorder=3)
    ax.plot(coverage, density, color="#cccccc", linewidth=0.8, zorder=2)
    box = result.box
    ax.scatter([box.coverage], [box.density], s=160, facecolors="none", edgecolors="#d62728", linewidths=1.6,
               zorder=4, label=f"box reported (step {box.index})")
    if "threshold" in result.settings:
        ax.axhline(result.settings["threshold"], color="#d62728", linewidth=0.8, linestyle="--",
                   label=f"density threshold {result.settings['threshold']:g}")
    colourbar = ax.figure.colorbar(points, ax=ax, ticks=range(int(restricted.max()) + 1))
    colourbar.set_label("restricted dimensions")
    ax.set_xlabel("coverage (share of the cases inside the box)")
    ax.set_ylabel("density (share of the box that are cases)")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.grid(color="#eeeeee", linewidth=0.6)
    ax.legend(loc="lower left", fontsize="small")
    ax.set_title("Trade-off: peeling and pasting trajectory", fontsize="small", loc="left")


def _limits(ax, result: DiscoveryResult) -> None:
    box = result.box
    limits = box.limits
    y = np.arange(len(limits))
    for i, limit in enumerate(limits):
        span = limit.range_high - limit.range_low
        low, high = (limit.low - limit.range_low) / span, (limit.high - limit.range_low) / span
        ax.barh(i, 1, color="#eeeeee", height=0.6)
        ax.barh(i, high - low, left=low, color=BOX_COLOUR, height=0.6)
        ax.text(low, i + 0.42, f"{limit.low:.3g}", ha="left", va="center", fontsize="x-small")
        ax.text(high, i + 0.42, f"{limit.high:.3g}", ha="right", va="center", fontsize="x-small")
        qp = "" if limit.qp != limit.qp else f"qp {limit.qp:.1g}"
        ax.text(1.02, i, qp, ha="left", va="center", fontsize="x-small")
    ax.set_yticks(y, [f"{l.name} [{l.range_low:g}, {l.range_high:g}]" for l in limits])
    ax.set_ylim(len(limits) - 0.4, -0.6)
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.5, 1], ["low end", "middle", "high end"])
    ax.set_title(f"Box limits within each range: coverage {box.coverage:.2f}, density {box.density:.2f}, "
                 f"mass {box.mass:.2f}", fontsize="small", loc="left")
    if not limits:
        ax.text(0.5, 0, "no dimension restricted", ha="center")


def _rules(ax, result: DiscoveryResult) -> None:
    rules = result.rules
    y = np.arange(len(rules))
    colours = [HOLDS_COLOUR if r.holds else FAILS_COLOUR for r in rules]
    ax.barh(y, [r.purity for r in rules], height=[0.2 + 0.7 * r.support / max(x.support for x in rules)
                                                  for r in rules], color=colours)
    for i, rule in enumerate(rules):
        ax.text(1.01, i, f"support {rule.support:.2f}, purity {rule.purity:.2f}", va="center", fontsize="x-small")
    ax.set_yticks(y, [textwrap.fill(rule_text(r.conditions), 60) for r in rules], fontsize="small")
    ax.set_ylim(len(rules) - 0.5, -0.5)
    ax.set_xlim(0, 1.3)
    ax.axvline(0.5, color="#888888", linewidth=0.8, linestyle="--")
    ax.set_xlabel("purity (share of the leaf's runs where it holds); bar height: support")
    ax.set_title("Decision-tree rules, the leaves where it holds (green) first", fontsize="small", loc="left")


def _caption(result: DiscoveryResult) -> str:
    problem = result.problem
    if problem.fixed is None:
        fixed = "fixed: as in the sweep that wrote the table"
    else:
        fixed = "fixed: " + (", ".join(f"{k} = {v:g}" for k, v in problem.fixed.items()) or "nothing")
    return (f"{result.game}. {result.used} of {result.runs} runs used; {len(problem.names)} parameters varied "
            f"({', '.join(problem.names)}); {fixed}")


def draw_discovery(result: DiscoveryResult, path, overwrite: bool = False) -> None:
    """Draw the picture to a PNG, SVG or PDF file (atomically; see :func:`~gametheory_re.presenters.plots.save_figure`)."""
    save_figure(discovery_figure(result), path, overwrite)


__all__ = ["discovery_figure", "draw_discovery"]
