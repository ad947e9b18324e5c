"""The analyses on synthetic models with known indices, through Targets built by hand.

The model ``f = [x1 < 1/2] [x2 < 1/2]`` over three parameters uniform on
[0, 1]: ``p = 1/4``, ``V = 3/16``; ``E[f | x1] = [x1 < 1/2] / 2`` has variance
1/16, so ``S1 = 1/3`` for x1 and x2, their interaction ``S2 = (3/16 - 2/16) / V
= 1/3``, ``ST = 2/3``; x3 has no part: every index 0.
"""

import numpy as np
import pytest

from _support import need_module

from gametheory_re.errors import GameFileError
from gametheory_re.gsa.design import Saltelli
from gametheory_re.gsa.filtering import filtering_indices
from gametheory_re.gsa.pawn import pawn_indices
from gametheory_re.gsa.problem import Problem
from gametheory_re.gsa.rbd_fast import rbd_fast_indices
from gametheory_re.gsa.sobol import sobol_indices
from gametheory_re.gsa.target import Target

PROBLEM = Problem(("x1", "x2", "x3"), (0.0, 0.0, 0.0), (1.0, 1.0, 1.0))
EXACT = {"x1": (1 / 3, 2 / 3), "x2": (1 / 3, 2 / 3), "x3": (0.0, 0.0)}


@pytest.fixture(autouse=True)
def salib():
    need_module("SALib")


def saltelli_runs(n, second_order=False):
    design = Saltelli(PROBLEM.names, PROBLEM.lows, PROBLEM.highs, n, 0, second_order)
    return np.column_stack(list(design.columns(0, design.n_points).values()))


def both_below_half(x):
    return ((x[:, 0] < 0.5) & (x[:, 1] < 0.5)).astype(float)


def as_target(values):
    return Target("deal", "all", None, np.asarray(values, dtype=float))


def test_sobol_finds_the_known_indices():
    n = 2 ** 12
    frame, pairs, used, notes = sobol_indices(PROBLEM, as_target(both_below_half(saltelli_runs(n))), n)
    assert pairs is None and used == n * 5 and notes == []
    assert list(frame.columns) == ["S1", "S1_conf", "ST", "ST_conf"] and frame.index[-1] == "x3"
    for name, (first, total) in EXACT.items():
        assert abs(frame.loc[name, "S1"] - first) <= frame.loc[name, "S1_conf"]
        assert abs(frame.loc[name, "ST"] - total) <= frame.loc[name, "ST_conf"]
    assert frame.loc["x3"].tolist() == [0, 0, 0, 0]


def test_sobol_second_order():
    n = 2 ** 12
    _, pairs, used, _ = sobol_indices(PROBLEM, as_target(both_below_half(saltelli_runs(n, True))), n, second_order=True)
    assert used == n * 8 and len(pairs) == 3
    top = pairs.iloc[0]
    assert (top["parameter_1"], top["parameter_2"]) == ("x1", "x2")
    assert abs(top["S2"] - 1 / 3) <= top["S2_conf"]


def test_a_run_without_value_drops_its_whole_block_and_the_note_says_so():
    n, step = 64, 5
    values = both_below_half(saltelli_runs(n))
    holed = values.copy()
    holed[3 * step + 1] = np.nan   # an AB^1 run of block 3
    holed[10 * step + 4] = np.nan  # the B run of block 10
    holed[10 * step] = np.nan      # the same block twice: counted once
    frame, _, used, notes = sobol_indices(PROBLEM, as_target(holed), n)
    assert used == (n - 2) * step
    assert notes == ["2 of 64 base samples left out: their blocks hold runs without a value "
                     "(no equilibrium found to judge by)"]
    kept = np.delete(values.reshape(n, step), [3, 10], axis=0).ravel()
    alone, _, _, _ = sobol_indices(PROBLEM, as_target(kept), n - 2)
    np.testing.assert_array_equal(frame[["S1", "ST"]].to_numpy(), alone[["S1", "ST"]].to_numpy())


@pytest.mark.parametrize("values, words", [
    (np.ones(64 * 5), "no indices: the quantity is 1 at every run used, so it has no variance to apportion"),
    (np.zeros(64 * 5), "the quantity is 0 at every run used"),
    (np.full(64 * 5, np.nan), "no indices: the method needs 2 whole base samples; 0 have a value"),
])
def test_sobol_of_a_constant_or_unjudged_quantity_is_nan_with_a_note(values, words):
    frame, _, _, notes = sobol_indices(PROBLEM, as_target(values), 64)
    assert frame.isna().all().all() and list(frame.index) == list(PROBLEM.names)
    assert words in notes[-1]


