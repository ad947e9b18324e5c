"""Tests of reading and writing Gambit .nfg files."""

import time
from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formats.nfg import load_nfg, read_nfg, write_nfg
from gametheory_re.limits import MAX_FILE_BYTES
from gametheory_re.normal_form import NormalFormGame

from _support import REFERENCE, need_module, need_reference, reference_files

NFG_DIR = REFERENCE / "gambit-games" / "nfg"
REFERENCE_FILES = reference_files(NFG_DIR, "*.nfg")


def reference(name):
    return need_reference(NFG_DIR / name)


def as_fractions(exact):
    return np.vectorize(lambda r: Fraction(int(r.p), int(r.q)), otypes=[object])(exact)


def assert_same_game(a, b):
    assert a.players == b.players
    assert a.strategies == b.strategies
    assert a.title == b.title
    assert np.array_equal(a.payoffs, b.payoffs)
    assert np.array_equal(as_fractions(a.exact_payoffs), as_fractions(b.exact_payoffs))


def assert_matches_gambit(game, gambit_game):
    assert game.title == gambit_game.title
    assert game.players == tuple(gambit_game.players)
    assert game.strategies == tuple(tuple(gambit_game.get_strategies(p)) for p in gambit_game.players)
    expected = gambit_game.to_arrays(dtype=Fraction)
    assert len(expected) == game.n_players
    for player, table in enumerate(expected):
        assert table.shape == game.shape
        assert np.array_equal(as_fractions(game.exact_payoffs[player]), table)
        assert np.allclose(game.payoffs[player], table.astype(float), rtol=0, atol=0)


@pytest.fixture(params=REFERENCE_FILES, ids=lambda p: p.name)
def reference_file(request):
    return need_reference(request.param)


def test_reference_folder_is_complete():
    need_reference(NFG_DIR)
    assert len(REFERENCE_FILES) >= 50


def test_reference_file_matches_pygambit(reference_file):
    pygambit = need_module("pygambit")
    assert_matches_gambit(load_nfg(reference_file), pygambit.read_nfg(str(reference_file)))


def test_reference_file_round_trips(reference_file):
    game = load_nfg(reference_file)
    assert_same_game(read_nfg(write_nfg(game)), game)


def test_written_file_read_by_pygambit(reference_file, tmp_path):
    pygambit = need_module("pygambit")
    game = load_nfg(reference_file)
    path = tmp_path / "game.nfg"
    path.write_text(write_nfg(game), encoding="utf-8")
    assert_matches_gambit(game, pygambit.read_nfg(str(path)))


def test_outcome_and_payoff_versions_agree():
    outcome = load_nfg(reference("tests__test_games__coordination_4x4_outcome.nfg"))
    payoff = load_nfg(reference("tests__test_games__coordination_4x4_payoff.nfg"))
    assert np.array_equal(outcome.payoffs, payoff.payoffs)
    assert np.array_equal(outcome.exact_payoffs, payoff.exact_payoffs)
    assert np.array_equal(outcome.payoffs[0], np.eye(4))


def test_first_player_varies_fastest():
    game = read_nfg('NFG 1 R "" { "A" "B" } { 3 2 } 1 10 2 20 3 30 4 40 5 50 6 60')
    assert game.shape == (3, 2)
    assert game.payoffs[0].tolist() == [[1, 4], [2, 5], [3, 6]]
    assert game.payoffs[1].tolist() == [[10, 40], [20, 50], [30, 60]]
    assert game.strategies == (("1", "2", "3"), ("1", "2"))


