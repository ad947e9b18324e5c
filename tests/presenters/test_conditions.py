"""The conditions presenters: words, LaTeX, JSON whose strings read back to the same expressions."""

import json

import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

from gametheory_re import api
from gametheory_re.presenters.conditions import conditions_dict, set_text, show_conditions

rho = sympy.Symbol("rho", real=True)
half, quarter = sympy.Rational(1, 2), sympy.Rational(1, 4)


@pytest.fixture(scope="module")
def game_a_rho():
    return api.conditions("us_china", free=["rho"])


@pytest.fixture(scope="module")
def game_a():
    return api.conditions("us_china", mixed=True)


def test_set_text():
    assert set_text(sympy.S.EmptySet, "rho") == "never"
    assert set_text(sympy.Interval(half, 1), "rho") == "1/2 <= rho <= 1"
    assert set_text(sympy.Interval.open(quarter, half), "rho") == "1/4 < rho < 1/2"
    assert set_text(sympy.Interval(0, quarter, right_open=True), "rho") == "0 <= rho < 1/4"
    assert set_text(sympy.Interval(-sympy.oo, 1), "x") == "x <= 1"
    assert set_text(sympy.Interval(half, half), "x") == "x = 1/2"
    assert set_text(sympy.FiniteSet(0, 1), "x") == "x = 0 or x = 1"
    assert set_text(sympy.Union(sympy.Interval(0, quarter), sympy.Interval(half, 1)), "rho") == \
        "0 <= rho <= 1/4 or 1/2 <= rho <= 1"
    latex = set_text(sympy.Interval(half, 1), "rho", latex=True)  # one formula, not half LaTeX
    assert latex.startswith("$") and latex.endswith("$") and latex.count("$") == 2 and r"\frac{1}{2}" in latex


def test_text_in_words(game_a_rho):
    lines = show_conditions(game_a_rho).splitlines()
    assert lines[0] == "US-China rare-earth decoupling (Game A): exact conditions"
    assert lines[1] == "Free parameters: rho in [0, 1]"
    assert lines[2].startswith("Fixed: pi = 1, q = 1/2")
    assert "(engage, restrict) is never a Nash equilibrium within the bounds (proved)." in lines
    assert "  - China prefers supply to restrict (2*rho >= 1, i.e. 1/2 <= rho <= 1)" in lines
    assert "  (holds everywhere within the bounds: the US: engage over decouple)" in lines
    assert "  US plays engage 4*rho - 1, decouple 2 - 4*rho" in lines
    assert "  China plays supply 3/35, restrict 32/35" in lines
    assert "  some: 1/2 <= rho <= 1; every: 1/2 <= rho <= 1" in lines
    assert lines[-1].startswith("(") and lines[-1].endswith(" s)")


def test_latex(game_a_rho):
    text = show_conditions(game_a_rho, latex=True)
    assert r"($2 \rho \geq 1$, i.e. $\frac{1}{2} \leq \rho \wedge \rho \leq 1$)" in text
    assert "2*rho" not in text


def test_incomplete_and_notes_are_said():
    text = show_conditions(api.conditions("us_china", free=["rho"], time_budget=0))
    assert "INCOMPLETE: the mixed analysis stopped at the time budget." in text
    assert "Note: time budget of 0 s reached" in text


def test_json_is_plain_and_reads_back(game_a):
    doc = conditions_dict(game_a)
    assert json.loads(json.dumps(doc)) == doc
    names = {p["name"]: sympy.Symbol(p["name"], real=True) for p in doc["parameters"]}
    assert {"pi", "gamma"} <= set(names)      # names that would otherwise read as sympy's constant/function
    for item, p in zip(doc["pure"], game_a.pure):
        assert parse_expr(item["condition"], local_dict=names) == p.relation()
        assert item["status"] == p.status
        for region_doc, region in zip(item["regions"], p.regions):
            assert parse_expr(region_doc["condition"], local_dict=names) == region.relation()
            for c, r in zip(region_doc["conditions"], region.requirements):
                assert parse_expr(c["condition"], local_dict=names) == r.inequality.relation()
                assert c["kind"] == "deviation" and c["player"] in ("US", "China")
    [m] = doc["mixed"]
    assert m["supports"] == {"US": ["engage", "decouple"], "China": ["supply", "restrict"]}
    [case] = game_a.mixed[0].cases
    for i, player in enumerate(doc["players"]):
        for k, (strategy, text) in enumerate(m["cases"][0]["probabilities"][player].items()):
            assert parse_expr(text, local_dict=names) == case.probabilities[i][k]
    assert doc["unsolved"] == {"one_mixer": 4, "unequal_sizes": 0, "three_or_more_mixers": 0}
    assert [o["name"] for o in doc["outcomes"]] == ["dual_chain", "status_quo", "restriction"]
    assert doc["complete"] is True and doc["fixed"] == {}


def test_json_with_one_free_parameter_has_intervals(game_a_rho):
    doc = conditions_dict(game_a_rho)
    assert doc["pure"][0]["interval"] == "Interval(1/2, 1)"
    assert doc["pure"][0]["regions"][0]["conditions"][0]["solved"] == "(1/2 <= rho) & (rho <= 1)"
    assert doc["pure"][0]["regions"][0]["everywhere"][0]["condition"] == "True"
    assert doc["mixed"][0]["interval"] == "Interval.open(1/4, 1/2)"
    status_quo = {o["name"]: o for o in doc["outcomes"]}["status_quo"]
    assert status_quo["every_set"] == "Interval(1/2, 1)"
    assert doc["fixed"]["q"] == "1/2" and doc["parameters"] == [{"name": "rho", "min": "0", "max": "1"}]
