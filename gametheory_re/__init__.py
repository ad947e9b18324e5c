"""gametheory_re: game-theoretic strategy solver for critical-mineral supply chains.

Load a game file, evaluate it at a parameter point and find its equilibria::

    >>> import gametheory_re as gt
    >>> game = gt.load_game("us_japan_china")
    >>> result = gt.solve(game)
    >>> result.labels          # one pure and two mixed equilibria
    ['(no_build, hedge, restrict)', '(build|no_build, align, supply|restrict)', '(build|no_build, align|hedge, restrict)']
    >>> gt.solve(game, {"K": 0.15, "s": 0.5}).labels   # a cheaper chain, Japan paying half
    ['(build, align, supply)']
"""

from .api import solve
from .equilibria import find_equilibria
from .errors import GameError, GameFileError, UnsupportedError
from .formats import bundled_games, load_game, write_nfg
from .normal_form import NormalFormGame
from .parametric import ParametricGame
from .parameters import Parameter
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
