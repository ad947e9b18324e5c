"""The picture of a learning trajectory (``gtre learn --plot``).

One panel per player: a player with 3 strategies gets the simplex (a
triangle whose corners are its pure strategies; the path runs from a
circle at the start to a square at the end), any other the probability of
each strategy over the iterations.  Strategy colours are fixed by the
strategy's index, the same in every picture.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..learning.result import LearningResult
from .learning import RULE_WORDS, _names
from .plots import save_figure

#: Colour of each strategy, by its index.
STRATEGY_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")

#: Corners of the simplex: strategy 0 bottom left, 1 bottom right, 2 top.
_CORNERS = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])


def learning_figure(result: LearningResult) -> Figure:
    """The picture as a matplotlib figure (for notebooks)."""
    players, strategies = _names(result)
    n = len(players)
    fig = Figure(figsize=(4.6 * n, 4.4))
    unit = "time" if result.rule == "replicator" else "iteration"
    for p, player in enumerate(players):
        ax = fig.add_subplot(1, n, p + 1)
        path = result.player_path(p)
        if path.shape[1] == 3:
            _simplex(ax, path, strategies[p])
        else:
            for k, name in enumerate(strategies[p]):
                ax.plot(result.times, path[:, k], color=STRATEGY_COLOURS[k % len(STRATEGY_COLOURS)], label=name,
                        linewidth=1.5)
            ax.set_ylim(-0.03, 1.03)
            ax.set_xlabel(unit)
            ax.set_ylabel("probability" if result.rule not in ("fictitious-play", "stochastic-fictitious-play")
                          else "empirical frequency")
            ax.legend(fontsize=8, loc="best")
            ax.grid(True, color="#e5e5e5", linewidth=0.6)
        ax.set_title(player, fontsize=10)
    title = result.game.title if result.game is not None and result.game.title else ""
    verdict = "ends at an equilibrium" if result.is_nash else "does not end at an equilibrium"
    fig.suptitle(textwrap.fill(f"{RULE_WORDS[result.rule]}: {title}", 100), fontsize=11)
    steps = f"{len(result.trajectory) - 1} time steps to t = {result.times[-1]:g}" if unit == "time" else f"{len(result.trajectory) - 1} iterations"
    fig.text(0.5, 0.01, f"{steps}; {verdict} (largest regret {result.max_regret:.3g}, "
                        f"tol {result.tol:.3g})", ha="center", fontsize=8, color="#333333")
    fig.subplots_adjust(top=0.85, bottom=0.16, wspace=0.3)
    return fig


def _simplex(ax, path: np.ndarray, names) -> None:
    xy = path @ _CORNERS
    ax.plot(*np.vstack([_CORNERS, _CORNERS[:1]]).T, color="#888888", linewidth=0.8)
    ax.plot(xy[:, 0], xy[:, 1], color="#1f77b4", linewidth=1.4)
    ax.plot(*xy[0], marker="o", color="#1f77b4", markersize=6, label="start")
    ax.plot(*xy[-1], marker="s", color="#d62728", markersize=6, label="end")
    for corner, name, align in zip(_CORNERS, names, (("right", "top"), ("left", "top"), ("center", "bottom"))):
        ax.text(corner[0], corner[1] + (-0.03 if align[1] == "top" else 0.03), name, ha=align[0], va=align[1], fontsize=9)
    ax.set_xlim(-0.15, 1.15)
    ax.set_ylim(-0.12, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.legend(fontsize=8, loc="upper right")


def draw_learning(result: LearningResult, path, overwrite: bool = False) -> None:
    """Write the picture of ``result`` to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    save_figure(learning_figure(result), path, overwrite=overwrite)
