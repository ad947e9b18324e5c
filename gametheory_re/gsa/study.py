"""A sensitivity study from start to end: problem, design, evaluation, analysis, result.

:func:`sensitivity_study` is what ``gtre sensitivity`` and
:func:`gametheory_re.api.sensitivity` run.
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

import numpy as np
from scipy import stats

from ..errors import GameFileError
from ..options import check_integer, check_positive
from .design import latin, saltelli, saltelli_layout
from .evaluate import study_rows
from .filtering import filtering_indices
from .pawn import pawn_indices
from .problem import Problem
from .rbd_fast import rbd_fast_indices
from .result import METHODS, SensitivityResult
from .sobol import sobol_indices

#: Default size of a study: base samples of Sobol (runs N (D + 2)), points otherwise.
DEFAULT_SAMPLES = {"sobol": 1024, "rbd-fast": 8192, "pawn": 8192, "filtering": 8192}

#: The column each method's indices are sorted by (most influential first).
RANKED_BY = {"sobol": "ST", "rbd-fast": "S1", "pawn": "median", "filtering": "KS"}

#: Below this p-value a column of a table read back is reported as not uniform over its range.
UNIFORM_P = 1e-3


def sensitivity_study(
    game,
    outcome: str,
    *,
    method: str = "sobol",
    status: str | None = None,
    select: str | None = None,
    vary: Sequence[str] = (),
    fix: Mapping[str, object] | None = None,
    ranges: Mapping[str, object] | None = None,
    samples: int | None = None,
    seed: int = 0,
    second_order: bool = False,
    resamples: int = 100,
    conf_level: float = 0.95,
    harmonics: int = 10,
    slices: int = 10,
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
) -> SensitivityResult:
    """Run one study; see :func:`gametheory_re.api.sensitivity` for the parameters.

    ``on_design(runs)`` is called with the number of model runs once the
    design is made, before any is evaluated.
    """
    if method not in METHODS:
        raise GameFileError("method", method, "expected one of " + ", ".join(METHODS))
    resamples = check_integer("resamples", resamples, 1, 10_000, why="bootstrap resamples")
    conf_level = check_positive("conf_level", conf_level)
    if not conf_level < 1:
        raise GameFileError("conf_level", repr(conf_level), "expected a level between 0 and 1, e.g. 0.95")
    harmonics = check_integer("harmonics", harmonics, 1, 100, why="harmonics of RBD-FAST")
    slices = check_integer("slices", slices, 2, 100, why="slices of PAWN")
    if second_order and method != "sobol":
        raise GameFileError("second_order", "", "second-order indices are Sobol indices: it needs method='sobol'")

    def make_design(problem):
        n = DEFAULT_SAMPLES[method] if samples is None else samples
        design = saltelli(problem, n, seed, second_order) if method == "sobol" else latin(problem, n, seed)
        return design, {"samples": int(n), "seed": int(seed),
                        "design": "saltelli" if method == "sobol" else "latin hypercube"}

    rows = study_rows(game, outcome, make_design, status=status, select=select, vary=vary, fix=fix, ranges=ranges,
                      samples=samples, table=table, on_design=on_design, equilibria=equilibria, out=out,
                      resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler,
                      chunk_size=chunk_size, progress=progress)
    problem, quantity, x, settings, evaluation = rows.problem, rows.quantity, rows.x, rows.settings, rows.evaluation
    notes = _uniformity_notes(problem, x) if table is not None and method != "sobol" else []
    second = None
    if method == "sobol":
        n_base, second_order = _sobol_layout(x, table, second_order, settings)
        settings.update(samples=n_base, design="saltelli", resamples=resamples, conf_level=conf_level,
                        second_order=bool(second_order))
        indices, second, used, more = sobol_indices(problem, quantity, n_base, second_order, resamples, conf_level,
                                                    seed)
    elif method == "rbd-fast":
        settings.update(resamples=resamples, conf_level=conf_level, harmonics=harmonics)
        indices, used, more = rbd_fast_indices(problem, x, quantity, harmonics, resamples, conf_level, seed)
    elif method == "pawn":
        settings.update(slices=slices)
        indices, used, more = pawn_indices(problem, x, quantity, slices)
    else:
        indices, used, more = filtering_indices(problem, x, quantity)
    judged = quantity.values[quantity.judged]
    return SensitivityResult(
        method=method, quantity=quantity.description, outcome=outcome, status=quantity.status,
        select=quantity.select,
        problem=problem, indices=indices, ranked_by=RANKED_BY[method], runs=evaluation.runs, used=used,
        unjudged=quantity.n_unjudged, mean=float(judged.mean()) if len(judged) else float("nan"),
        settings=settings, second_order=second, mode_reason=evaluation.mode_reason, notes=tuple(notes + more),
        game=game.title, out=None if out is None else str(out),
    )


def _sobol_layout(x: np.ndarray, table, second_order: bool, settings: dict) -> tuple[int, bool]:
    """Base samples and second order of the Saltelli design the runs ``x`` follow:
    the study's own, or those of a table's rows (checked to be one)."""
    if table is None:
        return settings["samples"], second_order
    layout = saltelli_layout(x)
    if layout is None:
        raise GameFileError("table", str(table), "Sobol indices need their own sample design (Saltelli's): these "
                                                 "rows are not one; run the study itself (out= keeps its runs for "
                                                 "a later table=), or use a sample-based method")
    if second_order and not layout[1]:
        raise GameFileError("second_order", "", "the table's Saltelli design has no second-order rows (BA^i): run "
                                                "the study with second_order=True to get them")
    return layout


def _uniformity_notes(problem: Problem, x: np.ndarray) -> list[str]:
    """Columns of a table that do not look uniform over their range (a grid, a sample of other bounds)."""
    notes = []
    for i, name in enumerate(problem.names):
        low, high = problem.lows[i], problem.highs[i]
        p = stats.kstest((x[:, i] - low) / (high - low), "uniform").pvalue
        if p < UNIFORM_P:
            notes.append(f"{name} does not look uniform over [{low:g}, {high:g}] (Kolmogorov-Smirnov p = {p:.1e}): "
                         "the indices assume a uniform random or Latin-hypercube sample over the ranges")
    return notes


__all__ = ["DEFAULT_SAMPLES", "RANKED_BY", "sensitivity_study"]
