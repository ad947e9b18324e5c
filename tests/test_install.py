"""The installed package is the whole package, and it is what the tests import.

These tests compare the installed distribution's file list (its ``RECORD``,
read through ``importlib.metadata``) with the checkout: every ``.py`` under
``gametheory_re/`` and every bundled game under ``games/`` must be installed,
and nothing else importable may be.  They only mean something when the tests
import an installed, non-editable package (what ``.ci/run`` does); elsewhere
they skip, and under ``CI=true`` they fail.
"""

import importlib.metadata
import json
from pathlib import Path

import gametheory_re
from gametheory_re.formats import SUFFIXES, bundled_games, games_dir

from _support import CHECKOUT, missing

IMPORTED = Path(gametheory_re.__file__).resolve().parent
SOURCE = CHECKOUT / "gametheory_re"


def require_installed_package():
    """Skip (fail under CI) unless the imported gametheory_re is installed, not the source tree."""
    # A virtual environment inside the checkout (.venv/) holds an installed package too.
    if IMPORTED.is_relative_to(CHECKOUT.resolve()) and "site-packages" not in IMPORTED.parts:
        missing(f"gametheory_re is imported from the source tree {IMPORTED}, not an installed package")


def installed_distribution():
    """The non-editable distribution the imported gametheory_re comes from, or a skip/failure."""
    require_installed_package()
    for dist in importlib.metadata.distributions(name="gametheory_re"):
        if any(Path(dist.locate_file(f)).resolve() == IMPORTED / "__init__.py" for f in dist.files or ()):
            direct = json.loads(dist.read_text("direct_url.json") or "{}")
            if direct.get("dir_info", {}).get("editable"):
                missing(f"gametheory_re is installed editable from {direct.get('url')}")
            return dist
    missing(f"no installed distribution holds the imported {IMPORTED}")


def checkout_games() -> set:
    return {p.name for p in (CHECKOUT / "games").iterdir() if p.suffix in SUFFIXES}


def expected_files() -> set:
    """What a complete install holds, relative to site-packages."""
    modules = {f"gametheory_re/{p.relative_to(SOURCE).as_posix()}" for p in SOURCE.rglob("*.py")}
    return modules | {f"gametheory_re/games/{name}" for name in checkout_games()}


def test_gametheory_re_is_imported_from_outside_the_checkout():
    require_installed_package()


def test_every_module_and_game_of_the_checkout_is_installed():
    installed = {str(f) for f in installed_distribution().files}
    expected = expected_files()
    assert expected - installed == set(), "in the checkout but not installed"
    extra = {f for f in installed if f.startswith("gametheory_re/") and f.endswith((".py", *SUFFIXES))}
    assert extra - expected == set(), "installed but not in the checkout (a stale build?)"


def test_bundled_games_are_found_in_the_installed_package():
    installed_distribution()
    assert games_dir().resolve() == IMPORTED / "games"
    assert {p.name for p in bundled_games()} == checkout_games()
