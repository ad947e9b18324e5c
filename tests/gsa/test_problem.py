"""Which parameters a study varies and fixes, and one error naming its argument for each bad request."""

import pytest

from gametheory_re import load_game
from gametheory_re.errors import GameFileError
from gametheory_re.gsa.problem import Problem, make_problem, read_range

GAME_A = ("pi", "q", "g", "rho", "d_U", "L_U", "theta_U", "K", "b", "gamma")

# A 2x2 game with an unbounded parameter (u) and one whose bounds are one value (w).
ODD_BOUNDS = """
[game]
title = "odd bounds"

[parameters.a]
default = 1
min = 0
max = 2

[parameters.u]
default = 1

[parameters.w]
default = 1
min = 1
max = 1

[[players]]
name = "Row"
strategies = ["up", "down"]

[[players]]
name = "Column"
strategies = ["left", "right"]

[payoffs.table]
"up, left"    = ["a", "u"]
"up, right"   = ["0", "w"]
"down, left"  = ["1", "0"]
"down, right" = ["u", "1"]

[outcomes.corner]
when = "up and left"
"""


@pytest.fixture(scope="module")
def game_a():
    return load_game("us_china")


@pytest.fixture()
def odd(tmp_path):
    path = tmp_path / "odd.toml"
    path.write_text(ODD_BOUNDS, encoding="utf-8")
    return load_game(path)


def test_default_varies_every_bounded_parameter_over_its_declared_bounds(game_a):
    problem = make_problem(game_a)
    assert problem.names == GAME_A and problem.fixed == {} and problem.ranged == ()
    assert problem.bounds["K"] == (0.1, 3.0) and problem.bounds["rho"] == (0.0, 1.0)
    assert problem.salib() == {"num_vars": 10, "names": list(GAME_A),
                               "bounds": [list(problem.bounds[n]) for n in GAME_A]}


def test_vary_keeps_the_games_order_and_fixes_the_rest_at_defaults(game_a):
    problem = make_problem(game_a, vary=["K", "q"])
    assert problem.names == ("q", "K")
    assert problem.fixed == {n: float(game_a.parameters[n].default) for n in GAME_A if n not in ("q", "K")}
    assert make_problem(game_a, vary="K").names == ("K",)  # one name, not its letters


def test_fix_and_ranges(game_a):
    problem = make_problem(game_a, fix={"gamma": "1/4", "b": 0.1}, ranges={"K": ("1/2", 2), "q": (0.2, "0.4")})
    assert "gamma" not in problem.names and "b" not in problem.names
    assert problem.fixed == {"gamma": 0.25, "b": 0.1}
    assert problem.bounds["K"] == (0.5, 2.0) and problem.bounds["q"] == (0.2, 0.4)
    assert problem.ranged == ("q", "K")
    assert make_problem(game_a, vary=["K"], ranges={"K": (1, 2)}).bounds == {"K": (1.0, 2.0)}


def test_an_unbounded_parameter_is_varied_only_with_a_range(odd):
    problem = make_problem(odd, fix={"w": 1})
    assert problem.names == ("a",) and problem.fixed == {"u": 1.0, "w": 1.0}
    assert make_problem(odd, fix={"w": 1}, ranges={"u": (-1, 3)}).names == ("a", "u")


def test_read_range():
    assert read_range(" K = 0.5 : 2 ") == ("K", ("0.5", "2"))
    assert read_range("rho=1/10:1/2") == ("rho", ("1/10", "1/2"))
    for text in ("K=0.5", "K:0.5:2", "=0.5:2", "K=1:2:3", ""):
        with pytest.raises(GameFileError) as caught:
            read_range(text, source="--range")
        assert caught.value.source == "--range" and "NAME=LO:HI" in str(caught.value)


@pytest.mark.parametrize("kwargs, argument, words", [
    ({"vary": ["kappa"]}, "vary", "unknown parameter; the game's parameters are: pi, q, g"),
    ({"fix": {"kappa": 1}}, "fix", "unknown parameter"),
    ({"ranges": {"kappa": (0, 1)}}, "ranges", "unknown parameter"),
    ({"vary": ["K"], "fix": {"K": 1}}, "fix", "both varied and fixed"),
    ({"vary": ["K", "K"]}, "vary", "named twice"),
    ({"fix": {"K": 1}, "ranges": {"K": (1, 2)}}, "ranges", "fixed parameter has no range"),
    ({"vary": ["q"], "ranges": {"K": (1, 2)}}, "ranges", "not among the varied parameters"),
    ({"ranges": {"K": 1}}, "ranges", "expected a pair (LOW, HIGH)"),
    ({"ranges": {"K": (1, 2, 3)}}, "ranges", "expected a pair"),
    ({"ranges": {"K": (2, 1)}}, "ranges", "LOW (2) must be below HIGH (1)"),
    ({"ranges": {"K": (1, 1)}}, "ranges", "must be below"),
    ({"ranges": {"K": (0, 2)}}, "ranges", ""),           # below the declared min 0.1
    ({"ranges": {"K": ("1", "x")}}, "ranges", ""),        # not a number
    ({"fix": {"K": 99}}, "fix", ""),                     # above the declared max
    ({"fix": {"pi": 1, "q": 0.5, "g": 1, "rho": 0.2, "d_U": 0.7, "L_U": 5, "theta_U": 0, "K": 1, "b": 0.2,
              "gamma": 0.5}}, "vary", "no parameter to vary"),
])
def test_every_bad_request_names_its_argument(game_a, kwargs, argument, words):
    with pytest.raises(GameFileError) as caught:
        make_problem(game_a, **kwargs)
    assert caught.value.source == argument, str(caught.value)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("kwargs, words", [
    ({"vary": ["u"]}, "has no declared min and max to vary over; give its range (ranges=)"),
    ({"vary": ["w"]}, "are one value; fix it instead of varying it"),
])
def test_parameters_without_a_range_to_vary_over(odd, kwargs, words):
    with pytest.raises(GameFileError) as caught:
        make_problem(odd, **kwargs)
    assert caught.value.source == "vary" and words in str(caught.value)


def test_a_parameter_declared_with_one_value_is_fixed_by_default(odd):
    problem = make_problem(odd, ranges={"u": ("0", "1")})
    assert "w" not in problem.names and "w" in problem.fixed


def test_problem_is_plain_data():
    problem = Problem(("a", "b"), (0.0, 1.0), (1.0, 3.0))
    assert problem.bounds == {"a": (0.0, 1.0), "b": (1.0, 3.0)} and problem.fixed == {}
