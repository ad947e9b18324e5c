"""RBD-FAST first-order indices (Tarantola et al. 2006; Plischke 2010), by SALib, from any sample.

One sample of N points estimates every parameter's ``S1`` (Sobol needs
``N (D + 2)`` runs), so it is the cheap method for many parameters.  It
reorders the output along each parameter and reads the variance the first
``M`` harmonics explain: valid for a 0/1 quantity, whose main effects are
still variances, but a sharp regime boundary puts some of that variance in
higher harmonics, so it can understate ``S1`` a little (raise ``M``).  It
gives no total indices: interactions need Sobol.
"""

from __future__ import annotations

import numpy as np
import pandas

from .optional import numpy_global_seed, salib
from .problem import Problem
from .target import Target, no_indices_note


def rbd_fast_indices(problem: Problem, x: np.ndarray, target: Target, harmonics: int = 10, resamples: int = 100,
                     conf_level: float = 0.95, seed: int = 0) -> tuple[pandas.DataFrame, int, list[str]]:
    """``S1`` and ``S1_conf`` per parameter of ``target`` over the points ``x`` (``(N, D)``), by ``S1`` descending."""
    _, rbd_fast, _ = salib()
    keep = target.judged
    names = list(problem.names)
    notes = target.left_out_notes()
    y = target.values[keep]
    if len(y) <= 2 * harmonics or np.ptp(y) == 0:
        notes.append(no_indices_note(y, f"more than {2 * harmonics} runs with a value"))
        nan = np.full(len(names), np.nan)
        return pandas.DataFrame({"S1": nan, "S1_conf": nan}, index=pandas.Index(names, name="parameter")), len(y), notes
    with numpy_global_seed(seed):
        found = rbd_fast.analyze(problem.salib(), x[keep], y, M=harmonics, num_resamples=resamples,
                                 conf_level=conf_level, seed=seed)
    frame = pandas.DataFrame({"S1": np.asarray(found["S1"], dtype=float), "S1_conf": np.asarray(found["S1_conf"], dtype=float)},
                             index=pandas.Index(names, name="parameter"))
    return frame.sort_values("S1", ascending=False, kind="stable"), len(y), notes


__all__ = ["rbd_fast_indices"]
