"""Exact solutions of support systems, of every kind behind one interface.

A solution is either a :class:`QuadraticPoint` (coordinates in
``Q(sqrt(D))``, from the integer closed forms) or an
:class:`AlgebraicSolution` (a :class:`~gametheory_re.algebra.real_algebraic.Point`
of a :class:`~.support_system.SupportSystem`, from the general method).  Both
answer the same questions, each decided exactly: ``in_simplex()``,
``is_exact_equilibrium()``, ``float_profile()`` (correctly rounded),
``exact_values()`` (sympy numbers), ``rough_profile()`` (a cheap float
enclosure for ruling a solution out before exact checks, or None when the
exact checks are as cheap) and ``last_coordinate()`` (the order solutions
are listed in).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy

from ..algebra.flint_roots import flint_points
from ..algebra.quadratic import (
    lowest_terms,
    plus_radical,
    quadratic_float,
    quadratic_product,
    quadratic_sign,
    square_root,
)


@dataclass(frozen=True)
class ExactEquilibrium:
    """An equilibrium with its probabilities as floats and, where known, exactly.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        One probability vector per player.
    exact : tuple of tuple of sympy.Expr, or None
        The same probabilities exactly, per player per strategy: ``Rational``
        where rational, ``a + b*sqrt(d)`` for roots of quadratics, otherwise
        a ``CRootOf``.  None when not asked for, when the payoffs were not all
        rational, or when the point is not an exact equilibrium (it passed
        the check only within ``tol``).
    """

    profile: tuple[np.ndarray, ...]
    exact: tuple[tuple[sympy.Expr, ...], ...] | None


class QuadraticPoint:
    """A solution of a support system whose coordinates lie in Q(sqrt(D)).

    Player ``p`` plays ``supports[p][k]`` with probability
    ``(P + Q sqrt(D)) / den`` where ``(P, Q) = numerators[p][k]`` and
    ``den = denominators[p]`` (positive).  ``D`` is 0 for a rational point,
    otherwise a positive integer that is not a square.

    Parameters
    ----------
    game : ExactPayoffs
    supports : tuple of tuple of int
    d : int
    numerators : list of list of (int, int)
    denominators : list of int

    Examples
    --------
    Player 0 mixes ``(1 - sqrt 2 / 2, sqrt 2 / 2)``, player 1 plays its first strategy:

    >>> import numpy as np
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> game = ExactPayoffs(np.zeros((2, 2, 2)))
    >>> point = QuadraticPoint(game, ((0, 1), (0,)), 2, [[(2, -1), (0, 1)], [(1, 0)]], [2, 1])
    >>> point.in_simplex(), [v.round(6).tolist() for v in point.float_profile()]
    (True, [[0.292893, 0.707107], [1.0, 0.0]])
    """

    __slots__ = ("game", "supports", "d", "numerators", "denominators")

    def __init__(self, game, supports, d, numerators, denominators):
        self.game = game
        self.supports = supports
        self.d = d
        self.numerators = numerators
        self.denominators = denominators

    @classmethod
    def from_mixes(cls, game, supports, d, mixes: dict) -> "QuadraticPoint":
        """The point where each player ``p`` in ``mixes`` plays ``mixes[p] = (pairs, den)`` and the others are pure.

        Each mix is brought to lowest terms.

        Examples
        --------
        >>> import numpy as np
        >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
        >>> game = ExactPayoffs(np.zeros((2, 2, 2)))
        >>> point = QuadraticPoint.from_mixes(game, ((0, 1), (1,)), 0, {0: binary_mix((2, 0), 4)})
        >>> point.numerators, point.denominators
        ([[(1, 0), (1, 0)], [(1, 0)]], [2, 1])
        """
        numerators, denominators = [], []
        for p in range(len(supports)):
            if p in mixes:
                pairs, den = lowest_terms(*mixes[p])
                numerators.append(pairs)
                denominators.append(den)
            else:
                numerators.append([(1, 0)])
                denominators.append(1)
        return cls(game, supports, d, numerators, denominators)

    def in_simplex(self) -> bool:
        """Every probability is at least 0, decided exactly."""
        d = self.d
        return all(quadratic_sign(p, q, d) >= 0 for player in self.numerators for p, q in player)

    def rough_profile(self) -> None:
        """None: the exact checks in integers are as cheap as a float enclosure."""
        return None

    def last_coordinate(self) -> float:
        """The last unknown (the last mixing player's last support strategy), as a float."""
        last = max(p for p, s in enumerate(self.supports) if len(s) > 1)
        p, q = self.numerators[last][-1]
        try:
            return quadratic_float(p, q, self.d, self.denominators[last])
        except OverflowError:  # far outside [0, 1]
            return math.inf if quadratic_sign(p, q, self.d) > 0 else -math.inf

    def float_profile(self) -> tuple[np.ndarray, ...]:
        """The probability vectors, each entry correctly rounded."""
        out = []
        for n, support, player, den in zip(self.game.shape, self.supports, self.numerators, self.denominators):
            v = np.zeros(n)
            if len(support) == 1:
                v[support[0]] = 1.0
            else:
                for s, (p, q) in zip(support, player):
                    v[s] = quadratic_float(p, q, self.d, den)
            out.append(v)
        return tuple(out)

    def is_exact_equilibrium(self) -> bool:
        """No player gains, exactly, by any pure deviation."""
        d = self.d
        supports = self.supports
        for player, n in enumerate(self.game.shape):
            if len(supports[player]) == n:
                continue
            others = [q for q in range(len(supports)) if q != player]
            for t in range(n):
                if t in supports[player]:
                    continue
                total_p = total_q = 0
                for choice, gain in self.game.gains(supports, player, t):
                    term = (gain, 0)
                    for q, r in zip(others, choice):
                        if len(supports[q]) > 1:
                            term = quadratic_product(term, self.numerators[q][r], d)
                        # else: probability 1 (numerator 1 over 1)
                    total_p += term[0]
                    total_q += term[1]
                if quadratic_sign(total_p, total_q, d) > 0:
                    return False
        return True

    def exact_values(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The probabilities as sympy numbers, as :meth:`AlgebraicSolution.exact_values` gives them.

        Irrational values are written ``a + b*k*sqrt(m)`` with
        ``(k, sqrt(m))`` the square root of the discriminant of the last
        unknown's minimal polynomial, as :meth:`Point.expr` writes them.
        """
        root = None
        if self.d:
            # The last unknown: the last mixing player's last support strategy.
            last = max(p for p, s in enumerate(self.supports) if len(s) > 1)
            p_last, q_last = self.numerators[last][-1]
            if q_last:
                # w = (P + Q sqrt(D)) / den has minimal polynomial discriminant 4 (Q/den)^2 D.
                scale = Fraction(2 * abs(q_last), self.denominators[last])
                root = scale, square_root(scale * scale * self.d)
            else:
                root = Fraction(1), square_root(Fraction(self.d))
        out = []
        for n, support, player, den in zip(self.game.shape, self.supports, self.numerators, self.denominators):
            v = [sympy.Integer(0)] * n
            if len(support) == 1:
                v[support[0]] = sympy.Integer(1)
            else:
                for s, (p, q) in zip(support, player):
                    value = sympy.Rational(p, den)
                    if q:
                        scale, (k, radical) = root
                        # sqrt(D) = sqrt(disc) / scale.
                        coefficient = Fraction(q, den) / scale
                        value = plus_radical(value, sympy.Rational(coefficient.numerator, coefficient.denominator) * k, radical)
                    v[s] = value
            out.append(tuple(v))
        return tuple(out)


def binary_mix(u, den):
    """Probabilities ``(1 - u, u)`` of a player with unknown ``u = pair / den``, as ``(pairs, den)``.

    Examples
    --------
    >>> binary_mix((1, 1), 3)  # u = (1 + sqrt d) / 3
    ([(2, -1), (1, 1)], 3)
    """
    p, q = u
    return [(den - p, -q), (p, q)], den


class AlgebraicSolution:
    """A real solution of a support system held as a real algebraic point.

    Parameters
    ----------
    system : SupportSystem
        Its ``sigma`` (each support probability as a polynomial in the
        unknowns), ``gain`` and ``supports`` give the solution its meaning.
    point : Point
        Values of the system's unknowns.

    Examples
    --------
    Battle of the sexes, solved by the general method:

    >>> import numpy as np
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> from gametheory_re.solvers.support_system import SupportSystem, solve_system
    >>> a = np.array([[2.0, 0.0], [0.0, 1.0]])
    >>> system = SupportSystem(ExactPayoffs(np.stack([a, a.T])), ((0, 1), (0, 1)))
    >>> (solution,) = [AlgebraicSolution(system, point) for point in solve_system(system)]
    >>> solution.in_simplex(), solution.is_exact_equilibrium(), solution.exact_values()
    (True, True, ((1/3, 2/3), (1/3, 2/3)))
    """

    __slots__ = ("system", "point", "supports")

    def __init__(self, system, point):
        self.system = system
        self.point = point
        self.supports = system.supports

    def in_simplex(self) -> bool:
        """Every support probability of the solution is at least 0, decided exactly."""
        point = self.point
        return all(
            point.sign(sigma) >= 0 for probabilities in self.system.sigma if len(probabilities) > 1
            for sigma in probabilities
        )

    def rough_profile(self) -> tuple[tuple[np.ndarray, ...], float]:
        """The solution's probability vectors in floats, with a bound on every entry's error.

        Cheaper than :meth:`float_profile` (no exact arithmetic), for ruling
        solutions out before exact checks.
        """
        values, errors = self.point.approximate()
        profile = []
        position = 0
        for n, support in zip(self.system.shape, self.supports):
            v = np.zeros(n)
            rest = values[position:position + len(support) - 1]
            v[list(support)] = np.concatenate([[1.0 - rest.sum()], rest])
            position += len(support) - 1
            profile.append(v)
        return tuple(profile), float(errors.sum()) + 1e-15

    def last_coordinate(self) -> float:
        """The last unknown, as a float (``inf`` when it overflows)."""
        try:
            values, _ = self.point.approximate()
        except OverflowError:
            return math.inf
        return float(values[-1])

    def float_profile(self) -> tuple[np.ndarray, ...]:
        """The solution's probability vectors, as floats (each correctly rounded)."""
        out = []
        for n, support, sigma in zip(self.system.shape, self.supports, self.system.sigma):
            v = np.zeros(n)
            if len(support) == 1:
                v[support[0]] = 1.0
            else:
                v[list(support)] = [self.point.value(s) for s in sigma]
            out.append(v)
        return tuple(out)

    def exact_values(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The solution's probabilities as exact sympy numbers, per player per strategy."""
        out = []
        for n, support, sigma in zip(self.system.shape, self.supports, self.system.sigma):
            v = [sympy.Integer(0)] * n
            for s, prob in zip(support, sigma):
                v[s] = self.point.expr(prob) if len(support) > 1 else sympy.Integer(1)
            out.append(tuple(v))
        return tuple(out)

    def is_exact_equilibrium(self) -> bool:
        """No player gains, exactly, by any pure deviation at this solution."""
        system = self.system
        for p, n in enumerate(system.shape):
            for t in range(n):
                if t not in system.supports[p] and self.point.sign(system.gain(p, t)) > 0:
                    return False
        return True


def solutions_at_roots(system, factor, roots, values) -> list[AlgebraicSolution]:
    """The solutions of ``system`` at some real roots of an irreducible ``factor`` (the closed forms' common end).

    Parameters
    ----------
    system : SupportSystem
    factor : flint.fmpz_poly
    roots : list of (int, flint.arb)
        From :func:`~..algebra.flint_roots.unit_real_roots`.
    values : dict
        Each mixing player's unknowns (its support strategies but the first)
        as ``fmpq_poly`` in the root, of degree below ``factor``'s.

    Examples
    --------
    >>> import flint, numpy as np
    >>> from gametheory_re.algebra.flint_roots import unit_real_roots
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> from gametheory_re.solvers.support_system import SupportSystem
    >>> system = SupportSystem(ExactPayoffs(np.zeros((2, 2, 2))), ((0, 1), (0, 1)))
    >>> f = flint.fmpz_poly([-1, 0, 2])  # 1/sqrt(2), and the other mix 1 - t
    >>> t = flint.fmpq_poly([0, 1])
    >>> [s.float_profile() for s in solutions_at_roots(system, f, unit_real_roots(f), {0: [t], 1: [1 - t]})]
    [(array([0.29289322, 0.70710678]), array([0.70710678, 0.29289322]))]
    """
    ordered = [x for p in range(len(system.supports)) if p in values for x in values[p]]
    return [AlgebraicSolution(system, point) for point in flint_points(system.ring, factor, roots, ordered)]
