"""Exact solutions of the indifference equations of a support profile.

A support profile ``S = (S_1, ..., S_n)`` says which strategies each player
uses.  Every strategy in ``S_i`` must earn player ``i`` the same payoff against
the others' mixes.  The unknowns are the probabilities ``sigma_i(s)`` of
``s`` in ``S_i`` other than the first, whose probability is one minus the
rest; the equations are ``u_i(s, sigma_-i) - u_i(S_i[0], sigma_-i) = 0``.  The
system is square and multilinear: player ``i``'s payoff is linear in each
other player's mix and does not involve its own.

This module builds that system over the rationals (each player's payoffs
scaled to integers) and solves it exactly.  Closed forms in integer
arithmetic (:func:`fast_solutions`, no sympy objects) cover most supports of
small games:

* at most two players mix: linear systems, by Gaussian elimination;
* three players mix two strategies each, or two, two and three: one
  quadratic, so every coordinate lies in ``Q(sqrt(D))``
  (:class:`QuadraticPoint`);
* three players mix two, ``k`` and ``k``: one univariate polynomial of degree
  ``2 (k - 1)``, whose roots in [0, 1] are first counted by Sturm's theorem.

Degenerate cases of those, and every other system, go through
:class:`SupportSystem` and :func:`solve_system`:

* linear systems by Gaussian elimination;
* three players mixing two strategies each by a closed form (one quadratic);
* others by a Groebner basis in lex order (directly for up to three unknowns,
  else a grevlex basis converted by FGLM, which is much faster), brought into
  *shape position* ``x_k = g_k(t), f(t) = 0``.  When the last unknown does not
  separate the solutions, a linear change of coordinates makes a new last
  unknown that does.

Each real root of an irreducible factor of ``f`` is an exact algebraic
number, held as that factor and an isolating interval with rational ends.
The sign of any polynomial in the unknowns at a root is decided exactly: zero
when the factor divides it, otherwise by interval arithmetic on an interval
refined until the sign is clear.  So "every probability is at least 0" and
"no deviation gains" are decided without rounding.  Exact values are given as
rationals, as ``a + b*sqrt(d)`` for roots of quadratics, and otherwise as a
``CRootOf`` of each value's own minimal polynomial.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import mpmath
import numpy as np
import sympy
from sympy.polys.domains import QQ
from sympy.polys.matrices import DomainMatrix
from sympy.polys.fglmtools import matrix_fglm
from sympy.polys.groebnertools import groebner
from sympy.polys.orderings import grevlex, lex
from sympy.polys.rings import PolyRing
from sympy.polys.rootisolation import dup_isolate_real_roots_sqf

from .regret import default_tol, strategy_values

# Up to this many unknowns a direct lex basis is cheaper than grevlex + FGLM.
_DIRECT_LEX_MAX_UNKNOWNS = 3
# Coefficients of the linear forms tried as a separating last coordinate.
_SEPARATING_FORMS = ((1, 2, 3, 5, 7, 11, 13, 17), (3, -1, 4, -1, 5, -9, 2, 6), (2, 7, -1, 8, -2, 8, 1, -8))
_T = sympy.Symbol("x")


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


class AlgebraFailure(Exception):
    """The exact method could not bring a system into a solvable form."""


def decimal_fraction(value: float) -> Fraction:
    """The exact decimal a float prints as (``0.1`` is 1/10, not the double nearest it)."""
    value = float(value)
    return Fraction(int(value)) if value.is_integer() else Fraction(repr(value))


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
        self.integer, self.denominators = [], []
        per_player = len(fractions) // payoffs.shape[0]
        for p in range(payoffs.shape[0]):
            player = fractions[p * per_player:(p + 1) * per_player]
            common = math.lcm(*(f.denominator for f in player))
            scaled = [f.numerator * (common // f.denominator) for f in player]
            dtype = np.int64 if max(map(abs, scaled)) < self._INT64_LIMIT else object
            self.integer.append(np.array(scaled, dtype=dtype).reshape(self.shape))
            self.denominators.append(common)


@functools.lru_cache(maxsize=4096)
def _ring(names: tuple[str, ...]) -> PolyRing:
    # Building a ring makes sympy symbols: slow enough to be worth caching.
    return PolyRing(names, QQ, lex)


class SupportSystem:
    """The indifference equations of a support profile, over the rationals.

    Parameters
    ----------
    game : ExactPayoffs
    supports : sequence of sequence of int
        Strategies each player uses (sorted); the first one's probability is
        one minus the others'.
    indifferent : sequence of sequence of int, optional
        Strategies each player must be indifferent among; defaults to the
        supports.  A superset of the support adds the equations that make an
        unused strategy a best response too (used to pin down vertices of
        equilibrium sets).

    Attributes
    ----------
    ring : sympy.polys.rings.PolyRing
        Polynomial ring over ``QQ`` in the unknowns, named ``s<player>_<strategy>``.
    sigma : tuple of tuple of PolyElement
        Probability of each support strategy, per player.
    """

    def __init__(self, game: ExactPayoffs, supports, indifferent=None):
        self.game = game
        self.supports = tuple(tuple(int(s) for s in support) for support in supports)
        self.shape = game.shape
        self.ring = _ring(tuple(f"s{p}_{s}" for p, support in enumerate(self.supports) for s in support[1:]))
        gens = iter(self.ring.gens)
        sigma = []
        self._positions = []  # per player: generator index of each non-first strategy
        index = 0
        for support in self.supports:
            rest = [next(gens) for _ in support[1:]]
            sigma.append(tuple([self.ring.one - sum(rest, self.ring.zero)] + rest))
            self._positions.append(tuple(range(index, index + len(rest))))
            index += len(rest)
        self.sigma = tuple(sigma)
        self._gains = {}
        # Three players mixing two strategies each, one equation each (in
        # generator order): solvable in closed form.
        self.binary_triple = (
            indifferent is None and self.ring.ngens == 3 and sum(len(s) == 2 for s in self.supports) == 3
        )
        self._indifferent = self.supports if indifferent is None else indifferent

    @functools.cached_property
    def equations(self) -> list:
        """Nonzero left-hand sides of the equations ``= 0`` (built on first use)."""
        equations = []
        for p, strategies in enumerate(self._indifferent):
            for s in strategies:
                if s != self.supports[p][0]:
                    f = self.gain(p, s)
                    if f:
                        equations.append(f)
        return equations

    def gain(self, player: int, strategy: int):
        """A positive multiple of ``u(strategy) - u(first support strategy)`` for ``player``.

        Payoffs against the others' mixes; a multilinear polynomial in the
        other players' unknowns with integer coefficients.
        """
        key = (player, strategy)
        if key not in self._gains:
            self._gains[key] = self._build_gain(player, strategy)
        return self._gains[key]

    def _build_gain(self, player: int, strategy: int):
        u = self.game.integer[player]
        first = self.supports[player][0]
        others = [q for q in range(len(self.supports)) if q != player]
        # Each other player's probability in the monomial basis (1, x_1, ...):
        # the first support strategy's is 1 - x_1 - ..., the others' are x_l.
        expansions = []
        for q in others:
            positions = self._positions[q]
            expansions.append([((None, 1),) + tuple((g, -1) for g in positions)] + [((g, 1),) for g in positions])
        terms = {}
        zero = [0] * self.ring.ngens
        index = [0] * len(self.supports)
        for choice in itertools.product(*[range(len(self.supports[q])) for q in others]):
            for q, r in zip(others, choice):
                index[q] = self.supports[q][r]
            index[player] = strategy
            d = u.item(*index)
            index[player] = first
            d -= u.item(*index)
            if not d:
                continue
            for combination in itertools.product(*[e[r] for e, r in zip(expansions, choice)]):
                monom = list(zero)
                coeff = d
                for generator, sign in combination:
                    if generator is not None:
                        monom[generator] = 1
                    coeff *= sign
                monom = tuple(monom)
                terms[monom] = terms.get(monom, 0) + coeff
        terms = {m: c for m, c in terms.items() if c}
        return self.ring.from_dict(terms) if terms else self.ring.zero

    def variable_name(self, generator: int) -> str:
        """Readable name ``sigma[player][strategy]`` of an unknown."""
        for p, positions in enumerate(self._positions):
            if generator in positions:
                return f"sigma[{p}][{self.supports[p][1 + positions.index(generator)]}]"
        raise IndexError(generator)

    def expression(self, poly) -> sympy.Expr:
        """A polynomial in the unknowns as a sympy expression in ``sigma[p][s]`` symbols."""
        symbols = [sympy.Symbol(self.variable_name(k)) for k in range(self.ring.ngens)]
        return sympy.Add(*[
            sympy.Rational(int(c.numerator), int(c.denominator)) * sympy.Mul(*[x**e for x, e in zip(symbols, m)])
            for m, c in poly.terms()
        ])


class Point:
    """An exact real solution: a root of an irreducible polynomial plus coordinates.

    Every unknown is ``coords[k](alpha)`` with ``alpha`` the root of
    ``minpoly`` in the isolating interval.  A rational solution is held
    simply as its coordinates (``values``), which is much faster.

    Parameters
    ----------
    ring : PolyRing
        The system's ring (its generators are the unknowns).
    minpoly : PolyElement
        Irreducible, of degree at least 2, in a one-variable ring over ``QQ``.
    interval : tuple of QQ
        ``(a, b)`` holding exactly one root of ``minpoly``.
    index : int
        Position of the root among ``minpoly``'s real roots, increasing.
    coords : list of PolyElement
        One polynomial in the root per unknown, of degree below ``minpoly``'s.
    """

    def __init__(self, ring, minpoly, interval, index, coords):
        self.ring = ring
        self.minpoly = minpoly
        self.lo, self.hi = interval
        self.index = index
        self.coords = coords
        self.values = None
        self._sqrt = None
        if minpoly is not None:
            self._narrow()

    @classmethod
    def rational(cls, ring, values):
        """The point with the given rational coordinates (``QQ`` elements)."""
        point = cls(ring, None, (None, None), 0, None)
        point.values = list(values)
        return point

    def approximate(self) -> tuple[np.ndarray, np.ndarray]:
        """Float values of the unknowns and bounds on their errors, cheaply.

        Each coordinate polynomial is evaluated at the middle of the root's
        interval by Horner's rule in floats.  The error bound adds the
        rounding (a few units in the last place of the sum of the terms'
        magnitudes) and the interval's half-width times a bound on the
        polynomial's slope.
        """
        if self.values is not None:
            values = np.array([int(v.numerator) / int(v.denominator) for v in self.values])
            return values, np.abs(values) * 1e-15
        alpha = float((self.lo + self.hi) / 2)
        reach = float(max(abs(self.lo), abs(self.hi)))
        half_width = float(self.hi - self.lo) / 2
        values, errors = [], []
        for coord in self.coords:
            coeffs = [int(c.numerator) / int(c.denominator) for c in coord.to_dense()] or [0.0]
            value = magnitude = slope = 0.0
            for c in coeffs:
                slope = slope * reach + magnitude
                value = value * alpha + c
                magnitude = magnitude * reach + abs(c)
            values.append(value)
            errors.append(4 * len(coeffs) * 2.3e-16 * magnitude + slope * half_width)
        return np.array(values), np.array(errors)

    def _rational_value(self, poly):
        total = QQ(0)
        for monom, coeff in poly.items():
            for k, e in enumerate(monom):
                if e:
                    coeff = coeff * self.values[k] ** e
            total += coeff
        return total

    def reduce(self, poly):
        """A polynomial in the unknowns, as a polynomial in the root (reduced)."""
        uni = self.minpoly.ring
        total = uni.zero
        for monom, coeff in poly.terms():
            term = uni(coeff)
            for k, e in enumerate(monom):
                if e:
                    term = term * self.coords[k] ** e % self.minpoly
            total += term
        return total % self.minpoly

    def sign(self, poly) -> int:
        """Exact sign (-1, 0 or 1) of a polynomial in the unknowns at this point."""
        if self.values is not None:
            v = self._rational_value(poly)
            return (v > 0) - (v < 0)
        h = self.reduce(poly)
        if not h:
            return 0
        while True:
            lo, hi = _interval_value(h, self.lo, self.hi)
            if lo > 0:
                return 1
            if hi < 0:
                return -1
            self._refine()

    def value(self, poly) -> float:
        """A polynomial in the unknowns at this point, as a float."""
        if self.values is not None:
            v = self._rational_value(poly)
            return int(v.numerator) / int(v.denominator)
        h = self.reduce(poly)
        while True:
            lo, hi = _interval_value(h, self.lo, self.hi)
            mid = (lo + hi) / 2
            if hi - lo <= abs(mid) * QQ(1, 10**17) or hi - lo <= QQ(1, 10**40):
                return int(mid.numerator) / int(mid.denominator)
            self._refine()

    def expr(self, poly) -> sympy.Expr:
        """A polynomial in the unknowns at this point, as an exact sympy number."""
        if self.values is not None:
            return sympy_rational(self._rational_value(poly))
        h = self.reduce(poly)
        coeffs = [sympy_rational(c) for c in reversed(h.to_dense())] if h else [sympy.Integer(0)]
        constant = coeffs[0]
        linear = coeffs[1] if len(coeffs) > 1 else 0
        if self.minpoly.degree() == 2:
            a, b, c = self.minpoly.to_dense()
            if self._sqrt is None:
                self._sqrt = _square_root(b * b - 4 * a * c)
            # The roots are -b/(2a) -+ sqrt(D)/(2a); index 0 is the smaller (a > 0).
            sign = 1 if self.index else -1
            rational = constant - linear * sympy_rational(b / (2 * a))
            return _plus_radical(rational, linear * sympy_rational(sign / (2 * a)) * self._sqrt[0], self._sqrt[1])
        if len(coeffs) == 1:
            return constant
        return self._root_of(h)

    def _root_of(self, h) -> sympy.CRootOf:
        """``h(alpha)`` as a ``CRootOf`` of its own minimal polynomial.

        Multiplication by ``h`` on ``Q[t]/(minpoly)`` has characteristic
        polynomial ``m**k`` with ``m`` the minimal polynomial of
        ``h(alpha)``; ``h(alpha)`` is told apart from the other real roots of
        ``m`` by interval arithmetic.
        """
        d = self.minpoly.degree()
        t = self.minpoly.ring.gens[0]
        columns = [(h * t**k % self.minpoly).to_dense() for k in range(d)]
        matrix = [[QQ(0)] * d for _ in range(d)]
        for k, column in enumerate(columns):
            for power, c in enumerate(reversed(column)):
                matrix[power][k] = c
        charpoly = self.minpoly.ring.from_list(DomainMatrix(matrix, (d, d), QQ).charpoly())
        (minimal,) = _irreducible_factors(charpoly.sqf_part())
        intervals = [list(interval) for interval in dup_isolate_real_roots_sqf(minimal.to_dense(), QQ)]
        while True:
            lo, hi = _interval_value(h, self.lo, self.hi)
            inside = [k for k, (a, b) in enumerate(intervals) if a <= lo and hi <= b]
            if len(inside) == 1:
                break
            self._refine()
        expr = sympy.Add(*[sympy_rational(c) * _T**k for k, c in enumerate(reversed(minimal.to_dense()))])
        return sympy.CRootOf(expr, inside[0])

    def _narrow(self):
        """Shrink the isolating interval to width about ``1e-40`` quickly.

        A double-precision root polished by Newton steps in 60-digit
        arithmetic, then certified: the interval is replaced only when
        ``minpoly`` changes sign, exactly, across the new one.  (Bisection in
        :meth:`_refine` remains the fallback.)
        """
        coeffs = self.minpoly.to_dense()
        if len(coeffs) == 3:
            self.lo, self.hi = _quadratic_root_interval(*coeffs, self.index)
            return
        with mpmath.workdps(60):
            mp = [mpmath.mpf(int(c.numerator)) / int(c.denominator) for c in coeffs]
            derivative = [c * (len(mp) - 1 - k) for k, c in enumerate(mp[:-1])]
            # Divided by the largest coefficient first: the roots are the same,
            # and coefficients of huge rational payoffs would overflow floats.
            top = max(abs(c) for c in mp)
            floats = [float(c / top) for c in mp]
            if not top or not floats[0] or not np.all(np.isfinite(floats)):
                return
            roots = np.roots(floats)
            if not len(roots) or not np.all(np.isfinite(roots)):
                return
            mid = float((self.lo + self.hi) / 2)
            x = mpmath.mpf(float(roots[np.argmin(np.abs(roots - mid))].real))
            for _ in range(6):
                slope = mpmath.polyval(derivative, x)
                if not slope:
                    return
                x -= mpmath.polyval(mp, x) / slope
            width = mpmath.mpf(10) ** -40 * max(1, abs(x))
            lo, hi = _to_qq(x - width), _to_qq(x + width)
        if self.lo <= lo < hi <= self.hi and (self.minpoly(lo) > 0) != (self.minpoly(hi) > 0):
            self.lo, self.hi = lo, hi

    def _refine(self):
        mid = (self.lo + self.hi) / 2
        at_mid = self.minpoly(mid)
        if not at_mid:
            self.lo = self.hi = mid
        elif (at_mid > 0) == (self.minpoly(self.lo) > 0):
            self.lo = mid
        else:
            self.hi = mid


def _square_root(d):
    """``sqrt(d)`` of a positive rational as ``(k, sqrt(m))``: ``k`` rational, ``m`` an integer.

    Square factors below 10**4 are taken out by trial division, which is far
    cheaper than ``sympy.sqrt``'s full factorisation; a larger square factor
    left in ``m`` keeps the value exact, only less tidy.
    """
    numerator, denominator = int(d.numerator) * int(d.denominator), int(d.denominator)
    k = Fraction(1, denominator)
    for prime in _SMALL_PRIMES:
        if prime * prime > numerator:
            break
        while numerator % (prime * prime) == 0:
            numerator //= prime * prime
            k *= prime
    root = math.isqrt(numerator)
    if root * root == numerator:
        return sympy.Rational(k.numerator * root, k.denominator), sympy.Integer(1)
    # Unevaluated, so sympy does not try to factor m again; for a square-free
    # m this is exactly the object sympy.sqrt(m) would build.
    return sympy.Rational(k.numerator, k.denominator), sympy.Pow(sympy.Integer(numerator), sympy.S.Half, evaluate=False)


#: Radicands at least this large are combined with their coefficients unevaluated:
#: evaluating makes sympy factor them, which for a 100-digit radicand takes minutes.
_LARGE_RADICAND = 10**30


def _plus_radical(rational, coefficient, radical):
    """``rational + coefficient * radical``, the square root in :func:`_square_root`'s form."""
    if not isinstance(radical, sympy.Pow) or radical.base < _LARGE_RADICAND:
        return rational + coefficient * radical
    term = radical if coefficient == 1 else sympy.Mul(coefficient, radical, evaluate=False)
    return term if rational == 0 else sympy.Add(rational, term, evaluate=False)


