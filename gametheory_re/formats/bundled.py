"""The games bundled with the package, and game names resolved to their files."""

from __future__ import annotations

from pathlib import Path

#: Suffixes of the game files this package reads.
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
