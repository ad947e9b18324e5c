"""Solving polynomial systems over the rationals exactly, by Groebner bases in shape position.

Linear systems go through Gaussian elimination.  Others get a Groebner basis
in lex order (directly for up to three unknowns, else a grevlex basis by
FLINT (:mod:`.flint_groebner`) converted to lex by the shape lemma
(:mod:`.shape_lemma`) or else FGLM, which is much faster), brought into *shape position*
``x_k = g_k(t), f(t) = 0``.  When the last unknown does not separate the
solutions, a linear change of coordinates makes a new last unknown that
does.  Each real root of an irreducible factor of ``f`` then gives a
:class:`~.real_algebraic.Point`.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from sympy.polys.domains import QQ
from sympy.polys.fglmtools import matrix_fglm
from sympy.polys.groebnertools import groebner
from sympy.polys.orderings import grevlex, lex
from sympy.polys.rings import PolyRing

from .flint_groebner import grevlex_basis
from .linear import row_reduce
from .real_algebraic import Point, real_points
from .shape_lemma import shape_basis

# Up to this many unknowns a direct lex basis is cheaper than grevlex + FGLM.
_DIRECT_LEX_MAX_UNKNOWNS = 3
# Coefficients of the linear forms tried as a separating last coordinate.
_SEPARATING_FORMS = ((1, 2, 3, 5, 7, 11, 13, 17), (3, -1, 4, -1, 5, -9, 2, 6), (2, 7, -1, 8, -2, 8, 1, -8))


class AlgebraFailure(Exception):
    """The exact method could not bring a system into a solvable form."""


@functools.lru_cache(maxsize=4096)
def polynomial_ring(names: tuple[str, ...]) -> PolyRing:
    """The ring over ``QQ`` in lex order with these generators (cached).

    Building a ring makes sympy symbols: slow enough to be worth caching.

    Examples
    --------
    >>> polynomial_ring(("x", "y")) is polynomial_ring(("x", "y"))
    True
    """
    return PolyRing(names, QQ, lex)


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

    Examples
    --------
    >>> ring = polynomial_ring(("x", "y"))
    >>> x, y = ring.gens
    >>> found = solve(ring, [x + y - 1])
    >>> found.dimension, found.free, found.linear
    (1, (1,), True)
    """

    basis: list
    dimension: int
    free: tuple[int, ...]
    linear: bool


def solve(ring, equations):
    """All real solutions of polynomial equations over ``QQ``, exactly.

    Parameters
    ----------
    ring : PolyRing
    equations : list of PolyElement
        Left-hand sides of ``= 0``.

    Returns
    -------
    list of Point or PositiveDimensional
        The real solutions when there are finitely many complex ones;
        otherwise a description of the solution set.

    Raises
    ------
    AlgebraFailure
        When no tried linear form separates the solutions (a non-radical
        ideal with several solutions sharing coordinates).

    Examples
    --------
    >>> ring = polynomial_ring(("x", "y"))
    >>> x, y = ring.gens
    >>> sorted(float(p.value(x)) for p in solve(ring, [x * x - 2, y - x]))
    [-1.4142135623730951, 1.4142135623730951]
    """
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
    basis = grevlex_basis(graded, [f.set_ring(graded) for f in equations])
    if basis == [graded.one]:
        return [ring.one], None
    if not _zero_dimensional(basis, ring.ngens):
        return basis, None
    shape = shape_basis(basis, ring)
    if shape is not None:
        return basis, shape
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
    uni = polynomial_ring(("t",))
    t = uni.gens[0]

    def univariate(g):
        return uni.from_dict({(m[-1],): c for m, c in g.terms()}) if g else uni.zero

    coords = [-univariate(g.monic() - g.ring.gens[k]) for k, g in enumerate(basis[:-1])]
    last = t if form is None else t - sum((c * g for c, g in zip(form, coords)), uni.zero)
    return real_points(ring, univariate(basis[-1]), coords + [last])


def _positive_dimensional(basis) -> PositiveDimensional:
    n = basis[0].ring.ngens
    leading = [frozenset(k for k, e in enumerate(g.LM) if e) for g in basis]
    linear = all(max(sum(m) for m in g.monoms()) <= 1 for g in basis)
    for size in range(n, -1, -1):
        for free in itertools.combinations(range(n), size):
            if not any(lead <= set(free) for lead in leading):
                return PositiveDimensional(basis, size, free, linear)
    raise AssertionError("the empty set is always independent")


def solve_with_fixed(ring, equations, fixed: dict):
    """Real solutions of polynomial equations with some unknowns given fixed rational values.

    Parameters
    ----------
    ring : PolyRing
        The equations' ring over ``QQ``.
    equations : list of PolyElement
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
        As :func:`solve`.

    Examples
    --------
    >>> ring = polynomial_ring(("x", "y"))
    >>> x, y = ring.gens
    >>> [[str(v) for v in point.values] for point in solve_with_fixed(ring, [x * y - 1], {0: QQ(2)})]
    [['2', '1/2']]
    """
    rest = [k for k in range(ring.ngens) if k not in fixed]
    assignment = [(ring.gens[k], v) for k, v in fixed.items()]
    sub = polynomial_ring(tuple(str(ring.gens[k]) for k in rest))
    equations = [sub(f.evaluate(assignment)) if assignment else f for f in equations]
    found = solve(sub, [f for f in equations if f])
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
