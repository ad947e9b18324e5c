"""FLINT's reduced grevlex bases are SymPy's (a reduced Groebner basis is unique); the shape lemma's lex bases are FGLM's."""

from hypothesis import event, given, settings
from hypothesis import strategies as st
from sympy.polys.domains import QQ
from sympy.polys.groebnertools import groebner
from sympy.polys.fglmtools import matrix_fglm
from sympy.polys.orderings import grevlex, lex
from sympy.polys.rings import PolyRing

from gametheory_re.algebra.flint_groebner import grevlex_basis
from gametheory_re.algebra.shape_lemma import shape_basis

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


@settings(max_examples=200, deadline=None)
@given(st.lists(polynomial, min_size=4, max_size=5))
def test_shape_basis_is_fglms_lex_basis(terms):
    equations = [RING.from_dict({m: QQ(c.numerator, c.denominator) for m, c in t.items() if c}) for t in terms]
    equations = [f for f in equations if f]
    basis = grevlex_basis(RING, equations) if equations else [RING.one]
    leads = {k for g in basis for k in range(4) if g.LM[k] and sum(g.LM) == g.LM[k]}
    if basis == [RING.one] or len(leads) < 4:
        return  # not zero-dimensional: no lex basis of finitely many points
    lex_ring = RING.clone(order=lex)
    fglm = sorted((g.set_ring(lex_ring) for g in matrix_fglm(basis, RING, lex)), key=lambda g: g.LM, reverse=True)
    shape = shape_basis(basis, lex_ring)
    units = [tuple(int(j == k) for j in range(4)) for k in range(3)]
    in_shape = len(fglm) == 4 and [g.LM for g in fglm[:3]] == units and not any(fglm[3].LM[:3])
    event(f"in shape position: {in_shape}")
    assert shape == (fglm if in_shape else None)


def test_shape_basis_declines_an_ideal_the_last_unknown_does_not_generate():
    a, b, c, d = RING.gens
    basis = grevlex_basis(RING, [a * a - 1, b - 1, c - 2, d - 3])
    assert shape_basis(basis, RING.clone(order=lex)) is None


def test_basis_monomials_are_python_ints():
    """FLINT's exponents are fmpz; kept, they broke SymPy powers (``x ** e``) of a 3x3x3 game's continuum."""
    a, b, c, d = RING.gens
    basis = grevlex_basis(RING, [a * b - c, b - d + 1, c * d - a])
    assert basis
    for g in basis:
        for monom in g.monoms():
            assert all(type(e) is int for e in monom)
        for generator, e in zip(RING.gens, g.LM):
            assert (generator ** e) is not None  # raised TypeError with an fmpz exponent
