"""gametheory_re: game-theoretic strategy solver for critical-mineral supply chains.

Load a game file, evaluate it at a parameter point and find its equilibria::

    >>> import gametheory_re as gt
    >>> game = gt.load_game("us_japan_china")
    >>> result = gt.solve(game)
    >>> result.labels          # one pure and two mixed equilibria
    ['(no_build, hedge, restrict)', '(build|no_build, align, supply|restrict)', '(build|no_build, align|hedge, restrict)']
    >>> gt.solve(game, {"K": 0.15, "s": 0.5}).labels   # a cheaper chain, Japan paying half
    ['(build, align, supply)']

Every ``gtre`` command has a function of the same name here (:mod:`.api`);
``docs/api.md`` lists the whole public surface.
"""

import importlib

from . import sweep as _sweep_package  # noqa: F401 -- first, so that ``sweep`` below is the function, not the package
from ._version import __version__
from .api import (
    compare,
    convert,
    describe,
    export,
    list_games,
    show,
    solve,
    solve_tree,
    sweep,
    threshold,
    validate,
)
from .commitment import Comparison, OrderOutcome, compare_orders
from .equilibria import find_equilibria
from .errors import GameError, GameFileError, UnsupportedError
from .trees.model import GameTree
from .trees.parametric import ParametricTree
from .formats import bundled_games, load_game, write_efg, write_nfg
from .normal_form import NormalFormGame
from .options import OptionError
from .parameters import Parameter
from .parametric import ParametricGame
from .result import Conversion, Equilibrium, GameDescription, GameEntry, SequentialResult, SolveResult, Validation
from .solvers.backward_induction import SubgamePerfectEquilibrium, SubgamePerfectResult
from .solvers.dominance import Elimination
from .trees.reduced import InducedNormalForm
from .solvers.continua import Component

#: Public names from the sweep package, imported on first use: every ``gtre``
#: command imports this package, and the sweep engine would slow their cold
#: start (benchmarks/bench_cold_start.py).
_FROM_SWEEP = {"SweepResult": "summary", "SweepSummary": "summary", "Switch": "threshold", "ThresholdResult": "threshold",
               "thresholds": "threshold"}


def __getattr__(name: str):
    if name in _FROM_SWEEP:
        value = getattr(importlib.import_module(f".sweep.{_FROM_SWEEP[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_FROM_SWEEP))


__all__ = [
    "Comparison",
    "Component",
    "Conversion",
    "Elimination",
    "Equilibrium",
    "GameDescription",
    "GameEntry",
    "GameError",
    "GameFileError",
    "GameTree",
    "InducedNormalForm",
    "NormalFormGame",
    "OptionError",
    "OrderOutcome",
    "Parameter",
    "ParametricGame",
    "ParametricTree",
    "SequentialResult",
    "SolveResult",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectResult",
    "SweepResult",
    "SweepSummary",
    "Switch",
    "ThresholdResult",
    "UnsupportedError",
    "Validation",
    "__version__",
    "bundled_games",
    "compare",
    "compare_orders",
    "convert",
    "describe",
    "export",
    "find_equilibria",
    "list_games",
    "load_game",
    "show",
    "solve",
    "solve_tree",
    "sweep",
    "threshold",
    "thresholds",
    "validate",
    "write_efg",
    "write_nfg",
]
