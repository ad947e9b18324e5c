"""Sweep summaries and threshold switches as text; sweep pictures via :mod:`.plots`."""

from __future__ import annotations

from ..atomic import OVERWRITE_HINT, check_target
from ..errors import GameFileError, escape_unprintable
from ..limits import MAX_PLOT_CELLS
from .pictures import picture_format
from .text import number


#: What each outcome status says, in words.
STATUS_WORDS = {
    "all": "every equilibrium",
    "some": "some equilibria (selection matters)",
    "none": "no equilibrium",
    "unknown": "no equilibrium found to judge by",
}


def check_plot_request(spec, path, overwrite: bool = False, hint: str = OVERWRITE_HINT) -> None:
    """Refuse, before any work, a picture that cannot be drawn or written.

    Checks the format (:data:`~gametheory_re.presenters.pictures.PICTURE_FORMATS`),
    the design (a grid over 1 or 2 parameters of at most
    :data:`~gametheory_re.limits.MAX_PLOT_CELLS` cells) and the file (see
    :func:`~gametheory_re.atomic.check_target`).
    """
    picture_format(path)
    if not hasattr(spec.design, "axes") or len(spec.design.axes) > 2:
        raise GameFileError("--plot", str(path), "pictures need a grid over 1 or 2 parameters (--vary once or twice)")
    if spec.design.n_points > MAX_PLOT_CELLS:
        raise GameFileError("--plot", str(path), f"the grid has {spec.design.n_points} cells; a picture may have at "
                                                 f"most {MAX_PLOT_CELLS}: use fewer points per axis")
    check_target(path, overwrite, hint)


def plot_columns(spec) -> list[str]:
    """The columns of a sweep table that :func:`draw_sweep` needs (the rest need not be kept)."""
    return [*spec.design.names, "label", *spec.outcomes[:1]]


def draw_sweep(spec, table, path, overwrite: bool = False) -> None:
    """Band chart (1 axis) or regime and outcome maps (2 axes) of a grid sweep."""
    from .plots import plot_sweep

    game = spec.game
    axes = [(a.name, a.values()) for a in spec.design.axes]
    labels = {
        a.name: f"{a.name}: {game.parameters[a.name].description}" if game.parameters[a.name].description else a.name
        for a in spec.design.axes
    }
    outcome = spec.outcomes[0] if spec.outcomes else None
    plot_sweep(table, axes, path, outcome=outcome, title=game.title, axis_labels=labels, overwrite=overwrite)


def show_summary(summary: dict) -> str:
    """Regimes and outcome statuses with their share of the points."""
    total = summary["points"]
    share = lambda n: f"{n:>9}  {100 * n / total:5.1f}%"
    what = "pure equilibria only" if summary["equilibria"] == "pure" else "all equilibria found"
    lines = [
        f"{summary['game']}: {total} points over {', '.join(summary['parameters'])} ({what})",
        "",
        "Equilibrium sets (points, share):",
    ]
    lines += [f"  {share(n)}  {label}" for label, n in summary["regimes"].items()]
    for name, counts in summary["outcomes"].items():
        lines.append("")
        lines.append(f"Outcome {name} holds in:")
        lines += [f"  {share(counts[s])}  {STATUS_WORDS[s]}" for s in STATUS_WORDS if counts[s]]
    if summary.get("recomputed_chunks"):
        lines += ["", f"resume: {summary['recomputed_chunks']} damaged chunk(s) computed again"]
    if "out" in summary:
        lines += ["", f"wrote {escape_unprintable(str(summary['out']))}"]
    if "plot" in summary:
        lines += [f"drew {escape_unprintable(str(summary['plot']))}"]
    return "\n".join(lines)


def show_switches(param: str, outcome: str, switches) -> str:
    """Each threshold with the statuses and equilibrium sets on both sides."""
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