_SMALL_PRIMES = [p for p in range(2, 10**4) if all(p % q for q in range(2, math.isqrt(p) + 1))]


def row_reduce(rows: list[list], n: int) -> list[int]:
    """Gauss-Jordan elimination, in place, of an augmented matrix of exact numbers.

    ``rows`` are lists of ``n`` coefficients followed by right-hand sides;
    on return the pivot rows come first, each pivot is 1 and the only
    non-zero entry of its column.  Returns the pivot columns.
    """
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pivot = next((i for i in range(r, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col]:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r])]
        pivots.append(col)
        r += 1
    return pivots


def sympy_rational(q) -> sympy.Rational:
    """A ``QQ`` element as a sympy ``Rational``."""
    return sympy.Rational(int(q.numerator), int(q.denominator))


def _quadratic_root_interval(a, b, c, index):
    """An interval of width about ``2**-140`` around a root of ``a t^2 + b t + c`` (``a > 0``, two real roots).

    ``index`` 0 is the smaller root ``(-b - sqrt(D)) / (2a)``.  Integer
    square roots bound ``sqrt(D)`` exactly.
    """
    discriminant = b * b - 4 * a * c
    scale = 2**140
    numerator, denominator = int(discriminant.numerator), int(discriminant.denominator)
    # sqrt(D) = sqrt(num * den) / den, and isqrt gives floor(sqrt(num * den * scale^2)).
    floor = math.isqrt(numerator * denominator * scale * scale)
    below, above = QQ(floor, denominator * scale), QQ(floor + 1, denominator * scale)
    if index == 0:
        return (-b - above) / (2 * a), (-b - below) / (2 * a)
    return (-b + below) / (2 * a), (-b + above) / (2 * a)


