"""The best-response regions picture draws what the solver computed: regions in their legend colours, ties,
equilibria labelled as the text lists them, and the game and its parameters."""

import matplotlib.colors as mcolors
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

import gametheory_re as gt
from gametheory_re.presenters.region_plots import CORNERS, REGION_COLOURS, TIE_COLOUR, regions_figure
from gametheory_re.solvers.response_regions import response_regions, shared_mixes

THREE_TWO = """
[game]
title = "Safe option"

[parameters.c]
default = 1.3

[[players]]
name = "Row"
strategies = ["top", "middle", "bottom"]

[[players]]
name = "Column"
strategies = ["left", "right"]

[payoffs.table]
"top, left"      = ["3", "2"]
"top, right"     = ["0", "0"]
"middle, left"   = ["0", "0"]
"middle, right"  = ["2", "1"]
"bottom, left"   = ["c", "0.4"]
"bottom, right"  = ["c", "0.6"]
"""


def figure(game, params=None):
    result = gt.solve(game, params)
    payoffs = result.game.payoffs
    regions = tuple(response_regions(payoffs, p, result.tol) for p in (0, 1))
    marks = tuple(shared_mixes([e.profile for e in result.equilibria], p, 1e-9) for p in (0, 1))
    return result, regions, regions_figure(result, regions, marks)


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def caption(fig):
    return " ".join(t.get_text().replace("\u00a0", " ") for t in fig.texts)


def test_rock_paper_scissors_has_two_triangles_coloured_by_the_other_players_strategy():
    result, regions, fig = figure("rock_paper_scissors")
    assert fig._suptitle.get_text() == "Rock-paper-scissors"
    assert [ax.get_title() for ax in fig.axes] == ["Row's mixed strategies", "Column's mixed strategies"]
    for p, ax in enumerate(fig.axes):
        other = result.game.players[1 - p]
        assert legend_texts(ax) == ["rock", "paper", "scissors", f"{other} indifferent"]
        assert ax.get_legend().get_title().get_text() == f"colour: {other}'s best response to {result.game.players[p]}'s mix"
        polygons = [a for a in ax.patches if isinstance(a, Polygon)]
        assert len(polygons) == 3
        for j, polygon in enumerate(polygons):
            np.testing.assert_allclose(polygon.get_xy()[:-1], regions[p].vertices[j] @ CORNERS[3])
            assert mcolors.same_color(polygon.get_facecolor(), REGION_COLOURS[j])
            assert mcolors.same_color(ax.get_legend().legend_handles[j].get_facecolor(), REGION_COLOURS[j])
        ties = [line for line in ax.lines if mcolors.same_color(line.get_color(), TIE_COLOUR)]
        assert len(ties) == len(regions[p].ties) == 3
        labels = [t.get_text() for t in ax.texts]
        assert {"rock", "paper", "scissors", "E1"} <= set(labels)
    assert "E1 (rock 0.33|paper 0.33|scissors 0.33, rock 0.33|paper 0.33|scissors 0.33)" in caption(fig)
    assert "The game has no parameters" in caption(fig)


def test_a_segment_for_two_strategies_and_the_parameters_under_the_title(tmp_path):
    path = tmp_path / "safe.toml"
    path.write_text(THREE_TWO, encoding="utf-8")
    result, regions, fig = figure(str(path), {"c": 1.25})
    assert fig._suptitle.get_text() == "Safe option\nAt c=1.25"
    triangle, segment = fig.axes
    assert legend_texts(triangle)[:2] == ["left", "right"]
    assert legend_texts(segment)[:3] == ["top", "middle", "bottom"]
    assert "probability that Column plays right" in [t.get_text() for t in segment.texts]
    # Each equilibrium once, by its number, at its mix for the player (several equilibria may share one).
    for p, ax in enumerate(fig.axes):
        shown = [t for t in ax.texts if t.get_text().startswith("E")]
        numbers = sorted(int(k[1:]) for t in shown for k in t.get_text().split(", "))
        assert numbers == list(range(1, len(result.equilibria) + 1))
        for t in shown:
            first = int(t.get_text().split(", ")[0][1:]) - 1
            np.testing.assert_allclose(t.xy, result.equilibria[first].profile[p] @ CORNERS[3 if p == 0 else 2])
    assert all(f"E{k} {eq.probability_label(result.game)}" in caption(fig)
               for k, eq in enumerate(result.equilibria, 1))


def test_a_strategy_never_a_best_response_and_one_best_only_where_tied_are_named():
    # Column: centre is the average of left and right, a best response only at Row's 50:50.
    column = np.array([[1.0, 0.5, 0.0], [0.0, 0.5, 1.0]])
    game = gt.NormalFormGame.from_arrays(np.zeros((2, 3)), column, players=("Row", "Column"),
                                         strategies=(("up", "down"), ("left", "centre", "right")))
    _, _, fig = figure(game)
    assert legend_texts(fig.axes[0]) == ["left", "centre: only where tied", "right", "Column indifferent"]
    # A dominated strategy (3x3: Column's middle) and duplicates (left = right).
    duplicate = np.array([[2.0, 0.0, 2.0], [1.0, -1.0, 1.0], [0.0, -3.0, 0.0]])
    _, regions, fig = figure(gt.NormalFormGame.from_arrays(np.eye(3), duplicate))
    assert legend_texts(fig.axes[0]) == ["1 = 3 (tied everywhere)", "2: never"]
    assert regions[0].same_as == (0, 1, 0)
    assert not [line for line in fig.axes[0].lines if isinstance(line, Line2D)
                and mcolors.same_color(line.get_color(), TIE_COLOUR)]
