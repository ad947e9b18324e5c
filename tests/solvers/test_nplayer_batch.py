"""The batched 3-player solver against the one-game solver, pygambit and closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re import NormalFormGame, find_equilibria
from gametheory_re.solvers.nplayer_batch import _roots_in_unit, batch_equilibria, covers
from gametheory_re.solvers.regret import default_tol

from .._support import need_module

#: Shapes the issue names, and some the design allows beyond them.
SHAPES = [(2, 2, 2), (2, 3, 2), (2, 2, 3), (3, 2, 2), (3, 3, 2), (2, 3, 3), (3, 2, 3), (4, 3, 2), (2, 2, 4)]


def batch_tol(payoffs):
    return default_tol(payoffs, batched=True)


def point_game(payoffs):
    shape = payoffs.shape[1:]
    return NormalFormGame(("A", "B", "C"), tuple(tuple(f"s{i}" for i in range(n)) for n in shape), payoffs)


def flat(profile):
    return np.concatenate([np.asarray(p, dtype=float) for p in profile])


def assert_same_as_point_solver(found, payoffs, b):
    result = find_equilibria(point_game(payoffs[..., b]))
    assert result.complete and not result.components
    ours = sorted((s, tuple(np.round(p, 7))) for s, p in found.at(b))
    theirs = sorted((e.supports, tuple(np.round(flat(e.profile), 7))) for e in result.equilibria)
    assert [s for s, _ in ours] == [s for s, _ in theirs]
    for (_, p), (_, q) in zip(ours, theirs):
        assert np.allclose(p, q, atol=1e-6)
    return result


@settings(max_examples=25, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    seed=st.integers(0, 2**32 - 1),
    integer=st.booleans(),
)
def test_batch_sets_equal_the_point_solver_at_every_resolved_point(shape, seed, integer):
    rng = np.random.default_rng(seed)
    count = 6
    payoffs = (
        rng.integers(-6, 7, size=(3, *shape, count)).astype(float) if integer else rng.normal(size=(3, *shape, count))
    )
    found = batch_equilibria(payoffs, batch_tol(payoffs))
    for b in range(count):
        if found.unresolved[b]:
            continue
        assert_same_as_point_solver(found, payoffs, b)
    if not integer:
        # Continuous payoffs have no ties: the batch answers every point.
        assert not found.unresolved.any()


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 3, 2), (3, 3, 2)])
def test_batch_contains_every_equilibrium_pygambit_enumpoly_finds(shape):
    pygambit = need_module("pygambit")
    rng = np.random.default_rng(sum(shape))
    payoffs = rng.normal(size=(3, *shape, 20))
    found = batch_equilibria(payoffs, batch_tol(payoffs))
    assert not found.unresolved.any()
    for b in range(payoffs.shape[-1]):
        game = pygambit.StrategicGame.from_arrays(*payoffs[..., b])
        theirs = [
            np.concatenate([[float(p) for _, p in eq[str(k + 1)]] for k in range(3)])
            for eq in pygambit.nash.enumpoly_solve(game).equilibria
        ]
        ours = [p for _, p in found.at(b)]
        for q in theirs:
            assert any(np.allclose(p, q, atol=1e-6) for p in ours), f"point {b}: pygambit's {q} missed"


def test_each_point_is_solved_as_if_alone():
    # A batch is a set of independent games: its answer at a point does not
    # depend on the other points, their order or their scale.
    rng = np.random.default_rng(3)
    payoffs = rng.normal(size=(3, 2, 3, 2, 50))
    payoffs[..., 7] *= 1e6
    found = batch_equilibria(payoffs, batch_tol(payoffs))
    alone = batch_equilibria(payoffs[..., 7:8], batch_tol(payoffs[..., 7:8]))
    assert [s for s, _ in found.at(7)] == [s for s, _ in alone.at(0)]
    assert np.allclose([p for _, p in found.at(7)], [p for _, p in alone.at(0)])
    reversed_ = batch_equilibria(payoffs[..., ::-1], batch_tol(payoffs[..., ::-1]))
    assert [s for s, _ in found.at(7)] == [s for s, _ in reversed_.at(42)]


def test_three_player_matching_game_has_its_known_equilibria():
    # Each wins 2 by matching the next player and 1 by matching the one after:
    # the two pure matches and the totally mixed profile at one half.
    u = np.zeros((3, 2, 2, 2))
    for a, b, c in np.ndindex(2, 2, 2):
        u[:, a, b, c] = [2 * (a == b) + (a == c), 2 * (b == c) + (b == a), 2 * (c == a) + (c == b)]
    found = batch_equilibria(u[..., None], np.array([1e-9]))
    assert not found.unresolved[0]
    assert [s for s, _ in found.at(0)] == [((0,), (0,), (0,)), ((1,), (1,), (1,)), ((0, 1), (0, 1), (0, 1))]
    assert found.at(0)[2][1].tolist() == [0.5] * 6


def test_structurally_degenerate_games_are_left_to_the_point_solver():
    # Each player's payoff ignores one opponent: the elimination's systems are
    # rank deficient for every r, and the mixed equilibrium is not isolated
    # in the way the batch assumes; the point solver must decide.
    u = np.zeros((3, 2, 2, 2))
    for a, b, c in np.ndindex(2, 2, 2):
        u[:, a, b, c] = [a == b, b == c, c == a]
    assert batch_equilibria(u[..., None], np.array([1e-9])).unresolved.all()


def tied_game(others_respond: bool, seed: int = 5):
    """A 2x2x2 game where player 0 is indifferent against the others' profile (0, 0)."""
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(3, 2, 2, 2))
    u[0, 1, 0, 0] = u[0, 0, 0, 0]
    # Against either of player 0's tied strategies, players 1 and 2 playing 0 is
    # (or is not) each one's best response by a clear margin.
    sign = 1.0 if others_respond else -1.0
    for a in range(2):
        u[1, a, 0, 0] = u[1, a, 1, 0] + sign * (1 + a)
        u[2, a, 0, 0] = u[2, a, 0, 1] + sign * (2 - a)
    return u


