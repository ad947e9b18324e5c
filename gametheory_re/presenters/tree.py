"""Views of sequential games: the tree as text or a picture, equilibria as text or JSON.

Pictures are drawn with matplotlib's object API on an Agg-backed figure, so
no GUI backend is touched, and written atomically (temporary file in the
same folder, then renamed).
"""

from __future__ import annotations

import textwrap

from pathlib import Path

import numpy as np

from ..atomic import check_target, replacing
from ..commitment import Comparison
from ..errors import UnsupportedError
from ..trees.model import GameTree
from ..trees.orders import order_label
from ..trees.parametric import ParametricTree
from ..labels import profile_label
from ..solvers.backward_induction import SubgamePerfectEquilibrium, SubgamePerfectResult
from .pictures import picture_format, reproducible_metadata
from .tables import number, table_lines

#: Lines of the text tree before it is cut short.
MAX_TREE_LINES = 400
#: Leaves beyond which a picture would be unreadable.
MAX_PLOT_LEAVES = 1000


def _mover(tree: GameTree, i: int) -> str:
    node = tree.nodes[i]
    if node.is_chance:
        return "chance"
    infoset = tree.infosets[node.infoset]
    text = tree.players[node.player]
    if len(infoset.nodes) > 1:
        text += f" [info set {infoset.label}]"
    return text


def _payoff_text(tree: GameTree, leaf: int) -> str:
    return "(" + ", ".join(number(x) for x in tree.payoffs[leaf]) + ")"


def show_tree(tree: GameTree, equilibrium: SubgamePerfectEquilibrium | None = None, max_lines: int = MAX_TREE_LINES) -> str:
    """The tree as indented text.

    Each line is a move, followed by who moves next or, at a leaf, the
    payoffs in player order.  With an equilibrium, ``*`` marks its move at
    every decision node and ``<= path`` the leaves it reaches.

    Parameters
    ----------
    tree : GameTree
    equilibrium : SubgamePerfectEquilibrium, optional
    max_lines : int
        Longer trees are cut short with a note saying how much was left out.

    Returns
    -------
    str
    """
    reach = None if equilibrium is None else equilibrium.leaf_probabilities
    lines = [f"Payoffs at leaves: ({', '.join(tree.players)})."]
    if equilibrium is not None:
        lines[0] += " * marks the equilibrium's move at every node; <= path marks where play ends."
    lines.append(_mover(tree, 0) if not tree.nodes[0].is_terminal else _payoff_text(tree, 0))
    stack = [(c, 0, move, "", k == len(tree.nodes[0].children) - 1)
             for k, (move, c) in enumerate(zip(tree.nodes[0].moves, tree.nodes[0].children))][::-1]
    shown = 1
    while stack:
        if len(lines) > max_lines:
            lines.append(f"... {tree.n_nodes - shown} more nodes not shown")
            break
        i, parent, move, prefix, last = stack.pop()
        shown += 1
        node = tree.nodes[i]
        label = move
        if tree.nodes[parent].is_chance:
            label += f" (p={number(tree.probabilities[parent][tree.nodes[parent].children.index(i)])})"
        elif equilibrium is not None and tree.nodes[parent].children[equilibrium.choices[parent]] == i:
            label += " *"
        if node.is_terminal:
            target = _payoff_text(tree, node.leaf)
            if reach is not None and reach[node.leaf] > 0:
                target += "  <= path" + ("" if reach[node.leaf] == 1 else f" (probability {number(reach[node.leaf])})")
        else:
            target = _mover(tree, i)
        lines.append(f"{prefix}{'`-- ' if last else '|-- '}{label} -> {target}")
        below = prefix + ("    " if last else "|   ")
        n = len(node.children)
        stack.extend((c, i, m, below, k == n - 1) for k, (m, c) in reversed(list(enumerate(zip(node.moves, node.children)))))
    return "\n".join(lines)


