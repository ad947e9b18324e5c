"""Dynamic games: play that feeds back into the parameters, period after period.

A game file's ``[dynamics]`` section (:mod:`.spec`) names state parameters
and their update rules; :mod:`.stage` finds each period's equilibria for
many points at once, :mod:`.engine` runs the periods and :mod:`.simulation`
holds the result.
"""

from .engine import Histories, run_dynamics
from .simulation import Limit, Simulation
from .spec import BOUNDS_RULES, DYNAMIC_SELECTION, Dynamics

__all__ = ["BOUNDS_RULES", "DYNAMIC_SELECTION", "Dynamics", "Histories", "Limit", "Simulation", "run_dynamics"]
