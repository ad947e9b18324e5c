"""Boundaries in one parameter as exact formulas: where an equilibrium condition turns.

An equilibrium (pure profile or closed-form mixed support) exists on a
region bounded by its conditions (:mod:`.pure`, :mod:`.mixed`).  Where an
outcome's status switches as one parameter ``x`` moves, some equilibrium
appears or disappears, so ``x`` crosses the boundary ``expr = 0`` of one of
its conditions.  :func:`exact_boundaries` builds the conditions with *every*
parameter free (so the formulas hold for any values of the others), solves
each boundary for ``x`` where it is a polynomial of degree at most 2 in
``x``, and evaluates each solution at the given point: the candidates a
numeric threshold is matched against (:func:`match`).

A candidate is kept only where it lies on its region's boundary at the
point: the guards of its case and every other condition of the region hold
there (non-strictly), and it is inside ``x``'s bounds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np
import sympy

from ..labels import profile_label
from .cases import split_cases
from .inequality import Inequality, tidy_fraction
from .intervals import bounds, box_of
from .mixed import _involved, _solve_case, has_closed_form, solvable_supports
from .pure import deviation_gains
from .regions import Requirement

#: Degree in the parameter up to which a boundary is solved (linear and quadratic: closed forms sympy writes
#: plainly).
MAX_DEGREE = 2


@dataclass(frozen=True)
class Boundary:
    """One candidate boundary ``param = formula`` and its value at the point.

    Attributes
    ----------
    param : str
    formula : sympy.Expr
        In the game's parameters (real symbols), ``param`` not among them.
    value : sympy.Expr
        ``formula`` at the point: exact (a rational, or with a square root).
    supports : tuple of tuple of int
        The equilibrium whose condition this is, by supports.
    requirement : Requirement
        The condition (its inequality is ``expr >= 0``, ``expr = 0`` at the boundary).
    source : str
        The equilibrium and the condition in words, e.g.
        ``(engage, supply): China prefers supply to restrict``.
    """

    param: str
    formula: sympy.Expr
    value: sympy.Expr
    supports: tuple
    requirement: Requirement
    source: str

    @property
    def equation(self) -> sympy.Eq:
        """``Eq(param, formula)``."""
        return sympy.Eq(sympy.Symbol(self.param, real=True), self.formula, evaluate=False)

    @property
    def float(self) -> float:
        """The value as a float."""
        return float(self.value)


def _player(game, i) -> str:
    name = game.players[i]
    return "the " + name if name.isupper() and len(name) <= 3 else name


def describe(game, supports, requirement: Requirement) -> str:
    """An equilibrium's condition in words: ``(engage, supply): China prefers supply to restrict``.

    Examples
    --------
    >>> from gametheory_re.formats import load_game
    >>> from gametheory_re.symbolic.regions import Requirement
    >>> describe(load_game("us_china"), ((0,), (0,)), Requirement(None, "deviation", 1, 0, (1,)))
    '(engage, supply): China prefers supply to restrict'
    """
    label = profile_label(game.strategies, supports)
    r, names = requirement, game.strategies
    if r.kind == "probability":
        return f"{label}: {game.players[r.player]} plays {names[r.player][r.prefers]} with positive probability"
    if r.kind == "case":
        return f"{label}: the case {r.inequality.relation()} of a min/max/abs/piecewise payoff"
    over = " and ".join(names[r.player][t] for t in r.over)
    if r.prefers is None:
        return f"{label}: {_player(game, r.player)} gains nothing by {over}"
    return f"{label}: {_player(game, r.player)} prefers {names[r.player][r.prefers]} to {over}"


def _symbolic_payoffs(game) -> np.ndarray:
    payoffs = np.empty(game.payoffs.shape, dtype=object)
    for index, expr in np.ndenumerate(game.payoffs):
        payoffs[index] = sympy.S(expr)
    return payoffs


def _guard(guard) -> Requirement | None:
    """A case guard ``a <= b`` (``a < b``, ...) as the requirement ``b - a >= 0``; None if it is no relation."""
    if isinstance(guard, (sympy.Le, sympy.Lt)):
        return Requirement(Inequality(guard.rhs - guard.lhs, isinstance(guard, sympy.Lt)), "case")
    if isinstance(guard, (sympy.Ge, sympy.Gt)):
        return Requirement(Inequality(guard.lhs - guard.rhs, isinstance(guard, sympy.Gt)), "case")
    return None


def _case_conditions(guards, candidates) -> tuple[Requirement, ...] | None:
    """A case's guards and conditions as requirements (raw, not simplified); None for a guard that is no relation."""
    out = [_guard(g) for g in guards]
    if any(r is None for r in out):
        return None
    return tuple(out) + tuple(replace(t, inequality=Inequality(e, strict)) for e, strict, t in candidates)


