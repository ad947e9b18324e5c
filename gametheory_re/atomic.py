"""Write output files so that a reader never sees a half-written file.

Every file the tool writes goes through :func:`replacing`, the one place
that turns an operating-system failure (read-only filesystem, permission
denied, missing folder, full disk) into a one-line
:class:`~gametheory_re.errors.GameFileError` naming the path and the reason.
:func:`check_target` makes the same checks before a long computation, so
no work is lost to an output that cannot be written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from .errors import GameFileError

#: How the Python API says to replace an existing file; the CLI says ``add --force``.
OVERWRITE_HINT = "pass overwrite=True"


def write_error(path, exc: OSError) -> GameFileError:
    """The one-line error for an ``OSError`` met while writing ``path``."""
    return GameFileError(str(path), "", f"cannot write the file: {exc.strerror or exc}")


def _exists_error(path, hint: str) -> GameFileError:
    return GameFileError(str(path), "", f"the file exists; {hint} to replace it")


def check_target(path, overwrite: bool = True, hint: str = OVERWRITE_HINT) -> Path:
    """Refuse, before any work, an output file that :func:`replacing` could not write.

    Checks that ``path`` is not a folder, that it does not exist unless
    ``overwrite``, and that its folder exists and accepts a new file (by
    creating and removing a temporary one: permission bits alone say nothing
    for root or on a read-only mount).

    Parameters
    ----------
    path : str or pathlib.Path
    overwrite : bool
        Allow replacing an existing file.
    hint : str
        What the user must do to replace an existing file, e.g.
        ``"add --force"``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    GameFileError
        Naming ``path`` and the reason.
    """
    path = Path(path)
    if path.is_dir():
        raise GameFileError(str(path), "", "is a folder; give a file name")
    if not overwrite and os.path.lexists(path):
        raise _exists_error(path, hint)
    folder = path.parent
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise GameFileError(str(path), "", f"cannot write the file: the folder {str(folder)!r} {reason}")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise write_error(path, exc) from None
    return path


@contextlib.contextmanager
def replacing(path, mode: str = "w", overwrite: bool = True, hint: str = OVERWRITE_HINT) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    An error (or interruption) inside the block removes the temporary file
    and leaves the old ``path``, if any, intact.  The new file gets the usual
    permissions (``0666`` less the umask), not ``mkstemp``'s private ``0600``.
    The data is flushed to disk (``fsync``) before the rename and the folder
    after it, so a crash never leaves a renamed but empty file.

    Parameters
    ----------
    path : str or pathlib.Path
    mode : {"w", "wb"}
        Text (UTF-8) or binary.
    overwrite : bool
        Replace an existing ``path``; if False, an existing file is an error.
    hint : str
        See :func:`check_target`.

    Raises
    ------
    GameFileError
        If the file cannot be written (any ``OSError``: no such folder,
        permission denied, read-only filesystem, disk full...), or it exists
        and ``overwrite`` is False.
    """
    path = Path(path)
    if not overwrite and os.path.lexists(path):
        raise _exists_error(path, hint)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise write_error(path, exc) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite and os.path.lexists(path):  # appeared while we wrote
            raise _exists_error(path, hint)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise
    sync_folder(path.parent)


def sync_folder(folder) -> None:
    """``fsync`` a folder so a rename in it survives a crash (where supported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some systems cannot fsync a folder; the rename is still atomic
        pass
    finally:
        os.close(fd)


def atomic_write_text(path, text: str, overwrite: bool = True, hint: str = OVERWRITE_HINT) -> None:
    """Write ``text`` to ``path`` through :func:`replacing`."""
    with replacing(path, overwrite=overwrite, hint=hint) as handle:
        handle.write(text)
