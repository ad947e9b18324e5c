"""The picture of the logit QRE branch (``gtre solve --qre --plot``).

One panel per player: the probability of each of its strategies along the
principal branch, against the precision λ on a log axis (the branch starts
at uniform play at λ = 0, left of the axis).  Strategy colours are fixed by
the strategy's index, as in the learning pictures; dashed grey lines mark
bifurcations crossed; the markers at the right edge are the limit the
branch selects.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..solvers.qre import LogitBranch
from .learning_plots import STRATEGY_COLOURS
from .plots import save_figure
from .qre import limit_label
from .tables import number


def qre_figure(branch: LogitBranch) -> Figure:
    """The picture as a matplotlib figure (for notebooks)."""
    players, strategies = branch.names()
    n = len(players)
    fig = Figure(figsize=(4.6 * n, 4.2))
    positive = branch.lambdas > 0
    lambdas = branch.lambdas[positive]
    for p, player in enumerate(players):
        ax = fig.add_subplot(1, n, p + 1)
        path = branch.split(branch.profiles[positive].T)
        for k, name in enumerate(strategies[p]):
            colour = STRATEGY_COLOURS[k % len(STRATEGY_COLOURS)]
            ax.plot(lambdas, path[p][k], color=colour, label=name, linewidth=1.5)
            if branch.limit is not None and len(lambdas):
                ax.plot(lambdas[-1], branch.split(branch.limit)[p][k], marker="s", color=colour, markersize=5)
        for lam in branch.bifurcations:
            ax.axvline(lam, color="#888888", linestyle="--", linewidth=0.9)
        if len(lambdas):
            ax.set_xscale("log")
        ax.set_ylim(-0.03, 1.03)
        ax.set_xlabel("precision λ (per payoff unit, log scale)")
        ax.set_ylabel("probability")
        ax.set_title(player, fontsize=10)
        ax.grid(True, color="#e5e5e5", linewidth=0.6)
        ax.legend(fontsize=8, loc="best")
    game = branch.game
    title = game.title if game is not None and game.title else ""
    fig.suptitle(textwrap.fill(f"Logit QRE, principal branch: {title}", 100), fontsize=11)
    ends = (f"selects {limit_label(branch)}" if branch.limit is not None else "stops short of an equilibrium")
    caption = f"Uniform play at λ = 0; the branch {ends} (squares)"
    if branch.bifurcations:
        caption += "; dashed: bifurcations crossed (non-generic game: the limit depends on the branch taken)"
    if game is not None and game.parameters:
        caption += ". At " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items())
    fig.text(0.5, 0.01, textwrap.fill(caption, 150), ha="center", va="bottom", fontsize=7, color="#333333")
    fig.subplots_adjust(top=0.85, bottom=0.25, wspace=0.3)
    return fig


def draw_qre(branch: LogitBranch, path, overwrite: bool = False) -> None:
    """Write the picture of ``branch`` to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    save_figure(qre_figure(branch), path, overwrite=overwrite)
