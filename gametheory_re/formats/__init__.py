"""Game file formats: this project's TOML and Gambit's ``.nfg``.

:func:`load_game` reads either into a
:class:`~gametheory_re.parametric.ParametricGame`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import numpy as np

from ..errors import GameFileError, escape_unprintable
from ..trees.model import GameTree
from ..trees.parametric import ParametricTree
from ..normal_form import NormalFormGame
from ..parametric import Outcome, ParametricGame, to_rational
from .efg import load_efg, write_efg
from .nfg import load_nfg, write_nfg
from .toml_game import read_toml_game
from .toml_tree import load_toml

SUFFIXES = (".toml", ".nfg", ".efg")


def games_dir() -> Path:
    """Folder of the games bundled with the package."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "games", package.parent / "games"):
        if candidate.is_dir():
            return candidate
    return package / "games"


def bundled_games() -> list[Path]:
    """Paths of the bundled games, sorted by name."""
    folder = games_dir()
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES) if folder.is_dir() else []


def resolve(name_or_path) -> Path:
    """A path as given, or the bundled game of that name (``us_china`` or ``us_china.toml``)."""
    path = Path(name_or_path)
    if path.exists() or path.parent != Path("."):
        return path
    for candidate in bundled_games():
        if str(name_or_path) in (candidate.name, candidate.stem):
            return candidate
    return path


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


def _rationals(values: np.ndarray, source: str) -> np.ndarray:
    """Exact sympy numbers for float payoffs: each the decimal it prints as."""
    exact = np.empty(values.shape, dtype=object)
    for index, value in np.ndenumerate(values):
        exact[index] = to_rational(float(value), source, "payoffs")
    return exact


def from_normal_form(game: NormalFormGame, source: str = "<game>") -> ParametricGame:
    """Wrap a numeric game as a parametric game without parameters."""
    exact = game.exact_payoffs if game.exact_payoffs is not None else _rationals(game.payoffs, source)
    outcomes = {name: Outcome(name, "", "", np.asarray(mask, dtype=bool)) for name, mask in game.outcomes.items()}
    return ParametricGame(
        title=game.title,
        players=game.players,
        strategies=game.strategies,
        payoffs=exact,
        outcomes=outcomes,
        source=escape_unprintable(source),
    )


def from_game_tree(tree: GameTree, source: str = "<tree>") -> ParametricTree:
    """Wrap a numeric tree (e.g. read from ``.efg``) as a parametric tree without parameters."""
    exact = tree.exact_payoffs if tree.exact_payoffs is not None else _rationals(tree.payoffs, source)
    probabilities = tree.exact_probabilities or {
        node: tuple(to_rational(float(p), source, "probabilities") for p in ps) for node, ps in tree.probabilities.items()
    }
    return ParametricTree(
        title=tree.title,
        players=tree.players,
        nodes=tree.nodes,
        infosets=tree.infosets,
        payoffs=exact,
        probabilities=dict(probabilities),
        source=escape_unprintable(source),
    )


__all__ = [
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
