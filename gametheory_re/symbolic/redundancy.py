"""Exact linear programming over the bounds box: empty regions and implied conditions.

When every condition of a region is linear in the free parameters (as with
one parameter free, or free parameters that never multiply each other in
the payoffs: Game B's ``s`` and ``K`` do, in ``K*s``), the region is a polytope and two questions have exact answers by
linear programming in rationals (:mod:`sympy.solvers.simplex`):

- is the region empty?  (the conditions and the box are infeasible);
- is a condition implied by the others and the box?  (its minimum over the
  rest is ``>= 0``, ``> 0`` for a strict one).

Strict conditions are relaxed to non-strict ones for the feasibility test,
so "empty" is only claimed when the closed region is empty.  Nonlinear
regions are left as they are: nothing is claimed about them.
"""

from __future__ import annotations

import sympy
from sympy.solvers.simplex import InfeasibleLPError, UnboundedLPError, lpmin

from .inequality import _degree

#: Exact LPs are run only on regions with at most this many variables and
#: conditions: sympy's rational simplex takes about 0.4 s at 20 variables
#: and 40 constraints, and every condition of a region costs one LP.
#: Dense rational coefficients cost more: 8 variables and 40 conditions take
#: about 1 s per LP, so :func:`prune` checks its deadline between LPs.
MAX_LP_VARIABLES = 8
MAX_LP_CONDITIONS = 40


def is_linear(expr, symbols) -> bool:
    """True if ``expr`` is a polynomial of degree at most 1 in ``symbols`` with numeric coefficients."""
    if _degree(expr) > 1:  # an upper bound; checked first, since Poly expands (x + y + 1)**64
        return False
    try:
        poly = sympy.Poly(expr, *symbols)
    except sympy.PolynomialError:
        return False
    return poly.total_degree() <= 1 and all(c.is_Number for c in poly.coeffs())


def _box_constraints(symbols, box):
    out = []
    for x in symbols:
        lo, hi = (sympy.S(v) for v in box.get(x, (-sympy.oo, sympy.oo)))
        if lo.is_finite:
            out.append(x >= lo)
        if hi.is_finite:
            out.append(x <= hi)
    return out


def prune(inequalities, box, deadline=None):
    """Drop the conditions implied by the others, and say whether the region is empty.

    Parameters
    ----------
    inequalities : sequence of Inequality
    box : mapping of sympy.Symbol to (lo, hi)
    deadline : Deadline, optional
        Checked before each LP (raises ``OutOfTime`` when passed).

    Returns
    -------
    kept : list of int
        Indices of the conditions that are not implied by the kept others
        (all of them when the region is not linear or too large for the
        exact LP).
    empty : bool or None
        True if proved empty, False if proved non-empty (as a closed
        region), None if not decided.

    Examples
    --------
    >>> import sympy
    >>> from gametheory_re.symbolic.inequality import Inequality
    >>> x, y = sympy.symbols("x y", real=True)
    >>> box = {x: (0, 1), y: (0, 1)}
    >>> prune([Inequality(x - y), Inequality(x - y / 2)], box)   # x >= y implies x >= y/2 here
    ([0], False)
    """
    symbols = sorted(set().union(*(i.expr.free_symbols for i in inequalities)) if inequalities else set(), key=str)
    if (
        not inequalities
        or len(symbols) > MAX_LP_VARIABLES
        or len(inequalities) > MAX_LP_CONDITIONS
        or not all(is_linear(i.expr, symbols) for i in inequalities)
    ):
        return list(range(len(inequalities))), None
    bounds = _box_constraints(symbols, box)
    if deadline is not None:
        deadline.check()
    try:
        lpmin(sympy.S.Zero if not symbols else symbols[0] * 0, bounds + [i.expr >= 0 for i in inequalities])
    except InfeasibleLPError:
        return [], True
    except UnboundedLPError:  # pragma: no cover - a zero objective is never unbounded
        pass
    kept = list(range(len(inequalities)))
    for k in range(len(inequalities)):
        if deadline is not None:
            deadline.check()
        others = [inequalities[j].expr >= 0 for j in kept if j != k]
        try:
            low, _ = lpmin(inequalities[k].expr, bounds + others)
        except UnboundedLPError:
            continue
        except InfeasibleLPError:  # pragma: no cover - the whole set was feasible
            continue
        if low > 0 or (low >= 0 and not inequalities[k].strict):
            kept.remove(k)
    return kept, False
