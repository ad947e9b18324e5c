"""Sweep speed and memory.

Run:  python benchmarks/bench_sweep.py [--points N] [--memory-points N]

1. Game B (3 players) pure-equilibrium sweep over s x K on one core: points
   per second of the engine, and with CSV output; against a loop calling the
   point solver and a loop calling pygambit's enumpure_solve (both timed on a
   subsample and reported per point).
2. Game A (2 players) all-equilibria sweep over rho x K: points per second,
   against a loop calling nashpy's support_enumeration.
3. End to end: the whole ``gtre sweep ... --equilibria pure --out FILE --quiet``
   command for Game B (start-up, game loading, solving, writing, checksums,
   fsync and the final rename), as a subprocess, to CSV and to Parquet (if
   pyarrow is installed); best of three runs, beside the start-up alone (a
   4-point sweep).
4. Peak memory (max RSS of a fresh process) of a streamed sweep to CSV.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

import gametheory_re as gt
from gametheory_re.sweeps.engine import solve_chunk
from gametheory_re.sweeps.run import make_spec, run_spec


def engine_rate(game, axes, points_per_axis, equilibria="auto"):
    vary = [f"{name}={lo}:{hi}:{points_per_axis}" for name, lo, hi in axes]
    spec = make_spec(game, vary, equilibria=equilibria)
    solve_chunk(spec, 0)  # compile the payoff evaluator outside the timing
    start = time.perf_counter()
    for index in range(spec.n_chunks):
        solve_chunk(spec, index)
    elapsed = time.perf_counter() - start
    return spec.design.n_points / elapsed, spec


def csv_rate(spec):
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        run_spec(spec, out=os.path.join(folder, "out.csv"), collect=False)
        return spec.design.n_points / (time.perf_counter() - start)


def loop_rate(function, points):
    start = time.perf_counter()
    for point in points:
        function(point)
    return len(points) / (time.perf_counter() - start)


def sample_points(game, names, count, seed=0):
    rng = np.random.default_rng(seed)
    points = []
    for _ in range(count):
        point = {}
        for name in names:
            p = game.parameters[name]
            point[name] = repr(float(rng.uniform(float(p.minimum), float(p.maximum))))
        points.append(point)
    return points


def pygambit_pure(game):
    import pygambit

    def solve(point):
        payoffs = game.at(point).payoffs
        g = pygambit.StrategicGame.from_arrays(*[np.asarray(p) for p in payoffs])
        return pygambit.nash.enumpure_solve(g)

    return solve


def nashpy_all(game):
    import nashpy

    def solve(point):
        payoffs = game.at(point).payoffs
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(nashpy.Game(payoffs[0], payoffs[1]).support_enumeration())

    return solve


def gtre_command() -> list[str]:
    """The installed ``gtre`` (beside this Python), else ``python -m gametheory_re``."""
    script = os.path.join(os.path.dirname(sys.executable), "gtre")
    if os.path.exists(script):
        return [script]
    return [shutil.which("gtre")] if shutil.which("gtre") else [sys.executable, "-m", "gametheory_re"]


def end_to_end(side: int, suffix: str, runs: int = 3) -> float:
    """Best wall time (s) of the whole command writing a ``side`` x ``side`` Game B sweep to ``out.SUFFIX``."""
    args = ["sweep", "us_japan_china", "--vary", f"s=0:1:{side}", "--vary", f"K=0.1:3:{side}",
            "--equilibria", "pure", "--quiet", "--force"]
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:  # run from there: never the checkout's source tree
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*gtre_command(), *args, "--out", f"out.{suffix}"], cwd=folder, check=True,
                           stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
    return best


def peak_memory(points: int) -> float:
    side = int(round(points ** 0.5))
    code = (
        "import resource, sys, tempfile, os\n"
        "from gametheory_re.sweeps import sweep\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        f"    sweep('us_japan_china', ['s=0:1:{side}', 'K=0.1:3:{side}'], out=os.path.join(d, 'o.csv'), collect=False)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024, side * side, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=10**6, help="points of the speed sweeps")
    parser.add_argument("--memory-points", type=int, default=10**7, help="points of the memory sweep (0: skip)")
    parser.add_argument("--loop-points", type=int, default=300, help="points timed in the per-point loops")
    args = parser.parse_args()
    side = int(round(args.points ** 0.5))

    game_b = gt.load_game("us_japan_china")
    rate_b, spec_b = engine_rate(game_b, [("s", 0, 1), ("K", 0.1, 3)], side)
    points_b = sample_points(game_b, ["s", "K"], args.loop_points)
    point_solver_b = loop_rate(lambda p: gt.find_equilibria(game_b.at(p)), points_b)
    gambit_b = loop_rate(pygambit_pure(game_b), points_b)
    print(f"Game B pure sweep, {spec_b.design.n_points} points, one core")
    print("| method | points/s | vs engine |")
    print("|---|---|---|")
    print(f"| sweep engine | {rate_b:,.0f} | 1 |")
    print(f"| sweep engine + CSV output | {csv_rate(spec_b):,.0f} | |")
    print(f"| loop over point solver (`find_equilibria`) | {point_solver_b:,.0f} | {rate_b / point_solver_b:,.0f}x slower |")
    print(f"| loop over pygambit `enumpure_solve` | {gambit_b:,.0f} | {rate_b / gambit_b:,.0f}x slower |")

    game_a = gt.load_game("us_china")
    rate_a, spec_a = engine_rate(game_a, [("rho", 0, 1), ("K", 0.1, 3)], side)
    points_a = sample_points(game_a, ["rho", "K"], args.loop_points)
    nashpy_a = loop_rate(nashpy_all(game_a), points_a)
    print()
    print(f"Game A all-equilibria sweep, {spec_a.design.n_points} points, one core")
    print("| method | points/s | vs engine |")
    print("|---|---|---|")
    print(f"| sweep engine (batched support enumeration) | {rate_a:,.0f} | 1 |")
    print(f"| loop over nashpy `support_enumeration` | {nashpy_a:,.0f} | {rate_a / nashpy_a:,.0f}x slower |")

    print()
    print(f"End to end: `gtre sweep us_japan_china ... --equilibria pure --out FILE --quiet`, "
          f"{side * side} points, one core, best of 3 (start-up included)")
    print("| output | seconds | points/s |")
    print("|---|---|---|")
    startup = end_to_end(2, "csv")
    print(f"| start-up alone (4 points to CSV) | {startup:.2f} | |")
    formats = ["csv"] + (["parquet"] if importlib.util.find_spec("pyarrow") else [])
    for suffix in formats:
        seconds = end_to_end(side, suffix)
        print(f"| .{suffix} | {seconds:.2f} | {side * side / seconds:,.0f} |")

    if args.memory_points:
        rss, n, seconds = peak_memory(args.memory_points)
        print()
        print(f"Peak memory of a streamed {n:,}-point Game B sweep to CSV: {rss:,.0f} MiB (max RSS), {seconds:,.0f} s")


if __name__ == "__main__":
    main()
