"""``gtre sweep --boundaries``: exact condition curves over regime and outcome maps."""

import types

import numpy as np
import pytest
import sympy
from click.testing import CliRunner

from gametheory_re import load_game
from gametheory_re.api import sweep
from gametheory_re.cli import main
from gametheory_re.errors import GameFileError
from gametheory_re.presenters.plots import CURVES_TITLE, regime_figure
from gametheory_re.sweeps.boundaries import boundary_curves
from gametheory_re.sweeps.run import make_spec, run_spec

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
rho, q = sympy.symbols("rho q", real=True)


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def same_curve(a, b):
    """Same zero set up to a constant factor."""
    return sympy.simplify(a / b).is_number


@pytest.fixture(scope="module")
def game_a():
    spec = make_spec(load_game("us_china"), ["rho=0:1:41", "q=0.1:1:41"], outcomes=["dual_chain"])
    table = run_spec(spec, as_frame=False).table
    return spec, table, boundary_curves(spec, table["support"], table["dual_chain"])


def test_game_a_keeps_exactly_the_curves_that_separate_regions(game_a):
    _, _, found = game_a
    wanted = [q + rho - 1, q + 2 * rho - 1, 35 * q - 16]  # rho = g - pi*q with pi = g = 1, and the others
    kept = [c.expr for c in found.curves]
    assert len(kept) == 3 and found.left_out == 0
    assert all(any(same_curve(k, w) for k in kept) for w in wanted)
    # The fourth curve of the conditions, q = 1 (a mixed probability's denominator), touches the
    # raster's top edge only: it separates nothing and is left out.
    assert found.candidates == 4
    assert [c.separated for c in found.curves] == sorted((c.separated for c in found.curves), reverse=True)
    assert found.curves[0].label == "China prefers supply to restrict: q + rho >= 1"


def cell_of(samples, values):
    """The grid cell of each drawing sample: cells run between midpoints of the grid values."""
    mid = (values[:-1] + values[1:]) / 2
    return np.searchsorted(mid, samples, side="right")  # a sample on an edge is in the cell above it


def test_every_drawn_piece_lies_between_cells_of_different_regions(game_a):
    spec, table, found = game_a
    xv, yv = (a.values() for a in spec.design.axes)
    support = np.asarray(table["support"], dtype=object).reshape(len(xv), len(yv))
    differs = np.zeros(support.shape, dtype=bool)
    differs[1:] |= support[1:] != support[:-1]
    differs[:-1] |= support[1:] != support[:-1]
    differs[:, 1:] |= support[:, 1:] != support[:, :-1]
    differs[:, :-1] |= support[:, 1:] != support[:, :-1]
    for curve in found.curves:
        drawn = np.isfinite(curve.regime)
        assert drawn.any()
        i, j = np.nonzero(drawn)
        assert differs[cell_of(curve.x[i], xv), cell_of(curve.y[j], yv)].all(), curve.label
        # and the drawn values do cross zero: a contour at 0 is there
        assert np.nanmin(curve.regime) < 0 < np.nanmax(curve.regime)


def test_outcome_map_curves_separate_outcome_statuses(game_a):
    _, _, found = game_a
    # dual_chain holds where (decouple, restrict) is the equilibrium: bounded by q + 2 rho = 1 and
    # 35 q = 16, so those two are drawn on the outcome map
    on_outcome = [c.expr for c in found.curves if c.outcome is not None and np.isfinite(c.outcome).any()]
    assert any(same_curve(e, q + 2 * rho - 1) for e in on_outcome)
    assert any(same_curve(e, 35 * q - 16) for e in on_outcome)


def test_several_outcomes_get_their_own_curves():
    spec = make_spec(load_game("us_china"), ["rho=0:1:41", "q=0.1:1:41"], outcomes=["dual_chain", "status_quo"])
    table = run_spec(spec, as_frame=False).table
    both = boundary_curves(spec, table["support"], outcomes=[table["dual_chain"], table["status_quo"]])
    alone = [boundary_curves(spec, table["support"], table[name]) for name in ("dual_chain", "status_quo")]
    assert [c.label for c in both.curves] == [c.label for c in alone[0].curves]
    for k, curve in enumerate(both.curves):
        assert len(curve.outcomes) == 2 and curve.outcome is curve.outcomes[0]
        for m in range(2):  # each outcome map's values are those of that outcome alone
            assert np.array_equal(curve.outcomes[m], alone[m].curves[k].outcome, equal_nan=True)
    # and they differ: q + rho = 1 bounds status_quo (engage, supply) along its length, dual_chain at a corner
    edge = next(c for c in both.curves if same_curve(c.expr, q + rho - 1))
    assert np.isfinite(edge.outcomes[1]).sum() > 10 * np.isfinite(edge.outcomes[0]).sum()
    with pytest.raises(ValueError, match="outcome= or outcomes="):
        boundary_curves(spec, table["support"], table["dual_chain"], outcomes=[table["status_quo"]])