def _to_qq(x) -> QQ:
    """An mpmath number as an exact rational."""
    mantissa, exponent = mpmath.mpf(x).man_exp
    return QQ(int(mantissa) * 2**exponent) if exponent >= 0 else QQ(int(mantissa), 2**-exponent)


def _interval_value(h, lo, hi):
    """Enclosure of ``h(x)`` for ``x`` in ``[lo, hi]`` (Horner in interval arithmetic)."""
    a = b = QQ(0)
    for c in h.to_dense():
        products = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(products) + c, max(products) + c
    return a, b


@dataclass(frozen=True)
class PositiveDimensional:
    """The equations have infinitely many (complex) solutions.

    Attributes
    ----------
    basis : list of PolyElement
        A Groebner basis of the equations.
    dimension : int
        Dimension of the solution set (complex, over all of space).
    free : tuple of int
        Unknowns that can be chosen freely (a maximal independent set), by
        generator index.
    linear : bool
        Every basis polynomial has degree 1: the solution set is an affine
        subspace and ``free`` parametrises it.
    """

    basis: list
    dimension: int
    free: tuple[int, ...]
    linear: bool


def solve_system(system: SupportSystem):
    """All real solutions of a support system, exactly.

    Parameters
    ----------
    system : SupportSystem

    Returns
    -------
    list of Point or PositiveDimensional
        The real solutions (anywhere, not only in the simplex) when there are
        finitely many complex ones; otherwise a description of the solution set.

    Raises
    ------
    AlgebraFailure
        When no tried linear form separates the solutions (a non-radical
        ideal with several solutions sharing coordinates).
    """
    if system.binary_triple:
        points = _binary_triple(system)
        if points is not None:
            return points
    return _solve(system.ring, system.equations)


def solve_with_fixed(system: SupportSystem, fixed: dict):
    """Real solutions of a support system with some unknowns given fixed rational values.

    Parameters
    ----------
    system : SupportSystem
    fixed : dict of int to QQ
        Value of each fixed unknown, by generator index.

    Returns
    -------
    list of Point or PositiveDimensional
        Points are of the whole system (fixed unknowns included); a
        ``PositiveDimensional`` is over the unknowns left free.

    Raises
    ------
    AlgebraFailure
        As :func:`solve_system`.
    """
    ring = system.ring
    rest = [k for k in range(ring.ngens) if k not in fixed]
    assignment = [(ring.gens[k], v) for k, v in fixed.items()]
    sub = _ring(tuple(str(ring.gens[k]) for k in rest))
    equations = [sub(f.evaluate(assignment)) if assignment else f for f in system.equations]
    found = _solve(sub, [f for f in equations if f])
    if isinstance(found, PositiveDimensional):
        return found
    points = []
    for point in found:
        if point.values is not None:
            values = iter(point.values)
            points.append(Point.rational(ring, [fixed[k] if k in fixed else next(values) for k in range(ring.ngens)]))
            continue
        uni = point.minpoly.ring
        coords = [uni(fixed[k]) if k in fixed else point.coords[rest.index(k)] for k in range(ring.ngens)]
        points.append(Point(ring, point.minpoly, (point.lo, point.hi), point.index, coords))
    return points


def _solve(ring, equations):
    if any(f.is_ground for f in equations):
        return []
    if not ring.ngens:
        return [Point.rational(ring, [])]
    if not equations:
        return PositiveDimensional([], ring.ngens, tuple(range(ring.ngens)), True)
    if all(max(sum(m) for m in f.monoms()) <= 1 for f in equations):
        return _solve_linear(ring, equations)
    return _solve_polynomial(ring, equations)


def _solve_linear(ring, equations):
    """Gaussian elimination over QQ of affine equations."""
    n = ring.ngens
    rows = []
    for f in equations:
        row = [QQ(0)] * (n + 1)
        for monom, c in f.terms():
            if any(monom):
                row[monom.index(1)] = c
            else:
                row[n] = -c
        rows.append(row)
    pivots = row_reduce(rows, n)
    r = len(pivots)
    if any(row[n] for row in rows[r:]):
        return []
    if r == n:
        values = [QQ(0)] * n
        for row, col in zip(rows, pivots):
            values[col] = row[n]
        return [Point.rational(ring, values)]
    gens = ring.gens
    basis = [
        sum((row[k] * gens[k] for k in range(n) if row[k]), ring.zero) - row[n] for row in rows[:r]
    ]
    free = tuple(k for k in range(n) if k not in pivots)
    return PositiveDimensional(basis, len(free), free, True)


def _solve_polynomial(ring, equations):
    basis, lex_basis = _lex_basis(ring, equations)
    if basis == [ring.one]:
        return []
    if lex_basis is None:
        return _positive_dimensional(basis)
    if _is_shape(lex_basis):
        return _shape_points(ring, lex_basis, None)
    n = ring.ngens
    last = ring.gens[-1]
    for form in _SEPARATING_FORMS:
        c = [QQ(v) for v in form[: n - 1]]
        # New last coordinate y = x_last + sum c_k x_k, i.e. substitute
        # x_last -> x_last - sum c_k x_k.
        shift = last - sum((ck * g for ck, g in zip(c, ring.gens[:-1])), ring.zero)
        moved = [f.compose(last, shift) for f in equations]
        _, moved_lex = _lex_basis(ring, moved)
        if moved_lex is not None and _is_shape(moved_lex):
            return _shape_points(ring, moved_lex, c)
    raise AlgebraFailure("no linear form tried brings the Groebner basis into shape position")


def _lex_basis(ring, equations):
    """(Groebner basis, reduced lex basis or None when not zero-dimensional)."""
    if ring.ngens <= _DIRECT_LEX_MAX_UNKNOWNS:
        basis = groebner([f.set_ring(ring) for f in equations], ring)
        return basis, (_sorted(basis) if _zero_dimensional(basis, ring.ngens) else None)
    graded = ring.clone(order=grevlex)
    basis = groebner([f.set_ring(graded) for f in equations], graded)
    if basis == [graded.one]:
        return [ring.one], None
    if not _zero_dimensional(basis, ring.ngens):
        return basis, None
    return basis, _sorted([g.set_ring(ring) for g in matrix_fglm(basis, graded, lex)])


def _sorted(basis):
    return sorted(basis, key=lambda g: g.LM, reverse=True)


def _zero_dimensional(basis, n) -> bool:
    """Every unknown has a pure power among the leading monomials."""
    pure = set()
    for g in basis:
        nonzero = [k for k, e in enumerate(g.LM) if e]
        if len(nonzero) == 1:
            pure.add(nonzero[0])
    return len(pure) == n


def _is_shape(basis) -> bool:
    n = len(basis[0].LM)
    if len(basis) != n:
        return False
    for k, g in enumerate(basis[:-1]):
        if g.LM != tuple(1 if j == k else 0 for j in range(n)):
            return False
    return all(e == 0 for e in basis[-1].LM[:-1])


def _shape_points(ring, basis, form):
    """Real solutions of a lex basis ``x_k - g_k(t), f(t)`` (``t`` the last unknown).

    With ``form`` the last unknown is ``y = x_last + sum form_k x_k``, so
    ``x_last = y - sum form_k g_k(y)``.
    """
    uni = _ring(("t",))
    t = uni.gens[0]

    def univariate(g):
        return uni.from_dict({(m[-1],): c for m, c in g.terms()}) if g else uni.zero

    coords = [-univariate(g.monic() - g.ring.gens[k]) for k, g in enumerate(basis[:-1])]
    last = t if form is None else t - sum((c * g for c, g in zip(form, coords)), uni.zero)
    return _points(ring, univariate(basis[-1]), coords + [last])


