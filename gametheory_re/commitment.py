"""The value of commitment: simultaneous play against play in a move order.

The same normal-form payoffs are played once simultaneously (outcome: its
pure Nash equilibria) and once per move order with perfect information
(outcome: the subgame-perfect equilibrium paths).  A player's *gain* in an
order is their payoff there minus their payoff in simultaneous play; the
*value of moving first* is that gain in the orders the player leads.

When either side has several equilibria the gain is the range over every
pair (lowest and highest); when simultaneous play has no pure equilibrium
there is no baseline, and gains are ``None``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from .errors import UnsupportedError
from .trees.orders import sequential_game
from .trees.parametric import ParametricTree
from .normal_form import NormalFormGame
from .parametric import ParametricGame
from .solvers.backward_induction import SubgamePerfectResult, subgame_perfect_equilibria
from .solvers.pure import pure_equilibria
from .solvers.regret import resolve_tol

#: All orders are compared by default for at most this many players.
MAX_DEFAULT_PLAYERS = 4


@dataclass(frozen=True, eq=False)
class OrderOutcome:
    """Play in one move order.

    Attributes
    ----------
    order : tuple of str
        Player names, first mover first.
    profiles : tuple of tuple of int
        The distinct profiles played on subgame-perfect equilibrium paths.
    payoffs : numpy.ndarray
        ``(len(profiles), n_players)``.
    gain : numpy.ndarray or None
        ``(n_players, 2)``: lowest and highest payoff difference with
        simultaneous play, per player; ``None`` when simultaneous play has no
        pure equilibrium.
    result : SubgamePerfectResult
        The full backward-induction result (strategies off the path too).
    """

    order: tuple[str, ...]
    profiles: tuple[tuple[int, ...], ...]
    payoffs: np.ndarray
    gain: np.ndarray | None
    result: SubgamePerfectResult


@dataclass(frozen=True, eq=False)
class Comparison:
    """Simultaneous play and each move order, side by side.

    Attributes
    ----------
    game : NormalFormGame
        The payoffs at the compared parameter point.
    simultaneous : tuple of tuple of int
        Pure Nash equilibria of simultaneous play.
    simultaneous_payoffs : numpy.ndarray
        ``(len(simultaneous), n_players)``.
    orders : tuple of OrderOutcome
    tol : float
    """

    game: NormalFormGame
    simultaneous: tuple[tuple[int, ...], ...]
    simultaneous_payoffs: np.ndarray
    orders: tuple[OrderOutcome, ...]
    tol: float

    def first_mover_value(self, player: int) -> tuple[float, float] | None:
        """Range of ``player``'s gain over the compared orders that ``player`` leads.

        Returns ``None`` when no compared order starts with the player or
        simultaneous play has no pure equilibrium.
        """
        gains = [o.gain[player] for o in self.orders if o.order[0] == self.game.players[player] and o.gain is not None]
        if not gains:
            return None
        return float(min(g[0] for g in gains)), float(max(g[1] for g in gains))


def compare_orders(
    game: ParametricGame | ParametricTree,
    orders: Sequence[Sequence[str]] | None = None,
    params: Mapping[str, object] | None = None,
    tol: float | None = None,
) -> Comparison:
    """Compare simultaneous play with play in each move order.

    Parameters
    ----------
    game : ParametricGame or ParametricTree
        A normal-form game, or a move-order game (its normal form is used).
    orders : sequence of sequence of str, optional
        Each a full order of the player names; default every order (for at
        most :data:`MAX_DEFAULT_PLAYERS` players).
    params : mapping, optional
        Parameter overrides.
    tol : float, optional
        Tie tolerance, as for the solvers.

    Returns
    -------
    Comparison

    Raises
    ------
    GameFileError
        If an order is not a listing of the players, or a value is bad.
    UnsupportedError
        If ``game`` is a tree not built from a normal-form game, or no
        orders are given for a game with many players.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> from gametheory_re.commitment import compare_orders
    >>> comparison = compare_orders(load_game("us_japan_china"), orders=[["US", "Japan", "China"]])
    >>> [outcome.order for outcome in comparison.orders]
    [('US', 'Japan', 'China')]
    >>> comparison.orders[0].gain.shape          # per player: (lowest, highest) gain
    (3, 2)
    >>> comparison.orders[0].gain[:, 0].round(4).tolist()
    [1.25, 1.5575, -0.6525]
    """
    if isinstance(game, ParametricTree):
        if game.base is None:
            raise UnsupportedError("orders can be compared for a move-order game or a normal-form game, not a general tree")
        game = game.base
    if orders is None:
        if game.n_players > MAX_DEFAULT_PLAYERS:
            raise UnsupportedError(
                f"{game.n_players} players have {math.factorial(game.n_players)} orders; name the orders to compare"
            )
        orders = list(itertools.permutations(game.players))
    normal = game.at(params)
    tol = resolve_tol(normal.payoffs, tol)
    simultaneous = tuple(pure_equilibria(normal.payoffs, tol))
    sim_payoffs = _payoffs_at(normal, simultaneous)
    outcomes = []
    for order in orders:
        tree = sequential_game(game, list(order), source="orders", key=",".join(map(str, order))).at(params)
        result = subgame_perfect_equilibria(tree, tol)
        profiles = tuple(result.paths())
        payoffs = _payoffs_at(normal, profiles)
        gain = None
        if simultaneous:
            diff = payoffs[:, None, :] - sim_payoffs[None, :, :]
            gain = np.stack([diff.min(axis=(0, 1)), diff.max(axis=(0, 1))], axis=1)
        outcomes.append(OrderOutcome(tuple(order), profiles, payoffs, gain, result))
    return Comparison(normal, simultaneous, sim_payoffs, tuple(outcomes), tol)


def _payoffs_at(game: NormalFormGame, profiles) -> np.ndarray:
    if not profiles:
        return np.empty((0, game.n_players))
    return np.array([game.payoffs[(slice(None),) + tuple(p)] for p in profiles])
