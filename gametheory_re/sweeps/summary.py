"""What a sweep keeps whatever its size: counts of points per equilibrium
support and per outcome status (:class:`Tally`, :class:`SweepSummary`), and
what it returns (:class:`SweepResult`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .engine import STATUSES, SweepSpec, selected_column

if TYPE_CHECKING:  # pandas is imported only when a DataFrame is asked for
    import pandas


@dataclass(frozen=True)
class SweepSummary:
    """The counts a sweep keeps whatever its size (what ``gtre sweep`` prints).

    Attributes
    ----------
    game : str
        The game's title.
    points : int
    parameters : tuple of str
        The varied (or sampled) parameters.
    equilibria : str
        The mode searched: ``"pure"``, ``"all"`` or ``"subgame perfect"``.
    regimes : dict of str to int
        Points per equilibrium set by its supports (the ``support`` column),
        most common first.  Probabilities move continuously inside a mixed
        regime, so counting the ``label`` column (with probabilities) would
        split one regime into as many entries as there are points.
    outcomes : dict of str to dict of str to int
        Per outcome, points per status (``all``, ``some``, ``none``, ``unknown``).
    mode_reason : str
        One sentence: which equilibria were searched and why
        (:attr:`~gametheory_re.sweeps.engine.SweepSpec.mode_reason`).
    recomputed_chunks : int
        On resume: damaged chunks computed again.
    select : str or None
        The equilibrium selection rule, if any.
    unselected : int
        With ``select``: points where it gives no value for some outcome
        (it selects none, no equilibrium was found, or selected equilibria
        with equal payoffs disagree).
    out, plot : str or None
        The row file written and the picture drawn, if any.
    """

    game: str
    points: int
    parameters: tuple[str, ...]
    equilibria: str
    regimes: dict[str, int]
    outcomes: dict[str, dict[str, int]]
    mode_reason: str
    recomputed_chunks: int = 0
    select: str | None = None
    unselected: int = 0
    out: str | None = None
    plot: str | None = None


@dataclass(frozen=True, eq=False)
class SweepResult:
    """What a sweep returns: its table (when collected) and its summary.

    Attributes
    ----------
    table : numpy.ndarray or pandas.DataFrame or None
        One row per point (see :func:`sweep`); None when not collected.
    summary : SweepSummary
    spec : SweepSpec
        The checked settings the sweep ran with.
    """

    def _repr_html_(self) -> str:
        # The notebook view: the summary tables (the table itself is a DataFrame, which shows itself).
        from ..presenters.html import sweep_html

        return sweep_html(self)


    table: pandas.DataFrame | np.ndarray | None
    summary: SweepSummary
    spec: SweepSpec


class Tally:
    """Running counts of points per equilibrium support and per outcome status."""

    def __init__(self, spec: SweepSpec):
        self.spec = spec
        self.regimes: dict[str, int] = {}
        self.outcomes = {name: dict.fromkeys(STATUSES, 0) for name in spec.outcomes}
        self.unselected = 0

    def add(self, table) -> None:
        """Count one chunk."""
        for support, count in _counts(table, "support"):
            self.regimes[support] = self.regimes.get(support, 0) + count
        for name in self.spec.outcomes:
            for value, count in _counts(table, name):
                self.outcomes[name][value] += count
        if self.spec.select and self.spec.outcomes:
            selected = np.column_stack([np.asarray(table[selected_column(name, self.spec.select)], dtype=float)
                                        for name in self.spec.outcomes])
            self.unselected += int(np.isnan(selected).any(axis=1).sum())

    def summary(self) -> SweepSummary:
        """The counts so far (regimes most common first)."""
        return SweepSummary(
            game=self.spec.game.title,
            points=int(self.spec.design.n_points),
            parameters=tuple(self.spec.design.names),
            equilibria=self.spec.mode,
            regimes=dict(sorted(self.regimes.items(), key=lambda kv: -kv[1])),
            outcomes=self.outcomes,
            mode_reason=self.spec.mode_reason,
            select=self.spec.select,
            unselected=self.unselected,
        )


def _counts(table, name: str) -> list[tuple[str, int]]:
    """``(value, points)`` of column ``name``, in value order (ties among
    regimes keep that order); from the codes when the table has them."""
    coded = getattr(table, "codes", {}).get(name)
    if coded is None:
        values, counts = np.unique(np.asarray(table[name], dtype=str), return_counts=True)
        return list(zip(values.tolist(), counts.tolist()))
    codes, lookup = coded
    counts = np.bincount(codes, minlength=len(lookup)).tolist()
    return sorted((value, count) for value, count in zip(lookup, counts) if count)


__all__ = ["SweepResult", "SweepSummary", "Tally"]
