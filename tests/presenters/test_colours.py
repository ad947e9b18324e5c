"""One colour per equilibrium set, from its label: across pictures, whatever the order, collisions told apart."""

import zlib
from collections import Counter

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib import colors as mcolors

from gametheory_re.api import simulate, sweep
from gametheory_re.cli import main
from gametheory_re.presenters import plots
from gametheory_re.presenters.colours import (COLLISION_HATCHES, MIN_VISIBLE_SHARE, MULTI_HATCH, OTHER_COLOUR,
                                              SET_PALETTE, SHARED_NOTE, SPECIAL_LABELS, canonical_label, set_colour,
                                              set_styles)
from gametheory_re.presenters.plots import MAX_OUTCOME_MAPS, regime_figure
from gametheory_re.presenters.simulation_plots import simulation_figure


def rgb255(colour):
    return np.round(np.array(mcolors.to_rgb(colour)) * 255).astype(int)


def entries(legend):
    """Legend text -> (face colour 0-255, hatch or '')."""
    return {" ".join(t.get_text().split()): (tuple(rgb255(h.get_facecolor())), h.get_hatch() or "")
            for t, h in zip(legend.get_texts(), legend.legend_handles)}


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def patch_at(buf, ax, x, y, half=5):
    px, py = ax.transData.transform((x, y))
    row, col = int(round(buf.shape[0] - py)), int(round(px))
    return buf[row - half:row + half + 1, col - half:col + half + 1].reshape(-1, 3)


def fill_at(buf, ax, x, y, half=5):
    """The most common colour around (x, y): the fill under any pattern."""
    return np.array(Counter(map(tuple, patch_at(buf, ax, x, y, half))).most_common(1)[0][0])


def dark_share(buf, ax, x, y):
    return float(np.mean(patch_at(buf, ax, x, y, half=12).sum(axis=1) < 150))


def grid_table(labels_of, nx=40, ny=30):
    """A grid over (p, q) in the unit square labelled by ``labels_of(x, y)``."""
    xv, yv = np.linspace(0, 1, nx), np.linspace(0, 1, ny)
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label = np.asarray(labels_of(x.ravel(), y.ravel()), dtype=object)
    return {"p": x.ravel(), "q": y.ravel(), "support": label, "label": label}, [("p", xv), ("q", yv)]


def colliding_pair(template="(s{}, t)"):
    """Two labels on the same palette colour, in sorted order."""
    seen = {}
    for i in range(200):
        label = template.format(i)
        if set_colour(label) in seen:
            return tuple(sorted([seen[set_colour(label)], label]))
        seen[set_colour(label)] = label
    raise AssertionError("no collision among 200 labels and 20 colours")


# ------------------------------------------------------------------ the rule


def test_the_palette_has_twenty_distinct_colours_none_a_grey_of_the_special_labels():
    rgb = [mcolors.to_rgb(c) for c in SET_PALETTE]
    assert len(SET_PALETTE) == 20 and len(set(rgb)) == 20
    assert all(max(c) - min(c) > 0.15 for c in rgb), "a set colour must not read as a grey"
    neutral = {mcolors.to_rgb(c) for c in [*SPECIAL_LABELS.values(), OTHER_COLOUR, "white"]}
    assert not neutral & set(rgb)
    spread = min(np.abs(np.subtract(a, b)).sum() for i, a in enumerate(rgb) for b in rgb[i + 1:])
    assert spread > 0.1


def test_a_set_has_one_colour_whatever_the_order_of_its_equilibria():
    assert canonical_label("(c, d); (a, b)") == "(a, b); (c, d)"
    assert set_colour("(c, d); (a, b)") == set_colour("(a, b); (c, d)")
    assert set_colour("(build, align, supply)") in SET_PALETTE
    # the rule is the documented one: crc32 of the canonical label into the palette
    assert set_colour("(x, y)") == SET_PALETTE[zlib.crc32(b"(x, y)") % 20]


def test_collisions_pattern_the_later_label_whatever_the_order_given():
    first, second = colliding_pair()
    styles = set_styles([second, first, "(other, set)"])
    assert styles == set_styles([first, "(other, set)", second])
    assert styles[first] == (set_colour(first), "")
    assert styles[second] == (set_colour(first), COLLISION_HATCHES[0])
    assert MULTI_HATCH not in COLLISION_HATCHES


# ------------------------------------------------------------------ in pictures


