"""Real algebraic points: exact real solutions of polynomial systems over the rationals.

A :class:`Point` is a root ``alpha`` of an irreducible univariate polynomial,
isolated by an interval with rational ends, and one polynomial in ``alpha``
per unknown.  The sign of any polynomial in the unknowns at such a point is
decided exactly: zero when the minimal polynomial divides it, otherwise by
interval arithmetic on an interval refined until the sign is clear.  Exact
values are rationals, ``a + b*sqrt(d)`` for roots of quadratics, and
otherwise a ``CRootOf`` of the value's own minimal polynomial.
"""

from __future__ import annotations

import math

import flint
import numpy as np
import sympy
from sympy.polys.domains import QQ
from sympy.polys.rootisolation import dup_isolate_real_roots_sqf

from .quadratic import plus_radical, square_root

_T = sympy.Symbol("x")


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

    Examples
    --------
    >>> from gametheory_re.algebra.groebner import polynomial_ring
    >>> t = polynomial_ring(("t",)).gens[0]
    >>> ring = polynomial_ring(("x",))
    >>> x = ring.gens[0]
    >>> root2 = Point(ring, t**2 - 2, (QQ(1), QQ(2)), 1, [t])
    >>> root2.expr(x), root2.sign(x * x - 2), root2.sign(x - QQ(7, 5))
    (sqrt(2), 0, 1)
    """

    def __init__(self, ring, minpoly, interval, index, coords):
        self.ring = ring
        self.minpoly = minpoly
        self.lo, self.hi = interval
        self.index = index
        self.coords = coords
        self.values = None
        self._sqrt = None
        self._reduced = {}  # poly -> its reduction: the same probabilities and gains are asked for again and again
        self._flint = None
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
        enclosures = [self._enclosure(coord) for coord in self.coords]
        return np.array([v for v, _ in enclosures]), np.array([e for _, e in enclosures])

    def _enclosure(self, h) -> tuple[float, float]:
        """``h(alpha)`` for a polynomial ``h`` in the root, in floats, and a bound on its error.

        Horner's rule at the float nearest the middle of the root's interval.
        The bound adds the rounding of the coefficients, of that middle and of
        each step (each at most ``len * eps`` times the sum of the terms'
        magnitudes, bounded together by ``4 len * 2.3e-16`` times it) and the
        interval's half-width times a bound on the slope.  ``OverflowError``
        when a coefficient is beyond the float range.
        """
        alpha = float((self.lo + self.hi) / 2)
        reach = float(max(abs(self.lo), abs(self.hi)))
        half_width = float(self.hi - self.lo) / 2
        coeffs = [int(c.numerator) / int(c.denominator) for c in h.to_dense()] or [0.0]
        value = magnitude = slope = 0.0
        for c in coeffs:
            slope = slope * reach + magnitude
            value = value * alpha + c
            magnitude = magnitude * reach + abs(c)
        return value, 4 * len(coeffs) * 2.3e-16 * magnitude + slope * half_width * (1 + 1e-12)

    def _rational_value(self, poly):
        total = QQ(0)
        for monom, coeff in poly.items():
            for k, e in enumerate(monom):
                if e:
                    coeff = coeff * self.values[k] ** e
            total += coeff
        return total

    def reduce(self, poly):
        """A polynomial in the unknowns, as a polynomial in the root (reduced).

        The products are taken in FLINT's univariate polynomials over the
        rationals: a deviation gain of a five-player game has up to 16
        terms, each a product of four coordinates reduced modulo the minimal
        polynomial, which in SymPy's ring took milliseconds per gain.
        """
        reduced = self._reduced.get(poly)
        if reduced is not None:
            return reduced
        minpoly, coords = self._flint_parts()
        total = flint.fmpq_poly(0)
        for monom, coeff in poly.terms():
            term = flint.fmpq_poly([_to_fmpq(coeff)])
            for k, e in enumerate(monom):
                for _ in range(e):
                    term = term * coords[k]
                    if term.degree() >= minpoly.degree():
                        term = term % minpoly
            total += term
        if total.degree() >= minpoly.degree():
            total = total % minpoly
        uni = self.minpoly.ring
        reduced = uni.from_list([QQ(int(c.p), int(c.q)) for c in reversed(total.coeffs())]) if total else uni.zero
        self._reduced[poly] = reduced
        return reduced

    def _flint_parts(self):
        """The minimal polynomial and the coordinates as ``flint.fmpq_poly``, built once."""
        if self._flint is None:
            def convert(h):
                return flint.fmpq_poly([_to_fmpq(c) for c in reversed(h.to_dense())]) if h else flint.fmpq_poly(0)
            self._flint = convert(self.minpoly), [convert(c) for c in self.coords]
        return self._flint

    def sign(self, poly) -> int:
        """Exact sign (-1, 0 or 1) of a polynomial in the unknowns at this point."""
        if self.values is not None:
            v = self._rational_value(poly)
            return (v > 0) - (v < 0)
        h = self.reduce(poly)
        if not h:
            return 0
        try:
            # Floats with a rigorous error bound settle most signs; only values
            # within it of zero need the exact interval arithmetic.
            value, error = self._enclosure(h)
            if math.isfinite(value) and math.isfinite(error) and abs(value) > 2 * error:
                return 1 if value > 0 else -1
        except OverflowError:
            pass
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
        # FLINT's ball arithmetic first: Horner's rule over rationals of a
        # hundred digits took a quarter of a millisecond per value, and the
        # values of every coordinate of every solution are asked for.
        with flint.ctx.workprec(_BALL_BITS):
            x = flint.arb(_to_fmpq((self.lo + self.hi) / 2), _to_fmpq((self.hi - self.lo) / 2))
            y = flint.arb(0)
            for c in h.to_dense():
                y = y * x + _to_fmpq(c)
            mid, radius = y.mid(), y.rad()
            if radius <= abs(mid) * 1e-17 or radius <= 1e-40:
                mid = _arb_midpoint(y)  # exact, so that the division below rounds once
                return int(mid.p) / int(mid.q)
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
                self._sqrt = square_root(b * b - 4 * a * c)
            # The roots are -b/(2a) -+ sqrt(D)/(2a); index 0 is the smaller (a > 0).
            sign = 1 if self.index else -1
            rational = constant - linear * sympy_rational(b / (2 * a))
            return plus_radical(rational, linear * sympy_rational(sign / (2 * a)) * self._sqrt[0], self._sqrt[1])
        if len(coeffs) == 1:
            return constant
        return self._root_of(h)

    def _root_of(self, h) -> sympy.Expr:
        """``h(alpha)`` as a ``CRootOf`` of its own minimal polynomial.

        Multiplication by ``h`` on ``Q[t]/(minpoly)`` has characteristic
        polynomial ``m**k`` with ``m`` the minimal polynomial of
        ``h(alpha)``; ``h(alpha)`` is told apart from the other real roots of
        ``m`` (FLINT's certified, disjoint root balls, real ones first in
        increasing order) by interval arithmetic.  All in FLINT: SymPy's
        characteristic polynomial, factorisation and root isolation took
        17 ms per coordinate of a 2^5 game's equilibria, a dozen times the
        float solve of the whole game.
        """
        minpoly, _ = self._flint_parts()
        d = minpoly.degree()
        t = flint.fmpq_poly([0, 1])
        entries = [[flint.fmpq(0)] * d for _ in range(d)]
        column = flint.fmpq_poly([_to_fmpq(c) for c in reversed(h.to_dense())]) % minpoly
        for k in range(d):
            for power, c in enumerate(column.coeffs()):
                entries[power][k] = c
            column = column * t % minpoly
        charpoly = flint.fmpq_mat(d, d, [e for row in entries for e in row]).charpoly()
        ((minimal, _),) = charpoly.factor()[1]  # charpoly = m**k, m irreducible
        coeffs = [int(c) for c in minimal.numer().coeffs()]  # lowest degree first
        if len(coeffs) == 2:
            return sympy_rational(QQ(-coeffs[0], coeffs[1]))
        with flint.ctx.workprec(_BALL_BITS):
            real = [root.real for root, _ in flint.fmpz_poly(coeffs).complex_roots() if root.imag == 0]
            while True:
                lo, hi = (flint.arb(_to_fmpq(v)) for v in _interval_value(h, self.lo, self.hi))
                inside = [k for k, ball in enumerate(real) if not (ball < lo or ball > hi)]
                if len(inside) == 1:
                    break
                self._refine()
        return sympy.CRootOf(sympy.Poly(list(reversed(coeffs)), _T), inside[0])

    def _narrow(self):
        """Shrink the isolating interval to width about ``1e-40`` quickly.

        A root found fast (:func:`_newton_root`: Newton's method in exact
        rationals from numpy's float root, 0.17 ms for the quartics met
        here), or else FLINT's ball arithmetic (:func:`_ball_root`, 0.4 ms),
        gives the middle of the new interval, certified: it is taken only
        when it lies inside the old one (which holds this root alone) and
        ``minpoly`` changes sign, exactly, across it.  (Bisection in
        :meth:`_refine` remains the fallback.)
        """
        coeffs = self.minpoly.to_dense()
        if len(coeffs) == 3:
            self.lo, self.hi = _quadratic_root_interval(*coeffs, self.index)
            return
        if self.hi - self.lo <= QQ(1, 10**40) * max(1, abs(self.lo), abs(self.hi)):
            return  # narrow enough already (FLINT's root balls, :mod:`.flint_roots`)
        minpoly, _ = self._flint_parts()
        lo_f, hi_f = _to_fmpq(self.lo), _to_fmpq(self.hi)
        for find in (_newton_root, _ball_root):
            mid = find(minpoly, lo_f, hi_f)
            if mid is None:
                continue
            width = flint.fmpq(1, 10**40) * max(1, abs(mid))
            lo, hi = mid - width, mid + width
            if lo_f <= lo < hi <= hi_f and (minpoly(lo) > 0) != (minpoly(hi) > 0):
                self.lo, self.hi = QQ(int(lo.p), int(lo.q)), QQ(int(hi.p), int(hi.q))
                return

    def _refine(self):
        mid = (self.lo + self.hi) / 2
        at_mid = self.minpoly(mid)
        if not at_mid:
            self.lo = self.hi = mid
        elif (at_mid > 0) == (self.minpoly(self.lo) > 0):
            self.lo = mid
        else:
            self.hi = mid


#: Working precision of :meth:`Point.value`'s ball arithmetic: the
#: isolating intervals are about ``1e-40`` (133 bits) wide.
_BALL_BITS = 192


def sympy_rational(q) -> sympy.Rational:
    """A ``QQ`` element as a sympy ``Rational``.

    Examples
    --------
    >>> sympy_rational(QQ(3, 4))
    3/4
    """
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


def _to_fmpq(q) -> flint.fmpq:
    """A ``QQ`` element (FLINT's or SymPy's own rational, by the ground types) as ``flint.fmpq``."""
    if type(q) is flint.fmpq:
        return q  # FLINT's ground types: nothing to convert (converting took 5 us per coefficient)
    return flint.fmpq(int(q.numerator), int(q.denominator))


#: :func:`_newton_root` rounds its iterates to multiples of ``2**-300``.
_NEWTON_GRID = flint.fmpz(2) ** 300


def _newton_root(minpoly: flint.fmpq_poly, lo: flint.fmpq, hi: flint.fmpq) -> flint.fmpq | None:
    """The root of ``minpoly`` in ``[lo, hi]`` to about 200 bits, uncertified; None when no float root lies there alone.

    Three Newton steps in exact rationals from numpy's float root, each
    rounded to :data:`_NEWTON_GRID` (the digits would double with each).
    """
    try:
        roots = np.roots([float(c) for c in reversed(minpoly.coeffs())])
    except (OverflowError, np.linalg.LinAlgError):
        return None
    below, above = float(lo), float(hi)
    candidates = [r.real for r in roots if abs(r.imag) <= 1e-6 * max(1.0, abs(r)) and below - 1e-9 <= r.real <= above + 1e-9]
    if len(candidates) != 1 or not math.isfinite(candidates[0]):
        return None
    x = flint.fmpq(*candidates[0].as_integer_ratio())
    slope = minpoly.derivative()
    for _ in range(3):
        d = slope(x)
        if not d:
            return None
        x = flint.fmpq(((x - minpoly(x) / d) * _NEWTON_GRID).floor(), _NEWTON_GRID)
    return x


def _ball_root(minpoly: flint.fmpq_poly, lo: flint.fmpq, hi: flint.fmpq) -> flint.fmpq | None:
    """The root of ``minpoly`` in ``[lo, hi]`` to about 200 bits, uncertified, by FLINT's enclosure of every complex root; None when not one lies there."""
    with flint.ctx.workprec(200):
        real = [_arb_midpoint(root.real) for root, _ in minpoly.complex_roots() if root.imag.contains(0)]
    inside = [x for x in real if lo <= x <= hi]
    return inside[0] if len(inside) == 1 else None


