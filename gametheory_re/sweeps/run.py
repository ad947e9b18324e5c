"""Run a sweep: options checked into a spec, its chunks solved (in parallel if asked), the table and summary returned."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import os
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy

from .._version import __version__
from ..atomic import OVERWRITE_HINT
from ..errors import GameFileError
from ..formats import load_game
from ..trees.parametric import ParametricTree
from ..limits import MAX_CHUNK_VALUES, MAX_PERIODS, MAX_TABLE_POINTS, MAX_WORKERS_PER_CPU
from ..options import check_integer, shown
from ..parametric import ParametricGame
from ..solvers.selection import check_rule
from .engine import EQUILIBRIA_MODES, STATUSES, SweepSpec, long_run_columns, run_chunks, selected_column
from .grid import Axis, Grid, make_samples, parse_axis
from . import parquet
from .output import ChunkStore
from .summary import SweepResult, Tally

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
    chunk_size: int | None = None,
    select: str | None = None,
    periods: int | None = None,
) -> SweepSpec:
    """Check a sweep's settings against the game and build its :class:`SweepSpec`.

    See :func:`sweep` for the parameters.
    """
    # One name or axis where a list is expected is that one item, not its characters.
    vary = (vary,) if isinstance(vary, (str, Axis)) else tuple(vary)
    sample_params = (sample_params,) if isinstance(sample_params, str) else tuple(sample_params)
    if equilibria not in EQUILIBRIA_MODES:
        raise GameFileError("equilibria", equilibria, "expected one of " + ", ".join(EQUILIBRIA_MODES))
    if bool(vary) == (samples is not None):
        raise GameFileError("vary", "", "give either grid axes or a number of random samples, not both or neither")
    if samples is None and (latin or sample_params):
        raise GameFileError("latin" if latin else "sample_params", "", "is for random samples only, not a grid")
    chunk_size = check_chunk_size(game, chunk_size)
    if not game.parameters:
        raise GameFileError(game.source, "", "the game has no parameters: there is nothing to sweep (gtre solve solves it)")
    point = game.point(params, origin="params")
    if samples is not None:
        design = make_samples(game, sample_params, samples, seed, latin)
    else:
        design = Grid(tuple(parse_axis(a, game) for a in vary))
    both = [name for name in (params or {}) if name in design.names]
    if both:
        raise GameFileError("params", both[0], "is both varied and set to one value; give it one or the other")
    fixed = {k: float(v) for k, v in point.items() if k not in design.names}
    return design_spec(game, design, fixed, outcomes, equilibria, chunk_size, select, periods)


def design_spec(game, design, fixed: Mapping[str, float], outcomes: Sequence[str] | None = None,
                equilibria: str = "auto", chunk_size: int | None = None, select: str | None = None,
                periods: int | None = None) -> SweepSpec:
    """The :class:`SweepSpec` of any design (a grid, a sample, a study's
    design such as :class:`~gametheory_re.gsa.design.Saltelli`) with
    the other parameters at ``fixed``; the outcomes, mode and chunk size
    checked as for :func:`sweep`."""
    if equilibria not in EQUILIBRIA_MODES:
        raise GameFileError("equilibria", equilibria, "expected one of " + ", ".join(EQUILIBRIA_MODES))
    chunk_size = check_chunk_size(game, chunk_size)
    outcomes = (outcomes,) if isinstance(outcomes, str) else outcomes
    names = tuple(game.outcomes) if outcomes is None else tuple(outcomes)
    for name in names:
        if name not in game.outcomes:
            known = ", ".join(game.outcomes) or "none"
            raise GameFileError("outcomes", name, f"unknown outcome; the game's outcomes are: {known}")
    if select is not None:
        check_selection(game, select)
    periods = check_periods(game, periods, select, equilibria)
    return SweepSpec(game, design, dict(fixed), names, equilibria, chunk_size, select, periods)


def check_periods(game, periods, select, equilibria) -> int | None:
    """The options of a sweep over a dynamic game (``periods`` only for one; no ``select``, no ``equilibria``)."""
    dynamic = getattr(game, "dynamics", None) is not None
    if periods is not None:
        if not dynamic:
            raise GameFileError("periods", str(periods), "is for games with a [dynamics] section; this one has none")
        periods = check_integer("periods", periods, 1, MAX_PERIODS)
    if dynamic and select is not None:
        raise GameFileError("select", select, "a dynamic game selects each period's play by its dynamics.select "
                                              "(gtre simulate --select changes it for one run)")
    if dynamic and equilibria != "auto":
        raise GameFileError("equilibria", equilibria, "a dynamic game's periods always search every equilibrium "
                                                      "of the stage game")
    return periods


def check_selection(game, select: str) -> str:
    """``select`` if it is a selection rule the game admits (see
    :mod:`~gametheory_re.solvers.selection`)."""
    check_rule(select)
    if isinstance(game, ParametricTree):
        raise GameFileError("select", select, "selection among subgame-perfect equilibria is not offered; "
                                              "sweep the game's normal form (gtre convert GAME OUT.nfg) to select")
    if select == "risk_dominant" and tuple(game.shape) != (2, 2):
        shape = "x".join(map(str, game.shape))
        raise GameFileError("select", select, f"risk dominance is defined for games of 2 players with 2 strategies "
                                              f"each; this game is {shape}")
    return select


def check_chunk_size(game, chunk_size: int | None) -> int:
    """The points per chunk: ``chunk_size`` if its payoff array fits
    :data:`~gametheory_re.limits.MAX_CHUNK_VALUES`; by default
    :data:`DEFAULT_CHUNK`, fewer for games too large for that."""
    per_point = max(1, int(np.size(game.payoffs)))
    most = max(1, MAX_CHUNK_VALUES // per_point)
    if chunk_size is None:
        return min(DEFAULT_CHUNK, most)
    chunk_size = check_integer("chunk_size", chunk_size, minimum=1, why="points")
    if chunk_size > most:
        raise GameFileError("chunk_size", shown(chunk_size), f"the game has {per_point} payoffs per point: "
                                                             f"at most {most} points per chunk fit in memory")
    return int(chunk_size)


def manifest(spec: SweepSpec) -> dict:
    """JSON description that identifies a sweep, for ``--resume``.

    It fingerprints everything that can change a row: the whole game (see
    :func:`game_fingerprint`), the design, the fixed values, the options and
    the package version.
    """
    return {
        "version": __version__,
        # The game's content, not its path: the same file resumes under another
        # path (./g.toml, /abs/g.toml, a reinstalled bundled game).
        "game_sha256": game_fingerprint(spec.game),
        "design": spec.design.describe(),
        "fixed": {k: repr(v) for k, v in sorted(spec.fixed.items())},
        "outcomes": list(spec.outcomes),
        "equilibria": spec.mode,
        "chunk_size": spec.chunk_size,
        "select": spec.select,
        "periods": spec.n_periods if spec.is_dynamic else None,
    }


def game_fingerprint(game) -> str:
    """SHA-256 of a loaded game: players, strategies, payoffs, parameters with
    their bounds, outcomes with their definitions and masks, tree structure.

    Only the file name (``source``) is left out, so a moved file still
    resumes; any edit to its content gives another fingerprint.
    """
    text = json.dumps(_canonical(game), separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value):
    """A JSON-ready, deterministic image of a game's data (dataclasses, arrays, sympy)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "source"}
        return [type(value).__name__, fields]
    if isinstance(value, np.ndarray):
        return [str(value.dtype), list(value.shape), [_canonical(v) for v in value.ravel().tolist()]]
    if isinstance(value, Mapping):
        return [[_canonical(k), _canonical(v)] for k, v in value.items()]  # order matters: columns follow it
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, np.generic):
        return _canonical(value.item())
    if isinstance(value, float):
        return repr(value)  # exact, and NaN or inf stay valid JSON
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, sympy.Basic):
        return [type(value).__name__, str(value)]
    return [type(value).__name__, repr(value)]


