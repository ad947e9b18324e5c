"""Speed of `gtre sensitivity` (issue 12): model runs per second on Game B, and a Sobol study's wall time.

Run from the repository root after ``pip install '.[test]' SALib``::

    python benchmarks/bench_sensitivity.py [--samples N] [--loop-points N] [--no-workers] [--no-cli]

Sections, measured side by side in one run (one core unless said):

1. A Sobol study of "burden_sharing holds in every equilibrium" on Game B
   over all 22 parameters with ``--samples`` base samples (default 2^12:
   2^12 * 24 = 98,304 runs), step by step as ``gsa.study`` runs it:
   making the Saltelli design, evaluating it with the sweep engine (all
   equilibria, batched support enumeration), and SALib's ``sobol.analyze``;
   and the whole ``gametheory_re.sensitivity`` call.
2. Anchors: (a) a plain per-point loop of our one-game solver
   (``find_equilibria(game.at(point))``) and (b) of pygambit's
   ``enumpoly_solve`` (if installed) on ``--loop-points`` random Game B
   points over the same 22 ranges; (c) SALib's own ``sobol.sample`` plus
   ``sobol.analyze`` with the same N and D on a trivial model (one
   comparison per run), which is what a study costs without the game.
3. The same study with ``workers=2`` (skipped by ``--no-workers``, or on
   one core).
4. End to end: ``gtre sensitivity us_japan_china --outcome burden_sharing
   --samples N`` as a subprocess (start-up and printing included), best of 2.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one core: before numpy is imported

import argparse
import subprocess
import sys
import tempfile
import time

import numpy as np

import gametheory_re as gt
from gametheory_re.gsa.design import saltelli
from gametheory_re.gsa.evaluate import evaluate
from gametheory_re.gsa.problem import make_problem
from gametheory_re.gsa.sobol import sobol_indices
from gametheory_re.gsa.target import target

from _commands import gtre_command  # benchmarks/_commands.py, beside this script

GAME, OUTCOME = "us_japan_china", "burden_sharing"


def study_steps(game, n):
    """Seconds of each step of a Sobol study over every bounded parameter, and its runs."""
    start = time.perf_counter()
    problem = make_problem(game)
    design = saltelli(problem, n)
    design.columns(0, 1)  # the base matrices are made on first use
    made = time.perf_counter()
    evaluation = evaluate(game, problem, design, OUTCOME)
    evaluated = time.perf_counter()
    quantity = target(evaluation.columns, OUTCOME)
    indices, _, used, notes = sobol_indices(problem, quantity, n)
    analysed = time.perf_counter()
    return {"design": made - start, "evaluate": evaluated - made, "analyse": analysed - evaluated,
            "runs": design.n_points, "d": len(problem.names), "used": used, "mode": evaluation.mode_reason,
            "top": indices.index[:3].tolist()}


def whole_study(n, workers=1):
    start = time.perf_counter()
    result = gt.sensitivity(GAME, OUTCOME, samples=n, workers=workers)
    return time.perf_counter() - start, result


def salib_alone(n, d):
    """Seconds of SALib's ``sobol.sample`` and ``sobol.analyze`` on a trivial 0/1 model of ``d`` parameters."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0.0, 1.0]] * d}
    start = time.perf_counter()
    x = sample.sample(problem, n, calc_second_order=False, seed=0)
    sampled = time.perf_counter()
    y = (x[:, 0] + x[:, 1] < 1).astype(float)
    modelled = time.perf_counter()
    analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, seed=np.random.default_rng(0))
    analysed = time.perf_counter()
    return {"sample": sampled - start, "model": modelled - sampled, "analyse": analysed - modelled, "runs": len(x)}


def random_points(game, names, count, seed=0):
    rng = np.random.default_rng(seed)
    return [{name: repr(float(rng.uniform(float(game.parameters[name].minimum), float(game.parameters[name].maximum))))
             for name in names} for _ in range(count)]


def loop_rate(function, items):
    start = time.perf_counter()
    for item in items:
        function(item)
    return len(items) / (time.perf_counter() - start)