def test_same_set_same_colour_in_two_different_tables():
    one, axes = grid_table(lambda x, y: np.where(x < 0.5, "(a, b)", "(c, d)"))
    two, axes2 = grid_table(lambda x, y: np.where(y < 0.3, "(e, f)", np.where(x > 0.6, "(a, b)", "(g, h); (a, b)")),
                            nx=25, ny=50)
    fig1, fig2 = regime_figure(one, axes), regime_figure(two, axes2)
    a1, a2 = entries(fig1.axes[0].get_legend()), entries(fig2.axes[0].get_legend())
    assert a1["(a, b)"][0] == a2["(a, b)"][0] == tuple(rgb255(set_colour("(a, b)")))
    # and that colour is what the cells are drawn in, in both maps
    assert np.array_equal(fill_at(pixels(fig1), fig1.axes[0], 0.25, 0.5), a1["(a, b)"][0])
    assert np.array_equal(fill_at(pixels(fig2), fig2.axes[0], 0.8, 0.7), a2["(a, b)"][0])


def test_colours_do_not_depend_on_order_of_appearance_or_size():
    # the same three sets, each time in a different place, first and largest
    layouts = [("(a, b)", "(c, d)", "(e, f)"), ("(e, f)", "(a, b)", "(c, d)"), ("(c, d)", "(e, f)", "(a, b)")]
    seen = []
    for big, middle, small in layouts:
        table, axes = grid_table(lambda x, y: np.where(x < 0.6, big, np.where(y < 0.6, middle, small)))
        seen.append({k: v for k, v in entries(regime_figure(table, axes).axes[0].get_legend()).items()})
    assert seen[0] == seen[1] == seen[2]
    assert {k: v[0] for k, v in seen[0].items()} == {k: tuple(rgb255(set_colour(k))) for k in seen[0]}


def test_two_sets_on_one_colour_are_told_apart_by_a_pattern():
    first, second = colliding_pair()
    maps = []
    for left, right in ((first, second), (second, first)):  # either may appear first
        table, axes = grid_table(lambda x, y: np.where(x < 0.5, left, right))
        fig = regime_figure(table, axes)
        legend = fig.axes[0].get_legend()
        got = entries(legend)
        assert got[first] == (tuple(rgb255(set_colour(first))), "")
        assert got[second] == (got[first][0], COLLISION_HATCHES[0])
        assert SHARED_NOTE in legend.get_title().get_text()
        buf = pixels(fig)
        plain, patterned = (0.25, 0.5), (0.75, 0.5)
        if left == second:
            plain, patterned = patterned, plain
        assert dark_share(buf, fig.axes[0], *plain) == 0
        assert dark_share(buf, fig.axes[0], *patterned) > 0.02
        maps.append(got)
    assert maps[0] == maps[1]


def test_a_pattern_for_a_collision_adds_to_the_hatching_of_several_equilibria():
    first, second = colliding_pair("(s{}, t); (u, v)")
    table, axes = grid_table(lambda x, y: np.where(x < 0.5, first, second))
    fig = regime_figure(table, axes)
    got = entries(fig.axes[0].get_legend())
    assert got[first][1] == MULTI_HATCH and got[second][1] == MULTI_HATCH + COLLISION_HATCHES[0]
    assert sorted(c.get_hatch() for c in fig.axes[0].collections if c.get_hatch()) == sorted(
        [MULTI_HATCH, MULTI_HATCH + COLLISION_HATCHES[0]])


def test_sets_too_small_to_see_are_other_and_drawn_grey():
    nx, ny = 50, 40  # 2000 cells: a set needs MIN_VISIBLE_SHARE * 2000 = 4 cells for an entry
    assert MIN_VISIBLE_SHARE * nx * ny == pytest.approx(4)
    xv, yv = np.linspace(0, 1, nx), np.linspace(0, 1, ny)
    label = np.full((nx, ny), "(big, set)", dtype=object)
    label[10:13, 20] = "(tiny, set)"  # 3 cells: too small
    label[30:34, 20] = "(small, set)"  # 4 cells: just visible
    label[40, 5] = "(dot, set)"  # 1 cell
    x, y = np.meshgrid(xv, yv, indexing="ij")
    table = {"p": x.ravel(), "q": y.ravel(), "support": label.ravel(), "label": label.ravel()}
    fig = regime_figure(table, [("p", xv), ("q", yv)])
    got = entries(fig.axes[0].get_legend())
    assert list(got) == ["(big, set)", "(small, set)", "other (2 sets)"]
    assert got["other (2 sets)"] == (tuple(rgb255(OTHER_COLOUR)), "")
    buf = pixels(fig)
    assert np.array_equal(fill_at(buf, fig.axes[0], xv[11], yv[20], half=2), rgb255(OTHER_COLOUR))
    assert np.array_equal(fill_at(buf, fig.axes[0], xv[40], yv[5], half=2), rgb255(OTHER_COLOUR))
    assert np.array_equal(fill_at(buf, fig.axes[0], xv[31], yv[20], half=2), rgb255(set_colour("(small, set)")))


