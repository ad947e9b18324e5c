"""Learning dynamics for n-player normal-form games: how play may reach (or miss) an equilibrium.

One small module per rule, each a pure function over a numeric payoff
array ``(n_players, n_1, ..., n_n)`` returning a
:class:`~gametheory_re.learning.result.LearningResult`:

* :func:`~.best_response.best_response_dynamics`: every player switches to a
  best reply to last period's profile (simultaneous updating);
* :func:`~.fictitious_play.fictitious_play`: every player best-responds to
  the empirical frequencies of the others' past play;
* :func:`~.fictitious_play.stochastic_fictitious_play`: the same with
  perturbed payoffs and logit choice (as nashpy);
* :func:`~.replicator.replicator_dynamics` (continuous time, one population
  per player) and :func:`~.replicator.discrete_replicator_dynamics`;
* :func:`~.logit.logit_dynamics`: smoothed best replies of precision ``lam``.

:data:`RULES` maps the command line's names to them.
"""

from .best_response import best_response_dynamics
from .fictitious_play import fictitious_play, stochastic_fictitious_play
from .logit import logit_dynamics
from .replicator import discrete_replicator_dynamics, replicator_dynamics
from .result import LearningResult

#: ``gtre learn --rule`` names and their functions.
RULES = {
    "best-response": best_response_dynamics,
    "fictitious-play": fictitious_play,
    "stochastic-fictitious-play": stochastic_fictitious_play,
    "replicator": replicator_dynamics,
    "replicator-discrete": discrete_replicator_dynamics,
    "logit": logit_dynamics,
}

__all__ = ["LearningResult", "RULES", "best_response_dynamics", "discrete_replicator_dynamics", "fictitious_play",
           "logit_dynamics", "replicator_dynamics", "stochastic_fictitious_play"]
