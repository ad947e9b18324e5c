"""Splitting ``min``, ``max``, ``abs`` and ``piecewise`` payoffs into cases.

A condition such as ``u(align) >= u(dependent)`` is a single inequality only
when both payoffs are plain formulas.  Where a payoff holds ``min(1, q*(1 +
kappa))`` it is one formula when ``q*(1 + kappa) <= 1`` and another when not;
:func:`split_cases` enumerates such cases for a group of expressions at once,
each case the guards that select it and the expressions with every branch
resolved.  Cases are mutually exclusive (ties go to the first argument) and
together cover everything; a case whose guards are impossible over the
bounds box is dropped, where the interval bounds prove it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy

from .. import limits
from ..errors import UnsupportedError
from .intervals import bounds

#: Functions that make an expression piecewise.
_PIECEWISE = (sympy.Min, sympy.Max, sympy.Abs, sympy.Piecewise)


@dataclass(frozen=True)
class Case:
    """One case: where all ``guards`` hold, ``expressions`` are the plain formulas.

    Attributes
    ----------
    guards : tuple of sympy.Boolean
        Relations (``a <= b``, ``a < b``) or other truth values of the
        parameters that select this case; empty when nothing was split.
    expressions : tuple of sympy.Expr
        The input expressions with every ``min``/``max``/``abs``/``piecewise``
        replaced by the branch this case selects.
    """

    guards: tuple
    expressions: tuple


def _first_atom(expressions):
    """The first piecewise sub-expression of ``expressions`` without one inside it, or None."""
    for expr in expressions:
        for sub in sympy.postorder_traversal(expr):
            if isinstance(sub, _PIECEWISE):
                return sub
    return None


def _branches(atom):
    """``(guards, value)`` per branch of one piecewise atom, mutually exclusive, covering everything."""
    if isinstance(atom, sympy.Abs):
        (x,) = atom.args
        return [((sympy.Ge(x, 0),), x), ((sympy.Lt(x, 0),), -x)]
    if isinstance(atom, sympy.Piecewise):
        out, before = [], []
        for value, cond in atom.args:
            guards = tuple(sympy.Not(c) for c in before) + (() if cond is sympy.true else (cond,))
            out.append((guards, value))
            before.append(cond)
            if cond is sympy.true:
                break
        return out
    args = atom.args
    # min: arg k is chosen where it is below every earlier one strictly and
    # at most every later one (ties go to the first), so cases do not overlap.
    better = sympy.Lt if isinstance(atom, sympy.Min) else sympy.Gt
    as_good = sympy.Le if isinstance(atom, sympy.Min) else sympy.Ge
    return [
        (tuple(better(a, b) for b in args[:k]) + tuple(as_good(a, b) for b in args[k + 1:]), a)
        for k, a in enumerate(args)
    ]


def _dnf_size(guard) -> int:
    """How many plain conjunctions :func:`_conjunctions` makes of one guard, without making them."""
    if isinstance(guard, sympy.Or):
        return sum(_dnf_size(a) for a in guard.args)
    if isinstance(guard, sympy.And):
        return math.prod(_dnf_size(a) for a in guard.args)
    return 2 if isinstance(guard, sympy.Ne) else 1


def _too_many(max_cases):
    return UnsupportedError(
        f"the payoffs split into more than {max_cases} cases of min/max/abs/piecewise; "
        "fix some parameters (--set) or free fewer (--free)")


def _conjunctions(guards, max_cases: int = limits.MAX_CONDITION_CASES) -> list[tuple]:
    """The guards of one branch as alternatives of plain relations (``<``, ``<=``, ``>``, ``>=``).

    A ``piecewise`` condition may be any truth value: ``and`` is a
    conjunction, ``or`` becomes alternatives (their union is the
    condition; an overlap only repeats a point in two cases), ``==`` two
    non-strict relations and ``!=`` the alternatives ``<`` and ``>``.
    More than ``max_cases`` alternatives raise :class:`UnsupportedError`,
    counted before any is built (``(a or b) and (c or d) and ...`` doubles
    with every clause).
    """
    guards = [g if isinstance(g, sympy.core.relational.Relational) else sympy.to_nnf(g, simplify=False)
              for g in guards]
    if math.prod(_dnf_size(g) for g in guards) > max_cases:
        raise _too_many(max_cases)
    out = [()]
    for guard in guards:
        options = []
        for conjunct in sympy.Or.make_args(sympy.to_dnf(guard)) if not isinstance(
                guard, sympy.core.relational.Relational) else (guard,):
            parts = [()]
            for atom in sympy.And.make_args(conjunct):
                if isinstance(atom, sympy.Eq):
                    parts = [p + (sympy.Le(atom.lhs, atom.rhs), sympy.Ge(atom.lhs, atom.rhs)) for p in parts]
                elif isinstance(atom, sympy.Ne):
                    parts = [p + (rel(atom.lhs, atom.rhs),) for p in parts for rel in (sympy.Lt, sympy.Gt)]
                elif atom is sympy.true:
                    continue
                else:
                    parts = [p + (atom,) for p in parts]
            options.extend(parts)
        out = [o + p for o in out for p in options]
    return out


def impossible(guard, box) -> bool:
    """True if the interval bounds prove ``guard`` false everywhere in ``box``."""
    if guard is sympy.false:
        return True
    if not isinstance(guard, sympy.core.relational.Relational) or isinstance(guard, (sympy.Eq, sympy.Ne)):
        return False
    lo, hi = bounds(guard.lhs - guard.rhs, box)
    if isinstance(guard, sympy.Le):
        return lo > 0
    if isinstance(guard, sympy.Lt):
        return lo >= 0
    if isinstance(guard, sympy.Ge):
        return hi < 0
    return hi <= 0  # Gt


def certain(guard, box) -> bool:
    """True if the interval bounds prove ``guard`` true everywhere in ``box``."""
    if guard is sympy.true:
        return True
    if not isinstance(guard, sympy.core.relational.Relational) or isinstance(guard, (sympy.Eq, sympy.Ne)):
        return False
    return impossible(guard.negated, box)


def _relaxed(guard):
    if isinstance(guard, sympy.Lt):
        return sympy.Le(guard.lhs, guard.rhs)
    if isinstance(guard, sympy.Gt):
        return sympy.Ge(guard.lhs, guard.rhs)
    return guard


def split_cases(expressions, box, max_cases: int = limits.MAX_CONDITION_CASES) -> list[Case]:
    """The cases of a group of expressions: every combination of branches the box allows.

    Parameters
    ----------
    expressions : sequence of sympy.Expr
    box : mapping of sympy.Symbol to (lo, hi)
        Bounds used to drop impossible cases and guards that always hold.
    max_cases : int
        More cases than this raise :class:`UnsupportedError` (each case is
        one more conjunction to print and prove).

    Returns
    -------
    list of Case
        One case with no guards if nothing is piecewise.

    Examples
    --------
    >>> import sympy
    >>> q, k = sympy.symbols("q k", real=True)
    >>> box = {q: (0, 1), k: (0, sympy.Rational(1, 2))}
    >>> for case in split_cases([sympy.Min(1, q * (1 + k)), sympy.Min(1, q)], box):
    ...     print(case.guards, case.expressions)
    (1 <= q*(k + 1),) (1, q)
    (q*(k + 1) < 1,) (q*(k + 1), q)
    """
    todo = [Case((), tuple(sympy.S(e) for e in expressions))]  # plain ints (a constant payoff difference) too
    done: list[Case] = []
    while todo:
        case = todo.pop()
        atom = _first_atom(case.expressions)
        if atom is None:
            done.append(case)
            continue
        if len(atom.args) > max_cases:  # min/max of many arguments: as many branches
            raise _too_many(max_cases)
        branches = _branches(atom)
        # A branch whose guards hold over the whole box, ties allowed, is the
        # value everywhere (where another branch wins a tie, it is equal).
        sure = [b for b in branches if all(certain(_relaxed(g), box) for g in b[0])]
        chosen = []
        for guards, value in [((), sure[0][1])] if sure else branches:
            for alternative in _conjunctions(guards, max_cases):
                if any(impossible(g, box) for g in alternative):
                    continue
                chosen.append((tuple(g for g in alternative if not certain(g, box)), value))
        # Counted before the expressions are rebuilt: rebuilding a big min/max costs sympy seconds.
        if len(todo) + len(done) + len(chosen) > max_cases:
            raise _too_many(max_cases)
        for kept, value in chosen:
            todo.append(Case(case.guards + kept, tuple(e.xreplace({atom: value}) for e in case.expressions)))
    done.reverse()
    return done
