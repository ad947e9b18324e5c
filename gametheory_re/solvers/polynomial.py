"""All Nash equilibria of n-player games: support enumeration with exact polynomial solving.

Every equilibrium has a support profile ``S`` (the strategies each player
uses) and solves that profile's indifference equations (see
:mod:`gametheory_re.solvers.exact`).  So the equilibria are found by going
through the support profiles, smallest first:

1. **Prune**, soundly, before any algebra.  All profiles at once: one is
   ruled out when some strategy in some ``S_i`` is strictly dominated (by a
   margin above ``tol``) by another strategy of player ``i`` against every
   profile of the others' supports; for pure profiles this is the
   best-response check.
2. **Solve exactly** over the rationals.  Most profiles of small games have
   a closed form, evaluated in integer arithmetic without sympy
   (:func:`~gametheory_re.solvers.exact.fast_solutions`): linear equations
   when at most two players mix, one quadratic when three players mix two
   strategies each or two, two and three, one univariate polynomial (whose
   roots in [0, 1] are counted by Sturm's theorem first) when they mix two,
   ``k`` and ``k``.  Otherwise (larger systems, and every degenerate case)
   interval bounds on boxes of unknowns may first prove the profile empty
   (:func:`box_excluded`, where the equations may have three or more
   solutions), then a Groebner basis solves it; real roots of the eliminant
   are isolated exactly.
3. **Keep** a solution when every probability is at least 0 (decided
   exactly) and every player's regret is at most ``tol`` (in floats, as for
   every solver of this tool).  Whether it is also an *exact* equilibrium is
   decided exactly too; only then are exact values attached.
4. **Continua**: a profile whose equations have infinitely many solutions is
   reported as a :class:`Component`: a polytope with its extreme points when
   the constraints are linear on it (in plain rationals when one player
   mixes and the others are pure, the common case), otherwise its equations
   and one verified point.

A numeric path (Powell's hybrid method from random starts on each surviving
profile) covers systems too large for exact algebra; results are then
flagged as possibly incomplete.  So is a run stopped by its time budget,
which is checked between support profiles and inside the long loops of one
(numeric starts, interval boxes, vertex candidates of a continuum); in the
main thread on Unix a timer also interrupts a step that never checks (one
Groebner basis of huge rationals can take minutes), see
:meth:`~gametheory_re.solvers.deadline.Deadline.interrupting`.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy
from sympy.polys.domains import QQ

from ..errors import UnsupportedError
from ..options import check_time_budget, check_tolerance
from .deadline import Deadline, OutOfTime
from .exact import (
    AlgebraFailure,
    ExactEquilibrium,
    ExactPayoffs,
    Point,
    PositiveDimensional,
    QuadraticPoint,
    SupportSystem,
    _ring,
    approximate_profile,
    exact_values,
    fast_solutions,
    float_profile,
    in_simplex,
    interior_empty,
    is_exact_equilibrium,
    satisfies,
    solve_system,
    single_mixer_constraints,
    solve_with_fixed,
    supports_interior_empty,
)
from ..labels import profile_label
from .regret import default_tol, max_regret, regrets

METHODS = ("auto", "exact", "numeric")
#: Most support profiles a game may have (the product of ``2**n_i - 1``).
MAX_SUPPORT_PROFILES = 2_000_000
#: ``auto`` solves a support exactly when its system has at most this many
#: isolated solutions (multihomogeneous Bezout number): 10 is the 3x3x3
#: totally mixed case, 9 the 2x2x2x2 one.
MAX_EXACT_BEZOUT = 10
#: ... and at most this many unknowns.
MAX_EXACT_UNKNOWNS = 6
#: Supports whose systems may have at least this many solutions are first
#: put through :func:`box_excluded`; smaller ones are solved faster than tested.
_BOX_TEST_MIN_BEZOUT = 3
# The test's effort grows with the algebra it may save, within a budget of
# corner evaluations (a box has 2**unknowns corners).
_BOXES_PER_SOLUTION = 2000
_BOX_CORNERS = 1_000_000
# A float linear solve with condition number below _MAX_CONDITION is far
# more accurate than _LINEAR_MARGIN, so it may rule out a support.
_MAX_CONDITION = 1e6
_LINEAR_MARGIN = 1e-6
# Rational points tried on a curved continuum before giving up on finding one.
_SAMPLE_ATTEMPTS = 12
# A continuum with more vertex candidates than this is described by its
# constraints instead of its extreme points.
_MAX_VERTEX_CANDIDATES = 20_000
# Two equilibria are the same when no probability differs by more than this.
_SAME = 1e-9


@dataclass(frozen=True)
class Component:
    """A set of infinitely many equilibria sharing one support profile.

    Attributes
    ----------
    supports : tuple of tuple of int
        Strategies each player may use on the component (some points of it may
        use fewer: its boundary).
    dimension : int
        Dimension of the set.  Exact for polytopes (``extreme_points``
        given); otherwise the dimension of the solution set of the
        indifference equations, an upper bound.
    description : str
        Plain English: the extreme points, or the equations and constraints
        that define it.
    sample : tuple of numpy.ndarray
        One equilibrium in it, checked (regrets at most ``tol``).
    extreme_points : tuple of ExactEquilibrium
        Every vertex, with exact rational values, when the set is a polytope
        (all its points are the convex combinations of these); empty otherwise.
    """

    supports: tuple[tuple[int, ...], ...]
    dimension: int
    description: str
    sample: tuple[np.ndarray, ...]
    extreme_points: tuple[ExactEquilibrium, ...] = ()


@dataclass(frozen=True)
class PolynomialResult:
    """What :func:`polynomial_equilibria` found.

    Attributes
    ----------
    equilibria : tuple of ExactEquilibrium
        Equilibria that are isolated solutions of their support's equations,
        without duplicates, smallest supports first; every regret is at most
        ``tol``.  A point on the boundary of a component (a pure endpoint of
        a segment of equilibria, say) can appear here too.
    components : tuple of Component
        Continua of equilibria.
    complete : bool
        True when every support profile was examined exactly and every
        continuum described: the equilibria and components are then all the
        equilibria of the game.  False when the time budget ran out, the
        numeric path was used, or something could not be decided.
    notes : tuple of str
        Plain-English remarks, including why ``complete`` is False.
    supports_tried : int
        Support profiles examined.
    supports_pruned : int
        Of those, the ones ruled out before solving (by dominance or by
        interval bounds).
    """

    equilibria: tuple[ExactEquilibrium, ...]
    components: tuple[Component, ...]
    complete: bool
    notes: tuple[str, ...]
    supports_tried: int
    supports_pruned: int


def polynomial_equilibria(
    payoffs,
    exact_payoffs=None,
    tol: float | None = None,
    time_budget: float | None = None,
    method: str = "auto",
    random_state: int | None = 0,
    exact: bool = True,
) -> PolynomialResult:
    """All Nash equilibria of an n-player game by support enumeration.

    Parameters
    ----------
    payoffs : array_like
        Float payoffs, shape ``(n_players, n_1, ..., n_n)``.
    exact_payoffs : numpy.ndarray, optional
        The same payoffs as sympy numbers (object array).  Without them each
        float is taken as the exact decimal it prints as (``0.1`` is
        ``1/10``), via ``Fraction(repr(x))``.  Irrational payoffs are also
        replaced by their floats' decimals, and no exact values are reported.
    tol : float, optional
        Regret tolerance; default ``1e-9 * max |payoff|``.  It is also
        the dominance margin for pruning.
    time_budget : float, optional
        Seconds (above 0; None or ``inf``: no limit).  When spent, the
        search stops (inside a support profile too, see the module notes),
        the result is marked incomplete and the notes say how many profiles
        were left.
    method : {"auto", "exact", "numeric"}
        ``exact``: every support profile by exact algebra.  ``numeric``:
        every one by Powell's hybrid method from random starts (never
        complete).  ``auto``: exact where at most two players mix, where the
        equations are overdetermined (Bezout number 0), or where they have at
        most ``MAX_EXACT_BEZOUT`` solutions in at most
        ``MAX_EXACT_UNKNOWNS`` unknowns (so every profile of games up to
        3x3x3 and 2x2x2x2); numeric elsewhere.
    random_state : int or None
        Seed of the random starts of the numeric path and of the sample
        points tried on curved continua.
    exact : bool
        Attach exact values (sympy numbers) to the isolated equilibria.  The
        algebra is exact either way; building sympy expressions for its
        results is what costs, so pass False when only floats are wanted.
        (Extreme points of polytopes always carry exact rationals.)

    Returns
    -------
    PolynomialResult

    Raises
    ------
    UnsupportedError
        When the game has more than ``MAX_SUPPORT_PROFILES`` support
        profiles, or ``method`` is unknown.
    GameFileError
        When ``tol`` is not a finite number at least 0 or ``time_budget``
        not above 0.
    """
    payoffs = np.asarray(payoffs, dtype=float)
    if tol is not None:
        tol = check_tolerance("tol", tol)
    if time_budget is not None:
        time_budget = check_time_budget("time_budget", time_budget)
    if method not in METHODS:
        raise UnsupportedError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    shape = payoffs.shape[1:]
    count = math.prod(2**k - 1 for k in shape)
    if count > MAX_SUPPORT_PROFILES:
        raise UnsupportedError(
            f"a {'x'.join(map(str, shape))} game has {count} support profiles, more than the "
            f"{MAX_SUPPORT_PROFILES} support enumeration examines"
        )
    tol = default_tol(payoffs) if tol is None else tol
    deadline = Deadline(time_budget)
    search = _Search(payoffs, exact_payoffs, tol, method, np.random.default_rng(random_state), exact, deadline)
    survivors = surviving_supports(payoffs, tol)
    search.tried = search.pruned = count - len(survivors)
    k = 0
    try:
        with deadline.interrupting():
            for k, support in enumerate(survivors):
                deadline.check()
                search.examine(support)
    except OutOfTime:
        search.incomplete(
            f"The time budget of {time_budget:g} s ran out: {len(survivors) - k} of {count} support "
            "profiles were not examined (or not to the end), so equilibria may be missing."
        )
    return search.result()


def surviving_supports(payoffs: np.ndarray, tol: float) -> list[tuple[tuple[int, ...], ...]]:
    """Support profiles that no strictly dominated strategy rules out, smallest first.

    A profile ``S`` is ruled out when some strategy in some ``S_i`` earns
    less, by more than ``tol`` (plus a round-off allowance), than another
    strategy of player ``i`` against every pure profile of the others'
    supports.  Every profile is decided at once: for each player the least
    payoff gap between each pair of its strategies is computed over every
    box ``S_-i`` by extending minima one strategy at a time.

    Parameters
    ----------
    payoffs : numpy.ndarray
        Shape ``(n_players, n_1, ..., n_n)``.
    tol : float

    Returns
    -------
    list of tuple of tuple of int
        Ordered by total support size, then by the sizes, then by strategies.
    """
    shape = payoffs.shape[1:]
    scale = max(1.0, float(np.max(np.abs(payoffs)))) if payoffs.size else 1.0
    # An accepted equilibrium has regret at most tol, so only a larger margin
    # proves a profile empty; the allowance covers float round-off.
    margin = tol * (1 + 1e-6) + 1e-15 * scale
    layout = _small_layout(tuple(shape))
    if layout is not None:
        # Small games: the same minima with index tables built once per shape.
        profiles, order, players = layout
        pruned = np.zeros(len(profiles), dtype=bool)
        for p, (axes, k, containment, membership, positions) in enumerate(players):
            u = payoffs[p].transpose(axes).reshape(k, -1)
            gaps = u[:, None, :, None] - u[None, :, :, None]  # [t, s, others' pure profile, others' supports]
            least = np.where(containment, gaps, np.inf).min(axis=2)
            dominated = (least > margin).any(axis=0)  # [s, others' supports]
            pruned |= (membership @ dominated.astype(np.int64)).ravel()[positions] > 0
        return [profiles[i] for i in order[~pruned[order]]]
    n_masks = [2**k - 1 for k in shape]
    pruned = np.zeros(n_masks, dtype=bool)
    for p, k in enumerate(shape):
        u = np.moveaxis(payoffs[p], p, 0)
        gaps = u[:, None] - u[None, :]  # [t, s, others...]: gain of t over s
        for axis in range(2, gaps.ndim):
            gaps = _subset_minima(gaps, axis)
        dominated = (gaps > margin).any(axis=0).reshape(k, -1)  # [s, others' supports]
        hits = (_membership(k).astype(np.int64) @ dominated.astype(np.int64)) > 0
        pruned |= np.moveaxis(hits.reshape([n_masks[p]] + [n_masks[q] for q in range(len(shape)) if q != p]), 0, p)
    profiles = [tuple(_strategies(int(m) + 1) for m in index) for index in np.argwhere(~pruned)]
    return sorted(profiles, key=lambda s: (sum(map(len, s)), tuple(map(len, s)), s))


def box_excluded(payoffs: np.ndarray, support, tol: float, max_boxes: int = 20_000, deadline=None) -> bool:
    """Whether interval bounds prove that a support profile holds no equilibrium.

    The unknowns (each player's probabilities of its support strategies
    but the first) range over a box, bisected along its widest side, a whole
    generation of boxes at a time.  On a box every indifference equation and
    every deviation gain is affine in each player's unknowns separately, so
    its least and greatest values are at the box's corners: exact bounds.
    A box is discarded when some equation stays away from 0, some deviation
    gains more than ``tol`` throughout, or it lies outside the simplex.  Only
    margins far above float round-off count, so ``True`` is a proof (up to
    that round-off).

    Parameters
    ----------
    payoffs : numpy.ndarray
    support : tuple of tuple of int
    tol : float
    max_boxes : int
        Boxes examined before giving up.
    deadline : Deadline, optional
        Checked once per generation of boxes.

    Returns
    -------
    bool
        True when every box was discarded.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    """
    n = len(support)
    margin = 1e-12 * max(1.0, float(np.max(np.abs(payoffs))))
    mixing = [p for p in range(n) if len(support[p]) > 1]
    offsets = np.cumsum([0] + [len(support[p]) - 1 for p in mixing])
    corner_bits = [np.array(list(itertools.product((0, 1), repeat=len(support[p]) - 1)), dtype=bool) for p in mixing]
    letters = "abcdefghijklmnopqrstuvwxyz"
    plans = []
    for p in range(n):
        axes = [list(s) for s in support]
        axes[p] = list(range(payoffs.shape[1 + p]))
        # einsum: table[a_0..a_n-1] * corners_q[Z, c_q, a_q] -> [Z, a_p, c_q...]
        table_axes = letters[:n]
        operands = [q for q in mixing if q != p]
        spec = table_axes + "".join(f",Z{letters[n + q]}{letters[q]}" for q in operands)
        spec += "->Z" + letters[p] + "".join(letters[n + q] for q in operands)
        plans.append((payoffs[p][np.ix_(*axes)], operands, spec))
    lo = np.zeros((1, offsets[-1]))
    hi = np.ones((1, offsets[-1]))
    examined = 0
    while len(lo):
        if deadline is not None:
            deadline.check()
        examined += len(lo)
        if examined > max_boxes:
            return False
        keep = np.ones(len(lo), dtype=bool)
        corners = {}
        for j, p in enumerate(mixing):
            a, b = lo[:, offsets[j]:offsets[j + 1]], hi[:, offsets[j]:offsets[j + 1]]
            keep &= a.sum(axis=1) <= 1 + 1e-12
            x = np.where(corner_bits[j][None], b[:, None, :], a[:, None, :])  # [box, corner, unknown]
            corners[p] = np.concatenate([1 - x.sum(axis=2, keepdims=True), x], axis=2)
        for p, (table, operands, spec) in enumerate(plans):
            if operands:
                values = np.einsum(spec, table, *[corners[q] for q in operands])
            else:
                values = np.broadcast_to(table, (len(lo),) + table.shape)
            values = values.reshape(len(lo), payoffs.shape[1 + p], -1)
            diff = values - values[:, support[p][0]][:, None, :]
            for s in support[p][1:]:
                keep &= (diff[:, s].min(axis=1) <= margin) & (diff[:, s].max(axis=1) >= -margin)
            outside = [t for t in range(payoffs.shape[1 + p]) if t not in support[p]]
            if outside:
                keep &= diff[:, outside].min(axis=2).max(axis=1) <= tol + margin
        lo, hi = lo[keep], hi[keep]
        if not lo.shape[1]:
            return not len(lo)  # no unknowns: the one box is a point
        # Bisect every surviving box along its widest side.
        widest = np.argmax(hi - lo, axis=1)
        rows = np.arange(len(lo))
        mid = (lo[rows, widest] + hi[rows, widest]) / 2
        upper_lo, lower_hi = lo.copy(), hi.copy()
        upper_lo[rows, widest] = mid
        lower_hi[rows, widest] = mid
        lo, hi = np.concatenate([lo, upper_lo]), np.concatenate([lower_hi, hi])
    return True


#: Games with at most this many support profiles use :func:`_small_layout`.
_SMALL_LAYOUT_PROFILES = 50_000
#: ... provided each player's table of minima has at most this many entries.
_SMALL_LAYOUT_ENTRIES = 200_000


@functools.lru_cache(maxsize=16)
def _small_layout(shape: tuple[int, ...]):
    """Index tables for :func:`surviving_supports` on a small game shape, or None for large ones.

    Returns ``(profiles, order, players)``: every support profile (flat
    index over the players' bitmasks), the flat indices sorted smallest
    first, and per player ``(axes, k, containment, membership, positions)``:
    the transpose bringing its axis first, its number of strategies, which
    pure profiles of the others lie in each profile of their supports
    (``[1, 1, pure, supports]``), :func:`_membership` as integers, and where
    each flat profile falls in the ``[own set, others' supports]`` table.
    """
    n_masks = [2**k - 1 for k in shape]
    count = math.prod(n_masks)
    if count > _SMALL_LAYOUT_PROFILES:
        return None
    players = []
    grid = np.indices(n_masks).reshape(len(shape), -1)  # [player, flat profile]: mask - 1
    for p, k in enumerate(shape):
        others = [q for q in range(len(shape)) if q != p]
        pure = list(itertools.product(*[range(shape[q]) for q in others]))
        boxes = list(itertools.product(*[range(n_masks[q]) for q in others]))
        if k * k * len(pure) * len(boxes) > _SMALL_LAYOUT_ENTRIES:
            return None
        containment = np.array(
            [[all((m + 1) >> s & 1 for s, m in zip(r, box)) for box in boxes] for r in pure], dtype=bool
        )[None, None]
        index = np.zeros(count, dtype=np.int64)
        for q in others:
            index = index * n_masks[q] + grid[q]
        positions = grid[p] * len(boxes) + index
        players.append(((p, *others), k, containment, _membership(k).astype(np.int64), positions))
    profiles = [tuple(_strategies(int(m) + 1) for m in grid[:, f]) for f in range(count)]
    order = np.array(
        sorted(range(count), key=lambda f: (sum(map(len, profiles[f])), tuple(map(len, profiles[f])), profiles[f])),
        dtype=np.int64,
    )
    return profiles, order, players


def _subset_minima(a: np.ndarray, axis: int) -> np.ndarray:
    """Replace ``axis`` (one entry per strategy) by one per nonempty set of strategies (bitmask - 1): their minimum."""
    k = a.shape[axis]
    slices = [np.take(a, s, axis=axis) for s in range(k)]
    out = []
    for mask in range(1, 2**k):
        low = (mask & -mask).bit_length() - 1
        rest = mask & (mask - 1)
        out.append(slices[low] if not rest else np.minimum(slices[low], out[rest - 1]))
    return np.stack(out, axis=axis)


@functools.lru_cache(maxsize=None)
def _membership(k: int) -> np.ndarray:
    """``[mask - 1, s]``: strategy ``s`` is in the set with bitmask ``mask``."""
    masks = np.arange(1, 2**k)
    return (masks[:, None] >> np.arange(k)[None, :]) & 1 == 1


def _strategies(mask: int) -> tuple[int, ...]:
    return tuple(s for s in range(mask.bit_length()) if mask >> s & 1)


@functools.lru_cache(maxsize=None)
def bezout_number(unknowns: tuple[int, ...]) -> int:
    """Most isolated solutions a support system can have (multihomogeneous Bezout bound).

    Player ``i`` contributes ``unknowns[i]`` unknowns and as many equations,
    each of degree 1 in every other player's unknowns and 0 in its own, so
    the bound is the coefficient of ``prod z_j**k_j`` in
    ``prod_i (sum_{j != i} z_j)**k_i``.

    Parameters
    ----------
    unknowns : tuple of int
        ``|S_i| - 1`` per player.

    Returns
    -------
    int
    """
    n = len(unknowns)

    @functools.lru_cache(maxsize=None)
    def count(player: int, room: tuple[int, ...]) -> int:
        if player == n:
            return int(not any(room))
        total = 0
        blocks = [j for j in range(n) if j != player]
        # Split player's equations over the other blocks, multinomially.
        for split in itertools.product(*[range(room[j] + 1) for j in blocks]):
            if sum(split) != unknowns[player]:
                continue
            left = list(room)
            ways = math.factorial(unknowns[player])
            for j, c in zip(blocks, split):
                left[j] -= c
                ways //= math.factorial(c)
            total += ways * count(player + 1, tuple(left))
        return total

    return count(0, tuple(unknowns))


class _Search:
    """Examines support profiles one at a time and accumulates what they hold."""

    def __init__(self, payoffs, exact_payoffs, tol, method, rng, want_exact, deadline=None):
        self.payoffs = payoffs
        self.exact_payoffs = exact_payoffs
        self.tol = tol
        self.method = method
        self.rng = rng
        self.want_exact = want_exact
        self.deadline = deadline if deadline is not None else Deadline()
        self.scale = max(1.0, float(np.max(np.abs(payoffs)))) if payoffs.size else 1.0
        self._game = None
        self.equilibria: list[ExactEquilibrium] = []
        self._known: list[np.ndarray] = []  # each equilibrium's probabilities, concatenated
        self.components: list[Component] = []
        self._polytope_supports: list = []  # supports of each polytope component, in order
        self.notes: list[str] = []
        self.complete = True
        self.tried = 0
        self.pruned = 0
        self.numeric_supports = 0
        self.approximate = 0

    @property
    def game(self) -> ExactPayoffs:
        """The exact payoffs, built on first use: many games never need them."""
        if self._game is None:
            self._game = ExactPayoffs(self.payoffs, self.exact_payoffs)
        return self._game

    @property
    def faithful(self) -> bool:
        """The exact payoffs, if built, are the game's (not decimal stand-ins for irrationals)."""
        return self._game is None or self._game.faithful

    def incomplete(self, note: str) -> None:
        self.complete = False
        self.notes.append(note)

    def examine(self, support) -> None:
        self.tried += 1
        unknowns = tuple(len(s) - 1 for s in support)
        exact = self._use_exact(unknowns)
        if exact and not any(unknowns):
            self._pure(tuple(s[0] for s in support))
            return
        points = fast_solutions(self.game, support) if exact else None
        if points is not None:
            for point in points:
                if isinstance(point, QuadraticPoint):
                    self._consider_fast(point)
                else:
                    self._consider(*point)
            return
        if exact and sum(k > 0 for k in unknowns) == 1 and self._single_mixer_continuum(support):
            # fast_solutions gives None for one mixing player only when it is
            # indifferent among its support: a polytope of its mixes.
            return
        bezout = bezout_number(unknowns)
        if bezout >= _BOX_TEST_MIN_BEZOUT or not exact:
            boxes = min(_BOXES_PER_SOLUTION * max(bezout, _BOX_TEST_MIN_BEZOUT), _BOX_CORNERS // 2 ** sum(unknowns))
            if box_excluded(self.payoffs, support, self.tol, boxes, self.deadline):
                self.pruned += 1
                return
        if not exact:
            self._numeric(support)
            return
        if sum(k > 0 for k in unknowns) == 2 and self._linear_rejected(support):
            self.pruned += 1
            return
        system = SupportSystem(self.game, support)
        self.deadline.check()
        try:
            found = solve_system(system)
        except AlgebraFailure as exc:
            self.incomplete(f"Supports {profile_label(None, support)}: exact algebra failed ({exc}); solved numerically instead.")
            self._numeric(support)
            return
        if isinstance(found, PositiveDimensional):
            self._continuum(system, found)
        else:
            for point in found:
                self._consider(system, point)

    def _use_exact(self, unknowns) -> bool:
        if self.method != "auto":
            return self.method == "exact"
        mixing = sum(k > 0 for k in unknowns)
        bezout = bezout_number(unknowns)
        # Bezout number 0: overdetermined, so generically inconsistent, which a
        # Groebner basis finds fast whatever the size.
        return mixing <= 2 or bezout == 0 or (sum(unknowns) <= MAX_EXACT_UNKNOWNS and bezout <= MAX_EXACT_BEZOUT)

    def _pure(self, profile: tuple[int, ...]) -> None:
        """A pure profile that survived pruning: check it, exactly too."""
        columns = [self.payoffs[(p,) + profile[:p] + (slice(None),) + profile[p + 1:]] for p in range(len(profile))]
        if any(c.max() - c[s] > self.tol for c, s in zip(columns, profile)):
            return
        if self.exact_payoffs is None:
            # The exact payoffs are the floats' decimals, which order as the floats do.
            exact_ok = all(c.max() <= c[s] for c, s in zip(columns, profile))
        else:
            exact_ok = all(
                u[profile] >= max(u[profile[:p] + (t,) + profile[p + 1:]] for t in range(u.shape[p]))
                for p, u in enumerate(self.game.integer)
            )
        self.approximate += not exact_ok
        floats = tuple(np.eye(n)[s] for n, s in zip(self.payoffs.shape[1:], profile))
        exact = None
        if exact_ok and self.faithful and self.want_exact:
            exact = tuple(tuple(sympy.Integer(int(t == s)) for t in range(len(v))) for v, s in zip(floats, profile))
        self._add(ExactEquilibrium(floats, exact))

    def _linear_rejected(self, support) -> bool:
        """Floats prove that a support profile where two players mix holds no equilibrium.

        Each mixing player's indifference equations fix the other's mix by a
        linear system.  When both systems are square and well conditioned,
        their float solutions are far more accurate than the margins used: a
        clearly negative probability, or a deviation gaining clearly more
        than ``tol``, rules the profile out without exact algebra.
        """
        i, j = [p for p, s in enumerate(support) if len(s) > 1]
        if len(support[i]) != len(support[j]):
            return False
        table = {p: self.payoffs[p][np.ix_(*support)].reshape(len(support[i]), len(support[j])) for p in (i, j)}
        mixes = {}
        for a, b, rows in ((i, j, table[i]), (j, i, table[j].T)):  # rows: a's strategies, columns: b's
            matrix = np.vstack([rows[1:] - rows[0], np.ones(len(support[b]))])
            try:
                inverse = np.linalg.inv(matrix)
            except np.linalg.LinAlgError:
                return False
            if np.abs(matrix).sum(axis=0).max() * np.abs(inverse).sum(axis=0).max() > _MAX_CONDITION:
                return False
            mixes[b] = inverse[:, -1]
        if min(m.min() for m in mixes.values()) < -_LINEAR_MARGIN:
            return True
        profile = []
        for p, s in enumerate(support):
            v = np.zeros(self.payoffs.shape[1 + p])
            v[list(s)] = np.clip(mixes[p], 0.0, None) if p in mixes else 1.0
            profile.append(v)
        return max_regret(self.payoffs, profile) > self.tol + _LINEAR_MARGIN * self.scale

    def _consider(self, system: SupportSystem, point: Point) -> None:
        """Add a solution if it is an equilibrium (and new)."""
        # First rule out, with floats and their error bounds, what clearly fails.
        approximate, error = approximate_profile(system, point)
        if min(v.min() for v in approximate) < -error - 1e-12:
            return
        slack = 8 * len(approximate) * self.scale * error + 1e-12 * self.scale
        if max_regret(self.payoffs, [np.clip(v, 0.0, None) for v in approximate]) > self.tol + slack:
            return
        if not in_simplex(system, point):
            return
        profile = float_profile(system, point)
        exact_ok = is_exact_equilibrium(system, point)
        if self._regret_exceeds(profile):
            if exact_ok:
                self.incomplete(
                    f"An exact equilibrium on supports {profile_label(None, system.supports)} fails the regret check "
                    f"at tol={self.tol:.3g} once rounded to floats, and is not listed."
                )
            return
        self.approximate += not exact_ok
        exact = exact_values(system, point) if exact_ok and self.faithful and self.want_exact else None
        self._add(ExactEquilibrium(profile, exact))

    def _consider_fast(self, point: QuadraticPoint) -> None:
        """:meth:`_consider` for a solution in closed form (integer arithmetic, no sympy)."""
        if not point.in_simplex():
            return
        profile = point.float_profile()
        if self._regret_exceeds(profile):
            if point.is_exact_equilibrium():
                self.incomplete(
                    f"An exact equilibrium on supports {profile_label(None, point.supports)} fails the regret check "
                    f"at tol={self.tol:.3g} once rounded to floats, and is not listed."
                )
            return
        exact_ok = point.is_exact_equilibrium()
        self.approximate += not exact_ok
        exact = point.exact_values() if exact_ok and self.faithful and self.want_exact else None
        self._add(ExactEquilibrium(profile, exact))

    def _regret_exceeds(self, profile) -> bool:
        """``max(regrets(payoffs, profile)) > tol``, mostly decided by the cheaper :func:`~.regret.max_regret`.

        The two differ by float round-off only: at most about ``2 m eps``
        times the largest payoff for sums of ``m`` terms, below the margin
        used.  Within it, :func:`regret.regrets` decides.
        """
        worst = max_regret(self.payoffs, profile)
        margin = (1e-12 + 4e-16 * self.payoffs[0].size) * self.scale
        if abs(worst - self.tol) > margin:
            return worst > self.tol
        return np.max(regrets(self.payoffs, profile)) > self.tol

    def _add(self, equilibrium: ExactEquilibrium) -> None:
        flat = np.concatenate(equilibrium.profile)
        if self._known and np.min(np.max(np.abs(np.array(self._known) - flat), axis=1)) <= _SAME:
            return  # no probability differs by more than _SAME from a known equilibrium's
        self._known.append(flat)
        self.equilibria.append(equilibrium)

    def _numeric(self, support) -> None:
        self.numeric_supports += 1
        for profile in numeric_solutions(self.payoffs, support, self.tol, self.rng, self.deadline):
            self._add(ExactEquilibrium(profile, None))

    def _continuum(self, system: SupportSystem, found: PositiveDimensional) -> None:
        if interior_empty(system):
            return  # its equilibria, if any, use fewer strategies: other profiles hold them
        if found.linear:
            vertices = _polytope(system, found, self.deadline)
            if vertices is not None:
                self._polytope_component(
                    system.supports, vertices,
                    lambda values: float_profile(system, Point.rational(system.ring, values)),
                    lambda values: exact_values(system, Point.rational(system.ring, values)),
                )
                return
        self._curved_component(system, found)

    def _single_mixer_continuum(self, support) -> bool:
        """:meth:`_continuum` where one player mixes, indifferent, and the others are pure, in exact rationals.

        The same vertices in the same order as :func:`_polytope` finds them,
        without polynomial rings.  False when the general method is needed
        (too many vertex candidates: a description by constraints).
        """
        if supports_interior_empty(self.game, support):
            return True
        rows = single_mixer_constraints(self.game, support)
        d = len(rows[0][0])
        if math.comb(len(rows), d) > _MAX_VERTEX_CANDIDATES:
            return False
        vertices = []
        for chosen in itertools.combinations(rows, d):
            self.deadline.check()
            matrix = [[Fraction(a) for a in row] for row, _ in chosen]
            solution = _solve_square(matrix, [Fraction(-b) for _, b in chosen])
            if solution is None or any(sum(a * x for a, x in zip(row, solution)) + b < 0 for row, b in rows):
                continue
            if solution not in vertices:
                vertices.append(solution)
        (mixer,) = [p for p, s in enumerate(support) if len(s) > 1]

        def point(values) -> QuadraticPoint:
            probabilities = [1 - sum(values)] + list(values)
            den = math.lcm(*(x.denominator for x in probabilities))
            mixes = [[(1, 0)] for _ in support]
            mixes[mixer] = [(int(x * den), 0) for x in probabilities]
            return QuadraticPoint(self.game, support, 0, mixes, [den if p == mixer else 1 for p in range(len(support))])

        self._polytope_component(
            support, vertices, lambda values: point(values).float_profile(), lambda values: point(values).exact_values()
        )
        return True

    def _polytope_component(self, supports, vertices, profile_of, exact_of) -> None:
        """Report the polytope with these vertices (each a list of the unknowns' rational values).

        ``profile_of`` and ``exact_of`` turn such values into the point's
        float profile and its exact values.
        """
        extreme = []
        for values in vertices:
            profile = profile_of(values)
            if not self._regret_exceeds(profile):
                extreme.append(ExactEquilibrium(profile, exact_of(values) if self.faithful else None))
        if len(extreme) < len(vertices):
            self.incomplete(
                f"Supports {profile_label(None, supports)}: {len(vertices) - len(extreme)} exact extreme point(s) of a set "
                f"of equilibria fail the regret check at tol={self.tol:.3g} once rounded to floats."
            )
        if len(extreme) <= 1:
            for e in extreme:  # a polytope of one point: an isolated equilibrium
                self._add(ExactEquilibrium(e.profile, e.exact if self.want_exact else None))
            return
        rank = _rank([[c - b for c, b in zip(v, vertices[0])] for v in vertices[1:]])
        centre = profile_of([sum(c) / len(vertices) for c in zip(*vertices)])
        sample = centre if not self._regret_exceeds(centre) else extreme[0].profile
        listing = "; ".join(_format_profile(e.profile) for e in extreme)
        description = (
            f"A {rank}-dimensional polytope of equilibria on supports {profile_label(None, supports)}: "
            f"every convex combination of its {len(extreme)} extreme points {listing}."
        )
        self.components.append(Component(supports, rank, description, sample, tuple(extreme)))
        self._polytope_supports.append(supports)

    def _curved_component(self, system: SupportSystem, found: PositiveDimensional) -> None:
        sample = self._sample(system, found)
        names = ", ".join(system.variable_name(k) for k in found.free)
        equations = "; ".join(f"{system.expression(g)} = 0" for g in found.basis) or "no equation"
        if sample is None:
            self.incomplete(
                f"Supports {profile_label(None, system.supports)}: the indifference equations have a "
                f"{found.dimension}-dimensional set of solutions ({equations}; free: {names}), and none of "
                f"{_SAMPLE_ATTEMPTS} points tried on it is an equilibrium; equilibria on it may be missing."
            )
            return
        description = (
            f"Equilibria on supports {profile_label(None, system.supports)} form a set of dimension at most "
            f"{found.dimension}: the points with {equations} (free parameters {names}), every probability "
            "at least 0 and no pure deviation better."
        )
        self.components.append(Component(system.supports, found.dimension, description, sample))

    def _sample(self, system: SupportSystem, found: PositiveDimensional):
        """An equilibrium on a curved continuum: fix the free unknowns at rational points and solve."""
        owner = [(p, k) for p, support in enumerate(system.supports) for k in range(1, len(support))]
        for attempt in range(_SAMPLE_ATTEMPTS):
            # The centre of the simplices first, then random points in them.
            mixes = [np.full(len(s), 1 / len(s)) if attempt == 0 else self.rng.dirichlet(np.ones(len(s)))
                     for s in system.supports]
            fixed = {}
            for k in found.free:
                p, position = owner[k]
                f = Fraction(float(mixes[p][position])).limit_denominator(1000)
                fixed[k] = QQ(f.numerator, f.denominator)
            try:
                points = solve_with_fixed(system, fixed)
            except AlgebraFailure:
                continue
            if isinstance(points, PositiveDimensional):
                continue
            for point in points:
                if in_simplex(system, point):
                    profile = float_profile(system, point)
                    if not self._regret_exceeds(profile):
                        return profile
        return None

    def _maximal_components(self) -> list[Component]:
        """The components, less polytopes inside another reported polytope (its faces, say).

        Polytopes are convex, so one is inside another when all its vertices
        are, which is decided exactly.  Of two equal ones the first found
        (with the smaller supports) is kept.
        """
        polytopes = list(zip([c for c in self.components if c.extreme_points], self._polytope_supports))
        if not self.faithful or len(polytopes) < 2:
            return self.components
        systems = {}

        def inside(c, supports) -> bool:
            # A vertex using a strategy off the supports is not inside (exact zeros are float zeros).
            if any(v[t] != 0 for e in c.extreme_points for v, s in zip(e.profile, supports)
                   for t in range(len(v)) if t not in s):
                return False
            if supports not in systems:
                systems[supports] = SupportSystem(self.game, supports)
            return all(satisfies(systems[supports], e.exact) for e in c.extreme_points)

        redundant = set()
        for i, (c, c_supports) in enumerate(polytopes):
            for j, (d, d_supports) in enumerate(polytopes):
                if i != j and inside(c, d_supports) and (j < i or not inside(d, c_supports)):
                    redundant.add(id(c))
                    break
        return [c for c in self.components if id(c) not in redundant]

    def result(self) -> PolynomialResult:
        if self.numeric_supports:
            self.incomplete(
                f"{self.numeric_supports} support profile(s) were solved numerically (Powell's hybrid method from "
                "random starts), which can miss equilibria and cannot detect continua: the list may be incomplete."
            )
        if self.approximate:
            self.notes.append(
                f"{self.approximate} equilibrium(s) pass the regret check only within tol: exactly, some "
                "deviation gains a little, so no exact values are given for them."
            )
        if not self.faithful:
            self.notes.append(
                "Some exact payoffs are irrational; the algebra used the decimal values of the floats, "
                "so no exact probabilities are given."
            )
        return PolynomialResult(
            tuple(self.equilibria), tuple(self._maximal_components()), self.complete, tuple(self.notes),
            self.tried, self.pruned,
        )


def _polytope(system: SupportSystem, found: PositiveDimensional, deadline: Deadline | None = None):
    """Extreme points of the equilibria on an affine solution set, if the constraints are linear there.

    On the affine set the unknowns are affine in the free ones.  When every
    constraint (probability at least 0, no gain from a pure deviation) is
    affine in them too, the equilibria form a polytope; its vertices are the
    feasible solutions of every choice of ``dimension`` tight constraints.

    Returns
    -------
    list of list of QQ or None
        Vertices (values of all unknowns); None when some constraint is not
        affine or there are too many candidates to try.
    """
    ring = system.ring
    free = list(found.free)
    params = _ring(tuple(ring.symbols[k].name for k in free))
    images = [None] * ring.ngens
    for k, g in zip(free, params.gens):
        images[k] = g
    for g in found.basis:
        g = g.set_ring(ring)
        lead = g.LM.index(1)
        rest = g - g.LC * ring.gens[lead]
        images[lead] = -_substitute(rest, images, params) / g.LC
    constraints = [sigma for probabilities in system.sigma if len(probabilities) > 1 for sigma in probabilities]
    constraints += [
        -system.gain(p, t) for p, n in enumerate(system.shape) for t in range(n) if t not in system.supports[p]
    ]
    rows = []
    for c in constraints:
        affine = _substitute(c, images, params)
        if affine and max(sum(m) for m in affine.monoms()) > 1:
            return None
        rows.append(([affine.coeff(g) for g in params.gens], affine.coeff(1)))
    d = len(free)
    if math.comb(len(rows), d) > _MAX_VERTEX_CANDIDATES:
        return None
    vertices = []
    for chosen in itertools.combinations(rows, d):
        if deadline is not None:
            deadline.check()
        solution = _solve_square([a for a, _ in chosen], [-b for _, b in chosen])
        if solution is None or any(sum((a * x for a, x in zip(row, solution)), QQ(0)) + b < 0 for row, b in rows):
            continue
        values = [_substitute(images[k], solution) for k in range(ring.ngens)]
        if values not in vertices:
            vertices.append(values)
    return vertices


def _substitute(poly, images, ring=None):
    """``poly`` with each generator replaced: by polynomials of ``ring``, or by numbers when ``ring`` is None."""
    total = ring.zero if ring is not None else QQ(0)
    for monom, coeff in poly.terms():
        term = ring(coeff) if ring is not None else coeff
        for k, e in enumerate(monom):
            if e:
                term = term * images[k] ** e
        total += term
    return total


def _rank(rows) -> int:
    """Rank of a matrix of exact rationals (``QQ`` or ``Fraction``), by Gaussian elimination."""
    rows = [list(r) for r in rows if any(r)]
    rank = 0
    for col in range(len(rows[0]) if rows else 0):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        lead = rows[rank][col]
        for i in range(rank + 1, len(rows)):
            if rows[i][col]:
                factor = rows[i][col] / lead
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank])]
        rank += 1
    return rank


