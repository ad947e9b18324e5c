"""Plain-text views of games and solve results, for the terminal."""

from __future__ import annotations

import itertools

import numpy as np

from ..trees.parametric import ParametricTree
from ..normal_form import NormalFormGame
from ..parametric import ParametricGame
from ..labels import profile_label
from ..result import Equilibrium, GameDescription, GameEntry, SequentialResult, SolveResult, Validation
from .tables import number, table_lines
from .tree import describe_tree, show_subgame_perfect, show_tree, subgame_perfect_note


def show_entry(entry: GameEntry) -> str:
    """One line of ``gtre list``: name, shape and title.

    Examples
    --------
    >>> from gametheory_re import list_games
    >>> show_entry(next(e for e in list_games() if e.name == "us_china")).split()[:2]
    ['us_china', '2x2']
    """
    game = entry.game
    shape = f"tree, {game.n_leaves} leaves" if isinstance(game, ParametricTree) else "x".join(str(n) for n in game.shape)
    return f"{entry.name:28} {shape:16} {game.title}"


def show_validation(validation: Validation) -> str:
    """The line ``gtre validate`` prints for a valid game.

    Examples
    --------
    >>> from gametheory_re import validate
    >>> show_validation(validate("prisoners_dilemma")).split(": ")[-1]
    "'Prisoner's dilemma', 2 players (Row, Column), 2x2 strategies, 0 parameters, 1 outcomes"
    """
    game = validation.game
    if isinstance(game, ParametricTree):
        return f"ok: {validation.source}: {describe_tree(game)}"
    shape = "x".join(str(n) for n in game.shape)
    line = (
        f"ok: {validation.source}: '{game.title}', {game.n_players} players "
        f"({', '.join(game.players)}), {shape} strategies, "
        f"{len(game.parameters)} parameters, {len(game.outcomes)} outcomes"
    )
    dynamics = game.dynamics
    if dynamics is not None:
        order = "" if dynamics.order is None else ", played in turn"
        line += (f"; dynamics: {len(dynamics.state)} state parameters ({', '.join(dynamics.state)}), "
                 f"{dynamics.periods} periods, select {dynamics.select}{order}")
    return line


def show_description(description: GameDescription) -> str:
    """What ``gtre show`` prints: the tree, or the payoff matrices with best responses marked.

    Examples
    --------
    >>> from gametheory_re import show
    >>> print(show_description(show("prisoners_dilemma")).splitlines()[-1])
    defect            5*, 0  1*, 1* NE
    """
    if description.best_responses is None:
        return show_tree(description.numeric)
    return show_game(description.numeric, description.best_responses, description.nash_cells)


def show_game(game: NormalFormGame, marks: np.ndarray, nash: np.ndarray | None = None) -> str:
    """The payoff matrices, best responses marked with ``*`` and pure Nash equilibria with ``NE``.

    Rows are the first player's strategies and columns the second's; a game
    with more players is shown as one matrix per strategy profile of the
    others.  Each cell lists every player's payoff, in player order.

    Parameters
    ----------
    game : NormalFormGame
    marks : numpy.ndarray
        Booleans of the shape of ``game.payoffs``: which payoffs are best
        responses (:func:`~gametheory_re.solvers.best_response.best_response_marks`).
    nash : numpy.ndarray, optional
        Booleans of the shape of a profile: the cells to mark ``NE`` (every
        payoff a best response: :attr:`~gametheory_re.result.GameDescription.nash_cells`).
    """
    cell = lambda s: ", ".join(
        number(game.payoffs[(p,) + s]) + ("*" if marks[(p,) + s] else "") for p in range(game.n_players)
    ) + (" NE" if nash is not None and nash[s] else "")
    lines = [game.title or "Game", "Players: " + ", ".join(game.players)]
    if game.parameters:
        lines.append("Parameters: " + ", ".join(f"{k}={number(v)}" for k, v in game.parameters.items()))
    lines.append("Cells list payoffs (" + ", ".join(game.players) + "); * marks a best response"
                 + ("; NE a pure Nash equilibrium (every payoff a best response)." if nash is not None else "."))
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


def parameter_rows(game) -> list[list[str]]:
    """The parameters as rows (header first): name, default, bounds, unit, description, source."""
    rows = [["parameter", "default", "bounds", "unit", "description", "source"]]
    for p in game.parameters.values():
        bounds = f"[{'' if p.minimum is None else number(float(p.minimum))}, {'' if p.maximum is None else number(float(p.maximum))}]"
        rows.append([p.name, number(float(p.default)), bounds, p.unit, p.description, p.source])
    return rows


