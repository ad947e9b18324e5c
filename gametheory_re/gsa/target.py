"""The quantity a study analyses, read from a sweep table: one number per point, or none.

Three quantities, never mixed:

- ``status="all"``: 1 where the outcome holds in every equilibrium found, 0
  where it does not;
- ``status="some"``: 1 where it holds in at least one equilibrium, 0 where
  in none;
- ``select=RULE``: the outcome's probability in the equilibrium the rule
  selects (see :mod:`gametheory_re.solvers.selection`).

A point with no equilibrium found to judge by (status ``unknown``), or
where the rule selects none, has no value (NaN): it is counted and left out
of every analysis, never taken as "does not hold".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from ..errors import GameFileError
from ..sweeps.engine import STATUSES, selected_column

#: How far a probability computed in floating point may fall outside [0, 1].
PROBABILITY_SLACK = 1e-9

#: ``status`` values: the outcome holds in every / in some equilibrium.
TARGET_STATUSES = ("all", "some")


@dataclass(frozen=True, eq=False)
class Target:
    """One value per point of a study, NaN where the point cannot be judged.

    Attributes
    ----------
    outcome : str
    status : {"all", "some"} or None
    select : str or None
        The selection rule, when the quantity is a selected equilibrium's probability.
    values : numpy.ndarray
        Floats: 0 or 1 for a status, a probability for ``select``; NaN
        where not judged.
    """

    outcome: str
    status: str | None
    select: str | None
    values: np.ndarray

    @property
    def judged(self) -> np.ndarray:
        """Points with a value."""
        return ~np.isnan(self.values)

    @property
    def n_unjudged(self) -> int:
        """Points left out: no equilibrium found, or none selected."""
        return int(np.count_nonzero(np.isnan(self.values)))

    @property
    def binary(self) -> bool:
        """Whether the values are 0/1 (a status) rather than probabilities."""
        return self.status is not None

    @property
    def description(self) -> str:
        """The quantity in words."""
        return describe(self.outcome, self.status, self.select)

    def left_out_notes(self) -> list[str]:
        """A note on the runs left out, if any."""
        if not self.n_unjudged:
            return []
        return [f"{self.n_unjudged} of {len(self.values)} runs left out: {self.unjudged_reason}"]

    @property
    def unjudged_reason(self) -> str:
        """Why a point has no value."""
        if self.select is not None:
            return "no equilibrium found, or the rule selects none"
        return "no equilibrium found to judge by"


def describe(outcome: str, status: str | None, select: str | None) -> str:
    """The quantity in words.

    Examples
    --------
    >>> describe("burden_sharing", "all", None)
    'burden_sharing holds in every equilibrium'
    >>> describe("burden_sharing", None, "payoff_dominant")
    'probability of burden_sharing in the payoff_dominant equilibrium'
    """
    if select is not None:
        return f"probability of {outcome} in the {select} equilibrium"
    return f"{outcome} holds in {'every' if status == 'all' else 'some'} equilibrium"


def no_indices_note(values: np.ndarray, needs: str) -> str:
    """Why a method gives no indices over ``values`` (the runs with a value).

    Examples
    --------
    >>> no_indices_note(np.ones(5), "10 runs")
    'no indices: the quantity is 1 at every run used, so it has no variance to apportion'
    """
    if len(values) and np.ptp(values) == 0:
        return f"no indices: the quantity is {values[0]:g} at every run used, so it has no variance to apportion"
    return f"no indices: the method needs {needs}; {len(values)} have a value"


def resolve_quantity(status: str | None, select: str | None) -> tuple[str | None, str | None]:
    """``(status, select)`` with the default filled in: ``status="all"`` unless ``select`` is given.

    Raises
    ------
    GameFileError
        Naming ``status`` when both are given or the status is unknown.
    """
    if select is not None and status is not None:
        raise GameFileError("status", status, "a status and select= are different quantities; give one of them")
    if select is not None:
        return None, select
    status = "all" if status is None else status
    if status not in TARGET_STATUSES:
        raise GameFileError("status", status, "expected one of " + ", ".join(TARGET_STATUSES))
    return status, None


def target(table: Mapping[str, np.ndarray], outcome: str, status: str | None = None,
           select: str | None = None, source: str = "outcome") -> Target:
    """The quantity of ``outcome`` at each row of a sweep table.

    Parameters
    ----------
    table : mapping of str to array (a DataFrame or a sweep's columns)
    outcome : str
    status : {"all", "some"}, optional
        The default, ``"all"``, unless ``select`` is given.
    select : str, optional
        A selection rule; the table needs its column
        (:func:`~gametheory_re.sweeps.engine.selected_column`).
    source : str
        Named in errors (the table's file when it was read from one).

    Examples
    --------
    >>> t = target({"deal": np.array(["all", "some", "none", "unknown"], dtype=object)}, "deal", "some")
    >>> t.values, t.n_unjudged
    (array([ 1.,  1.,  0., nan]), 1)
    """
    status, select = resolve_quantity(status, select)
    if select is not None:
        name = selected_column(outcome, select)
        if name not in table:
            raise GameFileError(source, name, f"no column of the probability of {outcome} in the {select} "
                                              f"equilibrium: the sweep must be run with select={select}")
        values = np.asarray(table[name], dtype=float)
        if np.any((values < -PROBABILITY_SLACK) | (values > 1 + PROBABILITY_SLACK)):
            raise GameFileError(source, name, "holds a value outside [0, 1]: not a probability")
        # Sums of products of probabilities miss 0 and 1 by rounding.
        return Target(outcome, None, select, np.clip(values, 0.0, 1.0))
    if outcome not in table:
        raise GameFileError(source, outcome, "no status column of this outcome")
    column = np.asarray(table[outcome], dtype=object)
    holding = ("all",) if status == "all" else ("all", "some")
    values = np.where(np.isin(column, holding), 1.0, 0.0)
    values[column == "unknown"] = np.nan
    strange = ~np.isin(column, STATUSES)
    if strange.any():
        raise GameFileError(source, outcome, f"holds {column[strange][0]!r}, not an outcome status "
                                             f"({', '.join(STATUSES)})")
    return Target(outcome, status, None, values)


__all__ = ["TARGET_STATUSES", "Target", "describe", "no_indices_note", "resolve_quantity", "target"]
