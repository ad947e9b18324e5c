"""A scenario discovery from start to end: problem, sample, evaluation, boxes or rules, result.

:func:`discover_study` is what ``gtre discover`` and
:func:`gametheory_re.api.discover` run.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np

from ..errors import GameFileError
from ..options import check_integer, check_positive
from ..gsa.design import latin
from ..gsa.evaluate import study_rows
from .prim import choose_box, peel
from .result import METHODS, DiscoveryResult
from .rules import tree_rules

#: Points of the Latin hypercube a discovery evaluates by default.
DEFAULT_SAMPLES = 10_000

#: Fewest runs with a value to look for boxes or rules in.
MIN_RUNS = 20


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
    threshold = _share("threshold", threshold, "a density between 0 and 1, e.g. 0.8", closed=True)
    peel_alpha = _share("peel_alpha", peel_alpha, "a share of the box's runs peeled per step, at most 0.5", 0.5)
    paste_alpha = _share("paste_alpha", paste_alpha, "a share of the box's runs pasted per step, at most 0.5", 0.5)
    mass_min = _share("mass_min", mass_min, "the least share of the runs a box keeps, below 1")
    min_leaf = _share("min_leaf", min_leaf, "the least share of the runs in a leaf, at most 0.5", 0.5, closed=True)
    max_depth = check_integer("max_depth", max_depth, 1, 20, why="levels of the tree")
    if box is not None:
        if method != "prim":
            raise GameFileError("box", str(box), "picks a step of PRIM's trajectory: it needs method='prim'")
        box = check_integer("box", box, 0, why="a step of the peeling trajectory, 0 the whole sample")

    def make_design(problem):
        n = DEFAULT_SAMPLES if samples is None else check_integer("samples", samples, MIN_RUNS,
                                                                  why="points of the Latin hypercube")
        return latin(problem, n, seed), {"samples": int(n), "seed": int(seed), "design": "latin hypercube"}

    rows = study_rows(game, outcome, make_design, status=status, select=select, vary=vary, fix=fix, ranges=ranges,
                      samples=samples, table=table, on_design=on_design, equilibria=equilibria, out=out,
                      resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler,
                      chunk_size=chunk_size, progress=progress)
    problem, quantity, settings, evaluation = rows.problem, rows.quantity, rows.settings, rows.evaluation
    judged = quantity.judged
    x = rows.x[judged]
    y = quantity.values[judged]
    notes = quantity.left_out_notes()
    found: dict = {}
    if len(y) < MIN_RUNS or np.ptp(y) == 0:
        notes.append(_nothing_note(y, quantity.binary))
    elif method == "prim":
        settings.update(threshold=threshold, peel_alpha=peel_alpha, paste_alpha=paste_alpha, mass_min=mass_min)
        trajectory, boxes = peel(problem, x, y, quantity.binary, peel_alpha, paste_alpha, mass_min)
        if box is not None and box >= len(boxes):
            raise GameFileError("box", str(box), f"the trajectory has steps 0 to {len(boxes) - 1}")
        chosen, settings["chosen_by"] = choose_box(trajectory, threshold, box)
        if boxes[chosen].density < threshold:
            notes.append(f"the box reported has density {boxes[chosen].density:.3f}, below the threshold "
                         f"{threshold:g}")
        if not quantity.binary:
            notes.append("quasi-p-values are binomial tests of counted cases: not given for a probability")
        found = dict(trajectory=trajectory, boxes=boxes, chosen=chosen)
    else:
        settings.update(max_depth=max_depth, min_leaf=min_leaf, seed=int(seed))
        found = dict(rules=tree_rules(problem, x, y, quantity.binary, max_depth, min_leaf, seed))
    return DiscoveryResult(
        method=method, quantity=quantity.description, outcome=outcome, status=quantity.status,
        select=quantity.select,
        problem=problem, runs=evaluation.runs, used=int(len(y)), unjudged=quantity.n_unjudged,
        cases=float(y.sum()), settings=settings, mode_reason=evaluation.mode_reason, notes=tuple(notes),
        game=game.title, out=None if out is None else str(out), **found,
    )


def _share(name: str, value, what: str, top: float = 1.0, closed: bool = False) -> float:
    """``value`` as a float in ``(0, top)`` (``(0, top]`` when ``closed``)."""
    number = check_positive(name, value)
    if not (number <= top if closed else number < top):
        raise GameFileError(name, repr(value), "expected " + what)
    return number


def _nothing_note(y: np.ndarray, binary: bool) -> str:
    if len(y) < MIN_RUNS:
        return f"nothing to discover: {len(y)} runs have a value, at least {MIN_RUNS} are needed"
    if binary:
        return f"nothing to discover: the outcome {'holds' if y[0] else 'fails'} at every run used"
    return f"nothing to discover: the probability is {y[0]:g} at every run used"


__all__ = ["DEFAULT_SAMPLES", "MIN_RUNS", "discover_study"]
