"""Sensitivity results as text and as JSON-ready dicts (``gtre sensitivity``)."""

from __future__ import annotations

import math

from ..gsa.result import SensitivityResult
from .json_out import json_value
from .study_text import closing_lines, problem_lines

#: How each method is named in the text.
METHOD_NAMES = {
    "sobol": "Sobol indices",
    "rbd-fast": "RBD-FAST first-order indices",
    "pawn": "PAWN indices (Kolmogorov-Smirnov statistics over slices)",
    "filtering": "Monte-Carlo filtering (where it holds vs where it does not)",
}

#: Columns of the text table per method: (column, heading, its interval column or None).
TEXT_COLUMNS = {
    "sobol": (("S1", "S1", "S1_conf"), ("ST", "ST", "ST_conf")),
    "rbd-fast": (("S1", "S1", "S1_conf"),),
    "pawn": (("median", "median", None), ("minimum", "min", None), ("maximum", "max", None)),
    "filtering": (("KS", "KS", None), ("p_value", "p-value", None), ("mean_holds", "mean if holds", None),
                  ("mean_fails", "mean if not", None)),
}


def show_sensitivity(result: SensitivityResult) -> str:
    """The study as text: what was analysed, how, over what, and the indices table."""
    settings = result.settings
    lines = [f"Sensitivity of: {result.quantity}", f"Game: {result.game}", f"Method: {_method_line(result)}",
             f"Searched: {result.mode_reason}"]
    lines += problem_lines(result.problem)
    share = "n/a" if math.isnan(result.mean) else f"{100 * result.mean:.1f}%"
    what = "share where it holds" if result.status else "mean probability"
    lines.append(f"Runs: {result.runs}, used {result.used}, left out {result.unjudged}; {what}: {share}")
    if settings.get("table"):
        lines.append(f"Rows from: {settings['table']}")
    lines.append("")
    lines += _table(result)
    if result.second_order is not None:
        lines += ["", "Second-order indices (largest first):"]
        for row in result.second_order.head(10).itertuples():
            lines.append(f"  {row.parameter_1} x {row.parameter_2}: {_number(row.S2)} ± {_number(row.S2_conf)}")
    lines += closing_lines(result)
    return "\n".join(lines)


def _method_line(result: SensitivityResult) -> str:
    s = result.settings
    text = METHOD_NAMES[result.method]
    if result.method == "sobol":
        text += (f" (Saltelli design, N = {s['samples']} base samples, {result.runs} runs; bootstrap "
                 f"{100 * s['conf_level']:g}% intervals from {s['resamples']} resamples)")
    elif result.method == "rbd-fast":
        text += (f" ({s['harmonics']} harmonics; bootstrap {100 * s['conf_level']:g}% intervals from "
                 f"{s['resamples']} resamples)")
    elif result.method == "pawn":
        text += f" ({s['slices']} slices per parameter)"
    if result.method != "sobol" and "design" in s:
        text += f"; {s['design']} of {s['samples']} points"
    return text


def _table(result: SensitivityResult) -> list[str]:
    columns = TEXT_COLUMNS[result.method]
    rows = [["parameter"] + [h + (" (±)" if conf else "") for _, h, conf in columns]]
    for name, row in result.indices.iterrows():
        cells = [str(name)]
        for column, _, conf in columns:
            cell = _number(row[column])
            if conf:
                cell += f" ± {_number(row[conf])}"
            cells.append(cell)
        rows.append(cells)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def _number(value) -> str:
    value = float(value)
    if math.isnan(value):
        return "n/a"
    return f"{value:.3g}" if 0 < abs(value) < 1e-3 else f"{value:.3f}"


def sensitivity_dict(result: SensitivityResult) -> dict:
    """The study as a JSON-ready dict (NaN as null)."""
    problem = result.problem
    return {
        "game": result.game, "quantity": result.quantity, "outcome": result.outcome, "status": result.status,
        "select": result.select, "method": result.method, "ranked_by": result.ranked_by,
        "settings": {k: json_value(v) for k, v in result.settings.items()},
        "mode_reason": result.mode_reason,
        "parameters": [{"name": n, "low": lo, "high": hi, "range_given": n in problem.ranged}
                       for n, lo, hi in zip(problem.names, problem.lows, problem.highs)],
        "fixed": None if problem.fixed is None else dict(problem.fixed),
        "runs": result.runs, "used": result.used, "unjudged": result.unjudged, "mean": json_value(result.mean),
        "indices": [{"parameter": str(name), **{k: json_value(v) for k, v in row.items()}}
                    for name, row in result.indices.iterrows()],
        "second_order": None if result.second_order is None else [
            {k: json_value(v) for k, v in row.items()} for row in result.second_order.to_dict("records")],
        "notes": list(result.notes), "out": result.out, "plot": result.plot,
    }


__all__ = ["METHOD_NAMES", "sensitivity_dict", "show_sensitivity"]
