import numpy as np
import pytest

from gametheory_re import load_game
from gametheory_re.errors import GameFileError
from gametheory_re.sweeps.grid import SAMPLE_BLOCK, Grid, make_samples, parse_axis

GAME = load_game("us_japan_china")


def test_grid_points_first_axis_slowest():
    grid = Grid((parse_axis("s=0:1:3", GAME), parse_axis("K=0.1:3:5:log", GAME)))
    cols = grid.columns(0, grid.n_points)
    assert grid.n_points == 15
    assert cols["s"].tolist() == [0.0] * 5 + [0.5] * 5 + [1.0] * 5
    assert np.allclose(cols["K"][:5], np.geomspace(0.1, 3, 5))
    assert np.array_equal(grid.columns(4, 9)["K"], cols["K"][4:9])


@pytest.mark.parametrize(
    "text, message",
    [
        ("s=0:1", "expected NAME=START:STOP:N"),
        ("nope=0:1:3", "unknown parameter"),
        ("s=0:2:3", "outside the parameter's bounds"),
        ("s=0:1:0", "N must be a whole number from 1"),
        ("s=a:1:3", "must be numbers"),
        ("s=nan:1:3", "finite"),
        ("s=0:inf:3", "finite"),
        ("s=0:1e999:3", "finite"),
        ("s=0:1:1e999", "N must be a whole number"),
        ("s=0:1:1e3", "N must be a whole number"),
        ("s=0:1:-3", "N must be a whole number"),
        ("s=0:1:" + "9" * 5000, "N must be a whole number"),
        ("s=0:1:1000000001", "N must be a whole number from 1 to 1000000000"),
        ("K=0:1:3:log", "positive"),
        ("theta_U=0:0.5:3:log", "positive"),
    ],
)
def test_bad_axes(text, message):
    with pytest.raises(GameFileError, match=message):
        parse_axis(text, GAME)


def test_varying_twice_is_refused():
    with pytest.raises(GameFileError, match="twice"):
        Grid((parse_axis("s=0:1:3", GAME), parse_axis("s=0:1:4", GAME)))


@pytest.mark.parametrize("latin", [False, True])
def test_samples_are_reproducible_and_independent_of_chunking(latin):
    samples = make_samples(GAME, ("s", "K"), 3 * SAMPLE_BLOCK // 2, seed=7, latin=latin)
    whole = samples.columns(0, samples.n_points)
    parts = [samples.columns(a, min(a + 10_000, samples.n_points)) for a in range(0, samples.n_points, 10_000)]
    for name in ("s", "K"):
        assert np.array_equal(whole[name], np.concatenate([p[name] for p in parts]))
        low, high = float(GAME.parameters[name].minimum), float(GAME.parameters[name].maximum)
        assert whole[name].min() >= low and whole[name].max() <= high
    again = make_samples(GAME, ("s", "K"), samples.n_points, seed=7, latin=latin).columns(0, 100)
    assert np.array_equal(again["s"], whole["s"][:100])


def test_latin_hypercube_has_one_point_per_stratum():
    samples = make_samples(GAME, ("s",), 1000, seed=3, latin=True)
    s = samples.columns(0, 1000)["s"]
    assert sorted(np.floor(s * 1000).astype(int).tolist()) == list(range(1000))


def test_sampling_needs_bounds():
    from gametheory_re.formats import read_toml_game

    game = read_toml_game("[parameters.x]\ndefault = 1\n[[players]]\nname='A'\nstrategies=['a']\n[payoffs.formulas]\nA='x'\n")
    with pytest.raises(GameFileError, match="both min and max"):
        make_samples(game, ("x",), 10, 0, False)


def test_axis_values_come_from_positions_so_huge_axes_cost_no_memory():
    import tracemalloc

    from gametheory_re.sweeps.grid import Axis, Grid

    linear = Axis("s", 0.1, 3.0, 101)
    assert np.array_equal(linear.values(), np.linspace(0.1, 3.0, 101))
    logarithmic = Axis("K", 0.01, 100.0, 57, log=True)
    assert np.allclose(logarithmic.values(), np.geomspace(0.01, 100.0, 57), rtol=1e-14)
    assert logarithmic.values()[0] == 0.01 and logarithmic.values()[-1] == 100.0
    negative = Axis("K", -100.0, -0.01, 5, log=True)
    assert np.allclose(negative.values(), np.geomspace(-100.0, -0.01, 5), rtol=1e-14)
    huge = Grid((Axis("s", 0.0, 1.0, 10**9),))
    tracemalloc.start()
    column = huge.columns(10**9 - 3, 10**9)["s"]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10**6  # the axis itself would be 8 GB
    assert column[-1] == 1.0 and np.allclose(column, [1 - 2e-9, 1 - 1e-9, 1.0], atol=1e-15)
