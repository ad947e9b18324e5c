"""Pictures of sweeps: regime maps, outcome maps, band charts, and safe file writing."""

import time
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pytest
from matplotlib import colors as mcolors
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from gametheory_re.errors import GameFileError
from gametheory_re import load_game
from gametheory_re.presenters.colours import OTHER_COLOUR
from gametheory_re.presenters.plots import (LABELS_TITLE, OUTCOME_STYLE, REGIONS_TITLE, VARYING_NOTE, _axis_label,
                                           _fixed_text, plot_sweep, regime_figure)

A, MULTI, C = "(a, b)", "(a, b); (c, d)", "(c, d)"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def partition(x, y):
    """Left half (a, b); right-top both (a, b) and (c, d); right-bottom (c, d)."""
    label = np.where(x < 0.5, A, np.where(y >= 0.5, MULTI, C)).astype(object)
    outcome = np.where(x < 0.5, "all", np.where(y >= 0.5, "some", "none")).astype(object)
    return label, outcome


def square_table(xv=None, yv=None):
    """A grid over the unit square, first parameter ``p`` varying slowest."""
    xv = np.linspace(0.0, 1.0, 41) if xv is None else xv
    yv = np.linspace(0.0, 1.0, 31) if yv is None else yv
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label, outcome = partition(x.ravel(), y.ravel())
    table = {"p": x.ravel(), "q": y.ravel(), "label": label, "support": label.copy(),
             "n_equilibria": np.where(label == MULTI, 2, 1), "supply_secured": outcome}  # fmt: skip
    return table, [("p", xv), ("q", yv)]


def legend_texts(legend):
    return [" ".join(t.get_text().split()) for t in legend.get_texts()]


def legend_colour(legend, text):
    """Face colour (RGB 0-255) of the legend entry whose text is ``text``."""
    for handle, label in zip(legend.legend_handles, legend_texts(legend)):
        if label == text:
            return np.round(np.array(mcolors.to_rgb(handle.get_facecolor())) * 255).astype(int)
    raise AssertionError(f"no legend entry {text!r} in {legend_texts(legend)}")


def pixels(fig):
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def window(fig, buf, ax, x, y, half=6):
    """The rendered pixels around data point (x, y) of ``ax``."""
    px, py = ax.transData.transform((x, y))
    row, col = int(round(buf.shape[0] - py)), int(round(px))
    return buf[row - half : row + half + 1, col - half : col + half + 1].reshape(-1, 3)


def main_colour(fig, buf, ax, x, y):
    """Most common colour around (x, y): the fill, not hatch lines crossing it."""
    counts = Counter(map(tuple, window(fig, buf, ax, x, y)))
    return np.array(counts.most_common(1)[0][0])


def close(a, b, tol=3):
    return bool(np.all(np.abs(np.asarray(a) - np.asarray(b)) <= tol))


def dark_fraction(fig, buf, ax, x, y):
    return float(np.mean(window(fig, buf, ax, x, y, half=15).sum(axis=1) < 150))


# ------------------------------------------------------------------ regime map


def test_two_axes_with_outcome_one_without():
    table, axes = square_table()
    assert len(regime_figure(table, axes, outcome="supply_secured").axes) == 2
    assert len(regime_figure(table, axes).axes) == 1


def test_axis_labels_titles_and_first_parameter_on_x():
    table, axes = square_table()
    fig = regime_figure(table, axes, outcome="supply_secured", title="Burden sharing",
                        axis_labels={"p": "p: cost of the allied chain"})  # fmt: skip
    regime, outcome = fig.axes
    assert regime.get_xlabel() == "p: cost of the allied chain"
    assert regime.get_ylabel() == "q"
    assert outcome.get_xlabel() == "p: cost of the allied chain"
    assert "Regime map" in regime.get_title() and "Outcome map" in outcome.get_title()
    assert fig._suptitle.get_text() == "Burden sharing"
    assert regime.get_xlim() == pytest.approx((-0.0125, 1.0125))
    assert regime.get_ylim() == pytest.approx((-1 / 60, 1 + 1 / 60))


def test_legends_name_every_set_and_outcome_status():
    table, axes = square_table()
    regime, outcome = regime_figure(table, axes, outcome="supply_secured").axes
    assert sorted(legend_texts(regime.get_legend())) == sorted([A, MULTI, C])
    assert legend_texts(outcome.get_legend()) == [
        "in every equilibrium",
        "in some equilibria (selection matters)",
        "in no equilibrium",
    ]
    assert "supply_secured" in outcome.get_legend().get_title().get_text()


