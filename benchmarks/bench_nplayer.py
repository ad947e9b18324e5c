"""All equilibria of random n-player games: gametheory_re against pygambit's enumpoly_solve, in one run.

For each shape, seeded random games with integer payoffs 0..99 are solved by
``gametheory_re.find_equilibria`` (floats, the default time budget; then with
``exact=True``) and by ``pygambit.nash.enumpoly_solve``, each game in turn,
timed in CPU seconds (the machine may be shared).  The table gives, per
shape, the total, mean, median and largest time per game of each, the ratio
of the totals (ours, floats / enumpoly), and the largest ratio of our exact
to our float time over the games.  It counts the games where enumpoly finds
an equilibrium ours lacks (neither one of ours nor on one of our continua:
never, if all is well), the games where ours lists equilibria enumpoly does
not, and the games ours marks incomplete (its time budget ran out).

Run:  python benchmarks/bench_nplayer.py [--quick] [--shapes 3x3x3,2x2x2x2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import numpy as np

import gametheory_re as gt
from gametheory_re.normal_form import NormalFormGame
from gametheory_re.solvers.regret import regrets

# shape: (seed, games, games with --quick)
SETS = {
    (2, 2, 2): (2024, 30, 10),
    (2, 2, 3): (2025, 30, 10),
    (3, 3, 3): (2026, 20, 5),
    (2, 2, 2, 2): (2027, 20, 5),
    (4, 4, 4): (2028, 5, 2),
    (3, 3, 3, 3): (2029, 5, 1),
    (2, 2, 2, 2, 2): (2030, 10, 3),
}


def cpu_seconds(solve):
    """``(result, CPU seconds)`` of one call."""
    start = time.process_time()
    result = solve()
    return result, time.process_time() - start


def enumpoly(payoffs):
    import pygambit

    game = pygambit.StrategicGame.from_arrays(*payoffs)
    return [
        tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players)
        for eq in pygambit.nash.enumpoly_solve(game).equilibria
    ]


def same(a, b, atol=1e-6) -> bool:
    return all(np.max(np.abs(x - y)) <= atol for x, y in zip(a, b))


def covered(result, point, payoffs) -> bool:
    """enumpoly's point is one of ours, or an equilibrium on the supports of one of our continua."""
    if any(same(e.profile, point) for e in result.equilibria):
        return True
    return np.max(regrets(payoffs, point)) <= 1e-6 and any(
        all(set(np.flatnonzero(v > 1e-9)) <= set(s) for v, s in zip(point, c.supports)) for c in result.components
    )


def run(shape, seed: int, count: int) -> dict:
    rng = np.random.default_rng(seed)
    row = {"floats": [], "exact": [], "gambit": [], "missed": 0, "more": 0, "incomplete": 0, "exact_incomplete": 0}
    for _ in range(count):
        payoffs = rng.integers(0, 100, size=(len(shape),) + shape)
        game = NormalFormGame.from_arrays(*payoffs)
        ours, seconds = cpu_seconds(lambda: gt.find_equilibria(game))
        row["floats"].append(seconds)
        exact, seconds = cpu_seconds(lambda: gt.find_equilibria(game, exact=True))
        row["exact"].append(seconds)
        theirs, seconds = cpu_seconds(lambda: enumpoly(payoffs))
        row["gambit"].append(seconds)
        row["missed"] += any(not covered(ours, p, payoffs.astype(float)) for p in theirs)
        row["more"] += any(not any(same(e.profile, p) for p in theirs) for e in ours.equilibria)
        row["incomplete"] += not ours.complete
        row["exact_incomplete"] += not exact.complete
    return row


def stats(times) -> str:
    return f"{sum(times):.2f} / {statistics.mean(times):.3f} / {statistics.median(times):.3f} / {max(times):.3f}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} CPUs"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer games per shape")
    parser.add_argument("--shapes", default=None, metavar="AxB[xC...],...",
                        help="only these shapes, from: " + ", ".join("x".join(map(str, s)) for s in SETS))
    args = parser.parse_args(argv)
    shapes = list(SETS)
    if args.shapes:
        wanted = {tuple(int(k) for k in s.split("x")) for s in args.shapes.split(",")}
        unknown = wanted - set(SETS)
        if unknown:
            parser.error(f"--shapes: unknown shape(s) {', '.join('x'.join(map(str, s)) for s in unknown)}")
        shapes = [s for s in shapes if s in wanted]
    import pygambit

    print(f"CPU: {cpu_model()}; gametheory_re {gt.__version__}; pygambit {pygambit.__version__}; {load()} at the start")
    print()
    print("CPU seconds per shape: total / mean / median / max over the games.")
    print()
    print("| shape | games | ours, floats | ours, exact | enumpoly | total ratio (floats / enumpoly) "
          "| max exact / floats | games enumpoly finds one ours lacks | games ours lists more | incomplete (floats, exact) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for shape in shapes:
        seed, full, quick = SETS[shape]
        count = quick if args.quick else full
        row = run(shape, seed, count)
        ratio = sum(row["floats"]) / sum(row["gambit"])
        worst = max(e / f for e, f in zip(row["exact"], row["floats"]))
        print(
            f"| {'x'.join(map(str, shape))} | {count} | {stats(row['floats'])} | {stats(row['exact'])} "
            f"| {stats(row['gambit'])} | {ratio:.2f} | {worst:.1f} | {row['missed']} | {row['more']} "
            f"| {row['incomplete']}, {row['exact_incomplete']} |",
            flush=True,
        )
    print()
    print(f"{load()} at the end.")


if __name__ == "__main__":
    main()
