"""``gtre conditions`` as a user runs it: the installed command, from an empty folder.

The runs are made once per module, concurrently (each is mostly start-up).
"""

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

from gametheory_re import api
from gametheory_re.presenters.conditions import conditions_dict

from _support import need_gtre

GOOD = {
    "text": ["us_china", "--no-mixed"],
    "free rho": ["us_china", "--free", "rho", "--time-budget", "inf"],
    "latex": ["us_china", "--free", "rho", "--latex"],
    "json": ["us_china", "--json"],
    "outcome": ["us_japan_china", "--free", "s,K", "--outcome", "burden_sharing", "--no-mixed"],
}
BAD = {
    "unknown free": (["us_china", "--free", "nope"], "--free", "nope"),
    "free and set": (["us_china", "--free", "rho", "--set", "rho=0.3"], "--free", "rho"),
    "empty free": (["us_china", "--free", "rho,"], "--free", ""),
    "bad outcome": (["us_china", "--outcome", "nope"], "--outcome", "nope"),
    "negative budget": (["us_china", "--time-budget", "-1"], "--time-budget", "-1"),
    "bad set": (["us_china", "--set", "rho=5"], "--set", "rho"),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    gtre = need_gtre()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    jobs = {name: args for name, args in GOOD.items()} | {name: args for name, (args, _, _) in BAD.items()}

    def run(name):
        folder = tmp_path_factory.mktemp("empty")
        return subprocess.run([str(gtre), "conditions", *jobs[name]], cwd=folder, env=env,
                              capture_output=True, text=True, timeout=300)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(jobs, pool.map(run, jobs)))


@pytest.mark.parametrize("name", list(GOOD))
def test_runs(runs, name):
    process = runs[name]
    assert process.returncode == 0, process.stderr
    assert process.stderr == ""
    assert "exact conditions" in process.stdout.splitlines()[0] or name == "json"


def test_text_in_words(runs):
    text = runs["text"].stdout
    assert "(engage, supply) is a Nash equilibrium when:" in text
    assert "  - the US prefers engage to decouple (K >= b)" in text
    assert "  - China prefers supply to restrict (pi*q + rho >= g)" in text
    assert "Mixed equilibria" not in text
    assert "Outcome status_quo" in text


def test_free_rho_gives_intervals(runs):
    lines = runs["free rho"].stdout.splitlines()
    at = lines.index("(engage, supply) is a Nash equilibrium when:")
    block = lines[at:lines.index("(engage, restrict) is never a Nash equilibrium within the bounds (proved).")]
    assert "  => 1/2 <= rho <= 1" in block
    assert "  - China prefers supply to restrict (2*rho >= 1, i.e. 1/2 <= rho <= 1)" in block
    assert "(decouple, supply) is never a Nash equilibrium within the bounds (proved)." in lines
    assert "  => 1/4 < rho < 1/2" in lines      # the mixed equilibrium
    assert "  some: 1/2 <= rho <= 1; every: 1/2 <= rho <= 1" in lines
    assert "Free parameters: rho in [0, 1]" in lines


def test_latex(runs):
    text = runs["latex"].stdout
    assert r"$2 \rho \geq 1$" in text
    assert r"$\frac{1}{2} \leq \rho \wedge \rho \leq 1$" in text


def test_json_strings_read_back_to_our_expressions(runs):
    doc = json.loads(runs["json"].stdout)
    result = api.conditions("us_china")
    assert doc["pure"] == conditions_dict(result)["pure"]
    names = {p["name"]: sympy.Symbol(p["name"], real=True) for p in doc["parameters"]}
    assert set(names) == set(result.game.parameters)
    for item, p in zip(doc["pure"], result.pure):
        assert parse_expr(item["condition"], local_dict=names) == p.relation()
        for region_doc, region in zip(item["regions"], p.regions):
            for c, r in zip(region_doc["conditions"], region.requirements):
                assert parse_expr(c["condition"], local_dict=names) == r.inequality.relation()
    [m] = doc["mixed"]
    probabilities = m["cases"][0]["probabilities"]
    [case] = result.mixed[0].cases
    assert parse_expr(probabilities["China"]["restrict"], local_dict=names) == case.probabilities[1][1]
    assert parse_expr(m["condition"], local_dict=names) == result.mixed[0].relation()
    assert doc["complete"] is True


def test_outcome_limits_the_outcomes(runs):
    text = runs["outcome"].stdout
    assert "Outcome burden_sharing" in text
    assert "Outcome free_riding" not in text and "Outcome dual_chain" not in text
    assert "Free parameters: K in [0.1, 3], s in [0, 1]" in text


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_gives_one_error_line(runs, name):
    process = runs[name]
    _, flag, key = BAD[name]
    assert process.returncode == 2
    assert process.stdout == ""
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1, process.stderr
    assert lines[0].startswith("error: ")
    assert flag in lines[0] and key in lines[0]
    assert "Traceback" not in process.stderr
    assert "params" not in lines[0]     # library argument names are said as flags
