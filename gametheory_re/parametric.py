"""A game whose payoffs are sympy formulas of named parameters.

It is the validated form of a game file.  Evaluating it at a parameter point
gives a :class:`~gametheory_re.normal_form.NormalFormGame`; evaluating it at a
batch of points gives one payoff array per point, for sweeps.

:class:`ParametricBase` is what :class:`ParametricGame` shares with the
parametric trees of :mod:`gametheory_re.trees.parametric`: parameter points,
symbols, the compiled evaluator (and pickling without it), and the checks
that payoffs are defined at a point, in floats and exactly.  Parameter values
are read by :mod:`gametheory_re.parameters`, formulas evaluated exactly by
:mod:`gametheory_re.substitution`.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Mapping

import numpy as np
import sympy

from .errors import GameFileError
from .evaluator import Compiled
from .labels import profile_label
from .normal_form import NormalFormGame
from .parameters import Parameter, parameter_point
from .substitution import exactly_undefined, substitute, undefined_error

if TYPE_CHECKING:
    from .dynamics.spec import Dynamics


@dataclass(frozen=True)
class Outcome:
    """A named predicate over pure strategy profiles, e.g. ``burden_sharing``.

    Attributes
    ----------
    name, description : str
    when : str
        The predicate as written in the game file.
    mask : numpy.ndarray
        Boolean array, one entry per pure profile: where the outcome holds.
    """

    name: str
    description: str
    when: str
    mask: np.ndarray


class ParametricBase(abc.ABC):
    """What parametric games and trees share: parameters, points, compiled payoffs, and their checks.

    :class:`ParametricGame` and
    :class:`~gametheory_re.trees.parametric.ParametricTree` are frozen
    dataclasses with the attributes below; each says how one payoff is named
    in error messages (:meth:`_payoff_where`), and a tree adds its chance
    probabilities to the compiled expressions (:meth:`_expressions`).

    Attributes
    ----------
    parameters : dict of str to Parameter
    payoffs : numpy.ndarray
        Object array of sympy expressions over the parameter symbols.
    conditions : numpy.ndarray or None
        Shaped like ``payoffs``: each payoff's definedness conditions (see
        :meth:`gametheory_re.formula.Formula.build`); ``None``: defined
        everywhere.
    source : str
        Where the game was read from.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> game, tree = load_game("us_china"), load_game("us_japan_china_sequential")
    >>> isinstance(game, ParametricBase) and isinstance(tree, ParametricBase)
    True
    >>> tree.point({"K": "2"})["K"], game.point()["q"]
    (2, 1/2)
    """

    def _repr_html_(self) -> str:
        # The notebook view (title, description, players, parameter table).
        from .presenters.html import game_html

        return game_html(self)


    parameters: dict[str, Parameter]
    payoffs: np.ndarray
    conditions: np.ndarray | None
    source: str

    def __getstate__(self):
        # The compiled evaluator is generated code and cannot be pickled; a
        # worker process compiles its own.
        return {k: v for k, v in self.__dict__.items() if k != "_evaluator"}

    def __setstate__(self, state):
        self.__dict__.update(state)

    @cached_property
    def symbols(self) -> dict[str, sympy.Symbol]:
        """The sympy symbol of each parameter."""
        return {name: sympy.Symbol(name, real=True) for name in self.parameters}

    def point(self, params: Mapping[str, object] | None = None, origin: str = "params") -> dict[str, sympy.Rational]:
        """The full parameter point: defaults overridden by ``params``.

        Parameters
        ----------
        params : mapping of str to number or str, optional
            Overrides; strings such as ``"0.3"`` or ``"1/3"`` are read as exact
            numbers.
        origin : str
            Named in error messages as the source of the values.

        Returns
        -------
        dict of str to sympy.Rational

        Raises
        ------
        GameFileError
            For an unknown name, a value that is not a number, or one outside
            the parameter's bounds.

        Examples
        --------
        >>> from gametheory_re import load_game
        >>> load_game("us_china").point({"q": "0.3"})["q"]
        3/10
        """
        return parameter_point(self.parameters, params, origin)

    @cached_property
    def _evaluator(self) -> Compiled:
        # Code printed from the expressions this package built (never user
        # text), with private argument names (see gametheory_re.evaluator).
        expressions, conditions = self._expressions()
        return Compiled(list(self.symbols.values()), expressions, conditions)

    def _expressions(self) -> tuple[list, list | None]:
        """The compiled expressions, payoffs first, and their conditions (None: payoffs defined everywhere)."""
        conditions = None if self.conditions is None else list(self.conditions.ravel())
        return list(self.payoffs.ravel()), conditions

    def _batch(self, columns: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Every compiled expression at many points, and the conditions there (see :func:`evaluate_batch`)."""
        return evaluate_batch(self._evaluator, self.parameters, columns)

    def _conditions_of(self, index) -> tuple:
        return () if self.conditions is None else (self.conditions[index] or ())

    @abc.abstractmethod
    def _payoff_where(self, index) -> tuple[str, str]:
        """The file key of the payoff at ``index`` (into ``payoffs``) and its description, for errors."""

    def _undefined(self, index, point, value, failed) -> GameFileError:
        key, where = self._payoff_where(index)
        return undefined_error(self.source, key, where, point, value, failed)

    def _numeric(self, point: Mapping[str, sympy.Rational]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Everything compiled, at one point.

        Returns the payoffs as floats shaped like ``payoffs`` (checked
        finite), the values of the other compiled expressions ``(n, 1)``, and
        the conditions ``(n_conditions, 1)``.
        """
        values, holds = self._batch({k: float(v) for k, v in point.items()})
        payoffs = values[: self.payoffs.size, 0].reshape(self.payoffs.shape)
        for index in map(tuple, np.argwhere(~np.isfinite(payoffs))):
            failed = self._evaluator.failed(self._conditions_of(index), holds)
            raise self._undefined(index, point, payoffs[index], failed)
        return payoffs, values[self.payoffs.size:], holds

    def _subs(self, point: Mapping[str, sympy.Rational]) -> dict:
        return {self.symbols[k]: v for k, v in point.items()}

    def _exact(self, point: Mapping[str, sympy.Rational]) -> np.ndarray:
        """The payoffs at one point as exact sympy numbers, each checked defined."""
        subs = self._subs(point)
        exact = substitute(self.payoffs, subs)
        # Floats can round a zero denominator to a non-zero one: check the
        # conditions, and the values, exactly too.
        for index, value in np.ndenumerate(exact):
            bad, failed = exactly_undefined(value, self._conditions_of(index), subs)
            if bad:
                raise self._undefined(index, point, value, failed)
        return exact


@dataclass(frozen=True, eq=False)
class ParametricGame(ParametricBase):
    """An n-player normal-form game with payoffs as formulas of parameters.

    Attributes
    ----------
    title, description : str
    references : tuple of str
    parameters : dict of str to Parameter
        In file order.
    players : tuple of str
    strategies : tuple of tuple of str
    payoffs : numpy.ndarray
        Object array of shape ``(n_players, n_1, ..., n_n)`` of sympy
        expressions over the parameter symbols.
    outcomes : dict of str to Outcome
    source : str
        Where the game was read from.
    conditions : numpy.ndarray or None
        Object array shaped like ``payoffs``: for each payoff, the tuple of
        conditions (sympy truth values over the parameters) under which it
        is defined (see :meth:`gametheory_re.formula.Formula.build`).
        ``None``: defined everywhere.
    dynamics : Dynamics or None
        The state and update rules of a dynamic game (its ``[dynamics]``
        section); the payoffs are then the stage game's, and the parameter
        defaults the start values.
    """

    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: np.ndarray
    parameters: dict[str, Parameter] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    description: str = ""
    references: tuple[str, ...] = ()
    source: str = "<game>"
    conditions: np.ndarray | None = None
    dynamics: Dynamics | None = None

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    def _payoff_where(self, index) -> tuple[str, str]:
        player, *profile = index
        return f"payoffs.{self.players[player]}", f"the payoff at {profile_label(self.strategies, profile)}"

    def payoff_batch(self, columns: Mapping[str, np.ndarray]) -> np.ndarray:
        """Payoff arrays at many parameter points at once.

        Parameters
        ----------
        columns : mapping of str to numpy.ndarray or float
            Values per parameter: 1-D arrays, all of the same length ``B``,
            or single numbers shared by every point; parameters not given
            take their default.  Single numbers keep the work on formulas
            that do not depend on the varied parameters down to one scalar.

        Returns
        -------
        numpy.ndarray
            Shape ``(n_players, n_1, ..., n_n, B)``: points vary fastest, so
            that operations over strategies run on contiguous rows of points.
            NaN where a payoff is undefined (a denominator is 0, a log's
            argument is not positive, a root's is negative), and possibly
            infinite where a value overflows: checked by the caller.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory_re import load_game
        >>> game = load_game("us_china")
        >>> batch = game.payoff_batch({"q": np.linspace(0.1, 0.9, 5)})
        >>> batch.shape                    # (players, US strategies, China strategies, points)
        (2, 2, 2, 5)
        >>> bool(np.allclose(batch[..., 1], game.at({"q": 0.3}).payoffs))
        True
        """
        out, _ = self._batch(columns)
        return out.reshape(self.payoffs.shape + (out.shape[-1],))

    def at(self, params: Mapping[str, object] | None = None, exact: bool = False) -> NormalFormGame:
        """The numeric game at one parameter point.

        Parameters
        ----------
        params : mapping, optional
            Parameter overrides, see :meth:`point`.
        exact : bool
            Also compute the payoffs exactly (sympy numbers), as needed for
            exact equilibria.

        Returns
        -------
        NormalFormGame

        Raises
        ------
        GameFileError
            If a parameter value is bad or a payoff is not a finite number at
            this point (e.g. a division by zero).

        Examples
        --------
        >>> from gametheory_re import load_game
        >>> numeric = load_game("us_china").at({"q": "0.3"})
        >>> numeric.payoffs            # payoffs[player][US strategy, China strategy]
        array([[[ 0.   , -1.05 ],
                [-0.8  , -1.325]],
        <BLANKLINE>
               [[ 1.   ,  1.5  ],
                [ 0.5  ,  0.65 ]]])
        >>> numeric.parameters["q"]
        0.3
        """
        point = self.point(params)
        payoffs, _, _ = self._numeric(point)
        return NormalFormGame(
            players=self.players,
            strategies=self.strategies,
            payoffs=payoffs,
            exact_payoffs=self._exact(point) if exact else None,
            title=self.title,
            outcomes={name: o.mask for name, o in self.outcomes.items()},
            parameters={k: float(v) for k, v in point.items()},
        )


def evaluate_batch(evaluator, parameters: Mapping[str, Parameter], columns) -> tuple[np.ndarray, np.ndarray]:
    """Run a compiled evaluator at many points.

    ``columns`` maps parameter names to 1-D arrays of one length ``B`` or to
    single numbers; parameters not given take their default.  Single numbers
    stay scalars, so expressions that do not depend on the varied parameters
    cost one scalar operation, not ``B``.

    Returns
    -------
    values : numpy.ndarray
        ``(n_expressions, B)`` floats, NaN where an expression is undefined.
    holds : numpy.ndarray
        ``(n_conditions, B)`` booleans (see :class:`~gametheory_re.evaluator.Compiled`).
    """
    sizes = {np.size(v) for v in columns.values() if np.ndim(v) > 0}
    if len(sizes) > 1:
        raise ValueError("parameter arrays must have the same length")
    size = sizes.pop() if sizes else 1
    args = [
        np.asarray(columns[name], dtype=float) if np.ndim(columns.get(name, 0)) > 0
        # numpy scalars, not Python floats: 1/0 must give inf, not raise.
        else np.float64(columns.get(name, p.default))
        for name, p in parameters.items()
    ]
    return evaluator.evaluate(args, size)


