"""Evaluating a study's design with the sweep engine, or reading the rows of an earlier sweep.

Either way a study gets one table of the varied parameters and the columns
its quantity is read from (:mod:`~gametheory_re.gsa.target`).  The
engine evaluates every run vectorised, chunk by chunk, in workers or on a
cluster, and writes the rows to ``out`` exactly as ``gtre sweep --out`` does
(so ``resume`` works the same, and the file can be read back with ``from``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from ..errors import GameFileError
from ..limits import MAX_TABLE_POINTS
from ..sweeps.engine import selected_column
from ..sweeps.run import design_spec, run_spec
from ..sweeps.summary import SweepSummary
from ..sweeps.tables import read_table
from .problem import Problem, make_problem
from .target import Target, resolve_quantity, target


@dataclass(frozen=True, eq=False)
class Evaluation:
    """The rows a study analyses.

    Attributes
    ----------
    columns : dict of str to numpy.ndarray
        The varied parameters, and the outcome's status column (or its
        selected-probability column).
    runs : int
    summary : SweepSummary or None
        The sweep's counts, when the engine ran it.
    mode_reason : str
        Which equilibria were searched, and why; for a table read back,
        where it came from.
    table : str or None
        The file the rows were read from (``from``), if any.
    """

    columns: dict[str, np.ndarray]
    runs: int
    summary: SweepSummary | None
    mode_reason: str
    table: str | None = None


def evaluate(game, problem: Problem, design, outcome: str, *, select: str | None = None,
             equilibria: str = "auto", out=None, resume: bool = False, overwrite: bool = False,
             workers: int = 1, scheduler: str | None = None, chunk_size: int | None = None,
             progress: Callable[[int], None] | None = None) -> Evaluation:
    """Solve ``game`` at every point of ``design`` (the other parameters at
    ``problem.fixed``) and keep what the quantity of ``outcome`` needs.

    ``equilibria``, ``out``, ``resume``, ``overwrite``, ``workers``,
    ``scheduler``, ``chunk_size`` and ``progress`` are as for
    :func:`gametheory_re.sweeps.sweep`.
    """
    if resume and out is None:
        raise GameFileError("resume", "", "needs out=, the file of the interrupted study")
    if design.n_points > MAX_TABLE_POINTS:
        # The study keeps every run's parameters and quantity in memory.
        raise GameFileError("samples", str(design.n_points), f"model runs; a study keeps its runs in memory and may "
                                                             f"have at most {MAX_TABLE_POINTS}")
    spec = design_spec(game, design, problem.fixed, (outcome,), equilibria, chunk_size, select=select)
    keep = [*problem.names, outcome] + ([selected_column(outcome, select)] if select else [])
    result = run_spec(spec, out=out, resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler,
                      progress=progress, collect=True, as_frame=False, keep=keep)
    table = result.table
    columns = {name: np.asarray(table[name]) for name in table.dtype.names}
    summary = result.summary
    if out is not None:
        summary = dataclasses.replace(summary, out=str(out))
    return Evaluation(columns, design.n_points, summary, spec.mode_reason)


def read_rows(game, path, outcome: str, ranges: Mapping[str, object] | None = None) -> tuple[Evaluation, Problem]:
    """The rows of a sweep table written earlier (``gtre sweep --out``), and the problem they sample.

    The parameter columns (those before ``label``) are the varied
    parameters; their ranges are the declared bounds or ``ranges``, and
    every value must lie within them.  What the other parameters were set to
    is not in the table: the problem's ``fixed`` is None.

    Raises
    ------
    GameFileError
        Naming the file: not a sweep table of ``game``, no column for
        ``outcome``, a value outside the ranges.
    """
    frame, parameters = read_table(path)
    name = str(path)
    for column in parameters:
        if column not in game.parameters:
            raise GameFileError(name, column, "is not a parameter of the game ("
                                              + ", ".join(game.parameters) + "): is it the table of another game?")
    if outcome not in frame.columns:
        known = [c for c in frame.columns if c in game.outcomes]
        raise GameFileError(name, outcome, "no column of this outcome; the table has: " + (", ".join(known) or "none"))
    problem = make_problem(game, vary=parameters, ranges={k: v for k, v in (ranges or {}).items()})
    columns = {}
    for column in parameters:
        values = frame[column].to_numpy(dtype=float)
        low, high = problem.bounds[column]
        outside = (values < low) | (values > high)
        if outside.any():
            raise GameFileError(name, column, f"value {float(values[outside][0])!r} is outside the range "
                                              f"[{low!r}, {high!r}] the study assumes")
        if np.ptp(values) == 0:
            raise GameFileError(name, column, f"takes one value ({float(values[0])!r}): the table does not vary it")
        columns[column] = values
    for column in frame.columns:
        if column == outcome or str(column).startswith(outcome + "@"):
            columns[str(column)] = frame[column].to_numpy()
    problem = Problem(problem.names, problem.lows, problem.highs, None, problem.ranged)
    return Evaluation(columns, len(frame), None, f"rows read from {name}", name), problem


@dataclass(frozen=True, eq=False)
class StudyRows:
    """What a study analyses: its rows, the problem they sample, the quantity at each row.

    Attributes
    ----------
    evaluation : Evaluation
    problem : Problem
    quantity : Target
    x : numpy.ndarray
        ``(runs, D)``: the varied parameters' values, in ``problem.names`` order.
    settings : dict
        How the rows were made (``samples``, ``seed``, ``design``) or read (``table``).
    """

    evaluation: Evaluation
    problem: Problem
    quantity: Target
    x: np.ndarray
    settings: dict


def study_rows(game, outcome: str, make_design: Callable[[Problem], tuple[object, dict]], *,
               status: str | None = None, select: str | None = None, vary: Sequence[str] = (),
               fix: Mapping[str, object] | None = None, ranges: Mapping[str, object] | None = None,
               samples: int | None = None, table=None, on_design: Callable[[int], None] | None = None,
               **engine) -> StudyRows:
    """The rows of a study (sensitivity or discovery): read from ``table``, or
    the design ``make_design(problem)`` returns (with its settings), evaluated
    by the sweep engine (``engine``: the options of :func:`evaluate`).

    Raises
    ------
    GameFileError
        Naming the argument: an unknown outcome, a status with ``select``,
        ``vary``/``fix``/``samples`` with ``table``, or what
        :func:`make_problem`, :func:`read_rows` and :func:`evaluate` refuse.
    """
    status, select = resolve_quantity(status, select)
    if outcome not in game.outcomes:
        raise GameFileError("outcome", outcome, "unknown outcome; the game's outcomes are: "
                                                + (", ".join(game.outcomes) or "none"))
    if table is not None:
        given = [k for k, v in (("vary", vary), ("fix", fix), ("samples", samples)) if v]
        if given:
            raise GameFileError(given[0], "", "the table's rows are the sample: vary=, fix= and samples= do not go "
                                              "with table= (ranges= does: the ranges the rows were sampled over)")
        evaluation, problem = read_rows(game, table, outcome, ranges)
        settings = {"table": str(table)}
    else:
        problem = make_problem(game, vary, fix, ranges)
        design, settings = make_design(problem)
        if on_design is not None:
            on_design(design.n_points)
        evaluation = evaluate(game, problem, design, outcome, select=select, **engine)
    quantity = target(evaluation.columns, outcome, status, select, source=evaluation.table or "outcome")
    x = np.column_stack([np.asarray(evaluation.columns[n], dtype=float) for n in problem.names])
    return StudyRows(evaluation, problem, quantity, x, dict(settings))


__all__ = ["Evaluation", "StudyRows", "evaluate", "read_rows", "study_rows"]
