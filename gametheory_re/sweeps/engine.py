"""The sweep engine: equilibrium sets at many parameter points, chunk by chunk.

A chunk's payoffs are evaluated at once (``ParametricGame.payoff_batch``);
pure equilibria of all its points come from one array operation, and all
equilibria of 2-player games and of the 3-player games
:func:`~gametheory_re.solvers.nplayer_batch.covers` accepts from batched
support enumeration.  Only points that arrays cannot settle (degenerate
games, ties, ill-conditioned systems), and games without a batched solver
(asked for ``equilibria="all"``), are solved point by point, in worker
processes when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy as np

from ..equilibria import find_equilibria
from ..errors import GameError, GameFileError, UnsupportedError
from ..trees.model import PROBABILITY_TOL
from ..trees.parametric import ParametricTree
from ..parametric import ParametricGame
from ..solvers.backward_induction import order_spe_batch, subgame_perfect_equilibria
from ..result import NONE_FOUND, set_label
from ..solvers.bimatrix_batch import batch_bimatrix_supports
from ..labels import mixed_profile_label, rounded_probabilities
from ..solvers.batch_result import BatchEquilibria
from ..solvers.nplayer_batch import COVERAGE, batch_equilibria, covers
from ..solvers.pure import pure_equilibrium_mask
from ..solvers.regret import default_tol
from ..solvers.selection import selected_values
from ..dynamics.engine import run_dynamics
from ..dynamics.run import stage_method
from ..dynamics.simulation import LIMIT_KINDS, STATE_TOL
from ..limits import MAX_CYCLE
from .grid import Grid, Samples

#: Status of an outcome at a point: it holds in every / some / no equilibrium
#: found, or no equilibrium was found to judge by.
STATUSES = ("all", "some", "none", "unknown")

#: Label of a point where some payoff is not a finite number.
UNDEFINED = "undefined payoffs"

#: Label of a point without pure equilibrium when only pure ones are searched.
NO_PURE = "no pure equilibrium"

EQUILIBRIA_MODES = ("auto", "pure", "all")


def selected_column(outcome: str, rule: str) -> str:
    """Name of the column of ``outcome``'s probability in the equilibrium ``rule`` selects.

    Examples
    --------
    >>> selected_column("status_quo", "first")
    'status_quo@first'
    """
    return f"{outcome}@{rule}"


@dataclass(frozen=True, eq=False)
class SweepSpec:
    """Everything needed to compute any chunk of a sweep, in any process.

    Attributes
    ----------
    game : ParametricGame
    design : Grid or Samples
    fixed : dict of str to float
        Values of parameters that are set but not varied.
    outcomes : tuple of str
        Outcomes to report (all of the game's by default).
    equilibria : {"auto", "pure", "all"}
        ``"pure"``: pure equilibria only (array speed, any number of
        players).  ``"all"``: every equilibrium the point solver finds
        (batched where :func:`~gametheory_re.solvers.nplayer_batch.covers`
        the game, point by point elsewhere).  ``"auto"``: ``"all"`` for
        games of up to 2 players and those the batched solver covers,
        ``"pure"`` otherwise (see :attr:`mode_reason`).
    chunk_size : int
        Points per chunk; bounds memory.
    select : str, optional
        A rule of :data:`~gametheory_re.solvers.selection.SELECTION_RULES`:
        the table also gets, per outcome, its probability in the
        equilibrium the rule selects (column :func:`selected_column`; NaN
        where it selects none).
    """

    game: ParametricGame
    design: Grid | Samples
    fixed: Mapping[str, float] = field(default_factory=dict)
    outcomes: tuple[str, ...] = ()
    equilibria: str = "auto"
    chunk_size: int = 1 << 16
    select: str | None = None
    periods: int | None = None

    @property
    def is_dynamic(self) -> bool:
        """The game has dynamics: each point is a simulation, its row the long-run outcome."""
        return getattr(self.game, "dynamics", None) is not None

    @property
    def n_periods(self) -> int:
        """Periods of each point's simulation (dynamic games): ``periods`` or the file's."""
        return self.periods if self.periods is not None else self.game.dynamics.periods

    @property
    def mode(self) -> str:
        """The equilibria actually searched: ``"pure"``, ``"all"`` or, for
        game trees, ``"subgame perfect"``; for dynamic games ``"dynamics"``."""
        if self.is_dynamic:
            return "dynamics"
        if isinstance(self.game, ParametricTree):
            return "subgame perfect"
        if self.equilibria != "auto":
            return self.equilibria
        return "all" if self.game.n_players <= 2 or covers(self.game.shape) else "pure"

    @property
    def mode_reason(self) -> str:
        """One sentence: which equilibria are searched at each point, and why."""
        if self.is_dynamic:
            dynamics = self.game.dynamics
            rule = dynamics.select if dynamics.select != "persist" else f"persist, else {dynamics.fallback}"
            return (f"the play at period {self.n_periods} of a simulation from each point (each period: "
                    f"{stage_method(self.game)}; selection: {rule})")
        if isinstance(self.game, ParametricTree):
            return "subgame-perfect equilibria by backward induction"
        shape = "x".join(map(str, self.game.shape))
        if self.mode == "pure":
            if self.equilibria == "pure":
                return "pure equilibria only, as asked"
            # Worded for both callers: the CLI's --equilibria and the API's equilibria=.
            return (
                f"pure equilibria only: a {shape} game is beyond the batched solver of all equilibria "
                f"({COVERAGE}); asking for all equilibria solves every point with the one-game solver (slow)"
            )
        if self.game.n_players <= 2:
            return "all equilibria: batched support enumeration (2 players)"
        if covers(self.game.shape):
            return f"all equilibria: batched support enumeration ({shape} game)"
        return f"all equilibria: the one-game solver at every point (a {shape} game is beyond the batched solver)"

    @property
    def n_chunks(self) -> int:
        """Number of chunks."""
        return -(-self.design.n_points // self.chunk_size)

    def chunk_bounds(self, index: int) -> tuple[int, int]:
        """Flat point indices ``[start, stop)`` of chunk ``index``."""
        start = index * self.chunk_size
        return start, min(self.design.n_points, start + self.chunk_size)

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of the points: arrays for varied ones, numbers for fixed ones."""
        varied = self.design.columns(start, stop)
        return {**{k: float(v) for k, v in self.fixed.items() if k not in varied}, **varied}


def solve_chunk(spec: SweepSpec, index: int) -> CodedTable:
    """The table rows of chunk ``index``: one entry per point in each column.

    Columns: the varied parameters, ``label`` (the equilibrium set with
    each mixing player's probabilities, see
    :func:`~gametheory_re.labels.equilibrium_set_label`), ``support`` (the
    set by supports, see :func:`~gametheory_re.result.set_label`),
    ``n_equilibria``, ``n_pure``, one status column per outcome (values
    in :data:`STATUSES`) and, with ``spec.select``, one float column per
    outcome (:func:`selected_column`).
    """
    start, stop = spec.chunk_bounds(index)
    columns = spec.columns(start, stop)
    game = spec.game
    if spec.is_dynamic:
        return _dynamic_table(spec, columns, stop - start)
    if isinstance(game, ParametricTree):
        return _tree_table(spec, columns, stop - start)
    payoffs = game.payoff_batch(columns)  # (n_players, n_1, ..., n_n, points)
    count = stop - start
    finite = np.isfinite(payoffs).reshape(-1, count).all(axis=0)
    safe = payoffs if finite.all() else np.where(finite, payoffs, 0.0)
    tol = default_tol(safe, batched=True)
    outcome_masks = [game.outcomes[name].mask for name in spec.outcomes]

    if game.n_players == 2 and spec.mode == "all":
        found = batch_bimatrix_supports(np.moveaxis(safe, -1, 0), tol)
        rows = _batch_rows(game, found, outcome_masks)
    elif spec.mode == "all" and covers(game.shape):
        found = batch_equilibria(safe, tol)
        rows = _batch_rows(game, found, outcome_masks)
    else:
        found = None
        rows = _pure_rows(game, safe, tol, outcome_masks)
        if spec.mode == "all":
            rows["unresolved"][:] = True
    if spec.select:
        if found is None:
            _select_pure(spec.select, safe, tol, outcome_masks, rows)
        else:
            _select_batch(spec.select, safe, tol, found, outcome_masks, rows)
    rows["unresolved"] &= finite
    for i in np.flatnonzero(rows["unresolved"]):
        _solve_point(game, {k: v[i] if np.ndim(v) else v for k, v in columns.items()}, i, rows, spec.outcomes, spec.select)
    return _table(spec, columns, rows, finite)


class CodedTable(dict):
    """A chunk's columns (name -> array), with the text columns also as codes.

    ``codes[name]`` is ``(codes, lookup)``: ``table[name]`` equals
    ``lookup[codes]``.  Writers and counts work on the few distinct values
    through it instead of on every row; a plain dict (a chunk read back
    from a file) is handled the slow way.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes: dict[str, tuple[np.ndarray, tuple[str, ...]]] = {}

    def add_coded(self, name: str, codes: np.ndarray, lookup) -> None:
        """Set column ``name`` to ``lookup[codes]`` and keep the codes."""
        lookup = tuple(lookup)
        self[name] = np.array(lookup, dtype=object)[codes] if lookup else np.empty(len(codes), dtype=object)
        self.codes[name] = (codes, lookup)


def _table(spec, columns, rows, finite) -> CodedTable:
    if not finite.all():
        _set_label(rows, ~finite, UNDEFINED)
    rows["n_equilibria"][~finite] = 0
    rows["n_pure"][~finite] = 0
    table = CodedTable((name, columns[name]) for name in spec.design.names)
    if not finite.all():
        _set_plabel(rows, ~finite, UNDEFINED)
    table.add_coded("label", rows["pcodes"], rows["plabels"])
    table.add_coded("support", rows["codes"], rows["labels"])
    table["n_equilibria"] = rows["n_equilibria"]
    table["n_pure"] = rows["n_pure"]
    for k, name in enumerate(spec.outcomes):
        status = rows["status"][:, k]
        status[~finite] = STATUSES.index("unknown")
        table.add_coded(name, status, STATUSES)
    if spec.select:
        selected = rows["selected"]
        selected[~finite] = np.nan
        for k, name in enumerate(spec.outcomes):
            table[selected_column(name, spec.select)] = selected[:, k]
    return table


def _set_label(rows, where, label: str) -> None:
    """Give the points ``where`` (an index or a mask) the label ``label``."""
    labels = rows["labels"]
    if label not in labels:
        labels.append(label)
    rows["codes"][where] = labels.index(label)


def _set_plabel(rows, where, label: str) -> None:
    """Give the points ``where`` the probability label ``label``."""
    labels = rows["plabels"]
    if label not in labels:
        labels.append(label)
    rows["pcodes"][where] = labels.index(label)


def _set_labels(rows, lookup, inverse, probabilities: bool = False) -> None:
    """Label point ``i`` with ``lookup[inverse[i]]`` (equal names share one code).

    Support labels go to ``labels``/``codes``; with ``probabilities``, the
    labels with probabilities go to ``plabels``/``pcodes``.  Where the set is
    pure the two are the same, and support labels fill both.
    """
    index: dict[str, int] = {}
    remap = np.array([index.setdefault(label, len(index)) for label in lookup], dtype=np.int64)
    codes = remap[inverse] if len(remap) else np.zeros(len(inverse), dtype=np.int64)
    if probabilities:
        rows["plabels"], rows["pcodes"] = list(index), codes
        return
    rows["labels"], rows["codes"] = list(index), codes
    rows["plabels"], rows["pcodes"] = list(index), codes.copy()


def _tree_table(spec: SweepSpec, columns, count: int) -> dict[str, np.ndarray]:
    """Subgame-perfect equilibria of a game tree at every point of a chunk.

    A perfect-information move order is solved for all points at once by
    array backward induction; points with ties (several subgame-perfect
    equilibria possible) and general trees are solved point by point.
    """
    tree = spec.game
    if not tree.is_perfect_information:
        raise UnsupportedError(
            "sweeps of trees with information sets are not supported: backward induction needs perfect "
            "information; convert the tree to its reduced normal form (gtre convert GAME OUT.nfg) and sweep that"
        )
    rows = _rows(count, len(spec.outcomes))
    finite = np.ones(count, dtype=bool)
    if tree.is_order_game and all(len(group) == 1 for group in tree.order):
        paths = order_spe_batch(*tree.order_payoffs(columns))
        finite = paths.valid
        profiles = paths.profiles
        codes = np.ravel_multi_index(tuple(np.where(finite, profiles.T, 0)), tree.base.shape)
        _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        names = [
            set_label(tree.base.strategies, [tuple((i,) for i in profiles[j])]) for j in first
        ]
        _set_labels(rows, names, inverse.ravel())
        rows["n_equilibria"][:] = 1
        for k, name in enumerate(spec.outcomes):
            holds = tree.base.outcomes[name].mask.ravel()[codes]
            rows["status"][:, k] = np.where(holds, STATUSES.index("all"), STATUSES.index("none"))
        todo = np.flatnonzero(paths.tied)
    else:
        todo = np.arange(count)
    for i in todo:
        point = {k: v[i] if np.ndim(v) else v for k, v in columns.items()}
        try:
            numeric = tree.at({k: repr(float(v)) for k, v in point.items()})
        except GameFileError:
            finite[i] = False
            continue
        _fill_from_spe(numeric, subgame_perfect_equilibria(numeric), i, rows, spec.outcomes)
    rows["n_pure"] = rows["n_equilibria"].copy()
    return _table(spec, columns, rows, finite)


def long_run_columns(spec: SweepSpec) -> list[str]:
    """The columns a sweep of a dynamic game adds: the limit, the switches and each outcome's first period."""
    return ["limit", "switches", *[f"first_{name}" for name in spec.outcomes]] if spec.is_dynamic else []


def _dynamic_table(spec: SweepSpec, columns, count: int) -> CodedTable:
    """The long-run outcome of a simulation from every point of a chunk, all run at once.

    The row of a point describes the play at the last period (``label``,
    ``support``, the outcome statuses: ``all`` where the outcome holds
    surely under the play, ``none`` where it surely does not, ``some``
    under mixed play that makes it neither), plus :func:`long_run_columns`:
    the limit reached, the number of switches of the play, and the first
    period each outcome holds (NaN: never).
    """
    game, dynamics = spec.game, spec.game.dynamics
    if dynamics.select == "all":
        raise UnsupportedError("sweeps follow one history per point; the game's dynamics.select is 'all': "
                               "give the file another rule (persist, first, payoff_dominant, risk_dominant)")
    periods = spec.n_periods
    arrays = {k: np.broadcast_to(np.asarray(v, dtype=float), (count,)) for k, v in columns.items()}
    histories = run_dynamics(game, arrays, periods, dynamics.select, dynamics.fallback, dynamics.bounds)
    final = histories.play[-1]
    finite = histories.defined
    rows = _rows(count, len(spec.outcomes))
    rounded = rounded_probabilities(final)
    ids, first = _row_ids(rounded)
    shape = game.shape
    offsets = np.concatenate([[0], np.cumsum(shape)])
    supports, texts = [], []
    for e in first:
        blocks = [rounded[e][offsets[p]:offsets[p + 1]] for p in range(len(shape))]
        support = tuple(tuple(int(i) for i in np.flatnonzero(final[e][offsets[p]:offsets[p + 1]] > 1e-9)) or (int(np.argmax(b)),)
                        for p, b in enumerate(blocks))
        supports.append(set_label(game.strategies, [support]))
        texts.append(mixed_profile_label(game.strategies, support, blocks))
    _set_labels(rows, supports, ids)
    _set_labels(rows, texts, ids, probabilities=True)
    found = histories.equilibria[-1]
    rows["n_equilibria"] = found.valid.sum(axis=1)
    rows["n_pure"] = (found.valid & _pure_slots(found, shape)).sum(axis=1)
    outcome_index = [list(game.outcomes).index(name) for name in spec.outcomes]
    probability = histories.outcomes[-1][outcome_index]  # (n_outcomes, B)
    for k in range(len(spec.outcomes)):
        status = np.full(count, STATUSES.index("some"))
        status[probability[k] >= 1 - PROBABILITY_TOL] = STATUSES.index("all")
        status[probability[k] <= PROBABILITY_TOL] = STATUSES.index("none")
        rows["status"][:, k] = status
    table = _table(spec, columns, rows, finite)
    kinds, lookup = _limit_codes(histories, rounded_probabilities(histories.play))
    table.add_coded("limit", np.where(finite, kinds, LIMIT_KINDS.index("moving")), lookup)
    codes = _row_codes(rounded_probabilities(histories.play))
    table["switches"] = (codes[1:] != codes[:-1]).sum(axis=0)
    holds = histories.outcomes[:, outcome_index, :] >= 1 - PROBABILITY_TOL  # (T+1, n_outcomes, B)
    for k, name in enumerate(spec.outcomes):
        any_period = holds[:, k].any(axis=0)
        table[f"first_{name}"] = np.where(any_period & finite, holds[:, k].argmax(axis=0), np.nan)
    return table


def _pure_slots(found, shape) -> np.ndarray:
    """``(B, k_max)``: the slot holds a pure profile."""
    offsets = np.concatenate([[0], np.cumsum(shape)])
    return np.all([found.profiles[..., offsets[p]:offsets[p + 1]].max(axis=-1) >= 1 - 1e-9 for p in range(len(shape))],
                  axis=0)


def _row_codes(rounded: np.ndarray) -> np.ndarray:
    """``(T+1, B, S)`` integer profiles as one code per period and point (equal rows, equal codes)."""
    steps, count, width = rounded.shape
    ids, _ = _row_ids(rounded.reshape(steps * count, width))
    return ids.reshape(steps, count)


def _limit_codes(histories, rounded) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each point's limit kind, as codes into :data:`LIMIT_KINDS`, vectorised over points.

    A fixed point: the last period's state and play equal the period
    before's; a cycle of length L: equal to those L periods before (the
    dynamics being deterministic, the history repeats from there); else
    still moving (see :func:`gametheory_re.dynamics.simulation.find_limit`,
    which does the same for one history).
    """
    state = histories.state  # (T+1, n_state, B)
    codes = _row_codes(rounded)
    last = state.shape[0] - 1
    scale = np.maximum(1.0, np.abs(state).max(axis=(0, 1)))
    kinds = np.full(state.shape[-1], LIMIT_KINDS.index("moving"))
    undecided = np.ones(state.shape[-1], dtype=bool)
    for length in range(1, min(last, MAX_CYCLE) + 1):
        same = (np.abs(state[last] - state[last - length]) <= STATE_TOL * scale).all(axis=0) & (codes[last] == codes[last - length])
        hit = undecided & same
        kinds[hit] = LIMIT_KINDS.index("fixed point" if length == 1 else "cycle")
        undecided &= ~same
    return kinds, LIMIT_KINDS


def _fill_from_spe(tree, spe, i: int, rows, outcomes) -> None:
    """Row ``i`` from every subgame-perfect equilibrium of a numeric tree."""
    if tree.strategies is not None:
        # Equilibria that differ only off the path have the same label.
        supports = sorted({tuple((j,) for j in eq.profile(tree)) for eq in spe.equilibria})
        label = set_label(tree.strategies, supports)
    else:
        label = "; ".join(sorted({
            "(" + ", ".join(f"{_mover(tree, node)} {tree.nodes[node].moves[move]}" for node, move, _ in eq.path(tree)) + ")"
            for eq in spe.equilibria
        }))
    # Pure, so the label with probabilities is the support label.
    _set_label(rows, i, label)
    _set_plabel(rows, i, label)
    rows["n_equilibria"][i] = len(spe.equilibria)
    probabilities = [eq.outcome_probabilities(tree) for eq in spe.equilibria]
    for k, name in enumerate(outcomes):
        sure = [p[name] >= 1 - PROBABILITY_TOL for p in probabilities]
        rows["status"][i, k] = _status(np.array([sum(sure)]), np.array([len(sure)]))[0]


def _mover(tree, node: int) -> str:
    n = tree.nodes[node]
    return "chance" if n.is_chance else tree.players[n.player]


def _codes(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group points by their column of a boolean matrix ``(items, points)``.

    Returns the distinct columns (as rows, ``(groups, items)``) and each
    point's group.
    """
    items, count = bits.shape
    if items <= 64:
        codes = np.zeros(count, dtype=np.uint64)
        for j in range(items):
            codes |= bits[j].astype(np.uint64) << np.uint64(j)
    else:
        packed = np.ascontiguousarray(np.packbits(bits, axis=0).T)
        codes = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    return bits[:, first].T, inverse.ravel()


