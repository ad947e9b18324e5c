"""Real roots of integer polynomials and quotients modulo them, by FLINT (python-flint).

For the closed forms of :mod:`gametheory_re.solvers.pencil` and
:mod:`gametheory_re.solvers.resultant_triple`: a solution is a root ``t``
of an irreducible integer polynomial ``f`` with coordinates ``g(t) / h(t)``.
:class:`~.real_algebraic.Point` holds coordinates as polynomials of degree
below ``f``'s, so the quotient is taken modulo ``f``.  The inverse of ``h``
modulo ``f`` (SymPy's or FLINT's extended gcd over the rationals) has
coefficients many times longer than the quotient's; :func:`quotients_mod`
solves a linear system with integer entries instead, whose solver is
output-sensitive (a 3x3x3 support: 3.5 ms against 18 ms for the extended
gcd, and 146 ms for the inverse of a product of three).
"""

from __future__ import annotations

import math

import flint
from sympy.polys.domains import QQ

from .groebner import polynomial_ring
from .integer_poly import may_have_root_in_unit_interval
from .real_algebraic import Point

#: Precision of the root balls (and of the screening that uses them): their
#: radius, about ``2**-140``, is below the ``1e-40`` to which
#: :class:`~.real_algebraic.Point` narrows an isolating interval, so it need not.
BALL_BITS = 140


def unit_real_roots(factor: flint.fmpz_poly) -> list[tuple[int, flint.arb]]:
    """``(index, ball)`` of the irreducible ``factor``'s real roots whose ball meets [0, 1].

    FLINT's isolation (``arb_fmpz_poly_complex_roots``) is certified: the
    balls are disjoint and the real roots come first, in increasing order,
    with imaginary part exactly 0, so ``index`` counts the real roots.  A
    linear factor's root is an exact ball.

    Examples
    --------
    >>> [(i, float(b.mid())) for i, b in unit_real_roots(flint.fmpz_poly([-1, 0, 3]))]  # 3 t**2 - 1
    [(1, 0.5773502691896257)]
    """
    if factor.degree() == 1:
        root = flint.fmpq(-int(factor[0]), int(factor[1]))
        return [(0, flint.arb(root))] if 0 <= root <= 1 else []
    if not may_have_root_in_unit_interval([int(x) for x in factor.coeffs()]):
        return []
    with flint.ctx.workprec(BALL_BITS):
        real = [root.real for root, _ in factor.complex_roots() if root.imag == 0]
    return [(index, ball) for index, ball in enumerate(real) if not (ball < 0 or ball > 1)]


def nonnegative_roots(roots, fractions) -> list:
    """The ``roots`` (:func:`unit_real_roots`) at which no ``g / h`` of ``fractions`` is certainly negative.

    Ball arithmetic at each root's ball: a value whose ball holds 0 keeps
    the root (exact checks decide it later), so no root where every
    fraction is at least 0 is dropped.

    Examples
    --------
    >>> f = flint.fmpz_poly([-1, 0, 3])  # root 1/sqrt(3)
    >>> t = flint.fmpz_poly([0, 1])
    >>> [len(nonnegative_roots(unit_real_roots(f), [(t - c, t + 1)])) for c in (0, 1)]
    [1, 0]
    """
    kept = []
    with flint.ctx.workprec(BALL_BITS):
        for index, ball in roots:
            if not any(g(ball) / h(ball) < 0 for g, h in fractions):
                kept.append((index, ball))
    return kept


def determinant(matrix, zero):
    """Determinant of a small square matrix of FLINT polynomials (``fmpz_poly`` or ``fmpz_mpoly``), by Laplace expansion.

    Examples
    --------
    >>> t, one = flint.fmpz_poly([0, 1]), flint.fmpz_poly([1])
    >>> determinant([[t, one], [2 * one, t]], flint.fmpz_poly(0))
    x^2 + (-2)
    """
    if len(matrix) == 1:
        return matrix[0][0]
    total = zero
    for j, entry in enumerate(matrix[0]):
        if not entry.is_zero():
            minor = determinant([row[:j] + row[j + 1:] for row in matrix[1:]], zero)
            total = total + entry * minor if j % 2 == 0 else total - entry * minor
    return total


def signed_minors(rows, zero) -> list:
    """Signed maximal minors of an ``(n - 1) x n`` matrix of FLINT polynomials.

    Where the matrix has rank ``n - 1`` they span its kernel (each row
    times them is a determinant with a repeated row).

    Examples
    --------
    >>> t, one = flint.fmpz_poly([0, 1]), flint.fmpz_poly([1])
    >>> signed_minors([[one, t]], flint.fmpz_poly(0))  # the row (1, t): kernel (t, -1)
    [x, (-1)]
    """
    return [
        determinant([row[:j] + row[j + 1:] for row in rows], zero) * (1 if j % 2 == 0 else -1)
        for j in range(len(rows) + 1)
    ]


