import csv
import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest
from _sweeps import kill_then_resume

from gametheory_re.errors import GameFileError
from gametheory_re.sweeps import run as sweep_run
from gametheory_re.sweeps import sweep

AXIS = ["rho=0:1:2000"]


def test_csv_and_jsonl_hold_the_same_rows(tmp_path):
    table = sweep("us_china", AXIS, out=tmp_path / "a.csv", chunk_size=300, as_frame=False)
    sweep("us_china", AXIS, out=tmp_path / "a.jsonl", chunk_size=300, collect=False)
    lines = (tmp_path / "a.csv").read_text().splitlines()
    assert lines[0] == "rho,label,support,n_equilibria,n_pure,dual_chain,status_quo,restriction"
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
    with pytest.raises(GameFileError, match="another game, grid, settings"):
        sweep("us_china", AXIS, out=out, resume=True)


def test_bad_output_name(tmp_path):
    with pytest.raises(GameFileError, match=r"\.csv, \.jsonl or \.parquet"):
        sweep("us_china", AXIS, out=tmp_path / "a.txt")


def test_killed_sweep_leaves_no_output_and_resume_finishes_it_identically(tmp_path):
    out, fresh = kill_then_resume(tmp_path, "csv")
    assert out.read_text() == fresh.read_text()


def test_resume_with_collect_reads_finished_chunks_back(tmp_path):
    out = tmp_path / "r.jsonl"
    whole = sweep("us_china", AXIS, chunk_size=500, as_frame=False)
    sweep("us_china", AXIS, out=out, chunk_size=500, collect=False)
    # Simulate an interruption after two chunks: rebuild the parts folder by hand.
    from gametheory_re.sweeps.output import ChunkStore
    from gametheory_re.sweeps.run import make_spec, manifest

    out.unlink()
    spec = make_spec(__import__("gametheory_re").load_game("us_china"), AXIS, chunk_size=500)
    store = ChunkStore(out, manifest(spec), resume=False)
    from gametheory_re.sweeps.engine import solve_chunk

    for i in (0, 2):
        store.write(i, solve_chunk(spec, i))
    store.close()
    again = sweep("us_china", AXIS, out=out, chunk_size=500, resume=True, as_frame=False)
    assert np.array_equal(again, whole)


# ------------------------------------------------ resume, checksums, lock, overwrite

from pathlib import Path  # noqa: E402

from gametheory_re.sweeps.output import ChunkStore  # noqa: E402
from gametheory_re.sweeps.run import make_spec, manifest  # noqa: E402

GAME_TEXT = (Path(__file__).parents[2] / "games" / "us_china.toml").read_text()
CHUNK = 500  # AXIS has 2000 points: 4 chunks


class Stop(Exception):
    pass


def interrupt(game, out, after=2):
    """Run a sweep to ``out`` and stop it after ``after`` chunks, leaving OUT.parts."""
    seen = []

    def progress(n):
        seen.append(n)
        if len(seen) == after:
            raise Stop

    with pytest.raises(Stop):
        sweep(game, AXIS, out=out, chunk_size=CHUNK, collect=False, progress=progress)
    assert len(list(Path(f"{out}.parts").glob("*.csv"))) == after


@pytest.mark.parametrize(
    "old, new",
    [
        ('when = "restrict"', 'when = "supply"'),  # an outcome definition
        ("engage", "cooperate"),  # a strategy name
        ('name = "China"', 'name = "PRC"'),  # a player name
        ("max = 1\nunit = \"share of exports\"", "max = 0.9\nunit = \"share of exports\""),  # a bound
        ('X_U = "L_U*d_U*(1 - theta_U)*q"', 'X_U = "L_U*d_U*(1 - theta_U)*q*q"'),  # a definition
    ],
)
def test_resume_refuses_a_game_edited_in_any_way_that_changes_rows(tmp_path, old, new):
    game, out = tmp_path / "g.toml", tmp_path / "g.csv"
    game.write_text(GAME_TEXT)
    interrupt(game, out)
    assert old in GAME_TEXT
    game.write_text(GAME_TEXT.replace(old, new))
    with pytest.raises(GameFileError, match="another game"):
        sweep(game, AXIS, out=out, chunk_size=CHUNK, collect=False, resume=True)


def test_resume_accepts_the_same_game_under_another_path(tmp_path):
    game, out = tmp_path / "g.toml", tmp_path / "g.csv"
    game.write_text(GAME_TEXT)
    interrupt(game, out)
    moved = tmp_path / "sub" / "moved.toml"
    moved.parent.mkdir()
    game.rename(moved)
    sweep(moved, AXIS, out=out, chunk_size=CHUNK, collect=False, resume=True)
    expected = sweep(moved, AXIS, as_frame=False)
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["label"] for row in rows] == expected["label"].tolist()


