"""PRIM boxes: our wrapper against the EMA Workbench used directly, and Game B's box recomputed from its rows."""

import warnings

import numpy as np
import pandas
import pytest

from gametheory_re import discover, load_game
from gametheory_re.discovery.prim import choose_box, peel
from gametheory_re.errors import GameFileError
from gametheory_re.gsa.problem import Problem

from _support import need_module


def _need_ema():
    """The workbench, or a skip; its import warns about parallel back ends PRIM does not use."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return need_module("ema_workbench")


def _synthetic(n=1500, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n, 3))
    y = ((x[:, 0] < 0.3) & (x[:, 1] > 0.5)).astype(float)
    return Problem(("a", "b", "c"), (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)), x, y


def test_trajectory_and_box_are_the_workbenchs():
    _need_ema()
    from ema_workbench.analysis import prim

    problem, x, y = _synthetic()
    trajectory, boxes = peel(problem, x, y, True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = prim.Prim(pandas.DataFrame(x, columns=list(problem.names)), y.astype(int), 0.8).find_box()
    ema = direct.peeling_trajectory
    for ours, theirs in (("coverage", "coverage"), ("density", "density"), ("mass", "mass"), ("runs", "n"),
                         ("cases", "k"), ("res_dim", "res_dim")):
        np.testing.assert_allclose(trajectory[ours].to_numpy(dtype=float), ema[theirs].to_numpy(dtype=float))
    last = boxes[-1]
    lims = direct.box_lims[-1]
    assert {limit.name for limit in last.limits} == {"a", "b"}
    for limit in last.limits:
        assert (limit.low, limit.high) == (lims.at[0, limit.name], lims.at[1, limit.name])
        qp_low, qp_high = direct.qp[-1][limit.name]
        assert limit.qp_low == qp_low or (np.isnan(limit.qp_low) and qp_low == -1)
        assert limit.qp_high == qp_high or (np.isnan(limit.qp_high) and qp_high == -1)
    # The restrictions found are the rule that made the data, to within a peel.
    bounds = {limit.name: (limit.low, limit.high) for limit in last.limits}
    assert bounds["a"][1] == pytest.approx(0.3, abs=0.03) and bounds["b"][0] == pytest.approx(0.5, abs=0.03)
    assert all(limit.qp < 1e-6 for limit in last.limits)


def test_the_box_chosen_by_the_threshold_or_asked_for():
    trajectory = pandas.DataFrame({"coverage": [1.0, 0.95, 0.9, 0.6], "density": [0.3, 0.8, 0.9, 1.0]})
    assert choose_box(trajectory, 0.8)[0] == 1
    assert choose_box(trajectory, 0.9)[0] == 2
    assert choose_box(trajectory, 1.0)[0] == 3
    assert choose_box(pandas.DataFrame({"coverage": [1.0, 0.5], "density": [0.2, 0.4]}), 0.8)[0] == 1
    assert choose_box(trajectory, 0.8, box=0) == (0, "asked for (box=)")


def _in_box(rows, box):
    inside = np.ones(len(rows), dtype=bool)
    for limit in box.limits:
        inside &= (rows[limit.name] >= limit.low).to_numpy() & (rows[limit.name] <= limit.high).to_numpy()
    return inside


def test_game_b_box_recomputed_from_the_sweep_table(tmp_path):
    """Done-when of issue 12: a box for burden_sharing (--status all) whose coverage and density are those of its
    limits applied to the rows the sweep wrote."""
    _need_ema()
    out = tmp_path / "runs.csv"
    result = discover("us_japan_china", "burden_sharing", status="all", vary=["s", "K"], samples=800, seed=1,
                      out=out)
    box = result.box
    assert box is not None and box.limits and box.index > 0
    rows = pandas.read_csv(out)
    assert len(rows) == 800
    judged = rows[rows["burden_sharing"] != "unknown"]
    holds = (judged["burden_sharing"] == "all").to_numpy()
    inside = _in_box(judged, box)
    assert result.used == len(judged) and result.cases == holds.sum()
    assert box.runs == inside.sum()
    assert box.coverage == pytest.approx((holds & inside).sum() / holds.sum(), abs=1e-12)
    assert box.density == pytest.approx((holds & inside).sum() / inside.sum(), abs=1e-12)
    assert box.mass == pytest.approx(inside.sum() / len(judged), abs=1e-12)
    # Japan paying a small share s is where burden sharing holds: s is bounded above.
    s = next(limit for limit in box.limits if limit.name == "s")
    assert s.high < 0.6 and s.range_low == 0 and s.range_high == 1
    # The same rows read back give the same trajectory, without solving again.
    again = discover("us_japan_china", "burden_sharing", table=out)
    assert again.problem.fixed is None
    pandas.testing.assert_frame_equal(again.trajectory, result.trajectory)
    # Any step asked for is reported with its own numbers.
    step = discover("us_japan_china", "burden_sharing", table=out, box=3).box
    assert step.index == 3 and step.coverage == pytest.approx(result.boxes[3].coverage)
    with pytest.raises(GameFileError, match="steps 0 to"):
        discover("us_japan_china", "burden_sharing", table=out, box=10_000)


@pytest.mark.parametrize("kwargs, name", [
    ({"threshold": 0}, "threshold"), ({"threshold": 1.5}, "threshold"), ({"peel_alpha": 0.7}, "peel_alpha"),
    ({"paste_alpha": -1}, "paste_alpha"), ({"mass_min": 1}, "mass_min"), ({"box": -1}, "box"),
    ({"method": "cart"}, "method"), ({"method": "tree", "box": 2}, "box"), ({"samples": 5}, "samples"),
    ({"min_leaf": 0.9}, "min_leaf"), ({"max_depth": 0}, "max_depth"),
])
def test_bad_settings_name_their_argument(kwargs, name):
    with pytest.raises(GameFileError) as error:
        discover(load_game("us_china"), "status_quo", **kwargs)
    assert error.value.source == name


def test_nothing_to_discover_is_said():
    _need_ema()
    # In Game A with China's reputational cost fixed high, the status quo holds everywhere (or nowhere).
    result = discover("us_china", "status_quo", vary=["K"], fix={"rho": 1, "g": 0.2}, samples=50)
    if result.box is None:
        assert any(note.startswith("nothing to discover") for note in result.notes)


def test_a_probability_peels_on_its_mean():
    _need_ema()
    problem, x, y = _synthetic()
    probability = 0.9 * y + 0.05
    trajectory, boxes = peel(problem, x, probability, False)
    for box in (boxes[len(boxes) // 2], boxes[-1]):
        inside = np.ones(len(x), dtype=bool)
        for limit in box.limits:
            column = x[:, problem.names.index(limit.name)]
            inside &= (column >= limit.low) & (column <= limit.high)
        assert box.density == pytest.approx(probability[inside].mean())
        assert box.coverage == pytest.approx(probability[inside].sum() / probability.sum())
        assert all(np.isnan(limit.qp) for limit in box.limits)  # no counted cases to test
    assert trajectory["density"].iloc[-1] > 0.9
