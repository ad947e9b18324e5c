import json

import pytest
from click.testing import CliRunner

from gametheory_re.cli import main

from _support import need_module


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def test_game_b_s_by_k_in_one_command_writes_rows_and_both_maps(tmp_path):
    out, plot = tmp_path / "bs.csv", tmp_path / "bs.png"
    result = run("sweep", "us_japan_china", "--vary", "s=0:1:101", "--vary", "K=0.1:3:101",
                 "--outcome", "burden_sharing", "--out", str(out), "--plot", str(plot), "--quiet")
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines[0] == "s,K,label,support,n_equilibria,n_pure,burden_sharing"
    assert len(lines) == 10_202
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "(no_build, hedge, restrict)" in result.output and "every equilibrium" in result.output


def test_json_summary_counts_every_point():
    result = run("sweep", "us_china", "--vary", "rho=0:1:51", "--json")
    data = json.loads(result.output)
    assert data["points"] == 51 and sum(data["regimes"].values()) == 51
    assert set(data["outcomes"]) == {"dual_chain", "status_quo", "restriction"}
    assert sum(data["outcomes"]["status_quo"].values()) == 51


def test_samples_from_the_command_line(tmp_path):
    out = tmp_path / "s.jsonl"
    result = run("sweep", "us_japan_china", "--samples", "500", "--latin", "--seed", "3",
                 "--sample-param", "s", "--sample-param", "K", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 500 and set(rows[0]) >= {"s", "K", "label", "support", "burden_sharing"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--vary", "s=0:1"], "expected NAME=START:STOP:N"),
        (["--vary", "s=0:1:3", "--samples", "10"], "--vary: give either grid axes or"),
        ([], "--vary: give either grid axes or"),
        (["--vary", "s=0:1:3", "--outcome", "nope"], "unknown outcome"),
        (["--vary", "s=0:1:3", "--vary", "K=0.1:3:3", "--vary", "q=0.1:1:2", "--plot", "x.png"], "1 or 2 parameters"),
        (["--vary", "s=0:1:3", "--plot", "x.gif"], ".png, .svg, .pdf"),
        (["--vary", "s=0:1:3", "--out", "x.txt"], ".csv, .jsonl or .parquet"),
    ],
)
def test_sweep_errors(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("sweep", "us_japan_china", *args, "--quiet")
    assert result.exit_code == 2
    assert message in result.output


def test_threshold_command():
    result = run("threshold", "us_china", "--param", "rho", "--outcome", "status_quo", "--json")
    data = json.loads(result.output)
    assert len(data["switches"]) == 1
    assert abs(data["switches"][0]["value"] - 0.5) < 1e-8
    text = run("threshold", "us_china", "--param", "rho", "--outcome", "status_quo").output
    assert "rho = 0.5" in text and "no equilibrium -> every equilibrium" in text


def test_dask_scheduler_gives_the_same_rows(tmp_path):
    distributed = need_module("distributed")
    from gametheory_re.sweeps import sweep

    local = sweep("us_japan_china", ["s=0:1:30", "K=0.1:3:20"], chunk_size=100, as_frame=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = sweep("us_japan_china", ["s=0:1:30", "K=0.1:3:20"], chunk_size=100, as_frame=False,
                       scheduler=cluster.scheduler_address, out=tmp_path / "d.csv")
    assert (remote == local).all()
    assert len((tmp_path / "d.csv").read_text().splitlines()) == 601


def test_text_summary_lists_the_commonest_sets_and_sums_the_rest():
    from gametheory_re.presenters.sweep_text import MAX_REGIMES_SHOWN

    result = run("sweep", "us_japan_china", "--samples", "3000", "--seed", "1")
    assert result.exit_code == 0, result.output
    data = json.loads(run("sweep", "us_japan_china", "--samples", "3000", "--seed", "1", "--json").output)
    assert len(data["regimes"]) > MAX_REGIMES_SHOWN  # many sets: all of them in the JSON
    block = result.output.split("(points, share):\n")[1].split("\n\n")[0].splitlines()
    assert len(block) == MAX_REGIMES_SHOWN + 1
    counts = sorted(data["regimes"].values(), reverse=True)
    assert [int(line.split()[0]) for line in block[:-1]] == counts[:MAX_REGIMES_SHOWN]
    assert int(block[-1].split()[0]) == sum(counts[MAX_REGIMES_SHOWN:])
    assert f"{len(counts) - MAX_REGIMES_SHOWN} more sets" in block[-1]


def test_flagship_map_searches_all_equilibria_without_a_flag(tmp_path):
    # The command, with --out to read the rows back: no point is left
    # "unknown", and the header says all equilibria were searched.
    out, plot = tmp_path / "m.csv", tmp_path / "m.png"
    result = run("sweep", "us_japan_china", "--vary", "gamma_U=0:0.9:101", "--vary", "gamma_AB=0.1:0.9:101",
                 "--outcome", "burden_sharing", "--plot", str(plot), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Searched: all equilibria: batched support enumeration (2x3x2 game)" in result.output
    assert "no equilibrium found to judge by" not in result.output
    rows = out.read_text().splitlines()
    assert len(rows) == 1 + 101 * 101
    assert not any(line.endswith(",unknown") for line in rows[1:])
    assert plot.stat().st_size > 0
