"""Hostile and broken inputs: each class of attack refused or made harmless at its root.

Classes (issue 8, item 6): parameter names that collide with names the
generated numpy code uses; Unicode lookalikes; control characters reaching
the terminal; tiny inputs that would hang; values that are not real numbers.
"""

import builtins
import inspect
import keyword
import math

import numpy as np
import pytest
import sympy

from gametheory_re.errors import is_unprintable
from gametheory_re.formats.toml_game import IDENTIFIER, read_toml_game
from gametheory_re.formula import RESERVED
from gametheory_re.limits import MAX_NAME_LENGTH, MAX_PARAMETERS

# -- A. names that collide with the generated code's names ---------------------

PRINTER_NAMES = {
    "e", "E", "pi", "I", "nan", "inf", "oo", "zoo", "select", "amin", "amax", "where", "reduce", "minimum",
    "maximum", "greater", "less", "equal", "not_equal", "logical_and", "logical_or", "logical_not", "asarray",
    "power", "numpy", "np", "math", "mpmath", "scipy", "builtins", "Dummy", "Symbol", "Min", "Max", "Abs",
    "Piecewise", "lambdify", "x", "select_", "True_", "float64", "array", "sum", "range", "print", "exec", "eval",
}


def collision_candidates():
    names = set(dir(np)) | set(dir(math)) | set(dir(builtins)) | set(dir(sympy)) | PRINTER_NAMES
    return sorted(
        n for n in names
        if IDENTIFIER.match(n) and len(n) <= MAX_NAME_LENGTH and not keyword.iskeyword(n) and n not in RESERVED
    )


FORMULA = (
    "exp(1)*{n} + exp({n}) + min({n}, 1, 2*{n}) + max({n}, 0) + abs({n} - 3) + log({n} + 5) + sqrt({n} + 4)"
    " + ({n}**2 if {n} > 0 else -{n}) + piecewise({n} < 1, 1, {n} < 2, 2, 3) + 1/({n} + 7)"
    " + (1 if {n} > 0 and {n} < 5 or {n} == 9 else 0) + exp(1) + 2**0.5"
)


def one_player_game(names, neutral="zz_neutral"):
    """Strategy i pays 2*names[i] + 1; a last strategy pays FORMULA of ``neutral``.

    All payoffs are compiled into one function whose arguments are every
    name at once, so a name shadowing anything the code uses breaks FORMULA.
    """
    strategies = [f"zz_strategy_{i}" for i in range(len(names) + 1)]
    lines = ["[parameters]", f"{neutral} = 0.5"]
    lines += [f"{n} = {0.25 + i / 7:.6f}" for i, n in enumerate(names)]
    lines += ["[[players]]", 'name = "zz_player"', f"strategies = {strategies!r}".replace("'", '"'), "[payoffs.table]"]
    lines += [f'"{s}" = ["2*{n} + 1"]' for s, n in zip(strategies, names)]
    lines.append(f'"{strategies[-1]}" = ["{FORMULA.format(n=neutral)}"]')
    return read_toml_game("\n".join(lines))


def test_no_parameter_name_changes_or_breaks_a_payoff():
    names = collision_candidates()
    assert len(names) > 1000 and {"e", "select", "reduce", "minimum", "greater", "nan"} <= set(names)
    reference = one_player_game([])
    batch = np.array([0.25, 1.5, 3.0, 9.0])
    expected_formula = reference.payoff_batch({"zz_neutral": batch})[0, -1]
    size = MAX_PARAMETERS - 10
    for start in range(0, len(names), size):
        chunk = names[start:start + size]
        game = one_player_game(chunk)
        defaults = np.array([float(game.parameters[n].default) for n in chunk])
        at = game.at().payoffs[0]
        assert np.array_equal(at[:-1], 2 * defaults + 1) and at[-1] == reference.at().payoffs[0, -1], chunk
        out = game.payoff_batch({n: batch for n in game.parameters})[0]
        assert np.array_equal(out[:-1], np.broadcast_to(2 * batch + 1, out[:-1].shape)), chunk
        assert np.array_equal(out[-1], expected_formula), chunk


def test_a_parameter_named_e_does_not_change_eulers_number():
    game = read_toml_game(
        '[parameters]\ne = 5\npi = 7\nnan = 2\n[[players]]\nname = "A"\nstrategies = ["a", "b"]\n'
        '[payoffs.table]\n"a" = ["exp(1) + e"]\n"b" = ["e*pi + nan + piecewise(e > 9, 1, 2)"]\n'
    )
    assert game.at().payoffs[0].tolist() == pytest.approx([math.e + 5, 39])
    assert game.payoff_batch({"e": np.array([1.0, 2.0])})[0, 0].tolist() == pytest.approx([math.e + 1, math.e + 2])


