"""Checks of the numeric options every solver and command takes, written once.

The library raises :class:`OptionError` (a
:class:`~gametheory_re.errors.GameFileError` and a :class:`ValueError`)
naming the argument (``tol``); the command line calls the same checks with
its flag (``--tol``) while parsing, so both refuse exactly the same values.
"""

from __future__ import annotations

import math
import operator

from .errors import GameFileError, escape_unprintable

#: Seconds a solve may spend on the mixed-equilibrium search unless told
#: otherwise (``time_budget=`` / ``--time-budget``); past it the result is
#: marked incomplete.
DEFAULT_TIME_BUDGET = 60.0


class OptionError(GameFileError, ValueError):
    """A numeric option is out of range: ``OptionError(name, value, message)``.

    Both a :class:`GameFileError` (the command line prints it as one line)
    and a :class:`ValueError` (what Python callers expect of a bad argument).
    """


def _number(name: str, value) -> float:
    if isinstance(value, bool):
        raise OptionError(name, repr(value), "expected a number")
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise OptionError(name, shown(value), "expected a number") from None


def check_tolerance(name: str, value) -> float:
    """``value`` as a float when it is a finite number at least 0 (a tolerance).

    Raises
    ------
    OptionError
        Naming ``name``, otherwise.
    """
    x = _number(name, value)
    if not (math.isfinite(x) and x >= 0):
        raise OptionError(name, shown(value), "expected a finite number at least 0")
    return x


def check_positive(name: str, value) -> float:
    """``value`` as a float when it is a finite number above 0.

    Raises
    ------
    OptionError
        Naming ``name``, otherwise (NaN included).
    """
    x = _number(name, value)
    if not (math.isfinite(x) and x > 0):
        raise OptionError(name, shown(value), "expected a finite number above 0")
    return x


def check_time_budget(name: str, value) -> float:
    """A time budget in seconds: at least 0 (0 searches nothing beyond what is
    certain at once, pure equilibria); ``inf`` means no limit.

    Raises
    ------
    OptionError
        Naming ``name``, otherwise (NaN included).
    """
    x = _number(name, value)
    if not x >= 0:
        raise OptionError(name, shown(value), "expected a number of seconds at least 0 (inf for no limit)")
    return x


def check_integer(name: str, value, minimum: int = 1, maximum: int | None = None, why: str = "") -> int:
    """``value`` as an int when it is a whole number (or its decimal text) in
    ``[minimum, maximum]``; ``why`` explains the bounds in the message.

    Raises
    ------
    OptionError
        Naming ``name``, otherwise.
    """
    bounds = f"at least {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    expected = f"expected a whole number {bounds}" + (f" ({why})" if why else "")
    if isinstance(value, bool):
        raise OptionError(name, repr(value), expected)
    try:
        n = int(value.strip()) if isinstance(value, str) and len(value) <= 20 else operator.index(value)
    except (TypeError, ValueError):
        raise OptionError(name, shown(value), expected) from None
    if n < minimum or (maximum is not None and n > maximum):
        raise OptionError(name, shown(value), expected)
    return n


def shown(value) -> str:
    """The offending value for a message: short, without control characters, and
    never past Python's int-to-string digit limit."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return f"a number of about {value.bit_length() * 0.30103:.0f} digits"
    text = escape_unprintable(repr(value) if not isinstance(value, str) else value)
    return text if len(text) <= 40 else text[:37] + "..."
