"""All Nash equilibria of many small n-player games at once (one per parameter point).

Support enumeration, batched over points: the support profiles of the game's
shape are listed once, and each profile's indifference equations are solved
for every point of a batch in a few array operations.

Which profiles are solved, and how (three players; two-player games are the
case where the third player is absent):

* **Pure profiles**: a best-response check.
* **Two players mix** over ``a`` strategies each, the others play pure: the
  equations are linear (one small linear system per player, by cofactors).
* **Three players mix**, one of them (``k``) over two strategies with
  probability ``r`` on the second, the others (``i``, ``j``) over ``a`` and
  ``b`` strategies, ``a >= b``.  For a fixed ``r`` the equations of ``i`` are
  linear in ``j``'s mix and those of ``j`` linear in ``i``'s:

  - ``a == b``: both mixes are rational functions of ``r`` (cofactors of a
    matrix linear in ``r``), and ``k``'s indifference becomes one polynomial
    in ``r`` of degree at most ``2 (a - 1)``;
  - ``a == b + 1``: ``i``'s equations overdetermine ``j``'s mix; they are
    consistent where a determinant of degree at most ``b`` in ``r``
    vanishes, and ``i``'s mix then solves a square linear system.

  The polynomial's roots in ``[0, 1]`` come from a closed form (degree 2 or
  less) or the eigenvalues of its companion matrix.

Every other profile (one player mixing alone, two players mixing over
supports of different sizes, three over sizes further apart) has no
equilibrium in a game without payoff ties, since its equations are then
overdetermined.  The batch therefore covers the games :func:`covers` accepts
and, for each point, either certifies its answer or marks the point
*unresolved* for the exact one-game solver:

* some player has two best responses to a pure profile of the others
  (payoff ties: the game may have continua);
* a polynomial vanishes identically or has a (nearly) double root, or a
  linear system is (nearly) singular at a root;
* a candidate is within a margin of the feasibility or best-response test:
  a probability within :data:`PROBABILITY_MARGIN` of 0, a strategy outside
  the support within ``PAYOFF_MARGIN_FACTOR * tol`` of a best response, or
  an indifference residual above ``tol`` but within the margin.

Away from those points, the equilibria found are the equilibria the
one-game solver finds, with the same supports.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np

from .batch_result import BatchEquilibria, Collector
from .pure import pure_equilibrium_mask

#: Most strategies a player of a covered 3-player game may have.
MAX_STRATEGIES = 4

#: A candidate's probability within this of 0 leaves the point to the one-game solver.
PROBABILITY_MARGIN = 1e-7
#: ... as does a payoff gap within this many ``tol`` of a tie.
PAYOFF_MARGIN_FACTOR = 1e3
#: Roots closer than this (relative) are a double root: unresolved.
ROOT_SEPARATION = 1e-6
#: A polynomial or determinant with no coefficient above this (payoffs scaled to [-1, 1]) vanishes identically.
VANISHING = 1e-10

COVERAGE = (
    f"3-player games where every player has at most {MAX_STRATEGIES} strategies and one has at most 2 "
    "(2x2x2, 2x3x2, 3x3x2, 4x4x2, ... in any order)"
)


def covers(shape) -> bool:
    """Whether :func:`batch_equilibria` finds every equilibrium of games of ``shape``.

    Parameters
    ----------
    shape : sequence of int
        Strategies per player.

    Examples
    --------
    >>> covers((2, 3, 2)), covers((3, 3, 2)), covers((3, 3, 3)), covers((2, 2, 2, 2))
    (True, True, False, False)
    """
    shape = tuple(int(n) for n in shape)
    return len(shape) == 3 and max(shape) <= MAX_STRATEGIES and min(shape) <= 2


def batch_equilibria(payoffs: np.ndarray, tol: np.ndarray) -> BatchEquilibria:
    """Every Nash equilibrium of many 3-player games of a covered shape.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(3, n_1, n_2, n_3, B)``: player, strategies, point (points
        last, as :meth:`~gametheory_re.parametric.ParametricGame.payoff_batch`
        gives them).  Finite.
    tol : numpy.ndarray
        Shape ``(B,)``: each point's regret tolerance, applied as
        :func:`~gametheory_re.equilibria.find_equilibria` applies its
        ``tol`` (to the player with the largest payoffs, scaled down for the
        others by powers of two).

    Returns
    -------
    BatchEquilibria

    Raises
    ------
    ValueError
        Naming ``payoffs`` when the shape is not one :func:`covers` accepts.

    Examples
    --------
    Three players who each win 2 by matching the next player's choice and 1
    by matching the one after have the two pure matches and one mixed
    equilibrium, all at one half:

    >>> u = np.zeros((3, 2, 2, 2))
    >>> for a, b, c in np.ndindex(2, 2, 2):
    ...     u[:, a, b, c] = [2 * (a == b) + (a == c), 2 * (b == c) + (b == a), 2 * (c == a) + (c == b)]
    >>> found = batch_equilibria(u[..., None], np.array([1e-9]))
    >>> [found.supports[s] for s in found.slot]
    [((0,), (0,), (0,)), ((1,), (1,), (1,)), ((0, 1), (0, 1), (0, 1))]
    >>> found.profile[-1].tolist(), found.unresolved.tolist()
    ([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], [False])
    """
    shape = payoffs.shape[1:-1]
    if payoffs.shape[0] != 3 or not covers(shape):
        raise ValueError(f"payoffs: a {'x'.join(map(str, shape))} game is not one the batch covers ({COVERAGE})")
    with np.errstate(all="ignore"):  # singular systems give inf and nan; validity is tracked
        return _solve(payoffs, tol, shape)


def _solve(payoffs, tol, shape) -> BatchEquilibria:
    count = payoffs.shape[-1]
    units, unit_tol = _scaled(payoffs, tol)
    margin = PAYOFF_MARGIN_FACTOR * unit_tol
    found = Collector(shape, count)
    found.unresolved |= _tied(units, margin)
    _pure(units, unit_tol, found)
    for support, plan in _profiles(shape):
        if plan is None:
            continue
        for candidate, valid, unsure in plan(units, support):
            found.unresolved |= unsure
            _verify(units, support, candidate, valid, unit_tol, margin, found)
    return found.result()


def _scaled(payoffs: np.ndarray, tol: np.ndarray):
    """Each player's payoffs times a power of two into [-1, 1], and ``tol`` in those units.

    As in :func:`~gametheory_re.equilibria.find_equilibria`: exact scaling,
    and one tolerance for every player, ``tol`` over the largest player's factor.
    """
    peaks = np.maximum(payoffs.max(axis=(1, 2, 3)), -payoffs.min(axis=(1, 2, 3)))  # (3, B)
    exponents = np.frexp(peaks)[1]
    units = np.ldexp(payoffs, -exponents[:, None, None, None, :])
    return units, np.ldexp(np.asarray(tol, dtype=float), -exponents.max(axis=0))


# ---------------------------------------------------------------- the plans


def _tied(units: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """Points where a payoff tie may hold equilibria the batch does not enumerate.

    One player mixing alone, the others pure, is an equilibrium only where
    that player's mixed strategies tie against the others' pure profile; the
    batch skips those profiles.  A tie matters where some mix of the tied
    strategies leaves every other player's pure strategy a best response
    (within ``margin``): then there is such an equilibrium, possibly a
    continuum, for the one-game solver.  For two tied strategies that set of
    mixes is an interval, computed here; three or more tied strategies are
    always left to the one-game solver.
    """
    count = units.shape[-1]
    tied = np.zeros(count, dtype=bool)
    for p in range(3):
        q, r = (o for o in range(3) if o != p)
        u = _tensor(units, p, (p, q, r))
        near = u >= u.max(axis=0, keepdims=True) - margin  # (n_p, n_q, n_r, B)
        n_near = near.sum(axis=0)
        tied |= (n_near >= 3).reshape(-1, count).any(axis=0)
        for s_q, s_r in np.ndindex(*n_near.shape[:2]):
            points = np.flatnonzero(n_near[s_q, s_r] == 2)
            if len(points):
                tied[points] |= _tie_interval_nonempty(units, p, q, r, s_q, s_r, near[:, s_q, s_r, points], points, margin[points])
    return tied


def _tie_interval_nonempty(units, p, q, r, s_q, s_r, near, points, margin) -> np.ndarray:
    """Whether some mix of ``p``'s two tied strategies keeps ``s_q`` and ``s_r`` best responses.

    ``near`` is ``(n_p, P)``: the two tied strategies at each of ``points``.
    """
    first = np.argmax(near, axis=0)
    second = near.shape[0] - 1 - np.argmax(near[::-1], axis=0)
    lo, hi = np.zeros(len(points)), np.ones(len(points))
    for player, own, fixed_other, other in ((q, s_q, s_r, r), (r, s_r, s_q, q)):
        for alternative in range(units.shape[1 + player]):
            if alternative == own:
                continue
            gain = []
            for strategy in (first, second):
                profile = [None] * 3
                profile[p], profile[other] = strategy, fixed_other
                profile[player] = alternative
                deviation = units[player][profile[0], profile[1], profile[2], points]
                profile[player] = own
                gain.append(deviation - units[player][profile[0], profile[1], profile[2], points])
            # The gain from deviating is (1 - t) gain[0] + t gain[1] at the mix
            # putting t on the second strategy; it must stay at most margin.
            slope = gain[1] - gain[0]
            bound = (margin - gain[0]) / np.where(slope == 0, 1.0, slope)
            hi = np.where(slope > 0, np.minimum(hi, bound), hi)
            lo = np.where(slope < 0, np.maximum(lo, bound), lo)
            hi = np.where((slope == 0) & (gain[0] > margin), -1.0, hi)
    return lo <= hi


def _pure(units: np.ndarray, tol: np.ndarray, found: Collector) -> None:
    """Pure equilibria: a best-response check (ties were left to the point solver by :func:`_tied`)."""
    mask = pure_equilibrium_mask(units, tol)
    ones = np.ones((1, units.shape[-1]))
    for profile in np.ndindex(*units.shape[1:-1]):
        found.add(tuple((i,) for i in profile), mask[profile], [ones] * len(profile))


@lru_cache(maxsize=32)
def _profiles(shape: tuple[int, ...]) -> tuple:
    """Every support profile with two or more mixing players, with its plan (None: skipped)."""
    out = []
    for support in itertools.product(*(_subsets(n) for n in shape)):
        sizes = [len(s) for s in support]
        mixing = [p for p, k in enumerate(sizes) if k > 1]
        if len(mixing) >= 2:
            out.append((support, _plan(sizes, mixing)))
    return tuple(out)


def _subsets(n: int):
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def _plan(sizes, mixing):
    """How to solve a support profile's equations, or None where they are overdetermined."""
    if len(mixing) == 2:
        i, j = mixing
        (k,) = set(range(3)) - {i, j}
        return _Linear(i, j, k) if sizes[i] == sizes[j] else None
    best = None
    for k in (p for p in range(3) if sizes[p] == 2):
        i, j = sorted(set(range(3)) - {k}, key=lambda p: -sizes[p])
        if sizes[i] == sizes[j]:
            return _Pencil(i, j, k)
        if sizes[i] == sizes[j] + 1 and best is None:
            best = _Overdetermined(i, j, k)
    return best