def test_generated_code_uses_no_game_name_and_no_version_specific_min_max():
    game = read_toml_game(
        '[parameters]\nq = 0.5\nselect = 2\n[[players]]\nname = "A"\nstrategies = ["a", "b"]\n'
        '[payoffs.table]\n"a" = ["min(1, q, select)"]\n"b" = ["max(q, 2*select) if q > 0 and select > 0 else 0"]\n'
    )
    code = inspect.getsource(game._evaluator.function)
    assert "select" not in code and " q" not in code and "(q" not in code
    # Nested two-argument numpy calls broadcast a scalar against an array in
    # every sympy version; amin(asarray(...)) / reduce(...) do not.
    assert "minimum(" in code and "amin" not in code and "reduce" not in code
    out = game.payoff_batch({"q": np.array([0.25, 2.0])})  # select stays a scalar
    assert out[0, 0].tolist() == [0.25, 1.0] and out[0, 1].tolist() == [4.0, 4.0]


# -- shared game texts ------------------------------------------------------------

NORMAL = """
[game]
title = "T"
description = "D"
[parameters.x]
default = 0.5
[[players]]
name = "A"
strategies = ["a", "b"]
[[players]]
name = "B"
strategies = ["c", "d"]
[definitions]
half = "x/2"
[payoffs.formulas]
A = "x*a + half"
B = "c"
[outcomes.both]
when = "a and c"
"""

TREE = """
[game]
title = "T"
[parameters.x]
default = 0.5
[[players]]
name = "A"
[tree]
root = "start"
[nodes.start]
player = "chance"
moves = { up = "choose", down = "low" }
probabilities = { up = "x", down = "1 - x" }
[nodes.choose]
player = "A"
infoset = "only"
moves = { left = "high", right = "low2" }
[nodes.high]
payoffs = { A = "x + 1" }
[nodes.low]
payoffs = { A = "x" }
[nodes.low2]
payoffs = { A = "2*x" }
"""

NFG = 'NFG 1 R "T" { "A" "B" } { { "a" "b" } { "c" "d" } }\n""\n1 2 3 4 5 6 7 8\n'
EFG = (
    'EFG 2 R "T" { "A" "B" } ""\n'
    'p "root" 1 1 "I" { "l" "r" } 0\n'
    't "L" 1 "o1" { 1, 2 }\n'
    'p "R" 2 1 "J" { "x" "y" } 0\n'
    't "RX" 2 "o2" { 3, 4 }\n'
    't "RY" 3 "o3" { 5, 6 }\n'
)


def load_text(tmp_path, text, suffix):
    from gametheory_re.formats import load_game

    path = tmp_path / f"game{suffix}"
    path.write_text(text, encoding="utf-8")
    return load_game(path)


def refused(tmp_path, text, suffix, *fragments):
    """Load must fail with one GameFileError whose text has no raw control character."""
    from gametheory_re.errors import GameFileError

    with pytest.raises(GameFileError) as info:
        load_text(tmp_path, text, suffix)
    message = str(info.value)
    assert message.isprintable(), repr(message)
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_the_shared_texts_are_valid(tmp_path):
    for text, suffix in ((NORMAL, ".toml"), (TREE, ".toml"), (NFG, ".nfg"), (EFG, ".efg")):
        load_text(tmp_path, text, suffix).at()


# -- B. Unicode lookalikes ---------------------------------------------------------

LOOKALIKES = ["ｘ", "𝐱", "ⅹ", "x\u0301", "\u200bx", "x\u00a0"]


@pytest.mark.parametrize("char", LOOKALIKES)
@pytest.mark.parametrize(
    "text, old",
    [
        (NORMAL, 'A = "x*a + half"'), (NORMAL, 'half = "x/2"'), (NORMAL, 'when = "a and c"'),
        (TREE, 'payoffs = { A = "x + 1" }'), (TREE, 'up = "x", down'),
    ],
)
def test_lookalike_characters_in_formulas_are_refused(tmp_path, text, old, char):
    # Python's parser would read the fullwidth, bold or Roman-numeral x as x.
    new = old.replace("x", char, 1) if "x" in old else old.replace('"a', f'"{char}', 1)
    assert new != old
    refused(tmp_path, text.replace(old, new), ".toml", "character", "ASCII")


@pytest.mark.parametrize(
    "text, old, new",
    [
        (NORMAL, "[parameters.x]", '[parameters."ｘ"]'),
        (NORMAL, 'name = "A"', 'name = "Ａ"'),
        (NORMAL, '"a", "b"', '"ａ", "b"'),
        (NORMAL, "[outcomes.both]", '[outcomes."bоth"]'),  # Cyrillic o
        (NORMAL, 'half = "x/2"', '"hаlf" = "x/2"'),
        (TREE, "[nodes.high]", '[nodes."hіgh"]'),
        (TREE, 'left = "high"', '"lеft" = "high"'),
        (TREE, 'infoset = "only"', 'infoset = "оnly"'),
    ],
)
def test_names_must_be_ascii_identifiers(tmp_path, text, old, new):
    text = text.replace(old, new)
    if old == "[nodes.high]":
        text = text.replace('"high"', '"hіgh"')
    refused(tmp_path, text, ".toml", "not valid")


@pytest.mark.parametrize("value", ["１", "٣", "0.５", "1_000", "𝟏"])
def test_numbers_must_be_ascii(tmp_path, value):
    from gametheory_re.errors import GameFileError

    game = load_text(tmp_path, NORMAL, ".toml")
    with pytest.raises(GameFileError, match="not a number"):
        game.at({"x": value})
    refused(tmp_path, NORMAL.replace("default = 0.5", f'default = "{value}"'), ".toml", "not a number")
    refused(tmp_path, NFG.replace("1 2 3", f"1 {value} 3"), ".nfg")


