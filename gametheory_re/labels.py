"""Readable labels of strategy profiles: the one place their text is built.

Every label the tool prints, writes to JSON or uses as a sweep regime is made
here, so that the same profile reads the same in a table, a note and a map.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def profile_label(strategies: Sequence[Sequence[str]] | None, supports: Sequence) -> str:
    """Label of a profile from each player's strategy index or support.

    Parameters
    ----------
    strategies : sequence of sequence of str, or None
        Each player's strategy names; ``None`` labels strategies by index and
        shows each support as a set (as solver notes do).
    supports : sequence
        Per player an ``int`` (a pure strategy) or a sequence of ``int`` (the
        strategies played with positive probability).

    Returns
    -------
    str

    Examples
    --------
    >>> names = (("engage", "decouple"), ("supply", "restrict"))
    >>> profile_label(names, (0, 1))
    '(engage, restrict)'
    >>> profile_label(names, ((0, 1), (1,)))
    '(engage|decouple, restrict)'
    >>> profile_label(None, ((0, 1), (1,)))
    '({0, 1}, {1})'
    >>> profile_label(names, (np.int64(1), np.array([0, 1])))
    '(decouple, supply|restrict)'
    """
    parts = []
    for p, s in enumerate(supports):
        # A scalar (int or numpy integer) is a pure strategy; anything else, a numpy array
        # included, lists the support.
        members = (s,) if np.ndim(s) == 0 else tuple(s)
        if strategies is None:
            parts.append("{" + ", ".join(str(int(i)) for i in members) + "}")
        else:
            parts.append("|".join(strategies[p][int(i)] for i in members))
    return "(" + ", ".join(parts) + ")"


#: Decimals of the probabilities in a mixed equilibrium's label.
LABEL_DIGITS = 2

# A probability this close below a rounding midpoint rounds up, so that two
# solvers whose floats differ in the last bits (0.125 and 0.12499999999999997)
# print the same label.
_ROUNDING_SLACK = 1e-7


def rounded_probabilities(probabilities, digits: int = LABEL_DIGITS) -> np.ndarray:
    """Probabilities in units of ``10**-digits``, as integers: what a label prints.

    Halves round up, and so does anything within ``1e-7`` of a half below it,
    so that floats from different solvers of the same value round alike.

    Examples
    --------
    >>> rounded_probabilities([0.125, 0.12499999999999997, 0.8149, 1.0]).tolist()
    [13, 13, 81, 100]
    """
    scaled = np.asarray(probabilities, dtype=float) * 10**digits
    return np.floor(scaled + 0.5 + _ROUNDING_SLACK * 10**digits).astype(np.int64)


def mixed_profile_label(strategies: Sequence[Sequence[str]], support, rounded, digits: int = LABEL_DIGITS) -> str:
    """Label of an equilibrium with each mixing player's probabilities.

    Parameters
    ----------
    strategies : sequence of sequence of str
        Each player's strategy names.
    support : sequence of sequence of int
        Per player, the strategies played with positive probability.
    rounded : sequence of sequence of int
        Per player, the probability of every strategy in units of
        ``10**-digits`` (see :func:`rounded_probabilities`).
    digits : int

    Returns
    -------
    str
        A pure player shows its strategy; a mixing player each strategy of
        its support with its probability, joined by ``|``.  A probability
        in the support is positive and, for a mixing player, below 1, so
        one that rounds to 0 prints as ``<0.01`` and one that rounds to 1
        as ``>0.99`` (with ``digits=2``).

    Examples
    --------
    >>> names = (("build", "no_build"), ("align", "hedge"), ("supply", "restrict"))
    >>> mixed_profile_label(names, ((0, 1), (0,), (0, 1)), ((81, 19), (100, 0), (52, 48)))
    '(build 0.81|no_build 0.19, align, supply 0.52|restrict 0.48)'
    >>> mixed_profile_label(names, ((0,), (0,), (0, 1)), ((100, 0), (100, 0), (100, 0)))
    '(build, align, supply >0.99|restrict <0.01)'
    """
    parts = []
    for p, members in enumerate(support):
        if len(members) == 1:
            parts.append(strategies[p][members[0]])
        else:
            parts.append("|".join(f"{strategies[p][i]} {_probability_text(rounded[p][i], digits)}" for i in members))
    return "(" + ", ".join(parts) + ")"


def _probability_text(units: int, digits: int) -> str:
    """A support probability of ``units * 10**-digits`` (rounded), never printed as 0 or 1."""
    step = 10.0**-digits
    if units <= 0:
        return f"<{step:.{digits}f}"
    if units >= 10**digits:
        return f">{1 - step:.{digits}f}"
    return f"{units * step:.{digits}f}"


def equilibrium_set_label(strategies, equilibria, digits: int = LABEL_DIGITS) -> str | None:
    """Label of a set of equilibria with probabilities: pure ones first in profile
    order, then mixed ones by support and rounded probabilities; ``"; "`` between.

    Parameters
    ----------
    strategies : sequence of sequence of str
    equilibria : sequence of (support, rounded)
        Each equilibrium's supports and rounded probabilities, as
        :func:`mixed_profile_label` takes them.
    digits : int

    Returns
    -------
    str or None
        None for an empty set (the caller names that case).

    Examples
    --------
    >>> names = (("a", "b"), ("c", "d"))
    >>> equilibrium_set_label(names, [(((0, 1), (0, 1)), ((50, 50), (25, 75))), (((1,), (1,)), ((0, 100), (0, 100)))])
    '(b, d); (a 0.50|b 0.50, c 0.25|d 0.75)'
    """
    if not equilibria:
        return None
    ordered = sorted(
        ((tuple(map(tuple, s)), tuple(map(tuple, r))) for s, r in equilibria),
        key=lambda e: (any(len(x) > 1 for x in e[0]), e[0], e[1]),
    )
    return "; ".join(mixed_profile_label(strategies, s, r, digits) for s, r in ordered)
