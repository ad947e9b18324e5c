"""The Python API: the same operations as the ``gtre`` command, without a subprocess."""

from __future__ import annotations

from typing import Mapping

from .equilibria import find_equilibria
from .errors import GameFileError
from .trees.parametric import ParametricTree
from .formats import load_game, write_efg, write_nfg
from .options import DEFAULT_TIME_BUDGET, check_tolerance
from .parametric import ParametricGame
from .result import SequentialResult, SolveResult
from .solvers.backward_induction import subgame_perfect_equilibria
from .solvers.subgame_perfect import mark_equilibria
from .trees.reduced import induced_normal_form


def solve(
    game,
    params: Mapping[str, object] | None = None,
    tol: float | None = None,
    exact: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    max_support: int | None = None,
) -> SolveResult | SequentialResult:
    """Solve a game at a parameter point, as ``gtre solve`` does.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
        A loaded game, a path to a ``.toml``, ``.nfg`` or ``.efg`` file, or
        the name of a bundled game.
    params : mapping, optional
        Parameter overrides, e.g. ``{"K": 2, "s": "1/3"}``.
    tol : float, optional
        Regret tolerance, a finite number at least 0 (default
        ``1e-9 * max |payoff|``; see :func:`~gametheory_re.equilibria.find_equilibria`).
    exact : bool
        Also give exact equilibrium probabilities (rationals, radicals or
        algebraic numbers).
    time_budget : float or None
        Seconds the search for mixed equilibria may spend (default 60; None
        or ``inf``: no limit) before reporting that its list may be
        incomplete.
    max_support : int, optional
        Two-player games: the most strategies a player mixes over in the
        equilibria searched (default: as many as the enumeration limit
        allows); smaller limits answer large games faster, marked incomplete.

    Returns
    -------
    SolveResult or SequentialResult
        A :class:`SequentialResult` for a game tree: its subgame-perfect
        equilibria and the Nash equilibria of its reduced normal form.

    Examples
    --------
    >>> from gametheory_re import solve
    >>> result = solve("us_china", {"q": 0.3})
    >>> result.labels
    ['(engage, restrict)']
    """
    if tol is not None:
        tol = check_tolerance("tol", tol)
    if not isinstance(game, (ParametricGame, ParametricTree)):
        game = load_game(game)
    if isinstance(game, ParametricGame):
        # The n-player solver works in exact arithmetic, so give it the exact payoffs.
        numeric = game.at(params, exact=exact or game.n_players >= 3)
        return find_equilibria(numeric, tol=tol, exact=exact, time_budget=time_budget, max_support=max_support)
    return solve_tree(game.at(params), tol, time_budget, max_support)


def solve_tree(
    tree, tol: float | None = None, time_budget: float | None = DEFAULT_TIME_BUDGET, max_support: int | None = None
) -> SequentialResult:
    """Subgame-perfect equilibria and reduced-normal-form Nash equilibria of a numeric tree.

    ``time_budget`` and ``max_support`` apply to the reduced normal form, as
    in :func:`~gametheory_re.equilibria.find_equilibria`.
    """
    if tol is not None:
        tol = check_tolerance("tol", tol)
    spe = subgame_perfect_equilibria(tree, tol) if tree.is_perfect_information else None
    normal = induced_normal_form(tree)
    nash = find_equilibria(normal.game, tol=tol, time_budget=time_budget, max_support=max_support)
    return SequentialResult(tree, spe, normal, nash, mark_equilibria(normal, nash.equilibria, nash.tol))


def export(game, suffix: str, params: Mapping[str, object] | None = None, target: str = "") -> str:
    """A game at a parameter point as Gambit text, as ``gtre convert`` writes it.

    Parameters
    ----------
    game : ParametricGame or ParametricTree
    suffix : {".nfg", ".efg"}
        ``.nfg`` is the strategic form (a tree's reduced normal form);
        ``.efg`` the game tree (sequential games only).
    params : mapping, optional
        Parameter overrides.
    target : str
        Output name, for error messages.

    Returns
    -------
    str
    """
    if suffix not in (".nfg", ".efg"):
        raise GameFileError(target, "", "the output must be a .nfg (strategic form) or .efg (game tree) file")
    numeric = game.at(params, exact=True)
    named = (target,) if target else ()  # the writers name the output in their errors
    if isinstance(game, ParametricTree):
        return write_efg(numeric, *named) if suffix == ".efg" else write_nfg(induced_normal_form(numeric).game, *named)
    if suffix == ".efg":
        raise GameFileError(target, "", "a normal-form game has no tree: write it as .nfg, or convert a sequential game")
    return write_nfg(numeric, *named)
