"""Exact boundaries of threshold switches (gtre threshold --exact)."""

import json
import subprocess

import sympy

from gametheory_re import threshold
from gametheory_re.formats import load_game
from gametheory_re.symbolic.boundaries import exact_boundaries, match


def test_done_when_via_gtre_and_api():
    run = subprocess.run(["gtre", "threshold", "us_china", "--param", "rho", "--outcome", "status_quo", "--exact"],
                         capture_output=True, text=True, check=True)
    assert "rho = 1/2 (0.5) on the boundary rho = g - pi*q" in run.stdout
    [switch] = threshold("us_china", "rho", "status_quo", exact=True).switches
    assert (switch.method, switch.exact_value) == ("exact", "1/2")
    names = {n: sympy.Symbol(n, real=True) for n in load_game("us_china").parameters}
    formula = sympy.parse_expr(switch.formula, local_dict=names)
    assert sympy.expand(formula - (names["g"] - names["pi"] * names["q"])) == 0


def test_json_fields():
    run = subprocess.run(["gtre", "threshold", "us_china", "--param", "rho", "--outcome", "status_quo", "--exact",
                          "--json"], capture_output=True, text=True, check=True)
    [s] = json.loads(run.stdout)["switches"]
    assert s["method"] == "exact" and s["exact_float"] == 0.5 and s["exact_source"].startswith("(engage, supply)")


def test_no_formula_attached_when_it_does_not_match():
    found = exact_boundaries(load_game("us_china"), "rho", supports=[((0,), (0,))])
    assert match(0.5 + 1e-9, found, 1e-6).value == sympy.Rational(1, 2)
    assert match(0.5 + 1e-3, found, 1e-6) is None


def test_game_b_burden_sharing_switches_get_formulas_that_evaluate_to_them():
    # Both switches of burden_sharing in s at the defaults (every -> some at
    # s = 0.1, some -> none at s ~ 0.362) lie on exact boundaries; each
    # formula, read back and evaluated at the defaults, is within the
    # bisection's distance (a few 1e-9) of the numeric switch.
    game = load_game("us_japan_china")
    result = threshold(game, "s", "burden_sharing", exact=True)
    assert [s.method for s in result.switches] == ["exact", "exact"]
    names = {n: sympy.Symbol(n, real=True) for n in game.parameters}
    point = {names[k]: v for k, v in game.point().items() if k != "s"}
    for switch in result.switches:
        value = sympy.parse_expr(switch.formula, local_dict=names).xreplace(point)
        assert sympy.nsimplify(value) == sympy.Rational(switch.exact_value)
        assert abs(float(value) - switch.value) < 1e-8
    assert result.switches[0].exact_value == "1/10"


def test_a_tree_keeps_bisection_and_says_so():
    result = threshold("us_japan_china_sequential", "s", "burden_sharing", exact=True)
    assert all(s.method == "bisection" for s in result.switches)
    assert any("normal-form" in n for n in result.notes)
