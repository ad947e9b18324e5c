"""A simulation as text and as JSON (its picture: :mod:`.simulation_plots`).

The text is a table, one row per period: the state values under the game's
own parameter names, the play selected and how, and the named outcomes;
then the periods where the play switches, the first period of each
outcome, the limit, and the check that every period's play is an
equilibrium of its stage game.  Counterfactual runs follow, and a
side-by-side summary closes.
"""

from __future__ import annotations

import numpy as np

from ..dynamics.engine import HOW
from ..dynamics.simulation import Limit, Simulation, changes_label
from ..errors import escape_unprintable
from .json_out import json_value
from .tables import number, table_lines

#: What each selection rule does, in words.
SELECT_WORDS = {
    "persist": "last period's play while an equilibrium with its support survives, else {fallback}",
    "first": "the first equilibrium in label order (pure first)",
    "payoff_dominant": "the payoff-dominant equilibrium (first in label order when none dominates)",
    "risk_dominant": "the risk-dominant equilibrium (2x2 games; first in label order when undecided)",
    "all": "every equilibrium, each a branch of its own",
}


#: How a period's play was chosen among several equilibria, in the table's words.
CHOSEN_WORDS = {"kept": "kept", "rule": "by rule", "first (rule undecided)": "first (undecided)",
                "branch": "branch", "none": "none found"}


def limit_text(limit: Limit, periods: int) -> str:
    """Where a history ends, in words."""
    if limit.kind == "fixed point":
        return f"fixed point from period {limit.since}"
    if limit.kind == "cycle":
        return f"cycle of {limit.length} periods from period {limit.since}"
    return (f"still moving at period {periods} (play unchanged since period {limit.since}; "
            f"largest state change in the last period {number(limit.last_change)})")


def _outcome_cell(p: float) -> str:
    if p >= 1 - 1e-9:
        return "yes"
    if p <= 1e-9:
        return "-"
    return f"{p:.2f}"


def _table(sim: Simulation, branch: int) -> list[str]:
    h = sim.histories
    state = sim.game.dynamics.state
    outcomes = sim.outcome_names
    header = ["period", *state, "play", "equilibria", "chosen", *outcomes]
    rows = [header]
    for t in range(sim.periods + 1):
        values = [number(round(float(sim.state[branch][n][t]), 4)) + ("*" if h.clipped[t, k, branch] else "")
                  for k, n in enumerate(state)]
        n_eq = int(h.equilibria[t].valid[branch].sum())
        chosen = "only one" if n_eq == 1 else CHOSEN_WORDS[HOW[int(h.how[t, branch])]]
        rows.append([str(t), *values, sim.play[branch][t], str(n_eq), chosen,
                     *[_outcome_cell(float(h.outcomes[t, k, branch])) for k in range(len(outcomes))]])
    lines = table_lines(rows)
    lines.append("(chosen: how the play was chosen among several equilibria: kept = last period's survives, "
                 f"by rule = {sim.fallback if sim.select == 'persist' else sim.select})")
    if h.clipped[:, :, branch].any():
        lines.append("* clipped into the parameter's bounds")
    return lines


def _history_lines(sim: Simulation, branch: int) -> list[str]:
    lines = _table(sim, branch)
    play = sim.play[branch]
    switches = sim.switches[branch]
    lines.append("")
    if switches:
        lines.append("Play switches: " + "; ".join(f"period {t}: {play[t - 1]} -> {play[t]}" for t in switches))
    else:
        lines.append(f"Play never switches: {play[0]} in every period")
    firsts = [(name, sim.first_period(name, branch)) for name in sim.outcome_names]
    if firsts:
        lines.append("First period: " + ", ".join(f"{n} {'never' if t is None else t}" for n, t in firsts))
    lines.append("Limit: " + limit_text(sim.limits[branch], sim.periods))
    return lines


def _verification_line(sim: Simulation) -> str:
    h = sim.histories
    played = ~np.isnan(h.regret)
    worst = float(h.regret[played].max(initial=0.0))
    if sim.verified:
        return f"Checked: every period's play is an equilibrium of its stage game (largest regret {number(worst)})."
    bad = int(np.sum(h.regret[played] > h.tol[played]))
    return f"WARNING: {bad} period(s) have play with regret above the tolerance (largest {number(worst)})."


