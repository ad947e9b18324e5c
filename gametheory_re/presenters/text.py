"""Plain-text views of games and solve results, for the terminal."""

from __future__ import annotations

import itertools

import numpy as np

from ..normal_form import NormalFormGame
from ..parametric import ParametricGame
from ..result import SolveResult
from ..solvers.regret import default_tol


def number(x: float) -> str:
    """A payoff or probability, short: 0.914, -1.75, 1e-12."""
    if abs(x) < 5e-13:
        x = 0.0
    text = f"{x:.6g}" if abs(x) >= 1e-4 or x == 0 else f"{x:.3g}"
    return "0" if text == "-0" else text


def table_lines(rows: list[list[str]]) -> list[str]:
    """Rows of cells as aligned text lines, a rule under the header row."""
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = []
    for i, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) if _numeric(cell) else cell.ljust(w) for cell, w in zip(row[1:], widths[1:])
        ]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _numeric(cell: str) -> bool:
    try:
        float(cell.split(",")[0].rstrip("*"))
    except ValueError:
        return False
    return True


def best_response_marks(payoffs: np.ndarray, tol: float) -> np.ndarray:
    """``marks[p][s]``: player p's strategy at profile s is a best response to the others'."""
    return np.stack([payoffs[p] >= payoffs[p].max(axis=p, keepdims=True) - tol for p in range(payoffs.shape[0])])


def show_game(game: NormalFormGame) -> str:
    """The payoff matrices, best responses marked with ``*``.

    Rows are the first player's strategies and columns the second's; a game
    with more players is shown as one matrix per strategy profile of the
    others.  Each cell lists every player's payoff, in player order.
    """
    marks = best_response_marks(game.payoffs, default_tol(game.payoffs))
    cell = lambda s: ", ".join(
        number(game.payoffs[(p,) + s]) + ("*" if marks[(p,) + s] else "") for p in range(game.n_players)
    )
    lines = [game.title or "Game", "Players: " + ", ".join(game.players)]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()))
    lines.append("Cells list payoffs (" + ", ".join(game.players) + "); * marks a best response.")
    if game.n_players == 1:
        lines.append("")
        lines += table_lines([[game.players[0], "payoff"]] + [[s, cell((i,))] for i, s in enumerate(game.strategies[0])])
        return "\n".join(lines)
    rest = range(2, game.n_players)
    for others in itertools.product(*(range(len(game.strategies[p])) for p in rest)):
        lines.append("")
        if others:
            lines.append("When " + ", ".join(f"{game.players[p]} plays {game.strategies[p][i]}" for p, i in zip(rest, others)) + ":")
        header = [f"{game.players[0]} \\ {game.players[1]}"] + list(game.strategies[1])
        rows = [header]
        for i, s0 in enumerate(game.strategies[0]):
            rows.append([s0] + [cell((i, j) + others) for j in range(len(game.strategies[1]))])
        lines += table_lines(rows)
    return "\n".join(lines)


def describe_parameters(game: ParametricGame) -> str:
    """The parameters with defaults, bounds, units and descriptions."""
    if not game.parameters:
        return "Parameters: none"
    rows = [["parameter", "default", "bounds", "unit", "description"]]
    for p in game.parameters.values():
        bounds = f"[{'' if p.minimum is None else number(float(p.minimum))}, {'' if p.maximum is None else number(float(p.maximum))}]"
        rows.append([p.name, number(float(p.default)), bounds, p.unit, p.description])
    return "\n".join(table_lines(rows))


def _strategy_text(game: NormalFormGame, player: int, probs: np.ndarray) -> str:
    support = np.flatnonzero(probs)
    if len(support) == 1:
        return game.strategies[player][support[0]]
    return " + ".join(f"{number(probs[i])} {game.strategies[player][i]}" for i in support)


def _outcome_text(probability: float, tol: float) -> str:
    if probability >= 1 - tol:
        return "holds"
    if probability <= tol:
        return "does not hold"
    return f"holds with probability {number(probability)}"


def show_result(result: SolveResult) -> str:
    """The equilibria, their payoffs and regrets, and notes, as text."""
    game = result.game
    lines = [game.title or "Game"]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()))
    n = len(result.equilibria)
    pure = len(result.pure)
    continua = f" and {len(result.components)} continu{'um' if len(result.components) == 1 else 'a'}" if result.components else ""
    lines.append(
        f"{n} equilibri{'um' if n == 1 else 'a'}{continua} found ({pure} pure, {n - pure} mixed)"
        + ("" if result.complete else "; the list may be incomplete (see notes)")
        + f". Each player's regret is at most tol={result.tol:.3g}."
    )
    for k, eq in enumerate(result.equilibria, 1):
        tags = ["pure" if eq.is_pure else "mixed"]
        if eq.pareto_dominated:
            tags.append("Pareto-dominated by another equilibrium")
        lines.append("")
        lines.append(f"Equilibrium {k}: {eq.label(game)}  [{'; '.join(tags)}]")
        rows = [["player", "strategy", "payoff", "regret"]]
        for p, name in enumerate(game.players):
            rows.append([name, _strategy_text(game, p, eq.profile[p]), number(eq.payoffs[p]), f"{eq.regrets[p]:.1e}"])
        lines += ["  " + line for line in table_lines(rows)]
        if eq.exact_profile is not None:
            for p, name in enumerate(game.players):
                exact = ", ".join(f"{s}={v}" for s, v in zip(game.strategies[p], eq.exact_profile[p]))
                lines.append(f"  exact {name}: {exact}")
        if eq.outcome_probabilities:
            lines.append("  outcomes: " + "; ".join(
                f"{name} {_outcome_text(v, result.tol)}" for name, v in eq.outcome_probabilities.items()
            ))
    for k, component in enumerate(result.components, 1):
        lines.append("")
        supports = ", ".join(
            "|".join(game.strategies[p][i] for i in s) for p, s in enumerate(component.supports)
        )
        lines.append(f"Continuum {k} of equilibria ({supports}), dimension {component.dimension}:")
        lines += ["  " + line for line in component.description.splitlines()]
    if result.eliminations:
        lines.append("")
        lines.append("Iterated elimination of strictly dominated strategies:")
        for step in result.eliminations:
            by = " + ".join(
                (f"{number(w)} " if len(step.dominator) > 1 else "") + game.strategies[step.player][t]
                for t, w in step.dominator.items()
            )
            lines.append(f"  {game.players[step.player]}: {game.strategies[step.player][step.strategy]} is dominated by {by} (margin {number(step.margin)})")
        lines.append("  surviving: " + "; ".join(
            f"{game.players[p]} {{{', '.join(game.strategies[p][i] for i in s)}}}" for p, s in enumerate(result.surviving)
        ))
    if result.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines)


def show_sequential(result) -> str:
    """Subgame-perfect equilibria with the tree, then the reduced normal form's equilibria."""
    from .tree import show_subgame_perfect, show_tree, subgame_perfect_note

    parts = []
    if result.subgame_perfect is not None:
        parts.append(show_subgame_perfect(result.subgame_perfect))
    else:
        parts.append("The tree has information sets: subgame-perfect equilibria are not computed.")
        parts.append(show_tree(result.tree))
    parts.append("Nash equilibria of the reduced normal form:")
    parts.append(show_result(result.nash))
    parts.append(subgame_perfect_note(result.marks))
    return "\n\n".join(parts)
