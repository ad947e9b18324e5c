"""PAWN indices (Pianosi & Wagener 2015, 2018), by SALib, from any sample.

PAWN compares the output's distribution with its distribution when one
parameter is held within a slice of its range (``S`` slices), by the
Kolmogorov-Smirnov statistic, and summarises over slices (minimum, mean,
median, maximum, coefficient of variation).  It needs no moments and no
density, so it is valid for a 0/1 quantity, where the statistic of a slice
is how far the share of points where the outcome holds moves from its
overall share.  Cheap for many parameters: one sample serves them all.
"""

from __future__ import annotations

import numpy as np
import pandas

from .optional import salib
from .problem import Problem
from .target import Target, no_indices_note

COLUMNS = ("minimum", "mean", "median", "maximum", "CV")


def pawn_indices(problem: Problem, x: np.ndarray, target: Target, slices: int = 10) -> tuple[pandas.DataFrame, int, list[str]]:
    """PAWN statistics per parameter of ``target`` over the points ``x`` (``(N, D)``), by median descending."""
    _, _, pawn = salib()
    keep = target.judged
    names = list(problem.names)
    notes = target.left_out_notes()
    y = target.values[keep]
    if len(y) < 2 * slices or np.ptp(y) == 0:
        notes.append(no_indices_note(y, f"at least {2 * slices} runs with a value"))
        nan = np.full(len(names), np.nan)
        return pandas.DataFrame({c: nan for c in COLUMNS}, index=pandas.Index(names, name="parameter")), len(y), notes
    # No seed: PAWN's slices are deterministic, and SALib would seed numpy's global generator with it.
    found = pawn.analyze(problem.salib(), x[keep], y, S=slices)
    frame = pandas.DataFrame({c: np.asarray(found[c], dtype=float) for c in COLUMNS},
                             index=pandas.Index(names, name="parameter"))
    return frame.sort_values("median", ascending=False, kind="stable"), len(y), notes


__all__ = ["pawn_indices"]