def _tensor(units, p: int, order) -> np.ndarray:
    """Player ``p``'s payoffs with the strategy axes in ``order`` (points last)."""
    return np.moveaxis(units[p], order, (0, 1, 2))


class _Linear:
    """Players ``i`` and ``j`` mix over ``a`` strategies each, ``k`` plays pure."""

    def __init__(self, i: int, j: int, k: int):
        self.i, self.j, self.k = i, j, k

    def __call__(self, units, support):
        i, j, k = self.i, self.j, self.k
        c = support[k][0]
        w_i = _tensor(units, i, (i, j, k))[np.ix_(support[i], support[j], (c,))][:, :, 0]
        w_j = _tensor(units, j, (j, i, k))[np.ix_(support[j], support[i], (c,))][:, :, 0]
        y, y_ok, y_flat = _mix(_cofactors(_differences(w_i[:, :, None])))
        x, x_ok, x_flat = _mix(_cofactors(_differences(w_j[:, :, None])))
        mixes = [None] * 3
        mixes[i], mixes[j], mixes[k] = x, y, np.ones((1, units.shape[-1]))
        yield mixes, x_ok & y_ok, x_flat | y_flat


class _Pencil:
    """All three mix; ``k`` over two strategies (``r`` on the second), ``i`` and ``j`` over ``a`` each.

    For fixed ``r`` both mixes are cofactor vectors over their sums, of degree
    at most ``a - 1`` in ``r``; ``k``'s indifference is then one polynomial.
    """

    def __init__(self, i: int, j: int, k: int):
        self.i, self.j, self.k = i, j, k

    def __call__(self, units, support):
        i, j, k = self.i, self.j, self.k
        s0, s1 = support[k]
        w_i = _pencil(_tensor(units, i, (i, j, k))[np.ix_(support[i], support[j], (s0, s1))])
        w_j = _pencil(_tensor(units, j, (j, i, k))[np.ix_(support[j], support[i], (s0, s1))])
        t_k = _tensor(units, k, (i, j, k))[np.ix_(support[i], support[j], (s0, s1))]
        gain = t_k[:, :, 1] - t_k[:, :, 0]  # (a, a, B): k's gain from s1 over s0
        n_y = _cofactors(_differences(w_i))
        n_x = _cofactors(_differences(w_j))
        # Where a mix's determinant vanishes for every r (a player's payoff
        # ignores an opponent, say), solutions sit where its cofactors all
        # vanish; those r are roots of the polynomial, and _mix flags them.
        poly = 0
        for a in range(len(n_x)):
            row = 0
            for b in range(len(n_y)):
                row = _padd(row, _pmul(gain[a, b][None], n_y[b]))
            poly = _padd(poly, _pmul(n_x[a], row))
        roots, unsure = _roots_in_unit(poly)
        for r, valid in roots:
            x, x_ok, x_flat = _mix([_peval(n, r) for n in n_x])
            y, y_ok, y_flat = _mix([_peval(n, r) for n in n_y])
            mixes = [None] * 3
            mixes[i], mixes[j], mixes[k] = x, y, np.stack([1 - r, r])
            yield mixes, valid & x_ok & y_ok, unsure | (valid & (x_flat | y_flat))