def ball_interval(ball: flint.arb) -> tuple:
    """The ends of a ball, exactly, as ``QQ``.

    Examples
    --------
    >>> lo, hi = ball_interval(flint.arb(1, 0.25))  # the radius, stored to 30 bits, is rounded up
    >>> ball_interval(flint.arb(2)), lo <= QQ(3, 4) < QQ(5, 4) <= hi, hi - lo < QQ(1, 2) + QQ(1, 10**8)
    ((2, 2), True, True)
    """
    # Midpoint and radius are exact binary numbers: no rounding at the working precision.
    mid, rad = _to_qq(ball.mid()), _to_qq(ball.rad())
    return mid - rad, mid + rad


def flint_points(ring, factor: flint.fmpz_poly, roots, coords) -> list[Point]:
    """Points of ``ring``'s unknowns ``coords(t)`` (``fmpq_poly``) at the ``roots`` (:func:`unit_real_roots`) of ``factor``.

    Examples
    --------
    >>> f = flint.fmpz_poly([-1, 0, 3])
    >>> (point,) = flint_points(polynomial_ring(("x",)), f, unit_real_roots(f), [flint.fmpq_poly([0, 1])])
    >>> point.expr(point.ring.gens[0])
    sqrt(3)/3
    """
    if factor.degree() == 1:
        root = flint.fmpq(-int(factor[0]), int(factor[1]))
        values = [flint.fmpq_poly(c)(root) for c in coords]
        return [Point.rational(ring, [QQ(int(v.p), int(v.q)) for v in values])]
    minpoly = _sympy_poly(flint.fmpq_poly(factor))
    coords = [_sympy_poly(c) for c in coords]
    return [Point(ring, minpoly, ball_interval(ball), index, coords) for index, ball in roots]


_UNIVARIATE = polynomial_ring(("t",))


def _sympy_poly(h: flint.fmpq_poly):
    return _UNIVARIATE.from_list([QQ(int(x.p), int(x.q)) for x in reversed(h.coeffs())]) if h else _UNIVARIATE.zero


def _to_qq(x: flint.arb):
    """An exact arb (a midpoint or radius) as ``QQ``."""
    mantissa, exponent = (int(v) for v in x.man_exp())
    return QQ(mantissa * 2**exponent) if exponent >= 0 else QQ(mantissa, 2**-exponent)


def quotients_mod(denominator: flint.fmpz_poly, numerators, f: flint.fmpz_poly) -> list:
    """``g / denominator`` modulo the irreducible ``f``, for each ``g``: ``fmpq_poly`` of degree below ``f``'s.

    ``X denominator + Y f = g`` with ``deg X < deg f`` and ``deg Y <
    deg denominator`` is a square linear system in the coefficients of ``X``
    and ``Y``, the integers of the polynomials its entries (a Sylvester
    matrix), nonsingular as ``denominator`` is not 0 modulo ``f``.

    Examples
    --------
    >>> f = flint.fmpz_poly([-2, 0, 1])  # t**2 = 2
    >>> [str(q) for q in quotients_mod(flint.fmpz_poly([1, 1]), [flint.fmpz_poly([1])], f)]  # 1 / (1 + sqrt 2)
    ['x + (-1)']
    """
    d, s = f.degree(), denominator.degree()
    fq = flint.fmpq_poly(f)
    if s <= 0:
        return [(flint.fmpq_poly(g) % fq) / int(denominator[0]) for g in numerators]
    n = d + s
    reduced = [flint.fmpq_poly(g) % fq if g.degree() >= n else flint.fmpq_poly(g) for g in numerators]
    scale = 1
    for g in reduced:
        scale = scale * int(g.denom()) // math.gcd(scale, int(g.denom()))
    rows = [[0] * n for _ in range(n)]
    for j in range(d):  # X_j t**j denominator
        for i, coeff in enumerate(denominator.coeffs()):
            rows[i + j][j] = int(coeff)
    for j in range(s):  # Y_j t**j f
        for i, coeff in enumerate(f.coeffs()):
            rows[i + j][d + j] = int(coeff)
    rhs = [[0] * len(reduced) for _ in range(n)]
    for col, g in enumerate(reduced):
        for i, coeff in enumerate((g * scale).coeffs()):
            rhs[i][col] = int(coeff)
    x = flint.fmpz_mat(rows).solve(flint.fmpz_mat(rhs))
    return [flint.fmpq_poly([x[i, col] for i in range(d)]) / scale for col in range(len(reduced))]
