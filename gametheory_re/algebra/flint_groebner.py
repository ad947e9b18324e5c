"""Reduced grevlex Groebner bases over the rationals by FLINT (python-flint), for :mod:`.groebner`.

SymPy's Buchberger algorithm is pure Python: a basis of six bilinear
equations in six unknowns with two-digit coefficients (a 3x3x3 game's
totally mixed support) takes it about a second, FLINT's about 0.03 s.  The
basis FLINT returns is converted back to SymPy polynomials, monic, so that
the rest of the algebra (FGLM to lex order, shape position, real roots)
is unchanged.
"""

from __future__ import annotations

import functools
import math

import flint
from sympy.polys.domains import QQ


@functools.lru_cache(maxsize=256)
def _context(names: tuple[str, ...]):
    # Same generators in the same order as the SymPy ring, so FLINT's
    # degrevlex is SymPy's grevlex.
    return flint.fmpz_mpoly_ctx.get(names, "degrevlex")


def grevlex_basis(graded, equations) -> list:
    """The reduced Groebner basis of ``equations`` in ``graded``'s grevlex order.

    Parameters
    ----------
    graded : sympy.polys.rings.PolyRing
        A ring over ``QQ`` in grevlex order.
    equations : list of PolyElement
        Nonzero polynomials of ``graded``.

    Returns
    -------
    list of PolyElement
        Monic, sorted by leading monomial, greatest first; ``[graded.one]``
        when the equations have no common (complex) solution.  The same basis
        as ``sympy.polys.groebnertools.groebner(equations, graded)`` (a
        reduced basis is unique), up to order.

    Examples
    --------
    >>> from sympy.polys.orderings import grevlex
    >>> from sympy.polys.rings import PolyRing
    >>> ring = PolyRing(("x", "y"), QQ, grevlex)
    >>> x, y = ring.gens
    >>> grevlex_basis(ring, [x * y - 1, x - y])
    [y**2 - 1, x - y]
    """
    ctx = _context(tuple(str(g) for g in graded.gens))
    integral = []
    for f in equations:
        # Clearing denominators keeps each ideal generator up to a unit.
        scale = math.lcm(*(int(c.denominator) for c in f.coeffs()))
        integral.append(ctx.from_dict({m: int(c.numerator) * (scale // int(c.denominator)) for m, c in f.terms()}))
    basis = flint.fmpz_mpoly_vec(integral, ctx).buchberger_naive().autoreduction()
    out = []
    for g in basis:
        if g.is_zero():
            continue
        # FLINT's exponents are fmpz: SymPy's ring takes them as monomials but
        # raises on them in powers (a 3x3x3 continuum crashed in continua.py).
        poly = graded.from_dict({tuple(int(e) for e in m): QQ(int(c)) for m, c in g.to_dict().items()})
        out.append(poly.monic())
    if any(g.is_ground for g in out):
        return [graded.one]
    return sorted(out, key=lambda g: graded.order(g.LM), reverse=True)
