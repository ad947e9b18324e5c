"""Every ``gtre`` command, run as a user runs it: the installed console script,
from an empty folder, on bundled game names.

The commands run concurrently (each is a separate process, mostly start-up
time), once per module; each test then checks one command's outcome.
"""

import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from gametheory_re.cli import main

from _support import need_gtre

PNG = b"\x89PNG\r\n\x1a\n"

# name -> (arguments, files the command must create); one entry at least per command.
RUNS = {
    "list": (["list"], []),
    "show": (["show", "us_japan_china"], []),
    "solve": (["solve", "us_china", "--set", "q=0.3"], []),
    "solve --json": (["solve", "us_china", "--set", "rho=0.3", "--json"], []),
    "solve --plot": (["solve", "us_japan_china_sequential", "--plot", "tree.png"], ["tree.png"]),
    "solve --plot 2x2": (["solve", "battle_of_the_sexes", "--plot", "br.png"], ["br.png"]),
    "solve --plot 3x3": (["solve", "rock_paper_scissors", "--plot", "x.png"], ["x.png"]),
    "solve --qre": (["solve", "us_japan_china", "--qre", "--plot", "qre.png"], ["qre.png"]),
    "validate": (["validate", "us_japan_china"], []),
    "convert .nfg": (["convert", "us_china", "us_china.nfg"], ["us_china.nfg"]),
    "convert .efg": (["convert", "us_japan_china_sequential", "game_c.efg"], ["game_c.efg"]),
    "compare": (["compare", "us_japan_china"], []),
    "sweep": (
        ["sweep", "us_japan_china", "--vary", "s=0:1:11", "--vary", "K=0.1:3:11", "--outcome", "burden_sharing",
         "--out", "x.csv", "--plot", "x.png"],
        ["x.csv", "x.png"],
    ),
    "threshold": (["threshold", "us_china", "--param", "rho", "--outcome", "status_quo"], []),
    "conditions": (["conditions", "us_china", "--free", "rho"], []),
    "sensitivity": (
        ["sensitivity", "us_japan_china", "--outcome", "burden_sharing", "--samples", "256", "--out", "runs.csv",
         "--plot", "bars.png"],
        ["runs.csv", "bars.png"],
    ),
    "discover": (
        ["discover", "us_japan_china", "--outcome", "burden_sharing", "--vary", "s", "--vary", "K", "--samples", "300",
         "--out", "runs.csv", "--plot", "box.png"],
        ["runs.csv", "box.png"],
    ),
    "simulate": (
        ["simulate", "us_japan_china_dual_chain", "--periods", "30", "--compare", "phi_theta=0", "--out", "d.csv",
         "--plot", "d.png"],
        ["d.csv", "d.png"],
    ),
    "report": (
        ["report", "us_japan_china", "-o", "r.html", "--sweep", "s=0:1:11,K=0.1:3:11", "--conditions", "s,K"],
        ["r.html"],
    ),
    "learn": (
        ["learn", "rock_paper_scissors", "--rule", "replicator", "--start", "0.5,0.3,0.2;0.2,0.3,0.5", "--out",
         "t.csv", "--plot", "t.png"],
        ["t.csv", "t.png"],
    ),
}
COMMANDS = sorted(main.commands)
HELP = {f"{command} --help": ([command, "--help"], []) for command in COMMANDS} | {"--help": (["--help"], [])}



def help_examples() -> dict[str, tuple[list[str], list[str]]]:
    """Every example line of ``gtre --help`` and ``gtre COMMAND --help``."""
    texts = [main.help or ""] + [main.commands[name].help or "" for name in COMMANDS]
    lines = [line.strip() for text in texts for line in text.splitlines()]
    return {f"example: {line}": (shlex.split(line)[1:], []) for line in lines if line.startswith("gtre ")}


EXAMPLES = help_examples()

SWEEP_SNIPPET = """
import pandas
from gametheory_re.sweeps import sweep
frame = sweep("us_japan_china", ["s=0:1:3", "K=0.1:3:3"])
assert isinstance(frame, pandas.DataFrame), type(frame)
print(frame.groupby("support").size().sum())
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run every command once from an empty folder; name -> (process, folder)."""
    gtre = need_gtre()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    jobs = {name: [str(gtre), *args] for name, (args, _) in (RUNS | HELP | EXAMPLES).items()}
    jobs["python sweep()"] = [sys.executable, "-c", SWEEP_SNIPPET]
    folders = {name: tmp_path_factory.mktemp("empty") for name in jobs}

    def run(name):
        return subprocess.run(jobs[name], cwd=folders[name], env=env, capture_output=True, text=True, timeout=120)

    with ThreadPoolExecutor(max_workers=4) as pool:
        done = dict(zip(jobs, pool.map(run, jobs)))
    return {name: (done[name], folders[name]) for name in jobs}


def assert_ran(process):
    assert process.returncode == 0, process.stderr
    assert "Traceback" not in process.stderr
    assert process.stdout.strip()


def test_every_command_has_a_smoke_run():
    assert {args[0] for args, _ in RUNS.values()} == set(COMMANDS)


@pytest.mark.parametrize("name", list(RUNS))
def test_command_runs_and_writes_its_files(runs, name):
    process, folder = runs[name]
    assert_ran(process)
    for file in RUNS[name][1]:
        data = (folder / file).read_bytes()
        assert data, f"{file} is empty"
        if file.endswith(".png"):
            assert data.startswith(PNG)
    assert {p.name for p in folder.iterdir()} <= set(RUNS[name][1]), "wrote files it was not asked for"


def test_outputs_are_what_they_claim(runs):
    assert json.loads(runs["solve --json"][0].stdout)
    rows = (runs["sweep"][1] / "x.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 11 * 11
    assert (runs["convert .nfg"][1] / "us_china.nfg").read_text(encoding="utf-8").startswith("NFG 1 R")
    assert (runs["convert .efg"][1] / "game_c.efg").read_text(encoding="utf-8").startswith("EFG 2 R")
    page = (runs["report"][1] / "r.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="sweep-1"' in page and 'id="conditions"' in page


@pytest.mark.parametrize("name", list(HELP))
def test_help(runs, name):
    process, _ = runs[name]
    assert_ran(process)
    assert process.stdout.startswith("Usage: gtre")


def test_every_command_shows_examples():
    assert {args[0] for args, _ in EXAMPLES.values()} == set(COMMANDS)


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_help_examples_run_from_an_empty_folder(runs, name):
    assert_ran(runs[name][0])


def test_python_sweep_returns_a_data_frame(runs):
    process, _ = runs["python sweep()"]
    assert process.returncode == 0, process.stderr
    assert process.stdout.split() == ["9"]
