"""The Python API: one function per ``gtre`` command, with the command's options
as keyword arguments, each returning a result object.

=================  ================================================
``gtre list``      :func:`list_games` -> list of :class:`GameEntry`
``gtre show``      :func:`show` (also :func:`describe`) -> :class:`GameDescription`
``gtre validate``  :func:`validate` -> :class:`Validation`
``gtre solve``     :func:`solve` -> :class:`SolveResult` or :class:`SequentialResult`
``gtre convert``   :func:`convert` -> :class:`Conversion` (:func:`export`: the text only)
``gtre compare``   :func:`compare` -> :class:`Comparison`
``gtre sweep``     :func:`sweep` -> :class:`SweepResult`
``gtre threshold`` :func:`threshold` -> :class:`ThresholdResult`
``gtre discover``  :func:`discover` -> :class:`DiscoveryResult`
``gtre conditions`` :func:`conditions` -> :class:`ConditionsResult`
``gtre sensitivity`` :func:`sensitivity` -> :class:`SensitivityResult`
``gtre report``    :func:`report` -> :class:`Report` (and the page)
=================  ================================================

``--set NAME=VALUE`` is ``params={"NAME": VALUE}`` everywhere; ``--force`` is
``overwrite=True``.  Errors name these arguments (``params``, ``vary``...);
the command line says its flags instead.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
from typing import Callable, Mapping, Sequence

from .atomic import atomic_write_text, check_target
from .commitment import Comparison, compare_orders
from .equilibria import find_equilibria
from .errors import GameFileError
from .trees.model import GameTree
from .trees.parametric import ParametricTree
from .symbolic.analysis import game_conditions
from .symbolic.sequential import sequential_conditions
from .formats import bundled_games, load_game, write_efg, write_nfg
from .formats.numeric import from_game_tree, from_normal_form
from .limits import MAX_PLOT_CELLS
from .normal_form import NormalFormGame
from .options import DEFAULT_TIME_BUDGET, check_integer, check_positive, check_time_budget, check_tolerance
from .parametric import ParametricGame
from .presenters.pictures import picture_format
from .presenters.tree import plot_tree
from .errors import UnsupportedError
from .result import Conversion, GameDescription, GameEntry, Report, SequentialResult, SolveResult, Validation
from .solvers.backward_induction import subgame_perfect_equilibria
from .solvers.best_response import best_response_marks, response_curves
from .solvers.response_regions import response_picture, response_regions, shared_mixes
from .solvers.subgame_perfect import mark_equilibria
from .trees.reduced import induced_normal_form
from .solvers.regret import default_tol
from .sweeps.boundaries import boundary_curves, check_boundaries
from .sweeps.grid import Axis, read_axis
from .sweeps.run import check_table_size, make_spec, run_spec
from .sweeps.summary import SweepResult
from .sweeps.threshold import TREE_NOTE, ThresholdResult, search_mode, thresholds
from .symbolic import ConditionsResult
from .gsa.result import SensitivityResult
from .discovery.result import DiscoveryResult
from .dynamics.run import dynamic_game, simulate_game
from .dynamics.simulation import Simulation
from .learning import RULES as LEARNING_RULES
from .learning.fictitious_play import check_counts
from .learning.result import LearningResult, check_iterations, check_seed
from .solvers.deadline import Deadline
from .solvers.pareto import efficient_profiles
from .solvers.qre import MAXREGRET as QRE_MAXREGRET, LogitBranch, default_lambdas, logit_branch


#: What :func:`solve` accepts as a game.
Solvable = str | Path | ParametricGame | ParametricTree | NormalFormGame | GameTree


def _loaded(game) -> ParametricGame | ParametricTree:
    """A game as loaded: a path or bundled name is read, a loaded game kept, a numeric one wrapped.

    Raises
    ------
    TypeError
        Naming ``game``, for anything else.
    """
    if isinstance(game, (ParametricGame, ParametricTree)):
        return game
    if isinstance(game, NormalFormGame):
        return from_normal_form(game)
    if isinstance(game, GameTree):
        return from_game_tree(game)
    if isinstance(game, (str, Path)):
        return load_game(game)
    raise TypeError(f"game: expected a path, the name of a bundled game, or a game, not {type(game).__name__}")


def _no_params(params: Mapping[str, object] | None) -> None:
    if params:
        raise GameFileError("params", next(iter(params)), "a numeric game has no parameters to set")


def list_games() -> list[GameEntry]:
    """The bundled games, as ``gtre list`` lists them, sorted by name.

    Returns
    -------
    list of GameEntry

    Examples
    --------
    >>> from gametheory_re import list_games
    >>> entry = next(e for e in list_games() if e.name == "us_china")
    >>> entry.game.title
    'US-China rare-earth decoupling (Game A)'
    """
    return [GameEntry(path.stem, path, load_game(path)) for path in bundled_games()]


def show(game, params: Mapping[str, object] | None = None) -> GameDescription:
    """A game at a parameter point with its best responses, as ``gtre show`` prints it.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
        A loaded game, a game file or the name of a bundled game.
    params : mapping, optional
        Parameter overrides (``--set``), e.g. ``{"q": 0.3}``.

    Returns
    -------
    GameDescription
        ``best_responses`` marks, for a normal-form game, every payoff that
        is a best response within the default tolerance.

    Examples
    --------
    >>> from gametheory_re import show
    >>> view = show("prisoners_dilemma")
    >>> view.best_responses[0].tolist()      # Row: defecting is the best response to both
    [[False, False], [True, True]]
    """
    loaded = _loaded(game)
    numeric = loaded.at(params)
    if isinstance(loaded, ParametricTree):
        return GameDescription(loaded, numeric, None, None)
    tol = default_tol(numeric.payoffs)
    return GameDescription(loaded, numeric, best_response_marks(numeric.payoffs, tol), tol)


#: :func:`show` under the name of what it returns.
describe = show


def validate(game) -> Validation:
    """Check a game, as ``gtre validate`` does: read it and evaluate it at its defaults.

    Raises
    ------
    GameFileError
        Saying what is wrong and where.

    Examples
    --------
    >>> from gametheory_re import validate
    >>> validate("us_china").game.players
    ('US', 'China')
    """
    loaded = _loaded(game)
    loaded.at()
    return Validation(loaded.source, loaded)


def solve(
    game: Solvable,
    params: Mapping[str, object] | None = None,
    tol: float | None = None,
    exact: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
    max_support: int | None = None,
    plot=None,
    overwrite: bool = False,
    qre: bool = False,
    qre_lambdas: Sequence[float] | None = None,
    qre_maxregret: float = QRE_MAXREGRET,
) -> SolveResult | SequentialResult | LogitBranch:
    """Solve a game at a parameter point, as ``gtre solve`` does.

    Parameters
    ----------
    game : str, pathlib.Path, ParametricGame, ParametricTree, NormalFormGame or GameTree
        A game file or the name of a bundled game, a loaded game, or a
        numeric game (then ``params`` must be empty).
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
    plot : str or pathlib.Path, optional
        Also draw a picture to this ``.png``, ``.svg`` or ``.pdf`` file:
        for a 2×2 game the two best-response correspondences with the
        equilibria; for another two-player game with 2 or 3 strategies per
        player, one panel per player: its mixed strategies (a triangle for
        3 strategies, a segment for 2) coloured by the other player's best
        response, each equilibrium's mix marked E1, E2, ... (see
        :func:`~gametheory_re.solvers.response_regions.response_regions`);
        for a game tree the tree with the first subgame-perfect
        equilibrium; with ``qre`` the branch.  Other normal-form games are
        refused.
    overwrite : bool
        Replace an existing ``plot`` file.
    qre : bool
        Normal-form games: instead of every equilibrium, trace the principal
        branch of logit quantal response equilibria from λ = 0 to the Nash
        equilibrium it selects (see :func:`~gametheory_re.solvers.qre.logit_branch`;
        ``time_budget`` bounds the trace, ``tol`` verifies the limit).
    qre_lambdas : sequence of float, optional
        With ``qre``: the precisions at which to report the QRE (default
        :func:`~gametheory_re.solvers.qre.default_lambdas`: 0.1 to 300 over
        the payoff range).
    qre_maxregret : float
        With ``qre``: stop tracing once the largest regret is at most this
        times the payoff range (Gambit's ``maxregret``, default 1e-8).

    Returns
    -------
    SolveResult, SequentialResult or LogitBranch
        A :class:`SequentialResult` for a game tree: its subgame-perfect
        equilibria and the Nash equilibria of its reduced normal form; a
        :class:`~gametheory_re.solvers.qre.LogitBranch` with ``qre``.

    Examples
    --------
    >>> from gametheory_re import solve
    >>> result = solve("us_china", {"q": 0.3})
    >>> result.labels
    ['(engage, restrict)']
    >>> branch = solve("stag_hunt", qre=True, qre_lambdas=[0.5])
    >>> branch.requested[0][1].round(3).tolist(), branch.limit.tolist()
    ([0.282, 0.718, 0.282, 0.718], [0.0, 1.0, 0.0, 1.0])
    """
    if tol is not None:
        tol = check_tolerance("tol", tol)
    if isinstance(game, (NormalFormGame, GameTree)):
        _no_params(params)
    else:
        game = _loaded(game)
    if qre:
        return _solve_qre(game, params, tol, exact, time_budget, max_support, plot, overwrite, qre_lambdas,
                          qre_maxregret)
    for name, value in (("qre_lambdas", qre_lambdas), ("qre_maxregret", None if qre_maxregret == QRE_MAXREGRET
                                                       else qre_maxregret)):
        if value is not None:
            raise GameFileError(name, str(value), "applies only to the QRE branch (qre=)")
    if plot is not None:
        if not isinstance(game, (GameTree, ParametricTree)) and response_picture(game.shape) is None:
            raise GameFileError("plot", str(plot), "pictures of solve are for 2x2 games and two-player games with at "
                                                   "most 3 strategies each (the best responses), game trees and qre=; "
                                                   "sweep(..., plot=) draws maps")
        picture_format(plot)
        check_target(plot, overwrite)
    if isinstance(game, ParametricGame):
        # The n-player solver works in exact arithmetic, so give it the exact payoffs.
        numeric = game.at(params, exact=exact or game.n_players >= 3)
    else:
        numeric = game.at(params) if isinstance(game, ParametricTree) else game
    if isinstance(numeric, NormalFormGame):
        result = find_equilibria(numeric, tol=tol, exact=exact, time_budget=time_budget, max_support=max_support)
        if plot is not None:
            _draw_responses(result, plot, overwrite)
        return result
    result = solve_tree(numeric, tol, time_budget, max_support)
    if plot is not None:
        spe = result.subgame_perfect
        plot_tree(result.tree, plot, spe.equilibria[0] if spe and spe.equilibria else None, overwrite=overwrite)
    return result


#: Equilibria whose mixes for a player differ by at most this share one mark in the best-response regions picture.
MIX_TOL = 1e-9


def _draw_responses(result: SolveResult, plot, overwrite: bool) -> None:
    """``solve(..., plot=)`` on a normal-form game: the best-response picture its shape has."""
    payoffs = result.game.payoffs
    # matplotlib is imported only for a picture (cold start).
    if response_picture(payoffs.shape[1:]) == "curves":
        from .presenters.response_plots import draw_responses

        draw_responses(result, response_curves(payoffs, result.tol), plot, overwrite=overwrite)
        return
    from .presenters.region_plots import draw_regions

    draw_regions(result, *_regions(result), plot, overwrite=overwrite)


def _regions(result: SolveResult) -> tuple[tuple, tuple]:
    """Both players' best-response regions and the equilibria grouped by each player's mix (the regions picture)."""
    payoffs = result.game.payoffs
    profiles = [eq.profile for eq in result.equilibria]
    return (tuple(response_regions(payoffs, p, result.tol) for p in (0, 1)),
            tuple(shared_mixes(profiles, p, MIX_TOL) for p in (0, 1)))


def _solve_qre(game, params, tol, exact, time_budget, max_support, plot, overwrite, lambdas, maxregret) -> LogitBranch:
    """``solve(..., qre=True)``: the logit QRE branch of a normal-form game."""
    for name, value in (("exact", "" if exact else None), ("max_support", max_support)):
        if value is not None:
            raise GameFileError(name, str(value), "does not apply to the QRE branch (qre=), which is traced numerically")
    if isinstance(game, (GameTree, ParametricTree)):
        raise GameFileError("game", getattr(game, "source", "") or "tree",
                            "the QRE branch (qre=) is for normal-form games; convert the tree to its reduced normal form first "
                            "(gtre convert GAME OUT.nfg)")
    numeric = game if isinstance(game, NormalFormGame) else game.at(params)
    if plot is not None:
        picture_format(plot)
        check_target(plot, overwrite)
    if lambdas is None:
        lambdas = default_lambdas(numeric.payoffs)
    budget = None if time_budget is None else check_time_budget("time_budget", time_budget)
    branch = logit_branch(numeric.payoffs, lambdas=lambdas, maxregret=maxregret, tol=tol,
                          deadline=Deadline(budget)).with_game(numeric)
    if plot is not None:
        # matplotlib is imported only for a picture (cold start).
        from .presenters.qre_plots import draw_qre

        draw_qre(branch, plot, overwrite=overwrite)
    return branch


def solve_tree(
    tree: GameTree, tol: float | None = None, time_budget: float | None = DEFAULT_TIME_BUDGET,
    max_support: int | None = None,
) -> SequentialResult:
    """Subgame-perfect equilibria and reduced-normal-form Nash equilibria of a numeric tree.

    ``time_budget`` and ``max_support`` apply to the reduced normal form, as
    in :func:`~gametheory_re.equilibria.find_equilibria`.

    Examples
    --------
    >>> from gametheory_re import load_game, solve_tree
    >>> result = solve_tree(load_game("us_japan_china_sequential").at())
    >>> len(result.subgame_perfect.equilibria), result.marks.count(True)
    (1, 1)
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
    game : ParametricGame, ParametricTree, str or pathlib.Path
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

    Examples
    --------
    >>> from gametheory_re import export
    >>> export("prisoners_dilemma", ".nfg").splitlines()[0]
    'NFG 1 R "Prisoner\\'s dilemma" { "Row" "Column" }'
    """
    if suffix not in (".nfg", ".efg"):
        raise GameFileError(target, "", "the output must be a .nfg (strategic form) or .efg (game tree) file")
    game = _loaded(game)
    numeric = game.at(params, exact=True)
    named = (target,) if target else ()  # the writers name the output in their errors
    if isinstance(game, ParametricTree):
        return write_efg(numeric, *named) if suffix == ".efg" else write_nfg(induced_normal_form(numeric).game, *named)
    if suffix == ".efg":
        raise GameFileError(target, "", "a normal-form game has no tree: write it as .nfg, or convert a sequential game")
    return write_nfg(numeric, *named)


def convert(game, out, params: Mapping[str, object] | None = None, overwrite: bool = False) -> Conversion:
    """Write a game at a parameter point to a Gambit ``.nfg`` or ``.efg`` file, as ``gtre convert`` does.

    The file is written to a temporary file and renamed, so ``out`` is never
    left half-written; an existing ``out`` is replaced only with ``overwrite``.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
    out : str or pathlib.Path
        The file to write; its suffix chooses the format (see :func:`export`).
    params : mapping, optional
        Parameter overrides.
    overwrite : bool

    Returns
    -------
    Conversion

    Examples
    --------
    >>> import os, tempfile
    >>> from gametheory_re import convert
    >>> out = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> convert("prisoners_dilemma", out).text.startswith("NFG 1 R")
    True
    """
    out = str(out)
    check_target(out, overwrite)
    text = export(_loaded(game), Path(out).suffix, params, target=out)
    atomic_write_text(out, text, overwrite=overwrite)
    return Conversion(out, text)


def compare(
    game,
    orders: Sequence[str | Sequence[str]] | None = None,
    params: Mapping[str, object] | None = None,
    tol: float | None = None,
) -> Comparison:
    """Simultaneous play against each move order, as ``gtre compare`` does.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
    orders : sequence, optional
        Move orders, each a sequence of player names or their text with
        commas (``"US,Japan,China"``); default every order.
    params : mapping, optional
        Parameter overrides.
    tol : float, optional
        Tie tolerance (default ``1e-9 * max |payoff|``).

    Returns
    -------
    Comparison
        See :func:`~gametheory_re.commitment.compare_orders`.

    Examples
    --------
    >>> from gametheory_re import compare
    >>> comparison = compare("us_japan_china", ["US,Japan,China"])
    >>> [o.order for o in comparison.orders]
    [('US', 'Japan', 'China')]
    """
    if isinstance(orders, str):
        orders = [orders]  # one order, "US,Japan,China", not a list of its characters
    parsed = [[name.strip() for name in o.split(",")] if isinstance(o, str) else list(o) for o in orders or ()]
    return compare_orders(_loaded(game), parsed or None, params, tol)


def sweep(
    game,
    vary: Sequence[str | Axis] = (),
    *,
    samples: int | None = None,
    sample_params: Sequence[str] = (),
    seed: int = 0,
    latin: bool = False,
    params: Mapping[str, object] | None = None,
    outcomes: Sequence[str] | None = None,
    equilibria: str = "auto",
    out=None,
    resume: bool = False,
    plot=None,
    boundaries: bool = False,
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    collect: bool = True,
    as_frame: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    select: str | None = None,
    periods: int | None = None,
) -> SweepResult:
    """Equilibrium sets and outcome statuses over a grid or sample of parameters, as ``gtre sweep``.

    The arguments are those of :func:`gametheory_re.sweeps.sweep` (which
    returns the table alone), plus:

    Parameters
    ----------
    equilibria : {"auto", "pure", "all"}
        The default ``"auto"`` searches all equilibria of 1- and 2-player
        games and of the 3-player games the batched solver covers
        (:func:`~gametheory_re.solvers.nplayer_batch.covers`), pure
        equilibria only otherwise; ``result.summary.mode_reason`` (the
        header of ``gtre sweep``) says which ran and why.
    plot : str or pathlib.Path, optional
        Draw a band chart (1 axis) or a regime map (2 axes) of a grid to
        this ``.png``, ``.svg`` or ``.pdf`` file, with a strip or an outcome
        map for each of ``outcomes`` (every outcome of the game when not
        given), at most 4: with more, the first 4 are drawn and the picture
        says so.  Regions are equilibrium supports (the ``support`` column):
        the probabilities of a mixed equilibrium vary within a region, and
        the picture says so.  Each support's colour comes from its label, so
        it is the same in every picture of the game (see
        :mod:`gametheory_re.presenters.colours`); supports too small to see
        are drawn grey and summed as ``other (N sets)``.
    boundaries : bool
        With ``plot`` and a grid over two parameters of a normal-form game:
        also draw the exact curves of the game's conditions (as
        :func:`conditions` gives them, the other parameters fixed at the
        sweep's values) where they separate regions, over the regime and
        outcome maps, each named in a legend (see
        :func:`gametheory_re.sweeps.boundaries.boundary_curves`).
    collect : bool
        Keep the table in memory (``result.table``); with ``False`` only the
        summary is kept (and the rows written to ``out``, if given), so any
        number of points runs in bounded memory.
    progress : callable, optional
        Called as ``progress(done, total)`` with the points finished and the
        points in all: once with ``done=0`` before any work, then after each
        chunk.
    select : {"first", "payoff_dominant", "risk_dominant"}, optional
        Also give, per outcome, its probability in the equilibrium this rule
        selects (column ``OUTCOME@RULE``, NaN where it selects none; see
        :mod:`gametheory_re.solvers.selection`).
    periods : int, optional
        Games with a ``[dynamics]`` section: each point is a simulation of
        this many periods (default the file's); its row is the long-run
        outcome, the play at the last period, with the columns ``limit``
        (fixed point, cycle or moving), ``switches`` and
        ``first_OUTCOME`` (the first period the outcome holds, NaN: never).

    Returns
    -------
    SweepResult
        ``table`` (None unless ``collect``; its columns are those of
        :func:`gametheory_re.sweeps.sweep`) and ``summary`` (regimes
        counted by support).

    Examples
    --------
    >>> from gametheory_re import sweep
    >>> result = sweep("us_china", ["rho=0:1:11"], collect=False)
    >>> result.summary.points, result.table is None
    (11, True)
    >>> result.summary.outcomes["status_quo"]["all"]
    5
    """
    if resume and out is None:
        raise GameFileError("resume", "", "needs out=, the file of the interrupted sweep")
    loaded = _loaded(game)
    spec = make_spec(loaded, vary, samples, sample_params, seed, latin, params, outcomes, equilibria, chunk_size, select,
                     periods)
    keep = None
    if boundaries:
        if plot is None:
            raise GameFileError("boundaries", "", "draws exact boundary curves on a picture: it needs plot=")
        check_boundaries(spec)
    if plot is not None:
        _check_plot(spec, plot, overwrite)
        # Imported only for a picture: matplotlib takes longer to import than
        # most commands take to run (see benchmarks/bench_cold_start.py).
        from .presenters import plots

        keep = plots.plot_columns(spec)
    elif collect:
        check_table_size(spec)
    if progress is not None:
        progress(0, spec.design.n_points)
    result = run_spec(spec, out=out, resume=resume, workers=workers, scheduler=scheduler,
                      progress=None if progress is None else _counting(progress, spec.design.n_points),
                      collect=collect or plot is not None, as_frame=as_frame if plot is None else False,
                      overwrite=overwrite, keep=keep)
    summary = result.summary
    if out is not None:
        summary = dataclasses.replace(summary, out=str(out))
    if plot is not None:
        curves = None
        if boundaries:
            columns = [result.table[name] for name in plots.drawn_outcomes(spec)]
            curves = boundary_curves(spec, result.table["support"], params=params, outcomes=columns)
        plots.draw_sweep(spec, result.table, plot, overwrite=overwrite, boundaries=curves)
        summary = dataclasses.replace(summary, plot=str(plot))
    return dataclasses.replace(result, table=result.table if collect else None, summary=summary)


def _counting(progress: Callable[[int, int], None], total: int) -> Callable[[int], None]:
    """``progress(done, total)`` fed by the per-chunk counts that :func:`run_spec` reports."""
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        progress(done, total)

    return step


def _check_plot(spec, path, overwrite: bool) -> None:
    """Refuse, before any work, a sweep picture that cannot be drawn or written."""
    picture_format(path)
    if not hasattr(spec.design, "axes") or len(spec.design.axes) > 2:
        raise GameFileError("plot", str(path), "pictures need a grid over 1 or 2 parameters (vary= once or twice)")
    if spec.design.n_points > MAX_PLOT_CELLS:
        raise GameFileError("plot", str(path), f"the grid has {spec.design.n_points} cells; a picture may have at "
                                               f"most {MAX_PLOT_CELLS}: use fewer points per axis")
    check_target(path, overwrite)


def threshold(
    game,
    param: str,
    outcome: str,
    params: Mapping[str, object] | None = None,
    points: int = 201,
    xtol: float | None = None,
    max_iter: int = 200,
    equilibria: str = "auto",
    exact: bool = False,
) -> ThresholdResult:
    """Values of ``param`` at which ``outcome`` switches, as ``gtre threshold``.

    The arguments are those of
    :func:`~gametheory_re.sweeps.threshold.thresholds` (which returns the
    switches alone).  Only the outcome's status makes a switch: the
    probabilities of a mixed equilibrium moving with ``param`` do not.

    Parameters
    ----------
    equilibria : {"auto", "pure", "all"}
        The default ``"auto"`` searches all equilibria of 1- and 2-player
        games and of the 3-player games the batched solver covers
        (:func:`~gametheory_re.solvers.nplayer_batch.covers`), pure
        equilibria only otherwise; ``result.mode_reason`` says which ran
        and why.
    exact : bool
        Also give each switch as an exact boundary, ``param = formula`` in
        the game's parameters, with its exact value at the point, where it
        is one of the equilibrium conditions (``gtre threshold --exact``);
        bisection stays the answer where it is not, and says so
        (``Switch.method``, ``Switch.exact_note``).  Not for trees.

    Returns
    -------
    ThresholdResult
        The switches, each with the equilibrium sets on both sides by
        label (with probabilities) and by support, and the mode searched
        (``equilibria``, ``mode_reason``).

    Examples
    --------
    >>> from gametheory_re import threshold
    >>> result = threshold("us_china", "rho", "status_quo")
    >>> [(s.value, s.status_below, s.status_above) for s in result.switches]
    [(0.5, 'none', 'all')]
    >>> [s.formula for s in threshold("us_china", "rho", "status_quo", exact=True).switches]
    ['g - pi*q']
    """
    loaded = _loaded(game)
    switches = thresholds(loaded, param, outcome, params, points, xtol, max_iter, equilibria, exact=exact)
    notes = (TREE_NOTE,) if exact and isinstance(loaded, ParametricTree) else ()
    return ThresholdResult(param, outcome, tuple(switches), *search_mode(loaded, param, equilibria),
                           exact=bool(exact), notes=notes)


def discover(
    game,
    outcome: str,
    *,
    method: str = "prim",
    status: str | None = None,
    select: str | None = None,
    vary: Sequence[str] = (),
    fix: Mapping[str, object] | None = None,
    ranges: Mapping[str, object] | None = None,
    samples: int | None = None,
    seed: int = 0,
    threshold: float = 0.8,
    peel_alpha: float = 0.05,
    paste_alpha: float = 0.05,
    mass_min: float = 0.05,
    box: int | None = None,
    max_depth: int = 3,
    min_leaf: float = 0.05,
    equilibria: str = "auto",
    table=None,
    out=None,
    resume: bool = False,
    plot=None,
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DiscoveryResult:
    """Where an outcome holds, as readable PRIM boxes or decision-tree rules, as ``gtre discover``.

    Every varied parameter is sampled over its range (a Latin hypercube),
    the game is solved at every run by the vectorised sweep engine, and the
    runs where the quantity holds are described by a box (PRIM, by the EMA
    Workbench) or by rules (a decision tree, by scikit-learn).  Runs with no
    equilibrium found to judge by are counted and left out.  Needs the
    ``sensitivity`` extra.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
    outcome : str
    method : {"prim", "tree"}
        ``"prim"``: the peeling and pasting trajectory and the box chosen
        from it; ``"tree"``: one rule per leaf of a decision tree.
    status, select
        The quantity, as for :func:`sensitivity`: 1 where the outcome holds
        in every (``"all"``, the default) or some equilibrium; or, with
        ``select``, its probability in the selected equilibrium (PRIM then
        peels on the mean probability; a regression tree fits it).
    vary, fix, ranges, samples, seed
        What varies over which range, and the Latin hypercube of
        ``samples`` points (default 10 000) drawn with ``seed`` (also the
        seed of the tree's tie-breaks).
    threshold : float
        PRIM: the density the box should reach.  The box reported is the
        step with the largest coverage whose density is at least
        ``threshold``, or the densest step when none is.
    peel_alpha, paste_alpha, mass_min : float
        PRIM: share of the box's runs peeled (pasted) per step; the least
        share of all runs a box keeps.
    box : int, optional
        PRIM: report this step of the trajectory instead (0: the whole sample).
    max_depth, min_leaf
        Trees: levels, and the least share of the runs in a leaf.
    equilibria, out, resume, overwrite, workers, scheduler, chunk_size
        As for :func:`sweep`.
    table : path, optional
        Analyse the rows of an earlier sweep (``gtre sweep --samples N
        --latin --out FILE``) instead of running one.
    plot : path, optional
        Draw the trade-off curve and box limits (PRIM) or the rules (tree)
        to a ``.png``, ``.svg`` or ``.pdf`` file.
    progress : callable, optional
        ``progress(done, total)`` in model runs.

    Returns
    -------
    DiscoveryResult
        ``box`` (the chosen :class:`~gametheory_re.discovery.result.Box`),
        ``boxes`` and ``trajectory`` (PRIM), ``rules`` (trees).

    Examples
    --------
    >>> from gametheory_re import discover
    >>> result = discover("us_china", "status_quo", vary=["rho", "g"], samples=500)
    >>> sorted(limit.name for limit in result.box.limits), result.box.density >= 0.8
    (['g', 'rho'], True)
    >>> rule = discover("us_china", "status_quo", method="tree", vary=["rho", "g"], samples=500).rules[0]
    >>> rule.holds, rule.purity
    (True, 1.0)
    """
    # The studies import scipy.stats and pandas (0.9 s), which no other command needs.
    from .discovery.study import discover_study

    result = _study(
        discover_study, game, outcome, plot, progress, method=method, status=status, select=select, vary=vary,
        fix=fix, ranges=ranges, samples=samples, seed=seed, threshold=threshold, peel_alpha=peel_alpha,
        paste_alpha=paste_alpha, mass_min=mass_min, box=box, max_depth=max_depth, min_leaf=min_leaf,
        equilibria=equilibria, table=table, out=out, resume=resume, overwrite=overwrite, workers=workers,
        scheduler=scheduler, chunk_size=chunk_size,
    )
    if plot is not None:
        # Imported only for a picture: matplotlib is slow to import.
        from .presenters import discovery_plots

        result = dataclasses.replace(result, plot=str(plot))
        discovery_plots.draw_discovery(result, plot, overwrite=overwrite)
    return result


def conditions(
    game,
    params: Mapping[str, object] | None = None,
    free: Sequence[str] | None = None,
    outcomes: Sequence[str] | None = None,
    mixed: bool = True,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> ConditionsResult:
    """Exact conditions on the parameters for each equilibrium and outcome (``gtre conditions``).

    For every pure profile, where it is a Nash equilibrium (each player's
    every deviation, ``min``/``max``/``piecewise`` payoffs split into cases,
    each condition simplified over the parameters' bounds); closed-form
    mixed equilibria where two players mix; and per outcome, where it holds
    in every and in some pure equilibrium.  See
    :func:`gametheory_re.symbolic.game_conditions`.

    Parameters
    ----------
    game : ParametricGame, str or pathlib.Path
        A normal-form game, or a tree with perfect information and no
        chance moves (then the result is a
        :class:`~gametheory_re.symbolic.sequential.SequentialConditions`:
        subgame perfection node by node, plan profile by plan profile).
    params : mapping, optional
        Parameters to fix at exact values (as ``--set``).
    free : sequence of str, optional
        Keep only these parameters free (as ``--free``); the others take
        ``params`` or their defaults.
    outcomes : sequence of str, optional
        Outcomes to report (default: all).
    mixed : bool
        Also give closed-form mixed equilibria.
    time_budget : float or None
        Seconds for the analysis (None or ``inf``: no limit): past them the
        pure conditions stop with an error, the mixed analysis stops and
        says how many supports it left.

    Returns
    -------
    ConditionsResult or SequentialConditions

    Examples
    --------
    >>> from gametheory_re.api import conditions
    >>> result = conditions("us_china", free=["rho"], outcomes=["status_quo"])
    >>> result.outcomes[0].every_set
    Interval(1/2, 1)
    """
    loaded = _loaded(game)
    if isinstance(loaded, ParametricTree):
        # Subgame perfection node by node (perfect information, no chance);
        # ``mixed`` does not apply: backward induction needs no mixing.
        return sequential_conditions(loaded, params, free, outcomes, time_budget)
    return game_conditions(loaded, params, free, outcomes, mixed, time_budget)


def sensitivity(
    game,
    outcome: str,
    *,
    method: str = "sobol",
    status: str | None = None,
    select: str | None = None,
    vary: Sequence[str] = (),
    fix: Mapping[str, object] | None = None,
    ranges: Mapping[str, object] | None = None,
    samples: int | None = None,
    seed: int = 0,
    second_order: bool = False,
    resamples: int = 100,
    conf_level: float = 0.95,
    harmonics: int = 10,
    slices: int = 10,
    equilibria: str = "auto",
    table=None,
    out=None,
    resume: bool = False,
    plot=None,
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """Which parameters decide whether an outcome holds: global sensitivity indices, as ``gtre sensitivity``.

    Every varied parameter is sampled uniformly over its range, the game is
    solved at every run by the vectorised sweep engine, and the quantity
    (``status`` or ``select``) is analysed by SALib.  Needs the
    ``sensitivity`` extra (SALib).

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
    outcome : str
        The outcome whose quantity is analysed.
    method : {"sobol", "rbd-fast", "pawn", "filtering"}
        ``"sobol"``: first-order and total indices (second-order with
        ``second_order``) with bootstrap confidence intervals, from
        Saltelli's design of ``samples`` base samples (a power of 2;
        ``samples * (D + 2)`` runs for D parameters, ``samples * (2D + 2)``
        with ``second_order``).  ``"rbd-fast"``: first-order indices from one
        Latin hypercube of ``samples`` points, cheap for many parameters.
        ``"pawn"``: PAWN's Kolmogorov-Smirnov statistics, moment-free.
        ``"filtering"``: Monte-Carlo filtering, how far each parameter's
        distribution differs between the runs where the outcome holds and
        where it does not.  Methods that need a density or derivatives of
        the output (delta, DGSM) are not offered: a 0/1 quantity has neither.
    status : {"all", "some"}, optional
        The quantity is 1 where the outcome holds in every (``"all"``, the
        default) or in some (``"some"``) equilibrium found, 0 elsewhere.
    select : {"first", "payoff_dominant", "risk_dominant"}, optional
        Instead: the outcome's probability in the equilibrium this rule
        selects (see :mod:`gametheory_re.solvers.selection`).
    vary : sequence of str
        Parameters to vary; default: every parameter with declared bounds
        (or a range) that is not fixed.
    fix : mapping, optional
        Parameters held at a value (as ``--fix NAME=VALUE``).
    ranges : mapping of str to (low, high), optional
        Ranges to vary over instead of the declared bounds (within them).
    samples : int, optional
        Base samples of Sobol (default 1024), points of the others (8192).
    seed : int
        Seed of the sample and of the bootstrap.
    second_order, resamples, conf_level, harmonics, slices
        Sobol's second-order indices; bootstrap resamples and confidence
        level (Sobol, RBD-FAST); RBD-FAST's harmonics; PAWN's slices.
    equilibria : {"auto", "pure", "all"}
        As for :func:`sweep`.
    table : path, optional
        Analyse the rows of an earlier sweep instead of running one: a
        uniform random or Latin-hypercube sample (``gtre sweep --samples N
        --latin --out FILE``) for every method but Sobol, whose estimators
        need their own design: the rows a Sobol study wrote with ``out=``
        (checked to be one).
    out, resume, overwrite, workers, scheduler, chunk_size
        As for :func:`sweep`: ``out`` keeps every run's row (to analyse
        again with ``table=``, e.g. for another status), and ``resume``
        finishes an interrupted study from the chunks it wrote.
    plot : path, optional
        Draw the indices as a bar chart (``.png``, ``.svg``, ``.pdf``).
    progress : callable, optional
        ``progress(done, total)`` in model runs, as for :func:`sweep`.

    Returns
    -------
    SensitivityResult
        ``indices`` (a DataFrame, most influential parameter first) and
        what they were computed from.

    Examples
    --------
    >>> from gametheory_re import sensitivity
    >>> result = sensitivity("us_china", "status_quo", vary=["g", "rho", "K"], samples=256)
    >>> list(result.indices.index)
    ['g', 'rho', 'K']
    >>> bool(result.indices.loc["g", "ST"] > result.indices.loc["K", "ST"])
    True
    """
    # As in discover(): scipy.stats and pandas only when a study runs.
    from .gsa.study import sensitivity_study

    result = _study(
        sensitivity_study, game, outcome, plot, progress, method=method, status=status, select=select, vary=vary,
        fix=fix, ranges=ranges, samples=samples, seed=seed, second_order=second_order, resamples=resamples,
        conf_level=conf_level, harmonics=harmonics, slices=slices, equilibria=equilibria, table=table, out=out,
        resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler, chunk_size=chunk_size,
    )
    if plot is not None:
        # Imported only for a picture: matplotlib is slow to import.
        from .presenters import sensitivity_plots

        result = dataclasses.replace(result, plot=str(plot))
        sensitivity_plots.draw_sensitivity(result, plot, overwrite=overwrite)
    return result


def _study(study, game, outcome: str, plot, progress, **options):
    """Run ``study`` (:func:`~gametheory_re.gsa.study.sensitivity_study` or
    :func:`~gametheory_re.discovery.study.discover_study`) as the API runs it:
    the picture's target checked first, ``progress(done, total)`` in runs."""
    if plot is not None:
        picture_format(plot)
        check_target(plot, options["overwrite"])
    table = options["table"]
    if table is not None and (options["out"] is not None or options["resume"]):
        raise GameFileError("table", str(table), "rows read from a table are not evaluated again: out= and "
                                                 "resume= go with a study that runs its own sample")
    counting = None

    def start(total: int) -> None:
        nonlocal counting
        if progress is not None:
            progress(0, total)
            counting = _counting(progress, total)

    return study(_loaded(game), outcome, progress=lambda n: counting(n) if counting else None, on_design=start,
                 **options)


def simulate(
    game,
    params: Mapping[str, object] | None = None,
    periods: int | None = None,
    select: str | None = None,
    fallback: str | None = None,
    bounds: str | None = None,
    compare: Sequence[Mapping[str, object]] = (),
    out=None,
    plot=None,
    overwrite: bool = False,
) -> Simulation:
    """Play a dynamic game period after period, the play feeding back into the state, as ``gtre simulate``.

    Each period the stage game is solved at the current state (every
    equilibrium, or the subgame-perfect paths of a move order), one
    equilibrium is selected, and the state parameters take the values of
    their update rules under that play (the expectation, for mixed play).

    Parameters
    ----------
    game : str, pathlib.Path or ParametricGame
        A game file with a ``[dynamics]`` section, or the name of a bundled
        one (e.g. ``"us_japan_china_dual_chain"``).
    params : mapping, optional
        Start values of state parameters and values of the others, e.g.
        ``{"phi_theta": 0.3}``; the file's values elsewhere.
    periods : int, optional
        Updates to run (periods ``0..periods`` are played); default the
        file's ``periods``.
    select : {"persist", "first", "payoff_dominant", "risk_dominant", "all"}, optional
        Which equilibrium is played when a period has several (default the
        file's); ``"all"`` follows every one, each a branch.
    fallback : {"first", "payoff_dominant", "risk_dominant"}, optional
        ``persist``'s rule in period 0 and when last period's play is no
        longer an equilibrium.
    bounds : {"clip", "refuse"}, optional
        What an update leaving its parameter's bounds does (default the file's).
    compare : sequence of mappings, optional
        Counterfactual runs: each changes some parameters, e.g.
        ``[{"phi_theta": 0}]``, and runs alongside.
    out : str or pathlib.Path, optional
        Write the table (:meth:`Simulation.to_frame`) as CSV, atomically.
    plot : str or pathlib.Path, optional
        Draw the state over time and the play per period to this ``.png``,
        ``.svg`` or ``.pdf`` file.
    overwrite : bool
        Replace existing ``out`` and ``plot`` files.

    Returns
    -------
    Simulation

    Examples
    --------
    >>> from gametheory_re import simulate
    >>> run = simulate("us_japan_china_dual_chain", periods=5)
    >>> run.play[0][:3]
    ['(build, align, restrict)', '(build, align, restrict)', '(build, align, supply)']
    >>> run.switches[0], run.first_period("dual_chain"), run.verified
    ([2], 0, True)
    >>> run.state[0]["theta_U"][:3].round(3).tolist()
    [0.0, 0.075, 0.139]
    """
    loaded = dynamic_game(_loaded(game))
    if isinstance(compare, Mapping):
        compare = [compare]
    for target in (out, plot):
        if target is not None:
            check_target(target, overwrite)
    if plot is not None:
        picture_format(plot)
    result = simulate_game(loaded, params, periods, select, fallback, bounds, compare)
    if out is not None:
        atomic_write_text(out, result.to_frame().to_csv(index=False), overwrite=overwrite)
    if plot is not None:
        # matplotlib is imported only for a picture (cold start).
        from .presenters.simulation_plots import draw_simulation

        draw_simulation(result, plot, overwrite=overwrite)
    return result


#: The rules each rule-specific option of :func:`learn` applies to.
LEARNING_OPTIONS = {
    "tie": ("fictitious-play", "best-response"),
    "seed": ("fictitious-play", "best-response", "stochastic-fictitious-play"),
    "lam": ("logit",), "step": ("logit",),
    "etha": ("stochastic-fictitious-play",), "epsilon_bar": ("stochastic-fictitious-play",),
    "horizon": ("replicator",),
}

#: Their values when not given.
LEARNING_DEFAULTS = {"lam": 10.0, "step": 0.1, "etha": 0.1, "epsilon_bar": 0.01, "horizon": 10.0}

#: Iterations of each learning rule when none are given.
LEARNING_ITERATIONS = {"best-response": 100, "fictitious-play": 1000, "stochastic-fictitious-play": 1000,
                       "replicator": 1000, "replicator-discrete": 1000, "logit": 1000}


def learn(
    game,
    rule: str = "fictitious-play",
    params: Mapping[str, object] | None = None,
    iterations: int | None = None,
    start=None,
    tie: str | None = None,
    seed: int | None = None,
    lam: float | None = None,
    step: float | None = None,
    etha: float | None = None,
    epsilon_bar: float | None = None,
    horizon: float | None = None,
    tol: float | None = None,
    out=None,
    plot=None,
    overwrite: bool = False,
) -> LearningResult:
    """Run a learning rule on a game at a parameter point, as ``gtre learn``.

    Parameters
    ----------
    game : str, pathlib.Path, ParametricGame or NormalFormGame
        A normal-form game (a tree: convert it first, ``gtre convert GAME OUT.nfg``).
    rule : {"fictitious-play", "best-response", "stochastic-fictitious-play", "replicator", "replicator-discrete", "logit"}
        See :mod:`gametheory_re.learning`.
    params : mapping, optional
        Parameter overrides.
    iterations : int, optional
        Updates (for ``replicator``: time steps over ``horizon``); default
        100 for best response, 1000 otherwise.
    start : sequence, optional
        Each player's initial mix (or strategy index); default uniform
        (first strategies for best response; no counts for fictitious play).
    tie : str, optional
        Fictitious play: ``first`` (default) or ``random``; best response:
        ``stay`` (default), ``first`` or ``random``.
    seed : int, optional
        Seed of random ties and of stochastic fictitious play's draws.
    lam, step : float, optional
        Logit dynamics: precision and step (default 10 and 0.1).
    etha, epsilon_bar : float, optional
        Stochastic fictitious play: logit noise and largest perturbation.
    horizon : float, optional
        Replicator dynamics: the time span, from 0 (default 10).

    Each rule's own options (``tie``, ``seed``, ``lam``...) are refused
    with any other rule, rather than silently ignored.
    tol : float, optional
        Regret tolerance of ``is_nash`` (default ``1e-6 × max |payoff|``).
    out : str or pathlib.Path, optional
        Write the trajectory as CSV (one row per iteration), atomically.
    plot : str or pathlib.Path, optional
        Draw the trajectory (a simplex for a player with 3 strategies,
        probability paths otherwise) to a ``.png``, ``.svg`` or ``.pdf`` file.
    overwrite : bool

    Returns
    -------
    LearningResult

    Examples
    --------
    >>> from gametheory_re import learn
    >>> result = learn("prisoners_dilemma", rule="fictitious-play", iterations=50)
    >>> result.plays[:3].tolist()           # the first iteration ties: no history yet
    [[0, 0], [1, 1], [1, 1]]
    >>> result.trajectory[-1].round(2).tolist(), result.is_nash
    ([0.02, 0.98, 0.02, 0.98], False)
    >>> learn("stag_hunt", rule="replicator-discrete", start=[[0.9, 0.1], [0.9, 0.1]]).final[0].round(3).tolist()
    [1.0, 0.0]
    """
    if rule not in LEARNING_RULES:
        raise GameFileError("rule", str(rule), "expected one of " + ", ".join(LEARNING_RULES))
    if isinstance(game, NormalFormGame):
        _no_params(params)
        numeric = game
    else:
        loaded = _loaded(game)
        if isinstance(loaded, ParametricTree):
            raise GameFileError("game", loaded.source, "learning dynamics are for normal-form games; convert the "
                                                       "tree to its reduced normal form first (gtre convert GAME OUT.nfg)")
        numeric = loaded.at(params)
    for target in (out, plot):
        if target is not None:
            check_target(target, overwrite)
    if plot is not None:
        picture_format(plot)
    count = LEARNING_ITERATIONS[rule] if iterations is None else iterations
    function = LEARNING_RULES[rule]
    given = {"tie": tie, "seed": seed, "lam": lam, "step": step, "etha": etha, "epsilon_bar": epsilon_bar,
             "horizon": horizon}
    for name, value in given.items():
        if value is not None and rule not in LEARNING_OPTIONS[name]:
            raise GameFileError(name, str(value), f"applies only to {' and '.join(LEARNING_OPTIONS[name])}, not {rule}")
    lam, step, etha, epsilon_bar, horizon = (LEARNING_DEFAULTS[n] if given[n] is None else given[n]
                                             for n in ("lam", "step", "etha", "epsilon_bar", "horizon"))
    # Checked here under this function's names: the rules call them random_state, counts and times.
    check_seed(seed, "seed")
    if rule in ("fictitious-play", "stochastic-fictitious-play"):
        check_counts(start, numeric.shape, "start")
    options = {"start": start, "tol": tol}
    if rule in ("fictitious-play", "best-response"):
        options = {"tol": tol, "random_state": seed, "iterations": count}
        options["counts" if rule == "fictitious-play" else "start"] = start
        if tie is not None:
            options["tie"] = tie
    elif rule == "stochastic-fictitious-play":
        options = {"tol": tol, "random_state": seed, "iterations": count, "etha": etha, "epsilon_bar": epsilon_bar,
                   "counts": start}
    elif rule == "replicator":
        span = check_positive("horizon", horizon)
        options["times"] = np.linspace(0.0, span, check_iterations(count, sum(numeric.shape)) + 1)
    elif rule == "logit":
        options.update(lam=lam, step=step, iterations=count)
    else:
        options["iterations"] = count
    result = function(numeric.payoffs, **options).with_game(numeric)
    if out is not None:
        atomic_write_text(out, result.to_frame().to_csv(index=False), overwrite=overwrite)
    if plot is not None:
        from .presenters.learning_plots import draw_learning

        draw_learning(result, plot, overwrite=overwrite)
    return result



def report(
    game,
    params: Mapping[str, object] | None = None,
    sweeps: Sequence[str | Sequence[str | Axis]] = (),
    conditions: str | Sequence[str] | None = None,
    out=None,
    overwrite: bool = False,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Report:
    """Everything a class needs about a game on one page, as ``gtre report`` writes it.

    Parameters
    ----------
    game : ParametricGame, ParametricTree, str or pathlib.Path
        A loaded game, a game file or the name of a bundled game.
    params : mapping, optional
        Parameter overrides (``--set``).
    sweeps : sequence, optional
        One map per item (``--sweep``): the axes of a grid over 1 or 2
        parameters, as a text with commas (``"s=0:1:41,b_U=0:0.5:26"``) or a
        sequence of axes as :func:`sweep` takes them; the other parameters
        at ``params`` or their defaults.
    conditions : str or sequence of str, optional
        Also give the exact conditions (``--conditions``) with these
        parameters free (names, or one text with commas); the others at
        ``params`` or their defaults.
    out : str or pathlib.Path, optional
        Write the page to this ``.html`` file (atomically).
    overwrite : bool
        Replace an existing ``out``.
    time_budget : float or None
        Seconds the equilibrium search and the conditions may each spend.

    Returns
    -------
    Report
        What the page shows; in a notebook it shows the page
        (``_repr_html_``).  ``out`` and ``size`` say what was written.

    Examples
    --------
    >>> from gametheory_re import report
    >>> page = report("prisoners_dilemma")
    >>> page.solution.labels, page.efficient        # (defect, defect) is the one inefficient profile
    (['(defect, defect)'], ((0, 0), (0, 1), (1, 0)))
    >>> [o.order for o in page.comparison.orders]
    [('Row', 'Column'), ('Column', 'Row')]
    """
    if out is not None:
        if not str(out).lower().endswith((".html", ".htm")):
            raise GameFileError("out", str(out), "a file name ending in .html, the page to write")
        check_target(out, overwrite)
    loaded = _loaded(game)
    if isinstance(sweeps, str):
        sweeps = [sweeps]
    free = [name.strip() for name in conditions.split(",")] if isinstance(conditions, str) else conditions
    description = show(loaded, params)
    solution = solve(loaded, params, exact=True, time_budget=time_budget)
    stage = efficient = responses = regions = None
    if isinstance(solution, SolveResult):
        efficient = tuple(efficient_profiles(solution.game.payoffs, solution.tol))
        picture = response_picture(solution.game.shape)
        if picture == "curves":
            responses = response_curves(solution.game.payoffs, solution.tol)
        elif picture == "regions":
            regions = _regions(solution)
    elif loaded.base is not None:
        stage = show(loaded.base, params)
    try:
        comparison, note = compare(loaded, params=params), ""
    except UnsupportedError as exc:
        comparison, note = None, f"Not compared: {exc}."
    maps = tuple(_report_map(loaded, axes, params) for axes in [_map_axes(axes) for axes in sweeps])
    exact = None if free is None else _report_conditions(loaded, params, free, time_budget)
    page = Report(loaded, description, solution, stage=stage, efficient=efficient or (), responses=responses,
                  regions=regions, comparison=comparison, comparison_note=note, sweeps=maps, conditions=exact,
                  params={k: str(v) for k, v in (params or {}).items()})
    if out is None:
        return page
    # Imported only for a page: its pictures need matplotlib (cold start).
    from .presenters.report_html import report_page

    text = report_page(page)
    atomic_write_text(out, text, overwrite=overwrite)
    return dataclasses.replace(page, out=str(out), size=len(text.encode("utf-8")))


def _map_axes(axes) -> list[Axis]:
    """One ``sweeps`` item of :func:`report` read and checked: a grid over 1 or 2 parameters small enough to draw."""
    text = axes if isinstance(axes, str) else ",".join(a.name if isinstance(a, Axis) else str(a) for a in axes)
    items = axes.split(",") if isinstance(axes, str) else list(axes)
    parsed = [a if isinstance(a, Axis) else read_axis(str(a).strip(), "sweeps") for a in items]
    if not 1 <= len(parsed) <= 2:
        raise GameFileError("sweeps", text, "a map is a grid over 1 or 2 parameters: NAME=START:STOP:N, or two "
                                            "of them joined by a comma")
    if math.prod(a.num for a in parsed) > MAX_PLOT_CELLS:
        raise GameFileError("sweeps", text, f"a map may have at most {MAX_PLOT_CELLS} cells: use fewer points per axis")
    return parsed


def _report_map(loaded, axes, params) -> SweepResult:
    try:
        return sweep(loaded, axes, params=params, as_frame=False)
    except GameFileError as exc:
        # The sweep names its own argument; here the axes came in as sweeps=.
        raise GameFileError("sweeps" if exc.source == "vary" else exc.source, exc.key, exc.message) from None


def _report_conditions(loaded, params, free, time_budget):
    """The report's exact conditions: only free parameters the game has (named by ``conditions``)."""
    unknown = [name for name in free if name not in loaded.parameters]
    if unknown or not free:
        raise GameFileError("conditions", ",".join(free), "names of the game's parameters to keep free, such as "
                                                          + ",".join(list(loaded.parameters)[:2]))
    return conditions(loaded, params, free=free, time_budget=time_budget)
