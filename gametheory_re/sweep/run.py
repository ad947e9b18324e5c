"""Run a sweep: the Python entry point that ``gtre sweep`` calls."""

from __future__ import annotations

import csv
import hashlib
import json
from typing import Callable, Mapping, Sequence

import numpy as np

from .. import __version__
from ..errors import GameFileError
from ..formats import load_game
from ..extensive import ParametricTree
from ..parametric import ParametricGame
from .engine import EQUILIBRIA_MODES, STATUSES, SweepSpec, run_chunks
from .grid import Axis, Grid, make_samples, parse_axis
from .output import ChunkStore

DEFAULT_CHUNK = 1 << 16


def make_spec(
    game: ParametricGame,
    vary: Sequence[str | Axis] = (),
    samples: int | None = None,
    sample_params: Sequence[str] = (),
    seed: int = 0,
    latin: bool = False,
    params: Mapping[str, object] | None = None,
    outcomes: Sequence[str] | None = None,
    equilibria: str = "auto",
    chunk_size: int = DEFAULT_CHUNK,
) -> SweepSpec:
    """Check a sweep's settings against the game and build its :class:`SweepSpec`.

    See :func:`sweep` for the parameters.
    """
    if equilibria not in EQUILIBRIA_MODES:
        raise GameFileError("--equilibria", equilibria, "expected one of " + ", ".join(EQUILIBRIA_MODES))
    if bool(vary) == (samples is not None):
        raise GameFileError("--vary", "", "give either --vary (a grid) or --samples (random points), not both or neither")
    if chunk_size < 1:
        raise GameFileError("--chunk-size", str(chunk_size), "expected a positive number of points")
    point = game.point(params)
    if samples is not None:
        design = make_samples(game, sample_params, samples, seed, latin)
    else:
        design = Grid(tuple(a if isinstance(a, Axis) else parse_axis(a, game) for a in vary))
    names = tuple(game.outcomes) if outcomes is None else tuple(outcomes)
    for name in names:
        if name not in game.outcomes:
            known = ", ".join(game.outcomes) or "none"
            raise GameFileError("--outcome", name, f"unknown outcome; the game's outcomes are: {known}")
    fixed = {k: float(v) for k, v in point.items() if k not in design.names}
    return SweepSpec(game, design, fixed, names, equilibria, chunk_size)


def manifest(spec: SweepSpec) -> dict:
    """JSON description that identifies a sweep, for ``--resume``."""
    payoffs = "\n".join(str(e) for e in spec.game.payoffs.ravel())
    return {
        "version": __version__,
        "game": spec.game.source,
        "payoffs_sha256": hashlib.sha256(payoffs.encode()).hexdigest(),
        "design": spec.design.describe(),
        "fixed": {k: repr(v) for k, v in sorted(spec.fixed.items())},
        "outcomes": list(spec.outcomes),
        "equilibria": spec.mode,
        "chunk_size": spec.chunk_size,
    }


def table_columns(spec: SweepSpec) -> list[str]:
    """Column names of a sweep table, in order."""
    return [*spec.design.names, "label", "n_equilibria", "n_pure", *spec.outcomes]


def sweep(
    game,
    vary: Sequence[str | Axis] = (),
    *,
    samples: int | None = None,
    sample_params: Sequence[str] = (),
    seed: int = 0,
    latin: bool = False,
    params: Mapping[str, object] | None = None,
    outcomes: Sequence[str] | None = None,
    equilibria: str = "auto",
    out=None,
    resume: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    progress: Callable[[int], None] | None = None,
    collect: bool = True,
    as_frame: bool | None = None,
):
    """Equilibrium sets and outcome statuses over a grid or sample of parameters.

    Parameters
    ----------
    game : ParametricGame, str or pathlib.Path
        A loaded game or a game file / bundled game name.
    vary : sequence of str or Axis
        Grid axes, ``"NAME=START:STOP:N"`` or ``"NAME=START:STOP:N:log"``.
    samples : int, optional
        Instead of a grid: this many random points over the declared bounds
        of ``sample_params`` (all bounded parameters if empty).
    sample_params : sequence of str
    seed : int
        Seed of the random points; the same seed gives the same points.
    latin : bool
        Latin-hypercube instead of independent uniform samples.
    params : mapping, optional
        Values of parameters that are not varied (defaults otherwise).
    outcomes : sequence of str, optional
        Outcomes to report; all of the game's by default.
    equilibria : {"auto", "pure", "all"}
        See :class:`~gametheory_re.sweep.engine.SweepSpec`.
    out : path, optional
        Also write the rows to this ``.csv`` or ``.jsonl`` file (atomically).
    resume : bool
        Continue an interrupted sweep to ``out`` from its finished chunks.
    workers : int
        Local worker processes.
    scheduler : str, optional
        Address of a dask.distributed scheduler to run the chunks on
        (needs the ``dask`` extra).
    chunk_size : int
        Points per chunk (bounds memory).
    progress : callable, optional
        Called with the number of points finished after each chunk.
    collect : bool
        Return the table; ``False`` streams to ``out`` only (for sweeps too
        large for memory).
    as_frame : bool, optional
        Return a pandas DataFrame (default: when pandas is installed) rather
        than a numpy structured array.

    Returns
    -------
    numpy.ndarray or pandas.DataFrame or None
        One row per point: the varied parameters, ``label`` (the equilibrium
        set), ``n_equilibria``, ``n_pure`` and, per outcome, ``"all"``,
        ``"some"``, ``"none"`` (holds in all / some / no equilibria found) or
        ``"unknown"`` (no equilibrium found).

    Examples
    --------
    >>> from gametheory_re.sweep import sweep
    >>> table = sweep("us_china", ["q=0.1:1:10"], as_frame=False)
    >>> table.shape
    (10,)
    >>> list(table["label"][:2])
    ['(engage, restrict)', '(engage, restrict)']
    >>> list(table["status_quo"][-2:])
    ['all', 'all']
    """
    if not isinstance(game, (ParametricGame, ParametricTree)):
        game = load_game(game)
    spec = make_spec(game, vary, samples, sample_params, seed, latin, params, outcomes, equilibria, chunk_size)
    table, _ = run_spec(spec, out=out, resume=resume, workers=workers, scheduler=scheduler,
                        progress=progress, collect=collect, as_frame=as_frame)
    return table


