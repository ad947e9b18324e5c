"""Exact conditions on the parameters: where each equilibrium and each outcome holds.

The layers, each a module: :mod:`.intervals` (exact interval bounds over
the parameter box), :mod:`.cases` (splitting ``min``/``max``/``abs``/
``piecewise``), :mod:`.inequality` (one condition simplified),
:mod:`.redundancy` (exact LP: empty regions, implied conditions),
:mod:`.regions` (a conjunction of conditions), :mod:`.pure` and
:mod:`.mixed` (the equilibrium conditions), :mod:`.analysis` (all of it for
one game, with outcomes and one-parameter intervals).
"""

from .analysis import ConditionsResult, OutcomeConditions, game_conditions
from .mixed import MixedConditions
from .pure import PureConditions

__all__ = ["ConditionsResult", "OutcomeConditions", "MixedConditions", "PureConditions", "game_conditions"]
