"""FLINT's reduced grevlex bases are SymPy's (a reduced Groebner basis is unique)."""

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.groebnertools import groebner
from sympy.polys.orderings import grevlex
from sympy.polys.rings import PolyRing

from gametheory_re.algebra.flint_groebner import grevlex_basis

RING = PolyRing(("a", "b", "c", "d"), QQ, grevlex)
# Multilinear monomials of degree at most 2, as support systems have, and
# a few squares so that other shapes of ideal come up too.
MONOMIALS = [
    (0, 0, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
    (1, 1, 0, 0), (0, 1, 1, 0), (1, 0, 0, 1), (0, 0, 1, 1), (2, 0, 0, 0), (0, 0, 0, 2),
]

coefficient = st.fractions(min_value=-5, max_value=5, max_denominator=4)
polynomial = st.dictionaries(st.sampled_from(MONOMIALS), coefficient, min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(polynomial, min_size=1, max_size=4))
def test_flint_basis_is_sympys(terms):
    equations = [RING.from_dict({m: QQ(c.numerator, c.denominator) for m, c in t.items() if c}) for t in terms]
    equations = [f for f in equations if f]
    if not equations:
        return
    assert grevlex_basis(RING, equations) == groebner(equations, RING)


def test_inconsistent_equations_give_the_unit_ideal():
    a, b, c, d = RING.gens
    assert grevlex_basis(RING, [a * b - 1, a, c + d]) == [RING.one]
