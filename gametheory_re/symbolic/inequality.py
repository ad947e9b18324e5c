"""One condition ``expr >= 0`` (or ``> 0``), simplified and proved where it can be.

:func:`simplify` turns a difference of payoffs into the simplest equivalent
inequality over a bounds box: a common denominator whose sign the bounds
prove is multiplied out, factors whose sign the bounds prove are cancelled
(flipping the inequality for a negative one), numeric content is divided
out, and an inequality the interval bounds prove true (or false) everywhere
in the box is reported as such instead.  Every step is an equivalence over
the box, so nothing is approximated.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import sympy

from .intervals import bounds, sign

#: Expressions with more operations than this are not run through
#: ``sympy.factor`` (which can take long on big ones); they are kept expanded.
FACTOR_MAX_OPS = 120
#: Nor are expressions of a higher total degree (``factor(x**64 - y**64)``
#: runs for minutes in 3 operations), nor expanded, polynomially, to more
#: terms than this (``(x + y + z + w + 1)**64`` has 814,385).
MAX_FACTOR_DEGREE = 12
MAX_EXPANDED_TERMS = 2000


def _degree(expr) -> int:
    """An upper bound of the total degree, every function call counted as one generator."""
    if expr.is_Number:
        return 0
    if expr.is_Add:
        return max(_degree(a) for a in expr.args)
    if expr.is_Mul:
        return sum(_degree(a) for a in expr.args)
    if expr.is_Pow and expr.exp.is_Integer:
        return _degree(expr.base) * abs(int(expr.exp))
    return 1


def _terms(expr) -> int:
    """An upper bound of the number of terms of ``expr`` expanded (its numerator's, for a power below 0)."""
    if expr.is_Add:
        return sum(_terms(a) for a in expr.args)
    if expr.is_Mul:
        return math.prod(_terms(a) for a in expr.args)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp > 0:
        t = _terms(expr.base)
        return math.comb(t + int(expr.exp) - 1, int(expr.exp))
    return 1


def small(expr) -> bool:
    """True if ``expr`` is small enough to expand and factor in well under a second."""
    return (sympy.count_ops(expr) <= FACTOR_MAX_OPS and _degree(expr) <= MAX_FACTOR_DEGREE
            and _terms(expr) <= MAX_EXPANDED_TERMS)


@dataclass(frozen=True)
class Inequality:
    """``expr >= 0``, or ``expr > 0`` when ``strict``.

    ``expr`` is over the real parameter symbols of the game.
    """

    expr: sympy.Expr
    strict: bool = False

    def relation(self) -> sympy.core.relational.Relational:
        """The inequality as ``lhs >= rhs`` with both sides written with positive terms.

        Examples
        --------
        >>> import sympy
        >>> b, K, s = sympy.symbols("b K s", real=True)
        >>> Inequality(b - K * (1 - s)).relation()
        b >= K*(1 - s)
        """
        left, right = [], []
        terms = self.expr.args if self.expr.is_Add else (self.expr,)
        for term in terms:
            (left if term.as_coeff_Mul()[0] > 0 else right).append(term)
        lhs, rhs = sympy.Add(*left), -sympy.Add(*right)
        cls = sympy.Gt if self.strict else sympy.Ge
        if lhs.is_Number and not rhs.is_Number:  # "1 >= c" reads better as "c <= 1"
            return (sympy.Lt if self.strict else sympy.Le)(rhs, lhs, evaluate=False)
        return cls(lhs, rhs, evaluate=False)

    def boundary(self) -> sympy.Expr:
        """The expression whose zero set is the boundary of the region."""
        return self.expr

    def key(self):
        """Equal for inequalities that are the same up to a positive factor."""
        if not small(self.expr):  # expanding a long one costs more than a miss
            return self.expr, self.strict
        num, den = sympy.fraction(self.expr)
        content, primitive = sympy.expand(num).as_content_primitive()
        return primitive, sympy.expand(den).as_content_primitive()[1], self.strict


@functools.lru_cache(maxsize=4096)
def _factored(expr):
    if not small(expr):
        return expr
    try:
        return sympy.factor(expr)
    except (sympy.PolynomialError, sympy.CoercionFailed, NotImplementedError):
        return sympy.factor_terms(expr)


def simplify(expr, box, strict: bool = False) -> Inequality | bool:
    """The simplest inequality equivalent to ``expr >= 0`` (``> 0`` if strict) over ``box``.

    See :func:`_simplify`; results are cached, since the cases of one
    profile and the supports of one game repeat many conditions.
    """
    key = (expr, strict, tuple(sorted(box.items(), key=lambda kv: kv[0].name)))
    if key not in _CACHE:
        if len(_CACHE) > 20000:
            _CACHE.clear()
        _CACHE[key] = _simplify(expr, box, strict)
    return _CACHE[key]


_CACHE: dict = {}


def _simplify(expr, box, strict: bool = False) -> Inequality | bool:
    """The simplest inequality equivalent to ``expr >= 0`` (``> 0`` if strict) over ``box``.

    Parameters
    ----------
    expr : sympy.Expr
    box : mapping of sympy.Symbol to (lo, hi)
        The free parameters' bounds (exact; ``oo`` where not declared).
    strict : bool

    Returns
    -------
    Inequality, or True / False
        True (False) when the bounds prove it holds (fails) everywhere in
        the box.

    Examples
    --------
    >>> import sympy
    >>> K, s, x = sympy.symbols("K s x", real=True)
    >>> box = {K: (sympy.Rational(1, 10), 3), s: (0, 1), x: (-1, 1)}
    >>> simplify(2 * K * x - 2 * K * s * x, box)      # K > 0 and 1 - s >= 0 ... only K cancels
    Inequality(expr=-s*x + x, strict=False)
    >>> simplify(K + 1, box)
    True
    """
    num, den = sympy.fraction(sympy.together(expr))
    den_sign = sign(den, box)
    if den_sign is not None and den_sign < 0:
        num = -num
    coeff, factors = _factored(num).as_coeff_mul()
    kept = [f for f in factors if sign(f, box) is None]
    negative = (coeff < 0) != (sum(sign(f, box) == -1 for f in factors) % 2 == 1)
    if coeff == 0:
        result = sympy.S.Zero
    elif len(kept) < len(factors) or abs(coeff) != 1:
        # A factor of known sign (or numeric content) cancels.
        result = -sympy.Mul(*kept) if negative else sympy.Mul(*kept)
    else:
        result = num
    if den_sign is None:
        # A denominator of unknown sign stays: num/den >= 0 is not num >= 0,
        # and multiplying it out makes the condition far longer to read.
        result = _readable(result, box) / _readable(_factored(den), box)
    lo, hi = bounds(result, box)
    if lo > 0 or (not strict and lo >= 0):
        return True
    if hi < 0 or (strict and hi <= 0):
        return False
    if den_sign is not None:
        result = _readable(result, box)
        # Expanding can show what interval arithmetic could not: a sum
        # that is a constant (-K*s*(2 - 10*K*s) + (1/10 - K*s)*(10*K*s - 1) is -1/10).
        lo, hi = bounds(result, box)
        if lo > 0 or (not strict and lo >= 0):
            return True
        if hi < 0 or (strict and hi <= 0):
            return False
    return Inequality(result, strict)


def _readable(expr, box):
    """The shortest of ``expr`` as built, expanded and with common factors pulled out; no leading minus on a product with a sum."""
    if not small(expr):
        return expr
    candidates = [expr, sympy.expand(expr), sympy.factor_terms(expr), _grouped(expr, box)]
    best = min(candidates, key=sympy.count_ops)  # first of the shortest: the form as built wins ties
    # Sums the bounds prove non-positive are written the other way round,
    # (1 - g) not (g - 1), so a term's sign tells its side of the inequality.
    terms = best.args if best.is_Add else (best,)
    return sympy.Add(*(_signed(_minus_into_sum(t), box) for t in terms))


def _grouped(expr, box, depth: int = 0):
    """The expanded polynomial with the largest monomial common to several terms pulled out, repeatedly.

    ``b - K + L*d*g*q - L*d*g*q*t`` becomes ``b - K + L*d*g*q*(1 - t)``: the
    form a reader writes, which neither ``factor`` nor ``factor_terms``
    finds because the constant terms share no factor.
    """
    symbols = sorted(expr.free_symbols, key=str)
    if not symbols:
        return expr
    try:
        poly = sympy.Poly(expr, *symbols)
    except sympy.PolynomialError:
        return sympy.expand(expr)
    terms = poly.terms()
    if len(terms) < 2 or depth > 8 or len(terms) > 60:
        return sympy.expand(expr)
    best = None
    for (a, _), (b, _) in itertools.combinations(terms, 2):
        common = tuple(min(x, y) for x, y in zip(a, b))
        if not any(common):
            continue
        members = [k for k, (m, _) in enumerate(terms) if all(x >= y for x, y in zip(m, common))]
        score = (len(members), sum(common))
        if best is None or score > best[0]:
            best = (score, common, members)
    if best is None:
        return sympy.expand(expr)
    _, common, members = best
    monomial = sympy.Mul(*(x**e for x, e in zip(symbols, common)))
    inner = sympy.Add(*(
        c * sympy.Mul(*(x**(e - f) for x, e, f in zip(symbols, m, common)))
        for k, (m, c) in enumerate(terms) if k in members))
    rest = sympy.Add(*(c * sympy.Mul(*(x**e for x, e in zip(symbols, m)))
                       for k, (m, c) in enumerate(terms) if k not in members))
    # Only a short remainder is worth factoring ((a - b)*(1 - t)); a long
    # one is grouped again, which is far cheaper than sympy.factor.
    inner = _factored(inner) if len(best[2]) <= 8 and sympy.count_ops(inner) <= 40 else inner
    if inner.is_Add:
        inner = _grouped(inner, box, depth + 1)
    return _grouped(rest, box, depth + 1) + monomial * inner


def _signed(expr, box, depth: int = 0):
    """Sums the bounds prove non-positive turned round, inside out: ``(g - 1)*x`` as ``-(1 - g)*x``.

    Short sums inside a product are grouped first (``p*t - p`` as
    ``p*(t - 1)``), so that interval arithmetic, which cannot see that
    ``p*t - p <= 0``, can see it of ``p*(t - 1)``.
    """
    if depth > 6:
        return expr
    if expr.is_Add:
        return sympy.Add(*(_signed(t, box, depth + 1) for t in expr.args))
    if not expr.is_Mul:
        return expr
    factors, flips = [], 0
    for f in expr.args:
        if f.is_Add:
            if sympy.count_ops(f) <= 40 and small(f):
                f = _signed(_grouped(f, box), box, depth + 1)
            if bounds(f, box)[1] <= 0:
                f = sympy.Add(*(_signed(-t, box, depth + 1) for t in f.args))
                flips += 1
        factors.append(f)
    return (-1) ** flips * sympy.Mul(*factors)


def _minus_into_sum(expr):
    """``-x*(s - 1)`` as ``x*(1 - s)``: a negative product with one sum in it, the sign moved into the sum."""
    coeff, rest = expr.as_coeff_Mul()
    if coeff < 0 and rest.is_Mul:
        sums = [f for f in rest.args if f.is_Add]
        if len(sums) == 1:
            others = [f for f in rest.args if f is not sums[0]]
            return -coeff * sympy.Mul(*others) * sympy.Add(*[-t for t in sums[0].args])
    return expr


def tidy_fraction(expr, box):
    """A rational function in lowest terms, numerator and denominator each written readably.

    Sums that the bounds prove non-positive are turned round in both, so
    ``(b - K)/(g*(x - 1))`` reads ``(K - b)/(g*(1 - x))`` when ``x <= 1``.
    """
    if not small(expr):
        return expr
    num, den = sympy.fraction(sympy.cancel(expr))
    num, den = _readable(_factored(num), box), _readable(_factored(den), box)
    if den.could_extract_minus_sign():
        num, den = -num, -den
    if num.could_extract_minus_sign() and num.is_Mul:
        num = _minus_into_sum(num)
    return num / den
