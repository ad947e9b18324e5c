"""The textbook picture of a 2×2 game (``gtre solve GAME --plot``): both best-response correspondences.

The unit square holds every mixed profile: horizontally the probability that
the second player plays its first strategy, vertically the first player's.
Each player's best response to the other's mix is drawn as a line (its
colour fixed by the player's index); the equilibria are where the two lines
meet, marked and labelled.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from ..result import SolveResult
from .plots import save_figure
from .tables import number

#: Colour of each player's curve, by index.
PLAYER_COLOURS = ("#1f77b4", "#d62728")


def response_figure(result: SolveResult, curves) -> Figure:
    """The picture as a matplotlib figure; ``curves`` from :func:`~gametheory_re.solvers.best_response.response_curves`."""
    game = result.game
    fig = Figure(figsize=(6.0, 6.4))
    ax = fig.add_axes((0.14, 0.2, 0.78, 0.68))
    widths = (3.2, 2.0)
    for p, (curve, colour) in enumerate(zip(curves, PLAYER_COLOURS)):
        ax.plot(curve[:, 0], curve[:, 1], color=colour, linewidth=widths[p], solid_capstyle="round",
                label=f"{game.players[p]}'s best response", zorder=2 + p)
    for k, eq in enumerate(result.equilibria, 1):
        q, p = float(eq.profile[1][0]), float(eq.profile[0][0])
        ax.plot(q, p, marker="o", markersize=10, markerfacecolor="white", markeredgecolor="black", zorder=5)
        ax.annotate(f"{k}: {eq.probability_label(game)}", (q, p), xytext=(8 if q < 0.6 else -8, 8 if p < 0.8 else -14),
                    textcoords="offset points", ha="left" if q < 0.6 else "right", fontsize=8, zorder=6)
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(-0.04, 1.04)
    ax.set_aspect("equal")
    ax.set_xlabel(f"probability that {game.players[1]} plays {game.strategies[1][0]} "
                  f"(0: {game.strategies[1][1]})")
    ax.set_ylabel(f"probability that {game.players[0]} plays {game.strategies[0][0]} "
                  f"(0: {game.strategies[0][1]})")
    ax.grid(True, color="#e5e5e5", linewidth=0.6)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    fig.suptitle(textwrap.fill(game.title or "The game", 60), fontsize=11)
    n = len(result.equilibria)
    caption = f"Circles: the {n} Nash equilibri{'um' if n == 1 else 'a'}, where the best responses meet. "
    caption += ("At " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items())
                if game.parameters else "The game has no parameters.")
    fig.text(0.5, 0.015, textwrap.fill(caption, 95), ha="center", va="bottom", fontsize=7, color="#333333")
    return fig


def draw_responses(result: SolveResult, curves, path, overwrite: bool = False) -> None:
    """Write the picture to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    save_figure(response_figure(result, curves), path, overwrite=overwrite)
