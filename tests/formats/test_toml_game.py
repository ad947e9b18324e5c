import time

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formats import bundled_games, load_game
from gametheory_re.formats.toml_game import load_toml_game, read_toml_game

PLAYERS = """
[[players]]
name = "Row"
strategies = ["up", "down"]

[[players]]
name = "Col"
strategies = ["left", "right"]
"""

TABLE = """
[payoffs.table]
"up, left" = [1, 1]
"up, right" = [0, 0]
"down, left" = [0, 0]
"down, right" = ["x", 2]
"""

PARAM = """
[parameters.x]
default = 1
min = 0
max = 2
"""


def test_game_b_has_the_briefs_players_strategies_and_parameters():
    game = load_game("us_japan_china")
    assert game.players == ("US", "Japan", "China")
    assert game.strategies == (("build", "no_build"), ("align", "hedge", "dependent"), ("supply", "restrict"))
    assert set(game.parameters) == {
        "pi_U", "pi_J", "q", "g", "rho", "d_U", "d_J", "L_U", "L_J", "theta_U", "theta_J", "K", "s",
        "sigma", "k_H", "h", "eps", "gamma_AB", "gamma_U", "gamma_J", "b_U", "kappa",
    }
    assert game.parameters["rho"].default == sympy.Rational(3, 20)
    assert (game.parameters["gamma_U"].minimum, game.parameters["gamma_U"].maximum) == (0, sympy.Rational(9, 10))
    assert game.outcomes["burden_sharing"].mask[:, 0, :].all()
    assert not game.outcomes["burden_sharing"].mask[:, 1:, :].any()


def test_game_b_payoffs_match_the_brief_at_a_hand_checked_profile():
    # (build, hedge, restrict): Gamma_U = gamma_U, Gamma_J = min(1, (1-eps)*gamma_U + h).
    g = load_game("us_japan_china").at()
    x_u = 5 * 0.7 * 0.5
    gamma_j = 0.5 * 0.35 + 0.15
    assert g.payoffs[0, 0, 1, 1] == pytest.approx(0.2 - 1 - x_u * (1 - 0.35))
    assert g.payoffs[1, 0, 1, 1] == pytest.approx(-0.1 - 6 * 0.65 * 0.5 * (1 - gamma_j))
    m = 0.5 * (1 - 0.35) + 0.5 * (1 - gamma_j)
    assert g.payoffs[2, 0, 1, 1] == pytest.approx(m * 0.5 + 0.8 * m - 0.15)


def test_game_a_table_with_formulas():
    g = load_game("us_china").at({"q": "0.3"})
    assert g.payoffs[0, 0, 1] == pytest.approx(-5 * 0.7 * 0.3)
    assert g.parameters["q"] == pytest.approx(0.3)


def test_formula_payoffs_with_played_for_shared_strategy_names():
    g = read_toml_game(
        """
[[players]]
name = "A"
strategies = ["c", "d"]
[[players]]
name = "B"
strategies = ["c", "d"]
[payoffs.formulas]
A = "3*played(A, c)*played(B, c) + 5*played(A, d)*played(B, c) + played(A, d)*played(B, d)"
B = "3*played(A, c)*played(B, c) + 5*played(B, d)*played(A, c) + played(A, d)*played(B, d)"
"""
    ).at()
    assert g_equal(g.payoffs[0], [[3, 0], [5, 1]]) and g_equal(g.payoffs[1], [[3, 5], [0, 1]])


def g_equal(a, b):
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float))


def test_exact_payoffs_keep_rationals():
    g = read_toml_game(PARAM + PLAYERS + TABLE).at({"x": "1/3"}, exact=True)
    assert g.exact_payoffs[0, 1, 1] == sympy.Rational(1, 3)