def conditions_of(game, supports, box=None) -> list[tuple[Requirement, ...]]:
    """The conditions of the equilibrium with ``supports``, one tuple per case, every parameter free.

    Pure profiles and supports where exactly two players mix over equal
    numbers of strategies (:mod:`.mixed`) have them; any other support
    gives ``[]``.  The conditions are as built (guards of the case, then
    each deviation and probability), not simplified over the bounds: a
    boundary needs only their zeros, and simplifying every condition of
    a big game takes far longer than solving the few that matter.

    Examples
    --------
    >>> from gametheory_re.formats import load_game
    >>> [case] = conditions_of(load_game("us_china"), ((0,), (0,)))
    >>> [str(r.inequality.relation()) for r in case]
    ['K >= b', 'pi + rho >= g + pi*(1 - q)']
    """
    box = box_of(game.parameters, list(game.parameters)) if box is None else box
    payoffs = _symbolic_payoffs(game)
    supports = tuple(tuple(s) for s in supports)
    out = []
    if all(len(s) == 1 for s in supports):
        profile = tuple(s[0] for s in supports)
        gains = deviation_gains(payoffs, profile)
        for case in split_cases([g for _, _, g in gains], box):
            out.append(_case_conditions(case.guards, [
                (expr, False, Requirement(None, "deviation", i, profile[i], (t,)))
                for (i, t, _), expr in zip(gains, case.expressions)]))
    elif has_closed_form(supports):
        entries = _involved(payoffs.shape[1:], supports)
        for case in split_cases([payoffs[e] for e in entries], box):
            local = payoffs.copy()
            for e, value in zip(entries, case.expressions):
                local[e] = value
            solved = _solve_case(local, supports, box)
            if solved is not None:
                out.append(_case_conditions(case.guards, solved[1]))
    return [c for c in out if c is not None]


def _holds(expr, at) -> bool:
    """Whether ``expr >= 0`` at the point ``at`` (True when it cannot be decided: not a real number there)."""
    value = sympy.S(expr).xreplace(at)
    if not value.is_number or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return True
    decided = value >= 0
    return bool(decided) if decided in (sympy.true, sympy.false) else True


def _roots(poly_coeffs):
    """Exact real roots of ``c[0]*x**n + ... + c[n]`` (n at most 2, leading coefficient nonzero)."""
    if len(poly_coeffs) == 2:
        a, b = poly_coeffs
        return [-b / a]
    a, b, c = poly_coeffs
    disc = b**2 - 4 * a * c
    if disc < 0:
        return []
    return [sympy.radsimp((-b - sympy.sqrt(disc)) / (2 * a)), sympy.radsimp((-b + sympy.sqrt(disc)) / (2 * a))]


def _at_point(expr, x, point):
    """Real roots in ``x`` of ``expr``'s numerator at the point (the others fixed), or [] if not of degree 1..2."""
    num = sympy.fraction(sympy.together(sympy.S(expr).xreplace(point)))[0]
    if not num.has(x):
        return []
    try:
        poly = sympy.Poly(num, x)
    except sympy.PolynomialError:
        return []
    if not 1 <= poly.degree() <= MAX_DEGREE or not all(c.is_number for c in poly.all_coeffs()):
        return []
    return _roots(poly.all_coeffs())


