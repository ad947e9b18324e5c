"""The sweep engine: equilibrium sets at many parameter points, chunk by chunk.

A chunk's payoffs are evaluated at once (``ParametricGame.payoff_batch``);
pure equilibria of all its points come from one array operation, and mixed
equilibria of 2-player games from batched support enumeration.  Only points
that arrays cannot settle (degenerate games), and games whose mixed
equilibria have no batched solver (3+ players with ``equilibria="all"``), are
solved point by point, in worker processes when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

import numpy as np

from ..equilibria import find_equilibria
from ..errors import GameError
from ..parametric import ParametricGame
from ..result import NONE_FOUND, set_label
from ..solvers.bimatrix_batch import batch_bimatrix_supports
from ..solvers.pure import pure_equilibrium_mask
from ..solvers.regret import RELATIVE_TOL
from .grid import Grid, Samples

#: Status of an outcome at a point: it holds in every / some / no equilibrium
#: found, or no equilibrium was found to judge by.
STATUSES = ("all", "some", "none", "unknown")

#: Label of a point where some payoff is not a finite number.
UNDEFINED = "undefined payoffs"

#: Label of a point without pure equilibrium when only pure ones are searched.
NO_PURE = "no pure equilibrium"

EQUILIBRIA_MODES = ("auto", "pure", "all")


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
        players).  ``"all"``: every equilibrium the point solver finds.
        ``"auto"``: ``"all"`` for 1- and 2-player games, ``"pure"`` otherwise.
    chunk_size : int
        Points per chunk; bounds memory.
    """

    game: ParametricGame
    design: Grid | Samples
    fixed: Mapping[str, float] = field(default_factory=dict)
    outcomes: tuple[str, ...] = ()
    equilibria: str = "auto"
    chunk_size: int = 1 << 16

    @property
    def mode(self) -> str:
        """The equilibria actually searched: ``"pure"`` or ``"all"``."""
        if self.equilibria != "auto":
            return self.equilibria
        return "all" if self.game.n_players <= 2 else "pure"

    @property
    def n_chunks(self) -> int:
        """Number of chunks."""
        return -(-self.design.n_points // self.chunk_size)

    def chunk_bounds(self, index: int) -> tuple[int, int]:
        """Flat point indices ``[start, stop)`` of chunk ``index``."""
        start = index * self.chunk_size
        return start, min(self.design.n_points, start + self.chunk_size)

    def columns(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """Parameter values of the points, varied and fixed."""
        varied = self.design.columns(start, stop)
        size = stop - start
        fixed = {k: np.full(size, float(v)) for k, v in self.fixed.items() if k not in varied}
        return {**fixed, **varied}


def solve_chunk(spec: SweepSpec, index: int) -> dict[str, np.ndarray]:
    """The table rows of chunk ``index``: one entry per point in each column.

    Columns: the varied parameters, ``label`` (the equilibrium set, see
    :func:`~gametheory_re.result.set_label`), ``n_equilibria``, ``n_pure``,
    and one status column per outcome (values in :data:`STATUSES`).
    """
    start, stop = spec.chunk_bounds(index)
    columns = spec.columns(start, stop)
    game = spec.game
    payoffs = game.payoff_batch(columns)
    count = stop - start
    finite = np.all(np.isfinite(payoffs.reshape(count, -1)), axis=1)
    safe = np.where(finite.reshape((-1,) + (1,) * (payoffs.ndim - 1)), payoffs, 0.0)
    tol = RELATIVE_TOL * np.maximum(1.0, np.abs(safe.reshape(count, -1)).max(axis=1))
    outcome_masks = [game.outcomes[name].mask for name in spec.outcomes]

    if game.n_players == 2 and spec.mode == "all":
        rows = _bimatrix_rows(game, safe, tol, outcome_masks)
    else:
        rows = _pure_rows(game, safe, tol, outcome_masks)
        if spec.mode == "all":
            rows["unresolved"][:] = True
    rows["unresolved"] &= finite
    for i in np.flatnonzero(rows["unresolved"]):
        _solve_point(game, {k: v[i] for k, v in columns.items()}, i, rows, spec.outcomes)
    rows["label"][~finite] = UNDEFINED
    rows["n_equilibria"][~finite] = 0
    rows["n_pure"][~finite] = 0
    table = {name: columns[name] for name in spec.design.names}
    table["label"] = rows["label"]
    table["n_equilibria"] = rows["n_equilibria"]
    table["n_pure"] = rows["n_pure"]
    for k, name in enumerate(spec.outcomes):
        status = rows["status"][:, k]
        status[~finite] = STATUSES.index("unknown")
        table[name] = np.array(STATUSES, dtype=object)[status]
    return table


def _codes(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group the rows of a boolean matrix: unique rows and each row's group."""
    if bits.shape[1] <= 64:
        weights = np.left_shift(np.uint64(1), np.arange(bits.shape[1], dtype=np.uint64))
        codes = (bits.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)
        unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    else:
        packed = np.packbits(bits, axis=1)
        keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return bits[first], inverse.ravel()


def _status(holds: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Status index per point from the number of equilibria where an outcome holds."""
    status = np.full(total.shape, STATUSES.index("some"))
    status[holds == total] = STATUSES.index("all")
    status[holds == 0] = STATUSES.index("none")
    status[total == 0] = STATUSES.index("unknown")
    return status


def _rows(count: int, n_outcomes: int) -> dict[str, np.ndarray]:
    return {
        "label": np.empty(count, dtype=object),
        "n_equilibria": np.zeros(count, dtype=np.int64),
        "n_pure": np.zeros(count, dtype=np.int64),
        "status": np.zeros((count, n_outcomes), dtype=np.int64),
        "unresolved": np.zeros(count, dtype=bool),
    }


def _pure_rows(game, payoffs, tol, outcome_masks) -> dict[str, np.ndarray]:
    count = len(payoffs)
    tol_shape = (-1,) + (1,) * game.n_players
    mask = pure_equilibrium_mask(payoffs, tol.reshape(tol_shape), n_players=game.n_players)
    flat = mask.reshape(count, -1)
    rows = _rows(count, len(outcome_masks))
    unique, inverse = _codes(flat)
    profiles = list(np.ndindex(*game.shape))
    labels = [
        set_label(game.strategies, [tuple((i,) for i in profiles[j]) for j in np.flatnonzero(u)])
        for u in unique
    ]
    labels = [NO_PURE if label == NONE_FOUND else label for label in labels]
    rows["label"] = np.array(labels, dtype=object)[inverse]
    rows["n_equilibria"] = flat.sum(axis=1)
    rows["n_pure"] = rows["n_equilibria"].copy()
    for k, outcome in enumerate(outcome_masks):
        rows["status"][:, k] = _status(flat @ outcome.ravel().astype(np.int64), rows["n_equilibria"])
    return rows


def _bimatrix_rows(game, payoffs, tol, outcome_masks) -> dict[str, np.ndarray]:
    count = len(payoffs)
    found = batch_bimatrix_supports(payoffs, tol)
    rows = _rows(count, len(outcome_masks))
    unique, inverse = _codes(found.accepted)
    labels = [set_label(game.strategies, [found.pairs[j] for j in np.flatnonzero(u)]) for u in unique]
    rows["label"] = np.array(labels, dtype=object)[inverse]
    rows["n_equilibria"] = found.accepted.sum(axis=1)
    pure_pairs = np.array([len(r) == 1 for r, _ in found.pairs])
    rows["n_pure"] = found.accepted[:, pure_pairs].sum(axis=1)
    for k, outcome in enumerate(outcome_masks):
        # An equilibrium's outcome holds surely when every profile in its
        # support satisfies it; that depends on the support pair only.
        sure = np.array([outcome[np.ix_(r, c)].all() for r, c in found.pairs])
        rows["status"][:, k] = _status(found.accepted @ sure.astype(np.int64), rows["n_equilibria"])
    rows["unresolved"] = found.unresolved
    return rows


def _solve_point(game: ParametricGame, point: Mapping[str, float], i: int, rows, outcomes) -> None:
    """Fill row ``i`` from the one-game solver (the reference the arrays agree with)."""
    numeric = game.at({k: repr(float(v)) for k, v in point.items()})
    result = find_equilibria(numeric)
    rows["label"][i] = result.set_label
    rows["n_equilibria"][i] = len(result.equilibria)
    rows["n_pure"][i] = len(result.pure)
    for k, name in enumerate(outcomes):
        probabilities = np.array([e.outcome_probabilities[name] for e in result.equilibria])
        holds = int(np.sum(probabilities >= 1 - result.tol))
        rows["status"][i, k] = _status(np.array([holds]), np.array([len(result.equilibria)]))[0]


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
        raise GameError(
            "--scheduler needs dask.distributed: pip install 'gametheory_re[dask]'"
        ) from None
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise GameError(f"--scheduler: cannot reach the dask scheduler at {scheduler}: {exc}") from None
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


__all__ = ["EQUILIBRIA_MODES", "NONE_FOUND", "NO_PURE", "STATUSES", "SweepSpec", "UNDEFINED", "run_chunks", "solve_chunk"]
