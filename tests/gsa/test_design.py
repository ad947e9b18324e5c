"""The Saltelli design is SALib's sample point for point, chunk by chunk, and its size is checked."""

import numpy as np
import pytest

from _support import need_module

from gametheory_re import load_game
from gametheory_re.errors import GameFileError
from gametheory_re.gsa.design import Saltelli, latin, saltelli, saltelli_layout
from gametheory_re.gsa.problem import make_problem

CASES = [(1, 2, False, 0), (3, 8, True, 0), (4, 64, False, 7), (7, 32, True, 123), (22, 16, False, 2 ** 31)]


def design_and_problem(d, n, second_order, seed):
    names = tuple(f"x{i}" for i in range(d))
    lows = tuple(-1.0 + 0.5 * i for i in range(d))
    highs = tuple(low + 0.25 + i for i, low in enumerate(lows))
    problem = {"num_vars": d, "names": list(names), "bounds": [[lo, hi] for lo, hi in zip(lows, highs)]}
    return Saltelli(names, lows, highs, n, seed, second_order), problem


def rows(design, start, stop):
    return np.column_stack(list(design.columns(start, stop).values()))


@pytest.mark.parametrize("d, n, second_order, seed", CASES)
def test_saltelli_is_salib_sample_point_for_point(d, n, second_order, seed):
    sobol_sample = need_module("SALib.sample.sobol")
    design, problem = design_and_problem(d, n, second_order, seed)
    expected = sobol_sample.sample(problem, n, calc_second_order=second_order, seed=seed)
    assert design.n_points == len(expected) == n * (2 * d + 2 if second_order else d + 2)
    assert np.array_equal(rows(design, 0, design.n_points), expected)
    # Chunks that start and stop inside base samples' blocks, and one empty.
    cuts = sorted({0, 1, design.step - 1, design.step + 1, design.n_points // 2 + 3, design.n_points - 1,
                   design.n_points})
    cuts = [c for c in cuts if 0 <= c <= design.n_points]
    pieces = [rows(design, a, b) for a, b in zip(cuts, cuts[1:])]
    assert np.array_equal(np.concatenate(pieces), expected)
    assert rows(design, 5, 5).shape == (0, d)
    assert saltelli_layout(expected) == (n, second_order)


def test_layout_rejects_rows_out_of_order():
    design, _ = design_and_problem(3, 8, False, 0)
    x = rows(design, 0, design.n_points)
    assert saltelli_layout(x) == (8, False)
    assert saltelli_layout(x[::-1]) is None
    assert saltelli_layout(x[:-1]) is None
    broken = x.copy()
    broken[1, 2] += 1e-9  # AB^1 of the first block no longer A with column 1 of B
    assert saltelli_layout(broken) is None


def test_the_same_seed_gives_the_same_study_and_another_seed_another():
    game = load_game("us_china")
    problem = make_problem(game, vary=["q", "rho", "K"])
    one, again, other = saltelli(problem, 16, 3), saltelli(problem, 16, 3), saltelli(problem, 16, 4)
    assert one.describe() == again.describe()
    assert one.describe()["sha256"] != other.describe()["sha256"]
    x = rows(one, 0, one.n_points)
    assert np.all((x >= problem.lows) & (x <= problem.highs))


@pytest.mark.parametrize("n, seed, argument, words", [
    (12, 0, "samples", "power of 2"),
    (1, 0, "samples", ""),
    (2 ** 21, 0, "samples", ""),
    (16, -1, "seed", ""),
    (16.5, 0, "samples", "whole number"),
])
def test_bad_sizes_name_their_argument(n, seed, argument, words):
    problem = make_problem(load_game("us_china"), vary=["q"])
    with pytest.raises(GameFileError) as caught:
        saltelli(problem, n, seed)
    assert caught.value.source == argument and words in str(caught.value)


def test_power_of_2_message_suggests_neighbours():
    problem = make_problem(load_game("us_china"), vary=["q"])
    with pytest.raises(GameFileError, match=r"e\.g\. 8 or 16"):
        saltelli(problem, 12)


def test_latin_is_the_sweep_engines_sample_over_the_problem():
    problem = make_problem(load_game("us_china"), vary=["q", "K"])
    design = latin(problem, 50, seed=2)
    assert design.n_points == 50 and design.names == ("q", "K") and design.latin
    with pytest.raises(GameFileError) as caught:
        latin(problem, 1)
    assert caught.value.source == "samples"
