"""Simulations: each update follows the file's rule, each period's play is an equilibrium, the rules and limits."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from gametheory_re import load_game, simulate
from gametheory_re.cli import main
from gametheory_re.errors import GameFileError, UnsupportedError
from gametheory_re.solvers.backward_induction import subgame_perfect_equilibria
from gametheory_re.formats import games_dir
from gametheory_re.solvers.regret import regrets
from gametheory_re.trees.orders import sequential_game

from _dynamic_games import COORDINATION, FLIP, PENNIES, load

DUAL = "us_japan_china_dual_chain"


def _blocks(probabilities, shape):
    offsets = np.concatenate([[0], np.cumsum(shape)])
    return [np.asarray(probabilities[offsets[p]:offsets[p + 1]]) for p in range(len(shape))]


def _dual_chain_rule(state, params, play):
    """The bundled file's update rules, written out here by hand: the reference the engine must follow."""
    build = play["US"][0]
    restrict = play["China"][1]
    new = dict(state)
    for name in ("theta_U", "theta_J"):
        new[name] = state[name] + params["phi_theta"] * restrict * (params["theta_max"] - state[name])
    new["gamma_AB"] = state["gamma_AB"] + params["phi_gamma"] * build * (params["gamma_max"] - state["gamma_AB"])
    new["K"] = state["K"] - params["phi_gamma"] * build * (state["K"] - params["K_min"])
    return new


@pytest.mark.parametrize("sets", [[], ["--set", "phi_theta=0.4", "--set", "phi_gamma=0.05"]])
def test_each_period_follows_the_rule_and_plays_an_equilibrium(sets):
    """What `gtre simulate --json` prints, checked period by period against the file's rule and the stage game."""
    out = CliRunner().invoke(main, ["simulate", DUAL, "--periods", "30", "--json", *sets])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    game = load_game(DUAL)
    params = {k: float(v.default) for k, v in game.parameters.items()}
    params.update({item.split("=")[0]: float(item.split("=")[1]) for item in sets[1::2]})
    periods = data["run"]["periods"]
    assert len(periods) == 31 and data["verified"]
    for before, after in zip(periods, periods[1:]):
        play = dict(zip(game.players, _blocks(before["probabilities"], game.shape)))
        expected = _dual_chain_rule(before["state"], params, play)
        for name, value in expected.items():
            low, high = game.parameters[name].minimum, game.parameters[name].maximum
            assert after["state"][name] == pytest.approx(min(max(value, float(low)), float(high)), abs=1e-12)
    for period in periods:
        stage = game.at({**{k: repr(v) for k, v in params.items()}, **{k: repr(v) for k, v in period["state"].items()}})
        profile = _blocks(period["probabilities"], game.shape)
        assert max(regrets(stage.payoffs, profile)) <= 1e-9 * np.abs(stage.payoffs).max()
        assert period["n_equilibria"] >= 1


def test_the_dual_chain_finding_at_the_defaults():
    run = simulate(DUAL, periods=30)
    assert run.play[0][0] == "(build, align, restrict)"
    assert run.switches == [[2]] and run.play[0][-1] == "(build, align, supply)"
    assert run.first_period("dual_chain") == 0 and run.first_period("free_riding") is None
    assert run.limits[0].kind == "moving" and run.limits[0].since == 2
    # With no capacity build-up the allied chain collapses back into dependence on China.
    collapse = simulate(DUAL, {"phi_gamma": 0}, periods=30)
    assert collapse.play[0][-1] == "(no_build, dependent, supply)"
    assert collapse.limits[0].kind == "fixed point"


def test_counterfactuals_run_alongside():
    run = simulate(DUAL, periods=10, compare=[{"phi_theta": 0}, {"phi_gamma": "0"}])
    assert [dict(c) for c, _ in run.counterfactuals] == [{"phi_theta": 0}, {"phi_gamma": "0"}]
    alone = simulate(DUAL, {"phi_theta": 0}, periods=10)
    assert run.counterfactuals[0][1].play == alone.play
    frame = run.to_frame()
    assert set(frame["run"]) == {"baseline", "phi_theta=0", "phi_gamma=0"} and len(frame) == 33