def describe_parameters(game: ParametricGame) -> str:
    """The parameters with defaults, bounds, units and descriptions."""
    if not game.parameters:
        return "Parameters: none"
    return "\n".join(table_lines([row[:5] for row in parameter_rows(game)]))


def _strategy_text(game: NormalFormGame, player: int, probs: np.ndarray) -> str:
    support = np.flatnonzero(probs)
    if len(support) == 1:
        return game.strategies[player][support[0]]
    return " + ".join(f"{number(probs[i])} {game.strategies[player][i]}" for i in support)


def _outcome_text(eq: Equilibrium, name: str) -> str:
    holds = eq.outcome_holds(name)
    if holds is None:
        return f"holds with probability {number(eq.outcome_probabilities[name])}"
    return "holds" if holds else "does not hold"


#: Weakly dominated strategies the text names (JSON lists them all).
SHOWN_WEAK = 8

#: Pareto-dominating profiles named in the text of one equilibrium (JSON lists them all).
SHOWN_DOMINATORS = 3


def dominators_text(game: NormalFormGame, dominators, pure_labels) -> str:
    """The profiles that Pareto-dominate an equilibrium, each said to be an equilibrium or not (the first few)."""
    named = []
    for profile in dominators[:SHOWN_DOMINATORS]:
        label = profile_label(game.strategies, profile)
        named.append(label + (", an equilibrium" if label in pure_labels else ", not an equilibrium"))
    more = len(dominators) - SHOWN_DOMINATORS
    return "; ".join(named) + (f"; and {more} more profile{'s' if more > 1 else ''}" if more > 0 else "")


def show_result(result: SolveResult, verbose: bool = False) -> str:
    """The equilibria, their payoffs, and notes, as text; with ``verbose`` each player's regret and the tolerance.

    Every equilibrium is checked by its regrets either way: the default
    text says so in words, for a class; ``verbose`` (``--verbose``) prints
    the numbers.
    """
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
        + (f". Each player's regret is at most tol={result.tol:.3g}." if verbose else
           ". Each is checked: no player gains by changing strategy alone (up to round-off; --verbose gives the "
           "regrets and the tolerance).")
    )
    pure_labels = {eq.label(game) for eq in result.equilibria if eq.is_pure}
    for k, eq in enumerate(result.equilibria, 1):
        tags = ["pure" if eq.is_pure else "mixed"]
        if eq.pareto_dominators:
            # Every player at least as well off, someone better off, at these pure profiles.
            tags.append("Pareto-dominated by " + dominators_text(game, eq.pareto_dominators, pure_labels))
        elif eq.pareto_dominated:
            tags.append("Pareto-dominated by another equilibrium")
        lines.append("")
        # With probabilities, as sweep tables label it; the table below gives them in full.
        lines.append(f"Equilibrium {k}: {eq.probability_label(game)}  [{'; '.join(tags)}]")
        rows = [["player", "strategy", "payoff"] + (["regret"] if verbose else [])]
        for p, name in enumerate(game.players):
            rows.append([name, _strategy_text(game, p, eq.profile[p]), number(eq.payoffs[p])]
                        + ([f"{eq.regrets[p]:.1e}"] if verbose else []))
        lines += ["  " + line for line in table_lines(rows)]
        if eq.exact_profile is not None:
            for p, name in enumerate(game.players):
                exact = ", ".join(f"{s}={v}" for s, v in zip(game.strategies[p], eq.exact_profile[p]))
                lines.append(f"  exact {name}: {exact}")
        if eq.outcome_probabilities:
            lines.append("  outcomes: " + "; ".join(
                f"{name} {_outcome_text(eq, name)}" for name in eq.outcome_probabilities
            ))
    for k, component in enumerate(result.components, 1):
        lines.append("")
        supports = profile_label(game.strategies, component.supports)
        lines.append(f"Continuum {k} of equilibria {supports}, dimension {component.dimension}:")
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
    if not result.eliminations:
        # Said, not left out: "nothing is dominated" is itself a lesson (battle of the sexes, pennies).
        lines += ["", "Iterated elimination of strictly dominated strategies: no strategy is strictly dominated."]
    if result.weak_dominance:
        lines += ["", "Weak dominance (reported, not eliminated: removing weakly dominated strategies can remove "
                      "equilibria, and what survives depends on the order):"]
        lines += [f"  {game.players[w.player]}: {game.strategies[w.player][w.strategy]} is weakly dominated by "
                  f"{game.strategies[w.player][w.dominator]} (never worse, better against {w.better} of the others' "
                  f"pure profiles)" for w in result.weak_dominance[:SHOWN_WEAK]]
        if len(result.weak_dominance) > SHOWN_WEAK:
            lines.append(f"  and {len(result.weak_dominance) - SHOWN_WEAK} more (--json lists them all)")
    if result.notes:
        lines.append("")
        lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines)


