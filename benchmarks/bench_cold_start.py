"""Cold start of `gtre solve` on Game B: a new process each time, as a user runs it.

Run:  python benchmarks/bench_cold_start.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _commands import gtre_command  # benchmarks/_commands.py, beside this script

ROOT = Path(__file__).resolve().parents[1]


def time_command(command: list[str], runs: int, cwd=ROOT) -> list[float]:
    """Wall seconds of each of ``runs`` runs of ``command`` as a new process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    gtre = gtre_command()
    commands = {
        "python -c 'import numpy, sympy' (floor)": [sys.executable, "-c", "import numpy, sympy"],
        "gtre solve us_japan_china": [*gtre, "solve", "us_japan_china"],
        "gtre solve us_china": [*gtre, "solve", "us_china"],
    }
    print("| command | median s | min s |")
    print("|---|---|---|")
    for label, command in commands.items():
        times = time_command(command, args.runs)
        print(f"| `{label}` | {statistics.median(times):.3f} | {min(times):.3f} |")


if __name__ == "__main__":
    main()
