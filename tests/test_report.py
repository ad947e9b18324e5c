"""``report()`` / ``gtre report``: what the page holds, that it is one safe file, and the notebook views."""

import re
from html.parser import HTMLParser

import pytest

from gametheory_re import GameFileError, load_game, report, show, solve, sweep
from gametheory_re.presenters.html import payoffs_html, report_outline
from gametheory_re.presenters.report_html import report_page
from gametheory_re.presenters.tables import number

TEACHING = ("prisoners_dilemma", "battle_of_the_sexes", "stag_hunt", "chicken", "matching_pennies",
            "rock_paper_scissors", "us_china", "us_japan_china")


class _Page(HTMLParser):
    """Tags, attributes and text of a page, to check its structure without a browser."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "img", "br", "input", "link"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parsed(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    assert page.open == []
    return page


@pytest.mark.parametrize("game", TEACHING)
def test_nash_cells_are_the_pure_equilibria(game):
    description = show(game)
    cells = payoffs_html(description).count('data-nash="true"')
    assert cells == len(solve(game).pure) == int(description.nash_cells.sum())


def test_prisoners_dilemma_page_holds_the_lesson(tmp_path):
    out = tmp_path / "pd.html"
    page = report("prisoners_dilemma", out=out)
    assert page.out == str(out) and page.size == out.stat().st_size
    text = out.read_text(encoding="utf-8")
    parsed = _parsed(text)
    words = " ".join(parsed.text)
    assert "(cooperate, cooperate), not an equilibrium" in words
    assert "Row's cooperate: defect pays more against everything the others may play" in words
    assert "Poundstone (1992)" in words                       # the references
    assert [h for h in parsed.tags if h[0] == "section"] == [("section", {"id": i}) for i, _ in report_outline(page)]
    # Tables have captions and header cells with a scope, every picture a text alternative.
    tables = text.count("<table")
    assert tables == text.count("<caption>") and tables == 4      # payoffs, equilibria, Pareto, commitment
    assert all(a.get("scope") in ("col", "row") for t, a in parsed.tags if t == "th")
    images = [a for t, a in parsed.tags if t == "img"]
    assert len(images) == 1 and images[0]["src"].startswith("data:image/png;base64,") and len(images[0]["alt"]) > 40


def test_a_page_loads_nothing_and_runs_no_script(tmp_path):
    text = report_page(report("us_japan_china", sweeps=["s=0:1:5,K=0.1:3:4"], conditions="s,K"))
    parsed = _parsed(text)
    assert not [t for t, _ in parsed.tags if t in ("script", "link", "iframe", "object", "embed")]
    sources = [a.get("src", "") for _, a in parsed.tags] + [a.get("href", "") for _, a in parsed.tags]
    assert all(s == "" or s.startswith(("data:", "#")) for s in sources)
    assert "default-src 'none'" in text                        # the page forbids itself any fetch


def test_game_file_text_is_escaped(tmp_path):
    game = tmp_path / "evil.toml"
    game.write_text('''[game]
title = "<script>alert(1)</script> & co"
description = "a <b>bold</b> \\"claim\\""
references = ["<img src=x onerror=alert(1)>"]

[parameters.a]
default = 1
unit = "<i>units</i>"
description = "</td></tr></table><h1>out</h1>"
source = "<a href='http://example.com'>x</a>"

[[players]]
name = "Row"
strategies = ["up", "down"]

[[players]]
name = "Col"
strategies = ["left", "right"]

[payoffs.table]
"up, left" = ["a", "a"]
"up, right" = [0, 0]
"down, left" = [0, 0]
"down, right" = [1, 1]
''', encoding="utf-8")
    text = report_page(report(game))
    parsed = _parsed(text)
    assert not [t for t, _ in parsed.tags if t in ("script", "b", "i")]
    assert [t for t, _ in parsed.tags].count("h1") == 1                       # the page's own title only
    assert all(a["href"].startswith("#") for t, a in parsed.tags if t == "a")  # the section links only
    assert [a for t, a in parsed.tags if t == "img" and a.get("src") == "x"] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in text


def test_sequential_page_has_the_tree_and_the_simultaneous_game():
    page = report("us_japan_china_sequential")
    assert [i for i, _ in report_outline(page)] == ["parameters", "payoffs", "tree", "subgame-perfect", "equilibria",
                                                   "commitment"]
    text = report_page(page)
    assert text.count('data-nash="true"') == len(solve("us_japan_china").pure)
    assert "(build, align, supply)" in text


def test_maps_and_conditions_are_sections():
    page = report("us_japan_china", sweeps=["s=0:1:5,K=0.1:3:4", "K=0.1:3:7"], conditions=["s", "K"])
    assert [i for i, _ in report_outline(page)][-3:] == ["sweep-1", "sweep-2", "conditions"]
    assert [r.summary.points for r in page.sweeps] == [20, 7]
    text = report_page(page)
    assert "is a Nash equilibrium when:" in text and text.count("data:image/png;base64,") == 2


@pytest.mark.parametrize("kwargs, names", [
    ({"sweeps": ["s=0:1:3,K=0.1:3:3,h=0:0.4:2"]}, "sweeps"),
    ({"sweeps": ["nope=0:1:3"]}, "sweeps"),
    ({"sweeps": ["s=0:1"]}, "sweeps"),
    ({"sweeps": ["s=0:1:3000,K=0.1:3:3000"]}, "sweeps"),
    ({"conditions": "nope"}, "conditions"),
    ({"conditions": []}, "conditions"),
    ({"out": "page.txt"}, "out"),
    ({"params": {"nope": 1}}, "params"),
])
def test_bad_arguments_are_named(tmp_path, monkeypatch, kwargs, names):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GameFileError) as info:
        report("us_japan_china", **kwargs)
    assert info.value.source == names
    assert list(tmp_path.iterdir()) == []


def test_an_existing_page_is_kept_unless_overwrite(tmp_path):
    out = tmp_path / "r.html"
    out.write_text("mine", encoding="utf-8")
    with pytest.raises(GameFileError, match="exists"):
        report("stag_hunt", out=out)
    assert out.read_text(encoding="utf-8") == "mine"
    report("stag_hunt", out=out, overwrite=True)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]      # no temporary file left


def test_equilibria_table_rows_follow_the_solve():
    result = solve("battle_of_the_sexes")
    html = report_page(report("battle_of_the_sexes"))
    body = html[html.index('<table class="equilibria">'):]
    body = body[:body.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(\d+)</th><td>([^<]*)</td><td>(pure|mixed)</td>"
                      r"<td class=\"num\">([^<]*)</td><td class=\"num\">([^<]*)</td>", body)
    assert [(r[1], r[3], r[4]) for r in rows] == [
        (e.probability_label(result.game), number(e.payoffs[0]), number(e.payoffs[1])) for e in result.equilibria]


def test_notebook_views():
    views = [load_game("us_china"), load_game("us_japan_china_sequential"), show("stag_hunt"),
             show("us_japan_china_sequential"), solve("stag_hunt"), solve("us_japan_china_sequential"),
             sweep("us_china", ["rho=0:1:5"], collect=False), report("prisoners_dilemma")]
    for view in views:
        html = view._repr_html_()
        assert html.startswith('<div class="gtre"><style>') and html.endswith("</div>")
        _parsed(html)
    assert "data-nash" in show("stag_hunt")._repr_html_()
    assert "(stag, stag)" in solve("stag_hunt")._repr_html_()
    assert "4 points" not in sweep("us_china", ["rho=0:1:5"], collect=False)._repr_html_()
    assert "5 points" in sweep("us_china", ["rho=0:1:5"], collect=False)._repr_html_()


def test_games_with_3_strategies_get_the_best_response_regions():
    page = report("rock_paper_scissors")
    regions, marks = page.regions
    assert page.responses is None and ("picture", "Best responses") in report_outline(page)
    # Each of Row's and Column's triangles is split in three equal regions, the equilibrium in one mark each.
    assert [round(s, 9) for r in regions for s in r.sizes] == [round(1 / 3, 9)] * 6
    assert [len(m) for m in marks] == [1, 1]
    parsed = _parsed(report_page(page))
    images = [a for t, a in parsed.tags if t == "img"]
    assert len(images) == 1
    assert "Row's mixes (a triangle), coloured by Column's best response: rock on 33%" in images[0]["alt"]
    assert "E1: (rock 0.33|paper 0.33|scissors 0.33" in images[0]["alt"]
    # A 2x2 game keeps the curves; a 3-player game has no such picture.
    assert report("stag_hunt").regions is None and report("stag_hunt").responses is not None
    assert report("us_japan_china").regions is None
