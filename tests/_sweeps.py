"""A sweep killed mid-run and resumed, shared by the tests of every output format."""

import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from gametheory_re.cli import main

SLOW_SWEEP = (
    "import sys, time\n"
    "from gametheory_re.sweeps import sweep\n"
    "sweep('us_china', ['rho=0:1:2000'], out=sys.argv[1], chunk_size=20, collect=False,\n"
    "      progress=lambda n: time.sleep(0.05))\n"
)


def kill_then_resume(tmp_path, suffix: str):
    """Kill a slow sweep to ``k.SUFFIX`` after some chunks, check it left no output, resume it
    with ``gtre sweep --resume`` and run it afresh to ``fresh.SUFFIX``; return both paths."""
    out = tmp_path / f"k.{suffix}"
    # From tmp_path: run from the checkout, "python -c" would import its source tree.
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SWEEP, str(out)], cwd=tmp_path)
    parts = tmp_path / f"k.{suffix}.parts"
    deadline = time.time() + 60
    while time.time() < deadline and len(list(parts.glob(f"*.{suffix}"))) < 5:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    finished = len(list(parts.glob(f"*.{suffix}")))
    assert 5 <= finished < 100, "the sweep should have been killed mid-run"
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))

    args = ["sweep", "us_china", "--vary", "rho=0:1:2000", "--chunk-size", "20", "--quiet"]
    resumed = CliRunner().invoke(main, args + ["--out", str(out), "--resume"])
    assert resumed.exit_code == 0, resumed.output
    fresh = tmp_path / f"fresh.{suffix}"
    assert CliRunner().invoke(main, args + ["--out", str(fresh)]).exit_code == 0
    assert not parts.exists()
    return out, fresh
