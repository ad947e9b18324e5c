"""The picture of a simulation (``gtre simulate --plot``).

Top: each state parameter over the periods, in a fixed colour per
parameter, its unit in the legend; a counterfactual run is the same colour
dashed.  Below: one band per run showing the play selected in each period,
one colour per pure profile (the same profile has the same colour in every
picture of the game, sweep maps included: the colour comes from the
profile's label, see :func:`~gametheory_re.presenters.colours.set_colour`,
not from the order of appearance; two profiles on one colour are told apart
by dots or stripes), mixed play grey and hatched; the periods where the
play switches are marked by dotted lines.  The caption
states the run's values and selection rule.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..dynamics.simulation import Simulation, changes_label
from .colours import set_styles
from .plots import save_figure
from .tables import number

#: Colours of the state parameters, in the order the file lists them.
STATE_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")

#: Colour of mixed play (hatched ``//``); pure profiles take their colour from their label.
MIXED_COLOUR = "#bdbdbd"


def _is_mixed(sim: Simulation, probabilities: np.ndarray) -> bool:
    """Whether a period's play is mixed (some player's largest probability below 1)."""
    shape = sim.game.shape
    offsets = np.concatenate([[0], np.cumsum(shape)])
    return any(probabilities[offsets[p]:offsets[p + 1]].max() < 1 - 1e-9 for p in range(len(shape)))


def simulation_figure(sim: Simulation) -> Figure:
    """The picture as a matplotlib figure (for notebooks)."""
    runs = [("baseline", sim)] + [(changes_label(c), r) for c, r in sim.counterfactuals]
    state = sim.game.dynamics.state
    fig = Figure(figsize=(11, 5.4 + 0.45 * len(runs)))
    grid = fig.add_gridspec(2, 1, height_ratios=[4, 0.55 * len(runs) + 0.4], hspace=0.08)
    top = fig.add_subplot(grid[0])
    band = fig.add_subplot(grid[1], sharex=top)
    periods = np.arange(sim.periods + 1)
    for k, name in enumerate(state):
        unit = sim.game.parameters[name].unit
        colour = STATE_COLOURS[k % len(STATE_COLOURS)]
        for r, (run_name, run) in enumerate(runs):
            label = f"{name} ({unit})" if unit else name
            twin = next((other for other in state[:k] if np.array_equal(run.state[0][other], run.state[0][name])), None)
            if twin is not None:
                label += f", the same as {twin}"  # drawn over it
            if r:
                label = f"{name}, {run_name}" + (f" (= {twin})" if twin is not None else "")
            width = 1.6 if r == 0 else 1.3
            top.plot(periods, run.state[0][name], color=colour, linestyle="-" if r == 0 else (0, (4, 2 + r)),
                     marker="o" if r == 0 else None, markersize=2.5, linewidth=width, label=label)
    for t in sim.switches[0]:
        top.axvline(t - 0.5, color="#444444", linestyle=":", linewidth=1)
    top.set_ylabel("state parameter value (unit in legend)")
    top.grid(True, color="#e5e5e5", linewidth=0.6)
    top.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    top.tick_params(labelbottom=False)

    mixed = [[_is_mixed(run, run.histories.play[t, 0]) for t in periods] for _, run in runs]
    styles = set_styles(run.play[0][t] for (_, run), m in zip(runs, mixed) for t in periods if not m[t])
    seen: dict[str, tuple[str, str]] = {}
    for r, (run_name, run) in enumerate(runs):
        y = len(runs) - 1 - r
        for t in periods:
            colour, hatch = (MIXED_COLOUR, "//") if mixed[r][t] else styles[run.play[0][t]]
            band.add_patch(_cell(t, y, colour, hatch))
            seen.setdefault(run.play[0][t], (colour, hatch))
        for t in run.switches[0]:
            band.plot([t - 0.5, t - 0.5], [y, y + 1], color="black", linewidth=1.2)
    band.set_ylim(0, len(runs))
    band.set_yticks(np.arange(len(runs)) + 0.5)
    band.set_yticklabels([name for name, _ in reversed(runs)], fontsize=8)
    band.set_xlim(-0.5, sim.periods + 0.5)
    band.set_xlabel("period (one play of the stage game each)")
    handles = [Patch(facecolor=c, hatch=h or None, edgecolor="white", label=label) for label, (c, h) in seen.items()]
    fig.legend(handles=handles, loc="lower center", ncol=min(3, len(handles)), fontsize=8, title="play selected",
               title_fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.0))
    fig.suptitle(textwrap.fill(sim.game.title, 90), fontsize=11, y=0.985)
    fig.text(0.5, 0.935, _caption(sim), ha="center", va="top", fontsize=8, color="#333333")
    fig.subplots_adjust(left=0.1, right=0.7, top=0.88, bottom=0.1 + 0.035 * ((len(handles) + 2) // 3) + 0.03)
    return fig


def _cell(t, y, colour, hatch):
    return Rectangle((t - 0.5, y + 0.08), 1, 0.84, facecolor=colour, edgecolor="white", linewidth=0.4,
                     hatch=hatch or None)


def _caption(sim: Simulation) -> str:
    values = ", ".join(f"{k} = {number(v)}" for k, v in sim.params.items())
    fixed = f"the file's values except {values}" if values else "the file's start values and parameters"
    rule = sim.select if sim.select != "persist" else f"persist, else {sim.fallback}"
    return textwrap.fill(f"At {fixed}; selection: {rule}; dotted lines: the play switches", 120)


def draw_simulation(sim: Simulation, path, overwrite: bool = False) -> None:
    """Write the picture of ``sim`` to ``path`` (``.png``, ``.svg`` or ``.pdf``)."""
    save_figure(simulation_figure(sim), path, overwrite=overwrite)
