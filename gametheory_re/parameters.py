"""Model parameters and their values, read exactly.

A :class:`Parameter` is what a game file declares: a default, bounds, unit and
source.  Values given for it (in a file, as ``params=`` or ``--set``) are read
by :func:`to_rational` into exact rationals, never by evaluating text, and
checked against the bounds by :func:`parameter_point`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

import numpy as np
import sympy

from . import limits
from .errors import GameFileError
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
                f"value {show_value(value)} is outside the parameter's bounds "
                f"[{show_value(self.minimum)}, {show_value(self.maximum)}]",
            )


def parameter_point(parameters: Mapping[str, Parameter], values, origin: str) -> dict[str, sympy.Rational]:
    """Defaults of ``parameters`` overridden by ``values``, each checked.

    Raises
    ------
    GameFileError
        For an unknown name, a value that is not a number, or one outside
        the parameter's bounds.
    """
    if values is not None and not isinstance(values, Mapping):
        raise GameFileError(origin, "", "expected a mapping of parameter names to values, such as "
                                        f"{{'K': 0.3}}, not {type(values).__name__}")
    point = {name: p.default for name, p in parameters.items()}
    for name, raw in (values or {}).items():
        if name not in parameters:
            known = ", ".join(parameters) or "none"
            raise GameFileError(origin, name, f"unknown parameter; the game's parameters are: {known}")
        value = to_rational(raw, origin, name)
        parameters[name].check(value, origin)
        point[name] = value
    return point


def to_rational(raw, origin: str, key: str) -> sympy.Rational:
    """An exact number from a TOML number or a string such as ``"0.3"`` or ``"1/3"``.

    Never evaluates text: strings are read by
    :func:`~gametheory_re.numbers.parse_number`, which bounds their length
    and exponent, so a value such as ``"1e999999999"`` is refused at once.
    """
    if isinstance(raw, np.generic) and not isinstance(raw, np.bool_):
        raw = raw.item()  # numpy scalars (e.g. from np.linspace) as Python numbers
    if isinstance(raw, sympy.Rational):
        raw = Fraction(int(raw.p), int(raw.q))
    if isinstance(raw, Fraction):
        if digits_exceed(raw.numerator, limits.MAX_VALUE_CHARS) or digits_exceed(raw.denominator, limits.MAX_VALUE_CHARS):
            raise GameFileError(origin, key, f"number has more than {limits.MAX_VALUE_CHARS} digits")
        return sympy.Rational(raw.numerator, raw.denominator)
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise GameFileError(origin, key, f"expected a number, found {_kind(raw)}")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise GameFileError(origin, key, f"expected a finite number, found {raw!r}")
        f = Fraction(repr(float(raw)))
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


def show_value(value) -> str:
    """A parameter value or bound as errors show it: ``0.15``, ``unbounded``, ``1.00000e-40``."""
    if value is None:
        return "unbounded"
    if value.is_Integer and not digits_exceed(value.p, 30):
        return str(value)
    shown = f"{float(value):g}"
    # A tiny non-zero value must not read as 0, nor a huge one as inf.
    return shown if math.isfinite(float(shown)) and float(shown) != 0 else str(sympy.Float(value, 6))