def test_each_region_is_drawn_in_its_legend_colour():
    table, axes = square_table()
    fig = regime_figure(table, axes, outcome="supply_secured")
    regime = fig.axes[0]
    buf = pixels(fig)
    legend = regime.get_legend()
    centres = {A: (0.25, 0.5), MULTI: (0.75, 0.8), C: (0.75, 0.2)}
    seen = {}
    for label, (x, y) in centres.items():
        seen[label] = main_colour(fig, buf, regime, x, y)
        assert close(seen[label], legend_colour(legend, label)), label
    assert len({tuple(c) for c in seen.values()}) == 3


def test_outcome_map_colours_follow_the_scheme():
    table, axes = square_table()
    fig = regime_figure(table, axes, outcome="supply_secured")
    ax = fig.axes[1]
    buf = pixels(fig)
    r, g, b = main_colour(fig, buf, ax, 0.25, 0.5)  # all: dark green
    assert g > r + 40 and g > b + 40 and r + g + b < 350
    r, g, b = main_colour(fig, buf, ax, 0.75, 0.8)  # some: orange
    assert r > 220 and 140 < g < 220 and b < 140
    r, g, b = main_colour(fig, buf, ax, 0.75, 0.2)  # none: light grey
    assert max(r, g, b) - min(r, g, b) < 6 and 190 < r < 240
    for status, (x, y) in {"in every equilibrium": (0.25, 0.5), "in no equilibrium": (0.75, 0.2)}.items():
        assert close(main_colour(fig, buf, ax, x, y), legend_colour(ax.get_legend(), status))


def test_hatching_covers_exactly_the_multi_equilibria_region():
    table, axes = square_table()
    fig = regime_figure(table, axes, outcome="supply_secured")
    regime = fig.axes[0]
    hatched = [c for c in regime.collections if c.get_hatch()]
    assert len(hatched) == 1
    paths = hatched[0].get_paths()
    inside = lambda x, y: any(p.contains_point((x, y)) for p in paths)
    assert inside(0.75, 0.8) and inside(0.99, 0.99) and inside(0.51, 0.51)
    assert not inside(0.25, 0.5) and not inside(0.75, 0.2) and not inside(0.75, 0.45)
    buf = pixels(fig)  # hatch lines really drawn there, and only there
    assert dark_fraction(fig, buf, regime, 0.75, 0.8) > 0.05
    assert dark_fraction(fig, buf, regime, 0.75, 0.2) == 0
    assert dark_fraction(fig, buf, regime, 0.25, 0.5) == 0
    handles = regime.get_legend().legend_handles
    assert [bool(h.get_hatch()) for h in handles] == [t == MULTI for t in legend_texts(regime.get_legend())]


def test_boundaries_run_along_cell_edges_between_regions():
    table, axes = square_table()
    regime = regime_figure(table, axes).axes[0]
    (lines,) = [c for c in regime.collections if isinstance(c, LineCollection)]
    segments = [np.asarray(s) for s in lines.get_segments()]
    vertical = [s for s in segments if s[0, 0] == s[1, 0]]
    horizontal = [s for s in segments if s[0, 1] == s[1, 1]]
    assert len(vertical) + len(horizontal) == len(segments)
    # p = 0.475 | 0.5 splits left from right; q = 0.4667 | 0.5 splits top from bottom
    assert {round(s[0, 0], 6) for s in vertical} == {0.4875}
    assert sum(abs(s[1, 1] - s[0, 1]) for s in vertical) == pytest.approx(1 + 1 / 30)
    assert {round(s[0, 1], 6) for s in horizontal} == {round((14 / 30 + 15 / 30) / 2, 6)}
    assert sum(abs(s[1, 0] - s[0, 0]) for s in horizontal) == pytest.approx(1.0125 - 0.4875)


def test_one_label_everywhere_and_a_single_point():
    table, axes = square_table()
    table["label"] = table["support"] = np.full(len(table["label"]), C, dtype=object)
    regime = regime_figure(table, axes).axes[0]
    assert legend_texts(regime.get_legend()) == [C]
    assert not [c for c in regime.collections if isinstance(c, LineCollection)]
    assert not [c for c in regime.collections if c.get_hatch()]
    single = {"p": np.array([0.3]), "q": np.array([2.0]), "label": np.array([MULTI], dtype=object),
              "supply_secured": np.array(["some"], dtype=object)}  # fmt: skip
    fig = regime_figure(single, [("p", [0.3]), ("q", [2.0])], outcome="supply_secured")
    regime, outcome = fig.axes
    buf = pixels(fig)
    assert close(main_colour(fig, buf, regime, 0.3, 2.0), legend_colour(regime.get_legend(), MULTI))
    r, g, b = main_colour(fig, buf, outcome, 0.3, 2.0)
    assert r > 220 and b < 140


