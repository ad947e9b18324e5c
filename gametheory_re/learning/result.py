"""What a learning rule returns, and the checks every rule shares."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np


from ..options import OptionError, check_integer, check_tolerance
from ..solvers.regret import regrets, strategy_values

#: Most iterations (or time points) a rule may be asked for.
MAX_ITERATIONS = 1_000_000

#: Most floats a trajectory may hold (iterations x strategies): bounds memory.
MAX_TRAJECTORY_VALUES = 50_000_000

#: Regret tolerance of ``is_nash``, relative to the largest payoff: learning
#: approaches equilibria, it does not land on them exactly.
RELATIVE_NASH_TOL = 1e-6


@dataclass(frozen=True, eq=False)
class LearningResult:
    """A trajectory of play and where it ends.

    Attributes
    ----------
    rule : str
        The rule's name, as ``gtre learn --rule`` spells it.
    parameters : dict
        The settings the rule ran with (iterations, tie, seed, lam...).
    shape : tuple of int
        Strategies per player.
    trajectory : numpy.ndarray
        ``(T + 1, n_1 + ... + n_n)``: the profile after each iteration (row
        0 the start), player after player: probabilities (replicator, logit),
        empirical frequencies (fictitious play) or the pure profile played
        (best response).
    times : numpy.ndarray
        ``(T + 1,)``: iteration numbers, or the time points of a
        continuous-time rule.
    steps : numpy.ndarray
        ``(T,)``: the largest change of a probability from one row to the
        next (per unit of time for continuous rules): the convergence
        diagnostic.
    converged : bool
        The rule's own stopping test held (see each rule).
    converged_at : int or None
        The first iteration (row) at which it held.
    regrets : numpy.ndarray
        ``(n_players,)``: each player's regret at the final profile.
    tol : float
        The regret tolerance of :attr:`is_nash`.
    plays : numpy.ndarray or None
        ``(T, n_players)``: the pure strategy each player played in each
        iteration (fictitious play, best response), else None.
    notes : tuple of str
    game : NormalFormGame or None
        The game learned, when known (the API sets it).
    """

    rule: str
    parameters: dict
    shape: tuple
    trajectory: np.ndarray
    times: np.ndarray
    steps: np.ndarray
    converged: bool
    converged_at: int | None
    regrets: np.ndarray
    tol: float
    plays: np.ndarray | None = None
    notes: tuple = field(default_factory=tuple)
    game: object = None

    def with_game(self, game) -> "LearningResult":
        """This result naming ``game`` (a NormalFormGame: its players and strategies, for presenting it)."""
        return dataclasses.replace(self, game=game)

    @property
    def final(self) -> list[np.ndarray]:
        """The final profile, one probability vector per player."""
        return split(self.trajectory[-1], self.shape)

    def player_path(self, player: int) -> np.ndarray:
        """``(T + 1, n_player)``: one player's probabilities over the trajectory."""
        offsets = np.concatenate([[0], np.cumsum(self.shape)])
        return self.trajectory[:, offsets[player]:offsets[player + 1]]

    def to_frame(self):
        """The trajectory as a pandas DataFrame: ``iteration`` (``time`` for continuous rules), then one column per strategy.

        Columns are named ``PLAYER:STRATEGY`` when :attr:`game` is known,
        ``p1:s1``... otherwise.
        """
        import pandas as pd

        players = self.game.players if self.game is not None else [f"p{p + 1}" for p in range(len(self.shape))]
        strategies = self.game.strategies if self.game is not None else [[f"s{k + 1}" for k in range(n)] for n in self.shape]
        # Discrete rules count iterations: whole numbers in the table.
        columns = {"time": self.times} if self.rule == "replicator" else {"iteration": self.times.astype(np.int64)}
        for p, player in enumerate(players):
            path = self.player_path(p)
            for k, name in enumerate(strategies[p]):
                columns[f"{player}:{name}"] = path[:, k]
        return pd.DataFrame(columns)

    @property
    def max_regret(self) -> float:
        return float(self.regrets.max())

    @property
    def is_nash(self) -> bool:
        """The final profile is an equilibrium within :attr:`tol` (every regret at most it)."""
        return bool(self.max_regret <= self.tol)


def split(row: np.ndarray, shape) -> list[np.ndarray]:
    """A row of all players' probabilities as one vector per player."""
    offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
    return [np.asarray(row[offsets[p]:offsets[p + 1]], dtype=float) for p in range(len(shape))]


