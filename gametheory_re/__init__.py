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


from ._version import __version__
from .api import (
    compare,
    conditions,
    convert,
    describe,
    discover,
    export,
    learn,
    list_games,
    report,
    sensitivity,
    show,
    simulate,
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
from .result import (Conversion, Equilibrium, GameDescription, GameEntry, Report, SequentialResult, SolveResult,
                     Validation)
from .solvers.backward_induction import SubgamePerfectEquilibrium, SubgamePerfectResult
from .solvers.dominance import Elimination
from .trees.reduced import InducedNormalForm
from .solvers.continua import Component

from .sweeps.engine import SweepSpec
from .sweeps.grid import Axis
from .sweeps.summary import SweepResult, SweepSummary
from .sweeps.threshold import Switch, ThresholdResult, thresholds
from .symbolic import ConditionsResult
from .gsa.result import SensitivityResult
from .discovery.result import DiscoveryResult
from .dynamics import Dynamics, Simulation
from .learning import LearningResult
from .solvers.qre import LogitBranch

__all__ = [
    "Axis",
    "Comparison",
    "Component",
    "ConditionsResult",
    "DiscoveryResult",
    "Dynamics",
    "Conversion",
    "Elimination",
    "Equilibrium",
    "GameDescription",
    "GameEntry",
    "GameError",
    "GameFileError",
    "GameTree",
    "InducedNormalForm",
    "LearningResult",
    "LogitBranch",
    "NormalFormGame",
    "OptionError",
    "OrderOutcome",
    "Parameter",
    "ParametricGame",
    "ParametricTree",
    "SensitivityResult",
    "SequentialResult",
    "Simulation",
    "SolveResult",
    "SubgamePerfectEquilibrium",
    "SubgamePerfectResult",
    "SweepResult",
    "SweepSpec",
    "SweepSummary",
    "Switch",
    "ThresholdResult",
    "UnsupportedError",
    "Validation",
    "__version__",
    "bundled_games",
    "compare",
    "compare_orders",
    "conditions",
    "convert",
    "describe",
    "discover",
    "export",
    "find_equilibria",
    "learn",
    "list_games",
    "load_game",
    "report",
    "Report",
    "sensitivity",
    "show",
    "simulate",
    "solve",
    "solve_tree",
    "sweep",
    "threshold",
    "thresholds",
    "validate",
    "write_efg",
    "write_nfg",
]
