"""A learning trajectory as text and as JSON (its picture: :mod:`.learning_plots`)."""

from __future__ import annotations

import numpy as np

from ..errors import escape_unprintable
from ..learning.result import LearningResult
from .json_out import json_value
from .tables import number, table_lines

#: Each rule's name in words.
RULE_WORDS = {
    "best-response": "best-response dynamics (simultaneous)",
    "fictitious-play": "fictitious play",
    "stochastic-fictitious-play": "stochastic fictitious play",
    "replicator": "replicator dynamics (continuous time, one population per player)",
    "replicator-discrete": "replicator dynamics (discrete time, one population per player)",
    "logit": "logit dynamics (smoothed best replies)",
}

#: Rows of the trajectory the text shows (evenly spaced, first and last included).
SHOWN_ROWS = 11

#: Rows of the trajectory ``--json`` gives (``--out`` writes all of them).
JSON_ROWS = 201


def _names(result: LearningResult):
    game = result.game
    if game is not None:
        return game.players, game.strategies
    return [f"p{p + 1}" for p in range(len(result.shape))], [[f"s{k + 1}" for k in range(n)] for n in result.shape]


def _mix_text(names, mix) -> str:
    return ", ".join(f"{n} {number(round(float(x), 4))}" for n, x in zip(names, mix))


def _shown(count: int, limit: int) -> np.ndarray:
    return np.unique(np.linspace(0, count - 1, min(limit, count)).round().astype(int))


def show_learning(result: LearningResult) -> str:
    """The text of ``gtre learn``."""
    players, strategies = _names(result)
    title = escape_unprintable(result.game.title) if result.game is not None and result.game.title else "the game"
    settings = [f"{k} {v}" for k, v in result.parameters.items() if v is not None and k not in ("start", "times", "counts")]
    if "times" in result.parameters:
        first, last, count = result.parameters["times"]
        settings.append(f"time {number(first)} to {number(last)} at {count} points")
    if result.parameters.get("start") is not None:
        settings.append("given start")
    settings = ", ".join(settings)
    unit = "time" if result.rule == "replicator" else "iteration"
    lines = [f"{RULE_WORDS[result.rule]} on {title} ({settings})", "", "Final profile:"]
    for p, player in enumerate(players):
        lines.append(f"  {player}: {_mix_text(strategies[p], result.final[p])}   regret {number(result.regrets[p])}")
    verdict = "an equilibrium" if result.is_nash else "not an equilibrium"
    lines.append(f"It is {verdict} within tol = {number(result.tol)} (largest regret {number(result.max_regret)}).")
    test = _converged_words(result.rule)
    if result.converged:
        where = result.times[result.converged_at]
        if "fictitious" in result.rule and not result.is_nash:
            # The test held once; empirical frequencies can drift away again.
            lines.append(f"The convergence test first held at {unit} {number(where)} ({test}), "
                         "but no longer holds at the last one.")
        else:
            lines.append(f"Converged from {unit} {number(where)}: {test}.")
    else:
        last = number(float(result.steps[-1])) if len(result.steps) else "0"
        lines.append(f"Not converged by {unit} {number(result.times[-1])}: it never held that {test} "
                     f"(largest change in the last step {last}).")
    lines += [f"Note: {n}" for n in result.notes]
    rows = [[unit, *[f"{player}:{name}" for player, names in zip(players, strategies) for name in names]]]
    for i in _shown(len(result.trajectory), SHOWN_ROWS):
        rows.append([number(result.times[i]), *[number(round(float(x), 4)) for x in result.trajectory[i]]])
    what = "empirical frequencies" if "fictitious" in result.rule else "probabilities"
    lines += ["", f"Trajectory ({what}, {len(rows) - 1} of {len(result.trajectory)} rows; --out writes all):",
              *table_lines(rows)]
    return "\n".join(lines)


def _converged_words(rule: str) -> str:
    """The rule's convergence test, in words."""
    if rule in ("fictitious-play", "stochastic-fictitious-play"):
        return "every regret of the empirical frequencies is at most tol"
    if rule == "best-response":
        return "no player changes strategy"
    return "no probability moves any more (changes below 1e-8)"


def learning_dict(result: LearningResult) -> dict:
    """The JSON of ``gtre learn --json``."""
    players, strategies = _names(result)
    shown = _shown(len(result.trajectory), JSON_ROWS)
    return {
        "rule": result.rule,
        "parameters": {k: json_value(v) if not isinstance(v, (list, tuple)) else v for k, v in result.parameters.items()},
        "players": list(players),
        "strategies": [list(s) for s in strategies],
        "final": [[float(x) for x in mix] for mix in result.final],
        "regrets": [float(r) for r in result.regrets],
        "tol": result.tol,
        "is_nash": result.is_nash,
        "converged": result.converged,
        "converged_at": None if result.converged_at is None else float(result.times[result.converged_at]),
        "iterations": len(result.trajectory) - 1,
        "notes": list(result.notes),
        "trajectory": {"times": [float(result.times[i]) for i in shown],
                       "profiles": [[float(x) for x in result.trajectory[i]] for i in shown],
                       "rows_shown": len(shown), "rows": len(result.trajectory)},
    }