class _Overdetermined:
    """All three mix; ``k`` over two strategies (``r``), ``i`` over ``b + 1``, ``j`` over ``b``.

    For fixed ``r``, ``i``'s ``b`` equations in ``j``'s mix are homogeneous
    and square: consistent where their determinant (degree at most ``b`` in
    ``r``) vanishes, ``j``'s mix then spans their kernel; ``i``'s mix solves
    ``j``'s and ``k``'s equations, linear once ``r`` and ``j``'s mix are known.
    """

    def __init__(self, i: int, j: int, k: int):
        self.i, self.j, self.k = i, j, k

    def __call__(self, units, support):
        i, j, k = self.i, self.j, self.k
        s0, s1 = support[k]
        t_i = _tensor(units, i, (i, j, k))[np.ix_(support[i], support[j], (s0, s1))]
        t_j = _tensor(units, j, (j, i, k))[np.ix_(support[j], support[i], (s0, s1))]
        t_k = _tensor(units, k, (i, j, k))[np.ix_(support[i], support[j], (s0, s1))]
        square = _differences(_pencil(t_i))  # b x b, linear in r
        roots, unsure = _roots_in_unit(_pdet(square))
        for r, valid in roots:
            at_r = [[_peval(e, r) for e in row] for row in square]
            y, y_ok, y_flat = _kernel(at_r)
            w_j = t_j[:, :, 0] + r * (t_j[:, :, 1] - t_j[:, :, 0])  # (b, a, B)
            gain = t_k[:, :, 1] - t_k[:, :, 0]  # (a, b, B)
            k_row = np.einsum("abn,bn->an", gain, y)
            rows = _differences(w_j[:, :, None]) + [[row[None] for row in k_row]]
            x, x_ok, x_flat = _mix(_cofactors(rows))
            mixes = [None] * 3
            mixes[i], mixes[j], mixes[k] = x, y, np.stack([1 - r, r])
            yield mixes, valid & x_ok & y_ok, unsure | (valid & (x_flat | y_flat))