BAD = [
    ("players = [", "", "malformed TOML"),
    ("[game]\ntitle = 'x'\n", "players", "missing"),
    (PLAYERS + TABLE + "\n[extra]\n", "extra", "unknown key"),
    (PLAYERS.replace('"left", "right"', '"left", "left"') + TABLE, "players.Col.strategies", "duplicate strategy 'left'"),
    (PLAYERS.replace('name = "Col"', 'name = "Row"') + TABLE, "players[1].name", "duplicate player"),
    (PLAYERS.replace('"up"', '"up-1"') + TABLE, "players.Row.strategies", "not valid"),
    (PLAYERS.replace('"up"', '"if"') + TABLE, "players.Row.strategies", "reserved"),
    (PLAYERS + TABLE, 'payoffs.table."down, right"[0]', "unknown name 'x'"),
    (PARAM + PLAYERS + TABLE.replace('"up, right" = [0, 0]\n', ""), "payoffs.table", 'missing profile "up, right"'),
    (PARAM + PLAYERS + TABLE.replace('"up, left" = [1, 1]', '"up, left" = [1]'), 'payoffs.table."up, left"', "expected a list of 2 payoffs"),
    (PARAM + PLAYERS + TABLE.replace('"up, left"', '"up, middle"'), 'payoffs.table."up, middle"', "Col has no strategy 'middle'"),
    (PARAM + PLAYERS + TABLE.replace('"up, left"', '"up"'), 'payoffs.table."up"', "one strategy per player"),
    (PARAM + PLAYERS + TABLE + '"up , left" = [1, 1]\n', 'payoffs.table."up , left"', "given twice"),
    (PARAM.replace("default = 1", "default = 3") + PLAYERS + TABLE, "x", "outside the parameter's bounds"),
    (PARAM.replace("default = 1", "default = true") + PLAYERS + TABLE, "parameters.x.default", "expected a number"),
    (PARAM.replace("default = 1", "default = nan") + PLAYERS + TABLE, "parameters.x.default", "finite number"),
    (PARAM.replace("default = 1", 'default = "abc"') + PLAYERS + TABLE, "parameters.x.default", "finite number"),
    (PARAM.replace("min = 0", "min = 3") + PLAYERS + TABLE, "parameters.x", "min is greater than max"),
    (PARAM.replace("default = 1\n", "") + PLAYERS + TABLE, "parameters.x.default", "missing"),
    (PARAM.replace("max = 2", "maximum = 2") + PLAYERS + TABLE, "parameters.x.maximum", "unknown key"),
    (PARAM.replace("[parameters.x]", "[parameters.up]") + PLAYERS + TABLE, "parameters.up", "share its name"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'x'\n", "payoffs.formulas.Col", "missing"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'x'\nCol = 'x'\nBob = '1'\n", "payoffs.formulas.Bob", "unknown player"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'x'\nCol = '1'\n" + TABLE, "payoffs", "exactly one"),
    (PARAM + PLAYERS + "[definitions]\na = 'b'\nb = 'x'\n[payoffs.formulas]\nRow = 'a'\nCol = 'b'\n", "definitions.a", "defined later"),
    (PARAM + PLAYERS + "[definitions]\na = 'a + 1'\n[payoffs.formulas]\nRow = 'a'\nCol = '1'\n", "definitions.a", "defined later"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'x / (up - up)'\nCol = '1'\n", "payoffs.formulas.Row", "division by zero"),
    (PARAM + PLAYERS + TABLE + "[outcomes.o]\nwhen = 'x > 1'\n", "outcomes.o.when", "unknown name 'x'"),
    (PARAM + PLAYERS + TABLE + "[outcomes.o]\ndescription = 'no condition'\n", "outcomes.o.when", "missing"),
    (PARAM + PLAYERS + TABLE + "[outcomes.o]\nwhen = 'up + 2'\n", "outcomes.o.when", "true/false"),
    (PLAYERS.replace('"up", "down"', '"c", "d"').replace('"left", "right"', '"c", "d"')
     + "[payoffs.formulas]\nRow = 'c'\nCol = '1'\n", "payoffs.formulas.Row", "write played(Row, c)"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'played(Bob, up)'\nCol = '1'\n", "payoffs.formulas.Row", "unknown player 'Bob'"),
    (PARAM + PLAYERS + "[payoffs.formulas]\nRow = 'played(Row, left)'\nCol = '1'\n", "payoffs.formulas.Row", "Row has no strategy 'left'"),
    ("[[players]]\nname = 'A'\nstrategies = [" + ", ".join(f"'s{i}'" for i in range(1001)) + "]\n", "players.A.strategies", "at most 1000"),
    ("".join(f"[[players]]\nname = 'P{i}'\nstrategies = ['a', 'b']\n" for i in range(11)), "players", "at most 10"),
    ("".join(f"[[players]]\nname = 'P{i}'\nstrategies = {[f's{j}' for j in range(50)]}\n" for i in range(3)), "players", "125000 strategy profiles"),
]


@pytest.mark.parametrize("text, key, message", BAD)
def test_bad_game_files_get_one_clear_error(text, key, message):
    with pytest.raises(GameFileError) as info:
        read_toml_game(text, source="bad.toml").at()
    assert info.value.key == key
    assert message in info.value.message
    assert info.value.source in ("bad.toml", "--set")


def test_malformed_toml_names_the_line():
    with pytest.raises(GameFileError, match=r"line 3"):
        read_toml_game("[game]\ntitle = 'a'\ntitle = = 2\n", source="bad.toml")


def test_nonfinite_payoff_at_a_parameter_point():
    text = PARAM.replace("min = 0", "min = -1") + PLAYERS + TABLE.replace('["x", 2]', '["1/x", 2]')
    game = read_toml_game(text, source="bad.toml")
    assert game.at({"x": 1}).payoffs[0, 1, 1] == 1
    with pytest.raises(GameFileError, match=r"payoff at \(down, right\) is undefined at x=0: it needs x != 0"):
        game.at({"x": 0})


def test_set_values_are_checked():
    game = read_toml_game(PARAM + PLAYERS + TABLE)
    with pytest.raises(GameFileError, match="unknown parameter; the game's parameters are: x"):
        game.at({"y": 1})
    with pytest.raises(GameFileError, match="expected a finite number"):
        game.at({"x": "__import__('os')"})
    with pytest.raises(GameFileError, match=r"outside the parameter's bounds \[0, 2\]"):
        game.at({"x": "5/2"})


def test_huge_strategy_file_is_refused_fast_without_parsing(tmp_path):
    path = tmp_path / "huge.toml"
    names = ", ".join(f'"s{i}"' for i in range(10**6))
    path.write_text(f'[[players]]\nname = "A"\nstrategies = [{names}]\n')
    start = time.perf_counter()
    with pytest.raises(GameFileError, match="game files may be at most"):
        load_toml_game(path)
    assert time.perf_counter() - start < 1.0


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(GameFileError, match="no such file"):
        load_toml_game(tmp_path / "nope.toml")
    bad = tmp_path / "bin.toml"
    bad.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(GameFileError, match="not UTF-8"):
        load_toml_game(bad)


def test_unknown_format(tmp_path):
    path = tmp_path / "game.json"
    path.write_text("{}")
    with pytest.raises(GameFileError, match="unknown game format"):
        load_game(path)


@pytest.mark.parametrize(
    "name, close",
    [("us_japan_chna", "us_japan_china"), ("us_chin", "us_china"), ("prisoners_dilema", "prisoners_dilemma"),
     ("us_china.tom", "us_china")],
)
def test_a_mistyped_bundled_name_suggests_the_closest(name, close, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no file of that name here
    assert any(p.stem == close for p in bundled_games()), f"no bundled game {close}"
    with pytest.raises(GameFileError) as info:
        load_game(name)
    message = str(info.value)
    assert "unknown game format" not in message and "no bundled game has this name" in message
    assert f"did you mean {close}" in message or f", {close}" in message


def test_a_missing_path_is_not_an_unknown_format(tmp_path):
    with pytest.raises(GameFileError, match="no such file"):
        load_game(tmp_path / "missing.json")
    with pytest.raises(GameFileError, match=r"no such file, and no bundled game has this name \('gtre list'"):
        load_game("zzzz_nothing_like_a_game")


def test_exponential_definitions_are_bounded():
    defs = "[definitions]\nd0 = 'x + 1'\n" + "".join(f"d{i} = 'd{i-1} + x*d{i-1}'\n" for i in range(1, 40))
    text = PARAM + PLAYERS + defs + "[payoffs.formulas]\nRow = 'd39'\nCol = '1'\n"
    start = time.perf_counter()
    with pytest.raises(GameFileError, match="expands to more than"):
        read_toml_game(text, source="bad.toml")
    assert time.perf_counter() - start < 5.0