def describe_tree(tree: ParametricTree) -> str:
    """One line about a sequential game, e.g. for ``gtre validate`` and ``gtre list``."""
    kind = f"move order {order_label(tree)}" if tree.order is not None else "game tree"
    info = "perfect information" if tree.is_perfect_information else "information sets"
    chance = ", chance moves" if tree.has_chance else ""
    return (
        f"'{tree.title}', {tree.n_players} players ({', '.join(tree.players)}), {kind}, "
        f"{tree.n_nodes} nodes ({tree.n_leaves} leaves), {info}{chance}, "
        f"{len(tree.parameters)} parameters, {len(tree.outcomes)} outcomes"
    )


def subgame_perfect_note(marks: list[bool | None]) -> str:
    """A sentence saying which of the listed equilibria (numbered from 1) are subgame perfect.

    Parameters
    ----------
    marks : list of bool or None
        From :func:`~gametheory_re.solvers.subgame_perfect.mark_equilibria`.
    """
    if all(m is None for m in marks):
        return ("Subgame perfection is decided for the pure equilibria of perfect-information trees; "
                "it is not decided for these equilibria.")
    perfect = [str(k) for k, m in enumerate(marks, 1) if m]
    if not perfect:
        return "None of the pure equilibria listed is subgame perfect."
    which = f"equilibri{'um' if len(perfect) == 1 else 'a'} {', '.join(perfect)}"
    return (f"Subgame perfect: {which}. The other pure equilibria rely on moves a player would not "
            "make once the time came (threats that are not credible).")


def _path_text(tree: GameTree, equilibrium: SubgamePerfectEquilibrium) -> str:
    steps = []
    for node, move, probability in equilibrium.path(tree):
        who = _mover(tree, node)
        step = f"{who} {tree.nodes[node].moves[move]}"
        if tree.nodes[node].is_chance:
            step += f" (p={number(tree.probabilities[node][move])})"
        steps.append(step)
    return ", ".join(steps)


def _strategies(tree: GameTree, equilibrium: SubgamePerfectEquilibrium) -> dict[str, dict[str, str]]:
    out = {player: {} for player in tree.players}
    for i, node in enumerate(tree.nodes):
        if node.is_decision:
            out[tree.players[node.player]][node.name] = node.moves[equilibrium.choices[i]]
    return out


def _node_ref(name: str) -> str:
    return f"[{name}]" if ", " in name else name


def show_subgame_perfect(result: SubgamePerfectResult, max_lines: int = MAX_TREE_LINES) -> str:
    """Every subgame-perfect equilibrium (path, payoffs, full strategies) and the tree marked with the first.

    Parameters
    ----------
    result : SubgamePerfectResult
    max_lines : int
        For the tree drawing, see :func:`show_tree`.

    Returns
    -------
    str
    """
    tree = result.tree
    n = len(result.equilibria)
    lines = [tree.title or "Game tree"]
    if tree.order is not None:
        lines.append(f"Move order: {order_label(tree)}")
    if tree.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in tree.parameters.items()))
    lines.append(
        f"{n} subgame-perfect equilibri{'um' if n == 1 else 'a'} (backward induction"
        + (", every tie branched" if result.complete else f"; ties gave more than the {n} listed")
        + f"; ties within tol={result.tol:.3g})."
    )
    for k, eq in enumerate(result.equilibria, 1):
        lines.append("")
        label = f" {_profile_label(tree, eq)}" if tree.leaf_profiles is not None else ""
        lines.append(f"Subgame-perfect equilibrium {k}:{label}")
        lines.append(f"  path: {_path_text(tree, eq)}")
        lines.append("  payoffs: " + ", ".join(f"{p} {number(v)}" for p, v in zip(tree.players, eq.payoffs)))
        for player, plan in _strategies(tree, eq).items():
            if plan:
                where = "; ".join(f"{move} at {_node_ref(node)}" for node, move in plan.items())
                lines.append(f"  {player} plays: {where}")
    if result.equilibria:
        lines.append("")
        lines.append("Game tree, marked with equilibrium 1:")
        lines.append(show_tree(tree, result.equilibria[0], max_lines))
    return "\n".join(lines)


def _profile_label(tree: GameTree, eq: SubgamePerfectEquilibrium) -> str:
    return profile_label(tree.strategies, eq.profile(tree))


