"""Reading the [dynamics] section of game files: both forms, and every bad input as one clear error."""

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formats import load_game

from _dynamic_games import COORDINATION, load, write

REUSING = """
[game]
title = "Game B, repeated"

[parameters.phi]
default = 0.2
min = 0
max = 1

[dynamics]
payoffs_from = "us_japan_china.toml"
periods = 5

[dynamics.start]
q = 0.4
theta_U = "1/10"

[dynamics.update]
theta_U = "theta_U + phi*restrict*(1 - theta_U)"
gamma_AB = "min(0.9, gamma_AB + phi*(build and align))"
"""


def test_a_normal_form_file_with_dynamics(tmp_path):
    game = load(tmp_path, COORDINATION)
    d = game.dynamics
    assert d.state == ("a",) and d.rules == ("a - drop",)
    assert (d.select, d.fallback, d.bounds, d.periods, d.order) == ("persist", "payoff_dominant", "clip", 4, None)
    assert d.updates.shape == (1, 2, 2)
    a, drop = sympy.Symbol("a", real=True), sympy.Symbol("drop", real=True)
    assert all(e == a - drop for e in d.updates.ravel())
    # Everything else sees the stage game at the start values.
    assert game.players == ("Row", "Col") and game.parameters["a"].default == 2


def test_a_file_reusing_another_games_payoffs(tmp_path):
    base = load_game("us_japan_china")
    game = load(tmp_path, REUSING)
    assert game.title == "Game B, repeated"
    assert game.players == base.players and game.strategies == base.strategies
    assert list(game.parameters) == [*base.parameters, "phi"]
    assert game.parameters["q"].default == sympy.Rational(2, 5)
    assert game.parameters["theta_U"].default == sympy.Rational(1, 10)
    assert game.dynamics.start == {"q": sympy.Rational(2, 5), "theta_U": sympy.Rational(1, 10)}
    # The stage game's payoffs are Game B's.
    assert np.allclose(game.at({"q": 0.5, "theta_U": 0}).payoffs, base.at().payoffs)
    # Indicators are 0/1 per profile: build, align, restrict is profile (0, 0, 1).
    gamma, phi = sympy.Symbol("gamma_AB", real=True), sympy.Symbol("phi", real=True)
    assert game.dynamics.updates[1][0, 0, 1] == sympy.Min(sympy.Rational(9, 10), gamma + phi)
    assert game.dynamics.updates[1][1, 0, 1] == sympy.Min(sympy.Rational(9, 10), gamma)
    assert game.dynamics.payoffs_from == "us_japan_china.toml"


def test_the_bundled_dual_chain_game():
    game = load_game("us_japan_china_dual_chain")
    assert game.dynamics.state == ("theta_U", "theta_J", "gamma_AB", "K")
    assert game.dynamics.payoffs_from == "us_japan_china.toml"
    assert set(game.outcomes) == {"burden_sharing", "free_riding", "dual_chain"}
    assert all(game.parameters[n].source for n in ("phi_theta", "phi_gamma", "theta_max"))


def test_a_move_order(tmp_path):
    game = load(tmp_path, REUSING.replace("periods = 5", 'periods = 5\norder = ["US", "Japan", "China"]'))
    assert game.dynamics.order == ((0,), (1,), (2,))


BAD = [
    ('periods = 4', 'periods = 0', "dynamics.periods", "from 1 to"),
    ('periods = 4', 'periods = "many"', "dynamics.periods", "whole number"),
    ('select = "persist"', 'select = "best"', "dynamics.select", "expected one of persist"),
    ('fallback = "payoff_dominant"', 'fallback = "persist"', "dynamics.fallback", "expected one of first"),
    ('periods = 4', 'periods = 4\nbounds = "wrap"', "dynamics.bounds", "clip, refuse"),
    ('periods = 4', 'periods = 4\nspeed = 2', "dynamics.speed", "unknown key"),
    ('a = "a - drop"', 'b = "a - drop"', "dynamics.update.b", "not a parameter"),
    ('a = "a - drop"', 'a = "a - slope"', "dynamics.update.a", "slope"),
    ('a = "a - drop"', 'a = "__import__(1)"', "dynamics.update.a", ""),
    ('[dynamics.update]\na = "a - drop"', '', "dynamics.update", "missing"),
    ('periods = 4', 'periods = 4\norder = ["Row", "Nobody"]', "dynamics.order", "unknown player"),
    ('periods = 4', 'periods = 4\n[dynamics.start]\na = 9', "dynamics.start.a", "outside the parameter's bounds"),
    ('periods = 4', 'periods = 4\n[dynamics.start]\nz = 1', "dynamics.start.z", "unknown parameter"),
    ('periods = 4', 'periods = 4\n[dynamics.start]\na = "1e99999"', "dynamics.start.a", ""),
]


@pytest.mark.parametrize("old, new, key, words", BAD)
def test_bad_dynamics_are_one_error_naming_file_and_key(tmp_path, old, new, key, words):
    text = COORDINATION.replace(old, new)
    assert text != COORDINATION
    with pytest.raises(GameFileError) as info:
        load(tmp_path, text)
    assert info.value.key == key and words in info.value.message
    assert info.value.source.endswith("dyn.toml")
    assert "\n" not in str(info.value)


BAD_REUSING = [
    ('payoffs_from = "us_japan_china.toml"', 'payoffs_from = "nowhere.toml"', "dynamics.payoffs_from", "no such file"),
    ('payoffs_from = "us_japan_china.toml"', 'payoffs_from = "us_japan_china_sequential.toml"',
     "dynamics.payoffs_from", "not a normal-form game file"),
    ('payoffs_from = "us_japan_china.toml"', 'payoffs_from = "dyn.toml"', "dynamics.payoffs_from", "this file itself"),
    ('[parameters.phi]', '[parameters.K]', "parameters.K", "already has the name"),
    ('[parameters.phi]', '[parameters.restrict]', "parameters.restrict", "already has the name"),
    ('[game]', '[players]\n[game]', "players", "unknown key"),
]


@pytest.mark.parametrize("old, new, key, words", BAD_REUSING)
def test_bad_reusing_files(tmp_path, old, new, key, words):
    text = REUSING.replace(old, new)
    assert text != REUSING
    with pytest.raises(GameFileError) as info:
        load(tmp_path, text)
    assert (info.value.key, info.value.source.endswith("dyn.toml")) == (key, True)
    assert words in info.value.message


def test_dynamics_with_a_tree_is_refused(tmp_path):
    text = REUSING + '\n[sequential]\npayoffs_from = "us_japan_china.toml"\norder = ["US", "Japan", "China"]\n'
    with pytest.raises(GameFileError, match="dynamics.order instead"):
        load(tmp_path, text)


def test_a_sequential_file_may_not_reuse_a_dynamic_one(tmp_path):
    write(tmp_path, COORDINATION, "coordination.toml")
    text = '[sequential]\npayoffs_from = "coordination.toml"\norder = ["Row", "Col"]\n'
    with pytest.raises(GameFileError, match="is a dynamic game"):
        load(tmp_path, text, "seq.toml")
