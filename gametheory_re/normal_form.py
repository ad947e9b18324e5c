"""A game in normal form at one parameter point: numbers, not formulas.

This is what every solver consumes.  It is produced by evaluating a
:class:`~gametheory_re.parametric.ParametricGame` at a parameter point, or read
directly from a Gambit ``.nfg`` file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from .labels import profile_label
from .limits import MAX_PLAYERS, MAX_PROFILES, MAX_STRATEGIES


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """Payoffs of an n-player game in strategic form.

    Parameters
    ----------
    players : tuple of str
        Player names, in order.
    strategies : tuple of tuple of str
        Strategy names of each player.
    payoffs : numpy.ndarray
        Float array of shape ``(n_players, n_1, ..., n_n)``; ``payoffs[p][s]``
        is player ``p``'s payoff at pure profile ``s``.
    exact_payoffs : numpy.ndarray or None
        The same payoffs as exact sympy numbers (object array), where known.
        Used to compute exact equilibria.
    title : str
        A human-readable name.
    outcomes : mapping of str to numpy.ndarray
        Named outcomes: boolean arrays of shape ``(n_1, ..., n_n)`` that say at
        which pure profiles the outcome holds.
    parameters : mapping of str to float
        The parameter point the payoffs were evaluated at (empty for games
        without parameters).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_re import NormalFormGame
    >>> dilemma = NormalFormGame(
    ...     players=("Row", "Column"),
    ...     strategies=(("cooperate", "defect"), ("cooperate", "defect")),
    ...     payoffs=np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]], dtype=float),
    ... )
    >>> dilemma.payoffs.shape          # (n_players, n_1, n_2)
    (2, 2, 2)
    >>> float(dilemma.payoffs[0][1, 0])   # Row's payoff when Row defects and Column cooperates
    5.0
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray
    exact_payoffs: np.ndarray | None = None
    title: str = ""
    outcomes: Mapping[str, np.ndarray] = field(default_factory=dict)
    parameters: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self):
        shape = tuple(len(s) for s in self.strategies)
        if len(self.players) != len(self.strategies):
            raise ValueError("one strategy list is needed per player")
        if not 1 <= len(self.players) <= MAX_PLAYERS:
            raise ValueError(f"a game needs 1 to {MAX_PLAYERS} players")
        if any(n < 1 or n > MAX_STRATEGIES for n in shape):
            raise ValueError(f"each player needs 1 to {MAX_STRATEGIES} strategies")
        if int(np.prod(shape)) > MAX_PROFILES:
            raise ValueError(f"a game may have at most {MAX_PROFILES} pure profiles")
        payoffs = np.asarray(self.payoffs, dtype=float)
        if payoffs.shape != (len(self.players),) + shape:
            raise ValueError(
                f"payoffs have shape {payoffs.shape}, expected {(len(self.players),) + shape}"
            )
        if not np.all(np.isfinite(payoffs)):
            raise ValueError("payoffs must be finite numbers")
        payoffs.setflags(write=False)
        object.__setattr__(self, "payoffs", payoffs)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return self.payoffs.shape[1:]

    def profile_label(self, profile) -> str:
        """Readable label of a pure profile given as strategy indices, e.g. ``(build, align, supply)``."""
        return profile_label(self.strategies, tuple(int(i) for i in profile))

    def strategy_index(self, player: int, name: str) -> int:
        """Index of strategy ``name`` of player number ``player``."""
        return self.strategies[player].index(name)
