"""game_conditions: Game A's conditions equal the domain brief's closed forms; arguments, outcomes, intervals."""

import pytest

from gametheory_re.symbolic import ConditionsResult
import sympy

from gametheory_re import api, load_game
from gametheory_re.errors import GameError, GameFileError
from gametheory_re.symbolic import game_conditions

pi, q, g, rho, d_U, L_U, theta_U, K, b, gamma = sympy.symbols("pi q g rho d_U L_U theta_U K b gamma", real=True)
X_U = L_U * d_U * (1 - theta_U) * q

# The brief's Game A: each "iff" as a boundary expression that is > 0 where the strategy is the best response.
CHINA_RESTRICTS = {0: g - pi * q - rho, 1: (1 - gamma) * (g - pi * q) - rho}       # against engage / decouple
US_DECOUPLES = {0: b - K, 1: gamma * X_U + b - K}                                 # against supply / restrict
CHINA_RESTRICT_PROBABILITY = (K - b) / (gamma * X_U)
US_DECOUPLE_PROBABILITY = (1 - rho / (g - pi * q)) / gamma


@pytest.fixture(scope="module")
def game_a():
    return api.conditions("us_china")


def same_up_to_a_positive_factor(a, b):
    ratio = sympy.simplify(a / b)
    return ratio.is_number and ratio > 0


def test_game_a_pure_conditions_are_the_briefs(game_a):
    for p in game_a.pure:
        us, china = p.profile
        [region] = p.regions
        assert not region.guards and not region.everywhere and not region.implied
        by_player = {r.player: r for r in region.requirements}
        assert set(by_player) == {0, 1}
        # China's best response to the US strategy `us`: restrict (1) iff CHINA_RESTRICTS[us] >= 0.
        china_expr = CHINA_RESTRICTS[us] if china == 1 else -CHINA_RESTRICTS[us]
        assert same_up_to_a_positive_factor(by_player[1].inequality.expr, china_expr), p.profile
        us_expr = US_DECOUPLES[china] if us == 1 else -US_DECOUPLES[china]
        assert same_up_to_a_positive_factor(by_player[0].inequality.expr, us_expr), p.profile
        assert not any(r.inequality.strict for r in region.requirements)   # ties are equilibria
        assert (by_player[0].prefers, by_player[0].over) == (us, (1 - us,))


def test_game_a_mixed_closed_form_is_the_briefs(game_a):
    [m] = game_a.mixed
    assert m.supports == ((0, 1), (0, 1)) and m.mixers == (0, 1)
    [case] = m.cases
    (engage, decouple), (supply, restrict) = case.probabilities
    assert sympy.simplify(restrict - CHINA_RESTRICT_PROBABILITY) == 0
    assert sympy.simplify(decouple - US_DECOUPLE_PROBABILITY) == 0
    assert sympy.simplify(engage + decouple - 1) == 0 and sympy.simplify(supply + restrict - 1) == 0
    # It exists where every probability is positive.
    assert {(r.kind, r.player, r.prefers, r.inequality.strict) for r in case.region.conditions} == {
        ("probability", 0, 0, True), ("probability", 0, 1, True),
        ("probability", 1, 0, True), ("probability", 1, 1, True)}


def test_game_a_at_the_defaults_with_rho_free():
    result = game_conditions(load_game("us_china"), free=["rho"])
    x = sympy.Symbol("rho", real=True)
    assert result.free == ("rho",) and set(result.fixed) == set(load_game("us_china").parameters) - {"rho"}
    assert result.box == {x: (0, 1)}
    profiles = result.intervals["profiles"]
    assert profiles[(0, 0)] == sympy.Interval(sympy.Rational(1, 2), 1)
    assert profiles[(1, 1)] == sympy.Interval(0, sympy.Rational(1, 4))
    assert profiles[(0, 1)] == profiles[(1, 0)] == sympy.S.EmptySet
    assert [p.status for p in result.pure] == ["conditional", "never", "never", "conditional"]
    assert result.intervals["supports"][((0, 1), (0, 1))] == sympy.Interval.open(sympy.Rational(1, 4),
                                                                                   sympy.Rational(1, 2))
    (engage, decouple), (supply, restrict) = result.mixed[0].cases[0].probabilities
    assert (engage, decouple) == (4 * x - 1, 2 - 4 * x)
    assert (supply, restrict) == (sympy.Rational(3, 35), sympy.Rational(32, 35))
    outcomes = {o.name: o for o in result.outcomes}
    assert outcomes["status_quo"].every_set == outcomes["status_quo"].some_set == sympy.Interval(
        sympy.Rational(1, 2), 1)
    assert outcomes["status_quo"].holding == ((0, 0),) and outcomes["status_quo"].failing == ((1, 1),)
    assert result.complete and result.intervals["unsolved"] == 0


def test_outcomes_every_and_some():
    result = api.conditions("us_china", params={"rho": "0.3"}, free=None, outcomes=["restriction"], mixed=False)
    [o] = result.outcomes
    assert o.name == "restriction" and o.holding == ((0, 1), (1, 1)) and o.failing == ((0, 0), (1, 0))
    assert o.some == sympy.Or(result.pure[1].relation(), result.pure[3].relation())
    assert o.some_set is None   # many free parameters: no sets
    assert "rho" in result.fixed and "rho" not in result.free


def test_fixed_parameters_and_free_subsets():
    result = api.conditions("us_japan_china", params={"K": "1/2"}, free=["s"], mixed=False)
    assert result.free == ("s",)
    assert result.fixed["K"] == sympy.Rational(1, 2) and "s" not in result.fixed
    assert result.intervals is not None


@pytest.mark.parametrize("kwargs, source, key", [
    ({"free": ["nope"]}, "free", "nope"),
    ({"params": {"nope": 1}}, "params", "nope"),
    ({"free": ["rho"], "params": {"rho": "0.3"}}, "free", "rho"),
    ({"outcomes": ["nope"]}, "outcomes", "nope"),
    ({"params": {"rho": 5}}, "params", "rho"),
])
def test_bad_arguments_are_named(kwargs, source, key):
    with pytest.raises(GameFileError) as error:
        api.conditions("us_china", mixed=False, **kwargs)
    assert (error.value.source, error.value.key) == (source, key)


@pytest.mark.parametrize("budget", [-1, float("nan"), "abc"])
def test_bad_time_budget_is_named(budget):
    with pytest.raises(GameError, match="time_budget"):
        api.conditions("us_china", free=["rho"], time_budget=budget)


def test_a_time_budget_of_zero_stops_the_mixed_analysis_and_says_so():
    result = api.conditions("us_china", free=["rho"], time_budget=0)
    assert not result.complete and not result.mixed
    assert any("time budget" in n for n in result.notes)
    assert api.conditions("us_china", free=["rho"], time_budget=None).complete


def test_mixed_false_still_counts_the_supports_without_closed_forms():
    result = api.conditions("us_japan_china", free=["s", "K"], mixed=False)
    assert result.mixed == ()
    u = result.unsolved
    assert (u.one_mixer, u.unequal_sizes, u.three_or_more_mixers) == (28, 4, 4)


def test_sequential_games_get_subgame_perfect_conditions_not_these():
    result = api.conditions("us_japan_china_sequential", free=["s", "K"])
    assert not isinstance(result, ConditionsResult)


def test_profile_labels_and_symbols():
    result = api.conditions("us_china", free=["rho"], mixed=False)
    assert result.profile_label((1, 1)) == "(decouple, restrict)"
    assert result.symbol("rho") == sympy.Symbol("rho", real=True)