def test_resume_refuses_another_package_version(tmp_path, monkeypatch):
    out = tmp_path / "g.csv"
    interrupt("us_china", out)
    monkeypatch.setattr(sweep_run, "__version__", "0.0.0-other")  # gametheory_re.sweeps is also the function
    with pytest.raises(GameFileError, match="package version"):
        sweep("us_china", AXIS, out=out, chunk_size=CHUNK, collect=False, resume=True)


def test_the_game_fingerprint_is_the_same_in_another_process():
    from gametheory_re.sweeps.run import game_fingerprint

    code = "from gametheory_re import load_game; from gametheory_re.sweeps.run import game_fingerprint as f\n" \
           "print(f(load_game('us_japan_china')), f(load_game('us_japan_china_sequential')))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    from gametheory_re import load_game

    assert other == [game_fingerprint(load_game("us_japan_china")), game_fingerprint(load_game("us_japan_china_sequential"))]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"",  # emptied
        lambda data: b"\x00\xffgarbage,\n,,,\n",  # garbage
        lambda data: data.replace(b"supply", b"suppli", 1),  # one changed byte
    ],
)
def test_resume_recomputes_damaged_chunks_and_the_file_is_complete(tmp_path, damage):
    out, fresh = tmp_path / "d.csv", tmp_path / "fresh.csv"
    interrupt("us_china", out)
    chunk = tmp_path / "d.csv.parts" / "00000001.csv"
    chunk.write_bytes(damage(chunk.read_bytes()))
    from click.testing import CliRunner

    from gametheory_re.cli import main

    args = ["sweep", "us_china", "--vary", AXIS[0], "--chunk-size", str(CHUNK), "--quiet"]
    result = CliRunner().invoke(main, args + ["--out", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert "1 damaged chunk(s) computed again" in result.output
    assert CliRunner().invoke(main, args + ["--out", str(fresh)]).exit_code == 0
    assert out.read_text() == fresh.read_text()
    assert len(out.read_text().splitlines()) == 2001


def test_a_garbage_chunk_with_a_matching_checksum_is_recomputed_not_a_traceback(tmp_path):
    import hashlib

    out = tmp_path / "g.csv"
    interrupt("us_china", out)
    garbage = b"not,a,row\n"
    parts = tmp_path / "g.csv.parts"
    (parts / "00000000.csv").write_bytes(garbage)
    (parts / "00000000.csv.sum").write_text(json.dumps({"rows": CHUNK, "sha256": hashlib.sha256(garbage).hexdigest()}))
    table = sweep("us_china", AXIS, out=out, chunk_size=CHUNK, resume=True, as_frame=False)
    assert np.array_equal(table, sweep("us_china", AXIS, chunk_size=CHUNK, as_frame=False))


def test_garbage_manifest_is_one_error(tmp_path):
    out = tmp_path / "g.csv"
    interrupt("us_china", out)
    (tmp_path / "g.csv.parts" / "manifest.json").write_bytes(b"\x00{not json")
    with pytest.raises(GameFileError, match="another game"):
        sweep("us_china", AXIS, out=out, chunk_size=CHUNK, resume=True)


def test_two_sweeps_on_one_output_do_not_both_run(tmp_path):
    out = tmp_path / "l.csv"
    spec = make_spec(__import__("gametheory_re").load_game("us_china"), AXIS, chunk_size=CHUNK)
    first = ChunkStore(out, manifest(spec), resume=False)
    for resume in (False, True):
        with pytest.raises(GameFileError, match="another sweep is writing this file"):
            sweep("us_china", AXIS, out=out, chunk_size=CHUNK, collect=False, resume=resume)
    first.close()
    sweep("us_china", AXIS, out=out, chunk_size=CHUNK, collect=False, resume=True)
    assert len(out.read_text().splitlines()) == 2001
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.csv"]  # no lock file, no parts left


def test_lock_holds_across_processes(tmp_path):
    out = tmp_path / "p.csv"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom gametheory_re.sweeps import sweep\n"
         "sweep('us_china', ['rho=0:1:2000'], out=sys.argv[1], chunk_size=20, collect=False,\n"
         "      progress=lambda n: time.sleep(0.05))\n", str(out)])
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not list((tmp_path / "p.csv.parts").glob("*.csv")):
            time.sleep(0.05)
        with pytest.raises(GameFileError, match="another sweep is writing this file"):
            sweep("us_china", AXIS, out=out, chunk_size=20, collect=False, resume=True)
    finally:
        holder.kill()
        holder.wait()


