"""Formulas evaluated exactly at a parameter point, and the error when a payoff is undefined there.

:func:`exact_value` puts exact parameter values into a sympy formula, reaching
only the branches a point selects; :func:`exactly_undefined` tells whether the
result is a finite real number, naming the domain condition that fails.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import sympy
from sympy.printing.str import StrPrinter

from .errors import GameFileError
from .parameters import show_value


def undefined_error(source: str, key: str, where: str, point: Mapping, value, failed) -> GameFileError:
    """The error for a payoff (or probability) that is not a finite real number at a parameter point.

    ``point`` is shown restricted to the parameters of ``failed``, the
    condition that fails (all of them when it is None).
    """
    if failed is not None:
        used = {s.name for s in failed.free_symbols}
        point = {k: v for k, v in point.items() if k in used}
    at = ", ".join(f"{k}={show_value(v)}" for k, v in point.items())
    at = f" at {at}" if at else ""
    if failed is not None:
        why = f"undefined{at}: it needs {_ConditionPrinter().doprint(failed)}, which fails there"
    else:
        try:
            why = f"{value}{at}"
        except ValueError:  # str() of an integer beyond Python's digit limit
            why = f"not a finite real number{at}"
    return GameFileError(
        source, key,
        f"{where} is {why}; payoffs must be finite real numbers (no division by zero, no log of a number <= 0, "
        "no root of a negative number)",
    )


class _ConditionPrinter(StrPrinter):
    """Conditions in the formula language's syntax: ``x - 1 != 0``, ``x > 0 or y >= 0``."""

    def _print_Relational(self, expr):
        return f"{self._print(expr.lhs)} {expr.rel_op} {self._print(expr.rhs)}"

    def _print_And(self, expr):
        return " and ".join(f"({self._print(a)})" for a in expr.args)

    def _print_Or(self, expr):
        return " or ".join(f"({self._print(a)})" for a in expr.args)

    def _print_Not(self, expr):
        return f"not ({self._print(expr.args[0])})"


def exactly_undefined(value, conditions, subs: Mapping) -> tuple[bool, object]:
    """Whether an exact payoff ``value`` is undefined at the point ``subs``, and
    the first of its ``conditions`` that fails there (None if none does: the
    value itself is then not a finite real number, or all is well)."""
    failed = next((c for c in conditions if exact_value(c, subs) is not sympy.true), None)
    return failed is not None or not (value.is_Rational or is_real_number(value)), failed


def is_real_number(value) -> bool:
    """True for a finite real sympy number (not ``zoo``, ``nan``, infinite or complex)."""
    return bool(value.is_number and value.is_extended_real and value.is_finite)


def substitute(expressions: np.ndarray, subs: Mapping) -> np.ndarray:
    """Object array of sympy expressions with the parameter values put in (exactly)."""
    out = np.empty(expressions.shape, dtype=object)
    for index, expr in np.ndenumerate(expressions):
        out[index] = exact_value(expr, subs)
    return out


def exact_value(expr, subs: Mapping):
    """``expr.xreplace(subs)``, evaluating branches and ``and``/``or`` operands only where they are reached.

    ``xreplace`` builds every sub-expression first, and sympy refuses to
    compare an undefined or complex value (``1/x > 1`` at ``x = 0`` raises
    TypeError, ``Max`` of a complex number ValueError) even in a branch
    that is never reached; the lazy walk is the fallback for those.  Where a
    reached part cannot be evaluated, a truth value is false and a number
    NaN: the expression's conditions say it is undefined there.
    """
    try:
        return expr.xreplace(subs)
    except (TypeError, ValueError):
        return _lazy(expr, subs, {})


def _lazy(expr, subs, memo):
    if expr in memo:
        return memo[expr]
    if expr in subs:
        value = subs[expr]
    elif not expr.args:
        value = expr
    elif isinstance(expr, sympy.Piecewise):
        value = sympy.nan
        for branch, condition in expr.args:
            if _lazy(condition, subs, memo) is sympy.true:
                value = _lazy(branch, subs, memo)
                break
    elif isinstance(expr, (sympy.And, sympy.Or)):
        # Every operand, each with its own fallback, so order does not matter.
        truths = [_lazy(arg, subs, memo) is sympy.true for arg in expr.args]
        value = sympy.true if (all(truths) if isinstance(expr, sympy.And) else any(truths)) else sympy.false
    else:
        try:
            value = expr.func(*(_lazy(a, subs, memo) for a in expr.args))
        except (TypeError, ValueError):
            value = sympy.false if isinstance(expr, sympy.logic.boolalg.Boolean) and not isinstance(expr, sympy.Expr) else sympy.nan
    memo[expr] = value
    return value
