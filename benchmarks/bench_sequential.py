"""Backward induction: one large tree, and Game C over many parameter points.

* SPE of a 4-level tree with 4 moves per node (256 leaves, 4 players, random
  payoffs): time per solve.
* Game C (games/us_japan_china_sequential.toml) at 10^5 random parameter
  points within the bounds: the vectorised batch solver against a per-point
  loop (evaluate the tree, list every SPE) on a subsample.

Run:  python benchmarks/bench_sequential.py [--points N] [--loop N] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from gametheory_re.trees.build import NodeSpec, assemble
from gametheory_re.trees.model import TERMINAL, GameTree
from gametheory_re.formats.toml_tree import load_toml_tree
from gametheory_re.solvers.backward_induction import order_spe_batch, subgame_perfect_equilibria

ROOT = Path(__file__).resolve().parents[1]


def uniform_tree(levels: int, moves: int, rng: np.random.Generator) -> GameTree:
    """A full tree, player ``k`` moving at level ``k``, with random payoffs."""
    specs: list[NodeSpec] = []
    stack = [(-1, 0)]
    while stack:
        parent, level = stack.pop()
        if level == levels:
            specs.append(NodeSpec(f"n{len(specs)}", parent, TERMINAL))
            continue
        specs.append(NodeSpec(f"n{len(specs)}", parent, level, tuple(f"m{j}" for j in range(moves))))
        stack.extend([(len(specs) - 1, level + 1)] * moves)
    players = tuple(f"P{k + 1}" for k in range(levels))
    nodes, infosets = assemble(specs, levels, "benchmark")
    leaves = sum(1 for s in specs if s.player == TERMINAL)
    return GameTree("uniform", players, nodes, infosets, rng.normal(size=(leaves, levels)))


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=100_000, help="parameter points for Game C")
    parser.add_argument("--loop", type=int, default=500, help="points solved one by one, for comparison")
    parser.add_argument("--repeat", type=int, default=20, help="repetitions of each timing")
    args = parser.parse_args()
    rng = np.random.default_rng(20250101)
    rows = []

    tree = uniform_tree(4, 4, rng)
    times = timed(lambda: subgame_perfect_equilibria(tree), args.repeat)
    rows.append((f"SPE of a 4-level tree, 4 moves per node ({tree.n_leaves} leaves, {tree.n_nodes} nodes)",
                 f"{statistics.median(times) * 1e3:.2f} ms per solve", f"{1 / statistics.median(times):,.0f} solves/s"))

    game_c = load_toml_tree(ROOT / "games" / "us_japan_china_sequential.toml")
    columns = {
        name: rng.uniform(float(p.minimum), float(p.maximum), args.points) for name, p in game_c.parameters.items()
    }
    order = [group[0] for group in game_c.order]
    payoffs = game_c.base.payoff_batch(columns)
    evaluate = statistics.median(timed(lambda: game_c.base.payoff_batch(columns), max(3, args.repeat // 4)))
    induce = statistics.median(timed(lambda: order_spe_batch(payoffs, order), max(3, args.repeat // 4)))
    total = evaluate + induce
    batch = order_spe_batch(payoffs, order)
    rows.append((f"Game C, {args.points:,} points, vectorised: evaluate payoffs", f"{evaluate:.3f} s", ""))
    rows.append((f"Game C, {args.points:,} points, vectorised: backward induction", f"{induce:.3f} s", ""))
    rows.append((f"Game C, {args.points:,} points, vectorised: total", f"{total:.3f} s",
                 f"{args.points / total:,.0f} points/s"))

    sample = [{name: float(values[b]) for name, values in columns.items()} for b in range(args.loop)]
    start = time.perf_counter()
    agree = sum(
        tuple(batch.profiles[b]) in subgame_perfect_equilibria(game_c.at(point)).paths()
        for b, point in enumerate(sample)
    )
    loop = time.perf_counter() - start
    rows.append((f"Game C, per-point loop (tree at the point + every SPE), {args.loop} points",
                 f"{loop / args.loop * 1e3:.2f} ms per point", f"{args.loop / loop:,.0f} points/s"))
    rows.append(("Speed-up of the vectorised path over the loop", f"x{(args.points / total) / (args.loop / loop):,.0f}", ""))

    print("| benchmark | time | throughput |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    paths, counts = np.unique(batch.profiles, axis=0, return_counts=True)
    strategies = game_c.base.strategies
    print()
    print(f"Loop and batch agree on {agree} of {args.loop} sampled points; "
          f"{int(batch.tied.sum())} of {args.points:,} points have a tie.")
    print("Equilibrium paths over the sampled box:")
    for path, count in sorted(zip(map(tuple, paths), counts), key=lambda item: -item[1]):
        label = ", ".join(s[i] for s, i in zip(strategies, path))
        print(f"  ({label}): {count / args.points:.1%}")


if __name__ == "__main__":
    main()