# ------------------------------------------------------------------ every outcome


def outcome_table():
    table, axes = grid_table(lambda x, y: np.where(x < 0.5, "(a, b)", "(c, d)"))
    for k, name in enumerate(["o1", "o2", "o3", "o4", "o5"]):
        table[name] = np.where(table["p"] < 0.2 * (k + 1), "all", "none").astype(object)
    return table, axes


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_every_outcome_given_gets_a_map(count):
    table, axes = outcome_table()
    names = [f"o{k + 1}" for k in range(count)]
    fig = regime_figure(table, axes, outcome=names)
    assert len(fig.axes) == 1 + count
    for ax, name in zip(fig.axes[1:], names):
        assert f"'{name}'" in ax.get_title() and ax.get_legend().get_title().get_text() == f"'{name}'"
        assert ax.get_xlabel() == "p"
    # each map shows its own outcome: o_k holds left of p = 0.2 k
    buf = pixels(fig)
    green = rgb255(plots.OUTCOME_STYLE["all"][0])
    for k, ax in enumerate(fig.axes[1:]):
        assert np.array_equal(fill_at(buf, ax, 0.2 * (k + 1) - 0.08, 0.5), green)
        assert not np.array_equal(fill_at(buf, ax, 0.2 * (k + 1) + 0.08, 0.5), green)


def test_more_outcomes_than_a_picture_draws_is_an_error_naming_the_argument():
    table, axes = outcome_table()
    with pytest.raises(ValueError, match=f"^outcome: 5 outcomes; a picture draws at most {MAX_OUTCOME_MAPS}"):
        regime_figure(table, axes, outcome=["o1", "o2", "o3", "o4", "o5"])


@pytest.fixture
def drawn(monkeypatch):
    """The figures ``sweep(plot=...)`` would save."""
    figures = []
    monkeypatch.setattr(plots, "save_figure", lambda fig, path, overwrite=False: figures.append(fig))
    return figures


def test_a_sweep_without_outcomes_named_draws_every_outcome(drawn, tmp_path):
    sweep("us_china", ["rho=0:1:11", "q=0.1:1:11"], plot=tmp_path / "m.png")
    sweep("us_china", ["rho=0:1:11"], plot=tmp_path / "b.png")
    sweep("us_china", ["rho=0:1:11", "q=0.1:1:11"], outcomes=["status_quo"], plot=tmp_path / "one.png")
    (grid, band, one) = drawn
    names = ["dual_chain", "status_quo", "restriction"]
    assert [ax.get_legend().get_title().get_text() for ax in grid.axes[1:]] == [f"'{n}'" for n in names]
    assert [ax.get_yticklabels()[0].get_text() for ax in band.axes[1:]] == names
    assert len(one.axes) == 2 and "'status_quo'" in one.axes[1].get_title()
    assert "outcomes drawn" not in grid._suptitle.get_text()


def test_a_sweep_with_more_outcomes_than_maps_says_which_are_drawn(drawn, tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "MAX_OUTCOME_MAPS", 2)
    sweep("us_china", ["rho=0:1:11", "q=0.1:1:11"], plot=tmp_path / "m.png")
    (fig,) = drawn
    assert len(fig.axes) == 3
    assert "the first 2 of 3 outcomes drawn (choose with --outcome" in fig._suptitle.get_text()


def test_the_cli_picture_names_every_outcome(tmp_path):
    path = tmp_path / "m.svg"
    result = CliRunner().invoke(main, ["sweep", "us_japan_china", "--vary", "s=0:1:11", "--vary", "K=0.1:3:11",
                                       "--plot", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    for name in ("burden_sharing", "free_riding", "dual_chain"):
        assert f"Outcome map of '{name}'" in text


# ------------------------------------------------------------------ simulations


def test_a_simulation_colours_each_profile_by_its_label_like_the_maps():
    sim = simulate("us_japan_china_dual_chain", periods=8, compare=[{"phi_gamma": 0}])
    fig = simulation_figure(sim)
    (legend,) = fig.legends
    got = entries(legend)
    plays = sorted({p for run in [sim] + [r for _, r in sim.counterfactuals] for p in run.play[0]})
    styles = set_styles(plays)
    assert sorted(got) == plays
    for label in plays:
        assert got[label] == (tuple(rgb255(styles[label][0])), styles[label][1])
