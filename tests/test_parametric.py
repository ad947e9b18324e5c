"""Parameter values from Python callers, and one tolerance for the point and the batch paths."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

import gametheory_re as gt
from gametheory_re.errors import GameFileError
from gametheory_re.parameters import to_rational
from gametheory_re.sweeps import sweep


@pytest.mark.parametrize(
    "value, expected",
    [
        (np.float64(0.3), sympy.Rational(3, 10)),
        (np.float32(0.5), sympy.Rational(1, 2)),
        (np.int64(2), sympy.Integer(2)),
        (Fraction(1, 3), sympy.Rational(1, 3)),
        (sympy.Rational(2, 7), sympy.Rational(2, 7)),
        ("1/3", sympy.Rational(1, 3)),
    ],
)
def test_numbers_python_callers_pass_are_read_exactly(value, expected):
    assert to_rational(value, "params", "q") == expected


@pytest.mark.parametrize("value", [np.bool_(True), True, np.float64("nan"), Fraction(1, 10**50), [0.3]])
def test_values_that_are_not_finite_numbers_are_one_error(value):
    with pytest.raises(GameFileError, match="params: q:"):
        to_rational(value, "params", "q")


def test_a_point_from_numpy_values_equals_the_point_from_floats():
    game = gt.load_game("us_china")
    values = np.linspace(0.1, 0.9, 5)
    assert np.array_equal(game.at({"q": values[1]}).payoffs, game.at({"q": 0.3}).payoffs)


SCALED_DILEMMA = """
[game]
title = "Prisoner's dilemma in tiny units"
[parameters.c]
default = 1e-12
min = 1e-15
max = 1
[[players]]
name = "Row"
strategies = ["cooperate", "defect"]
[[players]]
name = "Column"
strategies = ["cooperate", "defect"]
[payoffs.table]
"cooperate, cooperate" = ["3*c", "3*c"]
"cooperate, defect"    = ["0", "5*c"]
"defect, cooperate"    = ["5*c", "0"]
"defect, defect"       = ["c", "c"]
"""


@pytest.mark.parametrize("equilibria", ["pure", "all"])
def test_sweeps_and_solve_agree_on_a_game_in_tiny_units(tmp_path, equilibria):
    # With a tolerance floored at 1e-9 every profile of this game would pass
    # as an equilibrium in one path and not in the other.
    path = tmp_path / "tiny.toml"
    path.write_text(SCALED_DILEMMA)
    table = sweep(path, ["c=1e-15:1e-12:4"], equilibria=equilibria, as_frame=False)
    for c, label in zip(table["c"], table["label"]):
        assert [label] == gt.solve(path, {"c": float(c)}).labels == ["(defect, defect)"]