def _status(holds: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Status index per point from the number of equilibria where an outcome holds."""
    status = np.full(total.shape, STATUSES.index("some"))
    status[holds == total] = STATUSES.index("all")
    status[holds == 0] = STATUSES.index("none")
    status[total == 0] = STATUSES.index("unknown")
    return status


def _rows(count: int, n_outcomes: int) -> dict[str, np.ndarray]:
    return {
        "codes": np.zeros(count, dtype=np.int64),  # label of point i: labels[codes[i]]
        "labels": [],
        "pcodes": np.zeros(count, dtype=np.int64),  # label with probabilities: plabels[pcodes[i]]
        "plabels": [],
        "n_equilibria": np.zeros(count, dtype=np.int64),
        "n_pure": np.zeros(count, dtype=np.int64),
        "status": np.zeros((count, n_outcomes), dtype=np.int64),
        "unresolved": np.zeros(count, dtype=bool),
        # Outcome probabilities in the selected equilibrium (with SweepSpec.select).
        "selected": np.full((count, n_outcomes), np.nan),
    }


def _labelled(rows, bits, labels_of, outcome_sure) -> None:
    """Fill labels, counts and outcome statuses from which items hold at each point.

    ``bits`` is ``(items, points)``: item ``j`` (a pure profile or a support
    pair) is an equilibrium at the point; ``labels_of(unique_rows)`` names
    each distinct set; ``outcome_sure[k][j]`` says outcome ``k`` holds surely
    in item ``j``.
    """
    unique, inverse = _codes(bits)
    _set_labels(rows, labels_of(unique), inverse)
    rows["n_equilibria"] = bits.sum(axis=0)
    for k, sure in enumerate(outcome_sure):
        rows["status"][:, k] = _status(bits[sure].sum(axis=0), rows["n_equilibria"])


def _pure_rows(game, payoffs, tol, outcome_masks) -> dict[str, np.ndarray]:
    count = payoffs.shape[-1]
    bits = pure_equilibrium_mask(payoffs, tol).reshape(-1, count)
    rows = _rows(count, len(outcome_masks))
    profiles = list(np.ndindex(*game.shape))

    def labels_of(unique):
        labels = [
            set_label(game.strategies, [tuple((i,) for i in profiles[j]) for j in np.flatnonzero(u)])
            for u in unique
        ]
        return [NO_PURE if label == NONE_FOUND else label for label in labels]

    _labelled(rows, bits, labels_of, [m.ravel() for m in outcome_masks])
    rows["n_pure"] = rows["n_equilibria"].copy()
    return rows


def _batch_rows(game, found: BatchEquilibria, outcome_masks) -> dict[str, np.ndarray]:
    """Rows from a batched solver's equilibria (points it left unresolved are filled later)."""
    count = len(found.unresolved)
    rows = _rows(count, len(outcome_masks))
    bits = np.zeros((len(found.supports), count), dtype=bool)
    bits[found.slot, found.point] = True
    labels_of = lambda unique: [set_label(game.strategies, [found.supports[j] for j in np.flatnonzero(u)]) for u in unique]
    # An equilibrium's outcome holds surely when every profile in its
    # support satisfies it; that depends on the support only.
    sure = [np.array([m[np.ix_(*support)].all() for support in found.supports]) for m in outcome_masks]
    _labelled(rows, bits, labels_of, sure)
    pure = np.array([all(len(s) == 1 for s in support) for support in found.supports])
    rows["n_pure"] = bits[pure].sum(axis=0)
    _probability_labels(game, found, rows)
    rows["unresolved"] = found.unresolved.copy()
    return rows


def _probability_labels(game, found: BatchEquilibria, rows) -> None:
    """Labels with probabilities, each distinct equilibrium formatted once.

    Distinct equilibria (support and rounded probabilities) get ids in the
    order :func:`~gametheory_re.labels.equilibrium_set_label` lists them, so
    a point's label is its sorted ids' labels joined: the same text the
    point solver's result gives, without formatting a set per point.
    """
    count = len(found.unresolved)
    rounded = rounded_probabilities(found.profile)
    slot_rank = _slot_rank(found)
    ids, first = _row_ids(np.column_stack([slot_rank[found.slot], rounded]))
    offsets = np.concatenate([[0], np.cumsum(game.shape)])
    texts = []
    for e in first:
        row = rounded[e]
        texts.append(mixed_profile_label(
            game.strategies, found.supports[found.slot[e]], [row[offsets[p]:offsets[p + 1]] for p in range(len(game.shape))]
        ))
    # Per point, its equilibria's ids, sorted; the largest integer pads.
    per_point = np.bincount(found.point, minlength=count)
    table = np.full((count, max(1, int(per_point.max(initial=0)))), np.iinfo(np.int64).max, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(per_point)[:-1]])
    table[found.point, np.arange(len(found.point)) - starts[found.point]] = ids
    table.sort(axis=1)
    sets, first_point = _row_ids(table)
    names = ["; ".join(texts[e] for e in table[i] if e < len(texts)) or NONE_FOUND for i in first_point]
    _set_labels(rows, names, sets, probabilities=True)


