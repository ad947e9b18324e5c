"""Sweep tables to CSV, JSON Lines or Parquet, safely for long runs.

Each finished chunk is written, atomically, to its own file in a folder
``OUT.parts`` beside the output, with a manifest describing the sweep.  Only
when every chunk is done are they joined into a temporary file that is then
renamed to ``OUT``.  An interrupted sweep therefore never leaves a truncated
file that looks complete, and ``resume`` picks up the finished chunks: those
whose recorded row count and SHA-256 still match (the others are computed
again).  A lock beside ``OUT`` keeps a second sweep from writing it at the
same time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from ..atomic import OVERWRITE_HINT, atomic_write_text, check_target, replacing, write_error
from ..errors import GameFileError
from . import parquet

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def output_format(path) -> str:
    """``"csv"``, ``"jsonl"`` or ``"parquet"`` from the file name.

    Raises
    ------
    GameFileError
        For another suffix, or a Parquet file without pyarrow installed.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GameFileError(str(path), "", "the sweep output must end in .csv, .jsonl or .parquet")
    if FORMATS[suffix] == "parquet":
        parquet.need_pyarrow(path)
    return FORMATS[suffix]


def chunk_bytes(table: Mapping[str, np.ndarray], fmt: str) -> bytes:
    """The bytes of one chunk file: rows as text, or a Parquet file."""
    if fmt == "parquet":
        return parquet.chunk_bytes(table)
    return format_rows(table, fmt).encode("utf-8")


#: Adjacent columns are written as one when they have at most this many
#: combinations of distinct cells (labels, counts and statuses usually do):
#: fewer, longer cells per row to join.
MERGE_LIMIT = 4096


def _text_column(values: np.ndarray, fmt: str, coded=None) -> tuple[list[str], np.ndarray]:
    """One column as its distinct text cells and each row's index into them.

    Grid columns and labels repeat a few values many times, so encoding the
    distinct values once is much faster than encoding every cell.
    ``coded`` is ``(codes, lookup)`` when the engine already has the column
    as codes (see :class:`~gametheory_re.sweeps.engine.CodedTable`).
    """
    if coded is not None:
        codes, lookup = coded
        encode = json.dumps if fmt == "jsonl" else _csv_cell
        return [encode(str(v)) for v in lookup], np.asarray(codes)
    values = np.asarray(values)
    if values.dtype.kind == "f":
        # Distinct by bit pattern, so 0.0 and -0.0 keep their own text;
        # repr is the shortest text that reads back as the same double.
        exact = np.ascontiguousarray(values, dtype=np.float64).ravel()
        bits, first, inverse = np.unique(exact.view(np.int64), return_index=True, return_inverse=True)
        missing = "null" if fmt == "jsonl" else ""
        return [repr(v) if np.isfinite(v) else missing for v in exact[first].tolist()], inverse.ravel()
    distinct, inverse = np.unique(values, return_inverse=True)
    if values.dtype.kind in "iub":
        return [str(v) for v in distinct.tolist()], inverse.ravel()
    encode = json.dumps if fmt == "jsonl" else _csv_cell
    return [encode(str(v)) for v in distinct.tolist()], inverse.ravel()


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_rows(table: Mapping[str, np.ndarray], fmt: str) -> str:
    """The rows of a table as CSV (without header) or JSON Lines text.

    Each column's distinct cells are encoded once, with what comes before
    and after them in a row (separators, JSON keys); adjacent columns with
    few combinations become one; then every row's cells are picked by index
    into one array and joined in a single call.
    """
    names = list(table)
    if not names or not len(table[names[0]]):
        return ""
    coded = getattr(table, "codes", {})
    if fmt == "jsonl":
        before = ["{" if j == 0 else ", " for j in range(len(names))]
        before = [b + json.dumps(n) + ": " for b, n in zip(before, names)]
        after = [""] * (len(names) - 1) + ["}\n"]
    else:
        before = [""] * len(names)
        after = [","] * (len(names) - 1) + ["\n"]
    groups: list[tuple[list[str], np.ndarray]] = []
    for j, name in enumerate(names):
        cells, codes = _text_column(table[name], fmt, coded.get(name))
        cells = [before[j] + c + after[j] for c in cells]
        if groups and len(groups[-1][0]) * len(cells) <= MERGE_LIMIT:
            left, left_codes = groups[-1]
            groups[-1] = ([a + b for a in left for b in cells], left_codes * len(cells) + codes)
        else:
            groups.append((cells, codes))
    flat = np.empty((len(groups[0][1]), len(groups)), dtype=object)
    for j, (cells, codes) in enumerate(groups):
        flat[:, j] = np.array(cells, dtype=object)[codes]
    return "".join(flat.ravel().tolist())


def csv_header(names) -> str:
    """The CSV header line."""
    return ",".join(names) + "\n"