# -- C. control characters ---------------------------------------------------------

ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x9b2J", "\u202e", "a\rb", "\x00", "\u2028"]


def toml_string(text):
    return '"' + "".join(c if c.isprintable() else f"\\U{ord(c):08x}" for c in text) + '"'


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize(
    "text, old",
    [
        (NORMAL, 'title = "T"'), (NORMAL, 'description = "D"'), (TREE, 'title = "T"'),
        (NORMAL, 'name = "A"'), (NORMAL, '"a", "b"'), (NORMAL, "[outcomes.both]"), (NORMAL, "[parameters.x]"),
        (TREE, "[nodes.high]"), (TREE, 'left = "high"'), (TREE, 'infoset = "only"'),
    ],
)
def test_control_characters_in_toml_texts_and_names_are_refused(tmp_path, text, old, escape):
    if old.startswith("["):
        section, name = old[1:-1].rsplit(".", 1)
        new = f"[{section}.{toml_string(name + escape)}]"
    elif "= " in old and old.split("= ")[1].startswith('"'):
        key, value = old.split(" = ", 1)
        new = f"{key} = {toml_string(value[1:-1] + escape)}"
    else:  # the first item of a list
        new = old.replace('"a"', toml_string("a" + escape), 1)
    if "[nodes.high]" in old:
        text = text.replace('"high"', toml_string("high" + escape))
    refused(tmp_path, text.replace(old, new), ".toml")


UNPRINTABLE = [chr(c) for c in [*range(0x3000), 0xFEFF, 0xFFF9, 0xE0001, 0xE007F, 0xE000] if is_unprintable(chr(c))]


def test_every_unprintable_character_is_refused_in_a_title_and_a_gambit_name(tmp_path):
    assert len(UNPRINTABLE) > 90 and {"\x1b", "\x07", "\x9b", "\u202e", "\u200d", "\ufeff"} <= set(UNPRINTABLE)
    for char in UNPRINTABLE:
        refused(tmp_path, NORMAL.replace('title = "T"', f"title = {toml_string('T' + char)}"), ".toml", "game.title")
        if not char.isspace() or char in "\n\t\r":
            refused(tmp_path, NFG.replace('"A"', f'"A{char}"'), ".nfg", "control character")


def test_descriptions_may_span_lines_but_hold_no_escape(tmp_path):
    ok = NORMAL.replace('description = "D"', 'description = "line 1\\nline 2\\tend"')
    assert load_text(tmp_path, ok, ".toml").description == "line 1\nline 2\tend"
    refused(tmp_path, NORMAL.replace('description = "D"', 'description = "a\\u001b[2Jb"'), ".toml", "\\x1b")


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize(
    "text, old, suffix",
    [
        (NFG, '"T"', ".nfg"), (NFG, '"A"', ".nfg"), (NFG, '"c"', ".nfg"),
        (EFG, '"T"', ".efg"), (EFG, '"B"', ".efg"), (EFG, '"root"', ".efg"), (EFG, '"l"', ".efg"),
        (EFG, '"J"', ".efg"),
    ],
)
def test_control_characters_in_gambit_names_are_refused(tmp_path, text, old, suffix, escape):
    refused(tmp_path, text.replace(old, old[:-1] + escape + '"', 1), suffix, "control character")


@pytest.mark.parametrize("escape", ESCAPES)
def test_error_messages_escape_what_they_quote(tmp_path, escape):
    # Unknown keys, unknown names, bad tokens and --set names are echoed.
    refused(tmp_path, NORMAL + f"{toml_string('k' + escape)} = 1\n", ".toml", "unknown key")
    if not escape.isspace():  # a line separator separates tokens, as a space does
        refused(tmp_path, NFG.replace("1 2 3", f"1 2{escape} 3"), ".nfg")
        refused(tmp_path, EFG.replace('p "R"', f'p{escape} "R"'), ".efg")
    from gametheory_re.errors import GameFileError

    game = load_text(tmp_path, NORMAL, ".toml")
    for values in ({"x" + escape: 1}, {"x": "1" + escape + "1"}):
        with pytest.raises(GameFileError) as info:
            game.at(values)
        assert str(info.value).isprintable()


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path):
    from gametheory_re.formats import load_game

    path = tmp_path / "a\x1b]0;owned\x07.toml"
    path.write_text(NORMAL.replace('title = "T"\n', ""))
    game = load_game(path)
    assert game.title == "a\\x1b]0;owned\\x07"
    assert game.source.isprintable() and game.source.endswith("a\\x1b]0;owned\\x07.toml")  # validate prints it
    for suffix, text in ((".nfg", NFG), (".efg", EFG), (".toml", TREE)):
        path = tmp_path / f"b\x1b[2J{suffix}"
        path.write_text(text)
        assert load_game(path).source.isprintable(), suffix


# -- D. tiny inputs that would hang --------------------------------------------------

