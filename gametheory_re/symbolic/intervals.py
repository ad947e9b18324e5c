"""Exact interval bounds of an expression over a box of parameter values.

A box gives each free parameter its declared bounds (``None`` where a bound
is not declared).  :func:`bounds` walks a sympy expression and returns an
interval, with exact rational ends, that contains every value the expression
takes over the box: natural interval arithmetic, which can overestimate (the
same symbol in two places is treated as two independent values) but never
underestimates.  It is what proves a factor's sign, a condition true over
the whole box, or a case of ``min``/``max`` impossible.
"""

from __future__ import annotations

from typing import Mapping

import sympy

oo = sympy.oo
#: The interval of a value nothing is known about.
UNKNOWN = (-oo, oo)


def box_of(parameters, names) -> dict[sympy.Symbol, tuple]:
    """The box of ``names``: each symbol (real, as parametric games make them) to its bounds.

    ``parameters`` maps names to :class:`~gametheory_re.parameters.Parameter`.
    """
    box = {}
    for name in names:
        p = parameters[name]
        lo = -oo if p.minimum is None else sympy.Rational(p.minimum)
        hi = oo if p.maximum is None else sympy.Rational(p.maximum)
        box[sympy.Symbol(name, real=True)] = (lo, hi)
    return box


def _mul(a, b):
    products = []
    for x in a:
        for y in b:
            # 0 * oo is 0 here: the bound is reached by the finite factor.
            products.append(sympy.S.Zero if x == 0 or y == 0 else x * y)
    return min(products), max(products)


def _power(base, n: int):
    lo, hi = base
    if n >= 0:
        if n % 2 == 1 or lo >= 0:
            return lo**n, hi**n
        if hi <= 0:
            return hi**n, lo**n
        return sympy.S.Zero, max(lo**n, hi**n)
    if lo > 0 or hi < 0:
        inv = (1 / hi, 1 / lo)
        return _power(inv, -n)
    return UNKNOWN


def bounds(expr, box: Mapping[sympy.Symbol, tuple]) -> tuple:
    """An interval ``(lo, hi)`` containing every value of ``expr`` over ``box``.

    Symbols not in ``box`` are unbounded.  Ends are exact (sympy rationals or
    ``oo``); functions this walk does not know give ``(-oo, oo)``.

    Examples
    --------
    >>> import sympy
    >>> x, y = sympy.symbols("x y", real=True)
    >>> bounds(x * (1 - y) + 1, {x: (0, 2), y: (sympy.Rational(1, 2), 1)})
    (1, 2)
    """
    if expr.is_Number:
        return (expr, expr) if expr.is_finite else UNKNOWN
    if expr.is_Symbol:
        return box.get(expr, UNKNOWN)
    if expr.is_Add:
        lo, hi = sympy.S.Zero, sympy.S.Zero
        for arg in expr.args:
            a, b = bounds(arg, box)
            lo, hi = lo + a, hi + b
        return lo, hi
    if expr.is_Mul:
        out = (sympy.S.One, sympy.S.One)
        for arg in expr.args:
            out = _mul(out, bounds(arg, box))
        return out
    if expr.is_Pow and expr.exp.is_Integer:
        return _power(bounds(expr.base, box), int(expr.exp))
    if isinstance(expr, (sympy.Min, sympy.Max)):
        parts = [bounds(a, box) for a in expr.args]
        pick = min if isinstance(expr, sympy.Min) else max
        return pick(p[0] for p in parts), pick(p[1] for p in parts)
    if isinstance(expr, sympy.Abs):
        lo, hi = bounds(expr.args[0], box)
        if lo >= 0:
            return lo, hi
        if hi <= 0:
            return -hi, -lo
        return sympy.S.Zero, max(-lo, hi)
    if isinstance(expr, sympy.exp):
        lo, hi = bounds(expr.args[0], box)
        return (sympy.S.Zero if lo == -oo else sympy.exp(lo)), sympy.exp(hi)
    if not expr.free_symbols:
        return _constant(expr)
    return UNKNOWN


def _constant(expr) -> tuple:
    """Rational bounds of a real constant such as ``exp(1)``, ``sqrt(2)``, ``log(2)`` (40 digits, a wide margin)."""
    value = expr.evalf(40)
    if not value.is_Float or not value.is_finite:
        return UNKNOWN
    centre = sympy.Rational(value)
    margin = abs(centre) / 10**30 + sympy.Rational(1, 10**60)
    return centre - margin, centre + margin


def sign(expr, box) -> int | None:
    """+1 if ``expr > 0`` over the whole box, -1 if ``< 0``, else None."""
    lo, hi = bounds(expr, box)
    if lo > 0:
        return 1
    if hi < 0:
        return -1
    return None
