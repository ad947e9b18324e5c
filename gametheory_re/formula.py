"""Safe formulas: text from a game file to sympy, without ever evaluating text.

A formula is parsed by :func:`ast.parse` in ``eval`` mode and then walked node
by node.  Only a whitelist of node types is accepted (numbers, declared names,
``+ - * / **``, comparisons, ``and``/``or``/``not``, ``x if c else y`` and calls
of the functions in :data:`FUNCTIONS`); anything else (attribute access,
subscripts, lambdas, comprehensions, strings, calls of anything not listed) is
refused with a message naming the file and key.  The sympy expression is then
built from the checked tree by hand.  Size, depth, exponents and literal
lengths are bounded (see :mod:`gametheory_re.limits`) so that a formula cannot
make the tool spend unbounded time or memory, and so are the degree and the
numbers of a built expression (:func:`expression_problem`).  The raw text must
be ASCII: Python's parser reads identifiers NFKC-normalised, so ``ｘ`` would
otherwise be the name ``x``.

While building, the builder records where the formula is defined (non-zero
denominators, positive ``log`` arguments, non-negative root bases), each
condition guarded by the branch it sits in; see :meth:`Formula.build`.

Truth values and numbers mix the way the domain brief writes them: a strategy
name stands for its indicator ``[x]`` (1 when played, else 0), a comparison or
``and`` used in arithmetic counts as 1 or 0, and a number used as a condition
is true when non-zero.
"""

from __future__ import annotations

import ast
import math
from fractions import Fraction
from typing import Callable, Mapping

import sympy

from . import limits
from .errors import GameFileError, is_unprintable
from .numbers import digits_exceed, parse_number

#: Functions a formula may call, with their arity (``None``: two or more) and help.
FUNCTIONS: dict[str, tuple[int | None, str]] = {
    "min": (None, "min(a, b, ...): smallest argument"),
    "max": (None, "max(a, b, ...): largest argument"),
    "abs": (1, "abs(x): absolute value"),
    "exp": (1, "exp(x): e to the power x"),
    "log": (1, "log(x): natural logarithm"),
    "sqrt": (1, "sqrt(x): square root"),
    "piecewise": (
        None,
        "piecewise(c1, v1, c2, v2, ..., default): v of the first true condition c, else default",
    ),
    "played": (2, "played(Player, strategy): 1 if Player plays strategy, else 0"),
}

#: Names a game file may not declare, because formulas already give them a meaning.
RESERVED = frozenset(FUNCTIONS) | {"True", "False", "and", "or", "not", "if", "else"}

_BINOPS: dict[type, Callable] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_COMPARE: dict[type, Callable] = {
    ast.Lt: sympy.Lt,
    ast.LtE: sympy.Le,
    ast.Gt: sympy.Gt,
    ast.GtE: sympy.Ge,
    ast.Eq: sympy.Eq,
    ast.NotEq: sympy.Ne,
}
#: Whitespace a formula may hold (a TOML multi-line string spans lines).
_WHITESPACE = " \t\n\r"
_ALLOWED = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp,
    ast.Call, ast.Name, ast.Constant, ast.Load,
    ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd, ast.Not,
    ast.And, ast.Or, *(_COMPARE),
)


def _describe(node: ast.AST) -> str:
    names = {
        ast.Attribute: "attribute access (a.b)",
        ast.Subscript: "subscript (a[b])",
        ast.Lambda: "lambda",
        ast.FloorDiv: "floor division (//)",
        ast.Mod: "remainder (%)",
        ast.MatMult: "matrix product (@)",
        ast.Starred: "starred argument",
        ast.NamedExpr: "assignment (:=)",
    }
    return names.get(type(node), type(node).__name__)