@pytest.mark.parametrize("value", ['"1e999999999"', '"-1e-999999999"', '"1E+99999999999999999999"'])
def test_huge_exponents_are_refused_before_any_arithmetic(tmp_path, value):
    refused(tmp_path, NORMAL.replace("default = 0.5", f"default = {value}"), ".toml", "exponent")
    refused(tmp_path, NFG.replace("1 2 3", f"1 {value[1:-1]} 3"), ".nfg", "exponent")
    refused(tmp_path, NORMAL.replace('A = "x*a + half"', f'A = "x*a + {value[1:-1]}"'), ".toml", "exponent")


def test_integers_beyond_pythons_digit_limit_give_one_error(tmp_path):
    # str() of such an int raises ValueError; tomllib raises it while parsing.
    refused(tmp_path, NORMAL.replace("default = 0.5", "default = " + "9" * 5000), ".toml", "malformed TOML")
    refused(tmp_path, NORMAL.replace("default = 0.5", "default = " + "9" * 4000), ".toml", "digits")
    refused(tmp_path, NORMAL.replace('A = "x*a + half"', "A = " + "9" * 1999), ".toml", "digits")
    from gametheory_re.numbers import digits_exceed

    assert digits_exceed(10**5000, 5000) and not digits_exceed(10**5000 - 1, 5000)


@pytest.mark.parametrize(
    "payoff, definitions",
    [
        ("((((x**64)**64)**64)**64)**64 * a", ""),
        ("((x + 1)**64 + 1)**64 * a", ""),
        ("d2 * a", 'd1 = "x**64"\nd2 = "d1**64"'),
        ("d2 * a", 'd1 = "(x + 1)**20 * (x + 2)**20"\nd2 = "d1*d1*d1*d1*d1*d1*d1"'),
        ("x**60 * x**60 * x**60 * x**60 * x**60", ""),
    ],
)
def test_nested_powers_are_bounded_at_build_time(tmp_path, payoff, definitions):
    text = NORMAL.replace('half = "x/2"', f'half = "x/2"\n{definitions}').replace('A = "x*a + half"', f'A = "{payoff}"')
    refused(tmp_path, text, ".toml", "degree", "at most 256")


def test_numbers_built_from_numbers_alone_are_bounded(tmp_path):
    definitions = 'd1 = "2**64 * 2**64 * 2**64 * 2**64"\nd2 = "' + "*".join(["d1"] * 33) + '"'
    text = NORMAL.replace('half = "x/2"', f'half = "x/2"\n{definitions}').replace('A = "x*a + half"', 'A = "d2"')
    refused(tmp_path, text, ".toml", "definitions.d2", "bits")
    refused(tmp_path, NORMAL.replace('A = "x*a + half"', 'A = "(2**64)**64**64"'), ".toml")


def test_a_payoff_of_degree_within_the_limit_is_solved_exactly(tmp_path):
    game = load_text(tmp_path, NORMAL.replace('A = "x*a + half"', 'A = "(x**8)**8 * a"'), ".toml")
    exact = game.at(exact=True).exact_payoffs
    assert exact[0, 0, 0] == sympy.Rational(1, 2**64)


# -- E. values that are not real numbers -------------------------------------------

def game_with_payoff(tmp_path, payoff, players=2):
    text = NORMAL.replace("[parameters.x]\ndefault = 0.5", "[parameters.x]\ndefault = 0.5\nmin = -3\nmax = 3")
    text = text.replace('A = "x*a + half"', f'A = "{payoff}"')
    if players == 3:
        text = text.replace("[definitions]", '[[players]]\nname = "C"\nstrategies = ["e", "f"]\n[definitions]')
        text = text.replace('B = "c"', 'B = "c"\nC = "e"')
    return load_text(tmp_path, text, ".toml")


UNDEFINED = [
    ("min(1, 1/(x - 1)) * a", 1, "x - 1 != 0"),
    ("max(0, 1/(x - 1))", "1", "x - 1 != 0"),
    ("sqrt(x) * a", -1, "x >= 0"),
    ("(x**0.5)**2", "-1/2", "x >= 0"),  # sympy simplifies this to x
    ("x**(1/3)", -1, "x >= 0"),
    ("log(x + 1)", -1, "x + 1 > 0"),
    ("exp(-1/x**2)", 0, "x**2 != 0"),  # tends to 0, but 1/0 is undefined
    ("1/(x - 0.1 - 0.2)", "0.3", "x - 3/10 != 0"),  # exact: 0.3 - 0.1 - 0.2 is 0
    ("half_inv", 0, "x != 0"),
    ("1 if 1/x > 0 else 2", 0, "x != 0"),  # a condition is evaluated too
]


@pytest.mark.parametrize("payoff, value, needs", UNDEFINED)
@pytest.mark.parametrize("exact", [False, True])
def test_an_undefined_sub_expression_makes_the_payoff_undefined_in_both_paths(tmp_path, payoff, value, needs, exact):
    from gametheory_re.errors import GameFileError

    game = game_with_payoff(tmp_path, payoff.replace("half_inv", "1/x"))
    with pytest.raises(GameFileError) as info:
        game.at({"x": value}, exact=exact)
    message = str(info.value)
    assert "payoffs.A" in message and "undefined at x=" in message and needs in message, message
    column = game.payoff_batch({"x": np.array([float(sympy.Rational(str(value))), 2.5])})[0].reshape(-1, 2)
    assert np.isnan(column[:, 0]).any() and np.isfinite(column[:, 1]).all()