def check_workers(workers, source: str = "workers") -> int:
    """``workers`` as a number of local processes, at most
    :data:`~gametheory_re.limits.MAX_WORKERS_PER_CPU` per CPU core.

    Raises
    ------
    GameFileError
        Naming ``source`` (``workers`` in Python, ``--workers`` on the command line).
    """
    return check_integer(source, workers, 1, max_workers(), why=f"{MAX_WORKERS_PER_CPU} per CPU core")


def max_workers() -> int:
    """The most local workers a sweep may start on this machine."""
    return MAX_WORKERS_PER_CPU * (os.cpu_count() or 1)


def table_columns(spec: SweepSpec) -> list[str]:
    """Column names of a sweep table, in order."""
    return [*spec.design.names, "label", "support", "n_equilibria", "n_pure", *spec.outcomes, *_selected_columns(spec),
            *long_run_columns(spec)]


def _selected_columns(spec: SweepSpec) -> list[str]:
    return [selected_column(name, spec.select) for name in spec.outcomes] if spec.select else []


def _nan_columns(spec: SweepSpec) -> list[str]:
    """Float columns where NaN says "none": the selected values, a dynamic game's first periods."""
    return _selected_columns(spec) + [c for c in long_run_columns(spec) if c.startswith("first_")]


def _integer_columns(spec: SweepSpec) -> list[str]:
    return ["n_equilibria", "n_pure"] + (["switches"] if spec.is_dynamic else [])


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
    overwrite: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int], None] | None = None,
    collect: bool = True,
    as_frame: bool | None = None,
    select: str | None = None,
    periods: int | None = None,
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
        The default ``"auto"`` searches all equilibria of 1- and 2-player
        games and of the 3-player games the batched solver covers
        (:func:`~gametheory_re.solvers.nplayer_batch.covers`), pure
        equilibria only otherwise; see
        :class:`~gametheory_re.sweeps.engine.SweepSpec`, whose
        ``mode_reason`` the summary's header states.
    out : path, optional
        Also write the rows to this ``.csv``, ``.jsonl`` or ``.parquet`` file
        (atomically; Parquet needs the ``parquet`` extra, pyarrow).
    resume : bool
        Continue an interrupted sweep to ``out`` from its finished chunks
        (those whose row count and checksum still match; others are
        computed again).
    overwrite : bool
        Replace an existing ``out``; by default an existing file is an error.
    workers : int
        Local worker processes, at most
        :data:`~gametheory_re.limits.MAX_WORKERS_PER_CPU` per CPU core.
    scheduler : str, optional
        Address of a dask.distributed scheduler to run the chunks on
        (needs the ``dask`` extra).
    chunk_size : int, optional
        Points per chunk (bounds memory); default :data:`DEFAULT_CHUNK`, or
        fewer when the game's payoffs at that many points would exceed
        :data:`~gametheory_re.limits.MAX_CHUNK_VALUES`.
    progress : callable, optional
        Called with the number of points finished after each chunk.
    collect : bool
        Return the table; ``False`` streams to ``out`` only (for sweeps too
        large for memory).  A table kept in memory may have at most
        :data:`~gametheory_re.limits.MAX_TABLE_POINTS` rows.
    as_frame : bool, optional
        Return a pandas DataFrame (the default) rather
        than a numpy structured array.
    select : {"first", "payoff_dominant", "risk_dominant"}, optional
        Also give, per outcome, its probability in the equilibrium this rule
        selects at each point (column ``OUTCOME@RULE``, NaN where the rule
        selects none; see :mod:`~gametheory_re.solvers.selection`).

    Returns
    -------
    numpy.ndarray or pandas.DataFrame or None
        One row per point (columns in the order of :func:`table_columns`):
        the varied parameters; ``label``, the equilibrium set with each
        mixing player's probabilities rounded to 2 decimals, e.g.
        ``(engage 0.20|decouple 0.80, supply 0.09|restrict 0.91)``, several
        equilibria joined by ``"; "``; ``support``, the same set by
        supports only, e.g. ``(engage|decouple, supply|restrict)``, equal to
        ``label`` where every equilibrium is pure (group or count regimes by
        this one: probabilities move from point to point within a regime);
        ``n_equilibria``; ``n_pure``; and, per outcome, ``"all"``,
        ``"some"``, ``"none"`` (holds in all / some / no equilibria found)
        or ``"unknown"`` (no equilibrium found); with ``select``, the
        selected columns.

    Examples
    --------
    >>> from gametheory_re.sweeps import sweep
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
    spec = make_spec(game, vary, samples, sample_params, seed, latin, params, outcomes, equilibria, chunk_size, select,
                     periods)
    if out is None and (resume or not collect):
        raise GameFileError("out", "", "resume=True and collect=False need an output file (out=)")
    if collect:
        check_table_size(spec)
    return run_spec(spec, out=out, resume=resume, overwrite=overwrite, workers=workers, scheduler=scheduler,
                    progress=progress, collect=collect, as_frame=as_frame).table


