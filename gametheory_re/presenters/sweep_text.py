"""Sweep summaries and threshold switches as text (sweep pictures: :mod:`.plots`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import escape_unprintable

if TYPE_CHECKING:  # the sweep engine is imported only by the commands that sweep (cold start)
    from ..sweeps.summary import SweepSummary
    from ..sweeps.threshold import ThresholdResult
from .tables import number


#: Equilibrium sets listed one per line; rarer ones are summed in one line.
MAX_REGIMES_SHOWN = 20

#: Exact boundary formulas longer than this are left to --json in text.
MAX_FORMULA_CHARS = 300

#: What each outcome status says, in words.
STATUS_WORDS = {
    "all": "every equilibrium",
    "some": "some equilibria (selection matters)",
    "none": "no equilibrium",
    "unknown": "no equilibrium found to judge by",
}

#: The same for a dynamic game, whose row is the play of the last period.
DYNAMIC_STATUS_WORDS = {
    "all": "holds",
    "some": "holds with some probability (mixed play)",
    "none": "does not hold",
    "unknown": "unknown (undefined payoffs)",
}


def show_summary(summary: SweepSummary) -> str:
    """Regimes (by support) and outcome statuses with their share of the points,
    under a header saying which equilibria were searched and why."""
    total = summary.points
    share = lambda n: f"{n:>9}  {100 * n / total:5.1f}%"
    lines = [
        f"{summary.game}: {total} points over {', '.join(summary.parameters)}",
        f"Searched: {summary.mode_reason}",
        "",
        # The regimes are counted by support: the probabilities of a mixed
        # equilibrium change from point to point within one regime.
        "Equilibrium sets by support (points, share):",
    ]
    regimes = list(summary.regimes.items())
    lines += [f"  {share(n)}  {label}" for label, n in regimes[:MAX_REGIMES_SHOWN]]
    if len(regimes) > MAX_REGIMES_SHOWN:
        rest = sum(n for _, n in regimes[MAX_REGIMES_SHOWN:])
        lines.append(f"  {share(rest)}  ({len(regimes) - MAX_REGIMES_SHOWN} more sets, each rarer; all are in --json and the table)")
    words = DYNAMIC_STATUS_WORDS if summary.equilibria == "dynamics" else STATUS_WORDS
    if summary.equilibria == "dynamics":
        lines[3] = "Play at the last period by support (points, share):"
    for name, counts in summary.outcomes.items():
        lines.append("")
        lines.append(f"Outcome {name} at the last period:" if summary.equilibria == "dynamics" else f"Outcome {name} holds in:")
        lines += [f"  {share(counts[s])}  {words[s]}" for s in words if counts[s]]
    if summary.select is not None:
        lines += ["", f"Selection {summary.select}: no value at {summary.unselected} of {total} points "
                      f"({100 * summary.unselected / total:.1f}%; the rule selects none there)"]
    if summary.recomputed_chunks:
        lines += ["", f"resume: {summary.recomputed_chunks} damaged chunk(s) computed again"]
    if summary.out is not None:
        lines += ["", f"wrote {escape_unprintable(summary.out)}"]
    if summary.plot is not None:
        lines += [f"drew {escape_unprintable(summary.plot)}"]
    return "\n".join(lines)


def show_switches(result: ThresholdResult) -> str:
    """Each threshold with the statuses and equilibrium sets on both sides,
    under a line saying which equilibria were searched and why."""
    param, outcome, switches = result.param, result.outcome, result.switches
    searched = f"Searched: {result.mode_reason}"
    if not switches:
        return (f"{outcome}: no switch found as {param} moves over its range "
                f"(its status is the same at every grid point).\n{searched}"
                + "".join(f"\nNote: {n}" for n in result.notes))
    lines = [f"{outcome} switches {len(switches)} time{'s' if len(switches) > 1 else ''} as {param} rises:", searched]
    for s in switches:
        lines.append(
            f"  {param} = {number(s.value)} (between {s.below!r} and {s.above!r}): "
            f"holds in {STATUS_WORDS[s.status_below]} -> {STATUS_WORDS[s.status_above]}"
        )
        if s.method == "exact":
            formula = s.formula if len(s.formula) <= MAX_FORMULA_CHARS else f"(a formula of {len(s.formula)} characters: see --json)"
            lines.append(f"    exact: {param} = {s.exact_value} ({number(s.exact_float)}) on the boundary "
                         f"{param} = {formula}, from {s.exact_source}")
            lines += [f"      also: {other}" for other in s.also]
        elif result.exact and s.exact_note:
            lines.append(f"    exact: none; {s.exact_note}")
        lines.append(f"    below: {s.label_below}")
        lines.append(f"    above: {s.label_above}")
    lines += [f"Note: {n}" for n in result.notes]
    return "\n".join(lines)