def subgame_perfect_dicts(result: SubgamePerfectResult) -> list[dict]:
    """The subgame-perfect equilibria as plain JSON types.

    Each item has:

    * ``path``: for a move-order game, each player's move on the path
      (``{"US": "build", ...}``); for a general tree, each player's list of
      moves at nodes reached with positive probability, in tree order;
    * ``payoffs``: each player's (expected) payoff;
    * ``strategies``: each player's move at every one of their nodes, on and
      off the path, keyed by node name;
    * ``steps``: the path in order, ``{"node", "player", "move",
      "probability"}`` (``player`` is ``"chance"`` at chance nodes);
    * ``label`` (move-order games): the profile played, e.g.
      ``"(build, align, supply)"``, and ``outcomes``: each named outcome's
      probability.
    """
    tree = result.tree
    items = []
    for eq in result.equilibria:
        path: dict = {player: [] for player in tree.players}
        steps = []
        for node, move, probability in eq.path(tree):
            who = "chance" if tree.nodes[node].is_chance else tree.players[tree.nodes[node].player]
            name = tree.nodes[node].moves[move]
            if who != "chance":
                path[who].append(name)
            steps.append({"node": tree.nodes[node].name, "player": who, "move": name, "probability": float(probability)})
        item = {}
        if tree.leaf_profiles is not None:
            path = {player: moves[0] for player, moves in path.items()}
            item["label"] = _profile_label(tree, eq)
        item.update({
            "path": path,
            "payoffs": {player: float(v) for player, v in zip(tree.players, eq.payoffs)},
            "strategies": _strategies(tree, eq),
            "steps": steps,
        })
        if tree.outcomes:
            item["outcomes"] = eq.outcome_probabilities(tree)
        items.append(item)
    return items


# -- comparison of move orders ----------------------------------------------


def _range_text(low: float, high: float, signed: bool = False) -> str:
    fmt = (lambda x: ("+" if x > 0 and number(x) != "0" else "") + number(x)) if signed else number
    return fmt(low) if number(low) == number(high) else f"{fmt(low)}..{fmt(high)}"


def comparison_rows(comparison: Comparison) -> list[list[str]]:
    """The comparison table as rows (header first): play, outcome, each player's payoff, each player's gain."""
    game = comparison.game
    players = game.players
    rows = [["play", "outcome"] + list(players) + [f"gain {p}" for p in players]]
    sim = comparison.simultaneous
    rows.append(
        ["simultaneous", " or ".join(game.profile_label(p) for p in sim) or "no pure equilibrium"]
        + [_range_text(*_span(comparison.simultaneous_payoffs[:, p])) if sim else "-" for p in range(len(players))]
        + ["0" if sim else "-"] * len(players)
    )
    for outcome in comparison.orders:
        rows.append(
            [" -> ".join(outcome.order), " or ".join(game.profile_label(p) for p in outcome.profiles)]
            + [_range_text(*_span(outcome.payoffs[:, p])) for p in range(len(players))]
            + [_range_text(*outcome.gain[p], signed=True) if outcome.gain is not None else "-" for p in range(len(players))]
        )
    return rows


def first_mover_lines(comparison: Comparison) -> list[str]:
    """Per player, the value of moving first: its gain range in the orders it leads, or why there is none."""
    lines = []
    for p, player in enumerate(comparison.game.players):
        value = comparison.first_mover_value(p)
        if value is None:
            why = ("no pure equilibrium in simultaneous play" if not comparison.simultaneous
                   else "no compared order starts with this player")
            lines.append(f"{player}: - ({why})")
        else:
            lines.append(f"{player}: {_range_text(*value, signed=True)}")
    return lines


def show_comparison(comparison: Comparison) -> str:
    """Simultaneous play and each move order side by side, with each player's gain.

    Returns
    -------
    str
    """
    game = comparison.game
    lines = [game.title or "Game"]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()))
    lines.append(
        "Outcome of simultaneous play (pure Nash equilibria) and of each move order (subgame-perfect "
        "equilibrium paths); 'gain' is the payoff minus the payoff in simultaneous play."
    )
    lines.append("")
    rows = comparison_rows(comparison)
    lines += table_lines(rows)
    lines.append("")
    lines.append("Value of moving first (gain in the orders the player leads):")
    lines += ["  " + line for line in first_mover_lines(comparison)]
    if any(not o.result.complete for o in comparison.orders):
        lines.append("")
        lines.append("Note: ties produced more subgame-perfect equilibria than listed in some order.")
    return "\n".join(lines)