def test_definitions_carry_their_conditions(tmp_path):
    text = NORMAL.replace('half = "x/2"', 'half = "x/2"\ninv = "1/(x - 2)"').replace('A = "x*a + half"', 'A = "min(5, inv)"')
    text = text.replace("default = 0.5", "default = 0.5\nmax = 3")
    from gametheory_re.errors import GameFileError

    with pytest.raises(GameFileError, match="x - 2 != 0"):
        load_text(tmp_path, text, ".toml").at({"x": 2})


@pytest.mark.parametrize(
    "payoff, value, expected",
    [
        ("1/x if x != 0 else 5", 0, 5),
        ("piecewise(x == 0, 5, 1/x)", 0, 5),
        ("piecewise(x < 0, sqrt(-x), x > 0, log(x), 7)", 0, 7),
        ("(x != 0 and 1/x > 1) * 3", 0, 0),
        ("(x == 0 or 1/x > 1) * 3", 0, 3),
        ("sqrt(x + 2*a) if a else 4", -1, 1),  # at (b, ...) the branch is not taken
    ],
)
def test_a_branch_that_is_not_taken_does_not_make_a_payoff_undefined(tmp_path, payoff, value, expected):
    game = game_with_payoff(tmp_path, payoff)
    assert game.at({"x": value}).payoffs[0, 0, 0] == expected
    assert game.at({"x": value}, exact=True).exact_payoffs[0, 0, 0] == expected
    assert game.payoff_batch({"x": np.array([float(value)])})[0, 0, 0, 0] == expected


@pytest.mark.parametrize("payoff", ["(-1)**0.5", "sqrt(-2)", "log(0)", "log(-1) * x", "0**-1", "x + (-8)**(1/3)"])
def test_a_payoff_undefined_everywhere_is_refused_at_load(tmp_path, payoff):
    refused(tmp_path, NORMAL.replace('A = "x*a + half"', f'A = "{payoff}"'), ".toml", "payoffs.formulas.A", "undefined")


def test_a_three_player_game_at_an_undefined_point_is_one_error(tmp_path):
    # 3-player games are solved exactly: sympy's zoo used to reach the solver.
    from gametheory_re import solve
    from gametheory_re.errors import GameFileError

    game = game_with_payoff(tmp_path, "min(1, 1/(x - 1)) * a + sqrt(x + 2)", players=3)
    with pytest.raises(GameFileError, match="undefined at x=1"):
        solve(game, {"x": 1})
    with pytest.raises(GameFileError, match="x \\+ 2 >= 0"):
        solve(game, {"x": -3})
    assert solve(game, {"x": 2}).equilibria


def test_undefined_tree_payoffs_and_probabilities(tmp_path):
    from gametheory_re.errors import GameFileError

    text = TREE.replace("[parameters.x]\ndefault = 0.5", "[parameters.x]\ndefault = 0.5\nmin = -1\nmax = 2")
    tree = load_text(tmp_path, text.replace('A = "x + 1"', 'A = "log(x)"'), ".toml")
    with pytest.raises(GameFileError, match="nodes.high.payoffs.A: the payoff is undefined at x=0: it needs x > 0"):
        tree.at({"x": 0})
    assert np.isnan(tree.payoff_batch({"x": np.array([0.0, 1.0])})[0, 0]).tolist() == [True, False]
    tree = load_text(tmp_path, text.replace('up = "x", down = "1 - x"', 'up = "x**0.5", down = "1 - x**0.5"'), ".toml")
    with pytest.raises(GameFileError, match="nodes.start.probabilities: a probability is undefined at x=-1"):
        tree.at({"x": -1})


def test_cli_prints_one_error_line_for_an_undefined_payoff(tmp_path):
    from click.testing import CliRunner

    from gametheory_re.cli import main

    path = tmp_path / "g.toml"
    path.write_text(NORMAL.replace('A = "x*a + half"', 'A = "min(1, 1/(x - 1))"'))
    for extra in ([], ["--exact"]):
        result = CliRunner().invoke(main, ["solve", str(path), "--set", "x=1", *extra])
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("error: ") and "x - 1 != 0" in result.output


def random_formula(rng, depth):
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["x", "y", "1", "2", "0", "0.5", "-1", "a"])
    a, b, c = (random_formula(rng, depth - 1) for _ in range(3))
    return rng.choice([
        f"({a} + {b})", f"({a} - {b})", f"({a} * {b})", f"({a} / {b})", f"sqrt({a})", f"log({a})",
        f"min({a}, {b})", f"max({a}, {b})", f"({a} if {b} > 0 else {c})", f"({a})**2", f"({a})**0.5",
        f"({a})**-1", f"exp({a})", f"abs({a})", f"piecewise({a} > 1, {b}, {b} < 0, {a}, 1/{b})",
        f"(({a} != 0 and {b}/{a} > 1) or {b} == 0)", f"({a})**(1/3)",
    ])


