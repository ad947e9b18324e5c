"""Numbers of a quadratic field, ``(p + q sqrt(d)) / den``, in Python integers.

A number is held as a pair ``(p, q)`` of integers, meaning ``p + q sqrt(d)``
for one ``d`` shared by a whole computation (0 for rationals, otherwise an
integer that is not a square), often over a positive integer denominator.
Signs are decided exactly and floats correctly rounded, without sympy.
:func:`square_root` and :func:`plus_radical` write such numbers as sympy
expressions.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy

_SMALL_PRIMES = [p for p in range(2, 10**4) if all(p % q for q in range(2, math.isqrt(p) + 1))]

#: Radicands at least this large are combined with their coefficients unevaluated:
#: evaluating makes sympy factor them, which for a 100-digit radicand takes minutes.
_LARGE_RADICAND = 10**30


def quadratic_sign(p: int, q: int, d: int) -> int:
    """Sign of ``p + q sqrt(d)`` (``d`` not a square when ``q``, or 0).

    Examples
    --------
    >>> quadratic_sign(99, -70, 2), quadratic_sign(-99, 70, 2)  # 99^2 - 2 * 70^2 = 1
    (1, -1)
    """
    if not q or not d:
        return (p > 0) - (p < 0)
    if not p or (p > 0) == (q > 0):
        return 1 if q > 0 else -1
    # Opposite signs: the larger in magnitude wins (never equal, d not a square).
    if p * p > q * q * d:
        return 1 if p > 0 else -1
    return 1 if q > 0 else -1


def quadratic_float(p: int, q: int, d: int, den: int) -> float:
    """``(p + q sqrt(d)) / den`` correctly rounded (``den > 0``).

    Examples
    --------
    >>> quadratic_float(1, 1, 2, 2)
    1.2071067811865475
    """
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


def quadratic_product(x, y, d):
    """Product of ``x[0] + x[1] sqrt(d)`` and ``y[0] + y[1] sqrt(d)``.

    Examples
    --------
    >>> quadratic_product((1, 1), (1, -1), 2)  # (1 + sqrt 2)(1 - sqrt 2)
    (-1, 0)
    """
    return x[0] * y[0] + x[1] * y[1] * d, x[0] * y[1] + x[1] * y[0]


def negated(x):
    """``-x`` of a pair.

    Examples
    --------
    >>> negated((1, -2))
    (-1, 2)
    """
    return -x[0], -x[1]


def difference(x, y):
    """``x - y`` of pairs.

    Examples
    --------
    >>> difference((1, 2), (3, 1))
    (-2, 1)
    """
    return x[0] - y[0], x[1] - y[1]


def quadratic_quotient(numerator, denominator, d):
    """``numerator / denominator`` (pairs, the latter nonzero) as ``(pair, positive int)``.

    Examples
    --------
    >>> quadratic_quotient((1, 0), (1, 1), 2)  # 1 / (1 + sqrt 2) = (sqrt 2 - 1) / 1
    ((-1, 1), 1)
    """
    bp, bq = denominator
    if not bq:
        if bp < 0:
            return (-numerator[0], -numerator[1]), -bp
        return numerator, bp
    norm = bp * bp - bq * bq * d
    p, q = quadratic_product(numerator, (bp, -bq), d)
    if norm < 0:
        p, q, norm = -p, -q, -norm
    return (p, q), norm


def lowest_terms(pairs, den):
    """Pairs over one denominator, reduced by the gcd of all their integers: ``(pairs, den)``.

    Examples
    --------
    >>> lowest_terms([(2, 4), (6, 0)], 8)
    ([(1, 2), (3, 0)], 4)
    """
    g = den
    for p, q in pairs:
        g = math.gcd(g, p, q)
    if g > 1:
        pairs = [(p // g, q // g) for p, q in pairs]
        den //= g
    return pairs, den


def integer_quadratic_roots(c2, c1, c0):
    """Real roots of ``c2 t^2 + c1 t + c0`` (integers, not all 0), increasing.

    Returns ``(d, roots)``: ``d`` 0 and the roots as ``(pair, den)`` when
    rational; otherwise ``d`` the discriminant (not a square, maybe negative)
    and the two roots ``(-c1 -+ sqrt(d)) / (2 c2)`` with ``c2 > 0``.

    Examples
    --------
    >>> integer_quadratic_roots(1, 0, -2)
    (8, [((0, -1), 2), ((0, 1), 2)])
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


def linear_at(coeffs, t, d):
    """``c1 t + c0`` at ``t = pair / den``, times ``den``: a pair.

    Examples
    --------
    >>> linear_at((2, 1), ((1, 1), 2), 2)  # (2t + 1) * 2 at t = (1 + sqrt 2) / 2
    (4, 2)
    """
    c1, c0 = coeffs
    (p, q), den = t
    return c1 * p + c0 * den, c1 * q


def poly_at(f, t, d, degree):
    """``f(t) * den**degree`` for an integer polynomial ``f`` (lowest degree first) at ``t = pair / den``.

    ``degree`` is at least ``f``'s; the result is a pair.

    Examples
    --------
    >>> poly_at([-2, 0, 1], ((0, 1), 1), 2, 2)  # t^2 - 2 at sqrt 2
    (0, 0)
    """
    pair, den = t
    # Horner's rule on den * t: the coefficient added at step k carries den**(degree - k).
    value = (0, 0)
    for k in range(degree, -1, -1):
        value = quadratic_product(value, pair, d)
        if k < len(f) and f[k]:
            value = (value[0] + f[k] * den ** (degree - k), value[1])
    return value


def square_root(d):
    """``sqrt(d)`` of a positive rational as ``(k, sqrt(m))``: ``k`` rational, ``m`` an integer.

    Square factors below 10**4 are taken out by trial division, which is far
    cheaper than ``sympy.sqrt``'s full factorisation; a larger square factor
    left in ``m`` keeps the value exact, only less tidy.

    Examples
    --------
    >>> square_root(Fraction(8, 9))
    (2/3, sqrt(2))
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


def plus_radical(rational, coefficient, radical):
    """``rational + coefficient * radical``, the square root in :func:`square_root`'s form.

    Examples
    --------
    >>> plus_radical(sympy.Rational(1, 2), 3, sympy.sqrt(2))
    1/2 + 3*sqrt(2)
    """
    if not isinstance(radical, sympy.Pow) or radical.base < _LARGE_RADICAND:
        return rational + coefficient * radical
    term = radical if coefficient == 1 else sympy.Mul(coefficient, radical, evaluate=False)
    return term if rational == 0 else sympy.Add(rational, term, evaluate=False)
