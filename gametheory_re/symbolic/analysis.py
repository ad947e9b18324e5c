"""Exact conditions of a parametric game: the whole analysis behind ``gtre conditions``.

:func:`game_conditions` fixes the parameters the user fixed (exact
rationals substituted into the sympy payoffs), takes the others as free
over their declared bounds, and collects the pure conditions
(:mod:`.pure`), the closed-form mixed equilibria (:mod:`.mixed`) and, per
outcome, where it holds in every and in some pure equilibrium.  With one
free parameter every condition is also solved for it, as intervals.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np
import sympy
from sympy.solvers.inequalities import solve_rational_inequalities

from .. import limits
from ..errors import GameFileError, UnsupportedError
from ..options import DEFAULT_TIME_BUDGET, check_time_budget
from ..solvers.deadline import Deadline, OutOfTime
from .inequality import _degree
from .intervals import box_of
from .mixed import MixedConditions, Unsolved, classify, mixed_conditions
from .pure import PureConditions, pure_conditions


@dataclass(frozen=True)
class OutcomeConditions:
    """Where a named outcome holds in every / some pure equilibrium.

    Attributes
    ----------
    name : str
    holding : tuple of tuple of int
        The pure profiles where the outcome holds and that are equilibria
        somewhere (not proved never).
    failing : tuple of tuple of int
        The pure profiles where it fails and that are equilibria somewhere.
    some : sympy.Boolean
        Where the outcome holds in some pure equilibrium: one of
        ``holding`` is an equilibrium.
    every : sympy.Boolean
        Where it holds in every pure equilibrium and there is one: one of
        ``holding`` is an equilibrium and none of ``failing`` is.
    some_set, every_set : sympy.Set or None
        With one free parameter, the same as sets of its values.
    """

    name: str
    holding: tuple[tuple[int, ...], ...]
    failing: tuple[tuple[int, ...], ...]
    some: sympy.Boolean
    every: sympy.Boolean
    some_set: sympy.Set | None = None
    every_set: sympy.Set | None = None


@dataclass(frozen=True)
class ConditionsResult:
    """What :func:`game_conditions` found.

    Attributes
    ----------
    game : ParametricGame
    free : tuple of str
        The parameters the conditions are in, in file order.
    fixed : dict of str to sympy.Rational
        The parameters fixed at exact values.
    box : dict of sympy.Symbol to (lo, hi)
        The free parameters' bounds, which every simplification used.
    pure : tuple of PureConditions
        Every pure profile, in profile order.
    mixed : tuple of MixedConditions
        Supports with a closed-form equilibrium not proved impossible.
    unsolved : Unsolved
        Counts of supports with mixing that get no closed form.
    outcomes : tuple of OutcomeConditions
    intervals : dict or None
        With one free parameter: each pure profile's set of values where it
        is an equilibrium (``sympy.Set``), and each requirement's solved
        form under ``"solved"`` (inequality key to ``sympy.Set``).
    complete : bool
        False when the time budget stopped the mixed analysis.
    seconds : float
    notes : tuple of str
    """

    game: object
    free: tuple[str, ...]
    fixed: dict[str, sympy.Rational]
    box: dict
    pure: tuple[PureConditions, ...]
    mixed: tuple[MixedConditions, ...]
    unsolved: Unsolved
    outcomes: tuple[OutcomeConditions, ...]
    intervals: dict | None = None
    complete: bool = True
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    def profile_label(self, profile) -> str:
        """``(build, align, supply)``."""
        return "(" + ", ".join(s[k] for s, k in zip(self.game.strategies, profile)) + ")"

    def symbol(self, name: str) -> sympy.Symbol:
        """The sympy symbol of a parameter, as the conditions use it (real)."""
        return sympy.Symbol(name, real=True)


def _check_names(game, names, origin):
    for name in names:
        if name not in game.parameters:
            raise GameFileError(origin, name, "unknown parameter; the game's parameters are: " + ", ".join(game.parameters))


#: Conditions whose numerator or denominator has a higher degree in the one
#: free parameter are not solved (their real roots cost too much to isolate).
MAX_SOLVE_DEGREE = 64


def _solved(inequality, x, domain):
    """The set of values of ``x`` in ``domain`` where ``inequality`` holds, or None if it is not solved.

    Only rational functions of ``x`` with rational coefficients are solved,
    by exact real-root isolation (``solve_rational_inequalities``); sympy's
    general ``solve_univariate_inequality`` is not used, since it can run
    for minutes on a quartic (radical roots compared symbolically).
    """
    num, den = sympy.fraction(sympy.together(inequality.expr))
    if max(_degree(num), _degree(den)) > MAX_SOLVE_DEGREE:
        return None
    try:
        polys = [sympy.Poly(part, x, domain="QQ") for part in (num, den)]
    except (sympy.PolynomialError, sympy.CoercionFailed, sympy.GeneratorsNeeded, ValueError, TypeError):
        return None
    if any(p.degree() > MAX_SOLVE_DEGREE for p in polys):
        return None
    try:
        solved = solve_rational_inequalities([[(tuple(polys), ">" if inequality.strict else ">=")]])
    except (NotImplementedError, ValueError, TypeError, sympy.PolynomialError):
        return None
    return sympy.Intersection(solved, domain)


def _intervals(pure, mixed, x, domain, deadline=None):
    """Each condition solved for the one free parameter ``x``, and each equilibrium's set of values.

    A condition sympy cannot solve is left out of the intersection, so the
    set is then a superset; ``"unsolved"`` counts such conditions.
    """
    solved: dict = {}

    def region_set(region):
        part = domain
        for r in region.conditions:
            key = r.inequality.key()
            if key not in solved:
                late = deadline is not None and deadline.passed()
                solved[key] = None if late else _solved(r.inequality, x, domain)
            part = part if solved[key] is None else sympy.Intersection(part, solved[key])
        return part

    profiles = {p.profile: sympy.Union(*(region_set(r) for r in p.regions)) if p.regions else sympy.S.EmptySet
                for p in pure}
    supports = {m.supports: sympy.Union(*(region_set(c.region) for c in m.cases)) if m.cases else sympy.S.EmptySet
                for m in mixed}
    unsolved = sum(v is None for v in solved.values())
    return {"profiles": profiles, "supports": supports, "solved": solved, "unsolved": unsolved}


def _outcome(name, mask, pure, intervals):
    live = [p for p in pure if p.status != "never"]
    holding = tuple(p.profile for p in live if mask[p.profile])
    failing = tuple(p.profile for p in live if not mask[p.profile])
    some = sympy.Or(*(p.relation() for p in live if mask[p.profile]))
    every = sympy.And(some, sympy.Not(sympy.Or(*(p.relation() for p in live if not mask[p.profile]))))
    some_set = every_set = None
    if intervals is not None:
        sets = intervals["profiles"]
        some_set = sympy.Union(*(sets[q] for q in holding)) if holding else sympy.S.EmptySet
        bad = sympy.Union(*(sets[q] for q in failing)) if failing else sympy.S.EmptySet
        every_set = sympy.Complement(some_set, bad)
    return OutcomeConditions(name, holding, failing, some, every, some_set, every_set)


def game_conditions(
    game,
    params: Mapping[str, object] | None = None,
    free: Sequence[str] | None = None,
    outcomes: Sequence[str] | None = None,
    mixed: bool = True,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> ConditionsResult:
    """Exact conditions for every pure profile, closed-form mixed equilibria, and outcomes.

    Parameters
    ----------
    game : ParametricGame
    params : mapping, optional
        Parameters to fix (exact values, as ``--set``); with ``free``, the
        values of the parameters that are not free (default: defaults).
    free : sequence of str, optional
        The parameters to keep free; all others are fixed.  Default: every
        parameter not in ``params``.
    outcomes : sequence of str, optional
        Outcomes to give conditions for (default: all).
    mixed : bool
        Also give the closed-form mixed equilibria.
    time_budget : float or None
        Seconds for the whole analysis (None or ``inf``: no limit).  The pure conditions are always
        complete: past the budget they stop with an error; the mixed
        analysis stops at the budget and the result says how many supports
        were not analysed.  0 analyses no mixed support (the pure
        conditions then run within the default budget); None: no limit.

    Returns
    -------
    ConditionsResult

    Raises
    ------
    GameFileError
        For an unknown parameter or outcome, a value out of bounds, or a
        parameter both fixed and free.
    UnsupportedError
        For a game with more pure profiles than
        :data:`~gametheory_re.limits.MAX_CONDITION_PROFILES`, or payoffs
        with too many ``min``/``max`` cases.

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> result = game_conditions(load_game("us_china"), free=["rho"])
    >>> result.intervals["profiles"][(0, 0)]          # (engage, supply): the status quo
    Interval(1/2, 1)
    """
    started = time.perf_counter()
    time_budget = check_time_budget("time_budget", float("inf") if time_budget is None else time_budget)
    params = dict(params or {})
    # One name given as a string is that name, not a list of its characters.
    free = [free] if isinstance(free, str) else free
    outcomes = [outcomes] if isinstance(outcomes, str) else outcomes
    _check_names(game, params, "params")
    if free is not None:
        free = list(dict.fromkeys(free))
        _check_names(game, free, "free")
        both = [n for n in free if n in params]
        if both:
            raise GameFileError("free", both[0], "is also given a value (params=); a parameter is either fixed or free")
    point = game.point(params)
    free_names = tuple(n for n in game.parameters if (n in free if free is not None else n not in params))
    fixed = {n: v for n, v in point.items() if n not in free_names}
    size = int(np.prod(game.shape))
    if size > limits.MAX_CONDITION_PROFILES:
        raise UnsupportedError(
            f"the game has {size} pure profiles; exact conditions are built for at most "
            f"{limits.MAX_CONDITION_PROFILES}")
    if outcomes is not None:
        for name in outcomes:
            if name not in game.outcomes:
                raise GameFileError("outcomes", name, "unknown outcome; the game's outcomes are: "
                                    + (", ".join(game.outcomes) or "none"))
    subs = {sympy.Symbol(n, real=True): v for n, v in fixed.items()}
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    for index, expr in np.ndenumerate(game.payoffs):
        payoffs[index] = sympy.S(expr).xreplace(subs)
    box = box_of(game.parameters, free_names)
    # A budget of 0 asks for the pure conditions only; they are still
    # bounded, by the default budget.
    deadline = Deadline(time_budget if time_budget != 0 else DEFAULT_TIME_BUDGET)
    try:
        pure = tuple(pure_conditions(payoffs, box, deadline))
    except OutOfTime:
        raise UnsupportedError(
            f"the pure conditions took longer than the time budget of {time_budget:g} s; give time_budget= "
            "more seconds, or fix parameters (params=, free=) to make them smaller") from None
    notes = []
    complete = True
    found: list[MixedConditions] = []
    unsolved = classify(game.shape)[1] if not mixed else Unsolved()
    if mixed:
        found, unsolved, left = mixed_conditions(payoffs, box, Deadline(time_budget) if time_budget == 0 else deadline)
        if left:
            complete = False
            notes.append(f"time budget of {time_budget:g} s reached: {left} supports with a closed form were not "
                         "analysed (raise --time-budget, or fix parameters with --set / --free)")
    intervals = None
    if len(free_names) == 1:
        x = sympy.Symbol(free_names[0], real=True)
        lo, hi = box[x]
        intervals = _intervals(pure, found, x, sympy.Interval(lo, hi), deadline)
        if intervals["unsolved"]:
            notes.append(f"{intervals['unsolved']} conditions were not solved for {free_names[0]} (not rational "
                         f"functions of degree at most {MAX_SOLVE_DEGREE}, or past the time budget): "
                         "the intervals shown leave them out and may be too wide")
    names = list(game.outcomes) if outcomes is None else list(outcomes)
    outcome_results = tuple(_outcome(n, game.outcomes[n].mask, pure, intervals) for n in names)
    return ConditionsResult(
        game, free_names, fixed, box, pure, tuple(found), unsolved, outcome_results, intervals,
        complete, time.perf_counter() - started, tuple(notes + unsolved.notes()))
