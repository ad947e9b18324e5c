"""Dense integer polynomials in one unknown: arithmetic, Sturm sequences, roots in [0, 1].

A polynomial is a list of Python integers, lowest degree first, with no
trailing zeros (``[]`` is 0).  Everything is exact: signs at rationals
``p / q`` and over intervals are taken on ``q**deg * f`` in integers.
"""

from __future__ import annotations

import math

import numpy as np


def poly_trim(f):
    """Drop trailing zero coefficients, in place; returns ``f``.

    Examples
    --------
    >>> poly_trim([1, 2, 0, 0])
    [1, 2]
    """
    while f and not f[-1]:
        f.pop()
    return f


def poly_add(f, g):
    """``f + g``.

    Examples
    --------
    >>> poly_add([1, 2], [-1, -2, 3])  # (1 + 2t) + (-1 - 2t + 3t^2)
    [0, 0, 3]
    """
    out = [0] * max(len(f), len(g))
    for k, c in enumerate(f):
        out[k] += c
    for k, c in enumerate(g):
        out[k] += c
    return poly_trim(out)


def poly_mul(f, g):
    """``f * g``.

    Examples
    --------
    >>> poly_mul([1, 1], [-1, 1])  # (1 + t)(t - 1)
    [-1, 0, 1]
    """
    if not f or not g:
        return []
    out = [0] * (len(f) + len(g) - 1)
    for i, a in enumerate(f):
        if a:
            for j, b in enumerate(g):
                out[i + j] += a * b
    return poly_trim(out)


def poly_scale(f, c):
    """``c * f`` for an integer ``c``.

    Examples
    --------
    >>> poly_scale([1, -2], 3), poly_scale([1, -2], 0)
    ([3, -6], [])
    """
    return poly_trim([c * x for x in f]) if c else []


def poly_sum(polys):
    """The sum of a sequence of polynomials.

    Examples
    --------
    >>> poly_sum([[1], [0, 1], [0, 0, 1]])
    [1, 1, 1]
    """
    total = []
    for f in polys:
        total = poly_add(total, f)
    return total


def poly_determinant(matrix):
    """Determinant of a square matrix of polynomials (Laplace expansion: small sizes only).

    Examples
    --------
    >>> poly_determinant([[[0, 1], [1]], [[1], [0, 1]]])  # t * t - 1
    [-1, 0, 1]
    """
    n = len(matrix)
    if n == 1:
        return list(matrix[0][0])
    total = []
    for j in range(n):
        if not matrix[0][j]:
            continue
        minor = [row[:j] + row[j + 1:] for row in matrix[1:]]
        term = poly_mul(matrix[0][j], poly_determinant(minor))
        total = poly_add(total, term if j % 2 == 0 else poly_scale(term, -1))
    return total


def signed_minors(rows):
    """Signed maximal minors of a ``(k - 1) x k`` polynomial matrix.

    Where the matrix has rank ``k - 1`` they span its kernel.

    Examples
    --------
    >>> signed_minors([[[1], [0, 1]]])  # the row (1, t): kernel (t, -1)
    [[0, 1], [-1]]
    """
    k = len(rows) + 1
    out = []
    for j in range(k):
        minor = [row[:j] + row[j + 1:] for row in rows]
        det = poly_determinant(minor)
        out.append(det if j % 2 == 0 else poly_scale(det, -1))
    return out


