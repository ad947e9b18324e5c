"""Errors a user can cause, each with one message that names where and what."""

from __future__ import annotations


class GameError(Exception):
    """Base class of every error the tool reports to a user without a traceback."""


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
