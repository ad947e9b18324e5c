"""Closed-form solutions when three players mix ``k``, ``k`` and three strategies: one resultant.

The three-strategy player ``C`` has two unknowns ``z = (z1, z2)``.  Player
``A``'s ``k - 1`` equations are linear in ``B``'s mix with coefficients affine
in ``z``: where that ``(k - 1) x k`` matrix has full rank, ``B``'s mix is its
kernel ``hB(z)`` (signed maximal minors, of degree ``k - 1``), and likewise
``A``'s mix ``hA(z)``.  ``C``'s two equations become two polynomials
``N_l(z) = hA(z)' D_l hB(z)`` of degree ``2 (k - 1)``; their resultant in
``z2`` is one polynomial in ``z1`` (degree at most ``4 (k - 1)**2``, 16 for a
3x3x3 totally mixed support, where Groebner bases of the six-unknown system
took 60-70 ms).  FLINT computes the resultant and factors it; the first
subresultant ``s11(z1) z2 + s10(z1)`` gives ``z2 = -s10 / s11`` at every
root (where ``s11`` vanishes there are two common roots, or more).
Descartes' rule often shows first that no root lies in [0, 1]; ball
arithmetic at FLINT's certified root balls shows most other roots to give
some negative probability.  Only for a factor with a root left are exact
coordinates built (:func:`~..algebra.flint_roots.quotients_mod`), and the
resulting :class:`~.solutions.AlgebraicSolution` objects are checked as the
general method's are.  The whole took 7.7 ms per 3x3x3 totally mixed
support, against 70 ms by Groebner bases (30 games on 0..99).

Points where a kernel matrix drops rank are the generic catch: ``hB``
vanishes there and ``B``'s mix is not determined by ``z``.  Such a point is a
root of the resultant too; it holds a solution only if ``A``'s rows and
``C``'s two equations (linear in ``B``'s mix there) have a common kernel,
which is tested exactly; if they do, None is returned and the general method
decides, as it does for every other degenerate case (a resultant that
vanishes identically, an equation of degree below 2 in ``z2``, both leading
coefficients vanishing at a root, two common roots above one ``z1``).
"""

from __future__ import annotations

import flint

from ..algebra.flint_roots import nonnegative_roots, quotients_mod, signed_minors, unit_real_roots
from ..algebra.integer_poly import may_have_root_in_unit_interval
from .solutions import AlgebraicSolution, solutions_at_roots
from .support_system import SupportSystem, gain_table

#: Largest ``k`` tried.  The method holds for any ``k`` (the resultant's degree
#: grows as ``4 (k - 1)**2``), but ``k = 4`` could not be checked against the
#: general method, whose Groebner bases of those eight-unknown systems took
#: minutes each.
RESULTANT_MAX_STRATEGIES = 3

_CONTEXT = flint.fmpz_mpoly_ctx.get(("z1", "z2"), "lex")