def _solve_square(matrix, rhs):
    """Unique solution of a square rational system, or None when singular."""
    n = len(rhs)
    rows = [list(r) + [b] for r, b in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((i for i in range(col, n) if rows[i][col]), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [v / lead for v in rows[col]]
        for i in range(n):
            if i != col and rows[i][col]:
                factor = rows[i][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[col])]
    return [row[n] for row in rows]


def numeric_solutions(
    payoffs: np.ndarray, support, tol: float, rng: np.random.Generator, deadline=None
) -> list[tuple[np.ndarray, ...]]:
    """Equilibria with a given support profile, by Powell's hybrid method from random starts.

    The unknowns are the probabilities of each mixing player's support
    strategies but the first; the equations are the indifference
    conditions.  Each start is a random mix on the supports; each
    converged point with every probability at least ``-1e-9`` is clipped to
    the simplex and kept when every regret is at most ``tol``.  Can miss
    solutions.

    Parameters
    ----------
    payoffs : numpy.ndarray
    support : tuple of tuple of int
    tol : float
    rng : numpy.random.Generator
    deadline : Deadline, optional
        Checked before each start.

    Returns
    -------
    list of tuple of numpy.ndarray
        Distinct equilibria found.

    Raises
    ------
    OutOfTime
        When ``deadline`` passes.
    """
    from scipy.optimize import root  # imported here: it costs 0.5 s at start-up

    n = len(support)
    mixing = [p for p, s in enumerate(support) if len(s) > 1]
    if not mixing:
        profile = tuple(np.eye(k)[s[0]] for k, s in zip(payoffs.shape[1:], support))
        return [profile] if np.max(regrets(payoffs, profile)) <= tol else []
    offsets = dict(zip(mixing, np.cumsum([0] + [len(support[p]) - 1 for p in mixing])))
    tables = {p: payoffs[p][np.ix_(*support)] for p in mixing}
    letters = "abcdefghijklmnopqrstuvwxyz"[:n]

    def spec(p, kept):
        """einsum: table * every other player's mix but ``kept``'s -> [p's strategy, kept's strategy]."""
        others = [q for q in range(n) if q not in (p, kept)]
        output = letters[p] + (letters[kept] if kept is not None else "")
        return letters + "".join("," + letters[q] for q in others) + "->" + output

    def mixes(x):
        out = []
        for p, s in enumerate(support):
            if p in offsets:
                rest = x[offsets[p]:offsets[p] + len(s) - 1]
                out.append(np.concatenate([[1.0 - rest.sum()], rest]))
            else:
                out.append(np.ones(1))
        return out

    def residual(x):
        sigma = mixes(x)
        parts = []
        for p in mixing:
            values = np.einsum(spec(p, None), tables[p], *[sigma[q] for q in range(n) if q != p])
            parts.append(values[1:] - values[0])
        return np.concatenate(parts)

    def jacobian(x):
        sigma = mixes(x)
        rows = []
        for p in mixing:
            row = []
            for q in mixing:
                if q == p:
                    row.append(np.zeros((len(support[p]) - 1, len(support[q]) - 1)))
                    continue
                w = np.einsum(spec(p, q), tables[p], *[sigma[j] for j in range(n) if j not in (p, q)])
                w = w[:, 1:] - w[:, :1]  # d values / d x_q
                row.append(w[1:] - w[0])
            rows.append(np.hstack(row))
        return np.vstack(rows)

    found = []
    for _ in range(4 + 4 * sum(len(support[p]) - 1 for p in mixing)):
        if deadline is not None:
            deadline.check()
        x0 = np.concatenate([rng.dirichlet(np.ones(len(support[p])))[1:] for p in mixing])
        fit = root(residual, x0, jac=jacobian, method="hybr", options={"xtol": 1e-14})
        profile = []
        for p, (k, mix) in enumerate(zip(payoffs.shape[1:], mixes(fit.x))):
            v = np.zeros(k)
            v[list(support[p])] = mix
            profile.append(v)
        if min(v.min() for v in profile) < -1e-9:
            continue
        profile = tuple(np.clip(v, 0.0, None) / np.clip(v, 0.0, None).sum() for v in profile)
        if max_regret(payoffs, profile) > tol or np.max(regrets(payoffs, profile)) > tol:
            continue
        if not any(all(np.max(np.abs(a - b)) <= _SAME for a, b in zip(known, profile)) for known in found):
            found.append(profile)
    return found


def _format_profile(profile) -> str:
    return "(" + ", ".join("[" + ", ".join(f"{x:.6g}" for x in v) + "]" for v in profile) + ")"
