"""Which parameters a study varies, over which ranges, and where the others are fixed.

The same :class:`Problem` drives a sensitivity study and a scenario
discovery: it becomes SALib's problem dict, the bounds of the sample, and
the fixed values the sweep engine evaluates the other parameters at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..errors import GameFileError
from ..parameters import show_value, to_rational

_RANGE = re.compile(r"^\s*([^=\s]+)\s*=\s*([^:]+):([^:]+)\s*$")


@dataclass(frozen=True)
class Problem:
    """The varied parameters with their ranges, and the fixed ones.

    Attributes
    ----------
    names : tuple of str
        Varied parameters, in the game's order.
    lows, highs : tuple of float
        Each varied parameter's range; the sample is uniform over it.
    fixed : dict of str to float
        Every other parameter at its value (``fix`` or its default).
    ranged : tuple of str
        The varied parameters whose range was given (not the declared bounds).
    """

    names: tuple[str, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    fixed: Mapping[str, float] = field(default_factory=dict)
    ranged: tuple[str, ...] = ()

    def salib(self) -> dict:
        """SALib's problem dict (``num_vars``, ``names``, ``bounds``)."""
        return {"num_vars": len(self.names), "names": list(self.names),
                "bounds": [[lo, hi] for lo, hi in zip(self.lows, self.highs)]}

    @property
    def bounds(self) -> dict[str, tuple[float, float]]:
        """Range of each varied parameter."""
        return {n: (lo, hi) for n, lo, hi in zip(self.names, self.lows, self.highs)}


def read_range(text: str, source: str = "ranges") -> tuple[str, tuple[str, str]]:
    """Read ``NAME=LO:HI`` into ``(name, (lo, hi))`` (texts, checked later against the game).

    Examples
    --------
    >>> read_range("K=0.5:2")
    ('K', ('0.5', '2'))
    """
    match = _RANGE.match(text)
    if not match:
        raise GameFileError(source, text, "expected NAME=LO:HI, e.g. K=0.5:2")
    return match[1], (match[2].strip(), match[3].strip())


def make_problem(
    game,
    vary: Sequence[str] = (),
    fix: Mapping[str, object] | None = None,
    ranges: Mapping[str, object] | None = None,
) -> Problem:
    """The parameters a study varies and fixes.

    Parameters
    ----------
    game : ParametricGame or ParametricTree
    vary : sequence of str
        Parameters to vary; by default every parameter with declared bounds
        (min below max) or a ``ranges`` entry, except those in ``fix``.
    fix : mapping of str to number or str, optional
        Parameters held at a value (checked against their bounds).
    ranges : mapping of str to (low, high), optional
        A range to vary a parameter over instead of its declared bounds; it
        must lie within them.  Values may be numbers or exact texts
        (``"1/3"``).

    Returns
    -------
    Problem

    Raises
    ------
    GameFileError
        Naming ``vary``, ``fix`` or ``ranges`` and what is wrong.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> problem = make_problem(load_game("us_china"), fix={"gamma": "0.5"}, ranges={"K": ("0.5", "2")})
    >>> problem.names
    ('pi', 'q', 'g', 'rho', 'd_U', 'L_U', 'theta_U', 'K', 'b')
    >>> problem.bounds["K"], problem.fixed
    ((0.5, 2.0), {'gamma': 0.5})
    """
    vary = (vary,) if isinstance(vary, str) else tuple(vary)
    fix = dict(fix or {})
    ranges = dict(ranges or {})
    parameters = game.parameters
    for source, names in (("vary", vary), ("fix", fix), ("ranges", ranges)):
        for name in names:
            if name not in parameters:
                known = ", ".join(parameters) or "none"
                raise GameFileError(source, name, "unknown parameter; the game's parameters are: " + known)
    point = game.point(fix, origin="fix")
    for name in vary:
        if name in fix:
            raise GameFileError("fix", name, "is both varied and fixed; give it one or the other")
        if vary.count(name) > 1:
            raise GameFileError("vary", name, "is named twice")
    for name in ranges:
        if name in fix:
            raise GameFileError("ranges", name, "is fixed; a fixed parameter has no range")
        if vary and name not in vary:
            raise GameFileError("ranges", name, "is not among the varied parameters (vary=); add it there or drop its range")

    def bounded(name):
        # A range to vary over: given, or declared and wider than one value
        # (a parameter declared with min = max is a constant of the model).
        p = parameters[name]
        return name in ranges or (p.minimum is not None and p.maximum is not None and p.minimum < p.maximum)

    names = tuple(n for n in parameters if (n in vary if vary else (bounded(n) and n not in fix)))
    if not names:
        raise GameFileError("vary", "", "no parameter to vary: the game has no parameter with declared bounds "
                                        "that is not fixed (give its range: ranges=)")
    lows, highs = [], []
    for name in names:
        low, high = _range(parameters[name], ranges.get(name))
        lows.append(low)
        highs.append(high)
    fixed = {k: float(v) for k, v in point.items() if k not in names}
    return Problem(names, tuple(lows), tuple(highs), fixed, tuple(n for n in names if n in ranges))


def _range(parameter, given) -> tuple[float, float]:
    name = parameter.name
    if given is None:
        if parameter.minimum is None or parameter.maximum is None:
            raise GameFileError("vary", name, "has no declared min and max to vary over; give its range "
                                              "(ranges=)")
        low, high = parameter.minimum, parameter.maximum
    else:
        try:
            low_text, high_text = given
        except (TypeError, ValueError):
            raise GameFileError("ranges", name, "expected a pair (LOW, HIGH)") from None
        low, high = (to_rational(v, "ranges", name) for v in (low_text, high_text))
        if not low < high:
            raise GameFileError("ranges", name, f"LOW ({show_value(low)}) must be below HIGH ({show_value(high)})")
        for value in (low, high):
            parameter.check(value, "ranges")
    if not low < high:
        raise GameFileError("vary", name, f"its declared bounds [{show_value(low)}, {show_value(high)}] are one "
                                          "value; fix it instead of varying it")
    return float(low), float(high)


__all__ = ["Problem", "make_problem", "read_range"]