def _slot_rank(found: BatchEquilibria) -> np.ndarray:
    """Rank of each slot as the label function orders supports (pure first,
    then by support): (rank, rounded probabilities) then sorts as it does."""
    keys = [(any(len(s) > 1 for s in support), support) for support in found.supports]
    # Slots of one support (several solutions of its system) share a rank, so
    # their equilibria are ordered by probabilities, as the label function does.
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}
    return np.array([rank[key] for key in keys], dtype=np.int64)


def _contract(values: np.ndarray, mixes: list[np.ndarray]) -> np.ndarray:
    """``(E, n_1, ..., n_n, m)`` values contracted with each equilibrium's mixes: ``(E, m)`` expectations."""
    for mix in mixes:
        values = np.einsum("ei...,ei->e...", values, mix)
    return values


def _select_batch(rule, payoffs, tol, found: BatchEquilibria, outcome_masks, rows) -> None:
    """Fill ``rows["selected"]`` from a batched solver's equilibria, in label order per point."""
    count = len(found.unresolved)
    n_players = payoffs.shape[0]
    shape = payoffs.shape[1:-1]
    offsets = np.concatenate([[0], np.cumsum(shape)])
    mixes = [found.profile[:, offsets[p]:offsets[p + 1]] for p in range(n_players)]
    # Each equilibrium's point's payoffs, players last: (E, n_1, ..., n_n, n_players).
    at_point = np.moveaxis(np.moveaxis(payoffs, -1, 0)[found.point], 1, -1)
    expected = _contract(at_point, mixes)
    masks = np.stack([np.asarray(m, dtype=float) for m in outcome_masks], axis=-1) if outcome_masks else np.zeros((*shape, 0))
    probabilities = _contract(np.broadcast_to(masks, (len(found.point), *masks.shape)), mixes)
    rounded = rounded_probabilities(found.profile)
    keys = [rounded[:, j] for j in range(rounded.shape[1] - 1, -1, -1)]
    order = np.lexsort((*keys, _slot_rank(found)[found.slot], found.point))
    point = found.point[order]
    per_point = np.bincount(point, minlength=count)
    k_max = max(1, int(per_point.max(initial=0)))
    starts = np.concatenate([[0], np.cumsum(per_point)[:-1]])
    position = np.arange(len(point)) - starts[point]
    valid = np.zeros((count, k_max), dtype=bool)
    valid[point, position] = True
    padded_payoffs = np.zeros((count, k_max, n_players))
    padded_payoffs[point, position] = expected[order]
    padded_values = np.zeros((count, k_max, len(outcome_masks)))
    padded_values[point, position] = probabilities[order]
    profiles = np.zeros((count, k_max, found.profile.shape[1]))
    profiles[point, position] = found.profile[order]
    rows["selected"] = selected_values(padded_values, padded_payoffs, valid, rule, tol,
                                       game=np.moveaxis(payoffs, -1, 0), profiles=profiles)


