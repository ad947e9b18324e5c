"""gametheory_re: game-theoretic strategy solver for critical-mineral supply chains.

Load a game file, evaluate it at a parameter point and find its equilibria::

    >>> import gametheory_re as gt
    >>> game = gt.load_game("us_japan_china")
    >>> gt.solve(game).labels
    ['(no_build, hedge, restrict)']
"""

from .api import solve
from .equilibria import find_equilibria
from .errors import GameError, GameFileError, UnsupportedError
from .formats import bundled_games, load_game, write_nfg
from .normal_form import NormalFormGame
from .parametric import Parameter, ParametricGame
from .result import Equilibrium, SolveResult

__version__ = "0.1.0"

__all__ = [
    "Equilibrium",
    "GameError",
    "GameFileError",
    "NormalFormGame",
    "Parameter",
    "ParametricGame",
    "SolveResult",
    "UnsupportedError",
    "bundled_games",
    "find_equilibria",
    "load_game",
    "solve",
    "write_nfg",
]