def run_spec(spec: SweepSpec, out=None, resume=False, workers=1, scheduler=None, progress=None, collect=True,
             as_frame=None):
    """Run a checked sweep; see :func:`sweep`.

    Returns
    -------
    table : numpy.ndarray or pandas.DataFrame or None
        As :func:`sweep` returns it; None unless ``collect``.
    summary : dict
        See :class:`Tally`.
    """
    if not collect and out is None:
        raise GameFileError("--out", "", "a sweep that is not kept in memory needs an output file")
    store = ChunkStore(out, manifest(spec), resume) if out is not None else None
    done = store.done() if store else set()
    pieces: dict[int, dict] = {}
    tally = Tally(spec)

    def on_chunk(index, table):
        if store:
            store.write(index, table)
        if collect:
            pieces[index] = table
        tally.add(table)
        if progress:
            start, stop = spec.chunk_bounds(index)
            progress(stop - start)

    for index in sorted(done):
        table = _read_chunk(store, index, spec)
        tally.add(table)
        if collect:
            pieces[index] = table
        if progress:
            start, stop = spec.chunk_bounds(index)
            progress(stop - start)
    run_chunks(spec, [i for i in range(spec.n_chunks) if i not in done], workers, on_chunk, scheduler)
    columns = table_columns(spec)
    if store:
        store.finish(columns, spec.n_chunks)
    if not collect:
        return None, tally.summary()
    joined = {name: np.concatenate([pieces[i][name] for i in range(spec.n_chunks)]) for name in columns}
    return to_table(joined, spec, as_frame), tally.summary()


class Tally:
    """Running counts of points per equilibrium set and per outcome status."""

    def __init__(self, spec: SweepSpec):
        self.spec = spec
        self.regimes: dict[str, int] = {}
        self.outcomes = {name: dict.fromkeys(STATUSES, 0) for name in spec.outcomes}

    def add(self, table) -> None:
        """Count one chunk."""
        labels, counts = np.unique(np.asarray(table["label"], dtype=str), return_counts=True)
        for label, count in zip(labels.tolist(), counts.tolist()):
            self.regimes[label] = self.regimes.get(label, 0) + count
        for name in self.spec.outcomes:
            values, counts = np.unique(np.asarray(table[name], dtype=str), return_counts=True)
            for value, count in zip(values.tolist(), counts.tolist()):
                self.outcomes[name][value] += count

    def summary(self) -> dict:
        """``points``, ``parameters``, ``equilibria`` (mode searched), ``regimes``
        (label -> points, most common first), ``outcomes`` (outcome -> status -> points)."""
        return {
            "game": self.spec.game.title,
            "points": int(self.spec.design.n_points),
            "parameters": list(self.spec.design.names),
            "equilibria": self.spec.mode,
            "regimes": dict(sorted(self.regimes.items(), key=lambda kv: -kv[1])),
            "outcomes": self.outcomes,
        }


def _read_chunk(store: ChunkStore, index: int, spec: SweepSpec) -> dict[str, np.ndarray]:
    path = store.chunk_path(index)
    columns = table_columns(spec)
    with open(path, encoding="utf-8", newline="") as handle:
        if store.fmt == "jsonl":
            rows = [json.loads(line) for line in handle]
            values = {c: [r[c] for r in rows] for c in columns}
        else:
            rows = list(csv.reader(handle))
            values = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    out = {}
    for name in columns:
        if name in spec.design.names:
            out[name] = np.array(values[name], dtype=float)
        elif name in ("n_equilibria", "n_pure"):
            out[name] = np.array(values[name], dtype=np.int64)
        else:
            out[name] = np.array(values[name], dtype=object)
    return out


def to_table(columns: Mapping[str, np.ndarray], spec: SweepSpec, as_frame: bool | None):
    """The columns as a structured array, or a pandas DataFrame."""
    if as_frame is None or as_frame:
        try:
            import pandas
        except ImportError:
            if as_frame:
                raise
        else:
            return pandas.DataFrame(dict(columns))
    dtype = [
        (name, float if name in spec.design.names else (np.int64 if name in ("n_equilibria", "n_pure") else object))
        for name in columns
    ]
    table = np.empty(len(next(iter(columns.values()))), dtype=dtype)
    for name, values in columns.items():
        table[name] = values
    return table


__all__ = ["STATUSES", "Tally", "make_spec", "run_spec", "sweep", "to_table"]