def _points(ring, f, coords):
    """The points ``coords(t)`` for each real root ``t`` of the univariate ``f``.

    Roots of irreducible factors of degree 1 and 2 are found directly;
    higher degrees go through sympy's factorisation over the rationals.
    """
    points = []
    for factor in _irreducible_factors(f):
        if factor.degree() == 1:
            root = _root(factor)
            points.append(Point.rational(ring, [c(root) for c in coords]))
            continue
        reduced = [c % factor for c in coords]
        for index, interval in enumerate(_isolating_intervals(factor)):
            points.append(Point(ring, factor, interval, index, reduced))
    return points


def _irreducible_factors(f):
    """Distinct irreducible factors over QQ with a positive leading coefficient."""
    if f.degree() <= 0:
        return []
    if f.degree() == 1:
        return [f.monic()]
    if f.degree() == 2:
        c, b, a = (f.coeff(f.ring.gens[0] ** k) for k in range(3))
        discriminant = b * b - 4 * a * c
        root = math.isqrt(int(discriminant.numerator * discriminant.denominator)) if discriminant >= 0 else None
        if root is None or root * root != discriminant.numerator * discriminant.denominator:
            return [f.monic()]
        sqrt = QQ(root, int(discriminant.denominator))
        t = f.ring.gens[0]
        roots = {(-b - sqrt) / (2 * a), (-b + sqrt) / (2 * a)}
        return [t - r for r in sorted(roots)]
    _, factors = f.factor_list()
    return [-g if g.LC < 0 else g for g, _ in factors if g.degree() > 0]


def _isolating_intervals(p):
    """Disjoint rational intervals, increasing, each holding one real root of the irreducible ``p``."""
    if p.degree() == 2:
        c, b, a = (p.coeff(p.ring.gens[0] ** k) for k in range(3))
        if b * b - 4 * a * c <= 0:
            return []
        # The two roots lie either side of -b/(2a), within the Cauchy bound.
        centre = -b / (2 * a)
        bound = 1 + max(abs(b / a), abs(c / a))
        return [(centre - 2 * bound, centre), (centre, centre + 2 * bound)]
    return [(QQ(lo), QQ(hi)) for lo, hi in dup_isolate_real_roots_sqf(p.to_dense(), QQ)]


def _binary_triple(system: SupportSystem):
    """Closed-form solutions when three players mix two strategies each.

    With unknowns ``u0, u1, u2`` (one per mixing player, in order), the first
    player's equation is free of ``u0``: ``u1 B1(u2) + A1(u2) = 0``; the
    second's is free of ``u1``: ``u0 B0(u2) + A0(u2) = 0``; clearing
    denominators in the third's, ``E(u0, u1)``, leaves ``Q(u2) = 0``.  Every
    solution is ``u2`` a root of ``Q``, ``u1 = -A1/B1``, ``u0 = -A0/B0``
    provided no root of ``Q`` makes ``B0`` or ``B1`` vanish; otherwise (and
    when ``Q`` vanishes identically) None is returned for the general method.
    The coefficients come straight from the integer payoffs.
    """
    uni = _ring(("t",))
    t = uni.gens[0]
    first, second, third = [p for p, s in enumerate(system.supports) if len(s) == 2]

    def bilinear(player, x, y):
        """``(c, c_x, c_y, c_xy)``: player's equation in the unknowns of players x and y."""
        u = system.game.integer[player]
        index = [s[0] for s in system.supports]
        d = {}
        for i, j in itertools.product((0, 1), repeat=2):
            index[x], index[y] = system.supports[x][i], system.supports[y][j]
            index[player] = system.supports[player][1]
            d[i, j] = u.item(*index)
            index[player] = system.supports[player][0]
            d[i, j] -= u.item(*index)
        return d[0, 0], d[1, 0] - d[0, 0], d[0, 1] - d[0, 0], d[1, 1] - d[1, 0] - d[0, 1] + d[0, 0]

    c, c_u1, c_u2, c_both = bilinear(first, second, third)
    a1, b1 = uni.from_list([c_u2, c]), uni.from_list([c_both, c_u1])
    c, c_u0, c_u2, c_both = bilinear(second, first, third)
    a0, b0 = uni.from_list([c_u2, c]), uni.from_list([c_both, c_u0])
    g00, g10, g01, g11 = bilinear(third, first, second)
    q = g00 * b0 * b1 - g10 * a0 * b1 - g01 * a1 * b0 + g11 * a0 * a1
    if not q or not b0 or not b1 or any(b.degree() == 1 and not q(_root(b)) for b in (b0, b1)):
        return None
    points = []
    for factor in _irreducible_factors(q):
        if factor.degree() == 1:
            root = _root(factor)
            points.append(Point.rational(system.ring, [-a0(root) / b0(root), -a1(root) / b1(root), root]))
            continue
        coords = [-a0 * _inverse(b0, factor) % factor, -a1 * _inverse(b1, factor) % factor, t]
        for index, interval in enumerate(_isolating_intervals(factor)):
            points.append(Point(system.ring, factor, interval, index, coords))
    return points


def _root(f):
    """The root of a polynomial of degree 1."""
    return -f.coeff(1) / f.LC


def _inverse(b, p):
    """``1/b`` modulo the irreducible ``p``, for ``b`` of degree at most 1 (not 0)."""
    if b.degree() <= 0:
        return b.ring(1 / b.LC)
    # p = b * s + r with r = p(root of b) a nonzero constant, so b * s = -r mod p.
    s, r = p.div(b)
    return -s.quo_ground(r.LC)


def _positive_dimensional(basis) -> PositiveDimensional:
    n = basis[0].ring.ngens
    leading = [frozenset(k for k, e in enumerate(g.LM) if e) for g in basis]
    linear = all(max(sum(m) for m in g.monoms()) <= 1 for g in basis)
    for size in range(n, -1, -1):
        for free in itertools.combinations(range(n), size):
            if not any(lead <= set(free) for lead in leading):
                return PositiveDimensional(basis, size, free, linear)
    raise AssertionError("the empty set is always independent")


def in_simplex(system: SupportSystem, point: Point) -> bool:
    """Every support probability of the solution is at least 0, decided exactly."""
    return all(
        point.sign(sigma) >= 0 for probabilities in system.sigma if len(probabilities) > 1 for sigma in probabilities
    )


def approximate_profile(system: SupportSystem, point: Point) -> tuple[tuple[np.ndarray, ...], float]:
    """The solution's probability vectors in floats, with a bound on every entry's error.

    Cheaper than :func:`float_profile` (no exact arithmetic), for ruling
    solutions out before exact checks.
    """
    values, errors = point.approximate()
    profile = []
    position = 0
    for n, support in zip(system.shape, system.supports):
        v = np.zeros(n)
        rest = values[position:position + len(support) - 1]
        v[list(support)] = np.concatenate([[1.0 - rest.sum()], rest])
        position += len(support) - 1
        profile.append(v)
    return tuple(profile), float(errors.sum()) + 1e-15


def float_profile(system: SupportSystem, point: Point) -> tuple[np.ndarray, ...]:
    """The solution's probability vectors, as floats (each correctly rounded)."""
    out = []
    for n, support, sigma in zip(system.shape, system.supports, system.sigma):
        v = np.zeros(n)
        if len(support) == 1:
            v[support[0]] = 1.0
        else:
            v[list(support)] = [point.value(s) for s in sigma]
        out.append(v)
    return tuple(out)


def exact_values(system: SupportSystem, point: Point) -> tuple[tuple[sympy.Expr, ...], ...]:
    """The solution's probabilities as exact sympy numbers, per player per strategy."""
    out = []
    for n, support, sigma in zip(system.shape, system.supports, system.sigma):
        v = [sympy.Integer(0)] * n
        for s, prob in zip(support, sigma):
            v[s] = point.expr(prob) if len(support) > 1 else sympy.Integer(1)
        out.append(tuple(v))
    return tuple(out)


def is_exact_equilibrium(system: SupportSystem, point: Point) -> bool:
    """No player gains, exactly, by any pure deviation at this solution."""
    for p, n in enumerate(system.shape):
        for t in range(n):
            if t not in system.supports[p] and point.sign(system.gain(p, t)) > 0:
                return False
    return True


def interior_empty(system: SupportSystem) -> bool:
    """No profile using every support strategy with positive probability can be an equilibrium.

    True when some support strategy ``s`` of some player is weakly dominated,
    with at least one strict inequality, by another strategy ``t`` against
    the others' supports: wherever every support probability is positive,
    ``t`` then earns strictly more than ``s``, so ``s`` cannot be a best
    response.  Decided exactly (integer payoffs).
    """
    return supports_interior_empty(system.game, system.supports)


def supports_interior_empty(game: ExactPayoffs, supports) -> bool:
    """:func:`interior_empty` for a game and a support profile (no :class:`SupportSystem` needed)."""
    if math.prod(len(s) for s in supports) * max(game.shape) <= 64:
        return _small_interior_empty(game, supports)
    for p, support in enumerate(supports):
        axes = [list(s) for s in supports]
        axes[p] = list(range(game.shape[p]))
        table = np.moveaxis(game.integer[p][np.ix_(*axes)], p, 0).reshape(game.shape[p], -1)
        for s in support:
            gaps = table - table[s]
            if np.any(np.all(gaps >= 0, axis=1) & np.any(gaps > 0, axis=1)):
                return True
    return False


