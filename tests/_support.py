"""What a test needs and cannot find: a skip in a user's checkout, a failure in CI.

Some tests need things outside the package: the reference files in
``../shared/reference`` beside the checkout, or a test tool such as pygambit.
In a user's checkout a missing one skips the test with a reason naming what is
missing.  Under ``CI=true`` (the convention of CI services, set by ``.ci/run``)
the same test fails, so a CI run can never pass by silently testing less.

Importable from any test module as ``_support`` (setup.cfg's pytest
``pythonpath = tests``), which also works under ``--import-mode=importlib``.
"""

import importlib
import os
import shutil
import sys
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
REFERENCE = CHECKOUT.parent / "shared" / "reference"


def in_ci() -> bool:
    """Whether the environment says this is a CI run (``CI=true`` or ``CI=1``)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def missing(what: str):
    """Skip the running test because ``what`` is missing; fail instead under CI."""
    if in_ci():
        pytest.fail(f"{what} (CI=true: required, not skipped)", pytrace=False)
    pytest.skip(what)


def need_module(name: str):
    """Import and return module ``name``, or skip (fail under CI) naming it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        missing(f"needs the Python package {name} ({error}); pip install '.[test]' brings it")


def need_reference(path) -> Path:
    """Return ``path`` if it exists, or skip (fail under CI) naming it."""
    path = Path(path)
    if not path.exists():
        missing(f"needs the reference file {path} (../shared/reference beside the checkout)")
    return path


def need_gtre() -> Path:
    """The installed ``gtre`` console script (beside this Python, else on PATH), or skip/fail."""
    beside = Path(sys.executable).parent / "gtre"
    found = beside if beside.is_file() else shutil.which("gtre")
    if found is None:
        missing("needs the installed gtre command (pip install .)")
    return Path(found)


def reference_files(folder: Path, pattern: str) -> list:
    """The files matching ``pattern`` in ``folder``, to parametrize a test over.

    Where the folder is absent the list holds the one path ``folder / pattern``
    (which does not exist), so the test runs once and its ``need_reference``
    reports the missing folder, instead of pytest's silent empty parameter set.
    """
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    return found or [folder / pattern]


EFG_DIR = REFERENCE / "gambit-games" / "efg"

# Reference trees that Gambit 17.0.0b2 itself refuses to read (labels it wants
# unique are repeated).  Tests assert the refusal instead of skipping, so a
# change in Gambit or in the reference files shows up as a failure.
GAMBIT_REFUSES_EFG = frozenset(
    {"4cards.efg", "caro2.efg", "coord2ts.efg", "e10.efg", "e10a.efg", "holdout.efg", "nim.efg", "nim7.efg"}
)


def random_point(game, rng):
    """A random parameter point of ``game`` within its bounds, values rounded to 4 decimals."""
    point = {}
    for name, p in game.parameters.items():
        low, high = float(p.minimum), float(p.maximum)
        point[name] = round(rng.uniform(low, high), 4)
    return point
