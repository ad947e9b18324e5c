"""Sobol' first-order and total indices (and second-order on request), by SALib, from a Saltelli design.

A 0/1 quantity is a valid model output for variance-based indices: ``S1``
of a parameter is the share of the indicator's variance its main effect
explains, ``ST`` the share it has a part in.  Each base sample's block of
runs (A, AB^1 ... AB^D, B) enters the estimators together, so a block with
a run that cannot be judged is left out whole, and the notes say how many.
"""

from __future__ import annotations

import numpy as np
import pandas

from .optional import salib
from .problem import Problem
from .target import Target, no_indices_note


def sobol_indices(problem: Problem, target: Target, n: int, second_order: bool = False, resamples: int = 100,
                  conf_level: float = 0.95, seed: int = 0) -> tuple[pandas.DataFrame, pandas.DataFrame | None, int, list[str]]:
    """Sobol indices of ``target`` over the runs of a Saltelli design of
    ``n`` base samples (see :class:`~gametheory_re.gsa.design.Saltelli`), in its order.

    Returns
    -------
    indices : pandas.DataFrame
        ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` per parameter, by ``ST`` descending.
    second_order : pandas.DataFrame or None
        ``S2``, ``S2_conf`` per pair (``second_order`` only).
    used : int
        Runs in the estimate.
    notes : list of str
    """
    sobol, _, _ = salib()
    step = 2 * len(problem.names) + 2 if second_order else len(problem.names) + 2
    values = target.values.reshape(n, step)
    whole = ~np.isnan(values).any(axis=1)
    notes = []
    if not whole.all():
        notes.append(f"{int((~whole).sum())} of {n} base samples left out: their blocks hold runs "
                     f"without a value ({target.unjudged_reason})")
    kept = values[whole]
    names = list(problem.names)
    if len(kept) < 2 or np.ptp(kept) == 0:
        notes.append(no_indices_note(kept.ravel(), "2 whole base samples"))
        nan = np.full(len(names), np.nan)
        frame = pandas.DataFrame({"S1": nan, "S1_conf": nan, "ST": nan, "ST_conf": nan}, index=pandas.Index(names, name="parameter"))
        return frame, None, int(kept.size), notes
    found = sobol.analyze(problem.salib(), kept.ravel(), calc_second_order=second_order,
                          num_resamples=resamples, conf_level=conf_level,
                          # A generator, not the int: SALib leaves the bootstrap unseeded for seed=0.
                          seed=np.random.default_rng(seed))
    frame = pandas.DataFrame({key: np.asarray(found[key], dtype=float) for key in ("S1", "S1_conf", "ST", "ST_conf")},
                             index=pandas.Index(names, name="parameter"))
    pairs = None
    if second_order:
        i, j = np.triu_indices(len(names), k=1)
        pairs = pandas.DataFrame({"parameter_1": np.array(names)[i], "parameter_2": np.array(names)[j],
                                  "S2": np.asarray(found["S2"])[i, j], "S2_conf": np.asarray(found["S2_conf"])[i, j]})
        pairs = pairs.sort_values("S2", ascending=False, kind="stable").reset_index(drop=True)
    return frame.sort_values("ST", ascending=False, kind="stable"), pairs, int(kept.size), notes


__all__ = ["sobol_indices"]
