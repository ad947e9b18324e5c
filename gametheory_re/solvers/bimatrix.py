"""All extreme Nash equilibria of two-player games, by batched support enumeration.

Every Nash equilibrium of a bimatrix game is a convex combination of *extreme*
equilibria, and an extreme equilibrium is a pair of vertices, one of each
player's best-response polytope, that "complement" each other: everything one
player uses is a best response to the other.  A vertex of the column player's
polytope is a mix ``y`` that solves a square system: for row set ``I`` and
column set ``J`` of equal size ``k``::

    A[I, J] @ y_J = v,   sum(y_J) = 1,   y = 0 off J

with every row of ``I`` a best response to ``y`` and ``y >= 0``.  The row
player's vertices come from ``B[I, J].T`` the same way.  This module solves all
those systems with stacked ``numpy.linalg.solve`` calls, keeps the feasible
ones, then pairs row and column vertices.

Systems in which a row of ``I`` is no best response to any mix with support
``J``, because another row is as good on all of ``J`` and better on some of it,
are skipped.  Vertices of
both players are kept together, as mixes over all ``m + n`` pure strategies
(the row player's, then the column player's), so that the rest is done once
for both.  In a small game the fixed cost of each numpy call dominates, so
all systems, of both players and every support size, go into one stack, each
padded to the largest size: in effect the systems of the single player of
``[[0, A], [B.T, 0]]``.  In a large game the arithmetic dominates, so each
player and support size gets its own stack, without padding.

Pairing vertices rather than requiring both mixes to come from the same
``(I, J)`` is what makes degenerate games work: there an extreme equilibrium
may have supports of different sizes.  The same vertices also decide
degeneracy exactly (see :func:`bimatrix_equilibria`).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

import numpy as np

from ..errors import UnsupportedError
from ..options import check_integer, check_time_budget
from .bimatrix_scalar import scalar_equilibria
from .deadline import Deadline
from .regret import resolve_tol

try:  # see _solve_or_nan
    from numpy.linalg._umath_linalg import solve as _LAPACK_SOLVE
except ImportError:  # a NumPy without it: tested by setting it to None
    _LAPACK_SOLVE = None
try:  # see _nonsingular
    from numpy.linalg._umath_linalg import slogdet as _LAPACK_SLOGDET
except ImportError:  # tested by setting it to None
    _LAPACK_SLOGDET = None

#: Most square systems (per player) the enumeration will set up.
MAX_SUPPORT_PAIRS = 5_000_000
#: Most (row vertex, column vertex) pairs the pairing step will test.
MAX_VERTEX_PAIRS = 100_000_000
#: How the note begins when no candidate survived verification.
NONE_VERIFIED = "No equilibrium passed verification"
#: The least tolerance the search itself uses, relative to the largest
#: payoff: some ten times the round-off of the systems it solves.
_SEARCH_TOL = 1e-13
# Up to this many systems per player, all support sizes share one padded stack.
_ONE_STACK_MAX = 2_500
# Up to this many systems per player, they are solved one by one on Python
# floats (bimatrix_scalar): each NumPy call costs more than a small system.
_SCALAR_MAX = 30
# Below this many systems, pruning dominated ones costs more than it saves.
_PRUNE_ABOVE = 100
_EPS = float(np.finfo(float).eps)
# Floats per stacked solve: keeps one stack near 32 MB whatever the game size.
_CHUNK_FLOATS = 4_000_000


@dataclass(frozen=True)
class BimatrixEquilibria:
    """Result of :func:`bimatrix_equilibria`.

    Attributes
    ----------
    equilibria : tuple of (numpy.ndarray, numpy.ndarray)
        Read-only ``(x, y)`` probability vectors of the row and column player,
        one pair per extreme equilibrium, without duplicates.  Sorted by the
        row player's support (smaller supports first, then by strategy
        index), then the column player's, then by the probabilities.
    degenerate : bool
        Some mix with support size ``k`` has more than ``k`` pure best
        responses (within tolerance).  Only then can equilibria form continua.
    notes : tuple of str
        Plain-English remarks: why the game is degenerate, what was not
        searched, what failed verification.
    complete : bool
        Every support size was searched to the end (for a non-degenerate
        game the list then holds every equilibrium).  False when
        ``max_support``, the size limit or the time budget cut the search
        short; the notes say how far it got.
    """

    equilibria: tuple[tuple[np.ndarray, np.ndarray], ...]
    degenerate: bool
    notes: tuple[str, ...]
    complete: bool = True


@dataclass(frozen=True)
class _Vertices:
    """Vertices of both players' best-response polytopes.

    Strategies are indexed jointly: the row player's ``m``, then the column
    player's ``n``.  ``mixes[v]`` is one player's mixed strategy (zero on the
    other's block), ``used[v]`` where it is positive, ``best[v]`` which of
    the other player's pure strategies are best responses to it.  The row
    player's vertices come first.
    """

    mixes: np.ndarray
    used: np.ndarray
    best: np.ndarray


def bimatrix_equilibria(
    A, B, tol: float | None = None, max_support: int | None = None, time_budget: float | None = None
) -> BimatrixEquilibria:
    """Find all extreme Nash equilibria of a two-player game.

    For a non-degenerate game these are all its equilibria.  For a
    degenerate game every equilibrium is a convex combination of the listed
    ones, but not every such combination is an equilibrium.

    Parameters
    ----------
    A, B : array_like
        Payoffs of the row and the column player, both of shape ``(m, n)``.
    tol : float, optional
        Absolute payoff tolerance: a strategy counts as a best response when
        within ``tol`` of the best, and every equilibrium returned has regret
        at most ``tol`` for both players.  Defaults to
        :func:`~gametheory_re.solvers.regret.default_tol` of the payoffs.
        Probabilities within ``tol / max |payoff|`` of zero (at most
        ``1 / (2 min(m, n))``) are set to zero.
    max_support : int, optional
        Largest support size searched; equilibria in which a player mixes
        over more strategies are not found.  Default: as large as
        :data:`MAX_SUPPORT_PAIRS` allows (every size for games up to 12x12).
        Smaller supports are searched first, so what is found is certain
        and the result says it is not complete.
    time_budget : float, optional
        Seconds (None or ``inf``: no limit).  Checked between stacks of
        systems; when spent the search stops with the vertices found so far
        and the result is marked incomplete.

    Returns
    -------
    BimatrixEquilibria

    Raises
    ------
    ValueError
        If ``A`` and ``B`` are not finite matrices of one shape.
    gametheory_re.errors.GameFileError
        If ``tol`` is not a finite number at least 0, ``max_support`` not a
        whole number at least 1 or ``time_budget`` not above 0.
    gametheory_re.errors.UnsupportedError
        If a degenerate game has more than :data:`MAX_VERTEX_PAIRS` pairs of
        vertices to match.

    Notes
    -----
    A game is degenerate exactly when some vertex of a best-response polytope
    has more pure best responses than its support size, so checking the
    vertices found is a complete test, up to ``tol`` and for supports up to
    ``max_support``.  Every vertex ``y`` with support ``J`` solves a
    nonsingular system on ``J`` and ``|J|`` of its best responses (the
    equations tight at a vertex have full rank, and the sum row extends to a
    basis of them), so systems whose rows cannot all be best responses with
    weight on every column of ``J`` can be skipped without losing any
    vertex.  Vertices from nearly singular systems may carry larger
    round-off than ``tol`` allows; they are dropped, so very badly conditioned
    games can lose equilibria (a note says so when none at all survive).  The
    search itself allows at least round-off (:data:`_SEARCH_TOL` times the
    largest payoff) whatever ``tol`` is: with a smaller ``tol`` (0, say) an
    equilibrium whose floats miss it by round-off is dropped with a note
    naming the tolerance that keeps it, and the result is not complete.
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    if A.ndim != 2 or A.shape != B.shape or A.size == 0:
        raise ValueError(
            f"A and B must be non-empty matrices of one shape, got {A.shape} and {B.shape}"
        )
    payoffs = np.array((A, B))
    # NaN and infinity both make the largest payoff size non-finite.
    scale = float(np.abs(payoffs).max())
    if not math.isfinite(scale):
        raise ValueError("payoffs must be finite")
    tol = resolve_tol(payoffs, tol)
    if max_support is not None:
        max_support = check_integer("max_support", max_support, minimum=1)
    deadline = Deadline(None if time_budget is None else check_time_budget("time_budget", time_budget))
    m, n = A.shape
    # Probabilities are dimensionless: the payoff tolerance relative to the
    # payoffs' size, so that the payoffs' unit does not matter.  Capped so
    # that a mix keeps its largest probability (at least 1/min(m, n)).
    # The search allows at least round-off (_SEARCH_TOL, in units of the
    # largest payoff): an equilibrium whose floats miss tol = 0 by round-off
    # (2/3 is no float) is still a candidate, and the check against tol below
    # drops it with a note instead of losing it unseen.
    search_tol = max(tol, _SEARCH_TOL * scale)
    prob_tol = min(search_tol / scale if scale else search_tol, 0.5 / min(m, n))
    k_max = min(m, n) if max_support is None else min(m, n, max_support)
    notes = []
    if _n_systems(m, n, k_max) > MAX_SUPPORT_PAIRS:
        # Counted upwards: the counts for large sizes are huge integers.
        allowed = 0
        while _n_systems(m, n, allowed + 1) <= MAX_SUPPORT_PAIRS:
            allowed += 1
        notes.append(
            f"A {m}x{n} game has more than the {MAX_SUPPORT_PAIRS:,} pairs of supports this solver "
            f"enumerates: only supports of up to {allowed} strategies were searched "
            "(max_support sets a smaller limit)."
        )
        k_max = allowed

    # The systems are solved on payoffs scaled by a power of two into
    # [-1, 1], exactly: the rank cutoff weighs payoffs against the border's
    # ones, and at payoffs of 1e8 would find every system singular.  A tol
    # of twice the payoffs' size already makes every strategy a best
    # response, so tol is capped at 4 * scale, where scaling cannot overflow.
    exponent = math.frexp(scale)[1]
    A_unit, B_unit = np.ldexp(A, -exponent), np.ldexp(B, -exponent)
    tol_unit = math.ldexp(min(search_tol, 4.0 * scale), -exponent)
    if k_max <= 2 and _n_systems(m, n, k_max) <= _SCALAR_MAX:
        candidates, witness = scalar_equilibria(A_unit, B_unit, k_max, tol_unit, prob_tol)
        k_done, paired, profiles = k_max, True, np.array(candidates).reshape(-1, m + n)
        degenerate = witness is not None
        if degenerate:
            notes.append(_degenerate_note(*witness))
    else:
        k_done, paired, degenerate, profiles = _stacked_equilibria(
            A_unit, B_unit, k_max, math.ldexp(scale, -exponent), tol_unit, prob_tol, deadline, notes
        )
    n_candidates = len(profiles)
    equilibria = _verified(A, B, profiles, tol)

    complete = k_done == min(m, n) and paired
    if k_done < min(m, n):
        notes.append(
            f"Only supports of up to {k_done} strateg{'y' if k_done == 1 else 'ies'} were searched to the "
            "end: equilibria in which a player mixes over more strategies may be missing."
        )
    if len(equilibria) < n_candidates:
        note = (
            f"{n_candidates - len(equilibria)} candidate equilibria had regret above the "
            f"tolerance {tol:g} after rounding and were dropped."
        )
        if tol < search_tol:
            # Below round-off, an exact equilibrium can miss tol in floats: the answer may lack it.
            note += f" That tolerance is below round-off: tol={search_tol:.3g} or more keeps them."
            complete = False
        notes.append(note)
    if not equilibria and complete:
        notes.append(
            f"{NONE_VERIFIED}, although every finite game has one: "
            "the payoffs are probably too badly conditioned for tolerance "
            f"{tol:g}; try a larger tol."
        )
    return BimatrixEquilibria(equilibria, degenerate, tuple(notes), complete)


def _stacked_equilibria(A, B, k_max, scale, tol, prob_tol, deadline, notes):
    """Candidate equilibria from stacked NumPy solves, and how far the search got.

    Returns the largest support size searched to the end, whether every
    pair of vertices was tested, whether the game is degenerate and one
    candidate profile (``x`` then ``y``) per complementary pair; appends
    notes on what was cut short.
    """
    m, n = A.shape
    # Far below every payoff minus tol, with room for round-off: see _joint_matrix.
    low = -2.0 * (scale + tol) - 1.0
    vertices, k_done = _vertices(A, B, k_max, low, tol, prob_tol, deadline)
    if k_done < k_max:
        notes.append(
            f"The time budget of {deadline.seconds:g} s ran out before supports of "
            f"{k_done + 1} strategies were all searched."
        )
    witness = _degeneracy_witness(vertices, m)
    degenerate = witness is not None
    if degenerate:
        notes.append(_degenerate_note(*witness))
        vertices = _unique(vertices)
        row_player = vertices.used[:, :m].any(axis=1)
        row_ids, col_ids = row_player.nonzero()[0], (~row_player).nonzero()[0]
        n_pairs = len(row_ids) * len(col_ids)
        if n_pairs > MAX_VERTEX_PAIRS:
            raise UnsupportedError(
                f"this degenerate game has {n_pairs:,} pairs of candidate vertices, more "
                f"than the {MAX_VERTEX_PAIRS:,} this solver pairs up; pass a smaller max_support"
            )
        rows, cols, paired = _match_subsets(vertices, row_ids, col_ids, deadline)
        if not paired:
            notes.append(
                f"The time budget of {deadline.seconds:g} s ran out while pairing the vertices: "
                "the equilibria listed are certain, others may be missing."
            )
    else:
        rows, cols, paired = (*_match_exact(vertices), True)
    # Each vertex is zero off its player's block, so a sum makes the profile.
    return k_done, paired, degenerate, vertices.mixes[rows] + vertices.mixes[cols]


def _degeneracy_witness(vertices: _Vertices, m: int):
    """A mix with more pure best responses than its support size, if any.

    Returns the arguments of :func:`_degenerate_note` for the first such
    vertex, or None.
    """
    used = vertices.used.sum(axis=1)
    answers = vertices.best.sum(axis=1)
    excess = (answers > used).nonzero()[0]
    if not len(excess):
        return None
    v = excess[0]
    return bool(vertices.used[v, :m].any()), int(used[v]), int(answers[v])


def _degenerate_note(row_mixes: bool, n_used: int, n_best: int) -> str:
    """The note on a degenerate game, from its first vertex with too many best responses."""
    mixer, responder = ("row", "column") if row_mixes else ("column", "row")
    mix = "a pure strategy" if n_used == 1 else f"a mix of {n_used} strategies"
    return (
        f"The game is degenerate: against {mix} of the {mixer} player, the {responder} player "
        f"has {n_best} equally good best responses. Equilibria may then form continua; "
        "the list gives the equilibria at the corners of those sets, each "
        "verified, but is not a complete description: not every mixture of "
        "listed equilibria is an equilibrium."
    )


@functools.lru_cache(maxsize=128)
def _n_systems(m: int, n: int, k_max: int) -> int:
    """Number of square systems per player: pairs of equal-size supports up to ``k_max``."""
    return sum(math.comb(m, k) * math.comb(n, k) for k in range(1, k_max + 1))


@functools.lru_cache(maxsize=128)
def subsets(n: int, k: int) -> np.ndarray:
    """All ``k``-subsets of ``range(n)``, in lexicographic order, as rows of a read-only index array.

    The one generator of a player's supports of one size, for
    :func:`bimatrix_equilibria` and :func:`~.bimatrix_batch.support_pairs`.

    Examples
    --------
    >>> subsets(3, 2).tolist()
    [[0, 1], [0, 2], [1, 2]]
    """
    out = np.array(list(itertools.combinations(range(n), k)), dtype=np.intp).reshape(-1, k)
    out.flags.writeable = False
    return out


def _vertices(A, B, k_max: int, low: float, tol: float, prob_tol: float, deadline: Deadline):
    """Vertices of both players' best-response polytopes, row player's first, and the
    largest support size searched for both players before ``deadline`` passed.

    In a degenerate game a vertex may be found more than once.  Vertices of
    a size searched only in part are kept: pairs of them are verified
    equilibria all the same.
    """
    m, n = A.shape
    if _n_systems(m, n, k_max) <= _ONE_STACK_MAX:
        mixes, best = _one_stack_vertices(A, B, k_max, low, tol, prob_tol)
        return _Vertices(mixes, mixes > 0, best), k_max
    progress = [0]
    per_player = ([], [])
    for player, stack in _vertices_per_size(A, B, k_max, tol, prob_tol, deadline, progress):
        per_player[player].append(stack)
    # The row player's vertices first, as the matching expects.
    found = per_player[0] + per_player[1] or [(np.zeros((0, m + n)), np.zeros((0, m + n), dtype=bool))]
    mixes = np.concatenate([mixes for mixes, _ in found])
    return _Vertices(mixes, mixes > 0, np.concatenate([best for _, best in found])), progress[0]


def _players(m: int, n: int):
    """Where each player's systems take their strategies, the row player's first.

    Per mixing player: (first joint index of the responder's strategies, how
    many, first joint index of the mixer's, how many).
    """
    return ((m, n, 0, m), (0, m, m, n))


def _one_stack_vertices(A, B, k_max: int, low: float, tol: float, prob_tol: float):
    """Vertices from all systems, of both players and every support size, in one stack.

    For small games, where the fixed cost of each numpy call dominates.
    """
    m, n = A.shape
    joint = _joint_matrix(A, B, k_max, low)
    flat, checked, unknowns, set_of, sets = _padded_stack(m, n, k_max)
    if len(flat) > _PRUNE_ABOVE:
        # dominated[i, s]: joint strategy i is dominated on mixer set s, the
        # row player's sets first.
        row_sets, col_sets = sets
        dominated = np.zeros((m + n, len(row_sets) + len(col_sets)), dtype=bool)
        dominated[m:, : len(row_sets)] = _dominated(B.T, row_sets, tol)
        dominated[:m, len(row_sets) :] = _dominated(A, col_sets, tol)
        usable = (~dominated[checked, set_of[:, None]].any(axis=1)).nonzero()[0]
        flat, checked, unknowns = flat[usable], checked[usable], unknowns[usable]
    payoffs = joint[: m + n, : m + n]
    return _stack_vertices(payoffs, joint.take(flat), checked, unknowns, tol, prob_tol)


def _joint_matrix(A, B, k_max: int, low: float) -> np.ndarray:
    """The payoff matrix of the joint player, bordered so that every system is a submatrix.

    The top left ``m + n`` square is ``[[low, A], [B.T, low]]``: entry
    ``[i, j]`` is the payoff of responding with ``i`` to pure ``j``.  Systems
    never use the diagonal blocks; there ``low`` is more than ``tol`` below
    every payoff, so that against a mix over one block, the best responses
    are all in the other.  The rest comes from :func:`_border`.
    """
    m, n = A.shape
    out = _border(m + n, k_max).copy()
    out[:m, :m] = low
    out[:m, m : m + n] = A
    out[m : m + n, :m] = B.T
    out[m : m + n, m : m + n] = low
    return out


@functools.lru_cache(maxsize=128)
def _border(size: int, k_max: int) -> np.ndarray:
    """The bordered matrix around a ``size`` square of payoffs, which are left zero.

    Each square system is a submatrix of it: some responder rows, some mixer
    columns, and the border, the last row and column.  The border column is
    ``-v``, so each responder row reads ``M[i, J] @ y_J - v = 0``; the border
    row makes the probabilities sum to one.  The ``k_max - 1`` pad rows and
    columns between payoffs and border form an identity, uncoupled from the
    rest: a system padded with them to a larger size has the same solution,
    with zeros for the padded unknowns.
    """
    out = np.zeros((size + k_max, size + k_max))
    out[:size, -1] = -1.0
    out[-1, :size] = 1.0
    pads = size + np.arange(k_max - 1)
    out[pads, pads] = 1.0
    out.flags.writeable = False
    return out


@functools.lru_cache(maxsize=16)
def _padded_stack(m: int, n: int, k_max: int):
    """Index arrays for :func:`_one_stack_vertices`, all read-only.

    Every system is padded to size ``k_max`` with the pad rows and columns
    of :func:`_border`.  Returns the flat indices of its entries in the
    bordered matrix (one ``take`` then builds the stack), the rows it makes
    indifferent and the columns of its unknowns but ``v``, and which mixer
    set it uses; then, for :func:`_dominated`, each player's mixer sets, as
    indices into its own strategies.  Where the sets to check are padded,
    they repeat their first strategy.
    """
    size = m + n
    border = size + k_max - 1
    rows, cols, checked, set_of, sets = [], [], [], [], ([], [])
    n_sets = 0
    for (resp_at, n_resp, mix_at, n_mix), player_sets in zip(_players(m, n), sets):
        for k in range(1, k_max + 1):
            responders = resp_at + subsets(n_resp, k)
            mixers = subsets(n_mix, k)
            pairs = np.arange(len(mixers) * len(responders))
            which_mix, which_resp = np.divmod(pairs, len(responders))
            tail = np.r_[size + np.arange(k_max - k), border]
            rows.append(_append(responders[which_resp], tail))
            cols.append(_append(mix_at + mixers[which_mix], tail))
            checked.append(_pad_repeating(responders[which_resp], k_max))
            set_of.append(n_sets + which_mix)
            player_sets.append(_pad_repeating(mixers, k_max))
            n_sets += len(mixers)
    rows, cols = np.concatenate(rows), np.concatenate(cols)
    flat = rows[:, :, None] * (size + k_max) + cols[:, None, :]
    sets = tuple(np.concatenate(player_sets) for player_sets in sets)
    out = (flat, np.concatenate(checked), cols[:, :-1], np.concatenate(set_of))
    for array in out + sets:
        array.flags.writeable = False
    return (*out, sets)


def _append(sets, tail):
    """``sets`` with the same ``tail`` of indices appended to every row."""
    return np.concatenate([sets, np.broadcast_to(tail, (len(sets), len(tail)))], axis=1)


def _pad_repeating(sets, width):
    """``sets`` padded to ``width`` columns by repeating each row's first entry."""
    return np.concatenate([sets, np.repeat(sets[:, :1], width - sets.shape[1], axis=1)], axis=1)


def _vertices_per_size(A, B, k_max: int, tol: float, prob_tol: float, deadline: Deadline, progress: list):
    """Vertices from the systems of each support size and player in turn, in chunks.

    For large games, where the arithmetic dominates: a stack of one size
    needs no padding, and systems that need a dominated responder are
    skipped.  Each stack is one player's, so it is worked out on that
    player's payoffs and the vertices then put in the joint strategy space.
    Yields ``(player, (mixes, best))``, 0 for the row player's vertices.
    Smaller sizes come first, both players' before the next size, so that a
    search stopped early has searched every size below the current one for
    both.  ``progress[0]`` is set to the largest size searched to the end;
    when ``deadline`` passes the generator just stops.
    """
    m, n = A.shape
    for k in range(1, k_max + 1):
        progress[0] = k - 1
        for player, (payoffs, (resp_at, n_resp, mix_at, n_mix)) in enumerate(zip((B.T, A), _players(m, n))):
            responders = subsets(n_resp, k)
            mixers = subsets(n_mix, k)
            step = max(1, _CHUNK_FLOATS // max(n_resp * n_resp * k, len(responders) * (k + 1) ** 2))
            for start in range(0, len(mixers), step):
                if deadline.passed():
                    return
                chunk = mixers[start : start + step]
                dominated = _dominated(payoffs, chunk, tol)
                usable = (~dominated.T)[:, responders].all(axis=-1)
                which_mix, which_resp = usable.nonzero()
                checked, unknowns = responders[which_resp], chunk[which_mix]
                # The systems of _border, written out directly: for a big
                # stack, cheaper than gathering them.
                systems = np.empty((len(checked), k + 1, k + 1))
                systems[:, :k, :k] = payoffs[checked[:, :, None], unknowns[:, None, :]]
                systems[:, :k, k] = -1.0
                systems[:, k, :k] = 1.0
                systems[:, k, k] = 0.0
                mixes, best = _stack_vertices(payoffs, systems, checked, unknowns, tol, prob_tol)
                joint_mixes = np.zeros((len(mixes), m + n))
                joint_mixes[:, mix_at : mix_at + n_mix] = mixes
                joint_best = np.zeros((len(best), m + n), dtype=bool)
                joint_best[:, resp_at : resp_at + n_resp] = best
                yield player, (joint_mixes, joint_best)
    progress[0] = k_max


def _dominated(payoffs, sets, tol):
    """``[i, s]``: another row of ``payoffs`` is as good as row ``i`` on every column
    of ``sets[s]`` and better by more than ``tol`` on one.

    Then ``i`` is no best response to any mix that puts weight on every
    column of the set, so no system with unknowns on the set and ``i``
    among its indifferent rows gives a vertex with that support (a vertex
    on fewer columns comes from a system on those alone; see
    :func:`bimatrix_equilibria`).  Skipping these systems cuts their number
    several times over, most in games with ties (ten times at 11x11 with
    payoffs 0..3), where few rows are strictly dominated.
    """
    on_sets = payoffs[:, sets]
    # [r, i, s, j]: row r's gain over row i on column j of set s.
    gains = on_sets[:, None] - on_sets[None]
    return ((gains >= 0).all(axis=-1) & (gains > tol).any(axis=-1)).any(axis=0)


def _stack_vertices(payoffs, systems, checked, unknowns, tol, prob_tol):
    """Vertices from one stack of systems.

    ``payoffs[i, j]`` is the responder's payoff for ``i`` against ``j``;
    ``checked`` are the rows each system makes indifferent and
    ``unknowns`` the columns of its unknowns but ``v``, pads from
    ``payoffs.shape[1]`` on.  Returns the mixes over the columns of
    ``payoffs`` (clipped and renormalised) and their best-response masks over
    its rows.
    """
    n_mix = payoffs.shape[1]
    keep, probs = _feasible_solutions(systems, prob_tol)
    probs[probs <= prob_tol] = 0.0
    probs /= probs.sum(axis=1, keepdims=True)
    at = np.arange(len(keep))[:, None]
    # Scatter with room for the pads, then drop them.
    mixes = np.zeros((len(keep), n_mix + unknowns.shape[1]))
    mixes[at, unknowns[keep]] = probs
    mixes = mixes[:, :n_mix]

    values = mixes @ payoffs.T
    best = values >= values.max(axis=1, keepdims=True) - tol
    # The system only made the checked payoffs equal; they must also be the
    # best, or this is no vertex.
    ok = best[at, checked[keep]].all(axis=1).nonzero()[0]
    # Nearly singular systems mostly give huge entries of both signs and
    # fail the tests above; but ties in the payoffs (typical of integer
    # games, and of formulas equal up to round-off) make systems singular
    # that round-off leaves a tiny pivot, and those can give points that are
    # no vertex.  The rank test runs last, on the few systems left.
    ok = ok[_nonsingular(systems[keep[ok]])]
    return mixes[ok], best[ok]


def _feasible_solutions(systems: np.ndarray, prob_tol: float):
    """Which systems ``S @ z = e_last`` of a stack have a mix for a solution, and those mixes.

    Returns the indices of the systems whose unknowns but the last (the
    value ``v``; pads come out exactly zero) are all at least ``-prob_tol``,
    and those unknowns.  One LAPACK solve gives every system's solution,
    NaN where its LU factorisation meets a zero pivot
    (:func:`_solve_or_nan`); NaN fails the test.
    """
    solution = _solve_or_nan(systems, _last_unit(systems.shape[-1]))[..., 0]
    # NaN is no minimum at least -prob_tol.
    keep = (solution[:, :-1].min(axis=1) >= -prob_tol).nonzero()[0]
    return keep, solution[keep, :-1]


@functools.lru_cache(maxsize=32)
def _last_unit(size: int) -> np.ndarray:
    """The right-hand side of every system of one size, a read-only ``(size, 1)`` column."""
    out = np.zeros((size, 1))
    out[-1] = 1.0
    out.flags.writeable = False
    return out


def _nonsingular(systems: np.ndarray) -> np.ndarray:
    """Which systems of a stack are nonsingular by NumPy's rank cutoff.

    Singular here means a smallest singular value at most ``cutoff`` times
    the largest.  An SVD decides it but costs about 15 solves, so only
    systems a cheap bound cannot clear get one: with F the Frobenius norm,
    the largest singular value is at most F and the smallest at least
    ``|det| / F**(size - 1)``.
    """
    size = systems.shape[-1]
    cutoff = size * _EPS
    log_det = (np.linalg.slogdet if _LAPACK_SLOGDET is None else _LAPACK_SLOGDET)(systems)[1]
    # log(F**size), from the squared norms: the powers overflow for large
    # payoffs (np.linalg.norm over two axes, or an einsum, is slower here).
    log_norm_power = (0.5 * size) * np.log((systems * systems).sum(axis=(1, 2)))
    regular = log_det > log_norm_power + math.log(cutoff)
    if regular.all():  # the usual case: a few calls saved in small games
        return regular
    # A zero pivot (only on NumPy's fallback path can one get here) decides.
    doubtful = (~regular & (log_det > -np.inf)).nonzero()[0]
    if len(doubtful):
        s = np.linalg.svd(systems[doubtful], compute_uv=False)
        regular[doubtful] = s[:, -1] > s[:, 0] * cutoff
    return regular


def _solve_or_nan(systems: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """``numpy.linalg.solve`` of a stack, with NaN solutions for systems LAPACK finds singular.

    ``numpy.linalg.solve`` refuses a whole stack, after doing all its work,
    when one system is singular; its LAPACK gufunc, with the invalid-value
    error ignored, gives NaN for that system and the others' solutions, in
    one call.  The gufunc is private to NumPy (in ``numpy.linalg``'s
    ``_umath_linalg`` from 1.x to 2.x), so without it the same comes from
    ``slogdet`` (the same LU factorisation: a zero pivot is a determinant of
    exactly 0) and a solve of the other systems.  ``rhs`` may be one
    ``(size, k)`` matrix for every system.
    """
    if _LAPACK_SOLVE is not None:
        with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
            return _LAPACK_SOLVE(systems, rhs)
    # NumPy 1.x reads a (size, 1) right-hand side beside stacked systems as a
    # stack of vectors: give it the systems' full (..., size, 1) shape.
    rhs = np.broadcast_to(rhs, (*systems.shape[:-1], rhs.shape[-1]))
    try:
        return np.linalg.solve(systems, rhs)
    except np.linalg.LinAlgError:
        out = np.full(rhs.shape, np.nan)
        invertible = np.linalg.slogdet(systems)[1] > -np.inf
        out[invertible] = np.linalg.solve(systems[invertible], rhs[invertible])
        return out


def _unique(vertices: _Vertices) -> _Vertices:
    """Drop repeats: a vertex is fixed by its support and best-response set."""
    signatures = np.packbits(np.concatenate([vertices.used, vertices.best], axis=1), axis=1)
    # One opaque key per row: far faster to sort than rows of booleans.
    keys = np.ascontiguousarray(signatures).view(f"V{signatures.shape[1]}").ravel()
    # Stable, so each vertex's first listing is kept: np.unique's result,
    # without its fixed cost (small games have a few dozen vertices).
    order = keys.argsort(kind="stable")
    new = np.ones(len(keys), dtype=bool)
    new[1:] = keys[order[1:]] != keys[order[:-1]]
    first = order[new]
    first.sort()
    return _Vertices(vertices.mixes[first], vertices.used[first], vertices.best[first])


def _match_exact(vertices: _Vertices):
    """Complementary pairs in a non-degenerate game, by a join on exact keys.

    There every vertex has as many best responses as it uses strategies, so
    complementarity forces each player's support to *equal* the other's
    best-response set: both vertices then use or answer with the same joint
    strategies, the union of the two supports.  No two vertices of one
    player do, so equal keys come in pairs, one vertex of each player.
    """
    packed = np.packbits(vertices.used | vertices.best, axis=1)
    keys = packed.view(f"V{packed.shape[1]}").ravel()
    # Stable, so the row player's vertex, listed first, stays first.
    order = keys.argsort(kind="stable")
    first = (keys[order[1:]] == keys[order[:-1]]).nonzero()[0]
    return order[first], order[first + 1]


def _match_subsets(vertices: _Vertices, row_ids, col_ids, deadline: Deadline):
    """Complementary pairs in general: each support inside the other's best responses.

    Returns the row and column vertex of each pair, and whether every pair
    was tested before ``deadline`` passed (checked between chunks).
    """
    none = np.zeros(0, dtype=np.intp)
    if not len(row_ids) or not len(col_ids):  # a search stopped early may have no vertices of one player
        return none, none, True
    # Count, for every pair, the strategies used that are not best responses;
    # 0/1 float32 matrices keep the counts exact and the products fast.
    used = vertices.used.astype(np.float32)
    not_best = (~vertices.best).astype(np.float32)
    col_used, col_not_best = used[col_ids].T, not_best[col_ids].T
    rows, cols = [], []
    step = max(1, _CHUNK_FLOATS // len(col_ids))
    done = True
    for start in range(0, len(row_ids), step):
        if deadline.passed():
            done = False
            break
        chunk = row_ids[start : start + step]
        clash = used[chunk] @ col_not_best + not_best[chunk] @ col_used
        r, c = (clash == 0).nonzero()
        rows.append(chunk[r])
        cols.append(col_ids[c])
    return np.concatenate([none] + rows), np.concatenate([none] + cols), done


def _verified(A, B, profiles, tol):
    """The candidate profiles whose regrets are within ``tol``, read-only and sorted.

    ``profiles[c]`` is ``x`` then ``y``.  The regrets come straight from the
    payoffs, independent of how the candidates were found.
    """
    m = A.shape[0]
    x, y = profiles[:, :m], profiles[:, m:]
    row_values = y @ A.T
    col_values = x @ B
    row_regret = row_values.max(axis=1) - (x * row_values).sum(axis=1)
    col_regret = col_values.max(axis=1) - (y * col_values).sum(axis=1)
    profiles = profiles[np.maximum(row_regret, col_regret) <= tol]

    if len(profiles) > 1:  # many small games have one equilibrium: nothing to order
        # Order by x's support size, then its strategies (for equal sizes, the
        # earliest strategy in one support only comes first), the same for y,
        # then the probabilities; lexsort's primary key is its last.
        used = profiles > 0
        keys = np.concatenate(
            [
                used[:, :m].sum(axis=1, keepdims=True),
                ~used[:, :m],
                used[:, m:].sum(axis=1, keepdims=True),
                ~used[:, m:],
                profiles,
            ],
            axis=1,
        )
        profiles = profiles[np.lexsort(keys.T[::-1])]
    profiles.flags.writeable = False
    return tuple(zip(profiles[:, :m], profiles[:, m:]))
