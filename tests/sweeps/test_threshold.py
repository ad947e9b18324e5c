from pathlib import Path

import pytest

from gametheory_re.api import solve
from gametheory_re.errors import GameFileError
from gametheory_re.formats import bundled_games, load_game
from gametheory_re.parametric import ParametricGame
from gametheory_re.sweeps.threshold import thresholds


def test_game_a_status_quo_switches_where_the_closed_form_says():
    # China restricts against engage iff g - pi*q > rho, i.e. rho < 0.5 at the defaults.
    (switch,) = thresholds("us_china", "rho", "status_quo")
    assert switch.value == pytest.approx(0.5, abs=1e-8)
    assert (switch.status_below, switch.status_above) == ("none", "all")
    assert switch.label_above == "(engage, supply)"


def test_game_a_dual_chain_along_q():
    # (decouple, restrict) needs gamma*X_U + b > K with X_U = 5*0.7*q: q > 0.8/1.75 = 0.457...
    switches = thresholds("us_china", "q", "dual_chain")
    assert switches[0].value == pytest.approx(0.8 / 1.75, abs=1e-8)
    assert switches[0].status_below == "none"


def test_burden_sharing_threshold_in_k():
    switches = thresholds("us_japan_china", "K", "burden_sharing", {"s": "0.5"})
    assert switches[0].status_below == "all" and switches[0].label_below == "(build, align, supply)"
    assert switches[0].value == pytest.approx(0.2, abs=1e-7)


@pytest.mark.parametrize(
    "param, outcome, message",
    [("nope", "dual_chain", "unknown parameter"), ("q", "nope", "unknown outcome")],
)
def test_bad_requests(param, outcome, message):
    with pytest.raises(GameFileError, match=message):
        thresholds("us_china", param, outcome)


def _point_status(game, point, outcome):
    """The outcome's status at one point, from the one-game solver."""
    result = solve(game, {k: repr(float(v)) for k, v in point.items()})
    if not result.equilibria:
        return "unknown"
    holds = sum(e.outcome_probabilities[outcome] >= 1 - result.tol for e in result.equilibria)
    return "all" if holds == len(result.equilibria) else "none" if holds == 0 else "some"


def test_degenerate_boundary_is_not_reported_as_the_side_beyond_it():
    # At K = 0.2 the pure equilibrium and the mixed one coexist; just above
    # only the mixed one (which never has burden sharing) is left.
    (switch,) = thresholds("us_japan_china", "K", "burden_sharing", {"s": "0.5"}, equilibria="all")
    assert (switch.status_below, switch.status_above) == ("all", "none")
    assert switch.support_above == "(build, align|dependent, supply|restrict)"
    assert switch.label_above.startswith("(build, align 0.70|dependent 0.30, ")
    assert switch.probe_below < switch.below < switch.above < switch.probe_above


def _normal_form_games():
    games = [load_game(path) for path in bundled_games()]
    # A dynamic game's rows are long-run outcomes, not its stage game's (tests/dynamics covers them).
    return [g for g in games if isinstance(g, ParametricGame) and g.outcomes and g.dynamics is None]


@pytest.mark.parametrize("game", _normal_form_games(), ids=lambda g: Path(g.source).stem)
def test_reported_sides_match_the_point_solver_beside_each_switch(game):
    # Every bundled game, parameter and outcome: the status reported on each
    # side is the one-game solver's just beside the switch.
    base = game.point()
    for param, p in game.parameters.items():
        if p.minimum is None or p.maximum is None:
            continue
        beside = 1e-5 * (float(p.maximum) - float(p.minimum))
        for outcome in game.outcomes:
            for s in thresholds(game, param, outcome, points=21, equilibria="all"):
                assert _point_status(game, {**base, param: s.value - beside}, outcome) == s.status_below
                assert _point_status(game, {**base, param: s.value + beside}, outcome) == s.status_above


@pytest.mark.parametrize(
    "kwargs, name",
    [({"xtol": float("nan")}, "xtol"), ({"xtol": -1.0}, "xtol"), ({"xtol": 0.0}, "xtol"),
     ({"points": 1}, "points"), ({"points": 2.5}, "points"), ({"max_iter": 0}, "max_iter")],
)
def test_bad_numeric_arguments_name_the_argument(kwargs, name):
    with pytest.raises(GameFileError, match=f"^{name}: "):
        thresholds("us_china", "rho", "status_quo", **kwargs)
