"""A simulation from a game and options: options checked, the engine run, the result made."""

from __future__ import annotations

from typing import Mapping, Sequence

from .. import limits
from ..errors import GameFileError, UnsupportedError
from ..parametric import ParametricGame
from ..solvers.nplayer_batch import covers
from .engine import run_dynamics
from .simulation import Simulation
from .spec import BOUNDS_RULES, DYNAMIC_SELECTION, FALLBACK_RULES


def dynamic_game(game) -> ParametricGame:
    """``game`` if it declares dynamics; otherwise one clear error naming ``game``."""
    if not isinstance(game, ParametricGame) or game.dynamics is None:
        source = getattr(game, "source", str(game))
        raise UnsupportedError(
            f"{source} has no [dynamics] section: simulate needs state parameters and update rules "
            "(see docs/game-format.md, 'Dynamics'; e.g. games/us_japan_china_dual_chain.toml)")
    return game


def check_options(game: ParametricGame, periods, select, fallback, bounds) -> tuple[int, str, str, str]:
    """The run's options, the file's where not given, each checked (errors name the argument)."""
    dynamics = game.dynamics
    periods = dynamics.periods if periods is None else periods
    if isinstance(periods, bool) or not isinstance(periods, int) or not 1 <= periods <= limits.MAX_PERIODS:
        raise GameFileError("periods", str(periods), f"expected a whole number of periods from 1 to {limits.MAX_PERIODS}")
    for name, value, allowed in (("select", select, DYNAMIC_SELECTION), ("fallback", fallback, FALLBACK_RULES),
                                 ("bounds", bounds, BOUNDS_RULES)):
        if value is not None and value not in allowed:
            raise GameFileError(name, str(value), "expected one of " + ", ".join(allowed))
    return (periods, select or dynamics.select, fallback or dynamics.fallback, bounds or dynamics.bounds)


def stage_method(game: ParametricGame) -> str:
    """How each period's equilibria are found, in words."""
    order = game.dynamics.order
    if order is not None:
        turns = ", then ".join(" and ".join(game.players[p] for p in group) for group in order)
        return f"subgame-perfect play of the stage game, moves in turn: {turns} (backward induction)"
    shape = "x".join(map(str, game.shape))
    if game.n_players <= 2 or covers(game.shape):
        return f"every equilibrium of the {shape} stage game (batched support enumeration)"
    return f"every equilibrium of the {shape} stage game (the one-game solver, period by period)"


def simulate_game(
    game: ParametricGame,
    params: Mapping[str, object] | None = None,
    periods: int | None = None,
    select: str | None = None,
    fallback: str | None = None,
    bounds: str | None = None,
    compare: Sequence[Mapping[str, object]] = (),
) -> Simulation:
    """Run ``game``'s dynamics from the point ``params`` (and each counterfactual of ``compare``).

    See :func:`gametheory_re.api.simulate`.
    """
    game = dynamic_game(game)
    periods, select, fallback, bounds = check_options(game, periods, select, fallback, bounds)
    runs = []
    for k, changes in enumerate([{}, *compare]):
        if k and not changes:
            raise GameFileError("compare", "", "each counterfactual changes at least one parameter, e.g. phi_theta=0")
        values = {**(params or {}), **changes}
        point = game.point(values, origin="compare" if k else "params")
        columns = {name: float(value) for name, value in point.items()}
        histories = run_dynamics(game, columns, periods, select, fallback, bounds)
        runs.append(Simulation.from_histories(game, {n: float(point[n]) for n in values}, periods, select, fallback,
                                              bounds, histories, stage_method(game)))
    baseline = runs[0]
    return baseline.with_counterfactuals(tuple((dict(c), run) for c, run in zip(compare, runs[1:])))