# ------------------------------------------- polynomials in r, points last
#
# A polynomial is an array ``(degree + 1, B)`` of coefficients, lowest first;
# a matrix of them is a list of lists.  The matrices are at most 3x3, so
# determinants are expanded (Leibniz) rather than factorised: elementwise
# array arithmetic over the points, no per-point linear algebra.  Like
# everything below batch_equilibria, they run under its np.errstate: a
# singular system's inf and nan are expected and tracked as invalid.


def _pencil(t: np.ndarray) -> np.ndarray:
    """Entries ``(1 - r) t[..., 0, :] + r t[..., 1, :]`` as polynomials: ``(rows, cols, 2, B)``."""
    return np.stack([t[:, :, 0], t[:, :, 1] - t[:, :, 0]], axis=2)


def _differences(m: np.ndarray) -> list:
    """Rows ``m[t] - m[0]`` (``t >= 1``) of a polynomial matrix ``(rows, cols, deg + 1, B)``.

    Indifference among a player's support strategies: every strategy's payoff
    equals the first's.
    """
    return [[m[t, c] - m[0, c] for c in range(m.shape[1])] for t in range(1, m.shape[0])]


def _padd(p, q):
    if isinstance(p, int):
        return q
    if isinstance(q, int):
        return p
    if len(p) < len(q):
        p, q = q, p
    out = p.copy()
    out[: len(q)] += q
    return out


