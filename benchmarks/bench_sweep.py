"""Sweep speed and memory.

Run:  python benchmarks/bench_sweep.py [--points N] [--loop-points N] [--memory-points N]
          [--memory-all-points N] [--memory-all-large N] [--no-end-to-end]

Numpy's thread pools are limited to one thread (``OMP_NUM_THREADS`` and the
like, unless already set), so "one core" holds.

1. Game B (3 players) pure-equilibrium sweep (``equilibria="pure"``) over
   s x K on one core: points per second of the engine, and with CSV output;
   against a loop calling the point solver (all equilibria) and a loop calling
   pygambit's enumpure_solve (both timed on a subsample and reported per point).
2. Game B all-equilibria sweep (the default, ``equilibria="auto"``: the
   batched solver of ``solvers.nplayer_batch``) over s x K and over
   gamma_U x gamma_AB, on one core: points per second of the engine (whole
   ``solve_chunk``: payoffs, batched solving, labels, fallbacks); the share
   of points the batched solver leaves unresolved (handed to the point
   solver) and where they lie; the engine's time split between batched
   solving, fallbacks (both timed inside the run), payoff evaluation (timed
   apart) and the rest (labels and tables); side by side, a loop calling
   ``gt.find_equilibria(game.at(point))`` and a loop calling pygambit's
   ``enumpoly_solve`` on the same payoff arrays (evaluated outside the
   timing), on the same random subsample.
3. Game A (2 players) all-equilibria sweep over rho x K: points per second,
   against a loop calling nashpy's support_enumeration.
4. End to end: the whole ``gtre sweep us_japan_china ... --out FILE --quiet``
   command for Game B (start-up, game loading, solving, writing, checksums,
   fsync and the final rename), as a subprocess: with ``--equilibria pure`` to
   CSV and to Parquet (if pyarrow is installed), and without it (all
   equilibria) to CSV; best of three runs, beside the start-up alone (a
   4-point sweep).
5. Peak memory (peak RSS, VmHWM, of a fresh process) and time of streamed Game B
   sweeps to CSV: pure equilibria (``--memory-points``), all equilibria
   (``--memory-all-points`` and ``--memory-all-large``, to show memory flat
   in the number of points), beside a 4-point sweep (the floor: imports, game
   loading, compiling).
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core: before numpy is imported

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter

import numpy as np

import gametheory_re as gt
from gametheory_re.solvers.nplayer_batch import batch_equilibria
from gametheory_re.solvers.regret import default_tol
from gametheory_re.sweeps import engine
from gametheory_re.sweeps.engine import solve_chunk
from gametheory_re.sweeps.run import make_spec, run_spec

from _commands import gtre_command  # benchmarks/_commands.py, beside this script


def engine_rate(game, axes, points_per_axis, equilibria="auto", profile=False):
    """Points/s of ``solve_chunk`` over every chunk (the first is solved once before, to compile).

    With ``profile``, also the seconds spent in the batched solver and in the
    point solver's fallbacks during the timed run (the engine's
    ``batch_equilibria`` and ``_solve_point`` wrapped in timers).
    """
    vary = [f"{name}={lo}:{hi}:{points_per_axis}" for name, lo, hi in axes]
    spec = make_spec(game, vary, equilibria=equilibria)
    solve_chunk(spec, 0)  # compile the payoff evaluator outside the timing
    timers = {"batch_equilibria": 0.0, "_solve_point": 0.0}
    saved = {name: getattr(engine, name) for name in timers}
    if profile:
        for name, function in saved.items():
            setattr(engine, name, _timed(function, timers, name))
    try:
        start = time.perf_counter()
        for index in range(spec.n_chunks):
            solve_chunk(spec, index)
        elapsed = time.perf_counter() - start
    finally:
        for name, function in saved.items():
            setattr(engine, name, function)
    if profile:
        return spec.design.n_points / elapsed, spec, elapsed, timers
    return spec.design.n_points / elapsed, spec, elapsed


def _timed(function, timers, name):
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            timers[name] += time.perf_counter() - start
    return timed


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


def fallbacks(spec):
    """Where and how often the batched solver hands points to the point solver.

    Evaluates each chunk's payoffs (timed) and runs ``batch_equilibria`` on
    them as the engine does, and collects the unresolved points.
    """
    game = spec.game
    evaluate = 0.0
    unresolved = {name: [] for name in spec.design.names}
    n_unresolved = 0
    for index in range(spec.n_chunks):
        start, stop = spec.chunk_bounds(index)
        columns = spec.columns(start, stop)
        t0 = time.perf_counter()
        payoffs = game.payoff_batch(columns)
        finite = np.isfinite(payoffs).reshape(-1, stop - start).all(axis=0)
        safe = payoffs if finite.all() else np.where(finite, payoffs, 0.0)
        tol = default_tol(safe, batched=True)
        evaluate += time.perf_counter() - t0
        mask = batch_equilibria(safe, tol).unresolved & finite
        n_unresolved += int(mask.sum())
        for name in spec.design.names:
            unresolved[name].append(np.asarray(columns[name])[mask])
    unresolved = {name: np.concatenate(v) for name, v in unresolved.items()}
    return {"n": n_unresolved, "evaluate": evaluate, "where": unresolved}


def where_text(where: dict, n: int, top: int = 4) -> str:
    """The grid values most unresolved points share, per axis."""
    parts = []
    for name, values in where.items():
        common = Counter(np.round(values, 6).tolist()).most_common(top)
        shown = ", ".join(f"{name}={v:g}: {c:,}" for v, c in common)
        parts.append(f"{shown} (together {sum(c for _, c in common) / max(n, 1):.0%})")
    return "; ".join(parts)


def all_equilibria_section(game, axes, side, loop_points):
    """Game B all equilibria over two parameters: engine, fallbacks, both loops, side by side."""
    rate, spec, elapsed, timers = engine_rate(game, axes, side, profile=True)
    assert spec.mode == "all", spec.mode_reason
    found = fallbacks(spec)
    names = [name for name, _, _ in axes]
    points = sample_points(game, names, loop_points)
    arrays = [[np.asarray(p, dtype=float) for p in game.at(point).payoffs] for point in points]
    counts = {"ours": 0, "gambit": 0}

    def ours(point):
        counts["ours"] += len(gt.find_equilibria(game.at(point)).equilibria)

    def gambit(payoffs):
        counts["gambit"] += len(pygambit.nash.enumpoly_solve(pygambit.StrategicGame.from_arrays(*payoffs)).equilibria)

    import pygambit

    point_solver = loop_rate(ours, points)
    enumpoly = loop_rate(gambit, arrays)
    n = spec.design.n_points
    axes_text = " x ".join(f"{name}={lo}:{hi}" for name, lo, hi in axes)
    print(f"Game B all-equilibria sweep over {axes_text}, {n} points, one core ({spec.mode_reason})")
    print("| method | points/s | engine speed-up | equilibria on the subsample |")
    print("|---|---|---|---|")
    print(f"| sweep engine (`solve_chunk`: payoffs, batched solver, labels, fallbacks) | {rate:,.0f} | 1 | |")
    print(f"| loop over point solver (`find_equilibria(game.at(point))`), {len(points)} random points "
          f"| {point_solver:,.0f} | {rate / point_solver:,.0f}x | {counts['ours']} |")
    print(f"| loop over pygambit `enumpoly_solve(StrategicGame.from_arrays(*payoffs))`, same points "
          f"| {enumpoly:,.0f} | {rate / enumpoly:,.0f}x | {counts['gambit']} |")
    solve, fallback = timers["batch_equilibria"], timers["_solve_point"]
    rest = elapsed - found["evaluate"] - solve - fallback
    print(f"Fell back to the point solver: {found['n']:,} of {n:,} points ({found['n'] / n:.3%})"
          + (f", solved there at {found['n'] / fallback:,.0f} points/s" if found["n"] and fallback else ""))
    if found["n"]:
        print(f"  where: {where_text(found['where'], found['n'])}")
    print(f"Engine time {elapsed:.2f} s: batched solver {solve:.2f} s, fallbacks to the point solver {fallback:.2f} s, "
          f"payoffs and tolerances {found['evaluate']:.2f} s (timed apart), labels and tables {rest:.2f} s (the rest)")


def end_to_end(side: int, suffix: str, runs: int = 3, equilibria: str | None = "pure") -> float:
    """Best wall time (s) of the whole command writing a ``side`` x ``side`` Game B sweep to ``out.SUFFIX``.

    ``equilibria=None`` leaves out ``--equilibria`` (the default: all equilibria for Game B).
    """
    args = ["sweep", "us_japan_china", "--vary", f"s=0:1:{side}", "--vary", f"K=0.1:3:{side}",
            *(["--equilibria", equilibria] if equilibria else []), "--quiet", "--force"]
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:  # run from there: never the checkout's source tree
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*gtre_command(), *args, "--out", f"out.{suffix}"], cwd=folder, check=True,
                           stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
    return best


def peak_memory(points: int, equilibria: str) -> tuple[float, int, float]:
    """Peak RSS (MiB, VmHWM), points and wall time (s) of a fresh process streaming a Game B s x K sweep to CSV."""
    side = int(round(points ** 0.5))
    code = (
        "import resource, sys, tempfile, os\n"
        "from gametheory_re.sweeps import sweep\n"
        "with tempfile.TemporaryDirectory() as d:\n"
        f"    sweep('us_japan_china', ['s=0:1:{side}', 'K=0.1:3:{side}'], equilibria={equilibria!r},\n"
        "          out=os.path.join(d, 'o.csv'), collect=False)\n"
        # VmHWM, not ru_maxrss: Linux carries the parent's peak RSS into
        # ru_maxrss across fork and exec, and this script's own peak is larger.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')] if os.path.exists('/proc/self/status') else []\n"
        "print(int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    start = time.perf_counter()
    # From a temporary folder: the installed package, not the checkout's source tree.
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=folder)
    return int(out.stdout.strip()) / 1024, side * side, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=10**6, help="points of the speed sweeps")
    parser.add_argument("--memory-points", type=int, default=10**7,
                        help="points of the pure-equilibria memory sweep (0: skip)")
    parser.add_argument("--memory-all-points", type=int, default=10**6,
                        help="points of the all-equilibria memory sweep (0: skip)")
    parser.add_argument("--memory-all-large", type=int, default=4 * 10**6,
                        help="points of a second, larger all-equilibria memory sweep (0: skip)")
    parser.add_argument("--loop-points", type=int, default=300, help="points timed in the per-point loops")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip the end-to-end commands")
    args = parser.parse_args()
    side = int(round(args.points ** 0.5))

    game_b = gt.load_game("us_japan_china")
    rate_b, spec_b, _ = engine_rate(game_b, [("s", 0, 1), ("K", 0.1, 3)], side, equilibria="pure")
    points_b = sample_points(game_b, ["s", "K"], args.loop_points)
    point_solver_b = loop_rate(lambda p: gt.find_equilibria(game_b.at(p)), points_b)
    gambit_b = loop_rate(pygambit_pure(game_b), points_b)
    print(f"Game B pure sweep (equilibria='pure'), {spec_b.design.n_points} points, one core")
    print("| method | points/s | vs engine |")
    print("|---|---|---|")
    print(f"| sweep engine | {rate_b:,.0f} | 1 |")
    print(f"| sweep engine + CSV output | {csv_rate(spec_b):,.0f} | |")
    print(f"| loop over point solver (`find_equilibria`) | {point_solver_b:,.0f} | {rate_b / point_solver_b:,.0f}x slower |")
    print(f"| loop over pygambit `enumpure_solve` | {gambit_b:,.0f} | {rate_b / gambit_b:,.0f}x slower |")

    for axes in ([("s", 0, 1), ("K", 0.1, 3)], [("gamma_U", 0, 0.9), ("gamma_AB", 0.1, 0.9)]):
        print()
        all_equilibria_section(game_b, axes, side, args.loop_points)

    game_a = gt.load_game("us_china")
    rate_a, spec_a, _ = engine_rate(game_a, [("rho", 0, 1), ("K", 0.1, 3)], side)
    points_a = sample_points(game_a, ["rho", "K"], args.loop_points)
    nashpy_a = loop_rate(nashpy_all(game_a), points_a)
    print()
    print(f"Game A all-equilibria sweep, {spec_a.design.n_points} points, one core")
    print("| method | points/s | vs engine |")
    print("|---|---|---|")
    print(f"| sweep engine (batched support enumeration) | {rate_a:,.0f} | 1 |")
    print(f"| loop over nashpy `support_enumeration` | {nashpy_a:,.0f} | {rate_a / nashpy_a:,.0f}x slower |")

    if not args.no_end_to_end:
        print()
        print(f"End to end: `gtre sweep us_japan_china --vary s=0:1:{side} --vary K=0.1:3:{side} [--equilibria pure] "
              f"--out FILE --quiet --force`, {side * side} points, one core, best of 3 (start-up included)")
        print("| equilibria | output | seconds | points/s |")
        print("|---|---|---|---|")
        startup = end_to_end(2, "csv")
        print(f"| | start-up alone (4 points to CSV) | {startup:.2f} | |")
        formats = ["csv"] + (["parquet"] if importlib.util.find_spec("pyarrow") else [])
        for suffix in formats:
            seconds = end_to_end(side, suffix)
            print(f"| pure (`--equilibria pure`) | .{suffix} | {seconds:.2f} | {side * side / seconds:,.0f} |")
        seconds = end_to_end(side, "csv", equilibria=None)
        print(f"| all (no `--equilibria`) | .csv | {seconds:.2f} | {side * side / seconds:,.0f} |")

    memory = [(args.memory_points, "pure"), (args.memory_all_points, "all"), (args.memory_all_large, "all")]
    if any(points for points, _ in memory):
        memory.insert(0, (4, "all"))  # the floor: imports, game loading, compiling the formulas
    if any(points for points, _ in memory):
        print()
        print("Peak memory of streamed Game B sweeps over s x K to CSV (fresh process)")
        print("| equilibria | points | peak RSS (VmHWM), MiB | seconds |")
        print("|---|---|---|---|")
    for points, equilibria in memory:
        if points:
            rss, n, seconds = peak_memory(points, equilibria)
            print(f"| {equilibria} | {n:,} | {rss:,.0f} | {seconds:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