def resultant_solutions(game, supports, mixing):
    """Three players mix ``k``, ``k`` and three strategies (``3 <= k <=`` :data:`RESULTANT_MAX_STRATEGIES`).

    Parameters
    ----------
    game : ExactPayoffs
    supports : tuple of tuple of int
    mixing : list of int
        The three players whose supports have more than one strategy.

    Returns
    -------
    list of AlgebraicSolution or None
        Every real solution whose unknown ``z1`` lies in [0, 1] (others may
        be left out), ordered by the last unknown; None when the system is
        degenerate in one of the ways the module docstring lists.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_re.solvers.exact_payoffs import ExactPayoffs
    >>> u = np.random.default_rng(16).integers(0, 10, size=(3, 3, 3, 3)).astype(float)
    >>> full = ((0, 1, 2),) * 3
    >>> (mixed,) = [s for s in resultant_solutions(ExactPayoffs(u), full, [0, 1, 2]) if s.in_simplex()]
    >>> [v.round(4).tolist() for v in mixed.float_profile()], mixed.is_exact_equilibrium()
    ([[0.0207, 0.1191, 0.8602], [0.3359, 0.2444, 0.4196], [0.0313, 0.5472, 0.4215]], True)
    """
    c = next(p for p in reversed(mixing) if len(supports[p]) == 3 and _others_equal(supports, mixing, p))
    a, b = [p for p in mixing if p != c]
    k = len(supports[a])
    rows_a = _kernel_rows(game, supports, a, b, c)  # A's equations, over B's strategies
    rows_b = _kernel_rows(game, supports, b, a, c)
    h_b, h_a = signed_minors(rows_a, _ZERO), signed_minors(rows_b, _ZERO)
    tables = [gain_table(game, supports, c, s, a, b) for s in supports[c][1:]]  # [A's][B's]
    equations = []
    for table in tables:
        n = _ZERO
        for i, f in enumerate(h_a):
            n += f * sum((g * table[i][j] for j, g in enumerate(h_b) if table[i][j]), _ZERO)
        if n.is_zero():
            return None
        equations.append(n)
    resultant = equations[0].resultant(equations[1], "z2")
    if resultant.is_zero():
        return None
    r = _univariate(resultant)
    if r.degree() <= 0 or not may_have_root_in_unit_interval([int(x) for x in r.coeffs()]):
        return []
    # z2 = -s10(z1) / s11(z1) at a common root, from the first subresultant.
    p_z2, q_z2 = (_in_z2(n) for n in equations)
    if len(p_z2) < 3 or len(q_z2) < 3:
        return None  # an equation of degree below 2 in z2: the general method decides
    s10, s11 = _first_subresultant(p_z2, q_z2)
    # Homogenised in z2: z2 = -s10 / s11, and every entry of a kernel vector
    # times s11**(k - 1), as integer polynomials in z1.
    ha_z1 = [_homogenised(f, s10, s11, k - 1) for f in h_a]
    hb_z1 = [_homogenised(f, s10, s11, k - 1) for f in h_b]
    sa_z1, sb_z1 = (sum(h, flint.fmpz_poly(0)) for h in (ha_z1, hb_z1))
    system = None
    points = []
    for factor, _ in r.factor()[1]:
        roots = unit_real_roots(factor)
        if not roots:
            continue
        field = _NumberField(factor)
        if not field.reduce(p_z2[-1]) and not field.reduce(q_z2[-1]):
            return None  # both leading coefficients vanish: the subresultant says nothing
        if not field.reduce(s11):
            return None  # two or more common roots above these z1, or a curve of them
        # C's mix (z0, z1, z2) = (1 - z1 - z2, z1, -s10 / s11) at any solution here, also where a
        # kernel matrix drops rank: roots where it is certainly outside the simplex hold none.
        roots = nonnegative_roots(roots, [(-s10, s11), (s11 - flint.fmpz_poly([0, 1]) * s11 + s10, s11)])
        if not roots:
            continue
        ha = [field.reduce(f) for f in ha_z1]
        hb = [field.reduce(f) for f in hb_z1]
        if not any(ha) or not any(hb):
            if _rank_drop_solvable(field, ha, hb, rows_a, rows_b, tables, s10, s11):
                return None
            continue
        if not field.reduce(sa_z1) or not field.reduce(sb_z1):
            continue  # a kernel vector summing to 0: no mix
        # The two other mixes: most roots left give one certainly negative probability.
        roots = nonnegative_roots(roots, [(f, sa_z1) for f in ha_z1] + [(f, sb_z1) for f in hb_z1])
        if not roots:
            continue
        coords = {
            c: [field.t, quotients_mod(s11, [-s10], factor)[0]],
            a: quotients_mod(sa_z1, ha_z1[1:], factor),
            b: quotients_mod(sb_z1, hb_z1[1:], factor),
        }
        if system is None:
            system = SupportSystem(game, supports)
        points.extend(solutions_at_roots(system, factor, roots, coords))
    if len(points) > 1:
        points.sort(key=AlgebraicSolution.last_coordinate)
    return points


def _rank_drop_solvable(field, ha, hb, rows_a, rows_b, tables, s10, s11) -> bool:
    """At a root where a kernel matrix drops rank, whether a solution may lie there.

    If ``A``'s rows drop rank (``hb`` vanishes), ``B``'s mix ``y`` is any
    vector of their kernel that also solves ``C``'s two equations, linear in
    ``y`` once ``A``'s mix is ``ha``: a solution needs the stacked matrix to
    have a kernel.  Likewise with the roles swapped; True when both drop rank.
    """
    if not any(ha) and not any(hb):
        return True
    k = len(ha)
    if any(hb):  # B's rows drop rank: A's mix is free
        rows = [[field.reduce(_homogenised(e, s10, s11, 1)) for e in row] for row in rows_b]
        rows += [[sum((hb[j] * t[i][j] for j in range(k) if t[i][j]), field.zero) for i in range(k)] for t in tables]
    else:
        rows = [[field.reduce(_homogenised(e, s10, s11, 1)) for e in row] for row in rows_a]
        rows += [[sum((ha[i] * t[i][j] for i in range(k) if t[i][j]), field.zero) for j in range(k)] for t in tables]
    return field.rank(rows) < k


def covers(sizes) -> bool:
    """Whether :func:`resultant_solutions` applies to supports of these sizes.

    Examples
    --------
    >>> covers((3, 3, 3)), covers((1, 3, 3, 3)), covers((3, 3, 4)), covers((2, 3, 3))
    (True, True, False, False)
    """
    counts = sorted(k for k in sizes if k > 1)
    if len(counts) != 3 or 3 not in counts:
        return False
    counts.remove(3)
    return counts[0] == counts[1] and 3 <= counts[0] <= RESULTANT_MAX_STRATEGIES


_ZERO = _CONTEXT.from_dict({})


def _others_equal(supports, mixing, c) -> bool:
    a, b = [p for p in mixing if p != c]
    return len(supports[a]) == len(supports[b])