def _run_lines(sim: Simulation, title: str) -> list[str]:
    lines = [title]
    for b in range(sim.n_branches):
        if sim.n_branches > 1:
            lines += ["", f"Branch {b + 1} of {sim.n_branches}:"]
        lines += _history_lines(sim, b)
    if not sim.histories.complete.all():
        lines.append("Note: some periods' equilibrium sets may be incomplete (the one-game solver's time budget).")
    lines.append(_verification_line(sim))
    return lines


def show_simulation(sim: Simulation) -> str:
    """The text of ``gtre simulate``."""
    dynamics = sim.game.dynamics
    select = SELECT_WORDS[sim.select].format(fallback=sim.fallback)
    lines = [
        escape_unprintable(sim.game.title),
        f"{sim.periods} periods; each period: {sim.method}",
        f"Selection: {select}; values leaving their bounds: {'clipped' if sim.bounds == 'clip' else 'refused'}",
        "Updates: " + "; ".join(f"{n}' = {escape_unprintable(r)}" for n, r in zip(dynamics.state, dynamics.rules)),
        "Set: " + (", ".join(f"{k} = {number(v)}" for k, v in sim.params.items()) or "the file's values"),
        "",
    ]
    lines += _run_lines(sim, "Baseline:" if sim.counterfactuals else "Run:")
    for changes, run in sim.counterfactuals:
        lines += ["", *_run_lines(run, f"Counterfactual {changes_label(changes)}:")]
    if sim.counterfactuals:
        lines += ["", "Side by side:", *_comparison(sim)]
    return "\n".join(lines)


def _comparison(sim: Simulation) -> list[str]:
    runs = [("baseline", sim)] + [(changes_label(c), r) for c, r in sim.counterfactuals]
    outcomes = sim.outcome_names
    rows = [["run", "switches at", f"play at period {sim.periods}", "limit", *[f"first {n}" for n in outcomes]]]
    for name, run in runs:
        limit = run.limits[0]
        rows.append([
            name, ", ".join(map(str, run.switches[0])) or "never", run.play[0][-1],
            limit.kind + ("" if limit.kind == "moving" else f" from {limit.since}"),
            *["never" if run.first_period(n) is None else str(run.first_period(n)) for n in outcomes],
        ])
    return table_lines(rows)


def simulation_dict(sim: Simulation) -> dict:
    """The JSON of ``gtre simulate --json``."""
    dynamics = sim.game.dynamics
    out = {
        "game": sim.game.title,
        "source": sim.game.source,
        "periods": sim.periods,
        "method": sim.method,
        "select": sim.select,
        "fallback": sim.fallback,
        "bounds": sim.bounds,
        "updates": dict(zip(dynamics.state, dynamics.rules)),
        "params": {k: json_value(v) for k, v in sim.params.items()},
        "verified": sim.verified,
        "baseline" if sim.counterfactuals else "run": _run_dict(sim),
    }
    if sim.counterfactuals:
        out["counterfactuals"] = [{"changes": {k: json_value(v) for k, v in c.items()}, "name": changes_label(c),
                                   "run": _run_dict(run)} for c, run in sim.counterfactuals]
    return out


def _run_dict(sim: Simulation) -> dict:
    h = sim.histories
    branches = []
    for b in range(sim.n_branches):
        limit = sim.limits[b]
        branches.append({
            "periods": [
                {
                    "period": t,
                    "state": {n: float(sim.state[b][n][t]) for n in sim.game.dynamics.state},
                    "clipped": [n for k, n in enumerate(sim.game.dynamics.state) if h.clipped[t, k, b]],
                    "equilibria": sim.equilibria[b][t],
                    "n_equilibria": int(h.equilibria[t].valid[b].sum()),
                    "play": sim.play[b][t],
                    "probabilities": [float(x) for x in h.play[t, b]],
                    "selected_by": HOW[int(h.how[t, b])],
                    "payoffs": {p: float(h.payoffs[t, i, b]) for i, p in enumerate(sim.game.players)},
                    "outcomes": {n: float(h.outcomes[t, k, b]) for k, n in enumerate(sim.outcome_names)},
                    "max_regret": json_value(float(h.regret[t, b])),
                    "tol": float(h.tol[t, b]),
                    "complete": bool(h.complete[t, b]),
                }
                for t in range(sim.periods + 1)
            ],
            "switches": sim.switches[b],
            "first_period": {n: sim.first_period(n, b) for n in sim.outcome_names},
            "limit": {"kind": limit.kind, "since": limit.since, "length": limit.length,
                      "last_change": limit.last_change},
        })
    return {"branches": branches} if sim.n_branches > 1 else branches[0]