def _span(values: np.ndarray) -> tuple[float, float]:
    return float(values.min()), float(values.max())


def comparison_dict(comparison: Comparison) -> dict:
    """A comparison as plain JSON types.

    ``simultaneous`` and each item of ``orders`` list ``outcomes``, each with
    the ``profile`` (player -> strategy) and ``payoffs``; each order also has
    ``gain`` (player -> ``[low, high]``, or null without a pure simultaneous
    equilibrium) and ``complete``.  ``first_mover_value`` maps each player to
    ``[low, high]`` or null.
    """
    game = comparison.game
    players = game.players

    def outcomes(profiles, payoffs):
        return [
            {
                "profile": {pl: game.strategies[i][s] for i, (pl, s) in enumerate(zip(players, profile))},
                "payoffs": {pl: float(v) for pl, v in zip(players, row)},
            }
            for profile, row in zip(profiles, payoffs)
        ]

    return {
        "game": game.title,
        "players": list(players),
        "parameters": dict(game.parameters),
        "tol": comparison.tol,
        "simultaneous": {"outcomes": outcomes(comparison.simultaneous, comparison.simultaneous_payoffs)},
        "orders": [
            {
                "order": list(o.order),
                "outcomes": outcomes(o.profiles, o.payoffs),
                "gain": None if o.gain is None else {pl: [float(a), float(b)] for pl, (a, b) in zip(players, o.gain)},
                "complete": o.result.complete,
            }
            for o in comparison.orders
        ],
        "first_mover_value": {
            pl: (None if (v := comparison.first_mover_value(p)) is None else list(v)) for p, pl in enumerate(players)
        },
    }


# -- pictures -----------------------------------------------------------------


def _layout(tree: GameTree) -> tuple[np.ndarray, np.ndarray]:
    x = np.zeros(tree.n_nodes)
    y = np.zeros(tree.n_nodes)
    for i, node in enumerate(tree.nodes):
        if node.parent >= 0:
            y[i] = y[node.parent] - 1
    # Leaves left to right in depth-first order, so that edges never cross.
    stack, column = [0], 0
    while stack:
        i = stack.pop()
        if tree.nodes[i].is_terminal:
            x[i], column = column, column + 1
        stack.extend(reversed(tree.nodes[i].children))
    for i in reversed(range(tree.n_nodes)):
        children = tree.nodes[i].children
        if children:
            x[i] = (x[children[0]] + x[children[-1]]) / 2
    return x, y


def _short_names(players) -> list[str]:
    """Each player's initial when the initials tell the players apart, else the full names (leaf labels stay narrow)."""
    initials = [name[:1].upper() for name in players]
    return initials if len(set(initials)) == len(initials) and all(initials) else list(players)


def plot_tree(tree: GameTree, path, equilibrium: SubgamePerfectEquilibrium | None = None, title: str | None = None,
              overwrite: bool = False):
    """Draw the tree and write it to ``path`` (``.png``, ``.svg`` or ``.pdf``).

    Moves label the edges; the equilibrium's moves are drawn bold and the
    path it follows in red; nodes of one information set are joined by a
    dashed line; leaves show the payoffs in player order.

    Parameters
    ----------
    tree : GameTree
    path : str or pathlib.Path
        Output file; written through a temporary file in the same folder.
    equilibrium : SubgamePerfectEquilibrium, optional
    title : str, optional
        Default the tree's title.
    overwrite : bool
        Replace an existing file at ``path``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    GameFileError
        If the file name does not end in a picture format
        (:data:`~gametheory_re.presenters.pictures.PICTURE_FORMATS`), the
        file exists and not ``overwrite``, or it cannot be written.
    UnsupportedError
        If the tree has more than :data:`MAX_PLOT_LEAVES` leaves.
    """
    path = Path(path)
    fmt = picture_format(path)
    check_target(path, overwrite)
    fig = tree_figure(tree, equilibrium, title)
    with replacing(path, "wb", overwrite=overwrite) as handle:
        fig.savefig(handle, format=fmt, bbox_inches="tight", metadata=reproducible_metadata(fmt))
    return fig


