"""JSON-ready dictionaries of solve results, for scripting."""

from __future__ import annotations

from ..result import SolveResult


def result_dict(result: SolveResult, source: str = "") -> dict:
    """A solve result as plain JSON types.

    The object has ``players`` (names, in order) and ``equilibria``; each
    equilibrium maps every player to a mapping from every strategy name to
    its probability (``strategies``), and gives every player's ``payoffs`` and
    ``regret``.  Exact probabilities, when computed, are strings under
    ``exact_strategies``.
    """
    game = result.game
    equilibria = []
    for eq in result.equilibria:
        item = {
            "label": eq.label(game),
            "pure": eq.is_pure,
            "strategies": {
                player: {s: float(p) for s, p in zip(game.strategies[i], eq.profile[i])}
                for i, player in enumerate(game.players)
            },
            "payoffs": {player: float(eq.payoffs[i]) for i, player in enumerate(game.players)},
            "regret": {player: float(eq.regrets[i]) for i, player in enumerate(game.players)},
            "pareto_dominated": eq.pareto_dominated,
            "outcomes": dict(eq.outcome_probabilities),
        }
        if eq.exact_profile is not None:
            item["exact_strategies"] = {
                player: {s: str(v) for s, v in zip(game.strategies[i], eq.exact_profile[i])}
                for i, player in enumerate(game.players)
            }
        equilibria.append(item)
    return {
        "game": game.title,
        "source": source,
        "players": list(game.players),
        "strategies": {p: list(s) for p, s in zip(game.players, game.strategies)},
        "parameters": dict(game.parameters),
        "tol": result.tol,
        "complete": result.complete,
        "degenerate": result.degenerate,
        "method": result.method,
        "notes": list(result.notes),
        "equilibria": equilibria,
        "dominance": {
            "surviving": {
                game.players[p]: [game.strategies[p][i] for i in s] for p, s in enumerate(result.surviving)
            },
            "eliminated": [
                {
                    "player": game.players[step.player],
                    "strategy": game.strategies[step.player][step.strategy],
                    "dominated_by": {game.strategies[step.player][t]: w for t, w in step.dominator.items()},
                    "margin": step.margin,
                }
                for step in result.eliminations
            ],
        },
    }
