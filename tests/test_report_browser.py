"""``gtre report`` pages opened in a real browser: headless Chromium, driven by Playwright.

The pages are written by the installed ``gtre`` from an empty folder, then
each is loaded at a desktop and a phone width.  Checked: no console error and
no request beyond the page itself (everything is inline), the equilibria
tables say what ``gtre solve --json`` says, the Nash cells carry their mark
and are exactly the pure equilibria, every picture has a text alternative,
nothing but a table's own scroll box is wider than a phone, and the
screenshots are not blank.  The screenshots are kept for people to look at in
``$GTRE_SCREENSHOTS`` (default: ``gtre-report-screenshots`` in the temporary
folder); CI keeps them there as artefacts.

Needs the Python package playwright (the test extra) and a Chromium on the
PATH (Debian's ``chromium``, which ``.ci/run`` installs); a missing one skips
the test in a checkout and fails it under ``CI=true``.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

from _support import missing, need_gtre, need_module
from gametheory_re.presenters.tables import number

GAMES = ("us_japan_china", "prisoners_dilemma", "us_japan_china_sequential")
WIDTHS = {"desktop": 1280, "phone": 390}
#: Pictures on each page without --sweep: the best responses of a 2×2 game, the tree.
PICTURES = {"us_japan_china": 0, "prisoners_dilemma": 1, "us_japan_china_sequential": 1}

# Nash cells as the reader finds them: the row's strategy, the column's, and the
# caption's "X plays s" for the players after the second.
NASH_CELLS = """() => [...document.querySelectorAll('td.nash')].map(td => {
  const table = td.closest('table');
  const column = table.querySelector('thead tr').children[td.cellIndex].textContent;
  const row = td.parentElement.querySelector('th').textContent;
  const rest = [...table.querySelector('caption').textContent.matchAll(/ plays (\\S+)/g)].map(m => m[1]);
  return {profile: '(' + [row, column, ...rest].join(', ') + ')', text: td.textContent};
})"""

ROWS = """(selector) => [...document.querySelectorAll(selector + ' tbody tr')].map(
  tr => [...tr.children].map(c => c.textContent))"""


def _screenshots() -> Path:
    folder = Path(os.environ.get("GTRE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "gtre-report-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    sync_api = need_module("playwright.sync_api")
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        missing("needs Chromium on the PATH (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """Each game's page and its ``gtre solve --json``, made by the installed gtre in an empty folder."""
    gtre = str(need_gtre())
    folder = tmp_path_factory.mktemp("reports")
    made = {}
    for game in GAMES:
        out = folder / f"{game}.html"
        run = subprocess.run([gtre, "report", game, "-o", out.name], cwd=folder, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith(f"wrote {out.name} (")
        flags = ["--json", "--spe-only"] if game.endswith("sequential") else ["--json"]
        solved = json.loads(subprocess.run([gtre, "solve", game, *flags], cwd=folder, capture_output=True, text=True,
                                           check=True).stdout)
        made[game] = (out, solved)
    stage = json.loads(subprocess.run([gtre, "solve", "us_japan_china", "--json"], cwd=folder, capture_output=True,
                                      text=True, check=True).stdout)
    return made, stage


@pytest.mark.parametrize("game", GAMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_report_page_in_chromium(browser, pages, game, width):
    made, stage = pages
    path, solved = made[game]
    page = browser.new_page(viewport={"width": WIDTHS[width], "height": 900})
    errors, requests = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")

    assert errors == []
    assert requests == [path.as_uri()]            # nothing fetched: styles and pictures are inline

    if game.endswith("sequential"):
        rows = page.evaluate(ROWS, "table.subgame-perfect")
        spe = solved["subgame_perfect"]
        assert [r[1] for r in rows] == [e["label"] for e in spe]
        assert [r[2:] for r in rows] == [[number(v) for v in e["payoffs"].values()] for e in spe]
        assert len(page.evaluate(ROWS, "table.equilibria")) == solved["normal_form_equilibria"]
        pure = [e["label"] for e in stage["equilibria"] if e["pure"]]     # the simultaneous game's
    else:
        rows = page.evaluate(ROWS, "table.equilibria")
        equilibria = solved["equilibria"]
        assert [r[1] for r in rows] == [e["label"] for e in equilibria]
        assert [r[2] for r in rows] == ["pure" if e["pure"] else "mixed" for e in equilibria]
        n = len(solved["players"])
        assert [r[3:3 + n] for r in rows] == [[number(e["payoffs"][p]) for p in solved["players"]] for e in equilibria]
        pure = [e["label"] for e in equilibria if e["pure"]]
    cells = page.evaluate(NASH_CELLS)
    assert sorted(c["profile"] for c in cells) == sorted(pure)
    assert all("NE" in c["text"] for c in cells)

    images = page.evaluate("() => [...document.images].map(i => [i.alt, i.naturalWidth])")
    assert len(images) == PICTURES[game]
    assert all(len(alt) > 40 and w > 100 for alt, w in images)
    # Only a table's own scroll box may be wider than the window.
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # A wide table scrolls, but its caption stays readable: within the window, not scrolled away.
    assert page.evaluate("() => [...document.querySelectorAll('caption')].every("
                         "c => c.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)")

    shot = _screenshots() / f"{game}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    pixels = np.asarray(need_module("PIL.Image").open(shot).convert("L"), dtype=float)
    assert pixels.shape[1] == WIDTHS[width]
    assert pixels.std() > 20 and (pixels < 128).mean() > 0.01      # text and pictures, not a blank page
