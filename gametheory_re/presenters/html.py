"""HTML views of games and results: the tables of ``gtre report`` and of notebooks (``_repr_html_``).

Each fragment is built from the same rows and sentences as the text views
(:mod:`.text`, :mod:`.tree`, :mod:`.json_out`), so a page says what the
terminal says.  Every piece of text from a game file is escaped; tables are
real tables (a caption, ``th`` headers with ``scope``), and the marks a
sighted reader sees (``*`` for a best response, ``NE`` for a Nash cell) carry
their meaning in words for a screen reader too.  Fragments use classes only;
the page's style sheet is :data:`STYLE`, scoped under ``.gtre``.
"""

from __future__ import annotations

import itertools
from html import escape

from ..commitment import Comparison
from ..labels import profile_label
from ..result import GameDescription, Report, SequentialResult, SolveResult
from .json_out import result_dict
from .sweep_text import DYNAMIC_STATUS_WORDS, STATUS_WORDS
from .tables import number
from .text import dominators_text, explanation, parameter_rows
from .tree import comparison_rows, first_mover_lines, subgame_perfect_dicts

#: The style sheet of every page and notebook view, scoped under ``.gtre`` so
#: that in a notebook it styles nothing else.  Readable narrow (tables scroll
#: sideways inside their box, pictures shrink) and in print (no backgrounds
#: needed: marks are text as well as colour).
STYLE = """
.gtre { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.45;
  color: #1a1a1a; max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
.gtre h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
.gtre h2 { font-size: 1.25rem; border-bottom: 1px solid #bbb; margin-top: 2rem; }
.gtre h3 { font-size: 1.05rem; }
/* relative: the screen-reader-only text inside a table must not widen the page. */
.gtre .scroll { overflow-x: auto; max-width: 100%; position: relative; container-type: inline-size; }
.gtre table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-variant-numeric: tabular-nums; }
.gtre caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; position: sticky; left: 0; max-width: 100cqi; box-sizing: border-box; }
.gtre th, .gtre td { border: 1px solid #999; padding: 0.25rem 0.5rem; vertical-align: top; }
.gtre thead th, .gtre th[scope=row] { background: #f0f0f0; }
.gtre th[scope=row] { text-align: left; }
.gtre td.num { text-align: right; white-space: nowrap; }
.gtre td.nash { background: #fff3b0; outline: 2px solid #b58900; outline-offset: -2px; }
.gtre .br { font-weight: 700; }
.gtre .mark { font-weight: 700; color: #7a4f00; }
.gtre .note { color: #444; font-size: 0.92rem; }
.gtre figure { margin: 1rem 0; }
.gtre figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
.gtre figcaption { font-size: 0.9rem; color: #333; }
.gtre pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: 0.6rem; font-size: 0.85rem; }
.gtre .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) { .gtre { padding: 0 0.4rem; } .gtre th, .gtre td { padding: 0.2rem 0.3rem; font-size: 0.9rem; } }
@media print { .gtre { max-width: none; } .gtre h2 { break-after: avoid; } .gtre table, .gtre figure { break-inside: avoid; }
  .gtre td.nash { background: none; } .gtre .scroll { overflow: visible; } }
"""


def _e(text) -> str:
    return escape(str(text), quote=True)


