"""Scenario discovery results as text and as JSON-ready dicts (``gtre discover``)."""

from __future__ import annotations

import math

from ..discovery.result import Condition, DiscoveryResult, Limit
from .json_out import json_value
from .study_text import closing_lines, problem_lines

#: Steps of the trajectory shown in the text's trade-off table (the chosen one always among them).
TRADE_OFF_ROWS = 8


def show_discovery(result: DiscoveryResult) -> str:
    """The discovery as text: what was searched, over what, and the box or the rules."""
    lines = [f"Scenario discovery of: {result.quantity}", f"Game: {result.game}",
             f"Method: {_method_line(result)}", f"Searched: {result.mode_reason}"]
    lines += problem_lines(result.problem)
    cases = "runs where it holds" if result.status else "sum of the probabilities"
    lines.append(f"Runs: {result.runs}, used {result.used}, left out {result.unjudged}; {cases}: {result.cases:g}")
    if result.settings.get("table"):
        lines.append(f"Rows from: {result.settings['table']}")
    lines.append("")
    if result.method == "prim" and result.box is not None:
        lines += _prim_lines(result)
    elif result.rules:
        lines += _rule_lines(result)
    lines += closing_lines(result)
    return "\n".join(lines)


def _method_line(result: DiscoveryResult) -> str:
    s = result.settings
    if result.method == "prim":
        text = (f"PRIM (EMA Workbench): peel_alpha {s['peel_alpha']:g}, paste_alpha {s['paste_alpha']:g}, "
                f"mass_min {s['mass_min']:g}, density threshold {s['threshold']:g}")
    else:
        text = f"decision tree (scikit-learn): max_depth {s['max_depth']}, min_leaf {s['min_leaf']:g}"
    if "design" in s:
        text += f"; {s['design']} of {s['samples']} points, seed {s['seed']}"
    return text


def _prim_lines(result: DiscoveryResult) -> list[str]:
    box = result.box
    lines = [f"Box (step {box.index} of {len(result.boxes) - 1}; {result.settings.get('chosen_by', '')}):",
             f"  coverage {box.coverage:.3f}, density {box.density:.3f}, mass {box.mass:.3f} "
             f"({box.runs} runs, {box.cases:g} cases)"]
    if box.limits:
        rows = [["restricted", "bounds", "range", "quasi-p"]]
        rows += [[limit.name, _bounds(limit), f"[{limit.range_low:g}, {limit.range_high:g}]", _p(limit.qp)]
                 for limit in box.limits]
        lines += _aligned(rows)
    lines += ["", "Trade-off (peeling and pasting trajectory; --box I picks a step):"]
    rows = [["step", "coverage", "density", "mass", "restricted"]]
    for i in _shown_steps(len(result.boxes), result.chosen):
        b = result.boxes[i]
        mark = " <" if i == result.chosen else ""
        rows.append([str(i), f"{b.coverage:.3f}", f"{b.density:.3f}", f"{b.mass:.3f}", f"{len(b.limits)}{mark}"])
    lines += _aligned(rows)
    return lines


def _shown_steps(n: int, chosen: int) -> list[int]:
    """Steps evenly spread over the trajectory, the first, the last and the chosen among them."""
    if n <= TRADE_OFF_ROWS:
        return list(range(n))
    spread = {round(k * (n - 1) / (TRADE_OFF_ROWS - 1)) for k in range(TRADE_OFF_ROWS)}
    return sorted(spread | {chosen})


def _bounds(limit: Limit) -> str:
    return f"{limit.low:.4g} <= {limit.name} <= {limit.high:.4g}"


def _rule_lines(result: DiscoveryResult) -> list[str]:
    what = "share where it holds" if result.status else "mean probability"
    lines = [f"Rules (one per leaf; support: share of the runs; purity: {what}):"]
    rows = [["", "support", "purity", "rule"]]
    for rule in result.rules:
        rows.append(["holds" if rule.holds else "-", f"{rule.support:.3f}", f"{rule.purity:.3f}",
                     rule_text(rule.conditions)])
    return lines + _aligned(rows)


def rule_text(conditions: tuple[Condition, ...]) -> str:
    """A leaf's path as one readable rule.

    Examples
    --------
    >>> rule_text((Condition("K", None, 1.2), Condition("s", 0.31, None), Condition("g", 1.0, 2.0)))
    'K <= 1.2 and s > 0.31 and 1 < g <= 2'
    >>> rule_text(())
    'every run'
    """
    parts = []
    for c in conditions:
        if c.low is None:
            parts.append(f"{c.name} <= {c.high:.4g}")
        elif c.high is None:
            parts.append(f"{c.name} > {c.low:.4g}")
        else:
            parts.append(f"{c.low:.4g} < {c.name} <= {c.high:.4g}")
    return " and ".join(parts) or "every run"


def _aligned(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _p(value: float) -> str:
    if math.isnan(value):
        return "n/a"
    return f"{value:.2g}"


def discovery_dict(result: DiscoveryResult) -> dict:
    """The discovery as a JSON-ready dict (NaN as null)."""
    problem = result.problem
    out = {
        "game": result.game, "quantity": result.quantity, "outcome": result.outcome, "status": result.status,
        "select": result.select, "method": result.method,
        "settings": {k: json_value(v) for k, v in result.settings.items()}, "mode_reason": result.mode_reason,
        "parameters": [{"name": n, "low": lo, "high": hi, "range_given": n in problem.ranged}
                       for n, lo, hi in zip(problem.names, problem.lows, problem.highs)],
        "fixed": None if problem.fixed is None else dict(problem.fixed),
        "runs": result.runs, "used": result.used, "unjudged": result.unjudged, "cases": json_value(result.cases),
    }
    if result.method == "prim":
        out["chosen"] = result.chosen
        out["box"] = None if result.box is None else _box_dict(result.box)
        out["trajectory"] = [_box_dict(b) for b in result.boxes]
    else:
        out["rules"] = [{"rule": rule_text(r.conditions), "holds": r.holds, "support": r.support,
                         "purity": r.purity, "runs": r.runs,
                         "conditions": [{"name": c.name, "above": c.low, "at_most": c.high}
                                        for c in r.conditions]} for r in result.rules]
    out.update(notes=list(result.notes), out=result.out, plot=result.plot)
    return out


def _box_dict(box) -> dict:
    return {"step": box.index, "coverage": box.coverage, "density": box.density, "mass": box.mass,
            "runs": box.runs, "cases": json_value(box.cases),
            "limits": [{"name": lim.name, "low": lim.low, "high": lim.high, "range": [lim.range_low, lim.range_high],
                        "quasi_p": json_value(lim.qp), "quasi_p_low": json_value(lim.qp_low),
                        "quasi_p_high": json_value(lim.qp_high)} for lim in box.limits]}


__all__ = ["discovery_dict", "rule_text", "show_discovery"]