def _kernel_rows(game, supports, player, other, c):
    """``player``'s equations as rows over ``other``'s strategies, entries affine in ``C``'s unknowns."""
    z1, z2 = _CONTEXT.gens()
    rows = []
    for s in supports[player][1:]:
        table = gain_table(game, supports, player, s, c, other)  # [C's strategy][other's strategy]
        rows.append([
            table[0][j] + (table[1][j] - table[0][j]) * z1 + (table[2][j] - table[0][j]) * z2
            for j in range(len(table[0]))
        ])
    return rows


def _univariate(f) -> flint.fmpz_poly:
    """A polynomial in ``z1`` only, as ``fmpz_poly``."""
    coeffs = {int(e1): value for (e1, _), value in f.to_dict().items()}
    return flint.fmpz_poly([coeffs.get(k, 0) for k in range(max(coeffs) + 1)])


class _NumberField:
    """``Q[t] / (f)`` for an irreducible ``f``: elements are ``fmpq_poly`` of degree below ``f``'s."""

    def __init__(self, f: flint.fmpz_poly):
        self.f = flint.fmpq_poly(f)
        self.t = flint.fmpq_poly([0, 1]) % self.f
        self.zero = flint.fmpq_poly(0)

    def reduce(self, x):
        return x % self.f

    def rank(self, rows) -> int:
        """Rank of a matrix over the field, by fraction-free Gaussian elimination."""
        rows = [list(r) for r in rows]
        rank = 0
        for col in range(len(rows[0]) if rows else 0):
            pivot = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
            if pivot is None:
                continue
            rows[rank], rows[pivot] = rows[pivot], rows[rank]
            p = rows[rank][col]
            for i in range(rank + 1, len(rows)):
                if rows[i][col]:
                    q = rows[i][col]
                    rows[i] = [self.reduce(x * p - q * y) for x, y in zip(rows[i], rows[rank])]
            rank += 1
        return rank


def _in_z2(n):
    """A polynomial in ``(z1, z2)`` as its coefficients in ``z2`` (``fmpz_poly`` in ``z1``), lowest first."""
    by_power = {}
    for (e1, e2), value in n.to_dict().items():
        by_power.setdefault(int(e2), {})[int(e1)] = int(value)
    return [
        flint.fmpz_poly([terms.get(e, 0) for e in range(max(terms) + 1)]) if terms else flint.fmpz_poly(0)
        for terms in (by_power.get(e2, {}) for e2 in range(max(by_power) + 1))
    ]


def _first_subresultant(p, q):
    """``(s10, s11)``: the first subresultant ``s11 y + s10`` of ``p`` and ``q`` (coefficient lists in ``y``).

    Its coefficients are the determinants of the Sylvester matrix's rows
    ``y**i p`` (``i < deg q - 1``) and ``y**i q`` (``i < deg p - 1``) on the
    columns of ``y**(m + n - 2)`` down to ``y**2``, completed by the column of
    ``y`` or of 1: one fraction-free (Bareiss) elimination over ``Z[z1]``
    gives both.  Where a leading coefficient of ``p`` or ``q`` does not
    vanish, ``s11 != 0`` says the two have exactly one common root, ``-s10 / s11``.
    """
    m, n = len(p) - 1, len(q) - 1
    size = m + n - 2
    rows = []
    for poly, shifts in ((p, n - 1), (q, m - 1)):
        for i in range(shifts):
            row = [flint.fmpz_poly(0)] * (size + 1)
            for power, coeff in enumerate(poly):
                row[_column(power + i, size)] = coeff
            rows.append(row)
    sign = 1
    previous = flint.fmpz_poly(1)
    for col in range(size - 1):
        pivot = next((i for i in range(col, size) if rows[i][col]), None)
        if pivot is None:
            return flint.fmpz_poly(0), flint.fmpz_poly(0)
        if pivot != col:
            rows[col], rows[pivot] = rows[pivot], rows[col]
            sign = -sign
        lead = rows[col][col]
        for i in range(col + 1, size):
            rows[i] = rows[i][:col + 1] + [
                (rows[i][j] * lead - rows[i][col] * rows[col][j]) // previous for j in range(col + 1, size + 1)
            ]
        previous = lead
    return rows[size - 1][size] * sign, rows[size - 1][size - 1] * sign


def _column(power, size):
    """Column of ``y**power``: ``y**(size)`` first, down to ``y**2``; then ``y`` (``size - 1``) and 1 (``size``)."""
    return size - power if power >= 2 else size - 1 + (1 - power)


def _homogenised(f, s10, s11, d):
    """``s11**d f(z1, -s10 / s11)`` for ``f`` of degree at most ``d`` in ``z2``, in ``Z[z1]``."""
    total = flint.fmpz_poly(0)
    for (e1, e2), value in f.to_dict().items():
        e1, e2 = int(e1), int(e2)
        total += flint.fmpz_poly([0] * e1 + [int(value)]) * (-s10) ** e2 * s11 ** (d - e2)
    return total
