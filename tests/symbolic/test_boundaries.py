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