def test_log_spaced_axis_is_drawn_on_a_log_scale():
    xv, yv = np.geomspace(0.01, 100.0, 41), np.linspace(0.0, 1.0, 31)
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label, outcome = partition((np.log10(x) + 2) / 4, y)
    table = {"K": x.ravel(), "q": y.ravel(), "label": label.ravel(), "o": outcome.ravel()}
    fig = regime_figure(table, [("K", xv), ("q", yv)], outcome="o")
    regime = fig.axes[0]
    assert regime.get_xscale() == "log" and regime.get_yscale() == "linear"
    buf = pixels(fig)  # boundary at K = 1, the middle of the log axis
    assert close(main_colour(fig, buf, regime, 0.1, 0.5), legend_colour(regime.get_legend(), A))
    assert close(main_colour(fig, buf, regime, 10.0, 0.8), legend_colour(regime.get_legend(), MULTI))
    assert close(main_colour(fig, buf, regime, 10.0, 0.2), legend_colour(regime.get_legend(), C))
    linear = regime_figure(*square_table()).axes[0]
    assert linear.get_xscale() == "linear"


def test_decreasing_axis_values_are_placed_correctly():
    table, axes = square_table(yv=np.linspace(1.0, 0.0, 31))
    fig = regime_figure(table, axes)
    regime = fig.axes[0]
    buf = pixels(fig)
    assert close(main_colour(fig, buf, regime, 0.75, 0.8), legend_colour(regime.get_legend(), MULTI))
    assert close(main_colour(fig, buf, regime, 0.75, 0.2), legend_colour(regime.get_legend(), C))


def test_beyond_twelve_sets_the_rest_share_an_other_entry_and_special_labels_are_grey():
    xv, yv = np.arange(20.0), np.arange(3.0)
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label = np.array([f"(s{int(i)}, t)" for i in x.ravel()], dtype=object)
    label[y.ravel() == 1] = "none found"
    label[y.ravel() == 2] = "undefined payoffs"
    table = {"i": x.ravel(), "j": y.ravel(), "label": label}
    legend = regime_figure(table, [("i", xv), ("j", yv)]).axes[0].get_legend()
    texts = legend_texts(legend)
    # 20 sets of one cell each, all visible: the first 12 by label (equal sizes) keep an entry
    assert texts == sorted(f"(s{i}, t)" for i in range(20))[:12] + ["other (8 sets)", "none found", "undefined payoffs"]
    assert close(legend_colour(legend, "other (8 sets)"), np.array(mcolors.to_rgb(OTHER_COLOUR)) * 255, tol=1)
    for special in ("none found", "undefined payoffs"):
        r, g, b = legend_colour(legend, special)
        assert r == g == b and r >= 200
    own = [(tuple(legend_colour(legend, t)), h.get_hatch()) for t, h in zip(texts[:12], legend.legend_handles)]
    assert len(set(own)) == 12  # a colour of their own, or a pattern where two share one


def test_same_table_same_colours():
    table, axes = square_table()
    first = regime_figure(table, axes).axes[0].get_legend()
    second = regime_figure(table, axes).axes[0].get_legend()
    for text in (A, MULTI, C):
        assert close(legend_colour(first, text), legend_colour(second, text), tol=0)


def test_large_grid_is_drawn_without_per_cell_artists():
    xv, yv = np.linspace(0, 1, 1001), np.linspace(0, 1, 1001)
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label, outcome = partition(x.ravel(), y.ravel())
    table = {"p": x.ravel(), "q": y.ravel(), "label": label, "o": outcome}
    start = time.perf_counter()
    fig = regime_figure(table, [("p", xv), ("q", yv)], outcome="o")
    buf = pixels(fig)
    assert time.perf_counter() - start < 60  # generous: seconds in practice
    artists = sum(len(ax.get_children()) for ax in fig.axes)
    pieces = sum(len(c.get_paths()) for ax in fig.axes for c in ax.collections)
    assert artists < 100 and pieces < 100
    assert close(main_colour(fig, buf, fig.axes[0], 0.75, 0.8), legend_colour(fig.axes[0].get_legend(), MULTI))