def negated_remainder(f, g):
    """A positive multiple of ``-(f mod g)`` (``g`` of degree at least 1).

    Examples
    --------
    >>> negated_remainder([-2, 0, 1], [0, 1])  # -(t^2 - 2 mod t) = 2
    [1]
    """
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
        poly_trim(r)
        steps += 1
    # r = lead**steps * (f mod g): flip when that factor is negative.
    if lead > 0 or steps % 2 == 0:
        r = [-c for c in r]
    if r:
        content = math.gcd(*r)
        r = [c // content for c in r]
    return r


def poly_gcd_degree(polys) -> int:
    """Degree of the gcd over the rationals of integer polynomials (-1 when all are 0).

    Examples
    --------
    >>> poly_gcd_degree([[-1, 0, 1], [1, 1]])  # t^2 - 1 and t + 1
    1
    """
    g = []
    for f in polys:
        a, b = (f, g) if len(f) >= len(g) else (g, f)
        while b:
            a, b = b, negated_remainder(a, b)
        g = a
    return len(g) - 1


def may_have_root_in_unit_interval(f) -> bool:
    """False only when ``f`` (not 0) has no root in [0, 1] (Descartes' rule of signs).

    Examples
    --------
    >>> may_have_root_in_unit_interval([-3, 2]), may_have_root_in_unit_interval([-1, 2])
    (False, True)
    """
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


def poly_sign_at(f, p: int, q: int = 1) -> int:
    """Exact sign of ``f`` at ``p / q`` (``q > 0``).

    Examples
    --------
    >>> poly_sign_at([-2, 0, 1], 3, 2), poly_sign_at([-2, 0, 1], 1)  # t^2 - 2 at 3/2 and 1
    (1, -1)
    """
    # Horner's rule on q**deg * f(p / q).
    total = 0
    scale = 1
    for c in reversed(f):
        total = total * p + c * scale
        scale *= q
    return (total > 0) - (total < 0)


def sturm_sequence(f):
    """The Sturm sequence of ``f`` (up to positive factors).

    Examples
    --------
    >>> sturm_sequence([-2, 0, 1])
    [[-2, 0, 1], [0, 2], [1]]
    """
    seq = [f, poly_trim([k * c for k, c in enumerate(f)][1:])]
    while len(seq[-1]) > 1:
        r = negated_remainder(seq[-2], seq[-1])
        if not r:
            break
        seq.append(r)
    return seq


def sign_variations(seq, p: int, q: int = 1) -> int:
    """Sign changes of a Sturm sequence at ``p / q``.

    Examples
    --------
    >>> seq = sturm_sequence([2, -9, 9])  # roots 1/3 and 2/3
    >>> sign_variations(seq, 0) - sign_variations(seq, 1)
    2
    """
    signs = [s for s in (poly_sign_at(f, p, q) for f in seq) if s]
    return sum(a != b for a, b in zip(signs, signs[1:]))


def interval_poly_sign(f, low: int, high: int, q: int) -> int:
    """-1 (1) when ``f`` is negative (positive) on all of ``[low / q, high / q]``, else 0.

    Horner's rule in interval arithmetic on ``q**deg * f``, for ``0 <= low <= high``.

    Examples
    --------
    >>> interval_poly_sign([-2, 0, 1], 3, 4, 2), interval_poly_sign([-2, 0, 1], 2, 3, 2)  # t^2 - 2 on [3/2, 2], [1, 3/2]
    (1, 0)
    """
    a = b = 0
    scale = 1
    for c in reversed(f):
        a, b = (a * low if a >= 0 else a * high) + c * scale, (b * high if b >= 0 else b * low) + c * scale
        scale *= q
    return -1 if b < 0 else (1 if a > 0 else 0)


def unit_roots_excluded(n, nonnegative) -> bool:
    """True when no root ``a`` of ``n`` in [0, 1] has every polynomial of ``nonnegative`` at least 0 there.

    A proof, in exact arithmetic: float roots of ``n`` suggest small
    intervals; Sturm's theorem shows they hold every root in [0, 1]; on each
    interval holding one, interval arithmetic shows some polynomial of
    ``nonnegative`` negative.  False whenever any step fails (no proof).

    Examples
    --------
    >>> unit_roots_excluded([2, -9, 9], [[-1, 2], [1, -2]])  # roots 1/3, 2/3; 2a - 1 < 0 at one, > 0 at the other
    True
    """
    if not n[0] or not sum(n):
        return False  # a root at 0 or 1
    seq = sturm_sequence(n)
    total = sign_variations(seq, 0) - sign_variations(seq, 1)
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
        if not poly_sign_at(n, low, q) or not poly_sign_at(n, high, q):
            return False
        count = sign_variations(seq, low, q) - sign_variations(seq, high, q)  # roots in (low / q, high / q]
        if not count:
            continue
        found += count
        if not any(interval_poly_sign(f, low, high, q) < 0 for f in nonnegative):
            return False
    # The intervals are disjoint: all roots in (0, 1] are in them when the counts add up.
    return found == total
