"""The real solutions of small support systems in closed form, in integer arithmetic.

Most support profiles of small games are solved without building any sympy
object: where at most two players mix (linear equations), where three
players mix two strategies each (one quadratic), and where three players mix
two, two and three strategies (one quadratic, then a 2x2 linear system).
Every coordinate of a solution then lies in Q(sqrt(D)) for one integer D,
and is held as (P + Q sqrt(D)) / den with integers P, Q and den > 0 and a
common denominator per player (a :class:`~.solutions.QuadraticPoint`), so
exact signs and float values need only Python integers.  Where three players
mix two, k and k strategies, one univariate polynomial carries the
solutions (:mod:`.pencil`); where they mix ``k``, ``k`` and three, one
resultant (:mod:`.resultant_triple`); where they mix two, ``k`` and ``k + 1``,
one determinant (:mod:`.determinant_pencil`).  Whenever such a system is degenerate
(infinitely many solutions, or a case the closed form does not cover),
:func:`fast_solutions` returns None and the general method
(:class:`~.support_system.SupportSystem`, :func:`~.support_system.solve_system`)
decides.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..algebra.linear import row_reduce
from ..algebra.quadratic import (
    difference,
    integer_quadratic_roots,
    linear_at,
    negated,
    quadratic_product,
    quadratic_quotient,
)
from .determinant_pencil import covers as determinant_covers
from .determinant_pencil import determinant_solutions
from .exact_payoffs import ExactPayoffs
from .pencil import PENCIL_MAX_STRATEGIES, pencil_solutions
from .resultant_triple import covers as resultant_covers
from .resultant_triple import resultant_solutions
from .solutions import QuadraticPoint, binary_mix
from .support_system import gain_table


def fast_solutions(game: ExactPayoffs, supports) -> list | None:
    """The real solutions of a support system in closed form, or None when that does not apply.

    Covers supports where at most two players mix (linear), where three
    players mix two strategies each (a quadratic),
    where three players mix two, two and three strategies (a quadratic,
    then a linear system), where three players mix two, ``k`` and ``k``
    (one univariate polynomial of degree ``2 (k - 1)``, :mod:`.pencil`), and
    where they mix ``k``, ``k`` and three (a resultant, :mod:`.resultant_triple`),
    and where they mix two, ``k`` and ``k + 1`` (a determinant,
    :mod:`.determinant_pencil`).  None means: use
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
        AlgebraicSolution objects for coordinates of degree above 2.
        Solutions with some probability outside [0, 1] may be left out.
    """
    sizes = [len(s) for s in supports]
    if not closed_form_covers(sizes):
        return None
    mixing = [p for p, k in enumerate(sizes) if k > 1]
    if len(mixing) <= 2:
        return _fast_linear(game, supports, mixing)
    counts = sorted(sizes[p] for p in mixing)
    if counts == [2, 2, 2]:
        return _fast_binary_triple(game, supports, mixing)
    if counts == [2, 2, 3]:
        return _fast_pair_triple(game, supports, mixing)
    if determinant_covers(counts):
        return determinant_solutions(game, supports, mixing)
    if counts[0] == 2:
        return pencil_solutions(game, supports, mixing)
    return resultant_solutions(game, supports, mixing)


def closed_form_covers(sizes) -> bool:
    """Whether :func:`fast_solutions` tries a closed form on supports of these sizes (it may still return None).

    Examples
    --------
    >>> closed_form_covers((2, 3, 3)), closed_form_covers((3, 3, 3)), closed_form_covers((2, 2, 2, 2))
    (True, True, False)
    """
    counts = sorted(k for k in sizes if k > 1)
    if not counts or len(counts) > 3:
        return False
    return len(counts) <= 2 or counts in ([2, 2, 2], [2, 2, 3]) or (
        counts[0] == 2 and 3 <= counts[1] == counts[2] <= PENCIL_MAX_STRATEGIES
    ) or resultant_covers(counts) or determinant_covers(counts)


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
        rows = [gain_table(game, supports, a, s, b) for s in supports[a][1:]]
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
    (d00, d01), (d10, d11) = gain_table(game, supports, player, strategy, x, y)
    return d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00


def _fast_binary_triple(game, supports, mixing):
    """Closed-form solutions when three players mix two strategies each.

    With unknowns ``u0, u1, u2`` (one per mixing player, in order), the first
    player's equation is free of ``u0``: ``u1 B1(u2) + A1(u2) = 0``; the
    second's is free of ``u1``: ``u0 B0(u2) + A0(u2) = 0``; clearing
    denominators in the third's, ``E(u0, u1)``, leaves ``Q(u2) = 0``.  Every
    solution is ``u2`` a root of ``Q``, ``u1 = -A1/B1``, ``u0 = -A0/B0``
    provided no root of ``Q`` makes ``B0`` or ``B1`` vanish; otherwise (and
    when ``Q`` vanishes identically) None is returned for the general method.
    """
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
    d, roots = integer_quadratic_roots(*q)
    if d < 0:
        return []
    points = []
    for t in roots:
        (tp, tq), tden = t
        u0 = quadratic_quotient(negated(linear_at(a0, t, d)), linear_at(b0, t, d), d)
        u1 = quadratic_quotient(negated(linear_at(a1, t, d)), linear_at(b1, t, d), d)
        mixes = {first: binary_mix(*u0), second: binary_mix(*u1), third: binary_mix((tp, tq), tden)}
        points.append(QuadraticPoint.from_mixes(game, supports, d, mixes))
    return points


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
    d, roots = integer_quadratic_roots(*r)
    if d:
        roots = roots[1:]  # (-c1 + sqrt(d)) / (2 c2); its conjugate is handled with it
    # a's gains against b's and c's strategies, and b's against a's and c's.
    gains_a = gain_table(game, supports, a, supports[a][1], b, c)
    gains_b = gain_table(game, supports, b, supports[b][1], a, c)
    points = []
    for x in roots:
        # y = -P_k(x) / Q_k(x) with Q_k(x) != 0.
        for pk, qk in eqs:
            qv = linear_at(qk, x, d)
            if qv != (0, 0):
                break
        else:
            return None
        y = quadratic_quotient(negated(linear_at(pk, x, d)), qv, d)
        # a's equation alpha_0 + alpha_1 w1 + alpha_2 w2 = 0, b's likewise: Cramer's rule.
        (a0, a1, a2), (b0, b1, b2) = _linear_in_c(gains_a, y, d), _linear_in_c(gains_b, x, d)
        det = difference(quadratic_product(a1, b2, d), quadratic_product(a2, b1, d))
        if det == (0, 0):
            return None
        n1 = difference(quadratic_product(a2, b0, d), quadratic_product(a0, b2, d))
        n2 = difference(quadratic_product(a0, b1, d), quadratic_product(a1, b0, d))
        n0 = difference(difference(det, n1), n2)
        if d < 0:
            continue  # complex: checked non-degenerate, not a real solution
        cs = [quadratic_quotient(n, det, d) for n in (n0, n1, n2)]
        den_c = math.lcm(*(den for _, den in cs))
        mix_c = [(pair[0] * (den_c // den), pair[1] * (den_c // den)) for pair, den in cs], den_c
        mixes = {a: binary_mix(*x), b: binary_mix(*y), c: mix_c}
        point = QuadraticPoint.from_mixes(game, supports, d, mixes)
        if d:
            points.append(_conjugate(point))
        points.append(point)
    if len(points) > 1:
        points.sort(key=QuadraticPoint.last_coordinate)
    return points


def _linear_in_c(table, z, d):
    """A player's gain ``sum_ij table[i][j] z_i w_j`` for a two-strategy opponent's unknown ``z = pair / den``
    and the three-strategy opponent's mix ``w = (1 - w1 - w2, w1, w2)``, as ``alpha_0 + alpha_1 w1 + alpha_2 w2``
    (pairs, times ``den``)."""
    (zp, zq), den = z
    # v_j = table[0][j] (1 - z) + table[1][j] z, times den.
    v = [(table[0][j] * (den - zp) + table[1][j] * zp, (table[1][j] - table[0][j]) * zq) for j in range(3)]
    return v[0], difference(v[1], v[0]), difference(v[2], v[0])


def _conjugate(point):
    return QuadraticPoint(
        point.game, point.supports, point.d,
        [[(p, -q) for p, q in player] for player in point.numerators], point.denominators,
    )
