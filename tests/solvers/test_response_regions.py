"""Best-response regions over a player's simplex: each is where its strategy is a best response, and they tile it."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_re import NormalFormGame, find_equilibria
from gametheory_re.solvers.response_regions import response_picture, response_regions, shared_mixes

#: Picture coordinates of the simplex's corners, as the picture draws them (any affine image would do).
CORNERS = {2: np.array([[0.0, 0.0], [1.0, 0.0]]), 3: np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])}
SHAPES = [(2, 3), (3, 2), (3, 3)]


def _game(seed: int, shape, integers: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(-2, 3, size=(2, *shape)).astype(float) if integers else rng.normal(size=(2, *shape))


def _share(polygon: np.ndarray) -> float:
    """Area (3 strategies) or length (2) of ``polygon`` over the simplex's, in picture coordinates."""
    n = polygon.shape[1]
    xy = polygon @ CORNERS[n]
    if n == 2:
        return float(np.ptp(xy[:, 0])) if len(xy) else 0.0
    x, y = xy[:, 0], xy[:, 1]
    return float(abs(x @ np.roll(y, -1) - y @ np.roll(x, -1)) / 2) / (np.sqrt(3) / 4)


def _distance(polygon: np.ndarray, point: np.ndarray) -> float:
    """Distance from ``point`` (a mix) to the convex ``polygon`` (mixes), in picture coordinates."""
    n = polygon.shape[1]
    xy, p = polygon @ CORNERS[n], point @ CORNERS[n]
    if len(xy) == 0:
        return np.inf
    if len(xy) >= 3:
        edges = np.roll(xy, -1, axis=0) - xy
        cross = edges[:, 0] * (p - xy)[:, 1] - edges[:, 1] * (p - xy)[:, 0]
        if (cross >= 0).all() or (cross <= 0).all():
            return 0.0
    best = np.inf
    for a, b in zip(xy, np.roll(xy, -1, axis=0)):
        d = b - a
        t = 0.0 if not d.any() else float(np.clip((p - a) @ d / (d @ d), 0, 1))
        best = min(best, float(np.linalg.norm(p - (a + t * d))))
    return best


def _gains(payoffs: np.ndarray, player: int) -> np.ndarray:
    """``gains[i, j]``: the other player's payoff from ``j`` when ``player`` plays ``i``."""
    return payoffs[1] if player == 0 else payoffs[0].T


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES), player=st.integers(0, 1),
       integers=st.booleans())
def test_every_vertex_of_a_region_is_where_its_strategy_is_a_best_response(seed, shape, player, integers):
    payoffs = _game(seed, shape, integers)
    tol = 1e-9 * np.abs(payoffs).max()
    regions = response_regions(payoffs, player, tol)
    gains = _gains(payoffs, player)
    assert len(regions.vertices) == gains.shape[1]
    for j, polygon in enumerate(regions.vertices):
        for vertex in polygon:
            assert vertex.min() >= -1e-12 and abs(vertex.sum() - 1) <= 1e-12
            values = vertex @ gains
            assert values[j] >= values.max() - 10 * tol


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES), player=st.integers(0, 1),
       integers=st.booleans())
def test_the_regions_cover_the_simplex_once(seed, shape, player, integers):
    payoffs = _game(seed, shape, integers)
    regions = response_regions(payoffs, player, 1e-9 * np.abs(payoffs).max())
    shares = [_share(v) for v in regions.vertices]
    assert np.allclose(shares, regions.sizes, atol=1e-12)
    own = [j for j, first in enumerate(regions.same_as) if first == j]
    assert sum(shares[j] for j in own) == pytest.approx(1.0, abs=1e-9)
    for j, first in enumerate(regions.same_as):
        assert np.array_equal(regions.vertices[j], regions.vertices[first])


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES), player=st.integers(0, 1),
       mix=st.lists(st.floats(0.01, 1), min_size=3, max_size=3))
def test_a_mix_lies_in_the_regions_of_its_best_responses_and_only_there(seed, shape, player, mix):
    payoffs = _game(seed, shape, integers=False)
    regions = response_regions(payoffs, player, 1e-12)
    gains = _gains(payoffs, player)
    x = np.array(mix[: gains.shape[0]]) / sum(mix[: gains.shape[0]])
    values = x @ gains
    for j, polygon in enumerate(regions.vertices):
        if values[j] >= values.max() - 1e-12:
            assert _distance(polygon, x) <= 1e-9
        elif values[j] < values.max() - 1e-6:
            assert _distance(polygon, x) > 0


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES), integers=st.booleans())
def test_equilibria_lie_in_the_regions_of_the_strategies_the_other_mixes_over(seed, shape, integers):
    payoffs = _game(seed, shape, integers)
    result = find_equilibria(NormalFormGame.from_arrays(*payoffs))
    for player in (0, 1):
        regions = response_regions(payoffs, player, result.tol)
        for eq in result.equilibria:
            for j in np.flatnonzero(eq.profile[1 - player] > 1e-9):
                assert _distance(regions.vertices[j], eq.profile[player]) <= 1e-7


