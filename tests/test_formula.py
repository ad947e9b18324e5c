import time

import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.formula import Formula

x, y = sympy.symbols("x y", real=True)
ENV = {"x": x, "y": y, "build": sympy.Integer(1), "align": sympy.Integer(0)}
NAMES = set(ENV)


def build(text, env=ENV, played=None):
    return Formula(text, "game.toml", "payoffs.formulas.US", NAMES).to_sympy(env, played)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x + 2*y - 1", x + 2 * y - 1),
        ("x**2 / 4", x**2 / 4),
        ("x**0.5", sympy.sqrt(x)),
        ("x**(1/3)", x ** sympy.Rational(1, 3)),
        ("0.15*x", sympy.Rational(3, 20) * x),
        ("-x", -x),
        ("build*x + align*y", x),
        ("x*(build and align)", 0),
        ("x*(build and not align)", x),
        ("x if build else y", x),
        ("x if align or False else y", y),
        ("min(x, y, 1)", sympy.Min(x, y, 1)),
        ("max(x, 0)", sympy.Max(x, 0)),
        ("abs(x) + sqrt(4) + exp(0) + log(1)", sympy.Abs(x) + 3),
        ("piecewise(align, 1, build, 2, 3)", 2),
        ("(x > 1) * 2", sympy.Piecewise((2, x > 1), (0, True))),
    ],
)
def test_formulas_build_the_expected_sympy(text, expected):
    assert sympy.simplify(build(text) - expected) == 0


def test_chained_comparison_is_a_conjunction():
    expr = build("0 < x < 1")
    assert expr.subs(x, sympy.Rational(1, 2)) == 1
    assert expr.subs(x, 2) == 0


def test_played_calls_the_given_indicator():
    calls = []

    def played(player, strategy):
        calls.append((player, strategy))
        return sympy.Integer(1)

    assert build("played(US, build) * x", played=played) == x
    assert calls == [("US", "build")]


HOSTILE = [
    ("__import__('os').system('echo pwned')", "calling attribute access (a.b) is not allowed"),
    ("__import__('os')", "calling '__import__' is not allowed"),
    ("x.__class__", "attribute access"),
    ("(lambda: 1)()", "calling lambda is not allowed"),
    ("x**" + "9" * 100, "exponent"),
    ("9" * 100 + " * x", "digits"),
    ("x**1e100", "exponent"),
    ("2**x", "an exponent must be a number"),
    ("x[0]", "subscript"),
    ("'text'", "str literal"),
    ("[x for x in y]", "ListComp"),
    ("open('/etc/passwd')", "calling 'open' is not allowed"),
    ("eval('1')", "calling 'eval' is not allowed"),
    ("x // 2", "floor division"),
    ("x := 2", "not a valid formula"),
    ("z + 1", "unknown name 'z'"),
    ("X + 1", "did you mean 'x'"),
    ("min(x)", "at least two arguments"),
    ("exp(x, y)", "takes 1 argument"),
    ("piecewise(x, 1)", "odd number"),
    ("min(x, key=y)", "keyword"),
    ("1/0", "division by zero"),
    ("log(-1)", "not positive"),
    ("x +", "not a valid formula"),
    ("+".join(["x"] * 500), "too large"),
    ("min(" * 50 + "x" + ", 1)" * 50, "nested"),
    ("1" * 5000, "characters long"),
    ("((2**64)**64)**64", "too large to evaluate"),
    ("True.real", "attribute access"),
    ("ｘ + 1", "non-ASCII character"),
    ("𝐱 + 1", "non-ASCII character"),
    ("x\x1b[2J + 1", "control character"),
    ("x + 1e-400", "exponent"),
    ("x + 1.0000000000000000000000000000001", "digits"),
    ("sqrt(-1)", "undefined"),
    ("(-1)**0.5", "undefined"),
    ("0**-2", "undefined"),
    ("x + log(0)", "undefined"),
]


@pytest.mark.parametrize("text, message", HOSTILE)
def test_hostile_formulas_are_refused_quickly_with_a_clear_message(text, message):
    start = time.perf_counter()
    with pytest.raises(GameFileError) as info:
        build(text)
    assert time.perf_counter() - start < 1.0
    assert message in str(info.value)
    assert str(info.value).startswith("game.toml: payoffs.formulas.US: ")


def test_a_refused_formula_executes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GameFileError):
        build("__import__('pathlib').Path('pwned').touch()")
    assert not (tmp_path / "pwned").exists()


def test_hints_explain_ambiguous_names():
    with pytest.raises(GameFileError, match="write played"):
        Formula("defect", "f", "k", set(), {"defect": "write played(Row, defect)"})


def conditions(text, env=ENV):
    return Formula(text, "game.toml", "k", NAMES).build(env)[1]


def holds(conds, value):
    return all(bool(c.subs(x, value)) for c in conds)


@pytest.mark.parametrize(
    "text, undefined_at, defined_at",
    [
        ("1/(x - 1)", [1], [0, 2]),
        ("min(1, 1/(x - 1))", [1], [0, 2]),
        ("sqrt(x)**2", [-1], [0, 4]),  # sympy simplifies the value to x
        ("log(x)", [0, -1], [1]),
        ("x**-0.5", [0, -1], [4]),
        ("1/x if x != 0 else 0", [], [0, 1]),
        ("piecewise(x < 0, sqrt(-x), x == 0, 1, log(x))", [], [-1, 0, 1]),
        ("piecewise(1/x > 0, 1, 2)", [0], [1, -1]),
        ("x != 0 and 1/x > 1", [], [0, 2]),
        ("x == 0 or 1/x > 1", [], [0, 2]),
        ("1/x > 1 or x == 0", [0], [2]),
        ("sqrt(x) if align else 1", [], [-1]),  # align is 0: the branch is never taken
        ("sqrt(x) if build else 1", [-1], [1]),
    ],
)
def test_build_gives_the_conditions_where_the_formula_is_defined(text, undefined_at, defined_at):
    conds = conditions(text)
    for value in undefined_at:
        assert not holds(conds, value), (text, value, conds)
    for value in defined_at:
        assert holds(conds, value), (text, value, conds)


def test_a_definition_carries_its_conditions_into_the_formulas_that_use_it():
    env = dict(ENV, d=1 / (x - 1))
    domains = {"d": (sympy.Ne(x - 1, 0),)}
    formula = Formula("d + 1", "g", "k", NAMES | {"d"})
    assert formula.build(env, domains=domains)[1] == (sympy.Ne(x - 1, 0),)
    guarded = Formula("d if x < 5 else 0", "g", "k", NAMES | {"d"}).build(env, domains=domains)[1]
    assert not holds(guarded, 1)
    guarded = Formula("d if x > 5 else 0", "g", "k", NAMES | {"d"}).build(env, domains=domains)[1]
    assert holds(guarded, 1)


def test_float_literals_are_the_exact_decimals_written():
    assert build("0.1234567890123456789 * x") == sympy.Rational(1234567890123456789, 10**19) * x
    assert build("1e-330 + x") == x + sympy.Rational(1, 10**330)
    assert build("1_000.5") == sympy.Rational(2001, 2)


def test_a_huge_integer_formula_is_one_error():
    # repr() of an int of more than 4300 digits raises ValueError.
    with pytest.raises(GameFileError, match="more than 2000 digits"):
        Formula(10**5000, "g", "k", set())
