"""Tests of the resultant closed form (three players mix k, k and three strategies) against the general method."""

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flint

from gametheory_re.solvers import resultant_triple
from gametheory_re.solvers.closed_forms import closed_form_covers, fast_solutions
from gametheory_re.solvers.exact_payoffs import ExactPayoffs
from gametheory_re.solvers.resultant_triple import covers, resultant_solutions

from _closed_forms import agree, in_simplex

FULL = ((0, 1, 2),) * 3


@pytest.mark.parametrize("low, high, seed, games", [(0, 99, 2026, 12), (0, 9, 16, 12), (-2, 2, 3, 30), (0, 3, 4, 30)])
def test_totally_mixed_three_by_three_by_three_agrees_with_groebner_bases(low, high, seed, games):
    rng = np.random.default_rng(seed)
    solved = with_mix = 0
    for _ in range(games):
        payoffs = rng.integers(low, high + 1, size=(3, 3, 3, 3)).astype(float)
        solved += resultant_solutions(ExactPayoffs(payoffs), FULL, [0, 1, 2]) is not None
        with_mix += agree(resultant_solutions, payoffs, FULL)
    assert solved >= games // 2  # None (left to the general method) is for degenerate games only
    if high >= 9:
        assert with_mix  # some game has a totally mixed solution, so the comparison is not vacuous


@pytest.mark.parametrize(
    "shape, support",
    [
        ((4, 4, 4), ((0, 1, 3), (1, 2, 3), (0, 2, 3))),
        ((3, 4, 3), ((0, 1, 2), (0, 2, 3), (0, 1, 2))),
        ((3, 3, 3, 2), ((0, 1, 2), (0, 1, 2), (0, 1, 2), (1,))),  # a fourth player, pure
    ],
)
def test_three_by_three_by_three_supports_inside_larger_games(shape, support):
    rng = np.random.default_rng(sum(shape))
    mixing = [p for p, s in enumerate(support) if len(s) > 1]
    solved = 0
    for _ in range(6):
        payoffs = rng.integers(0, 20, size=(len(shape),) + shape).astype(float)
        solved += resultant_solutions(ExactPayoffs(payoffs), support, mixing) is not None
        agree(resultant_solutions, payoffs, support)
    assert solved >= 5


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1), st.sampled_from([(-1, 1), (0, 2), (-5, 5), (0, 50)]))
def test_agrees_with_groebner_bases_on_random_games(seed, bounds):
    payoffs = np.random.default_rng(seed).integers(bounds[0], bounds[1] + 1, size=(3, 3, 3, 3)).astype(float)
    agree(resultant_solutions, payoffs, FULL)


def test_degenerate_systems_are_left_to_the_general_method():
    assert resultant_solutions(ExactPayoffs(np.zeros((3, 3, 3, 3))), FULL, [0, 1, 2]) is None
    # Player 2 indifferent everywhere: a continuum of its mixes.
    payoffs = np.random.default_rng(0).integers(0, 9, size=(3, 3, 3, 3)).astype(float)
    payoffs[2] = 1.0
    assert resultant_solutions(ExactPayoffs(payoffs), FULL, [0, 1, 2]) is None


def test_closed_forms_dispatch_to_it():
    assert covers((3, 3, 3)) and closed_form_covers((3, 3, 3)) and not covers((3, 3, 4))
    payoffs = np.random.default_rng(16).integers(0, 10, size=(3, 3, 3, 3)).astype(float)
    game = ExactPayoffs(payoffs)
    assert in_simplex(fast_solutions(game, FULL)) == in_simplex(resultant_solutions(game, FULL, [0, 1, 2]))


def test_first_subresultant_matches_sympy():
    z1, y = sympy.symbols("z1 y")
    rng = np.random.default_rng(5)
    for m, n in ((2, 2), (4, 4), (4, 3), (3, 2)):
        p = [flint.fmpz_poly([int(c) for c in rng.integers(-9, 10, size=3)]) for _ in range(m + 1)]
        q = [flint.fmpz_poly([int(c) for c in rng.integers(-9, 10, size=3)]) for _ in range(n + 1)]

        def expr(coeffs):
            return sum(sympy.Poly(list(reversed([int(c) for c in f.coeffs()])) or [0], z1).as_expr() * y**k
                       for k, f in enumerate(coeffs))

        s10, s11 = resultant_triple._first_subresultant(p, q)
        chain = sympy.subresultants(expr(p), expr(q), y)
        s1 = sympy.Poly(next(s for s in chain if sympy.degree(s, y) == 1), y)
        got = sympy.Poly(expr([s10, s11]), y)
        # Subresultants are unique up to sign.
        assert sympy.expand(got.as_expr() - s1.as_expr()) == 0 or sympy.expand(got.as_expr() + s1.as_expr()) == 0


def test_rank_over_a_number_field():
    field = resultant_triple._NumberField(flint.fmpz_poly([-2, 0, 1]))  # sqrt 2
    r2 = field.t
    one = flint.fmpq_poly(1)
    assert field.rank([[one, r2], [r2, one * 2]]) == 1  # second row = sqrt 2 times the first
    assert field.rank([[one, r2], [r2, one]]) == 2
