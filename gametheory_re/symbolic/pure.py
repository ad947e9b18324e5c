"""Where each pure profile is a Nash equilibrium, as exact conditions on the parameters.

A pure profile ``s`` is an equilibrium exactly where, for every player ``i``
and every other strategy ``t`` of ``i``, ``u_i(s) - u_i(t, s_-i) >= 0``.
Each difference is split into the cases of its ``min``/``max``/``abs``/
``piecewise`` payoffs (:func:`~gametheory_re.symbolic.cases.split_cases`),
and each case becomes a :class:`~gametheory_re.symbolic.regions.Region`:
the profile is an equilibrium exactly on the union of its regions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import sympy

from .cases import split_cases
from .regions import Region, Requirement, build_region


@dataclass(frozen=True)
class PureConditions:
    """Where one pure profile is a Nash equilibrium.

    Attributes
    ----------
    profile : tuple of int
        One strategy index per player.
    regions : tuple of Region
        The profile is an equilibrium exactly on their union (at most one
        holds at a point: they are cases).  Regions proved empty are left
        out; ``empty_cases`` counts them.
    empty_cases : int
    """

    profile: tuple[int, ...]
    regions: tuple[Region, ...]
    empty_cases: int = 0

    @property
    def status(self) -> str:
        """``"never"`` (proved: no region), ``"always"`` (no condition at all), or ``"conditional"``."""
        if not self.regions:
            return "never"
        if len(self.regions) == 1 and not self.regions[0].conditions:
            return "always"
        return "conditional"

    def relation(self) -> sympy.Boolean:
        """Where the profile is an equilibrium, as one sympy truth value."""
        return sympy.Or(*(r.relation() for r in self.regions))


def deviation_gains(payoffs: np.ndarray, profile: tuple[int, ...]):
    """``(player, deviation, u_i(s) - u_i(t, s_-i))`` for every player and other strategy, in order."""
    out = []
    for i, n in enumerate(payoffs.shape[1:]):
        for t in range(n):
            if t != profile[i]:
                other = profile[:i] + (t,) + profile[i + 1:]
                out.append((i, t, payoffs[(i,) + profile] - payoffs[(i,) + other]))
    return out


def pure_conditions(payoffs: np.ndarray, box, deadline=None) -> list[PureConditions]:
    """The equilibrium conditions of every pure profile.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Object array ``(n_players, n_1, ..., n_n)`` of sympy expressions
        (fixed parameters already substituted).
    box : mapping of sympy.Symbol to (lo, hi)
        Bounds of the free parameters.
    deadline : Deadline, optional
        Checked before each profile and each exact LP (raises ``OutOfTime`` when passed).

    Returns
    -------
    list of PureConditions
        In profile order (the first player's strategy varies slowest).

    Examples
    --------
    >>> import numpy as np, sympy
    >>> c = sympy.Symbol("c", real=True)
    >>> u = np.empty((2, 2, 2), dtype=object)     # prisoner's dilemma with a cost c of defecting
    >>> u[0] = [[3, 0], [5 - c, 1 - c]]; u[1] = [[3, 5 - c], [0, 1 - c]]
    >>> [p.status for p in pure_conditions(u, {c: (0, 4)})]
    ['conditional', 'conditional', 'conditional', 'conditional']
    >>> print(pure_conditions(u, {c: (0, 4)})[3].relation())
    c <= 1
    """
    out = []
    for profile in itertools.product(*(range(n) for n in payoffs.shape[1:])):
        if deadline is not None:
            deadline.check()
        gains = deviation_gains(payoffs, profile)
        regions, empty = [], 0
        for case in split_cases([g for _, _, g in gains], box):
            candidates = [
                (expr, False, Requirement(None, "deviation", i, profile[i], (t,)))
                for (i, t, _), expr in zip(gains, case.expressions)
            ]
            region = build_region(case.guards, candidates, box, deadline)
            if region.empty:
                empty += 1
            else:
                regions.append(region)
        out.append(PureConditions(profile, tuple(regions), empty))
    return out
