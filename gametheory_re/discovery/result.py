"""What a scenario discovery returns: the boxes or rules, and everything needed to read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..gsa.problem import Problem

if TYPE_CHECKING:
    import pandas

#: Methods of :func:`gametheory_re.api.discover`.
METHODS = ("prim", "tree")


@dataclass(frozen=True)
class Limit:
    """One restricted dimension of a PRIM box: ``low <= name <= high``.

    Attributes
    ----------
    name : str
    low, high : float
        The box's bounds on the parameter.
    range_low, range_high : float
        The range it was varied over.
    qp_low, qp_high : float
        Quasi-p-values of the lower and upper bound (NaN for a bound not
        restricted, or for a probability quantity).
    """

    name: str
    low: float
    high: float
    range_low: float
    range_high: float
    qp_low: float
    qp_high: float

    @property
    def qp(self) -> float:
        """The larger (weaker) of the two bounds' quasi-p-values, the one to judge the restriction by."""
        values = [v for v in (self.qp_low, self.qp_high) if v == v]
        return max(values) if values else float("nan")


@dataclass(frozen=True)
class Box:
    """One step of the peeling and pasting trajectory.

    Attributes
    ----------
    index : int
        The step (0: the whole sample).
    coverage, density, mass : float
        Share of the cases of interest inside the box; share of the box's
        runs that are cases of interest; share of the runs inside the box.
    runs, cases : int
        Runs in the box, and cases of interest among them.
    limits : tuple of Limit
        The restricted dimensions, most significant (smallest quasi-p) first.
    """

    index: int
    coverage: float
    density: float
    mass: float
    runs: int
    cases: float
    limits: tuple[Limit, ...]


@dataclass(frozen=True)
class Condition:
    """One parameter's bounds on a tree leaf's path: ``low < name <= high`` (either side may be open)."""

    name: str
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Rule:
    """One leaf of a decision tree.

    Attributes
    ----------
    conditions : tuple of Condition
        The path to the leaf, one condition per parameter it splits on.
    support : float
        Share of the runs used that fall in the leaf.
    purity : float
        Share of the leaf's runs where the outcome holds (the mean
        probability, for a probability quantity).
    runs : int
    holds : bool
        Whether the leaf predicts the outcome (purity above 1/2).
    """

    conditions: tuple[Condition, ...]
    support: float
    purity: float
    runs: int
    holds: bool


@dataclass(frozen=True, eq=False)
class DiscoveryResult:
    """Where an outcome holds: PRIM boxes or tree rules over the varied parameters.

    Attributes
    ----------
    method : {"prim", "tree"}
    quantity : str
        What was analysed, in words.
    outcome, status, select
        The quantity's parts (see :mod:`gametheory_re.gsa.target`).
    problem : Problem
        Varied parameters and ranges; ``fixed`` is None for rows read from a table.
    runs, used, unjudged : int
        Runs evaluated or read, runs with a value, runs left out (no
        equilibrium found, or none selected).
    cases : float
        Cases of interest among the runs used (the sum of the probabilities,
        for ``select``).
    trajectory : pandas.DataFrame or None
        PRIM: one row per step, columns ``coverage``, ``density``, ``mass``,
        ``res_dim``, ``runs``, ``cases``.
    boxes : tuple of Box
        PRIM: every step of the trajectory, as :class:`Box`.
    chosen : int or None
        PRIM: the step reported (:attr:`box`).
    rules : tuple of Rule
        Trees: the leaves, those where the outcome holds first.
    settings : dict
        The method's settings (threshold, alphas, mass_min, max_depth,
        min_leaf, samples, seed, how the box was chosen ...).
    mode_reason : str
    notes : tuple of str
    game : str
    out, plot : str or None
    """

    method: str
    quantity: str
    outcome: str
    status: str | None
    select: str | None
    problem: Problem
    runs: int
    used: int
    unjudged: int
    cases: float
    trajectory: pandas.DataFrame | None = None
    boxes: tuple[Box, ...] = ()
    chosen: int | None = None
    rules: tuple[Rule, ...] = ()
    settings: dict = field(default_factory=dict)
    mode_reason: str = ""
    notes: tuple[str, ...] = ()
    game: str = ""
    out: str | None = None
    plot: str | None = None

    @property
    def box(self) -> Box | None:
        """The chosen PRIM box."""
        return None if self.chosen is None else self.boxes[self.chosen]


__all__ = ["METHODS", "Box", "Condition", "DiscoveryResult", "Limit", "Rule"]