def table_html(rows: list[list[str]], caption: str, row_headers: bool = True, numeric=None, cls: str = "") -> str:
    """A table from text rows, the first of them the header; cells are escaped.

    ``numeric`` (a set of column indices) right-aligns those columns;
    ``row_headers`` makes each row's first cell a ``th scope="row"``.

    Examples
    --------
    >>> print(table_html([["player", "payoff"], ["Row", "1"]], "Payoffs", numeric={1}))
    <div class="scroll"><table><caption>Payoffs</caption>
    <thead><tr><th scope="col">player</th><th scope="col">payoff</th></tr></thead>
    <tbody><tr><th scope="row">Row</th><td class="num">1</td></tr></tbody></table></div>
    """
    numeric = numeric or set()
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in rows[0])
    body = []
    for row in rows[1:]:
        cells = []
        for k, cell in enumerate(row):
            if k == 0 and row_headers:
                cells.append(f'<th scope="row">{_e(cell)}</th>')
            else:
                cells.append(f'<td class="num">{_e(cell)}</td>' if k in numeric else f"<td>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    attrs = f' class="{cls}"' if cls else ""
    return (f'<div class="scroll"><table{attrs}><caption>{_e(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _list(items, tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{_e(item)}</li>" for item in items) + f"</{tag}>"


def parameters_html(game) -> str:
    """The parameter table: default, bounds, unit, description and source of each parameter."""
    if not game.parameters:
        return '<p class="note">The game has no parameters.</p>'
    return table_html(parameter_rows(game), "Parameters (defaults, bounds, units, sources)", numeric={1})


def _payoff_cell(game, marks, nash, cell) -> str:
    parts = []
    for p in range(game.n_players):
        value = _e(number(game.payoffs[(p,) + cell]))
        if marks[(p,) + cell]:
            parts.append(f'<span class="br">{value}<span aria-hidden="true">*</span>'
                         f'<span class="sr-only"> (best response of {_e(game.players[p])})</span></span>')
        else:
            parts.append(value)
    text = ", ".join(parts)
    if nash is not None and nash[cell]:
        return (f'<td class="num nash" data-nash="true">{text} <span class="mark" aria-hidden="true">NE</span>'
                '<span class="sr-only"> (a pure Nash equilibrium)</span></td>')
    return f'<td class="num">{text}</td>'


def payoffs_html(description: GameDescription) -> str:
    """The payoff matrices at the point, best responses marked ``*`` and pure Nash cells ``NE`` (as ``gtre show``).

    One matrix per strategy profile of the players after the second; each
    cell lists every player's payoff in player order.
    """
    game, marks, nash = description.numeric, description.best_responses, description.nash_cells
    intro = (f'<p class="note">Each cell lists the payoffs of {_e(", ".join(game.players))}, in that order. '
             '<span class="br">*</span> marks a best response to the others\' strategies; a highlighted cell marked '
             '<span class="mark">NE</span> is a pure Nash equilibrium: every payoff in it is a best response.</p>')
    if game.n_players == 1:
        rows = "".join(f'<tr><th scope="row">{_e(s)}</th>{_payoff_cell(game, marks, nash, (i,))}</tr>'
                       for i, s in enumerate(game.strategies[0]))
        return intro + (f'<div class="scroll"><table class="payoffs"><caption>Payoffs of {_e(game.players[0])}</caption>'
                        f'<thead><tr><th scope="col">strategy</th><th scope="col">payoff</th></tr></thead>'
                        f"<tbody>{rows}</tbody></table></div>")
    rest = range(2, game.n_players)
    tables = []
    for others in itertools.product(*(range(len(game.strategies[p])) for p in rest)):
        caption = f"{game.players[0]} chooses a row, {game.players[1]} a column"
        if others:
            caption += "; " + ", ".join(f"{game.players[p]} plays {game.strategies[p][i]}" for p, i in zip(rest, others))
        head = f'<th scope="col">{_e(game.players[0])} \\ {_e(game.players[1])}</th>' + "".join(
            f'<th scope="col">{_e(s)}</th>' for s in game.strategies[1])
        body = "".join(
            f'<tr><th scope="row">{_e(s0)}</th>'
            + "".join(_payoff_cell(game, marks, nash, (i, j) + others) for j in range(len(game.strategies[1])))
            + "</tr>"
            for i, s0 in enumerate(game.strategies[0]))
        tables.append(f'<div class="scroll"><table class="payoffs"><caption>{_e(caption)}</caption>'
                      f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
    return intro + "\n".join(tables)


def dominance_html(result: SolveResult) -> str:
    """Iterated strict dominance step by step (or that there is none), then weak dominance, reported only."""
    game = result.game
    dominance, _ = explanation(result)
    parts = [f"<p>{_e(dominance[0])}</p>"]
    if len(dominance) > 1:
        parts.append(_list(dominance[1:], "ol"))
        parts.append("<p>Surviving: " + _e("; ".join(
            f"{game.players[p]} {{{', '.join(game.strategies[p][i] for i in s)}}}"
            for p, s in enumerate(result.surviving))) + "</p>")
    if result.weak_dominance:
        parts.append("<p>Weak dominance (reported, not eliminated: removing weakly dominated strategies can remove "
                     "equilibria, and what survives depends on the order):</p>")
        parts.append(_list(f"{game.players[w.player]}: {game.strategies[w.player][w.strategy]} is weakly dominated by "
                           f"{game.strategies[w.player][w.dominator]} (never worse, better against {w.better} of the "
                           "others' pure profiles)" for w in result.weak_dominance))
    else:
        parts.append("<p>No strategy is weakly dominated (never better, sometimes worse than another) without "
                     "being strictly dominated.</p>")
    return "\n".join(parts)


def equilibria_html(result: SolveResult, marks=None) -> str:
    """The equilibria table: label, kind, each player's payoff, and who Pareto-dominates it.

    Rows are those of :func:`~gametheory_re.presenters.json_out.result_dict`
    (the ``label`` with probabilities rounded to 2 decimals, payoffs as the
    text view prints them), so the page and ``gtre solve --json`` agree.
    ``marks`` (sequential games) adds a "subgame perfect" column.
    """
    game = result.game
    data = result_dict(result)
    if not data["equilibria"]:
        return "<p>No equilibrium was found.</p>"
    header = ["#", "equilibrium", "kind"] + [f"payoff {p}" for p in game.players] + ["Pareto-dominated by"]
    if marks is not None:
        header.append("subgame perfect")
    rows = [header]
    pure_labels = {eq.label(game) for eq in result.equilibria if eq.is_pure}
    for k, (item, eq) in enumerate(zip(data["equilibria"], result.equilibria), 1):
        row = [str(k), item["label"], "pure" if item["pure"] else "mixed"]
        row += [number(item["payoffs"][p]) for p in game.players]
        row.append(dominators_text(game, eq.pareto_dominators, pure_labels) if eq.pareto_dominators else
                   ("another equilibrium" if eq.pareto_dominated else "no profile"))
        if marks is not None:
            row.append({True: "yes", False: "no", None: "undecided"}[marks[k - 1]])
        rows.append(row)
    count = len(rows) - 1
    caption = (f"{count} Nash equilibri{'um' if count == 1 else 'a'}"
               + ("" if result.complete else " (the list may be incomplete; see the notes)"))
    table = table_html(rows, caption, numeric=set(range(3, 3 + game.n_players)), cls="equilibria")
    return table + "".join(f'<p class="note">Note: {_e(n)}</p>' for n in result.notes)


def reasons_html(result: SolveResult) -> str:
    """Why each equilibrium is one, in words (as ``gtre solve --explain``): best responses and indifferences."""
    _, reasons = explanation(result)
    return "\n".join(f"<h3>Equilibrium {k}: {_e(label)}</h3>{_list(lines)}" for k, (label, lines) in enumerate(reasons, 1))


def pareto_html(result: SolveResult, efficient) -> str:
    """The Pareto-efficient pure profiles, and each equilibrium's standing against every profile."""
    game = result.game
    equilibria = {eq.supports for eq in result.equilibria if eq.is_pure}
    rows = [["profile"] + [f"payoff {p}" for p in game.players] + ["an equilibrium?"]]
    for profile in efficient:
        supports = tuple((i,) for i in profile)
        rows.append([profile_label(game.strategies, supports)] + [number(game.payoffs[(p,) + profile])
                                                                 for p in range(game.n_players)]
                    + ["yes" if supports in equilibria else "no"])
    intro = ("<p>A profile is Pareto-efficient when no other profile gives every player at least as much and "
             "someone more. Over all pure profiles, equilibria or not:</p>")
    return intro + table_html(rows, f"{len(efficient)} Pareto-efficient pure profiles",
                              numeric=set(range(1, 1 + game.n_players)))


def comparison_html(comparison: Comparison) -> str:
    """The value-of-commitment table (as ``gtre compare``) and each player's value of moving first."""
    rows = comparison_rows(comparison)
    n = len(comparison.game.players)
    intro = ("<p>The outcome of simultaneous play (its pure Nash equilibria) against each order of moves "
             "(subgame-perfect paths); a gain is the payoff minus the payoff in simultaneous play.</p>")
    table = table_html(rows, "Value of commitment: simultaneous play and each move order",
                       numeric=set(range(2, 2 + 2 * n)))
    return intro + table + "<p>Value of moving first (gain in the orders the player leads):</p>" + _list(
        first_mover_lines(comparison))


def subgame_perfect_html(result: SequentialResult) -> str:
    """The subgame-perfect equilibria: path and payoffs, as ``gtre solve --json --spe-only`` lists them."""
    tree = result.tree
    if result.subgame_perfect is None:
        return "<p>The tree has information sets: subgame-perfect equilibria are not computed.</p>"
    items = subgame_perfect_dicts(result.subgame_perfect)
    rows = [["#", "path"] + [f"payoff {p}" for p in tree.players]]
    for k, item in enumerate(items, 1):
        path = item.get("label") or "; ".join(f"{s['player']}: {s['move']}" for s in item["steps"])
        rows.append([str(k), path] + [number(item["payoffs"][p]) for p in tree.players])
    caption = f"{len(items)} subgame-perfect equilibri{'um' if len(items) == 1 else 'a'} (backward induction)"
    table = table_html(rows, caption, numeric=set(range(2, 2 + tree.n_players)), cls="subgame-perfect")
    steps = "".join(
        f"<h3>Subgame-perfect equilibrium {k}: the moves on its path</h3>"
        + _list(f"{s['node']}: {s['player']} plays {s['move']}" + ("" if s["probability"] == 1 else
                                                                   f" (probability {number(s['probability'])})")
                for s in item["steps"])
        for k, item in enumerate(items, 1))
    return table + steps


def game_html(game) -> str:
    """A loaded game for a notebook: title, description, players and the parameter table."""
    parts = [f"<h3>{_e(game.title or 'Game')}</h3>"]
    if game.description:
        parts.append(f"<p>{_e(game.description)}</p>")
    parts.append("<p>Players: " + _e(", ".join(game.players)) + "</p>")
    parts.append(parameters_html(game))
    return f'<div class="gtre"><style>{STYLE}</style>' + "\n".join(parts) + "</div>"


def description_html(description: GameDescription) -> str:
    """A game at a point for a notebook (what :func:`~gametheory_re.api.show` returns): the payoff matrices, or the tree's size."""
    numeric = description.numeric
    point = ", ".join(f"{k}={number(v)}" for k, v in numeric.parameters.items())
    head = f'<div class="gtre"><style>{STYLE}</style><h3>{_e(numeric.title or "Game")}</h3>'
    head += f'<p class="note">At {_e(point)}.</p>' if point else ""
    if description.best_responses is None:
        return head + (f"<p>A game tree with {numeric.n_leaves} leaves: <code>solve(game)</code> gives its subgame-perfect "
                       "equilibria, <code>report(game)</code> its picture.</p></div>")
    return head + payoffs_html(description) + "</div>"


def result_html(result: SolveResult) -> str:
    """A solve result for a notebook: the equilibria table and the dominance steps."""
    return (f'<div class="gtre"><style>{STYLE}</style><h3>{_e(result.game.title or "Game")}</h3>'
            + equilibria_html(result) + dominance_html(result) + "</div>")


def sequential_html(result: SequentialResult) -> str:
    """A sequential solve for a notebook: the subgame-perfect equilibria and the count of normal-form ones."""
    n = len(result.nash.equilibria)
    return (f'<div class="gtre"><style>{STYLE}</style><h3>{_e(result.tree.title or "Game tree")}</h3>'
            + subgame_perfect_html(result)
            + f"<p>The reduced normal form has {n} Nash equilibri{'um' if n == 1 else 'a'}.</p></div>")


def sweep_summary_html(summary) -> str:
    """A sweep's summary as tables: points and share per equilibrium support, then per outcome status."""
    total = max(summary.points, 1)
    share = lambda n: f"{100 * n / total:.1f}%"
    rows = [["equilibrium set (by support)", "points", "share"]]
    rows += [[label, str(n), share(n)] for label, n in summary.regimes.items()]
    parts = [f'<p class="note">{_e(summary.points)} points over {_e(", ".join(summary.parameters))}. Searched: '
             f"{_e(summary.mode_reason)}</p>",
             table_html(rows, "Points per equilibrium set", numeric={1, 2})]
    words = DYNAMIC_STATUS_WORDS if summary.equilibria == "dynamics" else STATUS_WORDS
    for name, counts in summary.outcomes.items():
        rows = [["outcome " + name, "points", "share"]] + [[words[k], str(counts[k]), share(counts[k])]
                                                           for k in words if counts[k]]
        parts.append(table_html(rows, f"Where outcome {name} holds", numeric={1, 2}))
    return "\n".join(parts)


def sweep_html(result) -> str:
    """A sweep for a notebook: its summary tables (the table itself is a DataFrame, shown by pandas)."""
    return (f'<div class="gtre"><style>{STYLE}</style><h3>{_e(result.summary.game)}</h3>'
            + sweep_summary_html(result.summary) + "</div>")


def report_outline(report: Report) -> list[tuple[str, str]]:
    """The sections of the report page, in order, as ``(id, heading)``: the one place that decides what it shows."""
    outline = [("parameters", "Parameters")]
    if isinstance(report.solution, SequentialResult):
        if report.stage is not None:
            outline.append(("payoffs", "The game played simultaneously"))
        outline += [("tree", "The tree"), ("subgame-perfect", "Subgame-perfect equilibria"),
                    ("equilibria", "Nash equilibria of the reduced normal form")]
    else:
        outline += [("payoffs", "Payoffs"), ("dominance", "Dominance"), ("equilibria", "Equilibria"),
                    ("why", "Why each is an equilibrium"), ("pareto", "Pareto efficiency")]
        if report.responses is not None or report.regions is not None:
            outline.append(("picture", "Best responses"))
    if report.comparison is not None or report.comparison_note:
        outline.append(("commitment", "Value of commitment"))
    outline += [(f"sweep-{k}", f"Map {k}: " + " × ".join(a.name for a in result.spec.design.axes))
                for k, result in enumerate(report.sweeps, 1)]
    if report.conditions is not None:
        outline.append(("conditions", "Exact conditions"))
    return outline
