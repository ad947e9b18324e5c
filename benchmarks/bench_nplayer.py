"""All equilibria of random n-player games: gametheory_re's polynomial solver vs pygambit's enumpoly_solve.

For each shape, random integer games (payoffs in [-10, 10], fixed seeds) are
solved by both.  The table gives the median CPU time per game (each game
timed as the best of a few runs when fast; ours with and without building
exact sympy values, enumpoly_solve gives floats only); the equilibria each
finds; in how many games ours lists equilibria enumpoly_solve does not (all,
and those not on any continuum ours reports, i.e. isolated ones it misses);
in how many games ours reports continua; and in how many enumpoly_solve finds
an equilibrium ours lacks (never, if all is well).  The 2x2x2 and 2x2x3 sets
are the ones tests/solvers/test_polynomial.py checks.

Run:  python benchmarks/bench_nplayer.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

from gametheory_re.solvers.polynomial import polynomial_equilibria
from gametheory_re.solvers.regret import regrets

# shape: (seed, games, games with --quick)
SETS = {
    (2, 2, 2): (2024, 120, 20),
    (2, 2, 3): (2025, 100, 20),
    (3, 3, 3): (2026, 10, 3),
    (2, 2, 2, 2): (2027, 10, 3),
}


def timed(solve, repeats: int):
    """``(result, best CPU seconds of repeats runs)``: CPU, not wall, time, as the machine may be shared."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        result = solve()
        best = min(best, time.process_time() - start)
    return result, best


def gambit_solver():
    try:
        import pygambit
    except ImportError:
        return None

    def solve(payoffs):
        game = pygambit.StrategicGame.from_arrays(*payoffs)
        equilibria = pygambit.nash.enumpoly_solve(game).equilibria
        return [
            tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players)
            for eq in equilibria
        ]

    return solve


def same(a, b, atol=1e-6) -> bool:
    return all(np.max(np.abs(x - y)) <= atol for x, y in zip(a, b))


def on_continuum(result, point, payoffs) -> bool:
    """The point is an equilibrium on the supports of one of our components."""
    return np.max(regrets(payoffs, point)) <= 1e-6 and any(
        all(set(np.flatnonzero(v > 1e-9)) <= set(s) for v, s in zip(point, c.supports)) for c in result.components
    )


def covered(result, point, payoffs) -> bool:
    """Gambit's point is one of ours or lies on one of our continua."""
    return any(same(e.profile, point) for e in result.equilibria) or on_continuum(result, point, payoffs)


def run(shape, seed: int, count: int, gambit) -> dict:
    rng = np.random.default_rng(seed)
    repeats = 3 if np.prod(shape) <= 12 else 1
    row = {"ours_s": [], "floats_s": [], "gambit_s": [], "ours_eq": 0, "components": 0, "gambit_eq": 0, "more": 0,
           "isolated_more": 0, "continua": 0, "missed": 0, "incomplete": 0}
    for _ in range(count):
        payoffs = rng.integers(-10, 11, size=(len(shape),) + shape).astype(float)
        result, seconds = timed(lambda: polynomial_equilibria(payoffs), repeats)
        row["ours_s"].append(seconds)
        row["floats_s"].append(timed(lambda: polynomial_equilibria(payoffs, exact=False), repeats)[1])
        row["ours_eq"] += len(result.equilibria)
        row["components"] += len(result.components)
        row["incomplete"] += not result.complete
        if gambit is None:
            continue
        theirs, seconds = timed(lambda: gambit(payoffs), repeats)
        row["gambit_s"].append(seconds)
        row["gambit_eq"] += len(theirs)
        row["missed"] += any(not covered(result, p, payoffs) for p in theirs)
        extra = [e for e in result.equilibria if not any(same(e.profile, p) for p in theirs)]
        row["more"] += bool(extra)
        row["isolated_more"] += any(not on_continuum(result, e.profile, payoffs) for e in extra)
        row["continua"] += bool(result.components)
    return row


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def load() -> str:
    """The machine's load averages, to note alongside the times."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer games per shape")
    args = parser.parse_args()
    gambit = gambit_solver()
    print(f"CPU: {cpu_model()}; pygambit: {'yes' if gambit else 'not installed'}; {load()} at the start")
    print()
    print("| shape | games | median s, ours (exact values) | median s, ours (floats only) | median s, enumpoly "
          "| ratio (floats only / enumpoly) | equilibria, ours (+ continua) "
          "| equilibria, enumpoly | games where ours lists more equilibria (not on a continuum) | games with continua "
          "| games where ours misses one | incomplete |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for shape, (seed, full, quick) in SETS.items():
        count = quick if args.quick else full
        row = run(shape, seed, count, gambit)
        ours, floats = statistics.median(row["ours_s"]), statistics.median(row["floats_s"])
        theirs = statistics.median(row["gambit_s"]) if row["gambit_s"] else float("nan")
        print(
            f"| {'x'.join(map(str, shape))} | {count} | {ours:.4f} | {floats:.4f} | {theirs:.4f} "
            f"| {floats / theirs:.1f} | {row['ours_eq']} (+{row['components']}) | {row['gambit_eq']} "
            f"| {row['more']} ({row['isolated_more']}) | {row['continua']} | {row['missed']} | {row['incomplete']} |"
        )
    print()
    print(f"{load()} at the end (times are CPU times, which a shared machine's load affects less than wall time).")


if __name__ == "__main__":
    main()