class ChunkStore:
    """Chunk files of one sweep on their way to ``out``.

    Each chunk ``NNNNNNNN.csv`` (or ``.jsonl``, ``.parquet``) has a sidecar
    ``NNNNNNNN.csv.sum`` with its row count and SHA-256; both are written
    atomically and flushed to disk.  On resume a chunk whose file or sidecar
    is missing, unreadable or does not match is deleted and computed again.
    While the store is open it holds an exclusive lock on ``.OUT.lock``
    beside ``out``, so two sweeps never write one output at once.

    Parameters
    ----------
    out : path
        The final output file (``.csv``, ``.jsonl`` or ``.parquet``).
    manifest : dict
        JSON-ready description of the sweep (game, design, settings); a
        resumed sweep must have the same.
    resume : bool
        Reuse the chunks of an interrupted run of the same sweep.
    overwrite : bool
        Replace an existing ``out``.
    hint : str
        What to do to replace an existing ``out`` (see
        :func:`~gametheory_re.atomic.check_target`).
    """

    def __init__(self, out, manifest: dict, resume: bool, overwrite: bool = False, hint: str = OVERWRITE_HINT):
        self.out = Path(out)
        self.fmt = output_format(self.out)
        check_target(self.out, overwrite, hint)
        self.overwrite, self.hint = overwrite, hint
        self.parts = self.out.with_name(self.out.name + ".parts")
        self.manifest = manifest
        self.discarded: list[int] = []  # chunks found damaged on resume, computed again
        self._lock_path = self.out.with_name("." + self.out.name + ".lock")
        self._lock = _take_lock(self._lock_path, self.out)
        try:
            self._open(resume)
        except BaseException:
            self.close()
            raise

    def _open(self, resume: bool) -> None:
        manifest_path = self.parts / "manifest.json"
        if self.parts.exists():
            if not resume:
                raise GameFileError(
                    str(self.parts), "",
                    "an interrupted sweep left its finished chunks here: resume it (--resume, resume=True) "
                    "or delete this folder to start again",
                )
            try:
                previous = json.loads(manifest_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                previous = None
            if previous != self.manifest:
                raise GameFileError(
                    str(self.parts), "manifest.json",
                    "the interrupted sweep here was made with another game, grid, settings or package "
                    "version; delete this folder to start again",
                )
        else:
            try:
                self.parts.mkdir()
            except OSError as exc:
                raise write_error(self.parts, exc) from None
            atomic_write_text(manifest_path, json.dumps(self.manifest, indent=1, sort_keys=True))

    def close(self) -> None:
        """Release the lock (idempotent)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path)  # before unlocking: a waiter then sees a new file
            os.close(self._lock)
            self._lock = None

    def chunk_path(self, index: int) -> Path:
        """File of chunk ``index``."""
        return self.parts / f"{index:08d}.{self.fmt}"

    def _sum_path(self, index: int) -> Path:
        return self.parts / f"{index:08d}.{self.fmt}.sum"

    def done(self, rows_of: Callable[[int], int], n_chunks: int) -> set[int]:
        """Indices of the chunks already written and intact.

        A chunk is intact when its sidecar records ``rows_of(index)`` rows
        and the SHA-256 of the file; any other chunk file is deleted (see
        :meth:`discard`) so the sweep computes it again.
        """
        found = {int(p.name.split(".")[0]) for p in self.parts.iterdir()
                 if p.name.split(".")[0].isdigit() and len(p.name.split(".")[0]) == 8}
        good = set()
        for index in sorted(found):
            if index < n_chunks and self._intact(index, rows_of(index)):
                good.add(index)
            else:
                self.discard(index)
        return good

    def _intact(self, index: int, rows: int) -> bool:
        try:
            record = json.loads(self._sum_path(index).read_text(encoding="utf-8"))
            data = self.chunk_path(index).read_bytes()
        except (OSError, ValueError):
            return False
        return (isinstance(record, dict) and record.get("rows") == rows
                and record.get("sha256") == hashlib.sha256(data).hexdigest())

    def discard(self, index: int) -> None:
        """Delete chunk ``index`` (file and sidecar), to be computed again."""
        self.discarded.append(index)
        for path in (self.chunk_path(index), self._sum_path(index)):
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise write_error(path, exc) from None

    def write(self, index: int, table: Mapping[str, np.ndarray]) -> None:
        """Write one chunk and its sidecar, atomically and flushed to disk."""
        data = chunk_bytes(table, self.fmt)
        rows = len(next(iter(table.values()))) if table else 0
        with replacing(self.chunk_path(index), "wb") as handle:
            handle.write(data)
        record = {"rows": rows, "sha256": hashlib.sha256(data).hexdigest()}
        atomic_write_text(self._sum_path(index), json.dumps(record))

    def finish(self, columns, n_chunks: int) -> None:
        """Join the chunks into ``out`` (through a temporary file), remove the parts, unlock."""
        missing = [i for i in range(n_chunks) if not self.chunk_path(i).exists()]
        if missing:
            raise RuntimeError(f"chunks {missing[:5]} are missing")  # the engine wrote them all
        with replacing(self.out, "wb", overwrite=self.overwrite, hint=self.hint) as handle:
            if self.fmt == "parquet":  # one row group per chunk
                parquet.join_chunks([self.chunk_path(i) for i in range(n_chunks)], handle)
            else:
                if self.fmt == "csv":
                    handle.write(csv_header(columns).encode("utf-8"))
                for i in range(n_chunks):
                    with open(self.chunk_path(i), "rb") as part:
                        shutil.copyfileobj(part, handle)
        try:
            shutil.rmtree(self.parts)
        except OSError as exc:
            raise write_error(self.parts, exc) from None
        self.close()


def _take_lock(path: Path, out: Path) -> int | None:
    """An exclusive, non-blocking ``flock`` on ``path``; its file descriptor.

    None where the system has no ``flock`` (the sweep then runs unlocked).

    Raises
    ------
    GameFileError
        If another process holds the lock, or the lock file cannot be made.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise write_error(out, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise GameFileError(
                str(out), "", "another sweep is writing this file now; wait for it to end or choose another output"
            ) from None
        except OSError:  # a filesystem without locks
            os.close(fd)
            return None
        try:
            current = os.stat(path).st_ino
        except FileNotFoundError:
            current = None
        if current == os.fstat(fd).st_ino:
            return fd
        os.close(fd)  # the holder removed the file as we opened it: lock the new one
