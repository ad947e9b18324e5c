"""Closed-form mixed equilibria: probabilities as rational functions of the parameters.

For a support profile in which exactly two players mix, over the same
number ``k`` of strategies, and every other player plays one strategy, each
mixing player's indifference among their support is linear in the *other*
mixer's probabilities: a ``k x k`` linear system per mixer, solved exactly
(adjugate over determinant), whatever the parameters.  The support's
equilibrium exists exactly where

- every probability is positive (strictly: a zero probability is a smaller
  support's equilibrium, listed there), and
- no player gains by a strategy outside their support: a mixer's value is
  at least any other strategy's payoff, a pure player's strategy is a best
  response to the mix.

Every two-player support with equal sizes is of this kind.  Supports where
one player mixes are equilibria only where payoffs tie exactly (a
lower-dimensional set), supports with unequal sizes likewise; where three or
more players mix the system is polynomial, not linear.  Those are counted
and named, not solved (see :class:`MixedConditions`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import sympy

from ..solvers.deadline import OutOfTime
from .cases import split_cases
from .inequality import tidy_fraction
from .regions import Region, Requirement, build_region


@dataclass(frozen=True)
class MixedCase:
    """The support's equilibrium in one case of the payoffs.

    Attributes
    ----------
    probabilities : tuple of tuple of sympy.Expr
        Per player, one probability per strategy (0 off the support, 1 for
        a player's only strategy).
    region : Region
        Where this equilibrium exists (its guards are the case's).
    """

    probabilities: tuple[tuple[sympy.Expr, ...], ...]
    region: Region


@dataclass(frozen=True)
class MixedConditions:
    """A support profile's closed-form equilibrium and where it exists.

    Attributes
    ----------
    supports : tuple of tuple of int
        Each player's support (strategy indices).
    cases : tuple of MixedCase
        One per case of the payoffs whose region is not proved empty.
    empty_cases : int
        Cases proved empty.
    singular_cases : int
        Cases whose indifference equations have infinitely many solutions
        for generic parameter values (a continuum; not solved).  Cases with
        none count as empty.
    """

    supports: tuple[tuple[int, ...], ...]
    cases: tuple[MixedCase, ...]
    empty_cases: int = 0
    singular_cases: int = 0

    @property
    def mixers(self) -> tuple[int, ...]:
        """The players who mix."""
        return tuple(i for i, s in enumerate(self.supports) if len(s) > 1)

    def relation(self) -> sympy.Boolean:
        """Where this support's equilibrium exists, as one sympy truth value."""
        return sympy.Or(*(c.region.relation() for c in self.cases))


@dataclass(frozen=True)
class Unsolved:
    """Support profiles with mixing that get no closed form, by reason (counts)."""

    one_mixer: int = 0
    unequal_sizes: int = 0
    three_or_more_mixers: int = 0

    def notes(self) -> list[str]:
        """One sentence per nonzero count."""
        out = []
        if self.one_mixer:
            out.append(f"{self.one_mixer} supports where one player mixes: equilibria only where that player's "
                       "payoffs tie exactly (a boundary of the pure conditions), not listed")
        if self.unequal_sizes:
            out.append(f"{self.unequal_sizes} supports where two players mix over different numbers of strategies: "
                       "non-generic (equilibria only on lower-dimensional sets), not listed")
        if self.three_or_more_mixers:
            out.append(f"{self.three_or_more_mixers} supports where three or more players mix: the indifference "
                       "system is polynomial, so no closed form is given (gtre solve finds them at a point)")
        return out


def _sizes_allowed(shape, m, mixers, size):
    """Support sizes player ``m`` may take so that exactly two players end up mixing over ``size`` strategies each."""
    rest = shape[m + 1:]
    if mixers == 2:
        return [1]
    if mixers == 1:
        return [1, size] if any(n >= size for n in rest) else [size]
    out = [1] if sum(n >= 2 for n in rest) >= 2 else []
    return out + [k for k in range(2, shape[m] + 1) if any(n >= k for n in rest)]


def has_closed_form(supports) -> bool:
    """True for a support profile where exactly two players mix, over the same number of strategies."""
    sizes = [len(s) for s in supports if len(s) > 1]
    return len(sizes) == 2 and sizes[0] == sizes[1]


def solvable_supports(shape, m=0, mixers=0, size=0):
    """The support profiles where exactly two players mix over equal numbers of strategies, lazily.

    In the order of ``itertools.product`` over each player's supports (by
    size, then lexicographic), generated without walking the other support
    profiles: a 16 x 16 game has 2**32 of those.
    """
    if m == len(shape):
        if mixers == 2:
            yield ()
        return
    for k in _sizes_allowed(shape, m, mixers, size):
        if k > shape[m]:
            continue
        for support in itertools.combinations(range(shape[m]), k):
            grown = mixers + (k > 1)
            for rest in solvable_supports(shape, m + 1, grown, k if k > 1 else size):
                yield (support,) + rest


def _solvable_count(shape) -> int:
    total = 0
    for i, j in itertools.combinations(range(len(shape)), 2):
        others = math.prod(n for m, n in enumerate(shape) if m not in (i, j))
        total += others * sum(math.comb(shape[i], k) * math.comb(shape[j], k)
                              for k in range(2, min(shape[i], shape[j]) + 1))
    return total


def classify(shape) -> tuple[int, Unsolved]:
    """How many support profiles get closed forms, and the counts of those that do not (by formula)."""
    mixed = [2**n - 1 - n for n in shape]  # supports of two or more strategies
    pure = math.prod(shape)
    one = sum(mixed[m] * pure // shape[m] for m in range(len(shape)))
    two = sum(mixed[i] * mixed[j] * pure // (shape[i] * shape[j])
              for i, j in itertools.combinations(range(len(shape)), 2))
    total = math.prod(2**n - 1 for n in shape)
    solvable = _solvable_count(shape)
    return solvable, Unsolved(one, two - solvable, total - pure - one - two)


def _expected(payoffs, player, strategy, supports, probs):
    """Player's expected payoff from ``strategy`` against the others' mixes ``probs`` over ``supports``."""
    others = [supports[m] if m != player else (strategy,) for m in range(len(supports))]
    total = sympy.S.Zero
    for profile in itertools.product(*others):
        weight = sympy.Mul(*(probs[m][profile[m]] for m in range(len(supports)) if m != player))
        total += weight * payoffs[(player,) + profile]
    return total


def _involved(shape, supports):
    """Every payoff entry a support profile's conditions use: one player's any strategy, the others' supports."""
    entries = set()
    for player, n in enumerate(shape):
        others = [supports[m] if m != player else range(n) for m in range(len(shape))]
        for profile in itertools.product(*others):
            entries.add((player,) + profile)
    return sorted(entries)


def _solve_case(payoffs, supports, box):
    """The closed form of one support in one case: probabilities and candidate conditions.

    ``None`` when the indifference equations have no solution, ``"singular"``
    when they have infinitely many (for generic parameter values).
    """
    n = len(supports)
    shape = payoffs.shape[1:]
    i, j = [m for m in range(n) if len(supports[m]) > 1]
    unknowns = {m: [sympy.Dummy(f"p{m}_{t}") for t in supports[m]] for m in (i, j)}
    symbolic = []
    for m in range(n):
        row = [sympy.S.Zero] * shape[m]
        if m in unknowns:
            for t, u in zip(supports[m], unknowns[m]):
                row[t] = u
        else:
            row[supports[m][0]] = sympy.S.One
        symbolic.append(row)
    solution = {}
    for mixer, other in ((i, j), (j, i)):
        base = supports[mixer][0]
        rows = [sympy.expand(_expected(payoffs, mixer, t, supports, symbolic) -
                             _expected(payoffs, mixer, base, supports, symbolic)) for t in supports[mixer][1:]]
        rows.append(sympy.Add(*unknowns[other]) - 1)
        A, b = sympy.linear_eq_to_matrix(rows, unknowns[other])
        det = sympy.factor(A.det(method="berkowitz"))
        if det == 0:
            # No unique solution: none at all (inconsistent for generic
            # parameters: no equilibrium on this support) or a continuum.
            consistent = sympy.linsolve((A, b), unknowns[other]) != sympy.S.EmptySet
            return "singular" if consistent else None
        values = A.adjugate() * b
        for u, v in zip(unknowns[other], values):
            solution[u] = tidy_fraction(v / det, box)
    probabilities = tuple(
        tuple(sympy.S(x).xreplace(solution) for x in row) for row in symbolic)
    candidates = []
    for m in range(n):
        for t in supports[m]:
            if m in unknowns:
                candidates.append((probabilities[m][t], True, Requirement(None, "probability", m, t)))
        value = _expected(payoffs, m, supports[m][0], supports, probabilities)
        for t in range(shape[m]):
            if t not in supports[m]:
                gain = value - _expected(payoffs, m, t, supports, probabilities)
                kind_prefers = supports[m][0] if len(supports[m]) == 1 else None
                candidates.append((gain, False, Requirement(None, "deviation", m, kind_prefers, (t,))))
    return probabilities, candidates


def mixed_conditions(payoffs: np.ndarray, box, deadline=None) -> tuple[list[MixedConditions], Unsolved, int]:
    """Closed-form equilibria of every support profile where exactly two players mix over equal numbers of strategies.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Object array ``(n_players, n_1, ..., n_n)`` of sympy expressions.
    box : mapping of sympy.Symbol to (lo, hi)
    deadline : Deadline, optional
        Checked between supports; when it has passed, the rest are left.

    Returns
    -------
    conditions : list of MixedConditions
        Supports whose equilibrium is not proved impossible, in support order.
    unsolved : Unsolved
        Counts of the supports with mixing that get no closed form.
    left : int
        Supports with a closed form left unanalysed when the deadline passed.

    Examples
    --------
    Matching pennies with a stake ``a`` on heads-heads:

    >>> import numpy as np, sympy
    >>> a = sympy.Symbol("a", real=True)
    >>> u = np.empty((2, 2, 2), dtype=object)
    >>> u[0] = [[a, -1], [-1, 1]]; u[1] = -u[0]
    >>> [found], unsolved, left = mixed_conditions(u, {a: (1, 3)})
    >>> found.cases[0].probabilities
    ((2/(a + 3), (a + 1)/(a + 3)), (2/(a + 3), (a + 1)/(a + 3)))
    >>> found.cases[0].region.conditions       # nothing left to hold: it exists for every a in [1, 3]
    ()
    """
    shape = payoffs.shape[1:]
    count, unsolved = classify(shape)
    out = []
    for done, supports in enumerate(solvable_supports(shape)):
        if deadline is not None and deadline.passed():
            return out, unsolved, count - done
        try:
            found = _support_conditions(payoffs, supports, box, deadline)
        except OutOfTime:
            return out, unsolved, count - done
        if found is not None:
            out.append(found)
    return out, unsolved, 0


def _support_conditions(payoffs, supports, box, deadline):
    """One support profile's closed form and where it holds, or None if proved impossible in every case."""
    shape = payoffs.shape[1:]
    entries = _involved(shape, supports)
    cases, empty, singular = [], 0, 0
    for case in split_cases([payoffs[e] for e in entries], box):
        local = payoffs.copy()
        for e, value in zip(entries, case.expressions):
            local[e] = value
        solved = _solve_case(local, supports, box)
        if solved is None:
            empty += 1
            continue
        if solved == "singular":
            singular += 1
            continue
        probabilities, candidates = solved
        region = build_region(case.guards, candidates, box, deadline)
        if region.empty:
            empty += 1
        else:
            cases.append(MixedCase(probabilities, region))
    return MixedConditions(supports, tuple(cases), empty, singular) if cases or singular else None