# ------------------------------------------------------------ regions are supports

MIXED = "(c|e, d)"


def mixed_table():
    """square_table with the bottom-right region a mixed support whose
    probabilities (in ``label``) change with q at every row of the grid."""
    table, axes = square_table()
    table["support"] = np.where(table["support"] == C, MIXED, table["support"]).astype(object)
    label = table["support"].copy()
    mixed = label == MIXED
    p = 0.2 + 0.5 * table["q"][mixed]
    label[mixed] = [f"(c {x:.2f}|e {1 - x:.2f}, d)" for x in p]
    table["label"] = label
    return table, axes


def legend_title(ax):
    return ax.get_legend().get_title().get_text()


def test_regions_are_supports_whatever_the_probabilities():
    table, axes = mixed_table()
    assert len(set(table["label"])) > 10  # one label per row of the mixed region
    regime = regime_figure(table, axes).axes[0]
    assert sorted(legend_texts(regime.get_legend())) == sorted([A, MULTI, MIXED])
    # Drawn as the same table labelled by supports alone: the same colours and
    # the same region boundaries (none inside the mixed region).
    plain = dict(table, label=table["support"])
    same = regime_figure(plain, axes).axes[0]
    for text in (A, MULTI, MIXED):
        assert close(legend_colour(regime.get_legend(), text), legend_colour(same.get_legend(), text), tol=0)
    (lines,) = [c for c in regime.collections if isinstance(c, LineCollection)]
    (plain_lines,) = [c for c in same.collections if isinstance(c, LineCollection)]
    assert np.array_equal(np.asarray(lines.get_segments()), np.asarray(plain_lines.get_segments()))


def test_the_legend_says_regions_are_supports_and_probabilities_vary():
    table, axes = mixed_table()
    regime = regime_figure(table, axes, outcome="supply_secured").axes[0]
    assert legend_title(regime).splitlines() == [REGIONS_TITLE, VARYING_NOTE]
    assert REGIONS_TITLE == "regions: equilibrium supports"
    assert VARYING_NOTE == "mixed probabilities vary within a region"
    x = np.linspace(0, 1, 301)
    bands = dict(band_table(x), support=band_table(x)["label"])
    bands["label"] = np.where(x < 1 / 3, [f"(a {v:.2f}|f 0.50, b)" for v in x], bands["label"]).astype(object)
    band_legend = regime_figure(bands, [("s", x)]).legends[0]
    assert band_legend.get_title().get_text().splitlines() == [REGIONS_TITLE, VARYING_NOTE]


def test_pure_supports_say_regions_without_the_note():
    table, axes = square_table()
    assert legend_title(regime_figure(table, axes).axes[0]) == REGIONS_TITLE
    only_support = {k: v for k, v in table.items() if k != "label"}
    assert legend_title(regime_figure(only_support, axes).axes[0]) == REGIONS_TITLE


def test_a_table_without_support_is_grouped_by_its_labels():
    # Tables written before the support column existed: label was the support.
    table, axes = square_table()
    del table["support"]
    regime = regime_figure(table, axes).axes[0]
    assert sorted(legend_texts(regime.get_legend())) == sorted([A, MULTI, C])
    assert legend_title(regime) == LABELS_TITLE
    with pytest.raises(ValueError, match="no column 'support'"):
        regime_figure({k: v for k, v in table.items() if k != "label"}, axes)


def test_svg_of_a_mixed_map_says_regions_are_supports(tmp_path):
    table, axes = mixed_table()
    path = tmp_path / "map.svg"
    plot_sweep(table, axes, path)
    text = path.read_text(encoding="utf-8")
    assert REGIONS_TITLE in text and VARYING_NOTE in text and MIXED in text
    some_label = next(x for x in table["label"] if x.startswith("(c "))
    assert some_label not in text  # labels with probabilities are no legend entries


def test_a_real_sweep_map_has_one_legend_entry_per_support():
    from gametheory_re.sweeps import sweep

    axes = [("rho", np.linspace(0, 1, 21)), ("q", np.linspace(0.1, 1, 10))]
    table = sweep("us_china", ["rho=0:1:21", "q=0.1:1:10"], as_frame=False)
    regime = regime_figure(table, axes, outcome="status_quo").axes[0]
    assert sorted(legend_texts(regime.get_legend())) == sorted(set(table["support"].tolist()))
    assert legend_title(regime).splitlines()[0] == REGIONS_TITLE