def test_ties_holding_a_continuum_are_left_to_the_point_solver():
    u = tied_game(others_respond=True)
    found = batch_equilibria(u[..., None], batch_tol(u[..., None]))
    assert found.unresolved[0]
    # Every mix of player 0's tied strategies, with (0, 0) for the others, is an equilibrium.
    assert find_equilibria(point_game(u)).components


def test_harmless_ties_stay_in_the_batch():
    # The others never answer (0, 0) with (0, 0): no equilibrium uses the tie,
    # and the batch's answer is the point solver's.
    u = tied_game(others_respond=False)[..., None]
    found = batch_equilibria(u, batch_tol(u))
    assert not found.unresolved[0]
    assert_same_as_point_solver(found, u, 0)


def test_uncovered_shapes_are_refused_naming_the_argument():
    assert not covers((3, 3, 3)) and not covers((2, 2, 2, 2)) and not covers((5, 2, 2))
    with pytest.raises(ValueError, match="payoffs: a 3x3x3 game"):
        batch_equilibria(np.zeros((3, 3, 3, 3, 1)), np.zeros(1))


@pytest.fixture
def quiet_floats():
    # The solver's helpers run under batch_equilibria's np.errstate(all="ignore").
    with np.errstate(all="ignore"):
        yield


def test_roots_in_the_unit_interval(quiet_floats):
    def poly(*coefs):
        return np.array(coefs, dtype=float)[:, None]

    roots, unsure = _roots_in_unit(poly(0.21, -1.0, 1.0))  # (r - 0.3)(r - 0.7)
    assert sorted(r[0] for r, ok in roots if ok[0]) == pytest.approx([0.3, 0.7])
    assert not unsure[0]
    roots, unsure = _roots_in_unit(poly(0.25, -1.0, 1.0))  # (r - 0.5)^2: a double root
    assert unsure[0]
    roots, unsure = _roots_in_unit(poly(1.0, 0.0, 1.0))  # no real root
    assert not any(ok[0] for _, ok in roots) and not unsure[0]
    # A quartic through the companion matrix: (r - 0.1)(r - 0.4)(r - 0.9)(r - 3)
    coefs = np.polynomial.polynomial.polyfromroots([0.1, 0.4, 0.9, 3.0])
    roots, unsure = _roots_in_unit(coefs[:, None])
    assert sorted(r[0] for r, ok in roots if ok[0]) == pytest.approx([0.1, 0.4, 0.9])
    assert not unsure[0]
    roots, unsure = _roots_in_unit(np.zeros((3, 1)))  # vanishes identically
    assert unsure[0]
