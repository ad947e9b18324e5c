"""Sweep tables to CSV or JSON Lines, safely for long runs.

Each finished chunk is written, atomically, to its own file in a folder
``OUT.parts`` beside the output, with a manifest describing the sweep.  Only
when every chunk is done are they joined into a temporary file that is then
renamed to ``OUT``.  An interrupted sweep therefore never leaves a truncated
file that looks complete, and ``resume`` picks up the finished chunks.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Mapping

import numpy as np

from ..atomic import atomic_write_text, replacing
from ..errors import GameFileError

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def output_format(path) -> str:
    """``"csv"`` or ``"jsonl"`` from the file name."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise GameFileError(str(path), "", "the sweep output must end in .csv or .jsonl")
    return FORMATS[suffix]


def _text_column(values: np.ndarray, fmt: str) -> list[str]:
    """One column as text cells, each distinct value encoded once.

    Grid columns and labels repeat a few values many times, so encoding the
    distinct values and indexing is much faster than encoding every cell.
    """
    values = np.asarray(values)
    distinct, inverse = np.unique(values, return_inverse=True)
    if values.dtype.kind == "f":
        # repr is the shortest text that reads back as the same double.
        missing = "null" if fmt == "jsonl" else ""
        cells = [repr(v) if np.isfinite(v) else missing for v in distinct.tolist()]
    elif values.dtype.kind in "iub":
        cells = [str(v) for v in distinct.tolist()]
    else:
        encode = json.dumps if fmt == "jsonl" else _csv_cell
        cells = [encode(str(v)) for v in distinct.tolist()]
    return np.array(cells, dtype=object)[inverse.ravel()].tolist()


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def format_rows(table: Mapping[str, np.ndarray], fmt: str) -> str:
    """The rows of a table as CSV (without header) or JSON Lines text."""
    names = list(table)
    columns = [_text_column(table[n], fmt) for n in names]
    if not columns or not columns[0]:
        return ""
    if fmt == "jsonl":
        template = "{" + ", ".join(json.dumps(n) + ": %s" for n in names) + "}"
        return "\n".join(template % row for row in zip(*columns)) + "\n"
    return "\n".join(map(",".join, zip(*columns))) + "\n"


def csv_header(names) -> str:
    """The CSV header line."""
    return ",".join(names) + "\n"


class ChunkStore:
    """Chunk files of one sweep on their way to ``out``.

    Parameters
    ----------
    out : path
        The final output file (``.csv`` or ``.jsonl``).
    manifest : dict
        JSON-ready description of the sweep (game, design, settings); a
        resumed sweep must have the same.
    resume : bool
        Reuse the chunks of an interrupted run of the same sweep.
    """

    def __init__(self, out, manifest: dict, resume: bool):
        self.out = Path(out)
        self.fmt = output_format(self.out)
        if not self.out.parent.is_dir():
            raise GameFileError(str(out), "", "the output folder does not exist")
        self.parts = self.out.with_name(self.out.name + ".parts")
        self.manifest = manifest
        manifest_path = self.parts / "manifest.json"
        if self.parts.exists():
            if not resume:
                raise GameFileError(
                    str(self.parts), "",
                    "an interrupted sweep left its finished chunks here: add --resume to finish it, "
                    "or delete this folder to start again",
                )
            try:
                previous = json.loads(manifest_path.read_text())
            except (OSError, ValueError):
                previous = None
            if previous != manifest:
                raise GameFileError(
                    str(self.parts), "manifest.json",
                    "the interrupted sweep here was made with other settings (game, grid, outcomes or "
                    "chunk size); delete this folder to start again",
                )
        else:
            self.parts.mkdir()
            atomic_write_text(manifest_path, json.dumps(manifest, indent=1, sort_keys=True))

    def chunk_path(self, index: int) -> Path:
        """File of chunk ``index``."""
        return self.parts / f"{index:08d}.{self.fmt}"

    def done(self) -> set[int]:
        """Indices of the chunks already written."""
        return {int(p.stem) for p in self.parts.glob(f"*.{self.fmt}") if p.stem.isdigit()}

    def write(self, index: int, table: Mapping[str, np.ndarray]) -> None:
        """Write one chunk, atomically."""
        atomic_write_text(self.chunk_path(index), format_rows(table, self.fmt))

    def finish(self, columns, n_chunks: int) -> None:
        """Join the chunks into ``out`` (through a temporary file) and remove the parts."""
        missing = [i for i in range(n_chunks) if not self.chunk_path(i).exists()]
        if missing:
            raise RuntimeError(f"chunks {missing[:5]} are missing")  # the engine wrote them all
        with replacing(self.out) as handle:
            if self.fmt == "csv":
                handle.write(csv_header(columns))
            for i in range(n_chunks):
                with open(self.chunk_path(i), encoding="utf-8") as part:
                    shutil.copyfileobj(part, handle)
        shutil.rmtree(self.parts)