def _small_interior_empty(game: ExactPayoffs, supports) -> bool:
    """:func:`supports_interior_empty` in Python integers (faster on small tables)."""
    for p, support in enumerate(supports):
        u = game.integer[p]
        columns = list(itertools.product(*[s if q != p else (0,) for q, s in enumerate(supports)]))
        rows = []
        for t in range(game.shape[p]):
            row = []
            for column in columns:
                index = list(column)
                index[p] = t
                row.append(u.item(*index))
            rows.append(row)
        for s in support:
            for t, row in enumerate(rows):
                if t != s and all(a >= b for a, b in zip(row, rows[s])) and any(a > b for a, b in zip(row, rows[s])):
                    return True
    return False


def single_mixer_constraints(game: ExactPayoffs, supports) -> list[tuple[list[int], int]]:
    """The constraints on the equilibria of a profile where one player mixes, indifferent, and the others are pure.

    Every mix of the mixing player then solves the (empty) equations; the
    equilibria are the mixes with every probability at least 0 and no better
    pure deviation for anyone.  Each constraint is affine in the mixing
    player's unknowns (its probabilities of its support strategies but the
    first): ``coeffs . x + constant >= 0``.  They come in the order the
    general method (:func:`~gametheory_re.solvers.polynomial._polytope`)
    lists them: the probabilities, then minus each player's gain from each
    strategy outside its support, by player and strategy.

    Returns
    -------
    list of (list of int, int)
    """
    (i,) = [p for p, s in enumerate(supports) if len(s) > 1]
    k = len(supports[i]) - 1
    rows = [([-1] * k, 1)] + [([int(j == l) for l in range(k)], 0) for j in range(k)]
    base = [s[0] for s in supports]
    for p, n in enumerate(game.shape):
        outside = [t for t in range(n) if t not in supports[p]]
        if not outside:
            continue
        u = game.integer[p]
        index = list(base)
        for t in outside:
            if p == i:
                index[p] = t
                gain = u.item(*index)
                index[p] = supports[p][0]
                rows.append(([0] * k, -(gain - u.item(*index))))
                continue
            d = []
            for s in supports[i]:
                index[i] = s
                index[p] = t
                value = u.item(*index)
                index[p] = base[p]
                d.append(value - u.item(*index))
            rows.append(([d[0] - x for x in d[1:]], -d[0]))
    return rows


def satisfies(system: SupportSystem, profile) -> bool:
    """Whether an exact rational profile solves the system's equations with no better deviation.

    Parameters
    ----------
    system : SupportSystem
    profile : tuple of tuple of sympy.Rational
        Probabilities per player per strategy; zero off the system's supports.

    Returns
    -------
    bool
    """
    for p, support in enumerate(system.supports):
        if any(profile[p][t] != 0 for t in range(system.shape[p]) if t not in support):
            return False
    values = [
        QQ(int(r.p), int(r.q))
        for p, support in enumerate(system.supports)
        for r in (sympy.Rational(profile[p][s]) for s in support[1:])
    ]
    point = Point.rational(system.ring, values)
    return all(point.sign(f) == 0 for f in system.equations) and is_exact_equilibrium(system, point)


def exact_profile(
    exact_payoffs: np.ndarray,
    supports: Sequence[Sequence[int]],
    near: Sequence[np.ndarray] | None = None,
    tol: float | None = None,
):
    """The exact equilibrium with the given supports, when the supports determine it.

    Solves the indifference equations of the supports exactly (Gaussian
    elimination for two players, polynomial algebra for more) and keeps the
    solutions with every probability at least 0.

    Parameters
    ----------
    exact_payoffs : numpy.ndarray
        Object array of rational sympy numbers, shape ``(n_players, n_1, ..., n_n)``.
    supports : sequence of sequence of int
        Strategies each player uses.
    near : sequence of numpy.ndarray, optional
        A float equilibrium with these supports.  It picks one solution when
        there are several, and its best responses (within ``tol``) join the
        equations: in a degenerate game that pins down an extreme equilibrium
        whose supports alone leave a continuum.
    tol : float, optional
        Best-response tolerance for ``near``; default ``1e3 * default_tol``.

    Returns
    -------
    tuple of tuple of sympy.Expr, or None
        Exact probabilities per player per strategy.  None when the payoffs
        are not all rational, the equations have no solution in the simplex,
        a continuum of them, or several and ``near`` does not pick one
        (none within ``1e-6``).
    """
    payoffs = _floats(exact_payoffs)
    game = ExactPayoffs(payoffs, exact_payoffs)
    if not game.faithful:
        return None
    supports = tuple(tuple(sorted(int(s) for s in support)) for support in supports)
    indifferent = supports
    if near is not None:
        tol = 1e3 * default_tol(payoffs) if tol is None else tol
        indifferent = []
        for p in range(len(supports)):
            values = strategy_values(payoffs, near, p)
            best = np.flatnonzero(values >= values.max() - tol).tolist()
            indifferent.append(tuple(sorted(set(supports[p]) | set(best))))
    system = SupportSystem(game, supports, indifferent)
    try:
        found = solve_system(system)
    except AlgebraFailure:
        return None
    if isinstance(found, PositiveDimensional):
        return None
    candidates = [point for point in found if in_simplex(system, point)]
    if near is not None:
        candidates = [
            point for point in candidates
            if max(np.max(np.abs(f - np.asarray(x))) for f, x in zip(float_profile(system, point), near)) <= 1e-6
        ]
    return exact_values(system, candidates[0]) if len(candidates) == 1 else None


def _floats(exact_payoffs: np.ndarray) -> np.ndarray:
    return np.vectorize(float, otypes=[float])(np.asarray(exact_payoffs, dtype=object))


# ---------------------------------------------------------------------------
# Closed forms in integer arithmetic.
#
# Most support profiles of small games are solved without building any sympy
# object: where at most two players mix (linear equations), where three
# players mix two strategies each (one quadratic), and where three players mix
# two, two and three strategies (one quadratic, then a 2x2 linear system).
# Every coordinate of a solution then lies in Q(sqrt(D)) for one integer D,
# and is held as (P + Q sqrt(D)) / den with integers P, Q and den > 0 and a
# common denominator per player, so exact signs and float values need only
# Python integers.  Where three players mix two, k and k strategies, one
# univariate polynomial of degree 2 (k - 1) carries the solutions; Sturm's
# theorem and interval arithmetic in integers often show that none of its
# roots is a mix, and otherwise its factors of degree above 2 give Point
# objects as the general method does.  Whenever such a system is degenerate
# (infinitely many solutions, or a case the closed form does not cover),
# ``fast_solutions`` returns None and the general method (SupportSystem,
# solve_system) decides.
# ---------------------------------------------------------------------------


def _quadratic_sign(p: int, q: int, d: int) -> int:
    """Sign of ``p + q sqrt(d)`` (``d`` not a square when ``q``, or 0)."""
    if not q or not d:
        return (p > 0) - (p < 0)
    if not p or (p > 0) == (q > 0):
        return 1 if q > 0 else -1
    # Opposite signs: the larger in magnitude wins (never equal, d not a square).
    if p * p > q * q * d:
        return 1 if p > 0 else -1
    return 1 if q > 0 else -1


def _quadratic_float(p: int, q: int, d: int, den: int) -> float:
    """``(p + q sqrt(d)) / den`` correctly rounded (``den > 0``)."""
    if not q or not d:
        return p / den
    bits = 128
    while True:
        root = math.isqrt(d << (2 * bits))  # floor(sqrt(d) * 2**bits); never exact
        low, high = (root, root + 1) if q > 0 else (root + 1, root)
        scale = den << bits
        lo, hi = ((p << bits) + q * low) / scale, ((p << bits) + q * high) / scale
        if lo == hi:
            return lo
        bits *= 2
        if bits > 1 << 14:
            return (lo + hi) / 2