def test_random_formulas_agree_in_the_float_exact_and_batch_paths():
    import random

    from gametheory_re.errors import GameFileError

    rng = random.Random(8)
    points = [(0, 0), (1, -1), (-1, 2), (0.5, 0), (2, 1)]
    checked = 0
    for _ in range(120):
        formula = random_formula(rng, 4)
        text = (
            '[parameters]\nx = 0.5\ny = 0.5\n[[players]]\nname = "A"\nstrategies = ["a", "b"]\n'
            f'[payoffs.formulas]\nA = "{formula}"\n'
        )
        try:
            game = read_toml_game(text)
        except GameFileError:
            continue
        batch = game.payoff_batch({"x": np.array([p[0] for p in points], float), "y": np.array([p[1] for p in points], float)})
        for k, (x, y) in enumerate(points):
            outcomes = []
            for exact in (False, True):
                try:
                    outcomes.append(game.at({"x": x, "y": y}, exact=exact).payoffs)
                except GameFileError:
                    outcomes.append(None)
            defined = np.isfinite(batch[..., k]).all()
            if "abs(exp(" in formula and outcomes[1] is None:
                continue  # sympy rewrites abs(exp(z**(1/3))) with atan2, undefined at 0 exactly
            assert (outcomes[0] is None) == (outcomes[1] is None) == (not defined), (formula, x, y)
            if defined:
                assert np.allclose(outcomes[0], outcomes[1]) and np.allclose(outcomes[0], batch[..., k]), (formula, x, y)
            checked += 1
    assert checked > 200


def test_the_error_names_the_parameters_of_the_failing_condition_only(tmp_path):
    from gametheory_re.errors import GameFileError

    text = NORMAL.replace("[parameters.x]", "[parameters.zz]\ndefault = 3\n[parameters.x]")
    game = load_text(tmp_path, text.replace('A = "x*a + half"', 'A = "zz/(x - 1)"'), ".toml")
    with pytest.raises(GameFileError) as info:
        game.at({"x": 1})
    assert "undefined at x=1: it needs x - 1 != 0" in str(info.value) and "zz=" not in str(info.value)


# -- F. gtre conditions: hostile game files and options ------------------------------

def conditions_game(params, a, b, na=2, nb=2):
    """A two-player game text: ``params`` as (name, min, max) (None: unbounded), A's and B's payoff formulas."""
    lines = []
    for name, lo, hi in params:
        lines.append(f"[parameters.{name}]\ndefault = {lo if lo is not None else 0}")
        lines += [f"min = {lo}"] if lo is not None else []
        lines += [f"max = {hi}"] if hi is not None else []
    lines.append('[[players]]\nname = "A"\nstrategies = [' + ", ".join(f'"a{i}"' for i in range(na)) + "]")
    lines.append('[[players]]\nname = "B"\nstrategies = [' + ", ".join(f'"b{i}"' for i in range(nb)) + "]")
    lines.append(f'[payoffs.formulas]\nA = "{a}"\nB = "{b}"')
    return read_toml_game("\n".join(lines) + "\n")


def test_conditions_of_high_degree_in_one_free_parameter_are_solved_by_real_roots():
    # sympy's solve_univariate_inequality ran for minutes on this quartic, past any budget.
    from gametheory_re.symbolic import game_conditions

    game = conditions_game([("x", 0, 2)], "a1*(x**4 - 3*x**2 + x - 1/3)", "b1*x")
    result = game_conditions(game, mixed=False)
    assert any("CRootOf(3*x**4 - 9*x**2 + 3*x - 1, 1)" in str(v) for v in result.intervals["solved"].values())
    game = conditions_game([("x", 0, 2)], "a1*(x**60*x**10 - 3*x**7 + x - 1/3)", "b1*x")
    result = game_conditions(game, mixed=False)
    assert result.intervals["unsolved"] > 0 and "not solved for x" in " ".join(result.notes)


def test_support_profiles_are_counted_not_walked():
    # classify() walked every support profile: a 14 x 14 game (2**28 of them) hung, even with --no-mixed.
    import itertools

    from gametheory_re.symbolic.mixed import classify, solvable_supports

    def walked(shape):
        supports = [[c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)] for n in shape]
        out = {"solvable": [], "one": 0, "unequal": 0, "many": 0}
        for profile in itertools.product(*supports):
            mixers = [len(s) for s in profile if len(s) > 1]
            if len(mixers) == 2 and mixers[0] == mixers[1]:
                out["solvable"].append(profile)
            elif mixers:
                out[{1: "one", 2: "unequal"}.get(len(mixers), "many")] += 1
        return out

    for shape in [(2, 2), (3, 2), (2, 3, 2), (4, 3), (1, 3), (3, 1, 3), (2, 2, 2, 2), (3,), (4, 2, 3)]:
        expected = walked(shape)
        count, unsolved = classify(shape)
        assert list(solvable_supports(shape)) == expected["solvable"] and count == len(expected["solvable"])
        assert (unsolved.one_mixer, unsolved.unequal_sizes, unsolved.three_or_more_mixers) == (
            expected["one"], expected["unequal"], expected["many"])
    assert classify((64, 64))[1].unequal_sizes > 2**100
    assert next(solvable_supports((16, 16, 16))) == ((0,), (0, 1), (0, 1))


