"""Sweep chunks as Parquet (through pyarrow, an optional dependency).

A chunk is one small Parquet file; the finished output is the chunks'
tables written as one row group each.  Column types: parameters
``float64``, ``n_equilibria`` and ``n_pure`` ``int64``, the label, the
support and the outcome statuses strings, dictionary-encoded (the engine's codes are the
dictionary indices, so no row is turned into text).
"""

from __future__ import annotations

import io
from typing import IO, Mapping, Sequence

import numpy as np

from ..errors import GameFileError

#: What to run when pyarrow is missing.
INSTALL_HINT = "Parquet output needs pyarrow: pip install '.[parquet]'"


def need_pyarrow(path) -> None:
    """Refuse a Parquet ``path`` (naming the ``out`` argument) when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise GameFileError("out", str(path), INSTALL_HINT) from None


def _arrow_table(table: Mapping[str, np.ndarray]):
    """The chunk as a pyarrow Table, built from numpy buffers.

    Not through ``pyarrow.array``: its first call imports pandas (a fifth
    of a second), which the command line otherwise never needs.
    """
    import pyarrow as pa

    coded = getattr(table, "codes", {})
    arrays = {}
    for name, values in table.items():
        values = np.asarray(values)
        if name in coded:
            arrays[name] = _dictionary(*coded[name])
        elif values.dtype.kind in "OUS":
            lookup, codes = np.unique(np.array([str(v) for v in values.tolist()], dtype=object), return_inverse=True)
            arrays[name] = _dictionary(codes.ravel(), lookup.tolist())
        else:
            kind, dtype = (pa.int64(), np.int64) if values.dtype.kind in "iub" else (pa.float64(), np.float64)
            data = np.ascontiguousarray(values, dtype=dtype)
            arrays[name] = pa.Array.from_buffers(kind, len(data), [None, pa.py_buffer(data)])
    return pa.table(arrays)


def _dictionary(codes, lookup):
    """``lookup[codes]`` as a dictionary-encoded string array."""
    import pyarrow as pa

    encoded = [str(v).encode("utf-8") for v in lookup]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    strings = pa.Array.from_buffers(pa.string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])
    indices = np.ascontiguousarray(codes, dtype=np.int32)
    return pa.DictionaryArray.from_buffers(pa.dictionary(pa.int32(), pa.string()), len(indices),
                                           [None, pa.py_buffer(indices)], dictionary=strings)


def chunk_bytes(table: Mapping[str, np.ndarray]) -> bytes:
    """One chunk's table as the bytes of a Parquet file."""
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(_arrow_table(table), buffer)
    return buffer.getvalue()


def read_chunk(path, columns: Sequence[str]) -> dict[str, np.ndarray]:
    """A chunk file's columns as numpy arrays (text columns as object arrays).

    Raises
    ------
    ValueError
        If the file is not Parquet or its columns are not ``columns``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path).read()  # not read_table: its dataset layer imports pandas
    except (pa.ArrowException, OSError) as exc:
        raise ValueError(f"not a readable Parquet chunk: {exc}") from None
    if table.column_names != list(columns):
        raise ValueError("the chunk's columns are not the sweep's")
    out = {}
    for name in columns:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = column.cast(pa.string())
        if pa.types.is_string(column.type):
            out[name] = np.array(column.to_pylist(), dtype=object)
        else:
            out[name] = column.to_numpy()
    return out


def join_chunks(paths: Sequence, handle: IO[bytes]) -> None:
    """Write the chunk files, in order, to ``handle`` as one Parquet file, a row group per chunk."""
    import pyarrow.parquet as pq

    writer = None
    try:
        for path in paths:
            table = pq.ParquetFile(path).read()
            if writer is None:
                writer = pq.ParquetWriter(handle, table.schema)
            writer.write_table(table, row_group_size=max(1, table.num_rows))
    finally:
        if writer is not None:
            writer.close()


__all__ = ["INSTALL_HINT", "chunk_bytes", "join_chunks", "need_pyarrow", "read_chunk"]
