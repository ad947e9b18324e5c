"""Reading game files: bounded, UTF-8, every failure one clear error."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import GameFileError
from ..limits import MAX_FILE_BYTES


def read_game_text(path) -> str:
    """The text of a game file, checked before and while reading.

    The size is checked before reading, and no more than the limit is ever
    read (``stat`` can understate: pipes, a file still growing).  A UTF-8
    byte-order mark is accepted.

    Raises
    ------
    GameFileError
        If the file is missing, not a regular file, larger than
        :data:`~gametheory_re.limits.MAX_FILE_BYTES`, or not UTF-8 (naming
        the line).
    """
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise GameFileError(source, "", "no such file (cannot read it)")
    if not path.is_file():
        raise GameFileError(source, "", "not a file")
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise GameFileError(source, "", f"file is {size} bytes; game files may be at most {MAX_FILE_BYTES} bytes")
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise GameFileError(source, "", f"cannot read the file: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise GameFileError(source, "", f"file is larger than {MAX_FILE_BYTES} bytes; game files may be at most that")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise GameFileError(source, f"line {line}", f"not UTF-8 text (byte {error.start})") from None
