"""A game's payoffs as exact rationals, scaled per player to integers."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import sympy


def decimal_fraction(value: float) -> Fraction:
    """The exact decimal a float prints as (``0.1`` is 1/10, not the double nearest it).

    Examples
    --------
    >>> decimal_fraction(0.1), decimal_fraction(2.0)
    (Fraction(1, 10), Fraction(2, 1))
    """
    value = float(value)
    return Fraction(int(value)) if value.is_integer() else Fraction(repr(value))


def all_integers(values) -> bool:
    """Whether every value is a Python or sympy integer (a game file's integer payoffs).

    Examples
    --------
    >>> all_integers([1, sympy.Integer(-2)]), all_integers([1, sympy.Rational(1, 2)])
    (True, False)
    """
    return all(isinstance(x, (int, sympy.Integer)) for x in values)


class ExactPayoffs:
    """A game's payoffs as exact rationals, and per player scaled to integers.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Float payoffs, shape ``(n_players, n_1, ..., n_n)``.
    exact_payoffs : numpy.ndarray, optional
        The same payoffs as sympy numbers.  Without them each float is read as
        the exact decimal it prints as, ``Fraction(repr(x))``: ``0.1`` is
        ``1/10``, the number a user typed, not the binary double nearest to it
        (``Fraction(0.1)``) nor a guess (``limit_denominator``).

    Attributes
    ----------
    shape : tuple of int
        Number of strategies of each player.
    integer : list of numpy.ndarray
        Player ``p``'s payoffs times ``denominators[p]``, as integers
        (``int64`` when small enough, else Python ints).  Scaling a player's
        payoffs by a positive number changes neither its best responses nor
        its indifference equations, and integer arithmetic is much faster.
    denominators : list of int
        Least common denominator of each player's payoffs.
    faithful : bool
        False when some exact payoff is irrational (a radical or ``exp`` in
        a formula); the rationals are then the decimal readings of the floats,
        so exact results describe a game within rounding of the true one.
    """

    # int64 arrays are only ever subtracted pairwise (larger sums are taken
    # over Python ints), so values below 2**62 are safe.
    _INT64_LIMIT = 2**62

    def __init__(self, payoffs: np.ndarray, exact_payoffs: np.ndarray | None = None):
        payoffs = np.asarray(payoffs, dtype=float)
        self.shape = payoffs.shape[1:]
        self.faithful = True
        integral = np.all(payoffs == np.round(payoffs)) and np.max(np.abs(payoffs), initial=0) < 2**53
        if exact_payoffs is None and integral:
            # Integer payoffs, the common case: no fractions needed.
            self.integer = list(payoffs.astype(np.int64))
            self.denominators = [1] * payoffs.shape[0]
            return
        listed = None if exact_payoffs is None else np.asarray(exact_payoffs).ravel().tolist()
        if listed is not None and all_integers(listed):
            # Integers (game files' integer payoffs): the tables themselves.
            ints = [int(x) for x in listed]
            dtype = np.int64 if max(map(abs, ints), default=0) < self._INT64_LIMIT else object
            self.integer = list(np.array(ints, dtype=dtype).reshape(payoffs.shape))
            self.denominators = [1] * payoffs.shape[0]
            return
        if listed is not None and all(type(x) is Fraction for x in listed):
            # Fractions already (find_equilibria's scaled integer games, for exact values): read as they are.
            self._from_fractions(payoffs.shape[0], listed)
            return
        fractions = []
        for index, value in np.ndenumerate(payoffs):
            exact = None if exact_payoffs is None else exact_payoffs[index]
            if isinstance(exact, (int, sympy.Rational)):
                exact = sympy.Rational(exact)
                fractions.append(Fraction(int(exact.p), int(exact.q)))
            elif isinstance(exact, Fraction):
                fractions.append(exact)
            else:
                self.faithful = self.faithful and exact is None
                value = float(value)
                fractions.append(decimal_fraction(value))
        self._from_fractions(payoffs.shape[0], fractions)

    def _from_fractions(self, players: int, fractions: list) -> None:
        """:attr:`integer` and :attr:`denominators` from every payoff as a Fraction, player by player."""
        self.integer, self.denominators = [], []
        per_player = len(fractions) // players
        for p in range(players):
            player = fractions[p * per_player:(p + 1) * per_player]
            common = math.lcm(*(f.denominator for f in player))
            scaled = [f.numerator * (common // f.denominator) for f in player]
            dtype = np.int64 if max(map(abs, scaled), default=0) < self._INT64_LIMIT else object
            self.integer.append(np.array(scaled, dtype=dtype).reshape(self.shape))
            self.denominators.append(common)

    def gains(self, supports, player: int, strategy: int):
        """Nonzero gains of ``strategy`` over ``player``'s first support strategy, against each pure profile of the others' supports.

        Yields ``(choice, gain)``: ``choice`` indexes each other player's
        support (in player order), ``gain`` is an integer (scaled payoffs).

        Examples
        --------
        >>> u = np.zeros((2, 2, 2))
        >>> u[0] = [[3, 0], [1, 2]]
        >>> list(ExactPayoffs(u).gains(((0, 1), (0, 1)), 0, 1))  # row 1 over row 0, per column
        [((0,), -2), ((1,), 2)]
        """
        u = self.integer[player]
        others = [q for q in range(len(supports)) if q != player]
        first = supports[player][0]
        index = [0] * len(supports)
        for choice in itertools.product(*[range(len(supports[q])) for q in others]):
            for q, r in zip(others, choice):
                index[q] = supports[q][r]
            index[player] = strategy
            gain = u.item(*index)
            index[player] = first
            gain -= u.item(*index)
            if gain:
                yield choice, gain