def check_payoffs(payoffs) -> np.ndarray:
    """The payoff array as floats, checked finite and shaped ``(n_players, n_1, ..., n_n)``."""
    payoffs = np.asarray(payoffs, dtype=float)
    if payoffs.ndim < 2 or payoffs.shape[0] != payoffs.ndim - 1:
        raise OptionError("payoffs", "", f"expected an array (n_players, n_1, ..., n_n), not of shape {payoffs.shape}")
    if not np.isfinite(payoffs).all():
        raise OptionError("payoffs", "", "every payoff must be a finite number")
    return payoffs


def check_iterations(iterations, width: int, name: str = "iterations") -> int:
    """``iterations`` checked against :data:`MAX_ITERATIONS` and the trajectory's memory bound."""
    top = min(MAX_ITERATIONS, MAX_TRAJECTORY_VALUES // max(1, width) - 1)
    return check_integer(name, iterations, 1, top, why="the trajectory is kept in memory")


def check_start(start, shape, name: str = "start") -> list[np.ndarray] | None:
    """A start profile: one probability vector (or strategy index) per player, or None."""
    if start is None:
        return None
    if not isinstance(start, (list, tuple)) or len(start) != len(shape):
        raise OptionError(name, "", f"expected one probability vector or strategy index per player ({len(shape)})")
    out = []
    for p, (entry, n) in enumerate(zip(start, shape)):
        if isinstance(entry, (int, np.integer)) and not isinstance(entry, bool):
            if not 0 <= entry < n:
                raise OptionError(name, str(p), f"strategy index {entry} out of range 0..{n - 1}")
            vector = np.zeros(n)
            vector[entry] = 1.0
        else:
            vector = np.asarray(entry, dtype=float)
            if vector.shape != (n,) or not np.isfinite(vector).all() or (vector < 0).any() or abs(vector.sum() - 1) > 1e-9:
                raise OptionError(name, str(p), f"expected {n} non-negative probabilities summing to 1")
        out.append(vector)
    return out


def check_choice(name: str, value, allowed) -> str:
    """``value`` if it is one of ``allowed``; else one error naming ``name``."""
    if value not in allowed:
        raise OptionError(name, str(value), "expected one of " + ", ".join(allowed))
    return value


def check_positive_number(name: str, value, maximum: float | None = None, closed_top: bool = True) -> float:
    """A finite number above 0 (and at most ``maximum``), else one error naming ``name``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise OptionError(name, str(value), "expected a number") from None
    if not np.isfinite(number) or number <= 0 or (maximum is not None and (number > maximum or (not closed_top and number == maximum))):
        top = "" if maximum is None else f" and at most {maximum:g}"
        raise OptionError(name, str(value), f"expected a finite number above 0{top}")
    return number


def check_seed(seed, name: str = "seed"):
    """A seed for :func:`numpy.random.default_rng`: None or a whole number at least 0."""
    if seed is None:
        return None
    return check_integer(name, seed, 0, 2**63 - 1)


def nash_tol(payoffs: np.ndarray, tol) -> float:
    """The regret tolerance: ``tol``, or :data:`RELATIVE_NASH_TOL` times the largest payoff."""
    if tol is None:
        return RELATIVE_NASH_TOL * max(1.0, float(np.abs(payoffs).max(initial=0.0)))
    return check_tolerance("tol", tol)


def finish(rule, parameters, payoffs, trajectory, times, steps, converged_at, tol, plays=None, notes=()):
    """The result, with the final profile's regrets."""
    shape = payoffs.shape[1:]
    final = split(trajectory[-1], shape)
    return LearningResult(
        rule=rule, parameters=dict(parameters), shape=tuple(shape), trajectory=trajectory, times=np.asarray(times, dtype=float),
        steps=np.asarray(steps, dtype=float), converged=converged_at is not None, converged_at=converged_at,
        regrets=regrets(payoffs, final), tol=nash_tol(payoffs, tol), plays=plays, notes=tuple(notes),
    )


def values_against(payoffs: np.ndarray, profile: list[np.ndarray]) -> list[np.ndarray]:
    """Each player's payoff from each of its pure strategies against the others' mixes."""
    return [strategy_values(payoffs, profile, p) for p in range(len(profile))]