def _pmul(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    out = np.zeros((len(p) + len(q) - 1, p.shape[-1]))
    for a in range(len(p)):
        for b in range(len(q)):
            out[a + b] += p[a] * q[b]
    return out


def _pdet(m: list) -> np.ndarray:
    """Determinant of a square matrix of polynomials (Leibniz expansion)."""
    n = len(m)
    total = 0
    for perm in itertools.permutations(range(n)):
        term = m[0][perm[0]]
        for row in range(1, n):
            term = _pmul(term, m[row][perm[row]])
        sign = _parity(perm)
        total = _padd(total, term if sign > 0 else -term)
    return total


def _parity(perm) -> int:
    sign, seen = 1, list(perm)
    for a in range(len(seen)):
        while seen[a] != a:
            b = seen[a]
            seen[a], seen[b] = seen[b], seen[a]
            sign = -sign
    return sign


def _cofactors(rows: list) -> list:
    """Cofactors of the last row of ``[rows; 1 ... 1]``, ``rows`` being ``(a - 1) x a``.

    The mix ``x`` with ``rows @ x = 0`` and ``sum(x) = 1`` is these over their sum.
    """
    a = len(rows) + 1
    out = []
    for col in range(a):
        minor = [[row[c] for c in range(a) if c != col] for row in rows]
        det = _pdet(minor) if minor else np.ones((1, rows[0][0].shape[-1]))
        out.append(det if (a - 1 + col) % 2 == 0 else -det)
    return out


def _peval(poly: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Value at ``r`` (Horner)."""
    out = poly[-1].copy()
    for coef in poly[-2::-1]:
        out = out * r + coef
    return out


def _mix(values: list):
    """A mix from cofactors: values over their sum.

    ``rows @ x = 0, sum(x) = 1`` with ``rows`` of full rank has the one
    solution cofactors / sum, or none when the sum (the determinant) is 0;
    no finite mix then, and the candidate fails.  When every cofactor
    vanishes the rows are rank deficient: a continuum of mixes may solve
    them, for the one-game solver to describe.

    Returns the mix ``(a, B)``, whether it is finite, and where the cofactors vanish.
    """
    n = np.stack([np.reshape(v, (-1,)) for v in values])
    flat = np.abs(n).sum(axis=0) <= VANISHING
    x = n / n.sum(axis=0)
    return x, np.isfinite(x).all(axis=0) & ~flat, flat


def _kernel(matrix: list):
    """The mix spanning the kernel of a singular ``b x b`` matrix (entries ``(B,)``).

    Any nonzero column of the adjugate spans it; the largest is taken.
    """
    b = len(matrix)
    columns = []
    for c in range(b):
        column = []
        for row in range(b):
            minor = [[matrix[t][u][None] for u in range(b) if u != row] for t in range(b) if t != c]
            column.append((1 if (c + row) % 2 == 0 else -1) * _pdet(minor)[0])
        columns.append(np.stack(column))
    columns = np.stack(columns)  # (b columns, b entries, B)
    best = np.abs(columns).sum(axis=1).argmax(axis=0)
    return _mix(list(np.take_along_axis(columns, best[None, None], axis=0)[0]))


def _roots_in_unit(poly: np.ndarray):
    """Real roots near ``[0, 1]`` of a polynomial ``(d + 1, B)``, for every point.

    Returns ``d`` slots ``(r, valid)`` (``valid``: slot holds a real root
    within 0.01 of the interval) and where the batch cannot vouch for the
    roots: the polynomial vanishes identically, or two roots near the
    interval are closer than :data:`ROOT_SEPARATION` (a double root, real or
    split into a complex pair by rounding).
    """
    if isinstance(poly, int):
        return [], np.zeros(0, dtype=bool)
    d, count = len(poly) - 1, poly.shape[-1]
    scale = np.abs(poly).max(axis=0)
    vanish = scale <= VANISHING
    c = poly / np.where(vanish, 1.0, scale)
    top = np.abs(c) > 1e-12
    degree = np.where(top.any(axis=0), d - np.argmax(top[::-1], axis=0), 0)
    degree[vanish] = 0
    roots = np.full((d, count), np.nan, dtype=complex)
    for n in range(1, d + 1):
        where = np.flatnonzero(degree == n)
        if not len(where):
            continue
        coefs = c[: n + 1, where]
        if n == 1:
            roots[0, where] = -coefs[0] / coefs[1]
        elif n == 2:
            roots[:2, where] = _quadratic_roots(coefs)
        else:
            companion = np.zeros((len(where), n, n))
            companion[:, 1:, :-1] = np.eye(n - 1)
            companion[:, :, -1] = -(coefs[:n] / coefs[n]).T
            roots[:n, where] = np.linalg.eigvals(companion).T
    near = (roots.real >= -0.01) & (roots.real <= 1.01) & (np.abs(roots.imag) <= 0.01)
    close = np.zeros(count, dtype=bool)
    for a in range(d):
        for b in range(a + 1, d):
            gap = np.abs(roots[a] - roots[b])
            close |= near[a] & near[b] & (gap <= ROOT_SEPARATION * (1 + np.abs(roots[a])))
        # A complex root near the interval pairs with its conjugate: a split double root.
        close |= near[a] & (np.abs(roots[a].imag) > 0) & (np.abs(roots[a].imag) <= ROOT_SEPARATION)
    real = near & (roots.imag == 0)
    out = []
    for a in range(d):
        r = np.where(real[a], roots[a].real, 0.5)
        out.append((_polish(c, r), real[a]))
    return out, vanish | close


def _quadratic_roots(c: np.ndarray) -> np.ndarray:
    """Both roots (complex) of ``c0 + c1 r + c2 r^2``, without cancellation."""
    c0, c1, c2 = c.astype(complex)
    root = np.sqrt(c1 * c1 - 4 * c2 * c0)
    # q takes the sign that adds magnitudes; the other root is c0 / q.
    root = np.where((c1.conj() * root).real >= 0, root, -root)
    q = -0.5 * (c1 + root)
    first = q / c2
    second = np.where(q != 0, c0 / q, first)
    return np.stack([first, second])


def _polish(c: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Two Newton steps on the polynomial ``c`` (``(d + 1, B)``) from ``r``."""
    derivative = c[1:] * np.arange(1, len(c))[:, None]
    for _ in range(2):
        slope = _peval(derivative, r)
        step = np.where(slope != 0, _peval(c, r) / slope, 0.0)
        r = r - np.where(np.isfinite(step), step, 0.0)
    return r


# ------------------------------------------------------------ verification


def _verify(units, support, mixes, valid, tol, margin, found: Collector) -> None:
    """Keep a candidate where it is surely an equilibrium; leave it to the
    one-game solver where it is within a margin of the tests.

    Surely: every probability at least :data:`PROBABILITY_MARGIN`, every
    strategy outside the support worse than the equilibrium payoff by more
    than ``margin``, and the support's payoffs within ``tol`` of it (so the
    regrets are at most ``tol``).
    """
    count = units.shape[-1]
    valid = valid & np.all([np.isfinite(m).all(axis=0) for m in mixes], axis=0)
    lowest = np.min([m.min(axis=0) for m in mixes], axis=0)
    if not (valid & (lowest >= -PROBABILITY_MARGIN)).any():
        # Neither accepted nor near anywhere (most supports of a small batch,
        # as a simulation's one game per period): skip the payoff checks.
        return
    worst_outside = np.full(count, -np.inf)
    worst_inside = np.zeros(count)
    for p in range(3):
        values = _strategy_values(units, p, support, mixes)  # (n_p, B)
        inside = np.asarray(support[p])
        expected = np.sum(values[inside] * mixes[p], axis=0)
        gaps = values - expected
        worst_inside = np.maximum(worst_inside, np.abs(gaps[inside]).max(axis=0))
        outside = [k for k in range(values.shape[0]) if k not in support[p]]
        if outside:
            worst_outside = np.maximum(worst_outside, gaps[outside].max(axis=0))
    accepted = valid & (lowest >= PROBABILITY_MARGIN) & (worst_outside <= -margin) & (worst_inside <= tol)
    near = valid & (lowest >= -PROBABILITY_MARGIN) & (worst_outside <= margin) & (worst_inside <= margin)
    found.unresolved |= near & ~accepted
    found.add(support, accepted, mixes)


def _strategy_values(units, p: int, support, mixes) -> np.ndarray:
    """Player ``p``'s payoff from each of its strategies against the others' mixes."""
    q, s = (o for o in range(3) if o != p)
    t = _tensor(units, p, (p, q, s))
    values = 0
    for a, weight_a in zip(support[q], mixes[q]):
        for b, weight_b in zip(support[s], mixes[s]):
            values = values + t[:, a, b] * (weight_a * weight_b)
    return values