def test_rational_and_decimal_payoffs_are_exact():
    game = read_nfg('NFG 1 R "t" { "A" "B" } { 2 2 } 3/2 -0.25 1.5e2 +7 .5 -2/6 1E-3 0')
    exact = game.exact_payoffs
    assert exact[0, 0, 0] == sympy.Rational(3, 2) and exact[1, 0, 0] == sympy.Rational(-1, 4)
    assert exact[0, 1, 0] == 150 and exact[1, 1, 0] == 7
    assert exact[0, 0, 1] == sympy.Rational(1, 2) and exact[1, 0, 1] == sympy.Rational(-1, 3)
    assert exact[0, 1, 1] == sympy.Rational(1, 1000) and exact[1, 1, 1] == 0
    assert game.payoffs[0, 1, 0] == 150.0 and game.payoffs[1, 0, 0] == -0.25
    assert all(isinstance(x, sympy.Rational) for x in exact.flat)
    decimal = read_nfg('NFG 1 R "" { "A" } { 1 } 0.1')
    assert decimal.exact_payoffs[0, 0] == sympy.Rational(1, 10)
    assert decimal.payoffs[0, 0] == 0.1


def test_outcome_version_with_null_outcome_and_optional_commas():
    game = read_nfg(
        'NFG 1 R "o" { "A" "B" } { { "u" "d" } { "l" "r" } }\n'
        '{ { "win" 1, -1 } { "" 2 3, } }\n'
        "1 0 2 0\n"
    )
    assert game.payoffs[0].tolist() == [[1, 2], [0, 0]]
    assert game.payoffs[1].tolist() == [[-1, 3], [0, 0]]
    assert game.exact_payoffs[0, 1, 1] == 0


def test_title_escapes_and_comment():
    text = r'NFG 1 R "say \"hi\" \\ there" { "A" } { { "x" } } %s 5'
    with_comment = read_nfg(text % r'"a comment with \"quotes\""')
    without = read_nfg(text % "")
    assert with_comment.title == without.title == 'say "hi" \\ there'
    assert with_comment.payoffs.tolist() == without.payoffs.tolist() == [[5.0]]


def test_multiline_comment_and_crlf():
    game = read_nfg('NFG 1 D "t"\r\n{ "A" "B" } { 1 1 }\r\n"line\r\none"\r\n\r\n1 2\r\n')
    assert game.payoffs.ravel().tolist() == [1, 2]


def test_labels_made_unique_like_gambit():
    game = read_nfg('NFG 1 R "" { "x" "x" "x_1" "" } { { "a" "a" } { "" } { "s" } { "" "" } } ' + "0 " * 16)
    assert game.players == ("x_2", "x_3", "x_1", "_1")
    assert game.strategies == (("a_1", "a_2"), ("_1",), ("s",), ("_1", "_2"))


def test_write_float_payoffs_round_trip():
    payoffs = np.array([[[0.1, 1e-5], [2.0, -3.25]], [[1 / 3, 1e16], [0.0, 7.0]]])
    game = NormalFormGame(players=("Row", "Col"), strategies=(("U", "D"), ("L", "R")), payoffs=payoffs)
    back = read_nfg(write_nfg(game))
    assert np.array_equal(back.payoffs, payoffs)
    assert back.players == game.players and back.strategies == game.strategies


def test_write_escapes_names_and_round_trips():
    exact = np.array(
        [[sympy.Rational(1, 3), sympy.Integer(-2)], [sympy.Rational(-7, 2), sympy.Integer(0)]], dtype=object
    ).reshape(2, 2, 1)
    game = NormalFormGame(
        players=('He said "no"', "back\\slash"),
        strategies=(("a b", "{c}"), ("1,2",)),
        payoffs=exact.astype(float),
        exact_payoffs=exact,
        title='quote " and \\ backslash',
    )
    text = write_nfg(game)
    assert "1/3 -7/2" in text
    assert_same_game(read_nfg(text), game)


def one_payoff_game(value):
    return NormalFormGame(
        players=("A",), strategies=(("x",),), payoffs=np.array([[float(value)]]),
        exact_payoffs=np.array([[value]], dtype=object),
    )


@pytest.mark.parametrize("value", [sympy.Rational(1, 3**200), sympy.Rational(2**1000 + 1, 3**500), -sympy.Integer(7) ** 300])
def test_long_exact_payoffs_are_written_exactly_and_read_back(value):
    text = write_nfg(one_payoff_game(value))
    assert read_nfg(text).exact_payoffs[0, 0] == value


