"""Errors a user can cause, each with one message that names where and what."""

from __future__ import annotations

import unicodedata

#: Unicode categories that do not print: controls (ESC, BEL, CR...), format
#: characters (bidirectional overrides, zero-width joiners), surrogates,
#: private use, and line/paragraph separators.  Sent to a terminal they can
#: move the cursor, clear the screen or set the window title.
UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def is_unprintable(char: str) -> bool:
    """True for a character that must not reach a terminal raw (see :data:`UNPRINTABLE_CATEGORIES`)."""
    return unicodedata.category(char) in UNPRINTABLE_CATEGORIES


def escape_unprintable(text: str) -> str:
    """``text`` with every unprintable character written as a Python escape (``\\x1b``, ``\\u202e``).

    Printable text, backslashes included, is left as it is, so escaping twice
    changes nothing.

    Examples
    --------
    >>> escape_unprintable("a\\x1b]0;title\\x07b")
    'a\\\\x1b]0;title\\\\x07b'
    """
    if text.isprintable():  # the common case, and fast
        return text
    return "".join(repr(c)[1:-1] if is_unprintable(c) else c for c in text)


def first_unprintable(text: str, allowed: str = "") -> str | None:
    """The first unprintable character of ``text`` not in ``allowed``, or None."""
    if text.isprintable():
        return None
    return next((c for c in text if c not in allowed and is_unprintable(c)), None)


class GameError(Exception):
    """Base class of every error the tool reports to a user without a traceback.

    Its text never holds unprintable characters: any that came from the input
    are escaped (see :func:`escape_unprintable`), so that printing an error
    cannot send control sequences to the terminal.
    """

    def __str__(self) -> str:
        return escape_unprintable(super().__str__())


class GameFileError(GameError):
    """A game file, or a value given for it, is not what the format expects.

    Parameters
    ----------
    source : str
        The file (or ``"--set"``, ``"<string>"``) the bad input came from.
    key : str
        Dotted path of the offending key inside the file, e.g.
        ``"parameters.K.default"``; empty when the whole file is at fault.
    message : str
        What was found and what is expected instead.
    """

    def __init__(self, source: str, key: str, message: str):
        self.source = str(source)
        self.key = key
        self.message = message
        where = f"{self.source}: {key}: " if key else f"{self.source}: "
        super().__init__(where + message)


class UnsupportedError(GameError):
    """The request is valid but outside what the chosen solver can do."""
