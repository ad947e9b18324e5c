"""``gtre sensitivity`` as a user runs it: the installed command, from an empty folder.

The runs are made once per module, concurrently (each is mostly start-up).
"""

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pandas
import pytest
from click.testing import CliRunner

from gametheory_re.cli import main

from _support import need_gtre, need_module

GAME_A = ["us_china", "--outcome", "status_quo"]

GOOD = {
    "text": [*GAME_A, "--samples", "64"],
    "json": [*GAME_A, "--samples", "64", "--json"],
    "second order": [*GAME_A, "--vary", "rho", "--vary", "g", "--vary", "K", "--samples", "64", "--second-order",
                     "--json"],
    "rbd-fast fixed and ranged": [*GAME_A, "--method", "rbd-fast", "--samples", "500", "--fix", "gamma=0.25",
                                  "--range", "K=0.5:2", "--json"],
    "pawn": [*GAME_A, "--method", "pawn", "--samples", "500", "--json"],
    "filtering some": [*GAME_A, "--method", "filtering", "--status", "some", "--samples", "500", "--json"],
    "select": [*GAME_A, "--select", "payoff_dominant", "--samples", "64", "--json"],
}

BAD = {
    "not a power of 2": ([*GAME_A, "--samples", "1000"], "--samples", "power of 2"),
    "fix outside bounds": ([*GAME_A, "--fix", "K=99"], "--fix", "K"),
    "fix not NAME=VALUE": ([*GAME_A, "--fix", "K"], "--fix", "NAME=VALUE"),
    "range outside bounds": ([*GAME_A, "--range", "K=5:6"], "--range", "K"),
    "range reversed": ([*GAME_A, "--range", "K=2:1"], "--range", "below"),
    "range text": ([*GAME_A, "--range", "K"], "--range", "NAME=LO:HI"),
    "unknown vary": ([*GAME_A, "--vary", "nope"], "--vary", "nope"),
    "vary and fix": ([*GAME_A, "--vary", "K", "--fix", "K=1"], "--fix", "K"),
    "unknown outcome": (["us_china", "--outcome", "nope"], "--outcome", "nope"),
    "second order pawn": ([*GAME_A, "--method", "pawn", "--second-order"], "--second-order", "sobol"),
    "sobol from a sweep table": ([*GAME_A, "--from", "grid.csv"], "--from", "own sample design"),
    "missing table": ([*GAME_A, "--method", "pawn", "--from", "missing.csv"], "missing.csv", "cannot read"),
    "table not a table": ([*GAME_A, "--method", "pawn", "--from", "notes.txt"], "notes.txt", ".csv"),
    "conf level": ([*GAME_A, "--conf-level", "1.5"], "--conf-level", "1.5"),
    "resume without out": ([*GAME_A, "--resume"], "--resume", "out"),
    "status and select": ([*GAME_A, "--status", "all", "--select", "first"], "--status", "different quantities"),
    "select on a tree": (["us_japan_china_sequential", "--outcome", "burden_sharing", "--select", "first"], "--select",
                         "subgame-perfect"),
    "filtering a probability": ([*GAME_A, "--select", "first", "--method", "filtering"], "--select", "needs a status"),
}


def _run(gtre, args, cwd, env):
    return subprocess.run([str(gtre), "sensitivity", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def env():
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory, env):
    need_module("SALib")
    gtre = need_gtre()
    cases = dict(GOOD)
    folders = {name: tmp_path_factory.mktemp("empty") for name in cases}

    def run(name):
        return _run(gtre, cases[name], folders[name], env)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(cases, pool.map(run, cases)))


@pytest.mark.parametrize("name", list(GOOD))
def test_good_runs(runs, name):
    process = runs[name]
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    if "--json" in GOOD[name]:
        data = json.loads(process.stdout)
        assert data["quantity"].startswith("probability of status_quo" if data["select"] else "status_quo holds in")
        assert len(data["indices"]) == len(data["parameters"])


def test_text_names_what_was_analysed(runs):
    text = runs["text"].stdout
    assert text.startswith("Sensitivity of: status_quo holds in every equilibrium\n")
    assert "Searched: all equilibria: batched support enumeration (2 players)" in text
    assert "Runs: 768, used 768, left out 0" in text  # 64 base samples x (10 + 2)
    assert "Fixed: nothing (every parameter varied)" in text
    assert all(f"\n  {name} " in text for name in ("pi", "q", "g", "rho", "d_U", "L_U", "theta_U", "K", "b", "gamma"))


def test_json_records_the_study(runs):
    data = json.loads(runs["json"].stdout)
    assert data["method"] == "sobol" and data["ranked_by"] == "ST" and data["status"] == "all"
    assert data["runs"] == 768 and data["settings"]["samples"] == 64
    assert {"S1", "S1_conf", "ST", "ST_conf"} <= set(data["indices"][0])
    st = [row["ST"] for row in data["indices"]]
    assert st == sorted(st, reverse=True)
    second = json.loads(runs["second order"].stdout)
    assert second["runs"] == 64 * (2 * 3 + 2)
    assert {(p["parameter_1"], p["parameter_2"]) for p in second["second_order"]} == {("g", "rho"), ("g", "K"), ("rho", "K")}


