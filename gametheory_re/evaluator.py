"""Numeric code for sympy expressions of parameters, safe whatever the names.

:func:`sympy.lambdify` prints expressions to Python source that runs in a
namespace holding all of numpy.  Two things in that source must not depend on
the game file:

* names: the generated function's arguments are named after the symbols, and
  the printer writes sympy's ``E`` as ``e``, ``nan`` as ``nan``, ``Min`` with
  ``minimum``...; a parameter named ``e`` would shadow Euler's number, one
  named ``minimum`` or ``select`` would break the code.  Every symbol is
  therefore renamed to a private name (``_gtre_p0``, ``_gtre_p1``...), which
  no game may declare (names start with a letter), before printing;
* the sympy version: ``Min``, ``Max``, ``Piecewise``, ``And`` and ``Or`` are
  printed by hand as nested two-argument numpy calls, which broadcast scalars
  against arrays (sympy 1.12 prints ``Min(1, q)`` as ``amin(asarray(...))``,
  which fails when ``q`` is an array and the ``1`` a scalar).
"""

from __future__ import annotations

import functools
import math
from functools import reduce
from typing import Callable, Sequence

import numpy as np
import sympy
from sympy.printing.numpy import NumPyPrinter

from .numbers import digits_exceed

#: Prefix of the private argument names; game names start with a letter.
PRIVATE_PREFIX = "_gtre_p"


class _Printer(NumPyPrinter):
    """numpy code for the few sympy objects whose default printing varies between versions."""

    def _nested(self, function: str, args) -> str:
        printed = [self._print(a) for a in args]
        return reduce(lambda inner, a: f"{self._module_format('numpy.' + function)}({a}, {inner})", reversed(printed[:-1]), printed[-1])

    def _print_Rational(self, expr):
        # Python refuses to mix a float with an int beyond the float range
        # (OverflowError), so huge constants are printed as floats.
        if digits_exceed(expr.p, 300) or digits_exceed(expr.q, 300):
            value = float(expr)
            return repr(value) if math.isfinite(value) else ("-" if value < 0 else "") + self._module_format("numpy.inf")
        return super()._print_Rational(expr)

    def _print_Integer(self, expr):
        return self._print_Rational(expr) if digits_exceed(expr.p, 300) else super()._print_Integer(expr)

    def _print_ComplexInfinity(self, expr):
        # sympy's zoo (1/0) can survive inside a condition: undefined, so NaN.
        return self._module_format("numpy.nan")

    def _print_Min(self, expr):
        return self._nested("minimum", expr.args)

    def _print_Max(self, expr):
        return self._nested("maximum", expr.args)

    def _print_And(self, expr):
        return self._nested("logical_and", expr.args)

    def _print_Or(self, expr):
        return self._nested("logical_or", expr.args)

    def _print_Piecewise(self, expr):
        # where(c1, v1, where(c2, v2, ... nan)): the first true condition wins.
        where = self._module_format("numpy.where")
        code = self._print(sympy.nan)
        for value, condition in reversed(expr.args):
            if condition is sympy.true:
                code = self._print(value)
            else:
                code = f"{where}({self._print(condition)}, {self._print(value)}, {code})"
        return code


def compile_expressions(symbols: Sequence[sympy.Symbol], expressions: Sequence[sympy.Expr]) -> Callable:
    """A numpy function of the symbols' values returning the list of the expressions' values.

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The arguments, in order.
    expressions : sequence of sympy.Expr
        Built by this package (never user text).

    Returns
    -------
    callable
        ``f(*values)``: one value (scalar or array, broadcast as numpy does)
        per expression.
    """
    private = [sympy.Symbol(f"{PRIVATE_PREFIX}{i}", real=True) for i in range(len(symbols))]
    renaming = dict(zip(symbols, private))
    # strict: numbers and sympy objects only; a string would be refused, never parsed.
    renamed = [sympy.sympify(e, strict=True).xreplace(renaming) for e in expressions]
    printer = _Printer({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True, "user_functions": {}})
    return sympy.lambdify(private, renamed, modules=[_numpy_namespace()], printer=printer, dummify=False)


@functools.lru_cache(maxsize=None)
def _numpy_namespace() -> dict:
    """numpy's loaded names, for the printed code.

    ``modules="numpy"`` would run ``from numpy import *``, which imports
    every one of numpy's lazily loaded submodules (fft, polynomial, random,
    ma...): 0.1 s at the first compile of every command, for nothing the
    printer writes.
    """
    return {name: value for name, value in vars(np).items() if not name.startswith("_")}


class Compiled:
    """Expressions and the conditions where each is defined, compiled into one numpy function.

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
    expressions : sequence of sympy.Expr
    conditions : sequence of tuple of sympy.Boolean, optional
        One tuple per expression: it is defined where all hold (see
        :meth:`gametheory_re.formula.Formula.build`).  Equal conditions are
        compiled once, and expressions sharing a tuple of conditions are
        marked together, so the cost is per distinct condition, not per
        payoff.
    """

    def __init__(self, symbols, expressions, conditions=None):
        self.symbols = list(symbols)
        self.n_values = len(expressions)
        index: dict = {}
        groups: dict[tuple[int, ...], list[int]] = {}
        for i, conds in enumerate(conditions if conditions is not None else ()):
            if conds:
                key = tuple(sorted({index.setdefault(c, len(index)) for c in conds}))
                groups.setdefault(key, []).append(i)
        self.conditions = list(index)
        self.index = index
        self.groups = [(list(k), v) for k, v in groups.items()]
        # Equal expressions (a payoff that does not depend on some player's
        # move, an update rule off the moves it names) are compiled once.
        distinct: dict = {}
        self.positions = [distinct.setdefault(e, len(distinct)) for e in list(expressions) + self.conditions]
        self.function = compile_expressions(self.symbols, list(distinct))

    def evaluate(self, args, size: int):
        """Values at ``size`` points.

        Parameters
        ----------
        args : list
            One value per symbol: an array of length ``size`` or a scalar.
        size : int

        Returns
        -------
        values : numpy.ndarray
            ``(n_expressions, size)``, NaN where an expression is undefined.
        holds : numpy.ndarray
            ``(n_conditions, size)`` booleans, in the order of
            :attr:`conditions`.
        """
        with np.errstate(all="ignore"):
            results = self.function(*args)
        distinct = np.empty((len(results), size))
        for i, v in enumerate(results):
            if np.iscomplexobj(v):  # sympy may print a real value with I in it; a complex one is undefined
                v = np.where(np.imag(v) == 0, np.real(v), np.nan)
            distinct[i] = v
        out = distinct[self.positions]
        # A condition is a truth value (1.0 or 0.0); NaN inputs make it false.
        values, holds = out[: self.n_values], out[self.n_values:] == 1
        for conds, members in self.groups:
            bad = ~holds[conds].all(axis=0)
            if bad.any():
                values[np.ix_(members, np.flatnonzero(bad))] = np.nan
        return values, holds

    def failed(self, conditions, holds) -> sympy.Basic | None:
        """The first of ``conditions`` that does not hold at the single point of ``holds``, or None."""
        return next((c for c in conditions if not holds[self.index[c], 0]), None)
