"""Best-response regions over one player's mixed strategies, for two-player games (``gtre solve --plot``).

A player with ``n`` strategies mixes over the simplex of probability
vectors of length ``n`` (a segment for 2 strategies, a triangle for 3).
Against a mix ``x`` the other player's payoff from each of its pure
strategies is linear in ``x``, so the set of mixes against which its
strategy ``j`` is a best response is a convex polygon: the simplex cut by
the half-planes "``j`` pays at least as much as ``k``", one per other
strategy ``k``.  :func:`response_regions` clips the simplex by those
half-planes in barycentric coordinates (Sutherland-Hodgman), exactly up to
round-off; two regions meet along the line where the other player is
indifferent between them.  An equilibrium's mix for a player lies in the
region of every strategy the other player mixes over.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Vertices closer than this (in probability) are one vertex.
_SAME_VERTEX = 1e-12


@dataclass(frozen=True, eq=False)
class ResponseRegions:
    """Where each pure strategy of the other player is a best response, over one player's mixes.

    Attributes
    ----------
    player : int
        The player whose mixed strategies the regions partition (0 or 1).
    vertices : tuple of numpy.ndarray
        One array per strategy ``j`` of the other player: ``(k, n)``
        probability vectors of ``player`` (``n`` its strategies), the
        corners of the region where ``j`` is a best response, in order
        around it.  ``k = 0``: ``j`` is never a best response; a region of
        size 0 (a point, or a segment where ``j`` only ties) has 1 or 2
        vertices, or collinear ones.
    sizes : tuple of float
        Each region's share of the simplex (area for 3 strategies, length
        for 2); the regions of the strategies ``j`` with ``same_as[j] == j``
        sum to 1.
    same_as : tuple of int
        For each strategy ``j`` of the other player, the first strategy
        that pays it the same (within ``tol``) against every mix: ``j``
        itself unless ``j`` duplicates an earlier strategy, whose region
        it then shares.
    ties : tuple of (int, int, numpy.ndarray)
        ``(j, k, vertices)`` for each pair of strategies ``j < k`` (each
        its own ``same_as``) whose regions meet: the mixes where both are
        best responses, a segment (2 vertices) or a point (1), or for a
        tie within ``tol`` over a sliver, a thin polygon.
    """

    player: int
    vertices: tuple[np.ndarray, ...]
    sizes: tuple[float, ...]
    same_as: tuple[int, ...]
    ties: tuple[tuple[int, int, np.ndarray], ...] = ()


def response_regions(payoffs: np.ndarray, player: int, tol: float) -> ResponseRegions:
    """The regions of ``player``'s mixes where each pure strategy of the other player is a best response.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(2, n_0, n_1)``: a two-player game.
    player : int
        0 or 1: whose mixes are partitioned.
    tol : float
        At least 0.  A payoff difference within ``tol`` of 0 at a vertex
        counts as a tie, and two strategies whose payoffs differ by at
        most ``tol`` against every pure strategy of ``player`` are one
        (``same_as``).

    Returns
    -------
    ResponseRegions

    Raises
    ------
    ValueError
        ``payoffs`` is not a two-player game; ``player`` is not 0 or 1;
        ``tol`` is negative.

    Examples
    --------
    Rock-paper-scissors: against Row's mix, Column's best response is
    paper where Row plays rock the most (a quadrilateral from the rock
    corner to the uniform mix), and so on; each region is a third of the
    triangle.

    >>> rps = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], dtype=float)
    >>> regions = response_regions(np.stack([rps, -rps]), 0, 1e-9)
    >>> regions.vertices[1].round(3).tolist()     # Column's paper
    [[1.0, 0.0, 0.0], [0.333, 0.667, 0.0], [0.333, 0.333, 0.333], [0.667, 0.0, 0.333]]
    >>> np.round(regions.sizes, 6).tolist()
    [0.333333, 0.333333, 0.333333]
    >>> [(j, k, tie.round(3).tolist()) for j, k, tie in regions.ties][0]   # Column indifferent: rock or paper
    (0, 1, [[0.667, 0.0, 0.333], [0.333, 0.333, 0.333]])

    A player with two strategies mixes over a segment: in matching
    pennies the second player, who wants to mismatch, plays heads while
    the first plays heads with probability at most 1/2.

    >>> pennies = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    >>> [v.tolist() for v in response_regions(pennies, 0, 1e-9).vertices]
    [[[0.5, 0.5], [0.0, 1.0]], [[1.0, 0.0], [0.5, 0.5]]]
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.ndim != 3 or payoffs.shape[0] != 2:
        raise ValueError(f"payoffs: expected a two-player game of shape (2, n_0, n_1), not {payoffs.shape}")
    if player not in (0, 1):
        raise ValueError(f"player: expected 0 or 1, not {player!r}")
    if not tol >= 0:
        raise ValueError(f"tol: expected a number at least 0, not {tol!r}")
    # gains[i, j]: the other player's payoff from its strategy j when `player` plays i.
    gains = payoffs[1 - player] if player == 0 else payoffs[0].T
    n, m = gains.shape
    same_as = tuple(next(k for k in range(m) if np.abs(gains[:, j] - gains[:, k]).max() <= tol) for j in range(m))
    vertices = []
    for j in range(m):
        polygon = np.eye(n)
        for k in range(m):
            if same_as[k] != same_as[j]:
                polygon = _clip(polygon, gains[:, j] - gains[:, k], tol)
        vertices.append(polygon)
    own = [j for j in range(m) if same_as[j] == j]
    # Where j is a best response and k pays at least as much: both are.
    ties = [(j, k, _clip(vertices[j], gains[:, k] - gains[:, j], tol)) for j in own for k in own if j < k]
    return ResponseRegions(player, tuple(vertices), tuple(_size(v) for v in vertices), same_as,
                           tuple(t for t in ties if len(t[2])))