def _times(x, y, d):
    """Product of ``x[0] + x[1] sqrt(d)`` and ``y[0] + y[1] sqrt(d)``."""
    return x[0] * y[0] + x[1] * y[1] * d, x[0] * y[1] + x[1] * y[0]


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
    """

    __slots__ = ("game", "supports", "d", "numerators", "denominators")

    def __init__(self, game, supports, d, numerators, denominators):
        self.game = game
        self.supports = supports
        self.d = d
        self.numerators = numerators
        self.denominators = denominators

    def in_simplex(self) -> bool:
        """Every probability is at least 0, decided exactly."""
        d = self.d
        return all(_quadratic_sign(p, q, d) >= 0 for player in self.numerators for p, q in player)

    def float_profile(self) -> tuple[np.ndarray, ...]:
        """The probability vectors, each entry correctly rounded."""
        out = []
        for n, support, player, den in zip(self.game.shape, self.supports, self.numerators, self.denominators):
            v = np.zeros(n)
            if len(support) == 1:
                v[support[0]] = 1.0
            else:
                for s, (p, q) in zip(support, player):
                    v[s] = _quadratic_float(p, q, self.d, den)
            out.append(v)
        return tuple(out)

    def is_exact_equilibrium(self) -> bool:
        """No player gains, exactly, by any pure deviation."""
        d = self.d
        supports = self.supports
        for player, n in enumerate(self.game.shape):
            if len(supports[player]) == n:
                continue
            u = self.game.integer[player]
            others = [q for q in range(len(supports)) if q != player]
            ranges = [range(len(supports[q])) for q in others]
            first = supports[player][0]
            index = [0] * len(supports)
            for t in range(n):
                if t in supports[player]:
                    continue
                total_p = total_q = 0
                for choice in itertools.product(*ranges):
                    for q, r in zip(others, choice):
                        index[q] = supports[q][r]
                    index[player] = t
                    gain = u.item(*index)
                    index[player] = first
                    gain -= u.item(*index)
                    if not gain:
                        continue
                    term = (gain, 0)
                    for q, r in zip(others, choice):
                        if len(supports[q]) > 1:
                            term = _times(term, self.numerators[q][r], d)
                        # else: probability 1 (numerator 1 over 1)
                    total_p += term[0]
                    total_q += term[1]
                if _quadratic_sign(total_p, total_q, d) > 0:
                    return False
        return True

    def exact_values(self) -> tuple[tuple[sympy.Expr, ...], ...]:
        """The probabilities as sympy numbers, as :func:`exact_values` gives them.

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
                root = scale, _square_root(scale * scale * self.d)
            else:
                root = Fraction(1), _square_root(Fraction(self.d))
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
                        value = _plus_radical(value, sympy.Rational(coefficient.numerator, coefficient.denominator) * k, radical)
                    v[s] = value
            out.append(tuple(v))
        return tuple(out)


def _rationalize(numerator, denominator, d):
    """``numerator / denominator`` (pairs in Z[sqrt(d)], the latter nonzero) as ``(pair, positive int)``."""
    bp, bq = denominator
    if not bq:
        if bp < 0:
            return (-numerator[0], -numerator[1]), -bp
        return numerator, bp
    norm = bp * bp - bq * bq * d
    p, q = _times(numerator, (bp, -bq), d)
    if norm < 0:
        p, q, norm = -p, -q, -norm
    return (p, q), norm


def _binary_mix(u, den):
    """Probabilities ``(1 - u, u)`` of a player with unknown ``u = pair / den``."""
    p, q = u
    return [(den - p, -q), (p, q)], den


