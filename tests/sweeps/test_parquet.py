"""Sweeps to Parquet (gametheory_re/sweeps/parquet.py): round trip, resume, overwrite, pyarrow missing."""

import sys

import numpy as np
import pytest
from _support import need_module
from _sweeps import kill_then_resume
from click.testing import CliRunner

from gametheory_re import load_game
from gametheory_re.cli import main
from gametheory_re.errors import GameFileError
from gametheory_re.sweeps import sweep
from gametheory_re.sweeps.run import make_spec, run_spec

AXES = ["s=0:1:30", "K=0.1:3:40"]
TEXT = ["label", "support", "burden_sharing", "free_riding", "dual_chain"]


def _read(path):
    """The Parquet file as a DataFrame with the text columns as sweep() returns them."""
    need_module("pyarrow")
    pandas = need_module("pandas")
    frame = pandas.read_parquet(path)
    return frame.astype({name: object for name in frame.columns if frame[name].dtype == "category"})


def test_round_trip_equals_the_returned_table_with_one_row_group_per_chunk(tmp_path):
    pq = need_module("pyarrow.parquet")
    pandas = need_module("pandas")
    out = tmp_path / "b.parquet"
    frame = sweep("us_japan_china", AXES, out=out, chunk_size=500)
    back = _read(out)
    pandas.testing.assert_frame_equal(back, frame.astype({name: object for name in TEXT}))
    file = pq.ParquetFile(out)
    assert file.metadata.num_row_groups == 3  # 1200 points in chunks of 500
    types = {field.name: str(field.type) for field in file.schema_arrow}
    assert types["s"] == types["K"] == "double"
    assert types["n_equilibria"] == types["n_pure"] == "int64"
    for name in TEXT:
        assert types[name] == "dictionary<values=string, indices=int32, ordered=0>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.parquet"]  # no parts, no lock, no temporary


def test_parquet_csv_and_undefined_points_hold_the_same_rows(tmp_path):
    need_module("pyarrow")
    # A 2-player sweep with all equilibria: labels from the batched and the point solver.
    frame = sweep("us_china", ["rho=0:1:300", "q=0.1:1:7"], out=tmp_path / "c.parquet", chunk_size=256)
    sweep("us_china", ["rho=0:1:300", "q=0.1:1:7"], out=tmp_path / "c.csv", chunk_size=256, collect=False)
    back = _read(tmp_path / "c.parquet")
    assert back["label"].tolist() == frame["label"].tolist()
    assert back["support"].tolist() == frame["support"].tolist()
    csv_text = (tmp_path / "c.csv").read_text().splitlines()
    assert len(csv_text) == len(back) + 1


def test_killed_parquet_sweep_leaves_no_output_and_resume_finishes_it_identically(tmp_path):
    need_module("pyarrow")
    out, fresh = kill_then_resume(tmp_path, "parquet")
    assert out.read_bytes() == fresh.read_bytes()


def test_resume_reads_parquet_chunks_back_and_recomputes_a_damaged_one(tmp_path):
    need_module("pyarrow")
    out = tmp_path / "r.parquet"
    whole = sweep("us_china", ["rho=0:1:2000"], chunk_size=500, as_frame=False)
    seen = []

    class Stop(Exception):
        pass

    def stop_after_two(n):
        seen.append(n)
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        sweep("us_china", ["rho=0:1:2000"], out=out, chunk_size=500, collect=False, progress=stop_after_two)
    chunk = tmp_path / "r.parquet.parts" / "00000001.parquet"
    chunk.write_bytes(chunk.read_bytes()[:100])  # truncated
    spec = make_spec(load_game("us_china"), ["rho=0:1:2000"], chunk_size=500)
    result = run_spec(spec, out=out, resume=True, as_frame=False)
    assert np.array_equal(result.table, whole)
    assert result.summary.recomputed_chunks == 1
    assert np.array_equal(_read(out)["label"].to_numpy(), whole["label"])


def test_an_existing_parquet_output_needs_force(tmp_path):
    need_module("pyarrow")
    out = tmp_path / "o.parquet"
    out.write_bytes(b"precious")
    args = ["sweep", "us_china", "--vary", "rho=0:1:50", "--quiet", "--out", str(out)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code != 0
    assert "exists; add --force to replace it" in refused.output
    assert out.read_bytes() == b"precious"
    with pytest.raises(GameFileError, match="exists; pass overwrite=True"):
        sweep("us_china", ["rho=0:1:50"], out=out, collect=False)
    assert CliRunner().invoke(main, args + ["--force"]).exit_code == 0
    assert len(_read(out)) == 50


def test_without_pyarrow_parquet_output_is_one_clear_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--out", "x.parquet"])
    assert result.exit_code != 0
    assert result.output.strip() == "error: --out: x.parquet: Parquet output needs pyarrow: pip install '.[parquet]'"
    with pytest.raises(GameFileError) as error:
        sweep("us_china", ["rho=0:1:5"], out=tmp_path / "x.parquet")
    assert error.value.source == "out"
    assert "Parquet output needs pyarrow: pip install '.[parquet]'" in str(error.value)
    assert not list(tmp_path.iterdir())


def test_help_and_docs_mention_parquet():
    from pathlib import Path

    help_text = CliRunner().invoke(main, ["sweep", "--help"]).output
    assert ".parquet" in help_text
    docs = Path(__file__).parents[2] / "docs"
    for name in ("sweeps.md", "cli.md"):
        assert ".parquet" in (docs / name).read_text()