def _general(expr, x, point, value):
    """The formula in every parameter whose value at ``point`` is ``value``: a root in ``x`` of ``expr``'s numerator.

    None when the numerator is not a polynomial of degree 1..2 in ``x``, or
    no root of it has ``value`` at the point (its leading coefficient
    vanishes there).
    """
    num = sympy.expand(sympy.fraction(sympy.together(expr))[0])
    coeffs = [num.coeff(x, k) for k in range(MAX_DEGREE + 2)]
    degree = max((k for k, c in enumerate(coeffs) if c != 0), default=0)
    if not 1 <= degree <= MAX_DEGREE or coeffs[MAX_DEGREE + 1] != 0 or any(c.has(x) for c in coeffs):
        return None
    if sympy.expand(sum(c * x**k for k, c in enumerate(coeffs)) - num) != 0:
        return None  # x also sits inside a non-polynomial term
    if degree == 1:
        candidates = [-coeffs[0] / coeffs[1]]
    else:
        c, b, a = coeffs[:3]
        root = sympy.sqrt(b**2 - 4 * a * c)
        candidates = [(-b - root) / (2 * a), (-b + root) / (2 * a)]
    for formula in candidates:
        at = sympy.S(formula).xreplace(point)
        if at.is_number and not at.has(sympy.nan, sympy.zoo) and sympy.simplify(at - value) == 0:
            return formula
    return None


def _tidy(formula, box):
    """A short readable form of a formula: a rational function in lowest terms, written as the conditions are.

    Long formulas, and those with a root, stay as solved (factoring them
    costs more than it helps).
    """
    if sympy.count_ops(formula) > TIDY_MAX_OPS or any(
            p.exp.is_Rational and not p.exp.is_Integer for p in formula.atoms(sympy.Pow)):
        return formula
    try:
        tidy = tidy_fraction(formula, box)
    except (sympy.PolynomialError, NotImplementedError, TypeError):
        return formula
    return _signs(tidy, box)


def _signs(expr, box):
    """Each sum factor the bounds prove non-positive turned round, and a leading minus taken into a sum of unknown sign.

    ``(pi*q - g)*(gamma - 1)`` reads ``(1 - gamma)*(g - pi*q)``, as the
    conditions write their sums.

    Examples
    --------
    >>> import sympy
    >>> g, p, c = sympy.symbols("g p c", real=True)
    >>> _signs((p - g) * (c - 1), {g: (0, 2), p: (0, 2), c: (0, 1)})
    (1 - c)*(g - p)
    """
    if not expr.is_Mul:
        return expr
    coeff, factors = sympy.S.One, []
    for f in expr.args:
        if f.is_Number:
            coeff *= f
        elif f.is_Add and bounds(f, box)[1] <= 0:
            factors.append(sympy.Add(*(-t for t in f.args)))
            coeff = -coeff
        else:
            factors.append(f)
    if coeff < 0:
        unknown = [k for k, f in enumerate(factors) if f.is_Add and bounds(f, box)[0] < 0]
        if unknown:
            k = unknown[0]
            factors[k] = sympy.Add(*(-t for t in factors[k].args))
            coeff = -coeff
    return coeff * sympy.Mul(*factors)


#: Formulas longer than this (sympy operations) are shown as solved, not rewritten.
TIDY_MAX_OPS = 80