def check_table_size(spec: SweepSpec) -> None:
    """Refuse, before any work, a table too large to keep in memory
    (:data:`~gametheory_re.limits.MAX_TABLE_POINTS` rows).

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> check_table_size(make_spec(load_game("us_china"), ["rho=0:1:3000", "q=0.1:1:3000"]))
    Traceback (most recent call last):
        ...
    gametheory_re.errors.GameFileError: collect: 9000000 points; a table in memory may have at most 5000000 rows: ...
    """
    if spec.design.n_points > MAX_TABLE_POINTS:
        raise GameFileError(
            "collect", "", f"{spec.design.n_points} points; a table in memory may have at most {MAX_TABLE_POINTS} "
            "rows: pass out= (a .csv, .jsonl or .parquet file) and collect=False to stream the rows to a file",
        )


def run_spec(spec: SweepSpec, out=None, resume=False, workers=1, scheduler=None, progress=None, collect=True,
             as_frame=None, overwrite=False, keep=None, hint=OVERWRITE_HINT) -> SweepResult:
    """Run a checked sweep; see :func:`sweep`.

    Only the summary is kept when ``collect`` is False, so a sweep without
    ``out`` runs in bounded memory whatever its size.

    Parameters
    ----------
    keep : sequence of str, optional
        With ``collect``: keep only these columns (e.g. what a picture
        needs); all by default.
    hint : str
        How errors say to replace an existing ``out``.

    Returns
    -------
    SweepResult
        The table as :func:`sweep` returns it (None unless ``collect``) and
        the summary.
    """
    check_workers(workers)
    columns = table_columns(spec)
    kept = columns if keep is None else [c for c in columns if c in set(keep)]
    store = ChunkStore(out, manifest(spec), resume, overwrite, hint) if out is not None else None
    try:
        return _run(spec, store, workers, scheduler, progress, collect, as_frame, kept)
    finally:
        if store:
            store.close()


