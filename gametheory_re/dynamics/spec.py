"""What a game file's ``[dynamics]`` section declares: state, update rules, stage and selection.

A :class:`Dynamics` is attached to the stage game it drives
(:attr:`ParametricGame.dynamics <gametheory_re.parametric.ParametricGame.dynamics>`),
so every command that does not simulate still sees the stage game, at the
start values.  Its update rules are sympy expressions built per pure profile,
exactly as payoffs are: the indicators of last period's play (``restrict``,
``build``, ``played(China, restrict)``...) are 0 or 1 in each profile's
expression, and mixed play takes the expectation over profiles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..evaluator import Compiled
from ..solvers.selection import SELECTION_RULES

#: How a period with several equilibria is resolved (see ``docs/dynamics.md``).
#: ``persist`` keeps last period's play while an equilibrium with its support
#: survives; ``all`` follows every equilibrium as a branch of its own.
DYNAMIC_SELECTION = ("persist", "first", "payoff_dominant", "risk_dominant", "all")

#: The rules ``persist`` falls back on: the one-shot selection rules.
FALLBACK_RULES = SELECTION_RULES

#: What happens to a state value an update takes outside its parameter's bounds.
BOUNDS_RULES = ("clip", "refuse")


@dataclass(frozen=True, eq=False)
class Dynamics:
    """State parameters, their update rules, and how each period's play is chosen.

    Attributes
    ----------
    state : tuple of str
        The state parameters, in the order of ``[dynamics.update]``.
    rules : tuple of str
        Each state parameter's update rule as written in the file.
    updates : numpy.ndarray
        Object array ``(n_state, n_1, ..., n_n)``: the next value of each
        state parameter after each pure profile, a sympy expression of the
        parameters.
    select : str
        One of :data:`DYNAMIC_SELECTION`.
    fallback : str
        The rule ``persist`` uses in period 0 and when last period's play is
        no longer an equilibrium: ``first``, ``payoff_dominant`` or
        ``risk_dominant``.
    bounds : {"clip", "refuse"}
    periods : int
        The default number of periods (updates) of a run.
    order : tuple of tuple of int or None
        The move order of the stage game (groups of player indices), or
        ``None`` for simultaneous play of the normal form.
    start : dict of str to sympy.Rational
        The values ``[dynamics.start]`` gives (they are the stage game's
        parameter defaults).
    payoffs_from : str or None
        The game file whose payoffs the stage game reuses.
    """

    state: tuple[str, ...]
    rules: tuple[str, ...]
    updates: np.ndarray
    select: str = "persist"
    fallback: str = "payoff_dominant"
    bounds: str = "clip"
    periods: int = 30
    order: tuple[tuple[int, ...], ...] | None = None
    start: dict = field(default_factory=dict)
    payoffs_from: str | None = None

    def __getstate__(self):
        # Compiled code cannot be pickled; a worker process compiles its own.
        return {k: v for k, v in self.__dict__.items() if k != "_compiled"}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def compiled(self, symbols) -> Compiled:
        """The update rules as numeric code over ``symbols`` (the stage game's parameters, in order)."""
        cached = self.__dict__.get("_compiled")
        if cached is None or cached[0] != tuple(symbols):
            # Frozen dataclass: the cache is written around __setattr__.
            cached = (tuple(symbols), Compiled(list(symbols), list(self.updates.ravel())))
            self.__dict__["_compiled"] = cached
        return cached[1]


__all__ = ["BOUNDS_RULES", "DYNAMIC_SELECTION", "Dynamics", "FALLBACK_RULES"]
