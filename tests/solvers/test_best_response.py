"""Best-response correspondences of 2x2 games: the equilibria are exactly where they meet."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re import NormalFormGame, find_equilibria
from gametheory_re.solvers.best_response import response_curves


def _on(curve: np.ndarray, point: np.ndarray) -> float:
    """Distance from ``point`` to the polyline ``curve``."""
    best = np.inf
    for a, b in zip(curve[:-1], curve[1:]):
        d = b - a
        t = 0.0 if not d.any() else float(np.clip((point - a) @ d / (d @ d), 0, 1))
        best = min(best, float(np.linalg.norm(point - (a + t * d))))
    return best


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), integers=st.booleans())
def test_every_equilibrium_lies_on_both_curves(seed, integers):
    rng = np.random.default_rng(seed)
    payoffs = rng.integers(0, 3, size=(2, 2, 2)).astype(float) if integers else rng.normal(size=(2, 2, 2))
    result = find_equilibria(NormalFormGame.from_arrays(*payoffs))
    row, column = response_curves(payoffs, result.tol)
    for eq in result.equilibria:
        point = np.array([eq.profile[1][0], eq.profile[0][0]])
        assert _on(row, point) <= 1e-9 and _on(column, point) <= 1e-9


@settings(max_examples=80, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), q=st.floats(0, 1), p=st.floats(0, 1))
def test_a_point_on_a_curve_is_a_best_response(seed, q, p):
    # Every point of the first player's curve is a mix that does best against the other's q.
    payoffs = np.random.default_rng(seed).normal(size=(2, 2, 2))
    row, _ = response_curves(payoffs, 1e-12)
    values = payoffs[0] @ np.array([q, 1 - q])
    if _on(row, np.array([q, p])) <= 1e-12:
        assert p * values[0] + (1 - p) * values[1] >= values.max() - 1e-9


def test_a_player_indifferent_to_everything_has_the_whole_square():
    payoffs = np.array([np.zeros((2, 2)), [[1.0, 0.0], [0.0, 1.0]]])
    row, _ = response_curves(payoffs, 1e-9)
    assert {tuple(v) for v in row} == {(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)}


def test_only_2x2_games():
    with pytest.raises(ValueError, match="2x2"):
        response_curves(np.zeros((2, 3, 2)), 1e-9)
