"""The Python API: the same operations as the ``gtre`` command, without a subprocess."""

from __future__ import annotations

from typing import Mapping

from .equilibria import find_equilibria
from .formats import load_game
from .parametric import ParametricGame
from .result import SolveResult


def solve(game, params: Mapping[str, object] | None = None, tol: float | None = None) -> SolveResult:
    """Solve a game at a parameter point, as ``gtre solve`` does.

    Parameters
    ----------
    game : ParametricGame, str or pathlib.Path
        A loaded game, a path to a ``.toml`` or ``.nfg`` file, or the name of
        a bundled game.
    params : mapping, optional
        Parameter overrides, e.g. ``{"K": 2, "s": "1/3"}``.
    tol : float, optional
        Regret tolerance (default ``1e-9 * max(1, max |payoff|)``).

    Returns
    -------
    SolveResult

    Examples
    --------
    >>> from gametheory_re import solve
    >>> result = solve("us_china", {"q": 0.3})
    >>> result.labels
    ['(engage, restrict)']
    """
    if not isinstance(game, ParametricGame):
        game = load_game(game)
    return find_equilibria(game.at(params), tol=tol)