def test_piecewise_conditions_that_would_split_into_too_many_cases_are_refused_before_splitting():
    # (x > 0.1 or y > 0.1) and ... with 16 clauses: to_dnf built 2**16 conjunctions before the case limit.
    from gametheory_re.errors import UnsupportedError
    from gametheory_re.symbolic import game_conditions

    clauses = " and ".join(f"(x > {k / 20} or y > {k / 20})" for k in range(1, 17))
    game = conditions_game([("x", 0, 1), ("y", 0, 1)], f"a1*piecewise({clauses}, 1, 0)", "b1*x")
    with pytest.raises(UnsupportedError, match="more than 64 cases"):
        game_conditions(game, mixed=False)
    from gametheory_re.symbolic.cases import _conjunctions

    x, y = sympy.symbols("x y", real=True)
    guard = sympy.Or(x > 1, sympy.And(sympy.Eq(x, 2), sympy.Ne(y, 1)))
    assert len(_conjunctions([guard])) == 3
    with pytest.raises(UnsupportedError):
        _conjunctions([guard] * 4)  # 81 alternatives


def test_conditions_json_reads_back_the_same_with_parameters_named_like_sympy_constants():
    # exp(1) printed as "E": with a parameter E, "E*E >= 2" read back as E**2 >= 2.
    from sympy.parsing.sympy_parser import parse_expr

    from gametheory_re.presenters.conditions import _tex, conditions_dict
    from gametheory_re.symbolic import game_conditions

    game = conditions_game([("E", 0, 2), ("I", -1, 1)], "a1*(exp(1)*E - sqrt(2) + I) + a0*log(2)", "b1*(E - exp(1)*I)")
    result = game_conditions(game, mixed=False)
    doc = conditions_dict(result)
    names = {p["name"]: sympy.Symbol(p["name"], real=True) for p in doc["parameters"]}
    checked = 0
    for p, item in zip(result.pure, doc["pure"]):
        assert parse_expr(item["condition"], local_dict=names) == p.relation(), item["condition"]
        for region, region_item in zip(p.regions, item["regions"]):
            for r, c in zip(region.requirements, region_item["conditions"]):
                assert parse_expr(c["condition"], local_dict=names) == r.inequality.relation(), c["condition"]
                checked += 1
    assert checked and "exp(1)" in json_text(doc) and "E*E" not in json_text(doc)
    e = sympy.Symbol("e", real=True)
    assert _tex(sympy.E * e + sympy.exp(e)) == r"\mathrm{e} e + \mathrm{e}^{e}"


def json_text(doc):
    import json

    return json.dumps(doc)


def test_the_exact_lp_checks_the_time_budget_between_lps():
    # 40 dense conditions in 8 parameters: 41 exact LPs of about 1 s each in one region, unchecked.
    from gametheory_re.solvers.deadline import Deadline, OutOfTime
    from gametheory_re.symbolic.inequality import Inequality
    from gametheory_re.symbolic.redundancy import prune

    x, y = sympy.symbols("x y", real=True)
    spent = Deadline(1e-9)
    while not spent.passed():
        pass
    with pytest.raises(OutOfTime):
        prune([Inequality(x - y), Inequality(x - y / 2)], {x: (0, 1), y: (0, 1)}, spent)
    assert prune([Inequality(x - y), Inequality(x - y / 2)], {x: (0, 1), y: (0, 1)}, Deadline(60)) == ([0], False)


def test_conditions_of_high_degree_are_neither_factored_nor_expanded():
    # factor(x**64 - y**64) ran for minutes (3 operations); (x + y + z + w + 1)**64 expands to 814,385 terms.
    from gametheory_re.symbolic.inequality import Inequality, simplify, tidy_fraction
    from gametheory_re.symbolic.redundancy import is_linear

    x, y, z, w = sympy.symbols("x y z w", real=True)
    box = {x: (0, 2), y: (-1, 1), z: (0, 1), w: (0, 1)}
    assert simplify(x**64 - y**64, box) == Inequality(x**64 - y**64)
    bomb = (x + y + z + w + 1)**64 - 2**70
    assert isinstance(simplify(bomb, box), Inequality) and Inequality(bomb).key() == (bomb, False)
    assert not is_linear(bomb, [x, y, z, w]) and tidy_fraction(bomb / (x + 1), box) == bomb / (x + 1)


def test_conditions_options_each_give_one_line_naming_the_flag(tmp_path):
    from click.testing import CliRunner

    from gametheory_re import api
    from gametheory_re.cli import main

    runner = CliRunner()
    for args, fragment in [
        (["--free", "rho", "--set", "rho=0.5"], "error: --free: rho: is also given a value (--set)"),
        (["--free", "rho,,q"], "expected parameter names separated by commas"),
        (["--free", "nope"], "error: --free: nope: unknown parameter"),
        (["--outcome", "nope"], "error: --outcome: nope: unknown outcome"),
        (["--time-budget", "-1"], "error: --time-budget: -1: expected a number of seconds at least 0"),
        (["--set", "rho=1e999999"], "error: --set: rho:"),
        (["--latex", "--json"], "error: --latex: not with --json"),
    ]:
        result = runner.invoke(main, ["conditions", "us_china", *args])
        assert result.exit_code != 0 and result.output.count("\n") == 1 and fragment in result.output, (args, result.output)
    assert "0 or 'none'" not in runner.invoke(main, ["conditions", "--help"]).output
    # the API: one name as a string is that name; None is no time limit, as in solve()
    result = api.conditions("us_china", free="rho", outcomes="status_quo", time_budget=None, mixed=False)
    assert result.free == ("rho",) and [o.name for o in result.outcomes] == ["status_quo"]