# ------------------------------------------------------------------ band chart


def band_table(x):
    label = np.where(x < 1 / 3, A, np.where(x < 2 / 3, MULTI, C)).astype(object)
    outcome = np.where(x < 1 / 3, "all", np.where(x < 2 / 3, "some", "none")).astype(object)
    return {"s": x, "label": label, "o": outcome}


def test_band_chart_shows_sets_and_outcome_along_the_axis(tmp_path):
    x = np.linspace(0, 1, 301)
    fig = regime_figure(band_table(x), [("s", x)], outcome="o", axis_labels={"s": "s: stockpile share"})
    bands, strip = fig.axes
    assert strip.get_xlabel() == "s: stockpile share"
    assert [t.get_text() for t in strip.get_yticklabels()] == ["o"]
    legend, statuses = fig.legends  # right of the strips: the sets' above, the statuses' below
    assert sorted(legend_texts(legend)) == sorted([A, MULTI, C])
    buf = pixels(fig)
    for label, at in {A: 0.15, MULTI: 0.5, C: 0.85}.items():
        assert close(main_colour(fig, buf, bands, at, 0.5), legend_colour(legend, label)), label
    assert dark_fraction(fig, buf, bands, 0.5, 0.5) > 0.05 and dark_fraction(fig, buf, bands, 0.85, 0.5) == 0
    for status, at in {"in every equilibrium": 0.15, "in some equilibria (selection matters)": 0.5,
                       "in no equilibrium": 0.85}.items():  # fmt: skip
        assert close(main_colour(fig, buf, strip, at, 0.5), legend_colour(statuses, status))
    assert statuses.get_title().get_text() == "'o'"
    path = tmp_path / "band.png"
    plot_sweep(band_table(x), [("s", x)], path)
    assert path.read_bytes().startswith(PNG_MAGIC)
    assert len(regime_figure(band_table(x), [("s", x)]).axes) == 1


def test_band_chart_log_axis_and_single_point():
    x = np.geomspace(0.1, 1000, 50)
    assert regime_figure(band_table(x / 1000), [("s", x)]).axes[0].get_xscale() == "log"
    one = {"s": np.array([0.2]), "label": np.array([A], dtype=object), "o": np.array(["all"], dtype=object)}
    fig = regime_figure(one, [("s", [0.2])], outcome="o")
    buf = pixels(fig)
    assert close(main_colour(fig, buf, fig.axes[0], 0.2, 0.5), legend_colour(fig.legends[0], A))


def test_band_chart_draws_a_strip_per_outcome():
    x = np.linspace(0, 1, 301)
    table = band_table(x)
    table["p"] = np.where(x < 0.5, "unknown", "all").astype(object)
    fig = regime_figure(table, [("s", x)], outcome=["o", "p"])
    bands, first, second = fig.axes
    assert [t.get_text() for t in first.get_yticklabels()] == ["o"]
    assert [t.get_text() for t in second.get_yticklabels()] == ["p"]
    (_, statuses) = fig.legends
    assert statuses.get_title().get_text() == "outcomes (one strip each)"
    assert "unknown (no equilibrium found)" in legend_texts(statuses)  # one strip has unknowns
    buf = pixels(fig)
    assert close(main_colour(fig, buf, second, 0.25, 0.5), legend_colour(statuses, "unknown (no equilibrium found)"))
    assert close(main_colour(fig, buf, second, 0.75, 0.5), legend_colour(statuses, "in every equilibrium"))
    assert close(main_colour(fig, buf, first, 0.85, 0.5), legend_colour(statuses, "in no equilibrium"))


# ------------------------------------------------------------------ files


def test_png_and_svg_files(tmp_path):
    table, axes = square_table()
    png, svg = tmp_path / "map.png", tmp_path / "map.svg"
    plot_sweep(table, axes, png, outcome="supply_secured", title="Regimes")
    plot_sweep(table, axes, svg, outcome="supply_secured", title="Regimes")
    data = png.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    ET.fromstring(text)  # well-formed XML
    for words in (A, MULTI, C, "in every equilibrium", "in no equilibrium", "Regimes", "supply_secured"):
        assert words in text, words
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "map.svg"]  # no temporary files left


def test_upper_case_suffix_and_overwriting_only_when_asked(tmp_path):
    table, axes = square_table()
    path = tmp_path / "MAP.PNG"
    path.write_bytes(b"old picture")
    with pytest.raises(GameFileError, match="exists; pass overwrite=True"):
        plot_sweep(table, axes, path)
    assert path.read_bytes() == b"old picture"
    plot_sweep(table, axes, path, overwrite=True)
    assert path.read_bytes().startswith(PNG_MAGIC)


