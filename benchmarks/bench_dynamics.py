"""Dynamics, learning and QRE: the dual-chain command cold, its parts, and the anchors.

1. `gtre simulate us_japan_china_dual_chain --periods 30 --plot d.png` as a new process,
   next to the floor every such command pays (`python -c "import sympy, matplotlib.figure"`),
   and the same run's parts in one process (import, load, simulate, matplotlib, draw).
2. The logit QRE branch on random games: ours (`solvers.qre.logit_branch`) against pygambit's
   `logit_solve`, which traces the same branch in C++.
3. Learning rules on random 2-player games against nashpy's implementations of the same rules.

Run:  python benchmarks/bench_dynamics.py [--runs N] [--games N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

from _commands import gtre_command  # benchmarks/ is on sys.path when run as a script
from bench_cold_start import time_command

PARTS = r"""
import time, sys
t0 = time.perf_counter()
import gametheory_re as gt
from gametheory_re.api import _loaded
from gametheory_re.dynamics.run import simulate_game
t1 = time.perf_counter()
game = _loaded("us_japan_china_dual_chain")
t2 = time.perf_counter()
run = simulate_game(game, None, 30, None, None, None, ())
t3 = time.perf_counter()
import matplotlib.figure, matplotlib.backends.backend_agg
t4 = time.perf_counter()
from gametheory_re.presenters.simulation_plots import draw_simulation
draw_simulation(run, sys.argv[1], overwrite=True)
t5 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
"""


def simulate_section(runs: int) -> None:
    gtre = gtre_command()
    with tempfile.TemporaryDirectory() as folder:
        commands = {
            'python -c "import sympy, matplotlib.figure" (floor)':
                [sys.executable, "-c", "import sympy, matplotlib.figure, matplotlib.backends.backend_agg"],
            "gtre simulate us_japan_china_dual_chain --periods 30":
                [*gtre, "simulate", "us_japan_china_dual_chain", "--periods", "30"],
            "gtre simulate us_japan_china_dual_chain --periods 30 --plot d.png --force":
                [*gtre, "simulate", "us_japan_china_dual_chain", "--periods", "30", "--plot", "d.png", "--force"],
        }
        print("| command (new process each run) | median s | min s |")
        print("|---|---|---|")
        for label, command in commands.items():
            times = time_command(command, runs, folder)
            print(f"| `{label}` | {statistics.median(times):.3f} | {min(times):.3f} |")
        parts = []
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", PARTS, "d2.png"], cwd=folder, check=True,
                                 capture_output=True, text=True).stdout
            parts.append([float(x) for x in out.split()])
        medians = np.median(np.array(parts), axis=0)
        print()
        print("| part of the run, in one process (median) | s |")
        print("|---|---|")
        for name, value in zip(["import gametheory_re", "load the game file", "simulate 30 periods (compile + 31 stage solves)",
                                "import matplotlib", "draw and save the picture"], medians):
            print(f"| {name} | {value:.3f} |")


def qre_section(games: int) -> None:
    from gametheory_re.solvers.qre import logit_branch

    try:
        import pygambit
    except ImportError:
        print("\n(pygambit not installed: QRE anchor skipped)")
        return
    print()
    print("| logit QRE branch, random games | ours median s | pygambit `logit_solve` median s | ratio |")
    print("|---|---|---|---|")
    rng = np.random.default_rng(0)
    for shape in [(3, 3), (5, 5), (10, 10), (2, 2, 2), (3, 3, 3), (2, 2, 2, 2)]:
        ours, theirs = [], []
        for _ in range(games):
            payoffs = rng.normal(size=(len(shape), *shape))
            start = time.perf_counter()
            logit_branch(payoffs)
            ours.append(time.perf_counter() - start)
            game = pygambit.StrategicGame.from_arrays(*payoffs)
            start = time.perf_counter()
            pygambit.nash.logit_solve(game)
            theirs.append(time.perf_counter() - start)
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"| {'x'.join(map(str, shape))} | {a:.4f} | {b:.4f} | {a / b:.0f}x |")


def learning_section(games: int) -> None:
    import nashpy

    from gametheory_re.learning import fictitious_play, replicator_dynamics

    print()
    print("| learning rule, random 3x3 games | ours median s | nashpy median s |")
    print("|---|---|---|")
    rng = np.random.default_rng(1)
    rows = {"fictitious play, 1000 iterations": ([], []), "replicator, 1000 time points to t = 10": ([], [])}
    times = np.linspace(0, 10, 1001)
    for _ in range(games):
        A, B = rng.normal(size=(2, 3, 3))
        game = nashpy.Game(A, B)
        start = time.perf_counter()
        fictitious_play(np.array([A, B]), iterations=1000)
        rows["fictitious play, 1000 iterations"][0].append(time.perf_counter() - start)
        start = time.perf_counter()
        for _ in game.fictitious_play(iterations=1000):
            pass
        rows["fictitious play, 1000 iterations"][1].append(time.perf_counter() - start)
        x0 = [np.full(3, 1 / 3), np.full(3, 1 / 3)]
        start = time.perf_counter()
        replicator_dynamics(np.array([A, B]), start=x0, times=times)
        rows["replicator, 1000 time points to t = 10"][0].append(time.perf_counter() - start)
        start = time.perf_counter()
        game.asymmetric_replicator_dynamics(x0[0], x0[1], timepoints=times)
        rows["replicator, 1000 time points to t = 10"][1].append(time.perf_counter() - start)
    for name, (ours, theirs) in rows.items():
        print(f"| {name} | {statistics.median(ours):.4f} | {statistics.median(theirs):.4f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    parser.add_argument("--games", type=int, default=10, help="random games per QRE and learning row")
    args = parser.parse_args()
    simulate_section(args.runs)
    qre_section(args.games)
    learning_section(args.games)


if __name__ == "__main__":
    main()