def test_selected_probability_is_its_own_quantity(runs):
    data = json.loads(runs["select"].stdout)
    assert data["select"] == "payoff_dominant" and data["status"] is None
    assert data["quantity"] == "probability of status_quo in the payoff_dominant equilibrium"
    assert 0 <= data["mean"] <= 1


def test_fixed_and_ranged_parameters_are_reported(runs):
    data = json.loads(runs["rbd-fast fixed and ranged"].stdout)
    assert data["fixed"] == {"gamma": 0.25}
    k = next(p for p in data["parameters"] if p["name"] == "K")
    assert (k["low"], k["high"], k["range_given"]) == (0.5, 2.0, True)
    assert "gamma" not in [p["name"] for p in data["parameters"]]


def test_filtering_gives_the_direction(runs):
    data = json.loads(runs["filtering some"].stdout)
    rows = {row["parameter"]: row for row in data["indices"]}
    # China supplies when its reputational cost is high: rho is larger where status_quo holds.
    assert rows["rho"]["mean_holds"] > rows["rho"]["mean_fails"]
    assert data["indices"][0]["KS"] >= data["indices"][-1]["KS"]


@pytest.fixture(scope="module")
def grid_table(tmp_path_factory):
    """A grid sweep's rows: a table, but not a Sobol design."""
    folder = tmp_path_factory.mktemp("grid")
    assert CliRunner().invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--vary", "g=0.2:2:5", "--out",
                                     str(folder / "grid.csv")]).exit_code == 0
    return folder / "grid.csv"


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_one_line(name, tmp_path, monkeypatch, grid_table):
    # In-process: each is refused before any solving, by the command's own error handling.
    need_module("SALib")
    args, flag, words = BAD[name]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("a note\n", encoding="utf-8")
    shutil.copy(grid_table, tmp_path / "grid.csv")
    process = CliRunner().invoke(main, ["sensitivity", *args])
    assert process.exit_code == 2, process.output
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), process.stderr
    assert flag in lines[0] and words in lines[0], lines[0]
    assert "Traceback" not in process.stderr


def test_out_plot_resume_and_from(tmp_path, env):
    need_module("SALib")
    gtre = need_gtre()
    args = [*GAME_A, "--samples", "32", "--out", "runs.csv", "--plot", "bars.svg", "--json"]
    first = _run(gtre, args, tmp_path, env)
    assert first.returncode == 0, first.stderr
    rows = pandas.read_csv(tmp_path / "runs.csv")
    assert len(rows) == 32 * 12 and list(rows.columns)[:10] == ["pi", "q", "g", "rho", "d_U", "L_U", "theta_U", "K", "b", "gamma"]
    assert (tmp_path / "bars.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    again = _run(gtre, args, tmp_path, env)
    assert again.returncode == 2 and "--force" in again.stderr  # nothing the user had is overwritten
    # The runs written are analysed again, for another status, without solving again.
    reread = _run(gtre, [*GAME_A, "--from", "runs.csv", "--json"], tmp_path, env)
    assert reread.returncode == 0, reread.stderr
    before, after = json.loads(first.stdout), json.loads(reread.stdout)
    assert before["indices"] == after["indices"] and after["settings"]["samples"] == 32
    some = _run(gtre, [*GAME_A, "--from", "runs.csv", "--status", "some", "--json"], tmp_path, env)
    assert some.returncode == 0 and json.loads(some.stdout)["status"] == "some"
    second = _run(gtre, [*GAME_A, "--from", "runs.csv", "--second-order"], tmp_path, env)
    assert second.returncode == 2 and "second-order rows" in second.stderr
    # An interrupted study finishes from its chunks: a part deleted is computed again.
    (tmp_path / "runs.csv").unlink()
    partial = _run(gtre, [*GAME_A, "--samples", "32", "--out", "runs.csv", "--chunk-size", "100", "--json"],
                   tmp_path, env)
    assert partial.returncode == 0
    assert json.loads(partial.stdout)["indices"] == before["indices"]  # the chunk size changes no number
    # A sample-based method reads an earlier sweep's rows without solving again.
    sweep = subprocess.run([str(gtre), "sweep", "us_china", "--samples", "3000", "--latin", "--out", "lhs.csv"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert sweep.returncode == 0, sweep.stderr
    table = _run(gtre, [*GAME_A, "--method", "filtering", "--from", "lhs.csv", "--json"], tmp_path, env)
    assert table.returncode == 0, table.stderr
    data = json.loads(table.stdout)
    assert data["runs"] == 3000 and data["fixed"] is None and data["settings"]["table"] == "lhs.csv"
    assert data["indices"][0]["parameter"] == "g"
    again = _run(gtre, [*GAME_A, "--method", "filtering", "--from", "lhs.csv", "--samples", "64"], tmp_path, env)
    assert again.returncode == 2 and "--samples" in again.stderr


def test_without_salib_the_error_names_the_extra(tmp_path, env):
    need_gtre()
    code = ("import sys; sys.modules['SALib'] = None; sys.argv = ['gtre'] + sys.argv[1:]; "
            "from gametheory_re.cli import main; main()")
    process = subprocess.run([sys.executable, "-c", code, "sensitivity", *GAME_A, "--samples", "8"], cwd=tmp_path,
                             env=env, capture_output=True, text=True, timeout=120)
    assert process.returncode == 2
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and "'sensitivity' extra" in lines[0] and "SALib" in lines[0], process.stderr
