"""Monte-Carlo filtering (regional sensitivity; Hornberger & Spear 1981), from any sample.

The runs split into those where the outcome holds and those where it does
not; a parameter matters when its distribution differs between the two.
The difference is the two-sample Kolmogorov-Smirnov statistic ``KS`` (0: the
same distribution, 1: disjoint ranges) with its p-value, and the means of
the parameter in both groups say in which direction it acts.  It reads any
uniform sample, so it is the method for tables of earlier sweeps.
"""

from __future__ import annotations

import numpy as np
import pandas
from scipy import stats

from ..errors import GameFileError
from .problem import Problem
from .target import Target, no_indices_note


def filtering_indices(problem: Problem, x: np.ndarray, target: Target) -> tuple[pandas.DataFrame, int, list[str]]:
    """``KS``, ``p_value``, ``mean_holds``, ``mean_fails`` per parameter, by ``KS`` descending.

    Raises
    ------
    GameFileError
        Naming ``select``: the split needs a 0/1 quantity (a status).

    Examples
    --------
    >>> from gametheory_re.gsa.problem import Problem
    >>> x = np.column_stack([np.linspace(0, 1, 200), np.tile([0.2, 0.8], 100)])
    >>> t = Target("deal", "all", None, (x[:, 0] > 0.5).astype(float))
    >>> frame, used, notes = filtering_indices(Problem(("a", "b"), (0.0, 0.0), (1.0, 1.0)), x, t)
    >>> frame["KS"].round(2).tolist()
    [1.0, 0.0]
    """
    if not target.binary:
        raise GameFileError("select", target.select, "Monte-Carlo filtering splits the runs where the outcome holds "
                                                     "from those where it does not: it needs a status, not a probability")
    keep = target.judged
    names = list(problem.names)
    notes = target.left_out_notes()
    holds = target.values[keep] == 1
    x = x[keep]
    if holds.all() or not holds.any():
        notes.append(no_indices_note(target.values[keep], "runs where the outcome holds and runs where it does not"))
        nan = np.full(len(names), np.nan)
        frame = pandas.DataFrame({"KS": nan, "p_value": nan, "mean_holds": nan, "mean_fails": nan},
                                 index=pandas.Index(names, name="parameter"))
        return frame, int(keep.sum()), notes
    # One test per parameter (D of them), each over all runs at once.
    tests = [stats.ks_2samp(x[holds, i], x[~holds, i]) for i in range(len(names))]
    frame = pandas.DataFrame({
        "KS": [float(t.statistic) for t in tests], "p_value": [float(t.pvalue) for t in tests],
        "mean_holds": x[holds].mean(axis=0), "mean_fails": x[~holds].mean(axis=0),
    }, index=pandas.Index(names, name="parameter"))
    return frame.sort_values("KS", ascending=False, kind="stable"), int(keep.sum()), notes


__all__ = ["filtering_indices"]