def test_constants_such_as_exp_1_have_exact_bounds():
    # bounds(1 - exp(1)) was (-oo, oo): x*(1 - exp(1)) >= 0 stayed as written instead of x <= 0.
    from gametheory_re.symbolic.inequality import simplify
    from gametheory_re.symbolic.intervals import bounds

    x = sympy.Symbol("x", real=True)
    lo, hi = bounds(1 - sympy.E, {})
    assert lo.is_Rational and hi.is_Rational and lo < 1 - sympy.E < hi < 0
    assert bounds(sympy.sqrt(2) - sympy.log(2), {})[0] > 0 and bounds(sympy.I, {}) == (-sympy.oo, sympy.oo)
    assert simplify(x * (1 - sympy.E), {x: (0, 1)}).expr == -x


# -- G. gtre sensitivity --from: hostile and broken tables ------------------------------

SWEEP_HEADER = "rho,q,label,support,n_equilibria,n_pure,status_quo\n"


@pytest.mark.parametrize("name, text, fragment", [
    ("empty.csv", "", "not a readable csv sweep table"),
    ("header_only.csv", SWEEP_HEADER, "no rows"),
    ("not_sweep.csv", "a,b\n1,2\n", "label: missing: not a table written by gtre sweep --out"),
    ("no_params.csv", "label,support,n_equilibria,n_pure,status_quo\nx,x,1,1,all\n", "no parameter column"),
    ("other_game.csv", "zeta,label,support,n_equilibria,n_pure,status_quo\n0.5,x,x,1,1,all\n", "zeta: is not a parameter"),
    ("infinite.csv", SWEEP_HEADER + "inf,0.5,x,x,1,1,all\n0.2,0.3,x,x,1,1,none\n", "rho: row 1: 'inf' is not a finite number"),
    ("text_value.csv", SWEEP_HEADER + "__import__('os'),0.5,x,x,1,1,all\n", "rho: row 1:"),
    ("outside.csv", SWEEP_HEADER + "0.5,7,x,x,1,1,all\n0.2,0.3,x,x,1,1,none\n", "q: value 7.0 is outside the range"),
    ("constant.csv", SWEEP_HEADER + "0.5,0.5,x,x,1,1,all\n0.5,0.3,x,x,1,1,none\n", "rho: takes one value"),
    ("bad_status.csv", SWEEP_HEADER + "0.5,0.5,x,x,1,1,maybe\n0.2,0.3,x,x,1,1,none\n", "status_quo: holds 'maybe'"),
    ("no_outcome.csv", "rho,q,label,support,n_equilibria,n_pure\n0.5,0.5,x,x,1,1\n0.2,0.3,x,x,1,1\n", "status_quo: no column"),
    ("ragged.csv", SWEEP_HEADER + "0.5,0.5,x\n0.1,0.2,x,x,1,1,all,extra,more\n", "not a readable csv sweep table"),
    ("binary.csv", "\x00\xff\xfe garbage", "not a readable csv sweep table"),
    ("lines.jsonl", '{"rho": 0.5}\nnot json\n', "not a readable jsonl sweep table"),
])
def test_tables_read_back_are_refused_in_one_line(tmp_path, name, text, fragment):
    from click.testing import CliRunner

    from gametheory_re.cli import main

    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    result = CliRunner().invoke(main, ["sensitivity", "us_china", "--outcome", "status_quo", "--method", "filtering",
                                       "--from", str(path)])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("error: ") and fragment in result.output, result.output


def test_tables_read_back_are_bounded(tmp_path, monkeypatch):
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import tables

    path = tmp_path / "big.csv"
    path.write_text(SWEEP_HEADER + "0.5,0.5,x,x,1,1,all\n" * 20, encoding="utf-8")
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 100)
    with pytest.raises(GameFileError, match="bytes; at most 100 are read"):
        tables.read_table(path)
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 10**9)
    monkeypatch.setattr(tables, "MAX_TABLE_POINTS", 10)
    with pytest.raises(GameFileError, match="more than 10 rows"):
        tables.read_table(path)


def test_study_sizes_are_bounded_before_any_run():
    from gametheory_re import api
    from gametheory_re.errors import GameFileError

    calls = []
    with pytest.raises(GameFileError, match="at most 5000000"):
        # 2^19 base samples of 10 parameters: 6.3 million runs, refused before the first.
        api.sensitivity("us_china", "status_quo", samples=1 << 19, progress=lambda *a: calls.append(a))
    assert calls == [(0, (1 << 19) * 12)] or calls == []
