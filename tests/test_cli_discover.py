"""``gtre discover`` as a user runs it, from an empty folder.

The good runs are the installed command, made once per module, concurrently
(each is mostly start-up); bad inputs run in-process (each is one error line
before any solving).
"""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pandas
import pytest
from click.testing import CliRunner

from gametheory_re.cli import main

from _support import need_gtre, need_module

GAME_B = ["us_japan_china", "--outcome", "burden_sharing", "--vary", "s", "--vary", "K"]

GOOD = {
    "text": [*GAME_B, "--samples", "300", "--plot", "box.png"],
    "json": [*GAME_B, "--samples", "300", "--json"],
    "tree": [*GAME_B, "--samples", "300", "--method", "tree", "--max-depth", "2", "--json", "--plot", "rules.svg"],
    "from": ["us_japan_china", "--outcome", "burden_sharing", "--from", "lhs.csv", "--json"],
    "from tree": ["us_japan_china", "--outcome", "burden_sharing", "--from", "lhs.csv", "--method", "tree"],
}

BAD = {
    "unknown outcome": (["us_china", "--outcome", "nope"], "--outcome", "nope"),
    "threshold": ([*GAME_B, "--threshold", "1.5"], "--threshold", "1.5"),
    "peel alpha": ([*GAME_B, "--peel-alpha", "0.9"], "--peel-alpha", "0.9"),
    "mass min": ([*GAME_B, "--mass-min", "1"], "--mass-min", "1"),
    "min leaf": ([*GAME_B, "--method", "tree", "--min-leaf", "0"], "--min-leaf", "0"),
    "box with tree": ([*GAME_B, "--samples", "50", "--method", "tree", "--box", "2"], "--box", "prim"),
    "box past the end": ([*GAME_B, "--samples", "300", "--box", "9999"], "--box", "steps 0 to"),
    "samples too few": ([*GAME_B, "--samples", "5"], "--samples", "5"),
    "status and select": ([*GAME_B, "--status", "all", "--select", "first"], "--status", "select"),
    "unknown vary": ([*GAME_B, "--vary", "nope"], "--vary", "nope"),
    "range text": ([*GAME_B, "--range", "K"], "--range", "NAME=LO:HI"),
    "from with vary": ([*GAME_B, "--from", "lhs.csv"], "--vary", "table"),
    "missing table": (["us_china", "--outcome", "status_quo", "--from", "missing.csv"], "missing.csv", "cannot read"),
    "plot format": ([*GAME_B, "--plot", "box.gif"], "--plot", "box.gif"),
    "resume without out": ([*GAME_B, "--resume"], "--resume", "out"),
}


def _run(gtre, args, cwd, env):
    return subprocess.run([str(gtre), "discover", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def env():
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, env):
    need_module("ema_workbench")
    need_module("sklearn")
    gtre = need_gtre()
    cases = dict(GOOD)
    folders = {name: tmp_path_factory.mktemp("empty") for name in cases}
    sweep = subprocess.run([str(gtre), "sweep", "us_japan_china", "--samples", "400", "--latin", "--seed", "2",
                            "--out", "lhs.csv"], cwd=folders["from"], env=env, capture_output=True, text=True,
                           timeout=300)
    assert sweep.returncode == 0, sweep.stderr
    folders["from tree"] = folders["from"]

    def run(name):
        return _run(gtre, cases[name], folders[name], env)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return {"folders": folders, **dict(zip(cases, pool.map(run, cases)))}


@pytest.mark.parametrize("name", list(GOOD))
def test_good_runs(runs, name):
    process = runs[name]
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr


def test_text_shows_the_box(runs):
    text = runs["text"].stdout
    assert text.startswith("Scenario discovery of: burden_sharing holds in every equilibrium\n")
    assert "Runs: 300, used 300, left out 0" in text
    assert "\nBox (step " in text and "coverage " in text and "density " in text and "quasi-p" in text
    assert " <= s <= " in text and "Trade-off" in text


def test_json_box_and_trajectory(runs):
    data = json.loads(runs["json"].stdout)
    assert data["method"] == "prim" and data["status"] == "all" and data["runs"] == 300
    box = data["box"]
    assert box == data["trajectory"][data["chosen"]]
    assert {limit["name"] for limit in box["limits"]} <= {"s", "K"} and box["limits"]
    assert all(0 <= limit["quasi_p"] <= 1 for limit in box["limits"])
    assert data["trajectory"][0]["coverage"] == 1 and data["trajectory"][0]["mass"] == 1


def test_json_tree_rules(runs):
    data = json.loads(runs["tree"].stdout)
    rules = data["rules"]
    assert rules[0]["holds"] and sum(r["support"] for r in rules) == pytest.approx(1.0)
    assert all(len(r["conditions"]) <= 2 for r in rules)
    assert all(r["rule"] for r in rules)


def test_pictures_are_written(runs):
    png = runs["folders"]["text"] / "box.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = runs["folders"]["tree"] / "rules.svg"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "Picture written to box.png" in runs["text"].stdout
    assert json.loads(runs["tree"].stdout)["plot"] == "rules.svg"


def test_from_a_sweep_table_reads_its_rows(runs):
    data = json.loads(runs["from"].stdout)
    rows = pandas.read_csv(runs["folders"]["from"] / "lhs.csv")
    assert data["runs"] == len(rows) == 400 and data["fixed"] is None and data["settings"]["table"] == "lhs.csv"
    assert data["used"] == (rows["burden_sharing"] != "unknown").sum()
    assert "Rules (one per leaf" in runs["from tree"].stdout


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_one_line(tmp_path, monkeypatch, name):
    need_module("ema_workbench")
    need_module("sklearn")
    args, flag, words = BAD[name]
    monkeypatch.chdir(tmp_path)
    if "--from" in args and "lhs.csv" in args:
        (tmp_path / "lhs.csv").write_text("s,K,label,burden_sharing\n0.1,1,x,all\n", encoding="utf-8")
    process = CliRunner().invoke(main, ["discover", *args])
    assert process.exit_code == 2, process.output
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), process.stderr
    assert flag in lines[0] and words in lines[0], lines[0]


@pytest.mark.parametrize("library, words", [("ema_workbench", "EMA Workbench"), ("sklearn", "scikit-learn")])
def test_without_the_extra_the_error_names_it(tmp_path, env, library, words):
    need_gtre()
    method = "prim" if library == "ema_workbench" else "tree"
    code = (f"import sys; sys.modules[{library!r}] = None; sys.argv = ['gtre'] + sys.argv[1:]; "
            "from gametheory_re.cli import main; main()")
    process = subprocess.run([sys.executable, "-c", code, "discover", *GAME_B, "--samples", "50", "--method", method],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert process.returncode == 2
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and "'sensitivity' extra" in lines[0] and words in lines[0], process.stderr
