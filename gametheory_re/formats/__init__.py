"""Game file formats: this project's TOML and Gambit's ``.nfg`` and ``.efg``.

:func:`load_game` reads either into a
:class:`~gametheory_re.parametric.ParametricGame`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import GameFileError
from ..parametric import ParametricGame
from ..trees.parametric import ParametricTree
from .bundled import SUFFIXES, bundled_games, games_dir, resolve
from .efg import load_efg, write_efg
from .nfg import load_nfg, write_nfg
from .numeric import from_game_tree, from_normal_form
from .toml_game import read_toml_game
from .toml_tree import load_toml


def _no_such_game(name: str) -> GameFileError:
    """The error for a name that is neither a file nor a bundled game, with the closest bundled names."""
    names = [p.stem for p in bundled_games()]
    close = difflib.get_close_matches(Path(name).stem, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return GameFileError(
        name, "", f"no such file, and no bundled game has this name{hint} ('gtre list' lists the bundled games)"
    )


def load_game(name_or_path) -> ParametricGame | ParametricTree:
    """Load a game from a ``.toml``, Gambit ``.nfg`` or ``.efg`` file, or a bundled game by name.

    Parameters
    ----------
    name_or_path : str or pathlib.Path

    Returns
    -------
    ParametricGame or ParametricTree
        A tree for sequential games (``[sequential]`` or ``[tree]`` files,
        ``.efg``); Gambit games have no parameters.

    Raises
    ------
    GameFileError

    Examples
    --------
    >>> from gametheory_re import load_game
    >>> game = load_game("us_china")          # a bundled game; or a path to a file
    >>> game.players, game.strategies
    (('US', 'China'), (('engage', 'decouple'), ('supply', 'restrict')))
    >>> type(load_game("us_japan_china_sequential")).__name__
    'ParametricTree'
    """
    path = resolve(name_or_path)
    if not path.exists():
        if path.parent == Path("."):
            raise _no_such_game(str(name_or_path))
        raise GameFileError(str(path), "", "no such file (cannot read it)")
    if path.suffix == ".toml":
        return load_toml(path)
    if path.suffix == ".nfg":
        return from_normal_form(load_nfg(path), source=str(path))
    if path.suffix == ".efg":
        return from_game_tree(load_efg(path), source=str(path))
    raise GameFileError(str(path), "", "unknown game format; expected a .toml game file or a Gambit .nfg or .efg file")


__all__ = [
    "SUFFIXES",
    "bundled_games",
    "from_normal_form",
    "games_dir",
    "load_game",
    "load_efg",
    "load_nfg",
    "read_toml_game",
    "resolve",
    "write_efg",
    "write_nfg",
]