def test_rock_paper_scissors_thirds_meet_at_the_uniform_mix():
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    for player in (0, 1):
        regions = response_regions(np.stack([rps, -rps]), player, 1e-9)
        assert regions.sizes == pytest.approx((1 / 3, 1 / 3, 1 / 3))
        for polygon in regions.vertices:
            assert min(np.abs(v - 1 / 3).max() for v in polygon) <= 1e-12


def test_a_dominated_strategy_has_no_region_and_duplicates_share_one():
    # Column: left and right pay the same against every row, middle is strictly worse.
    column = np.array([[2.0, 0.0, 2.0], [1.0, -1.0, 1.0], [0.0, -3.0, 0.0]])
    regions = response_regions(np.stack([np.zeros((3, 3)), column]), 0, 1e-9)
    assert regions.same_as == (0, 1, 0)
    assert len(regions.vertices[1]) == 0 and regions.sizes[1] == 0
    assert regions.sizes[0] == pytest.approx(1.0)


def test_a_strategy_best_only_on_a_line_has_a_region_of_size_zero():
    # Column's middle strategy is the average of the other two: a best response only where they tie.
    column = np.array([[1.0, 0.5, 0.0], [0.0, 0.5, 1.0]])
    regions = response_regions(np.stack([np.zeros((2, 3)), column]), 0, 1e-9)
    assert regions.sizes == pytest.approx((0.5, 0.0, 0.5))
    assert regions.vertices[1].round(12).tolist() == [[0.5, 0.5]]


def test_an_indifferent_player_has_one_region_the_whole_simplex():
    regions = response_regions(np.stack([np.zeros((3, 2)), np.zeros((3, 2))]), 1, 0.0)
    assert regions.same_as == (0, 0, 0) and regions.sizes == (1.0, 1.0, 1.0)


def test_bad_arguments_name_themselves():
    with pytest.raises(ValueError, match="^payoffs: .*two-player"):
        response_regions(np.zeros((3, 2, 2, 2)), 0, 1e-9)
    with pytest.raises(ValueError, match="^player: "):
        response_regions(np.zeros((2, 3, 3)), 2, 1e-9)
    with pytest.raises(ValueError, match="^tol: "):
        response_regions(np.zeros((2, 3, 3)), 0, -1.0)


def test_equilibria_sharing_a_mix_are_one_group():
    a, b = np.array([0.5, 0.5]), np.array([1.0, 0.0, 0.0])
    groups = shared_mixes([(a, b), (b[:2], b), (a + 1e-12, b)], 0, 1e-9)
    assert [members for _, members in groups] == [[0, 2], [1]]


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), shape=st.sampled_from(SHAPES), player=st.integers(0, 1),
       integers=st.booleans())
def test_ties_are_where_both_strategies_are_best_responses_on_both_regions(seed, shape, player, integers):
    payoffs = _game(seed, shape, integers)
    tol = 1e-9 * np.abs(payoffs).max()
    regions = response_regions(payoffs, player, tol)
    gains = _gains(payoffs, player)
    for j, k, tie in regions.ties:
        assert j < k and regions.same_as[j] == j and regions.same_as[k] == k
        for vertex in tie:
            values = vertex @ gains
            assert min(values[j], values[k]) >= values.max() - 10 * tol
            assert _distance(regions.vertices[j], vertex) <= 1e-9 and _distance(regions.vertices[k], vertex) <= 1e-9


def test_rock_paper_scissors_ties_run_from_the_sides_to_the_centre():
    rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    regions = response_regions(np.stack([rps, -rps]), 0, 1e-9)
    assert [(j, k) for j, k, _ in regions.ties] == [(0, 1), (0, 2), (1, 2)]
    for _, _, tie in regions.ties:
        assert len(tie) == 2 and np.allclose(tie[1], 1 / 3) and tie[0].min() == pytest.approx(0.0, abs=1e-12)


def test_pictures_by_shape():
    assert response_picture((2, 2)) == "curves"
    assert {response_picture(s) for s in [(2, 3), (3, 2), (3, 3)]} == {"regions"}
    assert {response_picture(s) for s in [(1, 3), (4, 2), (3, 4), (2, 2, 2)]} == {None}
