"""Checks shared by the tests of the closed forms (:mod:`gametheory_re.solvers.resultant_triple` and others)."""

from unittest import mock

import numpy as np
import sympy

from gametheory_re.algebra.groebner import PositiveDimensional
from gametheory_re.solvers import support_search
from gametheory_re.solvers.exact_payoffs import ExactPayoffs
from gametheory_re.solvers.regret import default_tol
from gametheory_re.solvers.solutions import AlgebraicSolution
from gametheory_re.solvers.support_system import SupportSystem, solve_system


def in_simplex(items):
    """{rounded floats: (exact equilibrium?, exact values)} of the solutions with every probability >= 0."""
    out = {}
    for item in items:
        if item.in_simplex():
            out[tuple(np.round(np.concatenate(item.float_profile()), 9))] = (
                item.is_exact_equilibrium(), item.exact_values()
            )
    return out


def examined(payoffs, support, closed_forms):
    """What an exact support search finds on one support: equilibria and continua, as plain data."""
    search = support_search.SupportSearch(payoffs, None, default_tol(payoffs), "exact", np.random.default_rng(0), True)
    with mock.patch.object(support_search, "fast_solutions", support_search.fast_solutions if closed_forms else (
        lambda game, support: None
    )):
        search.examine(support)
    return (
        sorted(tuple(np.round(np.concatenate(e.profile), 9)) for e in search.equilibria),
        sorted((c.supports, c.dimension) for c in search.maximal_components()),
    )


def agree(solve, payoffs, support):
    """``solve(game, support, mixing)``'s solutions in the simplex are the general method's, exactly.

    Returns whether it found one (False also when it gave None: the general
    method's case).  Where the general method finds a positive-dimensional
    set (a complex curve, say, with no real point for the closed form to
    miss), what an exact support search makes of the support must not
    change with the closed forms.
    """
    game = ExactPayoffs(payoffs)
    fast = solve(game, support, [p for p, s in enumerate(support) if len(s) > 1])
    if fast is None:
        return False
    system = SupportSystem(game, support)
    general = solve_system(system)
    if isinstance(general, PositiveDimensional):
        assert examined(payoffs, support, closed_forms=True) == examined(payoffs, support, closed_forms=False)
        return False
    found = in_simplex(fast)
    expected = in_simplex(AlgebraicSolution(system, point) for point in general)
    assert found.keys() == expected.keys(), payoffs.tolist()
    for key, (equilibrium, values) in found.items():
        assert equilibrium == expected[key][0]
        for xs, ys in zip(values, expected[key][1]):
            for x, y in zip(xs, ys):
                assert x == y or abs(sympy.N(x - y, 60)) < 1e-50
    return bool(found)