class Formula:
    """A checked formula, ready to be turned into sympy objects.

    Parameters
    ----------
    text : str
        The formula as written in the game file.
    source, key : str
        Where it came from, for error messages.
    names : collection of str
        Names the formula may use (parameters, definitions, strategies).
    hints : mapping of str to str, optional
        Explanations for names that are known but may not be used bare
        (e.g. a strategy name shared by two players).

    Raises
    ------
    GameFileError
        If the text is not a formula this tool accepts.
    """

    def __init__(self, text: str, source: str, key: str, names, hints: Mapping[str, str] | None = None):
        self.hints = dict(hints or {})
        self.text = text
        self.source = source
        self.key = key
        if not isinstance(text, (str, int, float)) or isinstance(text, bool):
            self._fail(f"expected a formula (a string or a number), found {type(text).__name__}")
        if isinstance(text, int) and digits_exceed(text, limits.MAX_FORMULA_CHARS):
            self._fail(f"number has more than {limits.MAX_FORMULA_CHARS} digits")  # repr() would fail past 4300
        if isinstance(text, (int, float)):
            text = repr(text)
            self.text = text
        if len(text) > limits.MAX_FORMULA_CHARS:
            self._fail(f"formula is {len(text)} characters long; at most {limits.MAX_FORMULA_CHARS} are allowed")
        self._check_characters(text)
        self.stripped = text.strip()
        try:
            tree = ast.parse(self.stripped, mode="eval")
        except SyntaxError as exc:
            self._fail(f"not a valid formula: {exc.msg} (column {exc.offset}) in {text!r}")
        except (ValueError, RecursionError, MemoryError) as exc:
            self._fail(f"not a valid formula: {exc}")
        self.tree = tree
        self._check(tree, set(names))

    def _fail(self, message: str):
        raise GameFileError(self.source, self.key, message)

    def _check_characters(self, text: str) -> None:
        # Before ast.parse, which reads identifiers NFKC-normalised: the
        # fullwidth "ｘ" and the bold "𝐱" would silently be the name "x".
        for position, char in enumerate(text, 1):
            if char.isascii() and (char.isprintable() or char in _WHITESPACE):
                continue
            what = "a control character" if char.isascii() or is_unprintable(char) else "a non-ASCII character"
            self._fail(
                f"formula holds {what}, {char!r} (U+{ord(char):04X}), at position {position}; "
                "formulas are ASCII: names are letters, digits and _"
            )

    def _check(self, tree: ast.AST, names: set[str]) -> None:
        if sum(1 for _ in ast.walk(tree)) > limits.MAX_FORMULA_NODES:
            self._fail(f"formula is too large: more than {limits.MAX_FORMULA_NODES} elements")
        stack = [(tree, 0)]
        self.used_names: set[str] = set()
        while stack:
            node, depth = stack.pop()
            if depth > limits.MAX_FORMULA_DEPTH:
                self._fail(f"formula is nested more than {limits.MAX_FORMULA_DEPTH} levels deep")
            if not isinstance(node, _ALLOWED):
                self._fail(
                    f"{_describe(node)} is not allowed in a formula; use numbers, declared names, "
                    "+ - * / **, comparisons, and/or/not, 'x if c else y' and "
                    + ", ".join(FUNCTIONS)
                )
            if isinstance(node, ast.Constant):
                self._check_constant(node)
            elif isinstance(node, ast.Name):
                if node.id not in names and node.id not in ("True", "False"):
                    self._unknown(node.id, names)
                self.used_names.add(node.id)
            elif isinstance(node, ast.Call):
                self._check_call(node, names)
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
                self._check_exponent(node.right)
            children = list(ast.iter_child_nodes(node))
            if isinstance(node, ast.Call):
                # The function name was checked above; played()'s arguments
                # name a player and a strategy, checked when it is built.
                children = [] if node.func.id == "played" else list(node.args)
            stack.extend((c, depth + 1) for c in children)

    def _check_constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            return
        if isinstance(value, int):
            # Compared, not str()-ed: str() fails beyond 4300 digits.
            if digits_exceed(value, limits.MAX_LITERAL_DIGITS):
                self._fail(f"number literal has more than {limits.MAX_LITERAL_DIGITS} digits")
            node.exact = sympy.Integer(value)
        elif isinstance(value, float):
            # The exact decimal as written (0.15 is 3/20), with bounded
            # digits and exponent: 1e-400 must not silently become 0.
            written = (ast.get_source_segment(self.stripped, node) or repr(value)).replace("_", "")
            digits = sum(c.isdigit() for c in written.lower().partition("e")[0])
            if digits > limits.MAX_LITERAL_DIGITS:
                self._fail(f"number literal {written} has more than {limits.MAX_LITERAL_DIGITS} digits")
            try:
                exact = parse_number(written, limits.MAX_FORMULA_CHARS)
            except ValueError as error:
                self._fail(f"number literal {written}: {error}")
            if not math.isfinite(value):
                self._fail("number literal is not finite")
            node.exact = sympy.Rational(exact.numerator, exact.denominator)
        else:
            self._fail(f"{type(value).__name__} literal {value!r} is not allowed; formulas hold numbers only")

    def _unknown(self, name: str, names: set[str]) -> None:
        if name in self.hints:
            self._fail(self.hints[name])
        if name in FUNCTIONS:
            self._fail(f"'{name}' is a function: call it as {FUNCTIONS[name][1].split(':')[0]}")
        close = sorted(n for n in names if n.lower() == name.lower())
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self._fail(
            f"unknown name {name!r}{hint}. A formula may use the declared parameters, "
            "earlier definitions and the players' strategy names"
        )

    def _check_call(self, node: ast.Call, names: set[str]) -> None:
        if not isinstance(node.func, ast.Name):
            self._fail(f"calling {_describe(node.func)} is not allowed; the functions are " + ", ".join(FUNCTIONS))
        if node.func.id not in FUNCTIONS:
            self._fail(f"calling {node.func.id!r} is not allowed; the functions are " + ", ".join(FUNCTIONS))
        if node.keywords:
            self._fail(f"{node.func.id}() takes no keyword arguments")
        name = node.func.id
        arity, usage = FUNCTIONS[name]
        n = len(node.args)
        if arity is not None and n != arity:
            self._fail(f"{name}() takes {arity} argument{'s' if arity > 1 else ''}, found {n}: {usage}")
        if arity is None and n < 2:
            self._fail(f"{name}() takes at least two arguments: {usage}")
        if name == "piecewise" and n % 2 == 0:
            self._fail(f"piecewise() takes an odd number of arguments, found {n}: {usage}")
        if name == "played" and not all(isinstance(a, ast.Name) for a in node.args):
            self._fail(f"played() takes a player name and a strategy name: {usage}")

    def _check_exponent(self, node: ast.AST) -> None:
        value = _constant_value(node)
        if value is None:
            self._fail(
                "an exponent must be a number (e.g. x**2 or x**0.5); "
                "for a variable exponent write exp(y*log(x))"
            )
        if abs(value) > limits.MAX_ABS_EXPONENT:
            self._fail(f"exponent {value:g} is too large; at most {limits.MAX_ABS_EXPONENT} in absolute value")

    def to_sympy(self, env: Mapping[str, object], played: Callable[[str, str], object] | None = None):
        """Build the sympy object of this formula (see :meth:`build`, which also gives its domain)."""
        return self.build(env, played)[0]

    def build(
        self,
        env: Mapping[str, object],
        played: Callable[[str, str], object] | None = None,
        domains: Mapping[str, tuple] | None = None,
    ) -> tuple[sympy.Expr, tuple]:
        """Build the sympy object of this formula and the conditions under which it is defined.

        Parameters
        ----------
        env : mapping of str to sympy object
            Value of each name: a ``Symbol`` for a parameter, an expression for
            a definition, ``Integer(0)``/``Integer(1)`` for a strategy indicator.
        played : callable, optional
            ``played(player, strategy)`` returns the indicator for
            ``played(Player, strategy)`` calls, or raises ``KeyError``.
        domains : mapping of str to tuple, optional
            The conditions of each definition in ``env`` (from its own
            :meth:`build`); they hold wherever the definition is used.

        Returns
        -------
        expr : sympy.Expr
            Truth values are turned into 1/0, so the result is arithmetic.
        conditions : tuple of sympy.Boolean
            Where the formula is defined: each condition must hold.  Every
            division asks for a non-zero denominator, ``log`` a positive
            argument, a fractional power (``sqrt``) a non-negative base; a
            sub-expression in a branch of ``if``/``piecewise``/``and``/``or``
            matters only where the branch is evaluated, as in Python.  They
            are recorded while building, before sympy simplifies
            (``sqrt(x)**2`` becomes ``x``, defined everywhere).

        Raises
        ------
        GameFileError
            If the formula is undefined for every parameter value, e.g.
            ``(-1)**0.5`` or ``log(0)``.
        """
        builder = _Builder(self, env, played, domains or {})
        try:
            expr = _as_number(builder.build(self.tree.body))
        except (TypeError, ValueError) as error:
            # sympy refuses some undefined combinations while simplifying,
            # e.g. 1/(0 if c else -1) becomes a piecewise holding zoo and
            # comparing it fails: say so instead of guessing a value.
            self._fail(f"formula is undefined in a way that cannot be evaluated ({error}); "
                       "guard divisions and roots with 'if' on the parameters")
        return expr, tuple(dict.fromkeys(builder.conditions))


