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

from gametheory_re.formats.toml_game import _IDENTIFIER, read_toml_game
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
        if _IDENTIFIER.match(n) and len(n) <= MAX_NAME_LENGTH and not keyword.iskeyword(n) and n not in RESERVED
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
    code = inspect.getsource(game._evaluator)
    assert "select" not in code and " q" not in code and "(q" not in code
    # Nested two-argument numpy calls broadcast a scalar against an array in
    # every sympy version; amin(asarray(...)) / reduce(...) do not.
    assert "minimum(" in code and "amin" not in code and "reduce" not in code
    out = game.payoff_batch({"q": np.array([0.25, 2.0])})  # select stays a scalar
    assert out[0, 0].tolist() == [0.25, 1.0] and out[0, 1].tolist() == [4.0, 4.0]