def test_pdf_like_every_picture(tmp_path):
    table, axes = square_table()
    plot_sweep(table, axes, tmp_path / "map.pdf")
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("target", ["file/map.png", "missing/map.png", "/proc/map.png"])
def test_unwritable_target_is_one_error_before_drawing(tmp_path, target, monkeypatch):
    (tmp_path / "file").write_text("a file, not a folder")
    table, axes = square_table()
    monkeypatch.setattr(Figure, "savefig", lambda *a, **k: pytest.fail("drew before checking the file"))
    path = target if target.startswith("/") else tmp_path / target
    with pytest.raises(GameFileError, match="cannot write the file"):
        plot_sweep(table, axes, path)


def test_more_than_two_axes_is_an_error(tmp_path):
    table, axes = square_table()
    table["r"] = np.zeros(len(table["p"]))
    three = axes + [("r", np.zeros(1))]
    with pytest.raises(ValueError, match="3 parameters"):
        regime_figure(table, three)
    with pytest.raises(ValueError, match="3 parameters"):
        plot_sweep(table, three, tmp_path / "x.png")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["map.gif", "map", "map.png.txt"])
def test_bad_suffix_is_an_error_and_writes_nothing(tmp_path, name):
    table, axes = square_table()
    with pytest.raises(GameFileError, match=r"\.png, \.svg, \.pdf"):
        plot_sweep(table, axes, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_bad_tables_are_errors():
    table, axes = square_table()
    with pytest.raises(ValueError, match="missing_outcome"):
        regime_figure(table, axes, outcome="missing_outcome")
    with pytest.raises(ValueError, match="points"):
        regime_figure(table, [("p", axes[0][1][:-1]), axes[1]])
    bad = dict(table, supply_secured=np.full(len(table["p"]), "maybe", dtype=object))
    with pytest.raises(ValueError, match="maybe"):
        regime_figure(bad, axes, outcome="supply_secured")


def test_failed_render_leaves_existing_file_and_no_temporary(tmp_path, monkeypatch):
    table, axes = square_table()
    path = tmp_path / "map.svg"
    path.write_bytes(b"old picture")

    def broken_savefig(self, handle, **kwargs):
        handle.write(b"<svg half written")
        raise RuntimeError("disk full")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(RuntimeError, match="disk full"):
        plot_sweep(table, axes, path, overwrite=True)
    assert path.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]
    monkeypatch.undo()
    with pytest.raises(ValueError):  # a bad table fails before any file is touched
        plot_sweep(table, axes, path, outcome="nope", overwrite=True)
    assert path.read_bytes() == b"old picture"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_a_structured_array_from_sweep_draws_like_a_data_frame():
    from gametheory_re.sweeps import sweep

    axes = [("q", np.linspace(0.1, 1, 10)), ("rho", np.linspace(0, 1, 5))]
    vary = ["q=0.1:1:10", "rho=0:1:5"]
    structured = sweep("us_china", vary, as_frame=False)
    frame = sweep("us_china", vary, as_frame=True)
    pictures = []
    for table in (structured, frame):
        figure = regime_figure(table, axes, outcome="status_quo")
        figure.canvas.draw()
        pictures.append(np.asarray(figure.canvas.buffer_rgba()))
    assert np.array_equal(pictures[0], pictures[1])


def test_unknown_outcome_status_stands_out_from_the_background_and_from_none():
    rgb = {status: mcolors.to_rgb(colour) for status, (colour, _) in OUTCOME_STYLE.items()}
    assert rgb["unknown"] != (1.0, 1.0, 1.0)
    assert len(set(rgb.values())) == len(rgb)
    r, g, b = rgb["unknown"]
    assert not (r == g == b), "unknown must not be a grey, which reads as 'none'"


def test_maps_state_units_and_the_parameters_held_fixed():
    game = load_game("us_japan_china")
    assert _axis_label(game.parameters["s"]).startswith("s [share of K]: ")
    defaults = {name: float(p.default) for name, p in game.parameters.items() if name not in ("s", "K")}
    assert _fixed_text(game, defaults) == "other parameters at the game's defaults"
    assert _fixed_text(game, {**defaults, "b_U": 0.3}) == "other parameters at the game's defaults except b_U=0.3"