def _select_pure(rule, payoffs, tol, outcome_masks, rows) -> None:
    """Fill ``rows["selected"]`` from the pure equilibria (profiles in label order)."""
    n_players, count = payoffs.shape[0], payoffs.shape[-1]
    shape = payoffs.shape[1:-1]
    valid = pure_equilibrium_mask(payoffs, tol).reshape(-1, count).T
    by_profile = np.moveaxis(payoffs.reshape(n_players, -1, count), -1, 0).transpose(0, 2, 1)
    masks = np.stack([np.asarray(m, dtype=float).ravel() for m in outcome_masks], axis=-1) if outcome_masks else np.zeros((valid.shape[1], 0))
    profiles = np.zeros((valid.shape[1], int(sum(shape))))
    offsets = np.concatenate([[0], np.cumsum(shape)])
    for j, profile in enumerate(np.ndindex(*shape)):
        profiles[j, offsets[:-1] + np.array(profile)] = 1.0
    rows["selected"] = selected_values(
        np.broadcast_to(masks, (count, *masks.shape)), by_profile, valid, rule, tol,
        game=np.moveaxis(payoffs, -1, 0), profiles=np.broadcast_to(profiles, (count, *profiles.shape)),
    )


def _row_ids(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids of a 2-d integer array's distinct rows, numbered in lexicographic order, and one row index per id.

    ``np.unique(axis=0)`` does the same through a structured view, ten
    times slower on the tall, narrow arrays of a chunk.
    """
    if not len(matrix):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(matrix.T[::-1])
    ordered = matrix[order]
    new = np.concatenate([[True], np.any(ordered[1:] != ordered[:-1], axis=1)])
    ids = np.empty(len(matrix), dtype=np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids, order[new]


def _solve_point(game: ParametricGame, point: Mapping[str, float], i: int, rows, outcomes, select=None) -> None:
    """Fill row ``i`` from the one-game solver (the reference the arrays agree with)."""
    numeric = game.at({k: repr(float(v)) for k, v in point.items()})
    result = find_equilibria(numeric)
    _set_label(rows, i, result.set_label)
    _set_plabel(rows, i, result.probability_label())
    rows["n_equilibria"][i] = len(result.equilibria)
    rows["n_pure"][i] = len(result.pure)
    for k, name in enumerate(outcomes):
        probabilities = np.array([e.outcome_probabilities[name] for e in result.equilibria])
        holds = int(np.sum(probabilities >= 1 - result.tol))
        rows["status"][i, k] = _status(np.array([holds]), np.array([len(result.equilibria)]))[0]
    if select:
        _select_point(select, numeric, result, i, rows, outcomes)


def _select_point(rule, numeric, result, i: int, rows, outcomes) -> None:
    """Row ``i``'s selected values from the one-game solver's equilibria, in label order."""
    ordered = sorted(result.equilibria, key=lambda e: (any(len(s) > 1 for s in e.supports), e.supports,
                                                       tuple(map(tuple, e.rounded()))))
    if not ordered:
        rows["selected"][i] = np.nan
        return
    payoffs = np.array([[e.payoffs for e in ordered]], dtype=float)
    values = np.array([[[e.outcome_probabilities[name] for name in outcomes] for e in ordered]], dtype=float)
    profiles = np.array([[np.concatenate(e.profile) for e in ordered]])
    valid = np.ones((1, len(ordered)), dtype=bool)
    rows["selected"][i] = selected_values(values, payoffs, valid, rule, result.tol,
                                          game=np.asarray(numeric.payoffs)[None], profiles=profiles)[0]


def run_chunks(
    spec: SweepSpec,
    indices: Iterable[int],
    workers: int = 1,
    on_chunk: Callable[[int, dict], None] | None = None,
    scheduler: str | None = None,
) -> None:
    """Compute chunks in this process, in local worker processes, or on a cluster.

    Parameters
    ----------
    spec : SweepSpec
    indices : iterable of int
        Chunks to compute.
    workers : int
        Local worker processes; 1 computes in this process.
    on_chunk : callable
        Called as ``on_chunk(index, table)`` for each chunk: in index order
        locally, in order of completion on a cluster.
    scheduler : str, optional
        Address of a dask.distributed scheduler.  Workers receive the spec
        once and make each chunk's points from its index.
    """
    indices = list(indices)
    if scheduler is not None:
        _run_on_dask(spec, indices, on_chunk, scheduler)
        return
    if workers <= 1 or len(indices) <= 1:
        for index in indices:
            table = solve_chunk(spec, index)
            if on_chunk:
                on_chunk(index, table)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        for index, table in zip(indices, pool.imap(_worker_chunk, indices)):
            if on_chunk:
                on_chunk(index, table)


def _run_on_dask(spec, indices, on_chunk, scheduler: str) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        # ``scheduler=`` is how Python callers name it; the CLI says ``--scheduler``.
        raise GameError(
            "scheduler= needs dask.distributed: pip install '.[dask]' in a clone of gametheory_re"
        ) from None
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise GameFileError("scheduler", "", f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
    with client:
        shared = client.scatter(spec, broadcast=True)
        futures = {client.submit(solve_chunk, shared, i, pure=False): i for i in indices}
        for future, table in as_completed(futures, with_results=True):
            if on_chunk:
                on_chunk(futures[future], table)


_WORKER_SPEC: SweepSpec | None = None


def _init_worker(spec: SweepSpec) -> None:
    global _WORKER_SPEC
    _WORKER_SPEC = spec


def _worker_chunk(index: int) -> dict:
    return solve_chunk(_WORKER_SPEC, index)


__all__ = ["CodedTable", "EQUILIBRIA_MODES", "NONE_FOUND", "NO_PURE", "STATUSES", "SweepSpec", "UNDEFINED", "run_chunks", "selected_column", "solve_chunk"]
