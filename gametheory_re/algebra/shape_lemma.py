"""The lex basis of a zero-dimensional ideal in shape position, straight from its grevlex basis.

When the last unknown ``t`` generates the quotient ring ``Q[x]/I`` (of
dimension ``D``), the normal forms of ``1, t, ..., t**(D-1)`` are a basis of
it, and the reduced lex basis is ``x_k - g_k(t)`` and ``f(t)``: ``f`` is the
linear dependence of ``t**D`` on those powers, ``g_k`` the expansion of
``x_k``'s normal form in them.  That is ``D + n - 1`` reductions, done by
FLINT (python-flint) in C, and one ``D x D`` rational solve: on a 3x3x3
game's totally mixed support (``D = 10``) a few milliseconds, where SymPy's
general FGLM (every unknown's multiplication matrix, by SymPy's
pure-Python reductions, then the lex staircase) took 50 to 500 ms.  When ``t``
does not generate the quotient the ideal is not in shape position and
:func:`shape_basis` says so; the caller then uses FGLM.
"""

from __future__ import annotations

import functools
import math

import flint
from sympy.polys.domains import QQ


def standard_monomials(basis, n: int) -> list[tuple[int, ...]]:
    """Exponents of the monomials no leading monomial of ``basis`` divides (a zero-dimensional basis).

    Examples
    --------
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.orderings import grevlex
    >>> from sympy.polys.rings import PolyRing
    >>> ring = PolyRing(("x", "y"), QQ, grevlex)
    >>> x, y = ring.gens
    >>> standard_monomials([y**2 - 1, x - y], 2)
    [(0, 0), (0, 1)]

    Raises
    ------
    ValueError
        When some unknown has no pure power among the leading monomials (the
        ideal is not zero-dimensional: infinitely many standard monomials).
    """
    leading = [g.LM for g in basis]
    pure = {k for lead in leading for k in range(n) if lead[k] and sum(lead) == lead[k]}
    if len(pure) < n:
        raise ValueError("basis: not zero-dimensional (an unknown has no pure power among the leading monomials)")
    found, frontier = [], [(0,) * n]
    seen = set(frontier)
    while frontier:
        m = frontier.pop()
        if any(all(a >= b for a, b in zip(m, lead)) for lead in leading):
            continue
        found.append(m)
        for k in range(n):
            step = m[:k] + (m[k] + 1,) + m[k + 1:]
            if step not in seen:
                seen.add(step)
                frontier.append(step)
    return sorted(found)


def shape_basis(basis, ring) -> list | None:
    """The reduced lex basis ``[x_0 - g_0(t), ..., f(t)]`` of a zero-dimensional ideal, or None.

    Parameters
    ----------
    basis : list of PolyElement
        A reduced grevlex Groebner basis (of a zero-dimensional ideal, not
        the unit ideal).
    ring : PolyRing
        The same generators in lex order; the result is in it, sorted by
        leading monomial, greatest first, as :mod:`.groebner` sorts bases.

    Returns
    -------
    list of PolyElement or None
        None when the last generator does not generate the quotient ring
        (the ideal is not in shape position in this order).

    Examples
    --------
    >>> from sympy.polys.domains import QQ
    >>> from sympy.polys.orderings import grevlex, lex
    >>> from sympy.polys.rings import PolyRing
    >>> graded = PolyRing(("x", "y"), QQ, grevlex)
    >>> x, y = graded.gens
    >>> shape_basis([y**2 - 2, x - y - 1], PolyRing(("x", "y"), QQ, lex))
    [x - y - 1, y**2 - 2]
    >>> shape_basis([x**2 - 1, y - 1], PolyRing(("x", "y"), QQ, lex)) is None
    True
    """
    n = ring.ngens
    monomials = standard_monomials(basis, n)
    position = {m: i for i, m in enumerate(monomials)}
    size = len(monomials)
    ctx = _context(tuple(str(g) for g in ring.gens))
    divisors = flint.fmpz_mpoly_vec([_integral(ctx, g) for g in basis], ctx)
    gens = ctx.gens()
    marker = gens[n]

    def normal_form(poly):
        # FLINT reduces over the integers and returns the primitive part of
        # c * NF(poly) for an unknown c; the marker's coefficient is c.
        reduced = (poly + marker).reduction_primitive_part(divisors).to_dict()
        scale = reduced.pop((0,) * n + (1,))
        vector = [flint.fmpq(0)] * size
        for m, c in reduced.items():
            vector[position[m[:n]]] = flint.fmpq(c, scale)
        return vector

    def integral(vector):
        common = math.lcm(*(int(c.q) for c in vector))
        return ctx.from_dict({monomials[i] + (0,): int(c * common) for i, c in enumerate(vector) if c}), common

    # powers[k] is the normal form of t**k, t the last unknown.
    powers = [[flint.fmpq(int(m == (0,) * n)) for m in monomials]]
    for _ in range(size):
        poly, common = integral(powers[-1])
        powers.append([c / common for c in normal_form(gens[n - 1] * poly)])
    targets = [powers[size]] + [normal_form(gens[k]) for k in range(n - 1)]
    span = flint.fmpq_mat(size, size, [powers[j][i] for i in range(size) for j in range(size)])
    try:
        # Column j of the solution expands target j in 1, t, ..., t**(size-1).
        expansions = span.solve(flint.fmpq_mat(size, n, [targets[j][i] for i in range(size) for j in range(n)]))
    except ZeroDivisionError:
        return None
    t = ring.gens[-1]

    def in_t(j):
        return ring.from_dict({(0,) * (n - 1) + (i,): _qq(expansions[i, j]) for i in range(size) if expansions[i, j]})

    out = [ring.gens[k] - in_t(1 + k) for k in range(n - 1)]
    out.append(t**size - in_t(0))
    return out


@functools.lru_cache(maxsize=256)
def _context(names: tuple[str, ...]):
    # The unknowns in the SymPy ring's order, so FLINT's degrevlex is
    # SymPy's grevlex, and one more generator, the marker of normal_form,
    # which no basis polynomial contains: it changes no comparison between
    # the basis's monomials.
    return flint.fmpz_mpoly_ctx.get(names + ("_marker",), "degrevlex")


def _integral(ctx, poly):
    scale = math.lcm(*(int(c.denominator) for c in poly.coeffs()))
    return ctx.from_dict({m + (0,): int(c.numerator) * (scale // int(c.denominator)) for m, c in poly.terms()})


def _qq(c):
    return QQ(int(c.p), int(c.q))