def test_persist_keeps_an_equilibrium_payoff_dominance_would_leave(tmp_path):
    game = load(tmp_path, COORDINATION)
    kept = simulate(game, periods=4)
    switched = simulate(game, periods=4, select="payoff_dominant")
    # a: 2, 1.25, 0.5, 0.25 (clipped from -0.25), 0.25
    assert np.allclose(kept.state[0]["a"], [2, 1.25, 0.5, 0.25, 0.25])
    assert kept.play[0] == ["(A, a_)"] * 5
    assert switched.play[0] == ["(A, a_)", "(A, a_)", "(B, b_)", "(B, b_)", "(B, b_)"]
    assert kept.histories.clipped[3, 0, 0] and not kept.histories.clipped[:3].any()
    assert kept.limits[0].kind == "fixed point" and kept.limits[0].since == 3
    assert kept.verified and switched.verified


def test_refuse_stops_at_the_first_value_out_of_bounds(tmp_path):
    game = load(tmp_path, COORDINATION)
    with pytest.raises(GameFileError) as info:
        simulate(game, periods=4, bounds="refuse")
    assert info.value.key == "dynamics.update.a" and "period 3" in info.value.message
    assert "-0.25" in info.value.message


def test_a_cycle(tmp_path):
    run = simulate(load(tmp_path, FLIP))
    assert run.play[0][:3] == ["(D, L)", "(U, L)", "(D, L)"]
    assert (run.limits[0].kind, run.limits[0].length, run.limits[0].since) == ("cycle", 2, 0)
    assert run.switches[0] == list(range(1, 8))


def test_mixed_play_updates_by_the_expectation(tmp_path):
    run = simulate(load(tmp_path, PENNIES))
    # Each period: H with 1/2, Col's t with 1/2: x grows by 0.1/2 + 1/2.
    assert np.allclose(run.state[0]["x"], [0, 0.55, 1.1, 1.65])
    assert run.play[0][0] == "(H 0.50|T 0.50, h 0.50|t 0.50)"


def test_following_every_equilibrium_branches_and_is_bounded(tmp_path):
    game = load(tmp_path, COORDINATION.replace('a = "a - drop"', 'a = "a"'))
    run = simulate(game, periods=2, select="all")
    # Three equilibria ((A, A), (B, B), a mixed one) in each of the periods 0, 1, 2: every sequence once.
    equilibria = {"(A, a_)", "(B, b_)", "(A 0.33|B 0.67, a_ 0.33|b_ 0.67)"}
    assert run.n_branches == 27
    assert {tuple(p) for p in run.play} == {(x, y, z) for x in equilibria for y in equilibria for z in equilibria}
    assert all(set(labels) == {"; ".join(sorted(equilibria, key=lambda e: ("|" in e, e)))} for labels in run.equilibria)
    simulate(game, periods=4, select="all")  # 3**5 = 243 histories: within the bound
    with pytest.raises(UnsupportedError, match="729 histories, more than the 256"):
        simulate(game, periods=5, select="all")


def test_a_move_order_plays_the_subgame_perfect_path(tmp_path):
    text = (games_dir() / f"{DUAL}.toml").read_text(encoding="utf-8")
    game = load(tmp_path, text.replace('select = "persist"', 'select = "persist"\norder = ["US", "Japan", "China"]'))
    run = simulate(game, periods=6)
    assert run.method.startswith("subgame-perfect play")
    tree = sequential_game(game, ["US", "Japan", "China"])
    for t in range(7):
        point = {k: repr(float(v[t])) for k, v in run.state[0].items()}
        paths = {eq.profile(tree.at(point)) for eq in subgame_perfect_equilibria(tree.at(point)).equilibria}
        played = tuple(int(np.argmax(b)) for b in _blocks(run.histories.play[t, 0], game.shape))
        assert played in paths


def test_only_dynamic_games_simulate():
    with pytest.raises(UnsupportedError, match="no \\[dynamics\\] section"):
        simulate("us_japan_china")


@pytest.mark.parametrize("kwargs, source", [
    ({"periods": 0}, "periods"), ({"periods": 10**6}, "periods"), ({"select": "best"}, "select"),
    ({"fallback": "persist"}, "fallback"), ({"bounds": "wrap"}, "bounds"), ({"compare": [{}]}, "compare"),
    ({"compare": [{"nothing": 1}]}, "compare"), ({"params": {"phi_theta": 7}}, "params"),
])
def test_bad_options_name_the_argument(kwargs, source):
    with pytest.raises(GameFileError) as info:
        simulate(DUAL, **kwargs)
    assert info.value.source == source
