"""JSON-ready dictionaries of solve results, for scripting."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..labels import profile_label
from ..result import SequentialResult, SolveResult

if TYPE_CHECKING:  # the sweep engine is imported only by the commands that sweep (cold start)
    from ..sweeps.summary import SweepSummary
    from ..sweeps.threshold import ThresholdResult
from .tree import subgame_perfect_dicts


def json_value(value):
    """A number, text or None as JSON holds it: NaN as None, numpy numbers as Python ones.

    Examples
    --------
    >>> json_value(float("nan")), json_value(3), json_value(0.5), json_value("x")
    (None, 3, 0.5, 'x')
    """
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return None
    return int(number) if isinstance(value, int) else number


def result_dict(result: SolveResult, source: str = "") -> dict:
    """A solve result as plain JSON types.

    The object has ``players`` (names, in order) and ``equilibria``; each
    equilibrium has a ``label`` with each mixing player's probabilities
    rounded to 2 decimals (as sweep tables print it) and a ``support``
    label without them, maps every player to a mapping from every strategy
    name to its probability (``strategies``), and gives every player's
    ``payoffs`` and ``regret``.  Exact probabilities, when computed, are
    strings under ``exact_strategies``.

    Examples
    --------
    >>> from gametheory_re import solve
    >>> [eq] = result_dict(solve("us_china", {"rho": 0.3}))["equilibria"]
    >>> eq["label"], eq["support"]
    ('(engage 0.20|decouple 0.80, supply 0.09|restrict 0.91)', '(engage|decouple, supply|restrict)')
    """
    game = result.game
    equilibria = []
    for eq in result.equilibria:
        item = {
            "label": eq.probability_label(game),
            "support": eq.label(game),
            "pure": eq.is_pure,
            "strategies": {
                player: {s: float(p) for s, p in zip(game.strategies[i], eq.profile[i])}
                for i, player in enumerate(game.players)
            },
            "payoffs": {player: float(eq.payoffs[i]) for i, player in enumerate(game.players)},
            "regret": {player: float(eq.regrets[i]) for i, player in enumerate(game.players)},
            "strategy_values": {player: {s: float(v) for s, v in zip(game.strategies[i], eq.strategy_values[i])}
                                for i, player in enumerate(game.players)} if eq.strategy_values else {},
            "pareto_dominated": eq.pareto_dominated,
            "pareto_dominated_by": [profile_label(game.strategies, d) for d in eq.pareto_dominators],
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
        "components": [
            {
                "supports": {
                    game.players[p]: [game.strategies[p][i] for i in s] for p, s in enumerate(c.supports)
                },
                "dimension": c.dimension,
                "description": c.description,
                "sample": {
                    player: {s: float(v) for s, v in zip(game.strategies[i], c.sample[i])}
                    for i, player in enumerate(game.players)
                },
                "extreme_points": [
                    {
                        player: {s: str(v) for s, v in zip(game.strategies[i], point.exact[i])}
                        for i, player in enumerate(game.players)
                    }
                    for point in c.extreme_points
                    if point.exact is not None
                ],
            }
            for c in result.components
        ],
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
            "weakly_dominated": [
                {"player": game.players[w.player], "strategy": game.strategies[w.player][w.strategy],
                 "dominated_by": game.strategies[w.player][w.dominator]}
                for w in result.weak_dominance
            ],
        },
    }


def sequential_dict(result: SequentialResult, source: str = "", spe_only: bool = False) -> dict:
    """A sequential solve as plain JSON types.

    The normal-form keys of :func:`result_dict` describe the Nash equilibria
    of the reduced normal form (each with ``subgame_perfect``: true, false or
    null when undecided); ``subgame_perfect`` lists every subgame-perfect
    equilibrium with its ``path`` (player -> strategy taken) and ``payoffs``.
    With ``spe_only`` (``--spe-only``) only the tree's answer is kept:
    ``game``, ``source``, ``parameters``, ``subgame_perfect`` and the count
    ``normal_form_equilibria``.
    """
    if spe_only and result.subgame_perfect is not None:
        return {"game": result.tree.title, "source": source, "parameters": dict(result.tree.parameters),
                "subgame_perfect": subgame_perfect_dicts(result.subgame_perfect),
                "normal_form_equilibria": len(result.nash.equilibria)}
    data = result_dict(result.nash, source=source)
    for item, mark in zip(data["equilibria"], result.marks):
        item["subgame_perfect"] = mark
    data["game"] = result.tree.title
    data["parameters"] = dict(result.tree.parameters)
    data["subgame_perfect"] = subgame_perfect_dicts(result.subgame_perfect) if result.subgame_perfect else None
    return data


def summary_dict(summary: SweepSummary) -> dict:
    """A sweep summary as plain JSON types: ``game``, ``points``, ``parameters``,
    ``equilibria`` (the mode searched), ``mode_reason`` (which equilibria
    were searched and why), ``regimes`` (points per equilibrium support),
    ``outcomes``, and when they apply ``recomputed_chunks``, ``select``
    with ``unselected_points`` (points the rule gives no value at),
    ``out`` and ``plot``.

    Examples
    --------
    >>> from gametheory_re import sweep
    >>> data = summary_dict(sweep("us_china", ["rho=0:1:3"], collect=False).summary)
    >>> data["points"], data["parameters"], data["outcomes"]["status_quo"]
    (3, ['rho'], {'all': 1, 'some': 1, 'none': 1, 'unknown': 0})
    """
    data = {
        "game": summary.game,
        "points": summary.points,
        "parameters": list(summary.parameters),
        "equilibria": summary.equilibria,
        "mode_reason": summary.mode_reason,
        "regimes": summary.regimes,
        "outcomes": summary.outcomes,
    }
    if summary.recomputed_chunks:
        data["recomputed_chunks"] = summary.recomputed_chunks
    if summary.select is not None:
        data["select"] = summary.select
        data["unselected_points"] = summary.unselected
    if summary.out is not None:
        data["out"] = summary.out
    if summary.plot is not None:
        data["plot"] = summary.plot
    return data


def threshold_dict(result: ThresholdResult) -> dict:
    """Threshold switches as plain JSON types: ``param``, ``outcome``,
    ``equilibria`` (the mode searched), ``mode_reason`` (which equilibria
    were searched and why), ``exact`` (whether exact boundaries were
    asked for), ``notes`` and ``switches`` (each with every field of
    :class:`~gametheory_re.sweeps.threshold.Switch`: with an exact boundary,
    ``method`` is ``"exact"`` and ``formula`` the boundary's right-hand side
    in sympy syntax, ``exact_value`` exact and ``exact_float`` a float, or
    null without one; ``also`` a list).

    Examples
    --------
    >>> from gametheory_re import threshold
    >>> data = threshold_dict(threshold("us_china", "rho", "status_quo"))
    >>> data["param"], [s["value"] for s in data["switches"]]
    ('rho', [0.5])
    >>> data["mode_reason"]
    'all equilibria: batched support enumeration (2 players)'
    >>> [switch] = threshold_dict(threshold("us_china", "rho", "status_quo", exact=True))["switches"]
    >>> switch["method"], switch["formula"], switch["exact_value"], switch["exact_float"]
    ('exact', 'g - pi*q', '1/2', 0.5)
    """
    return {
        "param": result.param,
        "outcome": result.outcome,
        "equilibria": result.equilibria,
        "mode_reason": result.mode_reason,
        "exact": result.exact,
        "notes": list(result.notes),
        "switches": [_switch_dict(s) for s in result.switches],
    }


def _switch_dict(switch) -> dict:
    """Every field of a switch; a missing exact value (NaN) as null, ``also`` as a list."""
    data = dict(vars(switch))
    data["also"] = list(switch.also)
    if data["exact_float"] != data["exact_float"]:
        data["exact_float"] = None
    return data
