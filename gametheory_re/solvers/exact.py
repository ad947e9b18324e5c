"""Exact solutions of the indifference equations of a support profile.

A support profile ``S = (S_1, ..., S_n)`` says which strategies each player
uses.  Every strategy in ``S_i`` must earn player ``i`` the same payoff against
the others' mixes.  The unknowns are the probabilities ``sigma_i(s)`` of
``s`` in ``S_i`` other than the first, whose probability is one minus the
rest; the equations are ``u_i(s, sigma_-i) - u_i(S_i[0], sigma_-i) = 0``.  The
system is square and multilinear: player ``i``'s payoff is linear in each
other player's mix and does not involve its own.

This module builds that system over the rationals (each player's payoffs
scaled to integers) and solves it exactly:

* linear systems (at most two players mix) by Gaussian elimination;
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
                fractions.append(Fraction(int(value)) if value.is_integer() else Fraction(repr(value)))
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
            return rational + linear * sympy_rational(sign / (2 * a)) * self._sqrt[0] * self._sqrt[1]
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
            roots = np.roots([float(c) for c in mp])
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


_SMALL_PRIMES = [p for p in range(2, 10**4) if all(p % q for q in range(2, math.isqrt(p) + 1))]


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
    pivots = []
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
    for p, support in enumerate(system.supports):
        axes = [list(s) for s in system.supports]
        axes[p] = list(range(system.shape[p]))
        table = np.moveaxis(system.game.integer[p][np.ix_(*axes)], p, 0).reshape(system.shape[p], -1)
        for s in support:
            gaps = table - table[s]
            if np.any(np.all(gaps >= 0, axis=1) & np.any(gaps > 0, axis=1)):
                return True
    return False


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