def exact_boundaries(game, param: str, params=None, supports=None) -> list[Boundary]:
    """The boundaries in ``param`` of the equilibrium conditions, as formulas, at the point ``params``.

    Parameters
    ----------
    game : ParametricGame
    param : str
        The parameter to solve for (with declared bounds).
    params : mapping, optional
        Values of the other parameters (default: defaults); ``param``'s own
        value, if given, is ignored.
    supports : iterable of tuple of tuple of int, optional
        The equilibria whose conditions to solve, by supports (each player's
        strategy indices).  Default: every pure profile and every support
        with a closed form (slow for big games: give the ones that change).

    Returns
    -------
    list of Boundary
        In the order of ``supports``, then of the cases and their
        conditions; only roots real at the point, inside ``param``'s bounds
        and on their case's boundary there (its guards and every other
        condition hold, non-strictly).  Nothing is deduplicated.

    Examples
    --------
    >>> from gametheory_re.formats import load_game
    >>> [b] = exact_boundaries(load_game("us_china"), "rho", supports=[((0,), (0,))])
    >>> b.equation, b.value, b.source
    (Eq(rho, g - pi*q), 1/2, '(engage, supply): China prefers supply to restrict')
    """
    x = sympy.Symbol(param, real=True)
    point = {sympy.Symbol(n, real=True): v for n, v in game.point(params).items() if n != param}
    lo, hi = box_of(game.parameters, [param])[x]
    box = box_of(game.parameters, list(game.parameters))
    if supports is None:
        pure = [tuple((k,) for k in p) for p in itertools.product(*(range(n) for n in game.shape))]
        supports = pure + list(solvable_supports(game.shape))
    out = []
    for support in supports:
        support = tuple(tuple(s) for s in support)
        for conditions in conditions_of(game, support, box):
            for k, requirement in enumerate(conditions):
                for value in _at_point(requirement.inequality.expr, x, point):
                    if not (value.is_real and lo <= value <= hi):
                        continue
                    at = {**point, x: value}
                    if not all(_holds(c.inequality.expr, at) for j, c in enumerate(conditions) if j != k):
                        continue
                    formula = _general(requirement.inequality.expr, x, point, value)
                    if formula is None:
                        continue
                    out.append(Boundary(param, _tidy(sympy.S(formula), box), value, support, requirement,
                                        describe(game, support, requirement)))
    return out


@dataclass(frozen=True)
class Match:
    """The exact boundaries a numeric threshold is matched to.

    Attributes
    ----------
    value : sympy.Expr
        The exact value (shared by all of ``boundaries``).
    boundaries : tuple of Boundary
        Every candidate with that value, distinct formulas first: the first
        is the one reported; others repeat it or give an equal value by
        another formula.
    """

    value: sympy.Expr
    boundaries: tuple[Boundary, ...]

    @property
    def formulas(self) -> tuple[Boundary, ...]:
        """One boundary per distinct formula, in order."""
        seen, out = [], []
        for b in self.boundaries:
            if not any(same_formula(b.formula, f) for f in seen):
                seen.append(b.formula)
                out.append(b)
        return tuple(out)


def same_formula(a, b) -> bool:
    """Whether two formulas are equal as rational functions (False, unproved, for very long ones)."""
    if a == b:
        return True
    difference = a - b
    if sympy.count_ops(difference) > 400:
        return False
    return sympy.cancel(sympy.together(difference)) == 0


def match(value: float, candidates, tolerance: float) -> Match | None:
    """The candidates whose exact value is nearest ``value``, if within ``tolerance``; else None.

    Candidates with equal exact values are kept together, in the order
    given (which puts the equilibria that change first, see
    :func:`~gametheory_re.sweeps.threshold.thresholds`).

    Examples
    --------
    >>> from gametheory_re.formats import load_game
    >>> found = exact_boundaries(load_game("us_china"), "rho", supports=[((0,), (0,))])
    >>> match(0.5000000001, found, 1e-6).value
    1/2
    >>> match(0.51, found, 1e-6) is None
    True
    """
    near = [b for b in candidates if abs(b.float - value) <= tolerance]
    if not near:
        return None
    best = min(near, key=lambda b: abs(b.float - value)).value
    return Match(best, tuple(b for b in near if b.value == best))
