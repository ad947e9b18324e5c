"""Exact numbers from text, with bounded cost.

:class:`fractions.Fraction` accepts ``"1e999999999"`` and then builds
``10**999999999``, which never finishes; it also accepts non-ASCII digits
(``"١٢"``) and underscores.  :func:`parse_number` reads only plain ASCII
decimals (``-0.15``, ``2e-3``) and fractions (``1/3``), and checks the length
and the exponent *before* any arithmetic.
"""

from __future__ import annotations

import re
from fractions import Fraction

from . import limits

_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?:(?P<num>\d+)/(?P<den>\d+)|(?P<int>\d*)(?:\.(?P<frac>\d*))?(?:[eE](?P<exp>[+-]?\d+))?)",
    re.ASCII,
)


def parse_number(text: str, max_chars: int) -> Fraction:
    """The exact value of a decimal (``0.15``, ``-2e-3``) or a fraction (``1/3``).

    Parameters
    ----------
    text : str
        Surrounding spaces are ignored.
    max_chars : int
        Longest text accepted.

    Returns
    -------
    fractions.Fraction

    Raises
    ------
    ValueError
        With a message saying what is wrong: not a number, too long, an
        exponent beyond :data:`~gametheory_re.limits.MAX_DECIMAL_EXPONENT`,
        or a zero denominator.

    Examples
    --------
    >>> parse_number("0.15", 40), parse_number("-1/3", 40), parse_number("2e-3", 40)
    (Fraction(3, 20), Fraction(-1, 3), Fraction(1, 500))
    """
    text = text.strip()
    if len(text) > max_chars:
        raise ValueError(f"number is {len(text)} characters long; at most {max_chars} are allowed")
    match = _NUMBER.fullmatch(text)
    if match is None or not (match["num"] or match["int"] or match["frac"]):
        raise ValueError("not a number such as 0.3, -2e-3 or 1/3")
    sign = -1 if match["sign"] == "-" else 1
    if match["num"] is not None:
        if int(match["den"]) == 0:
            raise ValueError("the fraction divides by zero")
        return sign * Fraction(int(match["num"]), int(match["den"]))
    exponent = int(match["exp"] or 0)
    if abs(exponent) > limits.MAX_DECIMAL_EXPONENT:
        raise ValueError(f"the exponent {exponent} is beyond ±{limits.MAX_DECIMAL_EXPONENT}")
    digits = (match["int"] or "") + (match["frac"] or "")
    exponent -= len(match["frac"] or "")
    value = Fraction(int(digits))
    value = value * 10**exponent if exponent >= 0 else value / 10**-exponent
    return sign * value


def digits_exceed(value: int, digits: int) -> bool:
    """True when ``abs(value)`` has more than ``digits`` decimal digits.

    Computed without ``str()``, which Python refuses for integers of more
    than 4300 digits.
    """
    return abs(value) >= 10**digits