def test_long_exact_payoffs_are_read_by_gambit(tmp_path):
    gambit = need_module("pygambit")
    value = sympy.Rational(1, 3**200) + sympy.Rational(1, 7)
    path = tmp_path / "long.nfg"
    path.write_text(write_nfg(one_payoff_game(value)))
    read = gambit.read_nfg(str(path)).to_arrays(dtype=Fraction)[0][0]
    assert read == Fraction(int(value.p), int(value.q))


@pytest.mark.parametrize("value", [sympy.Rational(1, 3**2500), sympy.Rational(10**5000 + 1, 10**4999)])
def test_write_refuses_payoffs_reader_would_refuse_in_one_error(value):
    # 10**5000 + 1 has more digits than str() of an int may have: no ValueError.
    with pytest.raises(GameFileError, match=r"payoffs.A at \(x\): the exact value .* more than 1000 characters"):
        write_nfg(one_payoff_game(value), target="out.nfg")


HEADER = 'NFG 1 R "g" { "A" "B" } { 2 2 }\n'
OUTCOME_HEADER = 'NFG 1 R "g" { "A" "B" } { { "u" "d" } { "l" "r" } }\n{ { "" 1 2 } { "" 3 4 } }\n'

MALFORMED = [
    ("empty", "", "line 1", "expected 'NFG'"),
    ("not nfg", 'EFG 2 R "g" { "A" }', "line 1", "expected 'NFG'"),
    ("bad version", 'NFG 2 R "g" { "A" } { 1 } 1', "line 1", "only NFG version 1"),
    ("bad data type", 'NFG 1 X "g" { "A" } { 1 } 1', "line 1", "'D' or 'R'"),
    ("no title", "NFG 1 R { \"A\" } { 1 } 1", "line 1", "title"),
    ("no players", 'NFG 1 R "g" { } { } ', "line 1", "no players"),
    ("unknown token in header", 'NFG 1 R "g" { "A" @ } { 1 } 1', "line 1", "found '@'"),
    ("unknown token in body", HEADER + "1 2 3 4 5 @ 7 8", "line 2", "found '@'"),
    ("junk glued to number", HEADER + "1 2 3 4 5 6x 7 8", "line 2", "found '6x'"),
    ("non-number payoff", HEADER + '1 2 3\n"4" 5 6 7 8', "line 3", "profile 2, player 2"),
    ("truncated body", HEADER + "1 2 3", "payoffs", "expected 8 payoffs (4 profiles × 2 players), found 3"),
    ("too few payoffs", HEADER + "1 2 3 4 5 6 7", "payoffs", "found 7"),
    ("too many payoffs", HEADER + "1 2 3 4 5 6 7 8 9", "payoffs", "found more: 9 at line 2"),
    ("trailing junk", HEADER + "1 2 3 4 5 6 7 8 }", "line 2", "end of the file"),
    ("no body", HEADER, "line 2", "expected payoffs"),
    ("unterminated string", 'NFG 1 R "g" { "A" "B\n } { 2 2 }\n1 2', "line 1", "unterminated string starting at line 1"),
    ("unterminated comment", HEADER + '"comment\n\n1 2 3 4 5 6 7 8', "line 2", "unterminated string starting at line 2"),
    ("escaped closing quote", 'NFG 1 R "g\\"\n', "line 1", "unterminated string"),
    ("number too long", HEADER + "1" * 1001 + " 2 3 4 5 6 7 8", "line 2", "number too long"),
    ("huge exponent", HEADER + "1e999999999 2 3 4 5 6 7 8", "line 2", "exponent"),
    ("infinite payoff", HEADER + "1e349 2 3 4 5 6 7 8", "line 2", "too large"),
    ("zero denominator", HEADER + "1/0 2 3 4 5 6 7 8", "line 2", "divides by zero"),
    ("fewer counts than players", 'NFG 1 R "g" { "A" "B" } { 2 } 1 2', "line 1", "strategies for 2 players, found 1"),
    ("more counts than players", 'NFG 1 R "g" { "A" } { 2 2 } 1 2', "line 1", "strategies for 1 players, found more"),
    ("zero strategies", 'NFG 1 R "g" { "A" "B" } { 2 0 } 1 2', "line 1", "player 2 has 0 strategies"),
    ("fractional count", 'NFG 1 R "g" { "A" } { 2.5 } 1 2', "line 1", "whole number"),
    ("names not nested", 'NFG 1 R "g" { "A" } { "a" "b" } 1 2', "line 1", "strategy count or '}'"),
    ("empty name list", 'NFG 1 R "g" { "A" "B" } { { "a" } { } } 1 2', "line 1", "player 2 has no strategies"),
    ("extra name list", 'NFG 1 R "g" { "A" } { { "a" } { "b" } } 1 2', "line 1", "strategies for 1 players, found more"),
    ("missing name list", 'NFG 1 R "g" { "A" "B" } { { "a" } } 1 2', "line 1", "strategies for 2 players, found 1"),
    ("too many players", 'NFG 1 R "g" { ' + '"p" ' * 11 + "} ", "line 1", "more than 10 players"),
    ("too many profiles", 'NFG 1 R "g" { "A" "B" } { 400 400 } 1', "strategies", "160000 pure profiles"),
    ("outcome index out of range", OUTCOME_HEADER + "1 2 3 0", "profile 3", "outcome index 3 at line 3 out of range 0..2"),
    ("negative outcome index", OUTCOME_HEADER + "1 2 -1 0", "line 3", "whole number"),
    ("fractional outcome index", OUTCOME_HEADER + "1 2 1.5 0", "line 3", "whole number"),
    ("too few outcome indices", OUTCOME_HEADER + "1 2 1", "outcomes", "expected 4 outcome indices (one per profile), found 3"),
    ("too many outcome indices", OUTCOME_HEADER + "1 2 1 2 1", "outcomes", "found more"),
    ("outcome short of payoffs", OUTCOME_HEADER.replace("3 4", "3") + "1 2 1 2", "line 2", "payoff 2 of 2 in outcome 2"),
    ("outcome with extra payoff", OUTCOME_HEADER.replace("3 4", "3 4 5") + "1 2 1 2", "line 2", "closing outcome 2"),
    ("outcome without name", OUTCOME_HEADER.replace('{ "" 1 2 }', "{ 1 2 }") + "1 2 1 2", "line 2", "name of outcome 1"),
    ("unclosed outcome list", OUTCOME_HEADER.replace("4 } }", "4 }") + "1 2 1 2", "line 3", "closing the outcome list"),
]