def test_an_existing_output_is_replaced_only_with_overwrite(tmp_path):
    out = tmp_path / "o.csv"
    out.write_text("precious")
    with pytest.raises(GameFileError, match="exists; pass overwrite=True"):
        sweep("us_china", AXIS, out=out, collect=False)
    assert out.read_text() == "precious" and not (tmp_path / "o.csv.parts").exists()
    sweep("us_china", AXIS, out=out, collect=False, overwrite=True)
    assert len(out.read_text().splitlines()) == 2001


def test_an_unwritable_output_is_refused_before_any_point_is_solved(tmp_path, monkeypatch):
    from gametheory_re.sweeps import run  # gametheory_re.sweeps is also the function

    monkeypatch.setattr(run, "run_chunks", lambda *a, **k: pytest.fail("solved before checking the output"))
    (tmp_path / "file").write_text("")
    for out in (tmp_path / "file" / "o.csv", tmp_path / "missing" / "o.csv", "/proc/o.csv"):
        with pytest.raises(GameFileError, match="cannot write the file"):
            sweep("us_china", AXIS, out=out, collect=False)


def test_a_full_disk_while_writing_chunks_is_one_error(tmp_path, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    out = tmp_path / "f.csv"
    monkeypatch.setattr("gametheory_re.atomic.os.fsync", full)
    with pytest.raises(GameFileError, match="No space left on device"):
        sweep("us_china", AXIS, out=out, collect=False)
    assert not out.exists()


def test_resume_or_streaming_without_an_output_is_an_error():
    for kwargs in ({"resume": True}, {"collect": False}):
        with pytest.raises(GameFileError, match="need an output file"):
            sweep("us_china", AXIS, **kwargs)


def _reference_rows(table, fmt):
    """format_rows written the obvious way, one cell at a time."""
    def cell(v):
        if isinstance(v, float):
            return repr(v) if np.isfinite(v) else ("null" if fmt == "jsonl" else "")
        if isinstance(v, (int, bool)):
            return str(v)
        if fmt == "jsonl":
            return json.dumps(v)
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v

    rows = [[cell(table[n][i].item() if hasattr(table[n][i], "item") else table[n][i]) for n in table]
            for i in range(len(next(iter(table.values()))))]
    if fmt == "jsonl":
        return "".join("{" + ", ".join(f"{json.dumps(n)}: {c}" for n, c in zip(table, r)) + "}\n" for r in rows)
    return "".join(",".join(r) + "\n" for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("seed", range(4))
def test_format_rows_equals_a_per_row_reference(fmt, seed):
    from gametheory_re.sweeps.engine import STATUSES, CodedTable
    from gametheory_re.sweeps.output import format_rows

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    grid = np.round(rng.uniform(-2, 2, 40), int(rng.integers(0, 17)))
    floats = rng.choice(np.concatenate([grid, [np.nan, np.inf, -np.inf, 0.0, -0.0, 1e-300, 1e22, 0.1 + 0.2]]), n)
    labels = ['(a, b)', 'no pure equilibrium', 'say "hi"', 'line\nbreak', 'cr\rx', 'plain', 'é ünïcode', '']
    table = CodedTable(x=floats, y=rng.uniform(0, 1, n))
    table.add_coded("label", rng.integers(0, len(labels), n), labels)
    table["n_equilibria"] = rng.integers(0, 4, n)
    table["n_pure"] = rng.integers(0, 2, n)
    for name in ("o1", "o2", "o3"):
        table.add_coded(name, rng.integers(0, 4, n), STATUSES)
    expected = _reference_rows(table, fmt)
    assert format_rows(table, fmt) == expected
    assert format_rows(dict(table), fmt) == expected  # without codes: a chunk read back from a file
    assert format_rows({k: v[:0] for k, v in table.items()}, fmt) == ""


def test_the_tally_counts_coded_and_plain_chunks_alike():
    from gametheory_re.sweeps.engine import solve_chunk
    from gametheory_re.sweeps.run import make_spec
    from gametheory_re.sweeps.summary import Tally
    from gametheory_re import load_game

    spec = make_spec(load_game("us_japan_china"), ["s=0:1:40", "K=0.1:3:40"], chunk_size=500)
    coded, plain = Tally(spec), Tally(spec)
    for i in range(spec.n_chunks):
        chunk = solve_chunk(spec, i)
        assert chunk.codes  # the engine hands labels and statuses over as codes
        coded.add(chunk)
        plain.add(dict(chunk))
    assert coded.summary() == plain.summary()
    assert list(coded.summary().regimes) == list(plain.summary().regimes)
