"""Shared text formatting of every terminal view: short numbers and aligned tables."""

from __future__ import annotations


def number(x: float) -> str:
    """A payoff or probability, short: 0.914, -1.75, 1e-12."""
    if abs(x) < 5e-13:
        x = 0.0
    text = f"{x:.6g}" if abs(x) >= 1e-4 or x == 0 else f"{x:.3g}"
    return "0" if text == "-0" else text


def table_lines(rows: list[list[str]]) -> list[str]:
    """Rows of cells as aligned text lines, a rule under the header row."""
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) if _numeric(cell) else cell.ljust(w) for cell, w in zip(row[1:], widths[1:])
        ]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _numeric(cell: str) -> bool:
    try:
        float(cell.split(",")[0].rstrip("*"))
    except ValueError:
        return False
    return True
