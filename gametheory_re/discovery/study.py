"""A scenario discovery from start to end: problem, Latin hypercube, evaluation, boxes or rules.

:func:`discover_study` is what ``gtre discover`` and
:func:`gametheory_re.api.discover` run.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

from ..errors import GameFileError
from ..gsa.design import latin
from ..gsa.evaluate import evaluate, read_rows
from ..gsa.problem import make_problem
from ..gsa.target import resolve_quantity, target
from ..options import check_integer, check_positive
from .prim import choose_box, peel
from .result import METHODS, DiscoveryResult
from .rules import tree_rules

#: Points of the Latin hypercube when ``samples`` is not given.
DEFAULT_SAMPLES = 10_000

#: Fewest runs with a value a discovery works on.
MIN_RUNS = 10


def discover_study(
    game,
    outcome: str,
    *,
    method: str = "prim",
    status: str | None = None,
    select: str | None = None,
    vary: Sequence[str] = (),
    fix: Mapping[str, object] | None = None,
    ranges: Mapping[str, object] | None = None,
    samples: int | None = None,
    seed: int = 0,
    threshold: float = 0.8,
    peel_alpha: float = 0.05,
    paste_alpha: float = 0.05,
    mass_min: float = 0.05,
    box: int | None = None,
    max_depth: int = 3,
    min_leaf: float = 0.05,
    equilibria: str = "auto",
    table=None,
    out=None,
    resume: bool = False,
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int], None] | None = None,
    on_design: Callable[[int], None] | None = None,
) -> DiscoveryResult:
    """Run one discovery; see :func:`gametheory_re.api.discover` for the parameters.

    ``on_design(runs)`` is called with the number of model runs once the
    design is made, before any is evaluated.
    """
    if method not in METHODS:
        raise GameFileError("method", method, "expected one of " + ", ".join(METHODS))
    status, select = resolve_quantity(status, select)
    if outcome not in game.outcomes:
        raise GameFileError("outcome", outcome, "unknown outcome; the game's outcomes are: "
                                                + (", ".join(game.outcomes) or "none"))
    settings = _settings(method, threshold, peel_alpha, paste_alpha, mass_min, box, max_depth, min_leaf)
    seed = check_integer("seed", seed, 0, why="seed")
    if table is not None:
        given = [k for k, v in (("vary", vary), ("fix", fix), ("samples", samples)) if v]
        if given:
            raise GameFileError(given[0], "", "the table's rows are the sample: vary=, fix= and samples= do not go "
                                              "with table= (ranges= does: the ranges the rows were sampled over)")
        evaluation, problem = read_rows(game, table, outcome, ranges)
        settings["table"] = str(table)
    else:
        problem = make_problem(game, vary, fix, ranges)
        n = DEFAULT_SAMPLES if samples is None else check_integer("samples", samples, MIN_RUNS,
                                                                    why="points of the Latin hypercube")
        design = latin(problem, n, seed)
        settings.update(samples=int(n), seed=seed, design="latin hypercube")
        if on_design is not None:
            on_design(design.n_points)
        evaluation = evaluate(game, problem, design, outcome, select=select, equilibria=equilibria, out=out,
                              resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler,
                              chunk_size=chunk_size, progress=progress)
    quantity = target(evaluation.columns, outcome, status, select, source=evaluation.table or "outcome")
    judged = quantity.judged
    x = np.column_stack([np.asarray(evaluation.columns[n], dtype=float) for n in problem.names])[judged]
    y = quantity.values[judged]
    notes = quantity.left_out_notes()
    common = dict(method=method, quantity=quantity.description, outcome=outcome, status=status, select=select,
                  problem=problem, runs=evaluation.runs, used=int(len(y)), unjudged=quantity.n_unjudged,
                  cases=float(y.sum()), mode_reason=evaluation.mode_reason, game=game.title,
                  out=None if out is None else str(out))
    empty = _nothing_to_find(y, quantity.binary)
    if empty:
        return DiscoveryResult(**common, settings=settings, notes=tuple(notes + [empty]))
    if method == "tree":
        rules = tree_rules(problem.names, x, y, quantity.binary, settings["max_depth"], settings["min_leaf"], seed)
        return DiscoveryResult(**common, rules=rules, settings=settings, notes=tuple(notes))
    trajectory, boxes = peel(problem, x, y, quantity.binary, settings["peel_alpha"], settings["paste_alpha"],
                             settings["mass_min"])
    if box is not None and settings["box"] >= len(boxes):
        raise GameFileError("box", str(box), f"the trajectory has steps 0 to {len(boxes) - 1}")
    chosen, how = choose_box(trajectory, settings["threshold"], settings["box"])
    settings["chosen_by"] = how
    if not boxes[chosen].limits:
        notes.append("the chosen box restricts no parameter: it is the whole sample")
    return DiscoveryResult(**common, trajectory=trajectory, boxes=boxes, chosen=chosen, settings=settings,
                           notes=tuple(notes))


def _settings(method, threshold, peel_alpha, paste_alpha, mass_min, box, max_depth, min_leaf) -> dict:
    """The method's settings, each checked; a setting of the other method is an error, not ignored."""
    prim_given = {"peel_alpha": peel_alpha != 0.05, "paste_alpha": paste_alpha != 0.05,
                  "mass_min": mass_min != 0.05, "box": box is not None, "threshold": threshold != 0.8}
    tree_given = {"max_depth": max_depth != 3, "min_leaf": min_leaf != 0.05}
    other = [k for k, v in (tree_given if method == "prim" else prim_given).items() if v]
    if other:
        raise GameFileError(other[0], "", f"is a setting of the other method, not of method={method!r}")
    if method == "tree":
        return {"max_depth": check_integer("max_depth", max_depth, 1, 20, why="depth of the tree"),
                "min_leaf": _share("min_leaf", min_leaf, 0.5, "share of the runs in the smallest leaf")}
    settings = {"threshold": _share("threshold", threshold, 1.0, "density the chosen box must reach"),
                "peel_alpha": _share("peel_alpha", peel_alpha, 0.5, "share of a box's runs peeled off per step"),
                "paste_alpha": _share("paste_alpha", paste_alpha, 0.5, "share of a box's runs pasted back per step"),
                "mass_min": _share("mass_min", mass_min, 1.0, "smallest share of the runs a box keeps"),
                "box": None if box is None else check_integer("box", box, 0, why="a step of the trajectory")}
    return settings


def _share(name: str, value, most: float, what: str) -> float:
    """A share in (0, most]."""
    value = check_positive(name, value)
    if not value <= most:
        raise GameFileError(name, repr(value), f"expected a {what} in (0, {most:g}]")
    return value


def _nothing_to_find(y: np.ndarray, binary: bool) -> str:
    """Why there is no box or rule to find in ``y``, or ''."""
    if len(y) < MIN_RUNS:
        return f"nothing to discover: {len(y)} runs have a value, at least {MIN_RUNS} are needed"
    if np.ptp(y) == 0:
        word = ("holds at every run used" if y[0] == 1 else "holds at no run used") if binary \
            else f"is {y[0]:g} at every run used"
        return f"nothing to discover: the quantity {word}"
    return ""


__all__ = ["DEFAULT_SAMPLES", "MIN_RUNS", "discover_study"]