def _constant_value(node: ast.AST) -> float | None:
    """Value of a literal exponent such as ``2``, ``-1``, ``0.5`` or ``1/3``; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value) if abs(node.value) < 1e300 else math.inf
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _constant_value(node.operand)
        return None if v is None else (-v if isinstance(node.op, ast.USub) else v)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        a, b = _constant_value(node.left), _constant_value(node.right)
        if a is None or b is None or b == 0:
            return None
        return a / b
    return None


def _number(value) -> sympy.Expr:
    """Exact sympy number for a literal: 0.15 becomes 3/20, as the user wrote it."""
    if isinstance(value, bool):
        return sympy.true if value else sympy.false
    if isinstance(value, int):
        return sympy.Integer(value)
    return _decimal(value)


def _decimal(value: float) -> sympy.Rational:
    f = Fraction(repr(value))
    return sympy.Rational(f.numerator, f.denominator)


def _as_number(value):
    """A truth value used in arithmetic counts as 1 or 0."""
    if _is_truth_value(value):
        if value is sympy.true:
            return sympy.Integer(1)
        if value is sympy.false:
            return sympy.Integer(0)
        return sympy.Piecewise((1, value), (0, True))
    return value


def _as_condition(value):
    """A number used as a condition is true when non-zero."""
    if _is_truth_value(value):
        return value
    return sympy.Ne(value, 0)


def _is_truth_value(value) -> bool:
    # sympy's Symbol is both an Expr and a Boolean; a parameter is a number here.
    return isinstance(value, sympy.logic.boolalg.Boolean) and not isinstance(value, sympy.Expr)


class _Builder:
    def __init__(self, formula: Formula, env, played, domains):
        self.formula = formula
        self.env = env
        self.played = played
        self.domains = domains
        self.guard: list = []  # conditions under which the node being built is evaluated
        self.conditions: list = []

    def fail(self, message):
        self.formula._fail(message)

    def build(self, node):
        method = getattr(self, "_" + type(node).__name__)
        value = method(node)
        if _is_undefined_number(value):
            # e.g. log(log(1/2)), a complex number, in a branch: undefined
            # wherever the branch is reached (recorded here), and NaN as a
            # value, which sympy can carry without comparing it.
            self.require(sympy.false, "a value is not a finite real number")
            value = sympy.nan
        return value

    def build_under(self, node, condition):
        self.guard.append(condition)
        try:
            return self.build(node)
        finally:
            self.guard.pop()

    def require(self, condition, what: str) -> None:
        """Record that the formula is defined only where ``condition`` holds (if this branch is evaluated)."""
        if self.guard:
            condition = sympy.Or(condition, sympy.Not(sympy.And(*self.guard)))
        if condition is sympy.false:
            self.fail(f"{what} for every parameter value; the formula is undefined")
        if condition is not sympy.true:
            self.conditions.append(condition)

    def _Constant(self, node):
        exact = getattr(node, "exact", None)  # set by Formula._check_constant
        return exact if exact is not None else _number(node.value)

    def _Name(self, node):
        if node.id == "True":
            return sympy.true
        if node.id == "False":
            return sympy.false
        try:
            value = self.env[node.id]
        except KeyError:
            self.formula._unknown(node.id, set(self.env))
        for condition in self.domains.get(node.id, ()):
            self.require(condition, f"{node.id} is undefined")
        return value

    def _UnaryOp(self, node):
        value = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return sympy.Not(_as_condition(value))
        value = _as_number(value)
        return -value if isinstance(node.op, ast.USub) else value

    def _BinOp(self, node):
        left = _as_number(self.build(node.left))
        right = _as_number(self.build(node.right))
        if isinstance(node.op, ast.Pow):
            exponent = _decimal_or_rational(_constant_value(node.right), right)
            if left.is_number and left != 0 and _power_bits(left, exponent) > limits.MAX_NUMBER_BITS:
                # A numeric base is evaluated right away; refuse results too
                # large to be payoffs before computing them.
                self.fail("a power in this formula is too large to evaluate")
            if exponent.is_negative:
                self.require(sympy.Ne(left, 0), "zero is raised to a negative power")
            if not exponent.is_integer:
                base_ok = _relation(sympy.Gt if exponent.is_negative else sympy.Ge, left, 0)
                self.require(base_ok, "a fractional power (a root) of a negative number is taken")
            return left**exponent
        if isinstance(node.op, ast.Div):
            if right == 0:
                self.fail("division by zero")
            self.require(sympy.Ne(right, 0), "a denominator is zero")
        return _BINOPS[type(node.op)](left, right)

    def _BoolOp(self, node):
        # As in Python, an operand is evaluated only if the earlier ones did
        # not decide: after true ones for "and", after false ones for "or".
        conjunction = isinstance(node.op, ast.And)
        values = []
        for v in node.values:
            decided_not = sympy.And(*values) if conjunction else sympy.Not(sympy.Or(*values))
            values.append(_as_condition(self.build_under(v, decided_not) if values else self.build(v)))
        return sympy.And(*values) if conjunction else sympy.Or(*values)

    def _Compare(self, node):
        terms = []
        left = _as_number(self.build(node.left))
        for op, comparator in zip(node.ops, node.comparators):
            right = _as_number(self.build(comparator))
            terms.append(_relation(_COMPARE[type(op)], left, right))
            left = right
        return sympy.And(*terms)

    def _IfExp(self, node):
        cond = _as_condition(self.build(node.test))
        body = _as_number(self.build_under(node.body, cond))
        orelse = _as_number(self.build_under(node.orelse, sympy.Not(cond)))
        return sympy.Piecewise((body, cond), (orelse, True))

    def _Call(self, node):
        name = node.func.id
        if name == "played":
            player, strategy = (a.id for a in node.args)
            if self.played is None:
                self.fail("played() cannot be used here")
            try:
                return self.played(player, strategy)
            except KeyError as exc:
                self.fail(f"played({player}, {strategy}): {exc.args[0]}")
        if name == "piecewise":
            # Conditions in turn, each evaluated only if the earlier were
            # false; a value only if its condition is the first true one.
            pairs, earlier = [], []
            for i in range(0, len(node.args) - 1, 2):
                none_before = sympy.Not(sympy.Or(*earlier))
                cond = _as_condition(self.build_under(node.args[i], none_before) if earlier else self.build(node.args[i]))
                value = _as_number(self.build_under(node.args[i + 1], sympy.And(none_before, cond)))
                pairs.append((value, cond))
                earlier.append(cond)
            default = _as_number(self.build_under(node.args[-1], sympy.Not(sympy.Or(*earlier))))
            return sympy.Piecewise(*pairs, (default, True))
        args = [self.build(a) for a in node.args]
        args = [_as_number(a) for a in args]
        if any(a is sympy.nan for a in args):
            return sympy.nan  # undefined where reached, recorded when it was built
        if name in ("min", "max"):
            # sympy's simplification of symbolic Min/Max is slow (pairwise
            # zero tests); it only pays off when every argument is a number.
            function = sympy.Min if name == "min" else sympy.Max
            return function(*args, evaluate=all(a.is_number for a in args))
        if name == "abs":
            return sympy.Abs(args[0])
        if name == "exp":
            return sympy.exp(args[0])
        if name == "log":
            self.require(_relation(sympy.Gt, args[0], 0), "log() is taken of a number that is not positive")
            return sympy.log(args[0])
        if name == "sqrt":
            self.require(_relation(sympy.Ge, args[0], 0), "sqrt() is taken of a negative number")
            return sympy.sqrt(args[0])
        raise AssertionError(name)  # unreachable: names were checked against FUNCTIONS


def _power_bits(base, exponent) -> float:
    """About how many bits ``base**exponent`` takes, for a non-zero number ``base``."""
    if base.is_Rational:
        return abs(float(exponent)) * max(int(base.p).bit_length(), int(base.q).bit_length())
    try:
        size = abs(math.log2(abs(complex(base)) or 1.0))
    except (OverflowError, TypeError, ValueError):
        return math.inf
    return abs(float(exponent)) * size


def _is_undefined_number(value) -> bool:
    """True for a number that is not a finite real one (``zoo``, ``oo``, ``I``); NaN is the replacement, so False."""
    if not isinstance(value, sympy.Expr) or value is sympy.nan or value.is_Rational or not value.is_number:
        return False
    return not (value.is_extended_real and value.is_finite)


def _relation(relation, left, right):
    """``relation(left, right)``, false where sympy refuses to compare (NaN, a complex number).

    Such an operand is undefined, which was recorded when it was built.
    """
    try:
        return relation(left, right)
    except (TypeError, ValueError):
        if sympy.S(left).is_number and sympy.S(right).is_number:
            return sympy.false
        raise


def _decimal_or_rational(value: float, built):
    """Use the exact exponent the user wrote (``1/2`` stays a half)."""
    return built if built.is_Rational else _decimal(value)


def expression_problem(expr) -> str | None:
    """Why a built payoff, probability or definition is refused, or None.

    Checks its size (:data:`~gametheory_re.limits.MAX_EXPRESSION_OPS`), its
    degree in the parameters counting nested powers
    (:data:`~gametheory_re.limits.MAX_DEGREE`: ``((x**64)**64)`` has degree
    4096, and evaluating it exactly at a point would build numbers 4096 times
    the size of ``x``'s), the size of its constants
    (:data:`~gametheory_re.limits.MAX_NUMBER_BITS`), and that it is defined
    somewhere (no ``zoo``, ``nan`` or infinity).  All are computed over the
    expression's DAG, so definitions used many times cost once.
    """
    if tree_size(expr, limits.MAX_EXPRESSION_OPS) > limits.MAX_EXPRESSION_OPS:
        return f"formula expands to more than {limits.MAX_EXPRESSION_OPS} operations"
    # NaN may remain in a branch, where the formula's conditions say it is
    # undefined; anything else not finite is an error.
    if expr.has(sympy.zoo, sympy.oo, -sympy.oo):
        return "formula is undefined (division by zero?)"
    if getattr(expr, "is_extended_real", None) is False:
        return "formula is not a real number (e.g. the square root of a negative number)"
    try:
        degree = _degree(expr, {})
    except _TooLarge:
        return f"formula has a number with more than {limits.MAX_NUMBER_BITS} bits"
    if degree > limits.MAX_DEGREE:
        return (
            f"formula has degree {degree:g} in the parameters (nested powers multiply); "
            f"at most {limits.MAX_DEGREE} is allowed"
        )
    return None


class _TooLarge(Exception):
    pass


def _degree(expr, memo: dict) -> float:
    """Total degree of ``expr`` in its symbols: powers multiply, products add, other operations take the largest."""
    if expr in memo:
        return memo[expr]
    if expr.is_Rational:
        if max(int(expr.p).bit_length(), int(expr.q).bit_length()) > limits.MAX_NUMBER_BITS:
            raise _TooLarge
        degree = 0.0
    elif expr.is_Symbol:
        degree = 1.0
    elif expr.is_Pow and expr.exp.is_number:
        degree = _degree(expr.base, memo) * abs(float(expr.exp))
    elif expr.is_Mul:
        degree = sum(_degree(a, memo) for a in expr.args)
    else:
        degree = max((_degree(a, memo) for a in expr.args if isinstance(a, sympy.Basic)), default=0.0)
    memo[expr] = degree
    return degree


def tree_size(expr, limit: int) -> int:
    """Size of ``expr`` as a tree (shared sub-expressions counted each time).

    Computed over the DAG with memoisation, so it is cheap even when the tree
    is exponentially larger than the DAG; stops counting above ``limit``.
    """
    sizes: dict = {}

    def size(e):
        if e in sizes:
            return sizes[e]
        total = 1
        for arg in e.args:
            total += size(arg)
            if total > limit:
                break
        sizes[e] = total
        return total

    return size(expr)
