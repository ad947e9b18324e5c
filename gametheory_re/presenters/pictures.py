"""The picture formats every ``--plot`` writes (tree pictures and sweep maps alike).

Kept apart from the drawing modules so that options can be checked without
importing matplotlib.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GameFileError

#: File suffix -> matplotlib format, for every picture the tool draws.
PICTURE_FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def picture_format(path) -> str:
    """The matplotlib format for ``path`` from its suffix (any case).

    Raises
    ------
    GameFileError
        If the suffix is not one of :data:`PICTURE_FORMATS`.
    """
    fmt = PICTURE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise GameFileError(str(path), "", "the picture must be a " + ", ".join(PICTURE_FORMATS) + " file")
    return fmt


def reproducible_metadata(fmt: str) -> dict:
    """``savefig`` metadata without the creation date, so equal pictures are equal files."""
    return {"svg": {"Date": None}, "pdf": {"CreationDate": None}}.get(fmt, {})
