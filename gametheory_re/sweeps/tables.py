"""Reading a sweep table back (``--from``): the rows ``gtre sweep --out`` wrote, as a DataFrame.

Parameters are the columns before ``label``; text columns stay text (the
status ``none`` is not a missing value); columns of selected-equilibrium
probabilities (``OUTCOME@RULE``) are floats, empty or null where the rule
selected none.
"""

from __future__ import annotations

import os

import numpy as np
import pandas

from ..errors import GameFileError
from ..limits import MAX_TABLE_BYTES, MAX_TABLE_POINTS
from .output import output_format

#: Columns every sweep table has after its parameters.
FIXED_COLUMNS = ("label", "support", "n_equilibria", "n_pure")


def read_table(path) -> tuple[pandas.DataFrame, tuple[str, ...]]:
    """The rows of a sweep output file and the names of its parameter columns.

    Raises
    ------
    GameFileError
        Naming the file: missing, not a sweep table, too large (more than
        :data:`~gametheory_re.limits.MAX_TABLE_BYTES` or
        :data:`~gametheory_re.limits.MAX_TABLE_POINTS` rows), or a
        parameter value that is not a finite number.
    """
    name = str(path)
    fmt = output_format(path)
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise GameFileError(name, "", f"cannot read the table: {error.strerror}") from None
    if size > MAX_TABLE_BYTES:
        raise GameFileError(name, "", f"the table is {size} bytes; at most {MAX_TABLE_BYTES} are read")
    try:
        if fmt == "csv":
            frame = pandas.read_csv(path, dtype=str, keep_default_na=False, nrows=MAX_TABLE_POINTS + 1)
        elif fmt == "jsonl":
            frame = pandas.read_json(path, lines=True, dtype=False, nrows=MAX_TABLE_POINTS + 1)
        else:
            frame = pandas.read_parquet(path)
    except (ValueError, OSError, UnicodeDecodeError, pandas.errors.ParserError) as error:
        raise GameFileError(name, "", f"not a readable {fmt} sweep table: {str(error).splitlines()[0]}") from None
    if len(frame) > MAX_TABLE_POINTS:
        raise GameFileError(name, "", f"more than {MAX_TABLE_POINTS} rows; analyse a sample of them")
    if not len(frame):
        raise GameFileError(name, "", "the table has no rows")
    columns = [str(c) for c in frame.columns]
    missing = [c for c in FIXED_COLUMNS if c not in columns]
    if missing:
        raise GameFileError(name, missing[0], "missing: not a table written by gtre sweep --out")
    parameters = tuple(columns[: columns.index("label")])
    if not parameters:
        raise GameFileError(name, "label", "no parameter column before it: not a table written by gtre sweep --out")
    for column in columns:
        if column in parameters or "@" in column:
            frame[column] = _floats(frame[column], name, column, allow_missing=column not in parameters)
        elif frame[column].dtype != object and not isinstance(frame[column].dtype, pandas.CategoricalDtype):
            continue
        else:
            frame[column] = frame[column].astype(str).astype(object)
    return frame, parameters


def _floats(column: pandas.Series, name: str, key: str, allow_missing: bool) -> np.ndarray:
    text = column.astype(object).where(column.notna(), "")
    values = pandas.to_numeric(text.replace("", "nan"), errors="coerce").to_numpy(dtype=float)
    given = text.astype(str).str.strip().str.lower().isin(["", "nan", "none"])
    bad = np.isnan(values) & ~given.to_numpy()
    bad |= np.isinf(values)
    if not allow_missing:
        bad |= np.isnan(values)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise GameFileError(name, key, f"row {row + 1}: {str(column.iloc[row])[:40]!r} is not a finite number")
    return values


__all__ = ["FIXED_COLUMNS", "read_table"]