@pytest.mark.parametrize(("text", "key", "message"), [case[1:] for case in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_input_is_refused(text, key, message):
    with pytest.raises(GameFileError) as caught:
        read_nfg(text, source="bad.nfg")
    assert caught.value.source == "bad.nfg"
    assert caught.value.key == key
    assert message in caught.value.message


def test_huge_strategy_counts_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(GameFileError, match="1000000 strategies"):
        read_nfg('NFG 1 R "g" { "A" "B" } { 1000000 1000000 }\n' + "0 " * 1000)
    assert time.perf_counter() - start < 1.0


def test_load_refuses_oversized_file_before_reading(tmp_path):
    path = tmp_path / "big.nfg"
    with open(path, "wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(GameFileError, match="bytes") as caught:
        load_nfg(path)
    assert caught.value.source == str(path)


def test_load_reports_bad_utf8_with_line(tmp_path):
    path = tmp_path / "latin1.nfg"
    path.write_bytes('NFG 1 R "caf\u00e9"\n{ "\u00e9" } { 1 } 1'.encode("latin-1"))
    with pytest.raises(GameFileError, match="not UTF-8") as caught:
        load_nfg(path)
    assert caught.value.key == "line 1"


def test_load_reports_missing_file(tmp_path):
    with pytest.raises(GameFileError, match="cannot read"):
        load_nfg(tmp_path / "absent.nfg")


def test_load_accepts_utf8_with_bom(tmp_path):
    path = tmp_path / "bom.nfg"
    path.write_bytes(b"\xef\xbb\xbf" + 'NFG 1 R "\u00e9t\u00e9" { "A" } { 1 } 4'.encode("utf-8"))
    game = load_nfg(path)
    assert game.title == "\u00e9t\u00e9" and game.payoffs.tolist() == [[4.0]]
