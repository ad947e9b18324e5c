"""Time ``bimatrix_equilibria`` against nashpy and pygambit on random square games.

Usage::

    python benchmarks/bench_bimatrix.py [--quick] [--games N] [--seed S]

Payoffs are uniform random floats, so every game is non-degenerate and the
three solvers should agree.  Prints a Markdown table with the median time per
game and the total number of equilibria each solver found.  Each game is
solved up to ``REPEATS`` times (fewer once it has taken ``REPEAT_BUDGET``
seconds) and its fastest run counts, so that load from other processes
disturbs the small, sub-millisecond sizes less.  nashpy's
``support_enumeration`` is skipped at sizes where it would take more than
``NASHPY_LIMIT`` seconds per game, predicted from its growth so far.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gametheory_re.solvers.bimatrix import bimatrix_equilibria  # noqa: E402

NASHPY_LIMIT = 10.0
REPEATS = 5
REPEAT_BUDGET = 0.5


def count_ours(A, B):
    return len(bimatrix_equilibria(A, B).equilibria)


def count_nashpy(A, B):
    import nashpy

    with warnings.catch_warnings():
        # nashpy warns about the degenerate-looking games it half-solves.
        warnings.simplefilter("ignore")
        return len(list(nashpy.Game(A, B).support_enumeration()))


def count_gambit(A, B):
    import pygambit

    game = pygambit.StrategicGame.from_arrays(A, B)
    return len(pygambit.nash.enummixed_solve(game, rational=False).equilibria)


def run(solver, games):
    """Median over games of the fastest run, in seconds, and total equilibria.

    One untimed warm-up run first.
    """
    solver(*games[0])
    times, total = [], 0
    for A, B in games:
        runs = []
        while len(runs) < REPEATS and sum(runs) < REPEAT_BUDGET:
            start = time.perf_counter()
            found = solver(A, B)
            runs.append(time.perf_counter() - start)
        times.append(min(runs))
        total += found
    return statistics.median(times), total


def cell(seconds, found):
    """A table cell: milliseconds to three significant figures, then the count."""
    ms = seconds * 1e3
    decimals = max(0, 2 - math.floor(math.log10(ms)))
    return f"{ms:.{decimals}f} ({found})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 2..6, 3 games each")
    parser.add_argument("--games", type=int, default=None, help="games per size (default 5)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    sizes = range(2, 7) if args.quick else range(2, 11)
    n_games = args.games or (3 if args.quick else 5)

    rng = np.random.default_rng(args.seed)
    print(f"{n_games} random games per size, uniform [0, 1) payoffs, seed {args.seed}; "
          "median milliseconds per game (total equilibria found)\n")
    print("| size | ours | nashpy support_enumeration | pygambit enummixed_solve |")
    print("|---|---|---|---|")
    nashpy_history = []
    for m in sizes:
        games = [(rng.random((m, m)), rng.random((m, m))) for _ in range(n_games)]
        cells = []
        t, found = run(count_ours, games)
        cells.append(cell(t, found))
        growth = nashpy_history[-1] / nashpy_history[-2] if len(nashpy_history) >= 2 else 1.0
        if nashpy_history and nashpy_history[-1] * max(growth, 1.0) > NASHPY_LIMIT:
            cells.append(f"skipped (> {NASHPY_LIMIT:g} s)")
        else:
            t, found = run(count_nashpy, games)
            nashpy_history.append(t)
            cells.append(cell(t, found))
        t, found = run(count_gambit, games)
        cells.append(cell(t, found))
        print(f"| {m}x{m} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