def test_cap_keeps_the_most_separating_and_counts_the_rest():
    spec = make_spec(load_game("us_japan_china"), ["s=0:1:21", "K=0.1:3:21"])
    table = run_spec(spec, as_frame=False).table
    every = boundary_curves(spec, table["support"], max_curves=100)
    two = boundary_curves(spec, table["support"], max_curves=2)
    assert len(every.curves) > 2 and every.left_out == 0
    assert [c.label for c in two.curves] == [c.label for c in every.curves[:2]]
    assert two.left_out == len(every.curves) - 2


def test_decreasing_axis_gives_increasing_samples(tmp_path):
    result = sweep("us_china", ["rho=1:0:11", "q=0.1:1:11"], plot=tmp_path / "d.png", boundaries=True)
    assert result.summary.plot and (tmp_path / "d.png").read_bytes()[:8] == PNG_MAGIC
    spec = make_spec(load_game("us_china"), ["rho=1:0:11", "q=0.1:1:11"])
    table = run_spec(spec, as_frame=False).table
    for curve in boundary_curves(spec, table["support"]).curves:
        assert np.all(np.diff(curve.x) > 0) and np.all(np.diff(curve.y) > 0)


def test_flagship_game_b_gamma_map_with_boundaries_writes_a_png(tmp_path):
    plot = tmp_path / "gamma.png"
    result = run("sweep", "us_japan_china", "--vary", "gamma_U=0:0.9:41", "--vary", "gamma_AB=0.1:0.9:41",
                 "--plot", str(plot), "--boundaries", "--quiet")
    assert result.exit_code == 0, result.output
    assert plot.read_bytes()[:8] == PNG_MAGIC


@pytest.mark.parametrize("args, words", [
    (["--vary", "rho=0:1:5", "--boundaries"], "needs --plot"),
    (["--vary", "rho=0:1:5", "--plot", "{dir}/x.png", "--boundaries"], "two parameters (--vary twice)"),
    (["--samples", "10", "--plot", "{dir}/x.png", "--boundaries"], "two parameters (--vary twice)"),
])
def test_bad_usage_is_one_line_naming_the_flag(tmp_path, args, words):
    result = run("sweep", "us_china", *[a.format(dir=tmp_path) for a in args])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: --boundaries: ") and words in lines[0]
    assert not (tmp_path / "x.png").exists()


def test_trees_are_refused_before_any_work(tmp_path):
    result = run("sweep", "us_japan_china_sequential", "--vary", "s=0:1:5", "--vary", "K=0.1:3:5",
                 "--plot", str(tmp_path / "t.png"), "--boundaries")
    assert result.exit_code == 2
    assert result.output.startswith("error: --boundaries: ") and "normal-form" in result.output
    assert len(result.output.strip().splitlines()) == 1
    with pytest.raises(GameFileError, match="needs plot="):
        sweep("us_china", ["rho=0:1:3", "q=0.1:1:3"], boundaries=True)


def test_presenter_draws_each_curve_and_names_it_in_the_legend():
    xv, yv = np.linspace(0, 1, 11), np.linspace(0, 1, 9)
    x, y = np.meshgrid(xv, yv, indexing="ij")
    label = np.where(x + y < 1, "(a, b)", "(c, d)").astype(object).ravel()
    table = {"p": x.ravel(), "q": y.ravel(), "support": label, "label": label,
             "o": np.where(x + y < 1, "all", "none").astype(object).ravel()}
    fx, fy = np.linspace(-0.05, 1.05, 50), np.linspace(-0.0625, 1.0625, 40)
    values = fx[:, None] + fy[None, :] - 1
    curve = types.SimpleNamespace(label="A prefers a to c: p + q <= 1", conditions=1, x=fx, y=fy,
                                  regime=values, outcome=values, outcomes=(values,))
    boundaries = types.SimpleNamespace(curves=(curve,), left_out=3, notes=())
    fig = regime_figure(table, [("p", xv), ("q", yv)], outcome="o", boundaries=boundaries)
    regime_ax, outcome_ax = fig.axes[:2]
    assert regime_ax.collections and outcome_ax.collections
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == ["A prefers a to c: p + q <= 1"]
    title = " ".join(legend.get_title().get_text().split())
    assert title.startswith(CURVES_TITLE) and "3 more separating curves not drawn" in title
    with pytest.raises(ValueError, match="two varied parameters"):
        regime_figure({"p": xv, "support": np.array(["x"] * 11, dtype=object)}, [("p", xv)], boundaries=boundaries)