def _common(mixes):
    """Reduce a player's mix (pairs over one denominator) by the gcd of all its integers."""
    pairs, den = mixes
    g = den
    for p, q in pairs:
        g = math.gcd(g, p, q)
    if g > 1:
        pairs = [(p // g, q // g) for p, q in pairs]
        den //= g
    return pairs, den


def fast_solutions(game: ExactPayoffs, supports) -> list | None:
    """The real solutions of a support system in closed form, or None when that does not apply.

    Covers supports where at most two players mix (linear), where three
    players mix two strategies each (a quadratic, as :func:`_binary_triple`),
    where three players mix two, two and three strategies (a quadratic,
    then a linear system), and where three players mix two, ``k`` and ``k``
    (one univariate polynomial of degree ``2 (k - 1)``).  None means: use
    :func:`solve_system` (the system may have infinitely many solutions, or
    is of another kind).

    Parameters
    ----------
    game : ExactPayoffs
    supports : tuple of tuple of int

    Returns
    -------
    list or None
        The real solutions, ordered as :func:`solve_system` usually orders
        them (by the last unknown, increasing): QuadraticPoint objects, and
        ``(SupportSystem, Point)`` pairs for coordinates of degree above 2.
        Solutions with some probability outside [0, 1] may be left out.
    """
    sizes = [len(s) for s in supports]
    mixing = [p for p, k in enumerate(sizes) if k > 1]
    if not mixing or len(mixing) > 3:
        return None
    if len(mixing) <= 2:
        return _fast_linear(game, supports, mixing)
    counts = sorted(sizes[p] for p in mixing)
    if counts == [2, 2, 2]:
        return _fast_binary_triple(game, supports, mixing)
    if counts == [2, 2, 3]:
        return _fast_pair_triple(game, supports, mixing)
    if counts[0] == 2 and 3 <= counts[1] == counts[2] <= _PENCIL_MAX_STRATEGIES:
        return _fast_pencil(game, supports, mixing)
    return None


# _fast_pencil takes determinants by Laplace expansion: small sizes only.
_PENCIL_MAX_STRATEGIES = 5


def _differences(game, supports, player, strategy, x, y=None):
    """``u(strategy) - u(first)`` for ``player`` against each support strategy of ``x`` (and ``y``), others first."""
    u = game.integer[player]
    index = [s[0] for s in supports]
    first = supports[player][0]
    out = []
    for i in supports[x]:
        index[x] = i
        row = []
        for j in (supports[y] if y is not None else (None,)):
            if y is not None:
                index[y] = j
            index[player] = strategy
            value = u.item(*index)
            index[player] = first
            row.append(value - u.item(*index))
        out.append(row if y is not None else row[0])
    return out


def _fast_linear(game, supports, mixing):
    """At most two players mix: each one's equations fix the other's mix (linear systems)."""
    if len(mixing) == 1:
        (i,) = mixing
        u = game.integer[i]
        index = [s[0] for s in supports]
        first = u.item(*index)
        for s in supports[i][1:]:
            index[i] = s
            if u.item(*index) != first:
                return []  # a nonzero constant equation
        return None  # no equation: a continuum
    i, j = mixing
    mixes = {}
    underdetermined = False
    for a, b in ((i, j), (j, i)):
        rows = [_differences(game, supports, a, s, b) for s in supports[a][1:]]
        found = _integer_solve(rows, len(supports[b]))
        if found is False:
            return []
        if found is None:
            underdetermined = True
        else:
            mixes[b] = found
    if underdetermined:
        return None
    numerators, denominators = [], []
    for p, s in enumerate(supports):
        if p in mixes:
            values, den = mixes[p]
            numerators.append([(v, 0) for v in values])
            denominators.append(den)
        else:
            numerators.append([(1, 0)])
            denominators.append(1)
    return [QuadraticPoint(game, supports, 0, numerators, denominators)]


def _integer_solve(rows, n):
    """Mix ``y`` (``n`` entries summing to 1) with ``rows @ y = 0``, exactly.

    Returns ``(numerators, den)`` (integers, ``den > 0``) when unique,
    False when there is none, None when there are infinitely many.
    """
    if n == 2 and len(rows) == 1:
        d0, d1 = rows[0]
        det = d0 - d1
        if not det:
            return None if not d0 else False
        if det < 0:
            return [d1, -d0], -det
        return [-d1, d0], det
    # Gaussian elimination over the rationals.
    matrix = [[Fraction(v) for v in row] + [Fraction(0)] for row in rows]
    matrix.append([Fraction(1)] * n + [Fraction(1)])
    pivots = row_reduce(matrix, n)
    rank = len(pivots)
    if any(row[n] for row in matrix[rank:]):
        return False
    if rank < n:
        return None
    values = [Fraction(0)] * n
    for row, col in zip(matrix, pivots):
        values[col] = row[n]
    den = math.lcm(*(v.denominator for v in values))
    return [int(v * den) for v in values], den


def _bilinear(game, supports, player, strategy, x, y):
    """``(c, c_x, c_y, c_xy)``: ``player``'s gain of ``strategy`` over its first in the unknowns of ``x`` and ``y``."""
    (d00, d01), (d10, d11) = _differences(game, supports, player, strategy, x, y)
    return d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00


def _roots(c2, c1, c0):
    """Real roots of ``c2 t^2 + c1 t + c0`` (integers, not all 0), increasing, for the closed forms.

    Returns ``(d, roots)``: ``d`` 0 and the roots as ``(pair, den)`` when
    rational; otherwise ``d`` the discriminant (not a square, maybe negative)
    and the two roots ``(-c1 -+ sqrt(d)) / (2 c2)`` with ``c2 > 0``.
    """
    if not c2:
        if not c1:
            return 0, []
        return 0, [((-c0, 0), c1) if c1 > 0 else ((c0, 0), -c1)]
    if c2 < 0:
        c2, c1, c0 = -c2, -c1, -c0
    d = c1 * c1 - 4 * c2 * c0
    if d >= 0:
        root = math.isqrt(d)
        if root * root == d:
            roots = sorted({Fraction(-c1 - root, 2 * c2), Fraction(-c1 + root, 2 * c2)})
            return 0, [((r.numerator, 0), r.denominator) for r in roots]
    return d, [((-c1, -1), 2 * c2), ((-c1, 1), 2 * c2)]


def _evaluate_linear(coeffs, t, d):
    """``c1 t + c0`` at ``t = pair / den``, times ``den``: a pair."""
    c1, c0 = coeffs
    (p, q), den = t
    return c1 * p + c0 * den, c1 * q


def _fast_binary_triple(game, supports, mixing):
    """Three players mix two strategies each: :func:`_binary_triple` in integers."""
    first, second, third = mixing
    c, c_u1, c_u2, c_both = _bilinear(game, supports, first, supports[first][1], second, third)
    a1, b1 = (c_u2, c), (c_both, c_u1)  # linear in t = u2: (slope, constant)
    c, c_u0, c_u2, c_both = _bilinear(game, supports, second, supports[second][1], first, third)
    a0, b0 = (c_u2, c), (c_both, c_u0)
    g00, g10, g01, g11 = _bilinear(game, supports, third, supports[third][1], first, second)

    def product(x, y):
        return x[0] * y[0], x[0] * y[1] + x[1] * y[0], x[1] * y[1]

    terms = [(g00, product(b0, b1)), (-g10, product(a0, b1)), (-g01, product(a1, b0)), (g11, product(a0, a1))]
    q = [sum(w * p[k] for w, p in terms) for k in range(3)]  # t^2, t, 1
    if not any(q) or b0 == (0, 0) or b1 == (0, 0):
        return None
    for slope, constant in (b0, b1):
        # Root -constant/slope of b also a root of q: the general method decides.
        if slope and q[0] * constant * constant - q[1] * constant * slope + q[2] * slope * slope == 0:
            return None
    d, roots = _roots(*q)
    if d < 0:
        return []
    points = []
    for t in roots:
        (tp, tq), tden = t
        u0 = _rationalize(_negate(_evaluate_linear(a0, t, d)), _evaluate_linear(b0, t, d), d)
        u1 = _rationalize(_negate(_evaluate_linear(a1, t, d)), _evaluate_linear(b1, t, d), d)
        mixes = {first: _binary_mix(*u0), second: _binary_mix(*u1), third: _binary_mix((tp, tq), tden)}
        points.append(_point(game, supports, d, mixes))
    return points


def _negate(x):
    return -x[0], -x[1]


def _point(game, supports, d, mixes):
    numerators, denominators = [], []
    for p in range(len(supports)):
        if p in mixes:
            pairs, den = _common(mixes[p])
            numerators.append(pairs)
            denominators.append(den)
        else:
            numerators.append([(1, 0)])
            denominators.append(1)
    return QuadraticPoint(game, supports, d, numerators, denominators)


def _fast_pair_triple(game, supports, mixing):
    """Three players mix two (``a``, ``b``), two and three (``c``) strategies.

    The three-strategy player's two equations are bilinear in the unknowns
    ``x`` of ``a`` and ``y`` of ``b``: ``P_k(x) + y Q_k(x) = 0``.  Their
    common solutions have ``R = P_1 Q_2 - P_2 Q_1 = 0`` (at most quadratic in
    ``x``) and ``y = -P_k / Q_k``; the other two equations are then linear in
    ``c``'s two unknowns.  Anything degenerate (``R`` identically 0, both
    ``Q_k`` vanishing at a root, a singular linear system at a root, real or
    complex) goes to the general method.
    """
    c = next(p for p in mixing if len(supports[p]) == 3)
    a, b = [p for p in mixing if p != c]
    eqs = []
    for s in supports[c][1:]:
        e, f, g, h = _bilinear(game, supports, c, s, a, b)
        eqs.append(((f, e), (h, g)))  # P(x) = f x + e, Q(x) = h x + g
    (p1, q1), (p2, q2) = eqs
    # R = P1 Q2 - P2 Q1.
    r = [p1[0] * q2[0] - p2[0] * q1[0],
         p1[0] * q2[1] + p1[1] * q2[0] - p2[0] * q1[1] - p2[1] * q1[0],
         p1[1] * q2[1] - p2[1] * q1[1]]
    if not any(r):
        return None
    d, roots = _roots(*r)
    if d:
        roots = roots[1:]  # (-c1 + sqrt(d)) / (2 c2); its conjugate is handled with it
    # a's gains against b's and c's strategies, and b's against a's and c's.
    gains_a = _differences(game, supports, a, supports[a][1], b, c)
    gains_b = _differences(game, supports, b, supports[b][1], a, c)
    points = []
    for x in roots:
        # y = -P_k(x) / Q_k(x) with Q_k(x) != 0.
        for pk, qk in eqs:
            qv = _evaluate_linear(qk, x, d)
            if qv != (0, 0):
                break
        else:
            return None
        y = _rationalize(_negate(_evaluate_linear(pk, x, d)), qv, d)
        # a's equation alpha_0 + alpha_1 w1 + alpha_2 w2 = 0, b's likewise: Cramer's rule.
        (a0, a1, a2), (b0, b1, b2) = _linear_in_c(gains_a, y, d), _linear_in_c(gains_b, x, d)
        det = _minus(_times(a1, b2, d), _times(a2, b1, d))
        if det == (0, 0):
            return None
        n1 = _minus(_times(a2, b0, d), _times(a0, b2, d))
        n2 = _minus(_times(a0, b1, d), _times(a1, b0, d))
        n0 = _minus(_minus(det, n1), n2)
        if d < 0:
            continue  # complex: checked non-degenerate, not a real solution
        cs = [_rationalize(n, det, d) for n in (n0, n1, n2)]
        den_c = math.lcm(*(den for _, den in cs))
        mix_c = [(pair[0] * (den_c // den), pair[1] * (den_c // den)) for pair, den in cs], den_c
        mixes = {a: _binary_mix(*x), b: _binary_mix(*y), c: mix_c}
        point = _point(game, supports, d, mixes)
        if d:
            points.append(_conjugate(point))
        points.append(point)
    if len(points) > 1:
        points.sort(key=_last_key)
    return points


def _minus(x, y):
    return x[0] - y[0], x[1] - y[1]


def _linear_in_c(table, z, d):
    """A player's gain ``sum_ij table[i][j] z_i w_j`` for a two-strategy opponent's unknown ``z = pair / den``
    and the three-strategy opponent's mix ``w = (1 - w1 - w2, w1, w2)``, as ``alpha_0 + alpha_1 w1 + alpha_2 w2``
    (pairs, times ``den``)."""
    (zp, zq), den = z
    # v_j = table[0][j] (1 - z) + table[1][j] z, times den.
    v = [(table[0][j] * (den - zp) + table[1][j] * zp, (table[1][j] - table[0][j]) * zq) for j in range(3)]
    return v[0], _minus(v[1], v[0]), _minus(v[2], v[0])


def _conjugate(point):
    return QuadraticPoint(
        point.game, point.supports, point.d,
        [[(p, -q) for p, q in player] for player in point.numerators], point.denominators,
    )


def _last_key(point):
    last = max(p for p, s in enumerate(point.supports) if len(s) > 1)
    p, q = point.numerators[last][-1]
    try:
        return _quadratic_float(p, q, point.d, point.denominators[last])
    except OverflowError:  # far outside [0, 1]
        return math.inf if _quadratic_sign(p, q, point.d) > 0 else -math.inf


# Integer polynomials in one unknown as coefficient lists, lowest degree first.


def _poly_trim(f):
    while f and not f[-1]:
        f.pop()
    return f


def _poly_add(f, g):
    out = [0] * max(len(f), len(g))
    for k, c in enumerate(f):
        out[k] += c
    for k, c in enumerate(g):
        out[k] += c
    return _poly_trim(out)


def _poly_mul(f, g):
    if not f or not g:
        return []
    out = [0] * (len(f) + len(g) - 1)
    for i, a in enumerate(f):
        if a:
            for j, b in enumerate(g):
                out[i + j] += a * b
    return _poly_trim(out)


def _poly_scale(f, c):
    return _poly_trim([c * x for x in f]) if c else []


def _poly_determinant(matrix):
    """Determinant of a square matrix of polynomials (Laplace expansion: small sizes only)."""
    n = len(matrix)
    if n == 1:
        return list(matrix[0][0])
    total = []
    for j in range(n):
        if not matrix[0][j]:
            continue
        minor = [row[:j] + row[j + 1:] for row in matrix[1:]]
        term = _poly_mul(matrix[0][j], _poly_determinant(minor))
        total = _poly_add(total, term if j % 2 == 0 else _poly_scale(term, -1))
    return total


def _null_vector(rows):
    """Signed maximal minors of a ``(k - 1) x k`` polynomial matrix.

    Where the matrix has rank ``k - 1`` they span its kernel.
    """
    k = len(rows) + 1
    out = []
    for j in range(k):
        minor = [row[:j] + row[j + 1:] for row in rows]
        det = _poly_determinant(minor)
        out.append(det if j % 2 == 0 else _poly_scale(det, -1))
    return out


def _poly_gcd_degree(polys) -> int:
    """Degree of the gcd over the rationals of integer polynomials (-1 when all are 0)."""
    g = []
    for f in polys:
        a, b = (f, g) if len(f) >= len(g) else (g, f)
        while b:
            a, b = b, _negated_remainder(a, b)
        g = a
    return len(g) - 1


def _may_have_root_in_unit_interval(f) -> bool:
    """False only when the integer polynomial ``f`` (not 0) has no root in [0, 1] (Descartes' rule of signs)."""
    if not f[0] or not sum(f):
        return True  # a root at 0 or 1
    # Roots in (0, 1) of f are positive roots of (1 + y)^n f(1 / (1 + y)):
    # reverse the coefficients, then shift by 1.
    q = list(reversed(f))
    n = len(q) - 1
    for i in range(n):
        for j in range(n - 1, i - 1, -1):
            q[j] += q[j + 1]
    signs = [c > 0 for c in q if c]
    return any(x != y for x, y in zip(signs, signs[1:]))


def _poly_evaluate(f, t, d, degree):
    """``f(t) * den**degree`` for ``t = pair / den`` (``degree`` at least ``f``'s): a pair."""
    pair, den = t
    # Horner's rule on den * t: the coefficient added at step k carries den**(degree - k).
    value = (0, 0)
    for k in range(degree, -1, -1):
        value = _times(value, pair, d)
        if k < len(f) and f[k]:
            value = (value[0] + f[k] * den ** (degree - k), value[1])
    return value


def _mix_at(h, t, d, degree):
    """The mix ``h(t) / sum(h(t))`` as a player's (pairs, den)."""
    values = [_poly_evaluate(f, t, d, degree) for f in h]
    total = (sum(v[0] for v in values), sum(v[1] for v in values))
    (sp, sq) = total
    if not sq:
        pairs, den = values, sp
        if den < 0:
            pairs, den = [(-p, -q) for p, q in pairs], -den
        return _common((pairs, den))
    norm = sp * sp - sq * sq * d
    pairs = [_times(v, (sp, -sq), d) for v in values]
    if norm < 0:
        pairs, norm = [(-p, -q) for p, q in pairs], -norm
    return _common((pairs, norm))


def _fast_pencil(game, supports, mixing):
    """Three players mix two, ``k`` and ``k`` strategies (``k`` at least 3).

    With ``a`` the unknown of the two-strategy player ``A``, player ``B``'s
    ``k - 1`` equations are linear in ``C``'s mix with coefficients affine in
    ``a``: where that ``(k - 1) x k`` matrix has full rank, ``C``'s mix is its
    kernel, ``hC(a) / sum(hC(a))`` (signed maximal minors, degree ``k - 1``);
    likewise ``B``'s mix ``hB(a) / sum(hB(a))``.  ``A``'s one equation then
    reads ``N(a) = hB(a)' D hC(a) = 0``, of degree ``2 (k - 1)``.  Every
    solution has ``N(a) = 0``; every root with both sums nonzero gives exactly
    one, provided neither kernel matrix drops rank anywhere (the entries of
    ``hB``, and of ``hC``, have no common factor): otherwise, or when ``N``
    vanishes identically, None (the general method decides).

    Returns QuadraticPoints for roots of degree at most 2 and
    ``(SupportSystem, Point)`` pairs for the others.
    """
    a = next(p for p in mixing if len(supports[p]) == 2)
    b, c = [p for p in mixing if p != a]

    def kernel_rows(player, other):
        rows = []
        for s in supports[player][1:]:
            table = _differences(game, supports, player, s, a, other)  # [A's strategy][other's strategy]
            rows.append([_poly_trim([table[0][j], table[1][j] - table[0][j]]) for j in range(len(table[0]))])
        return rows

    h_c = _null_vector(kernel_rows(b, c))  # B's equations fix C's mix
    h_b = _null_vector(kernel_rows(c, b))
    table = _differences(game, supports, a, supports[a][1], b, c)
    n = []
    for i, f in enumerate(h_b):
        for j, g in enumerate(h_c):
            if table[i][j] and f and g:
                n = _poly_add(n, _poly_scale(_poly_mul(f, g), table[i][j]))
    if not n:
        return None
    if _poly_gcd_degree(h_b) != 0 or _poly_gcd_degree(h_c) != 0:
        return None
    if len(n) == 1:
        return []
    # Roots outside [0, 1], and roots where a kernel vector has entries of
    # both signs, are no equilibria: often that disposes of the support.
    signs = [_poly_mul(f, s) for h in (h_b, h_c) for s in (_sum_polys(h),) for f in h]
    if not _may_have_root_in_unit_interval(n) or _unit_roots_excluded(n, signs):
        return []
    uni = _ring(("t",))
    sums = [uni.from_list([QQ(x) for x in reversed(_sum_polys(h))]) for h in (h_b, h_c)]
    points = []
    system = None
    for factor in _irreducible_factors(uni.from_list([QQ(x) for x in reversed(n)])):
        if any(not (s % factor) for s in sums):
            continue  # the kernel vector sums to 0: no mix
        degree = factor.degree()
        if degree <= 2:
            coeffs = [int(x) for x in factor.clear_denoms()[1].to_dense()]
            d, roots = _roots(*([0] * (3 - len(coeffs)) + coeffs))
            if d < 0:
                continue
            for t in roots:
                mixes = {a: _binary_mix(*t), b: _mix_at(h_b, t, d, len(supports[b]) - 1),
                         c: _mix_at(h_c, t, d, len(supports[c]) - 1)}
                points.append(_point(game, supports, d, mixes))
            continue
        if system is None:
            system = SupportSystem(game, supports)
        t = uni.gens[0]
        coords = {a: [t]}
        for player, h, s in ((b, h_b, sums[0]), (c, h_c, sums[1])):
            inverse, _, g = s.gcdex(factor)
            inverse = inverse.quo_ground(g.LC)
            coords[player] = [
                uni.from_list([QQ(x) for x in reversed(f)]) * inverse % factor if f else uni.zero for f in h[1:]
            ]
        ordered = [x for p in range(len(supports)) if p in coords for x in coords[p]]
        for index, interval in enumerate(_isolating_intervals(factor)):
            if interval[1] < 0 or interval[0] > 1:
                continue  # a probability a outside [0, 1]
            points.append((system, Point(system.ring, factor, interval, index, ordered)))
    if len(points) > 1:
        points.sort(key=_last_value)
    return points


def _sum_polys(h):
    total = []
    for f in h:
        total = _poly_add(total, f)
    return total


def _last_value(point) -> float:
    if isinstance(point, QuadraticPoint):
        return _last_key(point)
    try:
        values, _ = point[1].approximate()
    except OverflowError:
        return math.inf
    return float(values[-1])


def _poly_sign_at(f, p: int, q: int = 1) -> int:
    """Exact sign of the integer polynomial ``f`` at ``p / q`` (``q > 0``)."""
    # Horner's rule on q**deg * f(p / q).
    total = 0
    scale = 1
    for c in reversed(f):
        total = total * p + c * scale
        scale *= q
    return (total > 0) - (total < 0)


def _negated_remainder(f, g):
    """A positive multiple of ``-(f mod g)`` (integer polynomials, ``g`` of degree at least 1)."""
    r = list(f)
    lead = g[-1]
    steps = 0
    while len(r) >= len(g) and r:
        factor = r[-1]
        shift = len(r) - len(g)
        r = [lead * c for c in r]
        for k, c in enumerate(g):
            r[shift + k] -= factor * c
        r.pop()
        _poly_trim(r)
        steps += 1
    # r = lead**steps * (f mod g): flip when that factor is negative.
    if lead > 0 or steps % 2 == 0:
        r = [-c for c in r]
    if r:
        content = math.gcd(*r)
        r = [c // content for c in r]
    return r


def _sturm_sequence(f):
    seq = [f, _poly_trim([k * c for k, c in enumerate(f)][1:])]
    while len(seq[-1]) > 1:
        r = _negated_remainder(seq[-2], seq[-1])
        if not r:
            break
        seq.append(r)
    return seq


def _variations(seq, p: int, q: int = 1) -> int:
    """Sign changes of a Sturm sequence at ``p / q``."""
    signs = [s for s in (_poly_sign_at(f, p, q) for f in seq) if s]
    return sum(a != b for a, b in zip(signs, signs[1:]))


def _interval_poly_sign(f, low: int, high: int, q: int) -> int:
    """-1 (1) when the integer polynomial ``f`` is negative (positive) on all of ``[low / q, high / q]``, else 0.

    Horner's rule in interval arithmetic on ``q**deg * f``, for ``0 <= low <= high``.
    """
    a = b = 0
    scale = 1
    for c in reversed(f):
        a, b = (a * low if a >= 0 else a * high) + c * scale, (b * high if b >= 0 else b * low) + c * scale
        scale *= q
    return -1 if b < 0 else (1 if a > 0 else 0)


def _unit_roots_excluded(n, nonnegative) -> bool:
    """True when no root ``a`` of ``n`` in [0, 1] has every polynomial of ``nonnegative`` at least 0 there.

    A proof, in exact arithmetic: float roots of ``n`` suggest small
    intervals; Sturm's theorem shows they hold every root in [0, 1]; on each
    interval holding one, interval arithmetic shows some polynomial of
    ``nonnegative`` negative.  False whenever any step fails (no proof).
    """
    if not n[0] or not sum(n):
        return False  # a root at 0 or 1
    seq = _sturm_sequence(n)
    total = _variations(seq, 0) - _variations(seq, 1)
    if not total:
        return True
    try:
        approximate = np.roots([float(c) for c in reversed(n)])
    except (np.linalg.LinAlgError, ValueError, OverflowError):
        return False
    intervals = []
    for r in sorted(float(r.real) for r in approximate if abs(r.imag) <= 1e-6 and -1e-6 <= r.real <= 1 + 1e-6):
        width = 1e-9
        lo, hi = max(0.0, r - width), min(1.0, r + width)
        if intervals and lo <= intervals[-1][1]:
            intervals[-1][1] = hi  # overlapping: merge
        else:
            intervals.append([lo, hi])
    found = 0
    q = 1 << 64
    for lo, hi in intervals:
        low, high = math.floor(lo * q), math.ceil(hi * q)  # exact: floats in [0, 1] times 2**64
        if not _poly_sign_at(n, low, q) or not _poly_sign_at(n, high, q):
            return False
        count = _variations(seq, low, q) - _variations(seq, high, q)  # roots in (low / q, high / q]
        if not count:
            continue
        found += count
        if not any(_interval_poly_sign(f, low, high, q) < 0 for f in nonnegative):
            return False
    # The intervals are disjoint: all roots in (0, 1] are in them when the counts add up.
    return found == total
