"""Numeric games (read from Gambit files) as parametric games without parameters."""

from __future__ import annotations

import numpy as np

from ..errors import escape_unprintable
from ..normal_form import NormalFormGame
from ..parametric import Outcome, ParametricGame
from ..parameters import to_rational
from ..trees.model import GameTree
from ..trees.parametric import ParametricTree


def _rationals(values: np.ndarray, source: str) -> np.ndarray:
    """Exact sympy numbers for float payoffs: each the decimal it prints as."""
    exact = np.empty(values.shape, dtype=object)
    for index, value in np.ndenumerate(values):
        exact[index] = to_rational(float(value), source, "payoffs")
    return exact


def from_normal_form(game: NormalFormGame, source: str = "<game>") -> ParametricGame:
    """Wrap a numeric game as a parametric game without parameters."""
    exact = game.exact_payoffs if game.exact_payoffs is not None else _rationals(game.payoffs, source)
    outcomes = {name: Outcome(name, "", "", np.asarray(mask, dtype=bool)) for name, mask in game.outcomes.items()}
    return ParametricGame(
        title=game.title,
        players=game.players,
        strategies=game.strategies,
        payoffs=exact,
        outcomes=outcomes,
        source=escape_unprintable(source),
    )


def from_game_tree(tree: GameTree, source: str = "<tree>") -> ParametricTree:
    """Wrap a numeric tree (e.g. read from ``.efg``) as a parametric tree without parameters."""
    exact = tree.exact_payoffs if tree.exact_payoffs is not None else _rationals(tree.payoffs, source)
    probabilities = tree.exact_probabilities or {
        node: tuple(to_rational(float(p), source, "probabilities") for p in ps) for node, ps in tree.probabilities.items()
    }
    return ParametricTree(
        title=tree.title,
        players=tree.players,
        nodes=tree.nodes,
        infosets=tree.infosets,
        payoffs=exact,
        probabilities=dict(probabilities),
        source=escape_unprintable(source),
    )
