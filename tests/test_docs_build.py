"""``python docs/build.py``, the documented command that makes every picture the docs show.

Every ``_build/`` file a page links to must be one the script makes (so no
page shows a picture nobody can regenerate), and the script must make each
of them with the installed ``gtre``, from bundled games.
"""

import importlib.util
import re
from pathlib import Path

from _support import need_gtre

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\((?:docs/)?_build/([^)\s]+)\)")


def _build_module():
    spec = importlib.util.spec_from_file_location("docs_build", ROOT / "docs" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_linked_build_file_is_made_by_the_script():
    made = {o.path for o in _build_module().OUTPUTS}
    linked = {(page.name, m) for page in PAGES for m in LINK.findall(page.read_text(encoding="utf-8"))}
    assert linked, "no page links to _build/ (the pattern is wrong)"
    assert {link for _, link in linked} <= made, sorted(p for p in linked if p[1] not in made)
    gallery = (ROOT / "docs" / "gallery.md").read_text(encoding="utf-8")
    for output in _build_module().OUTPUTS:                  # the gallery names every picture's command
        if output.path.startswith("images/"):
            name = Path(output.path).name
            assert output.command.split(" --plot")[0].replace(";", "") in gallery.replace('"', "").replace(";", ""), name


def test_the_script_makes_every_file(tmp_path):
    need_gtre()
    build = _build_module()
    results = build.build(tmp_path, workers=2)
    assert [error for _, _, error in results] == [""] * len(build.OUTPUTS)
    for output in build.OUTPUTS:
        data = (tmp_path / output.path).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n" if output.path.endswith(".png") else b"<!DOCTYPE html>"), output
