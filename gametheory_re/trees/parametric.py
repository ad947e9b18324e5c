"""Game trees whose payoffs and chance probabilities are formulas of parameters.

:class:`ParametricTree` is the validated form of a sequential game file (or
of a move order over a normal-form game, see
:func:`~gametheory_re.trees.orders.sequential_game`).  Evaluated at one
parameter point it gives a numeric :class:`~gametheory_re.trees.model.GameTree`,
at many points a payoff array per point, for sweeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

import numpy as np

from ..errors import GameFileError, UnsupportedError
from ..parametric import Outcome, ParametricBase, ParametricGame
from ..parameters import Parameter
from ..substitution import exact_value, undefined_error
from .model import PROBABILITY_TOL, GameTree, InfoSet, Node, TreeStructure


@dataclass(frozen=True, eq=False)
class ParametricTree(ParametricBase, TreeStructure):
    """A game tree whose payoffs and chance probabilities are formulas of parameters.

    Attributes
    ----------
    title : str
    players : tuple of str
    nodes : tuple of Node
    infosets : tuple of InfoSet
    payoffs : numpy.ndarray
        Object array ``(n_leaves, n_players)`` of sympy expressions.
    probabilities : dict of int to tuple of sympy.Expr
        Each chance node's move probabilities.
    parameters : dict of str to Parameter
    outcomes : dict of str to Outcome
        Masks over leaves.
    description : str
    references : tuple of str
    source : str
    base : ParametricGame or None
        For a move-order game, the normal-form game whose payoffs it uses.
    order : tuple of tuple of int, or None
        For a move-order game: groups of player indices, in turn; players in
        one group move without seeing each other's moves.
    leaf_profiles : numpy.ndarray or None
        For a move-order game: ``(n_leaves, n_players)`` strategy indices.
    conditions : numpy.ndarray or None
        Object array shaped like ``payoffs``: the conditions under which each
        payoff is defined (see :meth:`gametheory_re.formula.Formula.build`);
        ``None``: defined everywhere.  A move-order game uses its base's.
    probability_conditions : dict of int to tuple
        The same for each chance node's probabilities, all moves together.
    """

    title: str
    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    infosets: tuple[InfoSet, ...]
    payoffs: np.ndarray
    probabilities: dict[int, tuple] = field(default_factory=dict)
    parameters: dict[str, Parameter] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    description: str = ""
    references: tuple[str, ...] = ()
    source: str = "<tree>"
    base: ParametricGame | None = None
    order: tuple[tuple[int, ...], ...] | None = None
    leaf_profiles: np.ndarray | None = None
    conditions: np.ndarray | None = None
    probability_conditions: dict[int, tuple] = field(default_factory=dict)

    @property
    def is_order_game(self) -> bool:
        """True for a move-order game over a normal-form game."""
        return self.base is not None

    @cached_property
    def _chance_nodes(self) -> tuple[int, ...]:
        return tuple(sorted(self.probabilities))

    def _expressions(self) -> tuple[list, list]:
        # Payoffs, then every chance node's probabilities, in node order.
        payoffs, conditions = super()._expressions()
        probabilities = [e for n in self._chance_nodes for e in self.probabilities[n]]
        conditions = ([()] * self.payoffs.size if conditions is None else conditions) + [
            self.probability_conditions.get(n, ()) for n in self._chance_nodes for _ in self.probabilities[n]
        ]
        return payoffs + probabilities, conditions

    def _payoff_where(self, index) -> tuple[str, str]:
        leaf, player = index
        return f"nodes.{self.nodes[self.leaf_nodes[leaf]].name}.payoffs.{self.players[player]}", "the payoff"

    def payoff_batch(self, columns: Mapping[str, np.ndarray]) -> np.ndarray:
        """Leaf payoffs at many parameter points at once.

        Parameters
        ----------
        columns : mapping of str to numpy.ndarray or float
            Values per parameter, as for
            :meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`:
            1-D arrays of one length ``B``, or single numbers; parameters
            not given take their default.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_players, n_leaves, B)``, points varying fastest; may
            hold non-finite values where a formula is undefined.
        """
        if self.base is not None:
            return self.base.payoff_batch(columns)[(slice(None),) + tuple(self.leaf_profiles.T)]
        out, _ = self._batch(columns)
        return out[: self.payoffs.size].reshape(self.payoffs.shape + (out.shape[-1],)).transpose(1, 0, 2)

    def order_payoffs(self, columns: Mapping[str, np.ndarray]) -> tuple[np.ndarray, list[int]]:
        """What batched backward induction solves: the base game's payoffs at many points, and the movers in turn.

        Parameters
        ----------
        columns : mapping of str to numpy.ndarray or float
            Parameter values, as for :meth:`payoff_batch`.

        Returns
        -------
        payoffs : numpy.ndarray
            ``(n_players, n_1, ..., n_n, B)``, from
            :meth:`ParametricGame.payoff_batch <gametheory_re.parametric.ParametricGame.payoff_batch>`.
        order : list of int
            Player indices in the order they move.

        Raises
        ------
        UnsupportedError
            If this is not a move-order game in which each player moves alone.

        Examples
        --------
        >>> from gametheory_re import load_game
        >>> from gametheory_re.solvers.backward_induction import order_spe_batch
        >>> tree = load_game("us_japan_china_sequential")
        >>> payoffs, order = tree.order_payoffs({"gamma_U": [0.5, 0.7]})
        >>> payoffs.shape, order
        ((3, 2, 3, 2, 2), [0, 1, 2])
        >>> order_spe_batch(payoffs, order).profiles.shape     # one path per point
        (2, 3)
        """
        if not self.is_order_game or not self.is_perfect_information:
            raise UnsupportedError("batch backward induction needs a move-order game in which each player moves alone")
        return self.base.payoff_batch(columns), [g[0] for g in self.order]

    def at(self, params: Mapping[str, object] | None = None, exact: bool = False) -> GameTree:
        """The numeric tree at one parameter point.

        Parameters
        ----------
        params : mapping, optional
            Parameter overrides, see :meth:`point`.
        exact : bool
            Also keep payoffs and probabilities as exact sympy numbers (for
            ``.efg`` export).

        Returns
        -------
        GameTree

        Raises
        ------
        GameFileError
            If a parameter value is bad, a payoff is not finite, or chance
            probabilities are not a distribution at this point.
        """
        point = self.point(params)
        if self.base is not None:
            normal = self.base.at(params, exact=exact)
            index = (slice(None),) + tuple(self.leaf_profiles.T)
            payoffs, probabilities = normal.payoffs[index].T, np.empty((0, 1))
        else:
            payoffs, probabilities, holds = self._numeric(point)
        chance = {}
        offset = 0
        for node in self._chance_nodes:
            k = len(self.nodes[node].moves)
            p = probabilities[offset:offset + k, 0]
            offset += k
            if not np.all(np.isfinite(p)):
                failed = self._evaluator.failed(self.probability_conditions.get(node, ()), holds)
                raise undefined_error(
                    self.source, f"nodes.{self.nodes[node].name}.probabilities", "a probability", point, "not a number", failed
                )
            if np.any(p < -PROBABILITY_TOL) or abs(p.sum() - 1) > PROBABILITY_TOL:
                raise GameFileError(
                    self.source, f"nodes.{self.nodes[node].name}.probabilities",
                    f"probabilities are {', '.join(f'{x:g}' for x in p)} at this parameter point; "
                    "they must be between 0 and 1 and sum to 1",
                )
            chance[node] = np.clip(p, 0.0, 1.0)
        exact_payoffs = exact_probabilities = None
        if exact and self.base is not None:
            exact_payoffs = normal.exact_payoffs[index].T
        elif exact:
            exact_payoffs = self._exact(point)
            subs = self._subs(point)
            exact_probabilities = {n: tuple(exact_value(e, subs) for e in self.probabilities[n]) for n in chance}
        return GameTree(
            title=self.title,
            players=self.players,
            nodes=self.nodes,
            infosets=self.infosets,
            payoffs=payoffs,
            probabilities=chance,
            exact_payoffs=exact_payoffs,
            exact_probabilities=exact_probabilities,
            outcomes={name: o.mask for name, o in self.outcomes.items()},
            parameters={k: float(v) for k, v in point.items()},
            order=self.order,
            leaf_profiles=self.leaf_profiles,
            strategies=self.base.strategies if self.base is not None else None,
        )