def _arb_midpoint(x) -> flint.fmpq:
    """The midpoint of an arb ball (a binary fraction) as an exact ``flint.fmpq``."""
    mantissa, exponent = x.mid().man_exp()
    mantissa, exponent = int(mantissa), int(exponent)
    return flint.fmpq(mantissa * 2**exponent) if exponent >= 0 else flint.fmpq(mantissa, 2**-exponent)


def _interval_value(h, lo, hi):
    """Enclosure of ``h(x)`` for ``x`` in ``[lo, hi]`` (Horner in interval arithmetic)."""
    a = b = QQ(0)
    for c in h.to_dense():
        products = (a * lo, a * hi, b * lo, b * hi)
        a, b = min(products) + c, max(products) + c
    return a, b


def real_points(ring, f, coords):
    """The points ``coords(t)`` for each real root ``t`` of the univariate ``f``.

    Roots of irreducible factors of degree 1 and 2 are found directly;
    higher degrees go through sympy's factorisation over the rationals.

    Examples
    --------
    >>> from gametheory_re.algebra.groebner import polynomial_ring
    >>> t = polynomial_ring(("t",)).gens[0]
    >>> ring = polynomial_ring(("x", "y"))
    >>> [p.expr(ring.gens[1]) for p in real_points(ring, t**2 - 2, [t, t + 1])]  # (x, y) = (t, t + 1), t^2 = 2
    [1 - sqrt(2), 1 + sqrt(2)]
    """
    points = []
    for factor in irreducible_factors(f):
        if factor.degree() == 1:
            root = linear_root(factor)
            points.append(Point.rational(ring, [c(root) for c in coords]))
            continue
        reduced = [c % factor for c in coords]
        for index, interval in enumerate(isolating_intervals(factor)):
            points.append(Point(ring, factor, interval, index, reduced))
    return points


