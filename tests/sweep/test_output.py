import json
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from gametheory_re.errors import GameFileError
from gametheory_re.sweep import sweep

AXIS = ["rho=0:1:2000"]


def test_csv_and_jsonl_hold_the_same_rows(tmp_path):
    table = sweep("us_china", AXIS, out=tmp_path / "a.csv", chunk_size=300, as_frame=False)
    sweep("us_china", AXIS, out=tmp_path / "a.jsonl", chunk_size=300, collect=False)
    lines = (tmp_path / "a.csv").read_text().splitlines()
    assert lines[0] == "rho,label,n_equilibria,n_pure,dual_chain,status_quo,restriction"
    assert len(lines) == 2001
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert [r["label"] for r in rows] == table["label"].tolist()
    assert [r["rho"] for r in rows] == table["rho"].tolist()
    assert not (tmp_path / "a.csv.parts").exists()


def test_existing_parts_need_resume_and_matching_settings(tmp_path):
    out = tmp_path / "a.csv"
    (tmp_path / "a.csv.parts").mkdir()
    with pytest.raises(GameFileError, match="--resume"):
        sweep("us_china", AXIS, out=out)
    with pytest.raises(GameFileError, match="other settings"):
        sweep("us_china", AXIS, out=out, resume=True)


def test_bad_output_name(tmp_path):
    with pytest.raises(GameFileError, match=r"\.csv or \.jsonl"):
        sweep("us_china", AXIS, out=tmp_path / "a.txt")


SLOW_SWEEP = (
    "import sys, time\n"
    "from gametheory_re.sweep import sweep\n"
    "sweep('us_china', ['rho=0:1:2000'], out=sys.argv[1], chunk_size=20, collect=False,\n"
    "      progress=lambda n: time.sleep(0.05))\n"
)


def test_killed_sweep_leaves_no_output_and_resume_finishes_it_identically(tmp_path):
    out = tmp_path / "k.csv"
    # From tmp_path: run from the checkout, "python -c" would import its source tree.
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SWEEP, str(out)], cwd=tmp_path)
    parts = tmp_path / "k.csv.parts"
    deadline = time.time() + 60
    while time.time() < deadline and len(list(parts.glob("*.csv"))) < 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = len(list(parts.glob("*.csv")))
    assert 5 <= finished < 100, "the sweep should have been killed mid-run"
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))

    from click.testing import CliRunner

    from gametheory_re.cli import main

    args = ["sweep", "us_china", "--vary", "rho=0:1:2000", "--chunk-size", "20", "--quiet"]
    resumed = CliRunner().invoke(main, args + ["--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    fresh = tmp_path / "fresh.csv"
    assert CliRunner().invoke(main, args + ["--out", str(fresh)]).exit_code == 0
    assert out.read_text() == fresh.read_text()
    assert not parts.exists()


def test_resume_with_collect_reads_finished_chunks_back(tmp_path):
    out = tmp_path / "r.jsonl"
    whole = sweep("us_china", AXIS, chunk_size=500, as_frame=False)
    sweep("us_china", AXIS, out=out, chunk_size=500, collect=False)
    # Simulate an interruption after two chunks: rebuild the parts folder by hand.
    from gametheory_re.sweep.output import ChunkStore
    from gametheory_re.sweep.run import make_spec, manifest

    out.unlink()
    spec = make_spec(__import__("gametheory_re").load_game("us_china"), AXIS, chunk_size=500)
    store = ChunkStore(out, manifest(spec), resume=False)
    from gametheory_re.sweep.engine import solve_chunk

    for i in (0, 2):
        store.write(i, solve_chunk(spec, i))
    again = sweep("us_china", AXIS, out=out, chunk_size=500, resume=True, as_frame=False)
    assert np.array_equal(again, whole)
