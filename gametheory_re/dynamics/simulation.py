"""The result of a simulation: per period the state, the equilibria, the play and the outcomes, and where it ends."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from .. import limits
from ..labels import mixed_profile_label, rounded_probabilities
from ..parametric import ParametricGame
from .engine import HOW, Histories
from .stage import mixes_of

#: Two state values this close (relative to their size) are the same state,
#: for fixed points and cycles.
STATE_TOL = 1e-9

#: An outcome holds in a period when its probability under the play is at
#: least ``1 - OUTCOME_TOL``.
OUTCOME_TOL = 1e-9

#: Kinds of :attr:`Limit.kind`.
LIMIT_KINDS = ("fixed point", "cycle", "moving")


@dataclass(frozen=True)
class Limit:
    """Where a history ends up.

    Attributes
    ----------
    kind : {"fixed point", "cycle", "moving"}
        ``fixed point``: the state and the play of the last period repeat
        those of the one before; ``cycle``: those of ``length`` periods
        before (the dynamics being deterministic, the history repeats from
        there); ``moving``: neither, within :data:`STATE_TOL`, by the last
        period.
    since : int
        First period of the fixed point or of the first full cycle; for
        ``moving``, the first period since which the play has not changed.
    length : int
        Cycle length (1 for a fixed point, 0 while moving).
    last_change : float
        The largest change of a state value in the last period.
    """

    kind: str
    since: int
    length: int
    last_change: float


def profile_labels(strategies, profiles: np.ndarray) -> list[str]:
    """Labels of the rows of ``profiles`` (probabilities, player after player), each distinct row formatted once."""
    shape = tuple(len(s) for s in strategies)
    rounded = rounded_probabilities(profiles)
    unique, inverse = np.unique(rounded, axis=0, return_inverse=True)
    texts = []
    for row in unique:
        blocks = mixes_of(row, shape)
        support = [tuple(int(i) for i in np.flatnonzero(b > 0)) or (int(np.argmax(b)),) for b in blocks]
        texts.append(mixed_profile_label(strategies, support, blocks))
    return [texts[i] for i in np.ravel(inverse)]


def find_limit(state: np.ndarray, play: list[str]) -> Limit:
    """The limit of one history: ``state`` ``(T+1, n_state)``, ``play`` labels per period."""
    last = len(play) - 1
    scale = np.maximum(1.0, np.abs(state).max(axis=0))
    same = lambda a, b: bool(np.all(np.abs(state[a] - state[b]) <= STATE_TOL * scale)) and play[a] == play[b]
    change = float(np.abs(state[last] - state[last - 1]).max(initial=0.0)) if last else 0.0
    for length in range(1, min(last, limits.MAX_CYCLE) + 1):
        if same(last, last - length):
            # The history repeats from the earliest period s with (s, s + length) alike all the way to the end.
            since = last - length
            while since > 0 and same(since - 1, since - 1 + length):
                since -= 1
            return Limit("fixed point" if length == 1 else "cycle", since, length, change)
    since = last
    while since > 0 and play[since - 1] == play[last]:
        since -= 1
    return Limit("moving", since, 0, change)


@dataclass(frozen=True, eq=False)
class Simulation:
    """A dynamic game run for ``periods`` updates: one history, or one per branch with ``select="all"``.

    Attributes
    ----------
    game : ParametricGame
        The dynamic game (its stage game and :attr:`~ParametricGame.dynamics`).
    params : dict of str to float
        The values set for the run (start values of state parameters,
        values of the others); everything else is the file's.
    periods : int
    select, fallback, bounds : str
        The rules the run used.
    histories : Histories
        The arrays of the run (see :class:`~gametheory_re.dynamics.engine.Histories`).
    method : str
        How each period's equilibria were found.
    state : list of dict
        Per branch, each state parameter's values ``(T+1,)`` under its name.
    play : list of list of str
        Per branch, the label of the selected play in each period.
    equilibria : list of list of str
        Per branch, the label of each period's equilibrium set.
    switches : list of list of int
        Per branch, the periods whose play differs from the period before.
    limits : list of Limit
        Per branch, where it ends.
    counterfactuals : tuple of (dict, Simulation)
        Runs compared with this one: the parameters each changes, and its run.
    """

    game: ParametricGame
    params: dict
    periods: int
    select: str
    fallback: str
    bounds: str
    histories: Histories
    method: str
    state: list = field(default_factory=list)
    play: list = field(default_factory=list)
    equilibria: list = field(default_factory=list)
    switches: list = field(default_factory=list)
    limits: list = field(default_factory=list)
    counterfactuals: tuple = ()

    @classmethod
    def from_histories(cls, game, params, periods, select, fallback, bounds, histories: Histories, method: str):
        """The result with its labels, switches and limits worked out."""
        strategies = game.strategies
        n_branches = histories.state.shape[-1]
        steps = histories.state.shape[0]
        play_flat = profile_labels(strategies, histories.play.reshape(steps * n_branches, -1))
        play = [[play_flat[t * n_branches + b] for t in range(steps)] for b in range(n_branches)]
        equilibria = [[_set_label(strategies, histories.equilibria[t], b) for t in range(steps)] for b in range(n_branches)]
        state = [{name: histories.state[:, k, b].copy() for k, name in enumerate(game.dynamics.state)} for b in range(n_branches)]
        switches = [[t for t in range(1, steps) if play[b][t] != play[b][t - 1]] for b in range(n_branches)]
        found = [find_limit(histories.state[:, :, b], play[b]) for b in range(n_branches)]
        return cls(game, dict(params), periods, select, fallback, bounds, histories, method,
                   state, play, equilibria, switches, found)

    def with_counterfactuals(self, counterfactuals) -> "Simulation":
        """This run with ``counterfactuals`` (pairs of changes and runs) attached."""
        return dataclasses.replace(self, counterfactuals=tuple(counterfactuals))

    @property
    def n_branches(self) -> int:
        """Number of histories (1 unless every equilibrium is followed)."""
        return len(self.play)

    @property
    def outcome_names(self) -> tuple[str, ...]:
        return tuple(self.game.outcomes)

    def outcome_probabilities(self, branch: int = 0) -> dict[str, np.ndarray]:
        """Each outcome's probability under the play, per period."""
        return {name: self.histories.outcomes[:, k, branch] for k, name in enumerate(self.outcome_names)}

    def first_period(self, outcome: str, branch: int = 0) -> int | None:
        """The first period in which ``outcome`` holds surely, or ``None``."""
        holds = np.flatnonzero(self.outcome_probabilities(branch)[outcome] >= 1 - OUTCOME_TOL)
        return int(holds[0]) if len(holds) else None

    @property
    def verified(self) -> bool:
        """Every period's play has regret at most its stage game's tolerance."""
        h = self.histories
        played = ~np.isnan(h.regret)
        return bool(np.all(h.regret[played] <= h.tol[played]))

    def to_frame(self):
        """One row per period (and branch, and run compared): state values, equilibria, play, payoffs, outcomes.

        Returns
        -------
        pandas.DataFrame
            Columns ``run`` (with counterfactuals: ``baseline`` or the
            changes, e.g. ``phi_theta=0``), ``branch`` (with several),
            ``period``, the state parameters, ``equilibria``,
            ``n_equilibria``, ``play``, ``selected_by``, ``payoff_PLAYER``,
            one probability column per outcome, ``max_regret``, ``clipped``.
        """
        import pandas as pd

        frames = [self._rows("baseline" if self.counterfactuals else None)]
        frames += [run._rows(changes_label(changes)) for changes, run in self.counterfactuals]
        return pd.DataFrame([row for rows in frames for row in rows])

    def _rows(self, run: str | None) -> list[dict]:
        h = self.histories
        rows = []
        for b in range(self.n_branches):
            for t in range(self.periods + 1):
                row = {} if run is None else {"run": run}
                if self.n_branches > 1:
                    row["branch"] = b
                row["period"] = t
                row.update({name: float(values[t]) for name, values in self.state[b].items()})
                row["equilibria"] = self.equilibria[b][t]
                row["n_equilibria"] = int(h.equilibria[t].valid[b].sum())
                row["play"] = self.play[b][t]
                row["selected_by"] = HOW[h.how[t, b]]
                row.update({f"payoff_{p}": float(h.payoffs[t, i, b]) for i, p in enumerate(self.game.players)})
                row.update({name: float(h.outcomes[t, k, b]) for k, name in enumerate(self.outcome_names)})
                row["max_regret"] = float(h.regret[t, b])
                row["clipped"] = " ".join(n for k, n in enumerate(self.game.dynamics.state) if h.clipped[t, k, b])
                rows.append(row)
        return rows


def changes_label(changes) -> str:
    """A counterfactual's name from the parameters it changes, e.g. ``phi_theta=0``."""
    return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in changes.items())


def _set_label(strategies, found, b: int) -> str:
    profiles = found.profiles[b][found.valid[b]]
    if not len(profiles):
        return "none found"
    return "; ".join(profile_labels(strategies, profiles))