def irreducible_factors(f):
    """Distinct irreducible factors over QQ with a positive leading coefficient.

    Examples
    --------
    >>> from gametheory_re.algebra.groebner import polynomial_ring
    >>> t = polynomial_ring(("t",)).gens[0]
    >>> irreducible_factors((t**2 - 2) * (2 * t - 1) ** 2)
    [2*t - 1, t**2 - 2]
    """
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


def isolating_intervals(p):
    """Disjoint rational intervals, increasing, each holding one real root of the irreducible ``p``.

    Examples
    --------
    >>> from gametheory_re.algebra.groebner import polynomial_ring
    >>> t = polynomial_ring(("t",)).gens[0]
    >>> [(str(a), str(b)) for a, b in isolating_intervals(t**3 - 2)]
    [('1', '2')]
    """
    if p.degree() == 2:
        c, b, a = (p.coeff(p.ring.gens[0] ** k) for k in range(3))
        if b * b - 4 * a * c <= 0:
            return []
        # The two roots lie either side of -b/(2a), within the Cauchy bound.
        centre = -b / (2 * a)
        bound = 1 + max(abs(b / a), abs(c / a))
        return [(centre - 2 * bound, centre), (centre, centre + 2 * bound)]
    return [(QQ(lo), QQ(hi)) for lo, hi in dup_isolate_real_roots_sqf(p.to_dense(), QQ)]


def linear_root(f):
    """The root of a polynomial of degree 1.

    Examples
    --------
    >>> from gametheory_re.algebra.groebner import polynomial_ring
    >>> t = polynomial_ring(("t",)).gens[0]
    >>> str(linear_root(3 * t - 1))
    '1/3'
    """
    return -f.coeff(1) / f.LC
