"""Text both study presenters print (``gtre sensitivity``, ``gtre discover``): what varied, and the last lines."""

from __future__ import annotations

from ..gsa.problem import Problem


def problem_lines(problem: Problem) -> list[str]:
    """The varied parameters with their ranges (``*``: given, not declared) and the fixed ones."""
    ranged = set(problem.ranged)
    spans = ", ".join(f"{n} [{lo:g}, {hi:g}]{'*' if n in ranged else ''}"
                      for n, lo, hi in zip(problem.names, problem.lows, problem.highs))
    lines = [f"Varied ({len(problem.names)}, uniformly): {spans}" + ("  (* range given)" if ranged else "")]
    if problem.fixed is None:
        lines.append("Fixed: as in the sweep that wrote the table (not recorded in it)")
    else:
        fixed = ", ".join(f"{k} = {v:g}" for k, v in problem.fixed.items())
        lines.append(f"Fixed: {fixed or 'nothing (every parameter varied)'}")
    return lines


def closing_lines(result) -> list[str]:
    """A study result's notes, and the files it wrote."""
    lines = [f"Note: {note}" for note in result.notes]
    if result.out:
        lines.append(f"Runs written to {result.out}")
    if result.plot:
        lines.append(f"Picture written to {result.plot}")
    return lines


__all__ = ["closing_lines", "problem_lines"]
