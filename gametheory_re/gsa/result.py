"""What a sensitivity study returns: the indices as a table, and everything needed to read them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .problem import Problem

if TYPE_CHECKING:
    import pandas

#: Methods of :func:`gametheory_re.api.sensitivity`, and whether each needs its own design.
METHODS = ("sobol", "rbd-fast", "pawn", "filtering")


@dataclass(frozen=True, eq=False)
class SensitivityResult:
    """Sensitivity indices of one quantity over the varied parameters.

    Attributes
    ----------
    method : str
        One of :data:`METHODS`.
    quantity : str
        What was analysed, in words (``burden_sharing holds in every equilibrium``).
    outcome : str
    status : str or None
    select : str or None
    problem : Problem
        The varied parameters, their ranges, the fixed values (None when
        the rows were read from a table, which does not record them).
    indices : pandas.DataFrame
        One row per varied parameter, most influential first (by
        :attr:`ranked_by`).  Columns by method: ``sobol``: ``S1``,
        ``S1_conf``, ``ST``, ``ST_conf`` (the ``_conf`` columns are half
        widths of the bootstrap confidence interval at
        ``settings["conf_level"]``); ``rbd-fast``: ``S1``, ``S1_conf``;
        ``pawn``: ``minimum``, ``mean``, ``median``, ``maximum``, ``CV`` of the
        Kolmogorov-Smirnov statistics over the conditioning slices;
        ``filtering``: ``KS`` (the largest gap between the parameter's
        distribution where the outcome holds and where it does not),
        ``p_value``, ``mean_holds``, ``mean_fails``.
    second_order : pandas.DataFrame or None
        Sobol ``S2`` and ``S2_conf`` per pair of parameters, when asked.
    ranked_by : str
        The column the rows are sorted by.
    runs : int
        Model runs evaluated (or rows read).
    used : int
        Runs in the estimate.
    unjudged : int
        Runs without a value (no equilibrium found, or none selected); left out.
    mean : float
        Mean of the quantity over the runs used (the share of them where the
        outcome holds, for a status).
    settings : dict
        The method's settings (``samples``, ``seed``, ``resamples``,
        ``conf_level``, ...).
    mode_reason : str
        Which equilibria were searched and why (or where the rows came from).
    notes : tuple of str
        What the reader must know to trust the numbers (rows left out, a
        constant quantity, a sample that does not look uniform).
    game : str
        The game's title.
    out, plot : str or None
        The rows file written and the picture drawn, if any.
    """

    method: str
    quantity: str
    outcome: str
    status: str | None
    select: str | None
    problem: Problem
    indices: pandas.DataFrame
    ranked_by: str
    runs: int
    used: int
    unjudged: int
    mean: float
    settings: dict = field(default_factory=dict)
    second_order: pandas.DataFrame | None = None
    mode_reason: str = ""
    notes: tuple[str, ...] = ()
    game: str = ""
    out: str | None = None
    plot: str | None = None


__all__ = ["METHODS", "SensitivityResult"]