def _clip(polygon: np.ndarray, direction: np.ndarray, tol: float) -> np.ndarray:
    """The part of the convex ``polygon`` (rows: vertices in order) where ``x @ direction >= 0``, ties within ``tol``."""
    if len(polygon) == 0:
        return polygon
    f = polygon @ direction
    f = np.where(np.abs(f) <= tol, 0.0, f)
    inside = f >= 0
    if inside.all() or not inside.any():
        return polygon if inside.all() else polygon[:0]
    kept = []
    for i in range(len(polygon)):
        a, fa, b, fb = polygon[i], f[i], polygon[(i + 1) % len(polygon)], f[(i + 1) % len(polygon)]
        if fa >= 0:
            kept.append(a)
        if (fa >= 0) != (fb >= 0):
            kept.append(a + fa / (fa - fb) * (b - a))
    return _distinct(np.array(kept))


def _distinct(polygon: np.ndarray) -> np.ndarray:
    """``polygon`` without a vertex equal to the one before it (cyclically)."""
    keep = [v for i, v in enumerate(polygon) if i == 0 or np.abs(v - polygon[i - 1]).max() > _SAME_VERTEX]
    if len(keep) > 1 and np.abs(keep[-1] - keep[0]).max() <= _SAME_VERTEX:
        keep.pop()
    return np.array(keep)


def _size(polygon: np.ndarray) -> float:
    """Share of the simplex: length for 2 strategies, area (shoelace on the first two probabilities) for 3."""
    if len(polygon) < 2:
        return 0.0
    if polygon.shape[1] == 2:
        return float(np.ptp(polygon[:, 0]))
    x, y = polygon[:, 0], polygon[:, 1]
    return float(abs(x @ np.roll(y, -1) - y @ np.roll(x, -1)))  # twice the area; the simplex's is 1/2


def shared_mixes(profiles, player: int, tol: float) -> list[tuple[np.ndarray, list[int]]]:
    """Equilibria grouped by ``player``'s mix: each distinct mix with the indices of the equilibria that play it.

    Parameters
    ----------
    profiles : sequence of tuple of numpy.ndarray
        One profile (a probability vector per player) per equilibrium.
    player : int
        Whose mixes are compared.
    tol : float
        Mixes whose probabilities differ by at most this are one.

    Returns
    -------
    list of (numpy.ndarray, list of int)
        In order of the first equilibrium playing each mix.

    Examples
    --------
    >>> profiles = [(np.array([1.0, 0.0]), np.array([0.0, 1.0])), (np.array([1.0, 0.0]), np.array([0.5, 0.5]))]
    >>> [(mix.tolist(), k) for mix, k in shared_mixes(profiles, 0, 1e-9)]
    [([1.0, 0.0], [0, 1])]
    """
    groups: list[tuple[np.ndarray, list[int]]] = []
    for k, profile in enumerate(profiles):
        mix = np.asarray(profile[player], dtype=float)
        for first, members in groups:
            if np.abs(first - mix).max() <= tol:
                members.append(k)
                break
        else:
            groups.append((mix, [k]))
    return groups


#: A player may have this many strategies in the pictures of best responses.
PICTURE_STRATEGIES = (2, 3)


def response_picture(shape) -> str | None:
    """Which picture of best responses ``gtre solve --plot`` draws for a normal-form game of ``shape``.

    Returns
    -------
    str or None
        ``"curves"`` for a 2×2 game (both correspondences in the unit
        square, :func:`~gametheory_re.solvers.best_response.response_curves`),
        ``"regions"`` for another two-player game with 2 or 3 strategies per
        player (:func:`response_regions`), None otherwise.

    Examples
    --------
    >>> response_picture((2, 2)), response_picture((3, 2)), response_picture((4, 3)), response_picture((2, 3, 2))
    ('curves', 'regions', None, None)
    """
    shape = tuple(shape)
    if len(shape) != 2 or not all(n in PICTURE_STRATEGIES for n in shape):
        return None
    return "curves" if shape == (2, 2) else "regions"