def _others_text(game: NormalFormGame, eq: Equilibrium, player: int) -> str:
    parts = [f"{game.players[q]} {_strategy_text(game, q, eq.profile[q])}" for q in range(game.n_players) if q != player]
    return ", ".join(parts)


def _values_text(game: NormalFormGame, player: int, values, members) -> str:
    return ", ".join(f"{game.strategies[player][k]} {number(float(values[k]))}" for k in members)


def explanation(result: SolveResult) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The reasoning of :func:`explain_result` as sentences: the dominance ones, then per equilibrium its label and lines.

    The text and HTML views (``gtre solve --explain``, ``gtre report``) say the same words.
    """
    game = result.game
    if result.eliminations:
        dominance = ["Strict dominance removes, step by step:"]
        for step in result.eliminations:
            by = " + ".join((f"{number(w)} " if len(step.dominator) > 1 else "") + game.strategies[step.player][t]
                            for t, w in step.dominator.items())
            dominance.append(f"{game.players[step.player]}'s {game.strategies[step.player][step.strategy]}: "
                             f"{by} pays more against everything the others may play (by at least {number(step.margin)}).")
    else:
        dominance = ["No strategy is strictly dominated: dominance alone does not decide this game."]
    reasons = []
    for eq in result.equilibria:
        lines = []
        for p, player in enumerate(game.players):
            values = eq.strategy_values[p]
            support = [int(i) for i in np.flatnonzero(eq.profile[p])]
            outside = [i for i in range(len(values)) if i not in support]
            against = _others_text(game, eq, p)
            if len(support) == 1:
                line = (f"{player} plays {game.strategies[p][support[0]]}, worth {number(float(values[support[0]]))} "
                        f"against {against}")
                line += f"; deviating would pay {_values_text(game, p, values, outside)}: no better." if outside else "."
            else:
                line = (f"{player} mixes {_strategy_text(game, p, eq.profile[p])}: against {against}, its strategies "
                        f"pay the same ({_values_text(game, p, values, support)}), so any mix of them is a best "
                        "response")
                line += f"; the rest pay no more ({_values_text(game, p, values, outside)})." if outside else "."
                if eq.exact_profile is not None:
                    line += " Exactly: " + ", ".join(f"{game.strategies[p][i]} {eq.exact_profile[p][i]}" for i in support) + "."
            lines.append(line)
        if any(np.count_nonzero(x) > 1 for x in eq.profile):
            lines.append("Each mix is the one that makes the other players indifferent: a player's probabilities "
                         "are set by the others' payoffs, not by its own.")
        reasons.append((eq.probability_label(game), lines))
    return dominance, reasons


def explain_result(result: SolveResult) -> str:
    """Why each equilibrium is one, in words (``gtre solve --explain``).

    Dominance first (the steps, or that there are none), then per
    equilibrium and player: the payoff of each strategy against the others'
    play, so a reader sees the best response (pure) or the indifference
    that the others' mix creates (mixed).
    """
    dominance, reasons = explanation(result)
    lines = ["Why these are the equilibria", "", dominance[0]] + ["  " + line for line in dominance[1:]]
    if not reasons:
        lines += ["", "No equilibrium was found (see the notes above)."]
    for k, (label, why) in enumerate(reasons, 1):
        lines += ["", f"Equilibrium {k}: {label}"] + ["  " + line for line in why]
    return "\n".join(lines)


def show_sequential(result: SequentialResult, normal_form: bool = False, verbose: bool = False) -> str:
    """Subgame-perfect equilibria with the tree; the reduced normal form's equilibria counted, or listed with ``normal_form``.

    A tree with information sets has no subgame-perfect answer here, so its
    normal form's equilibria are always listed.
    """
    parts = []
    if result.subgame_perfect is not None:
        parts.append(show_subgame_perfect(result.subgame_perfect))
        if not normal_form:
            n = len(result.nash.equilibria)
            perfect = sum(1 for m in result.marks if m)
            parts.append(f"The reduced normal form has {n} Nash equilibri{'um' if n == 1 else 'a'}, {perfect} of them "
                         "marked subgame perfect; the others rest on threats that would not be carried out "
                         "(--normal-form lists them all).")
            return "\n\n".join(parts)
    else:
        parts.append("The tree has information sets: subgame-perfect equilibria are not computed.")
        parts.append(show_tree(result.tree))
    parts.append("Nash equilibria of the reduced normal form:")
    parts.append(show_result(result.nash, verbose=verbose))
    parts.append(subgame_perfect_note(result.marks))
    return "\n\n".join(parts)
