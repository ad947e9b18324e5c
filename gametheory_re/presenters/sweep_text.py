"""Sweep summaries and threshold switches as text (sweep pictures: :mod:`.plots`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import escape_unprintable

if TYPE_CHECKING:  # the sweep engine is imported only by the commands that sweep (cold start)
    from ..sweeps.summary import SweepSummary
    from ..sweeps.threshold import ThresholdResult
from .tables import number


#: What each outcome status says, in words.
STATUS_WORDS = {
    "all": "every equilibrium",
    "some": "some equilibria (selection matters)",
    "none": "no equilibrium",
    "unknown": "no equilibrium found to judge by",
}


def show_summary(summary: SweepSummary) -> str:
    """Regimes and outcome statuses with their share of the points."""
    total = summary.points
    share = lambda n: f"{n:>9}  {100 * n / total:5.1f}%"
    what = "pure equilibria only" if summary.equilibria == "pure" else "all equilibria found"
    lines = [
        f"{summary.game}: {total} points over {', '.join(summary.parameters)} ({what})",
        "",
        "Equilibrium sets (points, share):",
    ]
    lines += [f"  {share(n)}  {label}" for label, n in summary.regimes.items()]
    for name, counts in summary.outcomes.items():
        lines.append("")
        lines.append(f"Outcome {name} holds in:")
        lines += [f"  {share(counts[s])}  {STATUS_WORDS[s]}" for s in STATUS_WORDS if counts[s]]
    if summary.recomputed_chunks:
        lines += ["", f"resume: {summary.recomputed_chunks} damaged chunk(s) computed again"]
    if summary.out is not None:
        lines += ["", f"wrote {escape_unprintable(summary.out)}"]
    if summary.plot is not None:
        lines += [f"drew {escape_unprintable(summary.plot)}"]
    return "\n".join(lines)


def show_switches(result: ThresholdResult) -> str:
    """Each threshold with the statuses and equilibrium sets on both sides."""
    param, outcome, switches = result.param, result.outcome, result.switches
    if not switches:
        return f"{outcome}: no switch found as {param} moves over its range (its status is the same at every grid point)."
    lines = [f"{outcome} switches {len(switches)} time{'s' if len(switches) > 1 else ''} as {param} rises:"]
    for s in switches:
        lines.append(
            f"  {param} = {number(s.value)} (between {s.below!r} and {s.above!r}): "
            f"holds in {STATUS_WORDS[s.status_below]} -> {STATUS_WORDS[s.status_above]}"
        )
        lines.append(f"    below: {s.label_below}")
        lines.append(f"    above: {s.label_above}")
    return "\n".join(lines)
