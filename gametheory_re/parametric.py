"""A game whose payoffs are sympy formulas of named parameters.

It is the validated form of a game file.  Evaluating it at a parameter point
gives a :class:`~gametheory_re.normal_form.NormalFormGame`; evaluating it at a
batch of points gives one payoff array per point, for sweeps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Mapping

import numpy as np
import sympy

from . import limits
from .errors import GameFileError
from .evaluator import compile_expressions
from .normal_form import NormalFormGame
from .numbers import digits_exceed, parse_number


@dataclass(frozen=True)
class Parameter:
    """A named, documented model parameter.

    Attributes
    ----------
    name : str
    default : sympy.Rational
        Exact default value (``0.15`` in a file is 3/20).
    minimum, maximum : sympy.Rational or None
        Inclusive bounds; ``None`` is unbounded.
    unit, description, source : str
    """

    name: str
    default: sympy.Rational
    minimum: sympy.Rational | None = None
    maximum: sympy.Rational | None = None
    unit: str = ""
    description: str = ""
    source: str = ""

    def check(self, value: sympy.Rational, origin: str) -> None:
        """Raise :class:`GameFileError` if ``value`` is outside the bounds."""
        low = self.minimum is not None and value < self.minimum
        high = self.maximum is not None and value > self.maximum
        if low or high:
            raise GameFileError(
                origin,
                self.name,
                f"value {_show(value)} is outside the parameter's bounds "
                f"[{_show(self.minimum)}, {_show(self.maximum)}]",
            )


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


@dataclass(frozen=True, eq=False)
class ParametricGame:
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

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

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

    def point(self, values: Mapping[str, object] | None = None, origin: str = "--set") -> dict[str, sympy.Rational]:
        """The full parameter point: defaults overridden by ``values``.

        Parameters
        ----------
        values : mapping of str to number or str, optional
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
        """
        return parameter_point(self.parameters, values, origin)

    @cached_property
    def _evaluator(self):
        # Code printed from the expressions this package built (never user
        # text), with private argument names (see gametheory_re.evaluator).
        return compile_expressions(list(self.symbols.values()), list(self.payoffs.ravel()))

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
            May contain non-finite values where a formula is undefined
            (checked by the caller).
        """
        out = evaluate_batch(self._evaluator, self.parameters, columns)
        return out.reshape(self.payoffs.shape + (out.shape[-1],))

    def at(self, values: Mapping[str, object] | None = None, exact: bool = False) -> NormalFormGame:
        """The numeric game at one parameter point.

        Parameters
        ----------
        values : mapping, optional
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
        """
        point = self.point(values)
        payoffs = self.payoff_batch({k: float(v) for k, v in point.items()})[..., 0]
        bad = np.argwhere(~np.isfinite(payoffs))
        if len(bad):
            player, *profile = bad[0]
            label = "(" + ", ".join(s[i] for s, i in zip(self.strategies, profile)) + ")"
            raise GameFileError(
                self.source,
                f"payoffs.{self.players[player]}",
                f"payoff at {label} is {payoffs[tuple(bad[0])]} at this parameter point; "
                "payoffs must be finite numbers (check divisions and logarithms)",
            )
        exact_payoffs = None
        if exact:
            subs = {self.symbols[k]: v for k, v in point.items()}
            exact_payoffs = substitute(self.payoffs, subs)
        return NormalFormGame(
            players=self.players,
            strategies=self.strategies,
            payoffs=payoffs,
            exact_payoffs=exact_payoffs,
            title=self.title,
            outcomes={name: o.mask for name, o in self.outcomes.items()},
            parameters={k: float(v) for k, v in point.items()},
        )


def substitute(expressions: np.ndarray, subs: Mapping) -> np.ndarray:
    """Object array of sympy expressions with the parameter values put in (exactly)."""
    out = np.empty(expressions.shape, dtype=object)
    for index, expr in np.ndenumerate(expressions):
        out[index] = expr.xreplace(subs)
    return out


def parameter_point(parameters: Mapping[str, Parameter], values, origin: str) -> dict[str, sympy.Rational]:
    """Defaults of ``parameters`` overridden by ``values``, each checked.

    Raises
    ------
    GameFileError
        For an unknown name, a value that is not a number, or one outside
        the parameter's bounds.
    """
    point = {name: p.default for name, p in parameters.items()}
    for name, raw in (values or {}).items():
        if name not in parameters:
            known = ", ".join(parameters) or "none"
            raise GameFileError(origin, name, f"unknown parameter; the game's parameters are: {known}")
        value = to_rational(raw, origin, name)
        parameters[name].check(value, origin)
        point[name] = value
    return point


def evaluate_batch(evaluator, parameters: Mapping[str, Parameter], columns) -> np.ndarray:
    """Run a lambdified evaluator at many points: ``(n_expressions, B)`` floats.

    ``columns`` maps parameter names to 1-D arrays of one length ``B`` or to
    single numbers; parameters not given take their default.  Single numbers
    stay scalars, so expressions that do not depend on the varied parameters
    cost one scalar operation, not ``B``.
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
    with np.errstate(all="ignore"):
        values = evaluator(*args)
    out = np.empty((len(values), size))
    for i, v in enumerate(values):
        out[i] = v
    return out


def to_rational(raw, origin: str, key: str) -> sympy.Rational:
    """An exact number from a TOML number or a string such as ``"0.3"`` or ``"1/3"``.

    Never evaluates text: strings are read by
    :func:`~gametheory_re.numbers.parse_number`, which bounds their length
    and exponent, so a value such as ``"1e999999999"`` is refused at once.
    """
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise GameFileError(origin, key, f"expected a number, found {_kind(raw)}")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise GameFileError(origin, key, f"expected a finite number, found {raw!r}")
        f = Fraction(repr(raw))
    elif isinstance(raw, int):
        if digits_exceed(raw, limits.MAX_VALUE_CHARS):
            raise GameFileError(origin, key, f"number has more than {limits.MAX_VALUE_CHARS} digits")
        f = Fraction(raw)
    else:
        try:
            f = parse_number(raw, limits.MAX_VALUE_CHARS)
        except ValueError as error:
            shown = raw if len(raw) <= 40 else raw[:37] + "..."
            raise GameFileError(origin, key, f"expected a finite number such as 0.3 or 1/3, found {shown!r}: {error}") from None
    return sympy.Rational(f.numerator, f.denominator)


def _kind(value) -> str:
    return "a boolean" if isinstance(value, bool) else f"a {type(value).__name__}"


def _show(value) -> str:
    if value is None:
        return "unbounded"
    return str(value) if value.is_Integer else f"{float(value):g}"