def end_to_end(n, runs=2):
    best = float("inf")
    with tempfile.TemporaryDirectory() as folder:  # the installed package, not the checkout's source tree
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([*gtre_command(), "sensitivity", GAME, "--outcome", OUTCOME, "--samples", str(n)],
                           cwd=folder, check=True, stdout=subprocess.DEVNULL)
            best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=2 ** 12, help="base samples N of the Sobol study")
    parser.add_argument("--loop-points", type=int, default=300, help="points timed in the per-point loops")
    parser.add_argument("--no-workers", action="store_true", help="skip the workers=2 study")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end command")
    args = parser.parse_args()
    n = args.samples
    game = gt.load_game(GAME)

    gt.sensitivity(GAME, OUTCOME, samples=2)  # compile the payoff evaluator, import SALib: outside the timing
    steps = study_steps(game, n)
    total, result = whole_study(n)
    runs, d = steps["runs"], steps["d"]
    print(f"Sobol study of '{OUTCOME} holds in every equilibrium' on Game B, N = {n} base samples, D = {d}, "
          f"{runs:,} runs, one core ({steps['mode']})")
    print("| step | seconds | runs/s |")
    print("|---|---|---|")
    print(f"| Saltelli design (`gsa.design.saltelli`) | {steps['design']:.3f} | |")
    print(f"| evaluation (`gsa.evaluate.evaluate`: sweep engine, all equilibria) | {steps['evaluate']:.2f} "
          f"| {runs / steps['evaluate']:,.0f} |")
    print(f"| analysis (`gsa.sobol.sobol_indices`: SALib `sobol.analyze`, 100 resamples) | {steps['analyse']:.2f} | |")
    print(f"| whole `gametheory_re.sensitivity(...)` | {total:.2f} | {runs / total:,.0f} |")
    print(f"Most influential (by ST): {', '.join(result.indices.index[:3])}; share where it holds {result.mean:.1%}")

    names = list(result.problem.names)
    points = random_points(game, names, args.loop_points)
    ours = loop_rate(lambda point: gt.find_equilibria(game.at(point)), points)
    print()
    print(f"Anchors, same run, one core ({len(points)} random Game B points over the same {len(names)} ranges)")
    print("| method | runs/s | study (evaluation) speed-up |")
    print("|---|---|---|")
    evaluation_rate = runs / steps["evaluate"]
    print(f"| (a) loop over `find_equilibria(game.at(point))` | {ours:,.0f} | {evaluation_rate / ours:,.0f}x |")
    try:
        import pygambit
    except ImportError:
        print("| (b) loop over pygambit `enumpoly_solve` | (pygambit not installed) | |")
    else:
        arrays = [[np.asarray(p, dtype=float) for p in game.at(point).payoffs] for point in points]
        gambit = loop_rate(lambda payoffs: pygambit.nash.enumpoly_solve(pygambit.StrategicGame.from_arrays(*payoffs)),
                           arrays)
        print(f"| (b) loop over pygambit `enumpoly_solve(StrategicGame.from_arrays(*payoffs))` | {gambit:,.0f} "
              f"| {evaluation_rate / gambit:,.0f}x |")
    alone = salib_alone(n, d)
    print(f"(c) SALib alone, N = {n}, D = {d}, {alone['runs']:,} runs of a trivial model: `sobol.sample` "
          f"{alone['sample']:.3f} s, model {alone['model']:.4f} s, `sobol.analyze` {alone['analyse']:.2f} s; "
          f"together {alone['sample'] + alone['analyse']:.2f} s of the study's {total:.2f} s")

    if not args.no_workers and (os.cpu_count() or 1) >= 2:
        seconds, _ = whole_study(n, workers=2)
        print()
        print(f"Same study with workers=2: {seconds:.2f} s ({runs / seconds:,.0f} runs/s; one core {total:.2f} s)")

    if not args.no_cli:
        seconds = end_to_end(n)
        print()
        print(f"End to end: `gtre sensitivity {GAME} --outcome {OUTCOME} --samples {n}`, best of 2: {seconds:.2f} s "
              f"({runs / seconds:,.0f} runs/s); start-up included")


if __name__ == "__main__":
    main()
