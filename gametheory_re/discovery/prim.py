"""PRIM boxes (the patient rule induction method) by the EMA Workbench, over our own rows.

PRIM starts from the box holding every run and *peels*: at each step it
cuts a thin slice (``peel_alpha`` of the runs in the box) off one side of
one parameter, the slice whose removal raises the box's density most,
until fewer than ``mass_min`` of the runs are left.  It then *pastes*:
widens the final box again by slices of ``paste_alpha`` while that raises
the density.  Every step is a box with its coverage (share of all cases of
interest inside it), density (share of its runs that are cases) and mass
(share of all runs inside it): the peeling trajectory, the trade-off
between a box that catches most cases and one that is nearly pure.

For a status (0/1) the cases of interest are the runs where the outcome
holds.  For a probability (``select``) the workbench peels on the mean
probability; density is then the box's mean probability and coverage its
share of the total probability, recomputed here from the box limits.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..gsa.optional import ema_prim
from ..gsa.problem import Problem
from .result import Box, Limit

#: Columns of the trajectory.
TRAJECTORY_COLUMNS = ("coverage", "density", "mass", "res_dim", "runs", "cases")

#: The workbench's own threshold.  It marks the cases of interest (y at or
#: above it) and drops a final box whose mean is below it, with its whole
#: trajectory; with a tiny positive value the cases are exactly the runs
#: where a 0/1 quantity is 1 and no trajectory is dropped: the box is
#: chosen from the trajectory here, by the density threshold (:func:`choose_box`).
_CASE_LEVEL = 1e-9


def peel(problem: Problem, x: np.ndarray, y: np.ndarray, binary: bool, peel_alpha: float = 0.05,
         paste_alpha: float = 0.05, mass_min: float = 0.05) -> tuple[pd.DataFrame, tuple[Box, ...]]:
    """The peeling and pasting trajectory of PRIM over the runs ``x`` (one column per varied parameter).

    Parameters
    ----------
    problem : Problem
        Names and ranges of the columns of ``x``.
    x : numpy.ndarray, shape (runs, parameters)
    y : numpy.ndarray
        The quantity at each run (no NaN): 0/1 when ``binary``, else a probability.
    binary : bool
    peel_alpha, paste_alpha, mass_min : float
        As :class:`ema_workbench.analysis.prim.Prim`.

    Returns
    -------
    trajectory : pandas.DataFrame
        One row per step (:data:`TRAJECTORY_COLUMNS`).
    boxes : tuple of Box
        Each step's box with its restricted dimensions and quasi-p-values.

    Examples
    --------
    >>> from gametheory_re.gsa.problem import Problem
    >>> rng = np.random.default_rng(0)
    >>> x = rng.uniform(size=(2000, 2))
    >>> y = ((x[:, 0] < 0.3) & (x[:, 1] > 0.5)).astype(float)
    >>> trajectory, boxes = peel(Problem(("a", "b"), (0.0, 0.0), (1.0, 1.0)), x, y, True)
    >>> best = boxes[int(trajectory["density"].to_numpy().argmax())]
    >>> [(limit.name, round(limit.low, 1), round(limit.high, 1)) for limit in best.limits]
    [('a', 0.0, 0.3), ('b', 0.5, 1.0)]
    """
    prim = ema_prim()
    frame = pd.DataFrame(np.asarray(x, dtype=float), columns=list(problem.names))
    target = np.asarray(y, dtype=int if binary else float)
    mode = prim.sdutil.RuleInductionType.BINARY if binary else prim.sdutil.RuleInductionType.REGRESSION
    with warnings.catch_warnings():
        # The workbench's own use of pandas features pandas deprecates; not the user's concern.
        warnings.filterwarnings("ignore", module="ema_workbench")
        algorithm = prim.Prim(frame, target, _CASE_LEVEL, peel_alpha=peel_alpha, paste_alpha=paste_alpha,
                              mass_min=mass_min, mode=mode)
        found = algorithm.find_box()
    ema = found.peeling_trajectory
    trajectory = pd.DataFrame({
        "coverage": ema["coverage"].to_numpy(dtype=float), "density": ema["density"].to_numpy(dtype=float),
        "mass": ema["mass"].to_numpy(dtype=float), "res_dim": ema["res_dim"].to_numpy(dtype=int),
        "runs": ema["n"].to_numpy(dtype=int), "cases": ema["k"].to_numpy(dtype=float),
    })
    if not binary:
        # The workbench counts cases (y above its level); a probability's
        # share is its sum: the box's mean and its part of the total.
        inside = [_inside(frame.to_numpy(), lims) for lims in found.box_lims]
        sums = np.array([target[mask].sum() for mask in inside])
        trajectory["cases"] = sums
        trajectory["density"] = ema["mean"].to_numpy(dtype=float)
        trajectory["coverage"] = sums / target.sum() if target.sum() > 0 else np.nan
    boxes = tuple(_box(i, row, found.box_lims[i], found.box_lims[0], found.qp[i], problem, binary)
                  for i, row in enumerate(trajectory.itertuples(index=False)))
    return trajectory, boxes


def _inside(x: np.ndarray, lims: pd.DataFrame) -> np.ndarray:
    """Runs inside a box, bounds included (as the workbench counts them)."""
    low, high = lims.loc[0].to_numpy(dtype=float), lims.loc[1].to_numpy(dtype=float)
    return np.all((x >= low) & (x <= high), axis=1)


def _box(index, row, lims, initial, qp, problem: Problem, binary: bool) -> Box:
    limits = []
    bounds = problem.bounds
    for name in problem.names:
        low, high = float(lims.at[0, name]), float(lims.at[1, name])
        if low == float(initial.at[0, name]) and high == float(initial.at[1, name]):
            continue
        qp_low, qp_high = (float(v) if binary and v != -1 else float("nan") for v in qp.get(name, (-1, -1)))
        limits.append(Limit(name, low, high, *bounds[name], qp_low, qp_high))
    limits.sort(key=lambda limit: (np.nan_to_num(limit.qp, nan=2.0), limit.name))
    return Box(index, float(row.coverage), float(row.density), float(row.mass), int(row.runs), float(row.cases),
               tuple(limits))


def choose_box(trajectory: pd.DataFrame, threshold: float, box: int | None = None) -> tuple[int, str]:
    """The step to report, and how it was chosen.

    ``box`` when given; otherwise the step with the largest coverage whose
    density is at least ``threshold`` (the later, smaller box on a tie),
    and when none reaches it, the densest step.

    Examples
    --------
    >>> t = pd.DataFrame({"coverage": [1.0, 0.9, 0.7, 0.3], "density": [0.2, 0.5, 0.85, 0.95]})
    >>> choose_box(t, 0.8)
    (2, 'the largest coverage with density >= 0.8')
    >>> choose_box(t, 0.99)
    (3, 'no step reaches density 0.99: the densest')
    """
    if box is not None:
        return int(box), "asked for (box=)"
    density = trajectory["density"].to_numpy(dtype=float)
    coverage = trajectory["coverage"].to_numpy(dtype=float)
    dense = np.flatnonzero(density >= threshold)
    if len(dense):
        best = dense[coverage[dense] == coverage[dense].max()]
        return int(best[-1]), f"the largest coverage with density >= {threshold:g}"
    return int(np.nanargmax(density)), f"no step reaches density {threshold:g}: the densest"


__all__ = ["TRAJECTORY_COLUMNS", "choose_box", "peel"]