def uniform_runs(n, seed=0):
    return np.random.default_rng(seed).uniform(size=(n, 3))


def test_rbd_fast_finds_the_main_effects():
    n, harmonics = 8192, 10
    x = uniform_runs(n)
    frame, used, notes = rbd_fast_indices(PROBLEM, x, as_target(both_below_half(x)), harmonics)
    assert used == n and notes == [] and list(frame.columns) == ["S1", "S1_conf"]
    # RBD-FAST reads the first M harmonics of each main effect along its search curve (a triangle
    # wave), here a square wave: odd harmonics of power 1/k**2, of which the first 10 hold
    # 8/pi**2 (1 + 1/9 + ... + 1/81) = 0.96.  Its noise correction is right to about 2M/N.
    share = 8 / np.pi ** 2 * sum(1 / k ** 2 for k in range(1, harmonics + 1, 2))
    noise = 2 * harmonics / n
    for name, (first, _) in EXACT.items():
        row = frame.loc[name]
        assert first * share - noise - row["S1_conf"] <= row["S1"] <= first + noise + row["S1_conf"]
    assert frame.index[-1] == "x3"


def test_rbd_fast_leaves_out_unjudged_runs_and_needs_enough():
    x = uniform_runs(200)
    values = both_below_half(x)
    values[:5] = np.nan
    _, used, notes = rbd_fast_indices(PROBLEM, x, as_target(values))
    assert used == 195 and notes == ["5 of 200 runs left out: no equilibrium found to judge by"]
    frame, _, notes = rbd_fast_indices(PROBLEM, x[:20], as_target(values[5:25]))
    assert frame.isna().all().all()
    assert notes[-1] == "no indices: the method needs more than 20 runs with a value; 20 have a value"
    frame, _, notes = rbd_fast_indices(PROBLEM, x, as_target(np.ones(200)))
    assert frame.isna().all().all() and "quantity is 1 at every run" in notes[-1]


def test_rbd_fast_is_reproducible_and_leaves_numpy_alone():
    x = uniform_runs(1000)
    target = as_target(both_below_half(x))
    np.random.seed(11)
    before = np.random.random()
    np.random.seed(11)
    one, _, _ = rbd_fast_indices(PROBLEM, x, target, seed=0)
    assert np.random.random() == before
    two, _, _ = rbd_fast_indices(PROBLEM, x, target, seed=0)
    assert one.equals(two)


def test_pawn_ranks_the_parameters_that_matter_first():
    x = uniform_runs(4000)
    frame, used, notes = pawn_indices(PROBLEM, x, as_target(both_below_half(x)))
    assert used == 4000 and notes == []
    assert list(frame.columns) == ["minimum", "mean", "median", "maximum", "CV"]
    assert set(frame.index[:2]) == {"x1", "x2"} and frame.loc["x3", "median"] < frame.loc["x1", "median"] / 3
    frame, _, notes = pawn_indices(PROBLEM, x, as_target(np.zeros(4000)))
    assert frame.isna().all().all() and "quantity is 0 at every run" in notes[-1]


def test_filtering_gives_the_direction():
    x = uniform_runs(2000)
    holds = (x[:, 0] < 0.3).astype(float)
    frame, used, notes = filtering_indices(PROBLEM, x, as_target(holds))
    assert used == 2000 and notes == [] and frame.index[0] == "x1"
    assert frame.loc["x1", "KS"] == 1.0 and frame.loc["x1", "p_value"] < 1e-12
    # The outcome holds at low x1: its mean where it holds is below its mean where it fails.
    assert frame.loc["x1", "mean_holds"] < 0.3 < frame.loc["x1", "mean_fails"]
    assert frame.loc["x2", "KS"] < 0.1 and frame.loc["x2", "p_value"] > 1e-3


def test_filtering_needs_both_groups_and_a_status():
    x = uniform_runs(100)
    values = np.ones(100)
    values[:3] = np.nan
    frame, used, notes = filtering_indices(PROBLEM, x, as_target(values))
    assert frame.isna().all().all() and used == 97
    assert notes == ["3 of 100 runs left out: no equilibrium found to judge by",
                     "no indices: the quantity is 1 at every run used, so it has no variance to apportion"]
    probability = Target("deal", None, "first", np.linspace(0, 1, 100))
    with pytest.raises(GameFileError) as caught:
        filtering_indices(PROBLEM, x, probability)
    assert caught.value.source == "select"
