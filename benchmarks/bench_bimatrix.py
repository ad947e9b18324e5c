"""All equilibria of random square two-player games: gametheory_re against pygambit and nashpy, in one run.

Usage::

    python benchmarks/bench_bimatrix.py [--quick] [--games N] [--seed S] [--sizes 2,4,12] [--payoffs 0..99,0..3]

Two families of random integer games per size m x m: generic (payoffs
0..99) and degenerate-prone (payoffs 0..3, as hand-written teaching and
policy games are).  Each cell is the median wall time per game in
milliseconds, the game's fastest of up to ``REPEATS`` runs (fewer once it
has taken ``REPEAT_BUDGET`` seconds), which damps load from other work;
the solvers take turns game by game, so that drift in the machine's speed
reaches all of them alike.
Timed: ``solvers.bimatrix.bimatrix_equilibria`` (the solver),
``find_equilibria`` (what ``gtre solve`` runs: dominance, the solver,
checks, Pareto marks), pygambit's float ``enummixed_solve`` and nashpy's
``support_enumeration`` (skipped beyond ``NASHPY_LIMIT`` seconds per game,
predicted from its growth).  "Misses" counts the games where pygambit's
rational ``enummixed_solve`` lists an extreme equilibrium that ours lacks.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
import warnings

import numpy as np

import gametheory_re as gt
from gametheory_re.normal_form import NormalFormGame
from gametheory_re.solvers.bimatrix import bimatrix_equilibria

NASHPY_LIMIT = 5.0
REPEATS = 5
REPEAT_BUDGET = 0.5
FAMILIES = {"0..99": 99, "0..3": 3}


def ours(A, B):
    return bimatrix_equilibria(A, B)


def ours_solve(A, B):
    return gt.find_equilibria(NormalFormGame.from_arrays(A, B))


def nashpy_solve(A, B):
    import nashpy

    with warnings.catch_warnings():
        # nashpy warns about the degenerate games it half-solves.
        warnings.simplefilter("ignore")
        return list(nashpy.Game(A, B).support_enumeration())


def gambit_solve(A, B):
    import pygambit

    return pygambit.nash.enummixed_solve(pygambit.StrategicGame.from_arrays(A, B), rational=False)


def gambit_rational(A, B):
    """pygambit's rational enummixed: every extreme equilibrium, as float vectors."""
    import pygambit

    game = pygambit.StrategicGame.from_arrays(A.astype(int), B.astype(int))
    found = pygambit.nash.enummixed_solve(game, rational=True).equilibria
    return [
        tuple(np.array([float(eq[p][s]) for s in game.get_strategies(p)]) for p in game.players) for eq in found
    ]


def fastest(solver, A, B):
    runs = []
    while len(runs) < REPEATS and sum(runs) < REPEAT_BUDGET:
        start = time.perf_counter()
        solver(A, B)
        runs.append(time.perf_counter() - start)
    return min(runs)


def missed(A, B) -> bool:
    profiles = ours(A, B).equilibria  # (row mix, column mix) pairs
    return any(
        not any(all(np.max(np.abs(x - y)) <= 1e-6 for x, y in zip(mine, theirs)) for mine in profiles)
        for theirs in gambit_rational(A, B)
    )


def cell(seconds: float) -> str:
    """Milliseconds to three significant figures."""
    ms = seconds * 1e3
    decimals = max(0, 2 - math.floor(math.log10(ms)))
    return f"{ms:.{decimals}f}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 2..6, 3 games each")
    parser.add_argument("--games", type=int, default=None, help="games per size and family (default 7)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--sizes", default=None, help="comma-separated sizes m (default 2..12)")
    parser.add_argument("--payoffs", default=",".join(FAMILIES), help=f"families, from {', '.join(FAMILIES)} (default both)")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [int(m) for m in args.sizes.split(",")]
    else:
        sizes = list(range(2, 7) if args.quick else range(2, 13))
    n_games = args.games or (3 if args.quick else 7)
    import pygambit

    one, five, _ = os.getloadavg()
    print(f"{n_games} random games per size and family, seed {args.seed}; gametheory_re {gt.__version__}, "
          f"pygambit {pygambit.__version__}; load average {one:.2f}, {five:.2f} at the start; "
          "median ms per game\n")
    print("| payoffs | size | ours, solver | ours, find_equilibria | pygambit enummixed (float) "
          "| ratio (solver / enummixed) | nashpy support_enumeration | misses vs pygambit rational |")
    print("|---|---|---|---|---|---|---|---|")
    families = args.payoffs.split(",")
    if not set(families) <= set(FAMILIES):
        parser.error(f"--payoffs: expected some of {', '.join(FAMILIES)}")
    for family in families:
        top = FAMILIES[family]
        rng = np.random.default_rng(args.seed)
        nashpy_history = []
        for m in sizes:
            games = [(rng.integers(0, top + 1, (m, m)).astype(float), rng.integers(0, top + 1, (m, m)).astype(float))
                     for _ in range(n_games)]
            for solver in (ours, ours_solve, gambit_solve):  # untimed warm-up
                solver(*games[0])
            # Game by game, each solver in turn: this VM's speed drifts over
            # seconds, and timing one solver on every game, then the next,
            # put the drift into the ratio (1.54 against 0.74 interleaved).
            runs = {s.__name__: [] for s in (ours, ours_solve, gambit_solve)}
            for A, B in games:
                for s in (ours, ours_solve, gambit_solve):
                    runs[s.__name__].append(fastest(s, A, B))
            times = {name: statistics.median(r) for name, r in runs.items()}
            growth = nashpy_history[-1] / nashpy_history[-2] if len(nashpy_history) >= 2 else 1.0
            if nashpy_history and nashpy_history[-1] * max(growth, 1.0) > NASHPY_LIMIT:
                nashpy_cell = f"skipped (> {NASHPY_LIMIT:g} s)"
            else:
                nashpy_history.append(statistics.median(fastest(nashpy_solve, A, B) for A, B in games))
                nashpy_cell = cell(nashpy_history[-1])
            misses = sum(missed(A, B) for A, B in games)
            print(f"| {family} | {m}x{m} | {cell(times['ours'])} | {cell(times['ours_solve'])} "
                  f"| {cell(times['gambit_solve'])} | {times['ours'] / times['gambit_solve']:.2f} "
                  f"| {nashpy_cell} | {misses} |", flush=True)


if __name__ == "__main__":
    main()