def _run(spec, store, workers, scheduler, progress, collect, as_frame, kept):
    pieces: dict[int, dict] = {}
    tally = Tally(spec)

    def count(index, table):
        tally.add(table)
        if collect:
            pieces[index] = {name: table[name] for name in kept}
        if progress:
            start, stop = spec.chunk_bounds(index)
            progress(stop - start)

    def on_chunk(index, table):
        if store:
            store.write(index, table)
        count(index, table)

    done = store.done(_chunk_rows(spec), spec.n_chunks) if store else set()
    for index in sorted(done):
        try:
            table = _read_chunk(store, index, spec)
        except (ValueError, KeyError, IndexError, TypeError):  # damaged despite its checksum: compute again
            store.discard(index)
            done.discard(index)
            continue
        count(index, table)
    run_chunks(spec, [i for i in range(spec.n_chunks) if i not in done], workers, on_chunk, scheduler)
    summary = tally.summary()
    if store:
        store.finish(table_columns(spec), spec.n_chunks)
        summary = dataclasses.replace(summary, recomputed_chunks=len(store.discarded))
    if not collect:
        return SweepResult(None, summary, spec)
    joined = {name: np.concatenate([pieces[i][name] for i in range(spec.n_chunks)]) for name in kept}
    return SweepResult(to_table(joined, spec, as_frame), summary, spec)


def _chunk_rows(spec: SweepSpec) -> Callable[[int], int]:
    def rows(index: int) -> int:
        start, stop = spec.chunk_bounds(index)
        return stop - start
    return rows


def _read_chunk(store: ChunkStore, index: int, spec: SweepSpec) -> dict[str, np.ndarray]:
    path = store.chunk_path(index)
    columns = table_columns(spec)
    if store.fmt == "parquet":
        values = parquet.read_chunk(path, columns)
        n_rows = len(values[columns[0]])
    else:
        with open(path, encoding="utf-8", newline="") as handle:
            if store.fmt == "jsonl":
                rows = [json.loads(line) for line in handle]
                values = {c: [r[c] for r in rows] for c in columns}
            else:
                rows = list(csv.reader(handle))
                if any(len(r) != len(columns) for r in rows):
                    raise ValueError("a row has the wrong number of cells")
                values = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
        n_rows = len(rows)
    start, stop = spec.chunk_bounds(index)
    if n_rows != stop - start:
        raise ValueError("wrong number of rows")
    out = {}
    nan_columns, integer_columns = _nan_columns(spec), _integer_columns(spec)
    for name in columns:
        if name in spec.design.names:
            out[name] = np.array(values[name], dtype=float)
        elif name in nan_columns:
            # Empty CSV cells and JSON nulls are NaN: no equilibrium selected, an outcome never held.
            out[name] = np.array([np.nan if v in ("", None) else v for v in values[name]], dtype=float)
        elif name in integer_columns:
            out[name] = np.array(values[name], dtype=np.int64)
        else:
            out[name] = np.array(values[name], dtype=object)
            if name in spec.outcomes and not set(out[name].tolist()) <= set(STATUSES):
                raise ValueError(f"column {name!r} has a value that is not an outcome status")
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
    floats, integers = set(spec.design.names) | set(_nan_columns(spec)), set(_integer_columns(spec))
    dtype = [(name, float if name in floats else (np.int64 if name in integers else object)) for name in columns]
    table = np.empty(len(next(iter(columns.values()))), dtype=dtype)
    for name, values in columns.items():
        table[name] = values
    return table


__all__ = ["STATUSES", "check_selection", "check_table_size", "check_workers", "design_spec", "game_fingerprint", "make_spec",
           "manifest", "max_workers", "run_spec",
           "sweep", "to_table"]
