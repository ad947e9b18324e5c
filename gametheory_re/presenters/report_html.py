"""The page of ``gtre report``: one self-contained HTML file a teacher can open, project or print.

Everything the page needs is inside it: the style sheet, and the pictures as
PNG ``data:`` addresses, so it opens without a network and can be mailed as
one file.  It has no script.  Sections, in order: the game (description,
references, parameters), the payoffs with best responses and Nash cells
marked, dominance, the equilibria and why each is one, Pareto efficiency,
the picture (best responses of a 2×2 game, best-response regions of a
game with 3 strategies for a player, or the tree), the value of
commitment, then the maps (``--sweep``) and exact conditions
(``--conditions``) asked for.  Each picture has a text alternative saying
what it shows.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from .._version import __version__
from ..result import Report, SequentialResult
from .conditions import show_conditions, show_sequential_conditions
from .html import (STYLE, comparison_html, dominance_html, equilibria_html, parameters_html, pareto_html,
                   payoffs_html, reasons_html, report_outline, subgame_perfect_html, sweep_summary_html)
from .plots import figure_png, sweep_figure
from .region_plots import regions_figure
from .response_plots import response_figure
from .tables import number
from .tree import tree_figure


def _e(text) -> str:
    return escape(str(text), quote=True)


def _figure(fig, alt: str, caption: str) -> str:
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{_e(alt)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


def _point_text(values: dict) -> str:
    return ", ".join(f"{k}={number(v)}" for k, v in values.items())


def _header(report: Report) -> str:
    game = report.game
    parts = [f"<h1>{_e(game.title or 'Game')}</h1>",
             f'<p class="note">Game file: {_e(Path(game.source).name)}. Players: {_e(", ".join(game.players))}.</p>']
    if game.description:
        parts.append(f"<p>{_e(game.description)}</p>")
    if report.params:
        parts.append("<p>Parameters changed from the defaults: "
                     + _e(", ".join(f"{k}={v}" for k, v in report.params.items())) + ".</p>")
    if game.references:
        parts.append("<h2 id=\"references\">References</h2>" + "<ul>" + "".join(
            f"<li>{_e(r)}</li>" for r in game.references) + "</ul>")
    return "\n".join(parts)


def _responses_section(report: Report) -> str:
    result = report.solution
    if report.regions is not None:
        return _regions_section(report)
    labels = "; ".join(f"{k}: {eq.probability_label(result.game)}" for k, eq in enumerate(result.equilibria, 1))
    alt = (f"The unit square of mixed profiles with {result.game.players[0]}'s and {result.game.players[1]}'s "
           f"best-response curves; they meet at the equilibria, circled: {labels}.")
    return _figure(response_figure(result, report.responses), alt,
                   "Best responses: where the two curves meet, each player's mix is a best response to the other's.")


def _tree_section(report: Report) -> str:
    result = report.solution
    spe = result.subgame_perfect
    first = spe.equilibria[0] if spe is not None and spe.equilibria else None
    tree = result.tree
    path = ""
    if first is not None:
        path = "; the subgame-perfect path, in red: " + ", ".join(
            f"{'chance' if tree.nodes[n].is_chance else tree.players[tree.nodes[n].player]} {tree.nodes[n].moves[m]}"
            for n, m, _ in first.path(tree))
    alt = f"The game tree of {tree.title or 'the game'}, {tree.n_leaves} leaves with payoffs{path}."
    return _figure(tree_figure(tree, first), alt, "The tree: bold moves are subgame-perfect choices, the red path is "
                                                  "the play of the first subgame-perfect equilibrium.")


def _regions_section(report: Report) -> str:
    result = report.solution
    game = result.game
    regions, marks = report.regions
    panels = []
    for p in (0, 1):
        other = 1 - p
        shape = "a triangle" if len(game.strategies[p]) == 3 else "a segment"
        shares = ", ".join(f"{game.strategies[other][j]} on {100 * size:.0f}%"
                           for j, size in enumerate(regions[p].sizes) if regions[p].same_as[j] == j and size > 0)
        panels.append(f"{game.players[p]}'s mixes ({shape}), coloured by {game.players[other]}'s best response: "
                      f"{shares or 'no region of positive size'}")
    labels = "; ".join(f"E{k}: {eq.probability_label(game)}" for k, eq in enumerate(result.equilibria, 1))
    alt = "Two panels. " + ". ".join(panels) + f". The equilibria are circled: {labels}."
    return _figure(regions_figure(result, regions, marks), alt,
                   "Best responses: in each panel one player's mixed strategies, coloured by the other player's best "
                   "response; an equilibrium mixes only over strategies whose regions meet at the other's circle.")


def _sweep_section(result) -> str:
    spec = result.spec
    names = [a.name for a in spec.design.axes]
    shares = ", ".join(f"{label} at {100 * n / max(result.summary.points, 1):.0f}% of the points"
                       for label, n in list(result.summary.regimes.items())[:6])
    kind = "regime map" if len(names) == 2 else "band chart"
    alt = (f"A {kind} over {' and '.join(names)} ({result.summary.points} points): {shares}"
           + (" and rarer sets" if len(result.summary.regimes) > 6 else "") + ".")
    picture = _figure(sweep_figure(spec, result.table), alt,
                      f"Equilibrium sets over {' and '.join(names)}; the other parameters as stated in the picture.")
    return picture + sweep_summary_html(result.summary)


def _conditions_section(report: Report) -> str:
    result = report.conditions
    text = show_sequential_conditions(result) if isinstance(report.solution, SequentialResult) else show_conditions(result)
    return ("<p>Where each equilibrium and outcome holds, as inequalities in the free parameters "
            "(as <code>gtre conditions</code> prints them):</p>" + f"<pre>{_e(text)}</pre>")


def _commitment_section(report: Report) -> str:
    if report.comparison is None:
        return f"<p>{_e(report.comparison_note)}</p>"
    return comparison_html(report.comparison)


def _body(report: Report, section: str) -> str:
    """The HTML of one section of :func:`~gametheory_re.presenters.html.report_outline`."""
    solution = report.solution
    if section.startswith("sweep-"):
        return _sweep_section(report.sweeps[int(section.split("-")[1]) - 1])
    renderers = {
        "parameters": lambda: parameters_html(report.game),
        "payoffs": lambda: payoffs_html(report.stage if isinstance(solution, SequentialResult) else report.description),
        "tree": lambda: _tree_section(report),
        "subgame-perfect": lambda: subgame_perfect_html(solution),
        "dominance": lambda: dominance_html(solution),
        "why": lambda: reasons_html(solution),
        "pareto": lambda: pareto_html(solution, report.efficient),
        "picture": lambda: _responses_section(report),
        "commitment": lambda: _commitment_section(report),
        "conditions": lambda: _conditions_section(report),
    }
    if section == "equilibria":
        if isinstance(solution, SequentialResult):
            return ("<p>Every Nash equilibrium of the tree's reduced normal form; those not subgame perfect rest on "
                    "threats that would not be carried out.</p>" + equilibria_html(solution.nash, solution.marks))
        return equilibria_html(solution)
    return renderers[section]()


def report_fragment(report: Report) -> str:
    """The page's body in a ``div.gtre`` with its style sheet: what a notebook shows for a :class:`Report`."""
    numeric = report.description.numeric
    body = [_header(report)]
    if numeric.parameters:
        body.append(f'<p class="note">Everything below is at {_e(_point_text(numeric.parameters))}.</p>')
    outline = report_outline(report)
    body.append('<nav aria-label="Sections"><ul>' + "".join(f'<li><a href="#{sid}">{_e(h)}</a></li>'
                                                             for sid, h in outline) + "</ul></nav>")
    body += [f'<section id="{sid}"><h2>{_e(heading)}</h2>{_body(report, sid)}</section>' for sid, heading in outline]
    body.append(f'<footer><p class="note">Made by gametheory_re {_e(__version__)} (gtre report). Every equilibrium '
                "listed is checked: no player gains by changing strategy alone.</p></footer>")
    return f'<div class="gtre"><style>{STYLE}</style>\n' + "\n".join(body) + "\n</div>"


def report_page(report: Report) -> str:
    """The whole page: a standalone HTML document (no script, nothing fetched)."""
    title = _e(report.game.title or "Game")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            # No address outside the page may load: the report must open offline, the same every time.
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'\">\n"
            f"<title>{title} — gametheory_re report</title>\n</head>\n<body>\n<main>\n"
            + report_fragment(report) + "\n</main>\n</body>\n</html>\n")
