"""The documentation works on the installed package, from an empty folder.

Three checks, all against the imported ``gametheory_re`` (the installed one when
the suite runs from outside the checkout, as CI does) and never against paths
of the clone:

* the docstring examples of every module of the package (doctest);
* the Python examples of README.md and docs/*.md: every ```pycon / ```python
  block is a doctest session (``>>>`` prompts, output checked);
* every ``gtre`` command of their ```console / ```bash blocks exits 0 when run
  with the installed ``gtre`` script.

Conventions for writing the pages (this module reads them):

* In a ```console block, a command is a line starting with ``$ ``; the other
  lines are its output (not checked).  In ```bash / ```sh / ```shell blocks
  every line is a command.  A trailing ``\\`` continues it on the next line.
  Only commands starting with ``gtre`` are run: ``pip install ...`` and
  ``python -m pytest`` are shown, not run.
* A command documented as failing ends with the comment ``# exit N``: it must
  exit with status N and print no traceback.
* A code block right after the line ``<!-- file: NAME -->`` is written to NAME
  (in the page's folder) when the commands reach it, so a page shows how the
  file its commands use is made.
* One page's commands, and one page's doctests, run in order in one fresh
  empty folder: a later command may read what an earlier one wrote.

The pages are doctested block by block rather than with ``doctest.testfile``
because in a whole Markdown file a block's closing fence would be read as
expected output.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory_re

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
PYTHON = {"pycon", "python", "py"}
SHELL = {"bash", "sh", "shell"}
FENCE = re.compile(r"^(`{3,})\s*([\w+-]*)")
FILE_MARK = re.compile(r"^<!--\s*file:\s*(\S+)\s*-->\s*$")
EXIT_MARK = re.compile(r"#\s*exit\s+(\d+)\s*$")


def fenced_blocks(lines: list[str]):
    """The fenced code blocks of a Markdown page.

    Yields
    ------
    info : str
        The block's language (``console``, ``pycon``...), lower case.
    start : int
        Index of the block's first line of content.
    body : list of str
    file : str or None
        NAME when the line before the opening fence is ``<!-- file: NAME -->``.
    """
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not lines[end].startswith(opening.group(1)):
            end += 1
        mark = FILE_MARK.match(lines[i - 1]) if i else None
        yield opening.group(2).lower(), i + 1, lines[i + 1:end], mark and mark.group(1)
        i = end + 1


def strip_comment(command: str) -> str:
    """``command`` without a trailing ``# comment`` (a ``#`` outside quotes, after a space)."""
    quote = None
    for i, ch in enumerate(command):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or command[i - 1].isspace()):
            return command[:i].rstrip()
    return command.rstrip()


def page_steps(text: str):
    """What running a page means, in order: ``("file", name, text)`` and ``("run", command, status)``."""
    steps = []
    for info, _, body, file in fenced_blocks(text.splitlines()):
        if file:
            steps.append(("file", file, "\n".join(body) + "\n"))
        if info not in SHELL | {"console"}:
            continue
        command = ""
        for line in body:
            if not command:
                if info == "console" and not line.startswith("$ "):
                    continue  # output
                line = line[2:] if info == "console" else line
            command += line.strip()
            if command.endswith("\\"):
                command = command[:-1].rstrip() + " "
                continue
            status = EXIT_MARK.search(command)
            command, status = strip_comment(command), int(status.group(1)) if status else 0
            if command.split(maxsplit=1)[:1] == ["gtre"]:
                steps.append(("run", command, status))
            command = ""
    return steps


def test_page_steps_reads_the_conventions():
    page = "\n".join([
        "```console", "$ gtre solve us_china   # a comment", "output line", "$ gtre sweep x \\",
        "      --vary 'a=0:1:2'  # it's fine", "$ gtre solve nope  # exit 2", "```",
        "```bash", "pip install . && gtre list", "gtre list", "```",
        "<!-- file: g.toml -->", "```toml", "x = 1", "```",
    ])
    assert page_steps(page) == [
        ("run", "gtre solve us_china", 0),
        ("run", "gtre sweep x --vary 'a=0:1:2'", 0),
        ("run", "gtre solve nope", 2),
        ("run", "gtre list", 0),
        ("file", "g.toml", "x = 1\n"),
    ]


# -- docstring examples of the installed package -------------------------------------------


def package_modules() -> list[str]:
    """Every module of the imported package (``__main__`` would run the command line)."""
    found = pkgutil.walk_packages(gametheory_re.__path__, gametheory_re.__name__ + ".")
    return [gametheory_re.__name__] + sorted(m.name for m in found if not m.name.endswith(".__main__"))


@pytest.mark.parametrize("name", package_modules())
def test_docstring_examples(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report = []
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, name):
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_main_api_has_examples():
    from gametheory_re.sweeps import sweep
    from gametheory_re.sweeps.threshold import thresholds

    public = [gametheory_re.load_game, gametheory_re.solve, gametheory_re.find_equilibria,
              gametheory_re.NormalFormGame, gametheory_re.ParametricGame.at,
              gametheory_re.ParametricGame.payoff_batch, sweep, thresholds]
    assert [f.__qualname__ for f in public if ">>>" not in (f.__doc__ or "")] == []


# -- the pages' Python examples and commands -------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples(page, tmp_path, monkeypatch):
    """The page's Python blocks, line numbers kept, as one doctest session."""
    lines = page.read_text(encoding="utf-8").splitlines()
    kept = [""] * len(lines)
    for info, start, body, _ in fenced_blocks(lines):
        if info in PYTHON:
            assert any(line.startswith(">>> ") for line in body), (
                f"{page.name}:{start + 1}: write Python examples as >>> sessions so their output is checked")
            kept[start:start + len(body)] = body
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest("\n".join(kept) + "\n", {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def installed_gtre() -> str:
    """The ``gtre`` script of the running interpreter's environment."""
    beside = Path(sys.executable).with_name("gtre")
    found = str(beside) if beside.exists() else shutil.which("gtre")
    assert found, "the gtre command is not installed: pip install ."
    return found


PAGES_WITH_COMMANDS = [p for p in PAGES if any(s[0] == "run" for s in page_steps(p.read_text(encoding="utf-8")))]


@pytest.mark.parametrize("page", PAGES_WITH_COMMANDS, ids=lambda p: p.name)
def test_commands(page, tmp_path):
    # The documented lines are shell lines (quotes, pipes): run them as a user's shell would,
    # with the installed gtre (and its python) first on the PATH.
    bash = shutil.which("bash")
    if bash is None:
        (pytest.fail if os.environ.get("CI") == "true" else pytest.skip)("bash is needed to run the documented commands")
    env = dict(os.environ, MPLBACKEND="Agg")
    env["PATH"] = os.pathsep.join([str(Path(installed_gtre()).parent), str(Path(sys.executable).parent), env.get("PATH", "")])
    failures = []
    for step in page_steps(page.read_text(encoding="utf-8")):
        if step[0] == "file":
            _, name, text = step
            (tmp_path / name).write_text(text, encoding="utf-8")
            continue
        _, command, status = step
        done = subprocess.run([bash, "-o", "pipefail", "-c", command], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != status or "Traceback" in done.stderr:
            failures.append(f"$ {command}\nexit {done.returncode} (documented: {status})\n{done.stderr[-2000:]}")
    assert not failures, f"{page.name}:\n" + "\n".join(failures)


def test_commands_are_found():
    commands = [s for p in PAGES for s in page_steps(p.read_text(encoding="utf-8")) if s[0] == "run"]
    assert ("run", "gtre list", 0) in commands and len(commands) >= 20
