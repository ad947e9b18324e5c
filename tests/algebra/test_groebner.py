"""Tests of Groebner-basis solving."""

import numpy as np
from sympy.polys.domains import QQ
from sympy.polys.orderings import lex
from sympy.polys.rings import PolyRing

from gametheory_re.algebra.groebner import solve


def test_groebner_basis_not_in_shape_position_gets_a_separating_coordinate():
    # x^2 - x + 2/9 = 0, y = 1 - x, z = 1/2: two solutions share z, so the
    # lex basis in (x, y, z) is not in shape position.
    ring = PolyRing(("x", "y", "z"), QQ, lex)
    x, y, z = ring.gens
    equations = [x * x - x + QQ(2, 9), x + y - 1, 2 * z - 1]
    points = solve(ring, equations)
    values = sorted(tuple(p.value(g) for g in ring.gens) for p in points)
    np.testing.assert_allclose(values, [(1 / 3, 2 / 3, 0.5), (2 / 3, 1 / 3, 0.5)], rtol=1e-12)