def tree_figure(tree: GameTree, equilibrium: SubgamePerfectEquilibrium | None = None, title: str | None = None):
    """The picture of :func:`plot_tree` as a matplotlib figure (Agg canvas), not written anywhere.

    Raises
    ------
    UnsupportedError
        If the tree has more than :data:`MAX_PLOT_LEAVES` leaves.
    """
    if tree.n_leaves > MAX_PLOT_LEAVES:
        raise UnsupportedError(f"the tree has {tree.n_leaves} leaves; pictures are drawn for at most {MAX_PLOT_LEAVES}")
    # Imported here: matplotlib is slow to import and only pictures need it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    x, y = _layout(tree)
    depth = tree.depth()
    fig = Figure(figsize=(min(60.0, max(6.0, 1.1 * tree.n_leaves)), max(3.0, 1.6 * (depth + 1))))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    reach = np.zeros(tree.n_nodes)
    if equilibrium is not None:
        reach[list(tree.leaf_nodes)] = equilibrium.leaf_probabilities
        for i in reversed(range(tree.n_nodes)):
            if tree.nodes[i].children:
                reach[i] = max(reach[c] for c in tree.nodes[i].children)
    shorts = _short_names(tree.players)
    plain, chosen, onpath = [], [], []
    small = 7 if tree.n_leaves > 30 else 9
    for i, node in enumerate(tree.nodes):
        for k, (move, c) in enumerate(zip(node.moves, node.children)):
            segment = [(x[i], y[i]), (x[c], y[c])]
            picked = equilibrium is not None and node.is_decision and equilibrium.choices[i] == k
            if reach[c] > 0 and (picked or node.is_chance):
                onpath.append(segment)
            elif picked:
                chosen.append(segment)
            else:
                plain.append(segment)
            text = move if not node.is_chance else f"{move} ({number(tree.probabilities[i][k])})"
            # Nearer the child than the parent, where sibling edges are further apart, and
            # on the outer side of its edge, so the labels of sibling moves never meet.
            side = "right" if x[c] < x[i] - 1e-9 else "left" if x[c] > x[i] + 1e-9 else "center"
            ax.text(0.45 * x[i] + 0.55 * x[c], 0.45 * y[i] + 0.55 * y[c], text, fontsize=small, ha=side, va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.add_collection(LineCollection(plain, colors="0.6", linewidths=1))
    ax.add_collection(LineCollection(chosen, colors="black", linewidths=2.2))
    ax.add_collection(LineCollection(onpath, colors="tab:red", linewidths=2.8))
    for infoset in tree.infosets:
        if len(infoset.nodes) > 1:
            members = sorted(infoset.nodes, key=lambda n: x[n])
            ax.plot(x[members], y[members], linestyle="--", color="tab:blue", linewidth=1)
    for i, node in enumerate(tree.nodes):
        if node.is_terminal:
            ax.plot(x[i], y[i], "s", color="0.3", markersize=3)
            ax.text(x[i], y[i] - 0.1, "\n".join(f"{short} {number(v)}" for short, v in zip(shorts, tree.payoffs[node.leaf])),
                    fontsize=small, ha="center", va="top")
        else:
            who = "chance" if node.is_chance else tree.players[node.player]
            ax.plot(x[i], y[i], "o", color="tab:blue" if node.is_decision else "tab:green", markersize=6)
            ax.text(x[i], y[i] + 0.1, who, fontsize=small + 1, ha="center", va="bottom", weight="bold")
    ax.set_xlim(x.min() - 0.7, x.max() + 0.7)
    ax.set_ylim(y.min() - 0.25 * (tree.n_players + 1), 0.5)
    ax.set_axis_off()
    caption = "Payoffs at each leaf: " + ", ".join(f"{short} = {name}" if short != name else name
                                                    for short, name in zip(shorts, tree.players))
    if equilibrium is not None:
        caption += "; bold: subgame-perfect choices; red: equilibrium path"
    if tree.parameters:
        caption += "\n" + textwrap.fill("At " + ", ".join(f"{k}={number(v)}" for k, v in tree.parameters.items()), 140)
    ax.set_title((title or tree.title or "Game tree") + "\n" + caption, fontsize=10)
    return fig
