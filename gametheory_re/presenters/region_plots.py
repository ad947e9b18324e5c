"""The picture of a two-player game with 3 strategies for a player (``gtre solve GAME --plot``): best-response regions.

One panel per player shows that player's mixed strategies: a triangle for
3 strategies (barycentric: each corner is a pure strategy, labelled, and a
point's distance from the opposite side is that strategy's probability),
the segment [0, 1] for 2.  The panel is coloured by the other player's best
response to each mix (one colour per strategy of the other player, by its
index, as in every picture; named in the legend below the panel); the lines
between colours are the mixes where the other player is indifferent.  A
strategy that is a best response only on such a line is drawn as a thick
line of its colour.  Each Nash equilibrium's mix for the player is a white
circle labelled ``E1``, ``E2``, ... in the order ``gtre solve`` prints them;
an equilibrium mixes only over strategies whose regions meet at the other
player's circle.  The regions come computed
(:func:`~gametheory_re.solvers.response_regions.response_regions`).
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib import colors as mcolors
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from ..result import SolveResult
from .learning_plots import STRATEGY_COLOURS
from .plots import save_figure
from .tables import number

#: Picture coordinates of the simplex's corners: strategy 0 bottom left, 1 bottom right, 2 top.
CORNERS = {2: np.array([[0.0, 0.0], [1.0, 0.0]]), 3: np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])}

#: Fill of each region, by the other player's strategy index: the strategy's colour, lightened.
REGION_COLOURS = tuple(tuple(0.55 * np.array(mcolors.to_rgb(c)) + 0.45) for c in STRATEGY_COLOURS)

#: The lines where the other player is indifferent between two strategies.
TIE_COLOUR = "#222222"

_HALO = [patheffects.withStroke(linewidth=3, foreground="white")]


def regions_figure(result: SolveResult, regions, marks) -> Figure:
    """The picture as a matplotlib figure.

    ``regions``: both players' :class:`~gametheory_re.solvers.response_regions.ResponseRegions`;
    ``marks``: for each player, the equilibria grouped by its mix
    (:func:`~gametheory_re.solvers.response_regions.shared_mixes`).
    """
    game = result.game
    fig = Figure(figsize=(11.0, 5.6))
    top = 0.8 if game.parameters else 0.84
    for p in (0, 1):
        ax = fig.add_axes((0.04 + 0.49 * p, 0.2, 0.43, top - 0.2))
        _panel(ax, game, p, regions[p], marks[p])
    title = textwrap.fill(game.title or "The game", 90)
    if game.parameters:
        title += "\n" + textwrap.fill("At " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()), 120)
    fig.suptitle(title, fontsize=11)
    n = len(result.equilibria)
    caption = (f"Each panel: one player's mixed strategies, coloured by the other player's best response to the mix; "
               f"black lines: the other player is indifferent. Circles: the {n} Nash equilibri{'um' if n == 1 else 'a'} "
               f"as gtre solve lists them: ")
    # No line break inside an equilibrium's label.
    caption += "; ".join(f"E{k} {eq.probability_label(game)}".replace(" ", "\u00a0")
                         for k, eq in enumerate(result.equilibria, 1)) + "."
    if not result.complete:
        caption += " The list may be incomplete (see the notes of gtre solve)."
    if not game.parameters:
        caption += " The game has no parameters."
    fig.text(0.5, 0.015, textwrap.fill(caption, 170, break_long_words=False), ha="center", va="bottom", fontsize=7.5, color="#333333")
    return fig


def _panel(ax, game, p: int, regions, marks) -> None:
    other = 1 - p
    names, theirs = game.strategies[p], game.strategies[other]
    corners = CORNERS[len(names)]
    handles = []
    for j, polygon in enumerate(regions.vertices):
        if regions.same_as[j] != j:
            continue
        tied = [theirs[k] for k, first in enumerate(regions.same_as) if first == j]
        label = " = ".join(tied) + (" (tied everywhere)" if len(tied) > 1 else "")
        colour = STRATEGY_COLOURS[j % len(STRATEGY_COLOURS)]
        fill = REGION_COLOURS[j % len(REGION_COLOURS)]
        xy = polygon @ corners
        if len(polygon) == 0:
            handles.append(Patch(facecolor="white", edgecolor="#999999", label=f"{label}: never"))
        elif regions.sizes[j] > 0 and len(names) == 3:
            ax.add_patch(Polygon(xy, closed=True, facecolor=fill, edgecolor=fill, linewidth=0.5, zorder=1))
            handles.append(Patch(facecolor=fill, edgecolor="none", label=label))
        elif regions.sizes[j] > 0:
            ax.plot(xy[:, 0], xy[:, 1], color=fill, linewidth=18, solid_capstyle="butt", zorder=1)
            handles.append(Patch(facecolor=fill, edgecolor="none", label=label))
        elif len(names) == 3:
            ax.plot(xy[:, 0], xy[:, 1], color=colour, linewidth=5, marker="o", markersize=6, zorder=3)
            handles.append(Line2D([], [], color=colour, linewidth=5, label=f"{label}: only where tied"))
        else:
            # A point of the segment: a bar of its colour standing out above and below the band and the tie.
            ax.plot(xy[:, 0], xy[:, 1], linestyle="none", marker="|", markersize=32, markeredgewidth=6, color=colour,
                    zorder=3)
            handles.append(Line2D([], [], linestyle="none", marker="|", markersize=12, markeredgewidth=4, color=colour,
                                  label=f"{label}: only where tied"))
    for _, _, tie in regions.ties:
        xy = tie @ corners
        if len(names) == 3:
            ax.plot(xy[:, 0], xy[:, 1], color=TIE_COLOUR, linewidth=1.4, solid_capstyle="round", zorder=4)
        else:
            ax.plot(xy[:, 0], xy[:, 1], linestyle="none", marker="|", markersize=26, markeredgewidth=1.8,
                    color=TIE_COLOUR, zorder=4)
    if regions.ties:
        handles.append(Line2D([], [], color=TIE_COLOUR, linewidth=1.4, marker=None if len(names) == 3 else "|",
                              markersize=10, linestyle="-" if len(names) == 3 else "none",
                              label=f"{game.players[other]} indifferent"))
    if len(names) == 3:
        ax.plot(*np.vstack([corners, corners[:1]]).T, color="#888888", linewidth=0.8, zorder=0)
        for corner, name, (ha, va, dy) in zip(corners, names, (("right", "top", -0.04), ("left", "top", -0.04),
                                                               ("center", "bottom", 0.045))):
            ax.text(corner[0], corner[1] + dy, name, ha=ha, va=va, fontsize=10, weight="bold")
        ax.set_ylim(-0.12, 0.98)
    else:
        for x, name, ha in ((0.0, names[0], "right"), (1.0, names[1], "left")):
            ax.text(x + (-0.04 if ha == "right" else 0.04), 0.0, name, ha=ha, va="center", fontsize=10, weight="bold")
        for t in (0.0, 0.25, 0.5, 0.75, 1.0):
            ax.text(t, -0.1, f"{t:g}", ha="center", va="top", fontsize=8, color="#555555")
        ax.text(0.5, -0.18, f"probability that {game.players[p]} plays {names[1]}", ha="center", va="top",
                fontsize=9, color="#333333")
        ax.set_ylim(-0.55, 0.55)
    for mix, members in marks:
        x, y = mix @ corners
        ax.plot(x, y, marker="o", markersize=10, markerfacecolor="white", markeredgecolor="black", zorder=5)
        # Beside the circle, away from the nearer side of the picture; above it on the segment.
        right = x < 0.75
        ax.annotate(", ".join(f"E{k + 1}" for k in members), (x, y), xytext=(10 if right else -10, 10 if len(names) == 2 else 0),
                    textcoords="offset points", ha="left" if right else "right", va="bottom" if len(names) == 2 else "center",
                    fontsize=9, weight="bold", zorder=6, path_effects=_HALO)
    ax.set_xlim(-0.22, 1.22)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{game.players[p]}'s mixed strategies", fontsize=10)
    ax.legend(handles=handles, title=f"colour: {game.players[other]}'s best response to {game.players[p]}'s mix",
              fontsize=8, title_fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, 0.0),
              ncol=len(handles) if len(handles) <= 4 else 3, frameon=False)


def draw_regions(result: SolveResult, regions, marks, path, overwrite: bool = False) -> None:
    """Write the picture to ``path`` (``.png``, ``.svg`` or ``.pdf``); arguments as :func:`regions_figure`."""
    save_figure(regions_figure(result, regions, marks), path, overwrite=overwrite)
