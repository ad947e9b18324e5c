"""The benchmark scripts run from a fresh venv: with ``venv/bin/python benchmarks/x.py``, without
``gtre`` on the PATH (issue 15: ``bench_cold_start.py`` needed it there)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from _support import need_gtre

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
SCRIPTS = sorted(BENCHMARKS.glob("bench_*.py"))


def _bare_env() -> dict:
    """The environment with no folder holding a ``gtre`` on the PATH."""
    folders = [f for f in os.environ.get("PATH", "").split(os.pathsep) if f and not (Path(f) / "gtre").exists()]
    return {**os.environ, "PATH": os.pathsep.join(folders)}


def _run(args, tmp_path):
    return subprocess.run([sys.executable, *args], cwd=tmp_path, env=_bare_env(), capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_every_script_starts_and_explains_itself(script, tmp_path):
    done = _run([str(script), "--help"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout


def test_cold_start_runs_gtre_without_it_on_the_path(tmp_path):
    need_gtre()
    done = _run([str(BENCHMARKS / "bench_cold_start.py"), "--runs", "1"], tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| `")]
    assert [r.split("`")[1] for r in rows] == ["python -c 'import numpy, sympy' (floor)", "gtre solve us_japan_china",
                                              "gtre solve us_china"]
    assert all(float(r.split("|")[2]) > 0 for r in rows)
