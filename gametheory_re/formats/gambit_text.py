"""The text of Gambit's game files, shared by the ``.nfg`` and ``.efg`` readers and writers.

Tokens (quoted strings with ``\\"`` and ``\\\\`` escapes, braces, commas,
numbers, words), Gambit 17's renaming of repeated labels, the common
``MAGIC VERSION D|R "title" { players }`` header, and exact numbers written
back.  Files are untrusted input: every token and number is bounded by
:mod:`gametheory_re.limits`, and numbers are converted without ever
evaluating text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterator, NamedTuple

import sympy

from ..errors import GameFileError, first_unprintable
from ..limits import MAX_NUMBER_CHARS, MAX_PLAYERS
from ..numbers import digits_exceed, parse_number

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<punct>[{},])
  | (?P<string>"(?:[^"\\]|\\.)*+")  # possessive: an unclosed quote fails in one pass
  | (?P<word>[^\s{},"]+)
    """,
    re.VERBOSE | re.DOTALL,
)
# ASCII digits only: ``\d`` alone also matches other scripts' digits.
_NUMBER = re.compile(r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", re.ASCII)
_WHOLE = re.compile(r"\+?\d+", re.ASCII)
_ESCAPE = re.compile(r"\\([\\\"])")


class Token(NamedTuple):
    """One token of a Gambit file."""

    kind: str  # "{", "}", ",", "string", "number", "word" or "end"
    text: str  # unescaped contents for strings
    line: int


def describe(token: Token) -> str:
    """A token as error messages show it: quoted, shortened, or ``end of file``.

    Examples
    --------
    >>> describe(Token("word", "NFG", 1)), describe(Token("end", "", 3))
    ("'NFG'", 'end of file')
    """
    if token.kind == "end":
        return "end of file"
    text = token.text if len(token.text) <= 30 else token.text[:27] + "..."
    return f"string {quote(text)}" if token.kind == "string" else repr(text)


def tokens(text: str, source: str) -> Iterator[Token]:
    """The tokens of ``text``, then ``end`` tokens forever.

    Raises
    ------
    GameFileError
        For an unterminated string or a number longer than
        :data:`~gametheory_re.limits.MAX_NUMBER_CHARS`.

    Examples
    --------
    >>> import itertools
    >>> [t.kind for t in itertools.islice(tokens('NFG 1 R "x" { 2 }', "s"), 8)]
    ['word', 'number', 'word', 'string', '{', 'number', '}', 'end']
    """
    line, pos = 1, 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only an opening quote without its closing one fails to match
            raise GameFileError(source, f"line {line}", f"unterminated string starting at line {line}")
        kind, value = match.lastgroup, match.group()
        if kind == "punct":
            yield Token(value, value, line)
        elif kind == "string":
            yield Token("string", _ESCAPE.sub(r"\1", value[1:-1]), line)
        elif kind == "word":
            if _NUMBER.fullmatch(value) is None:
                yield Token("word", value, line)
            elif len(value) > MAX_NUMBER_CHARS:
                raise GameFileError(
                    source, f"line {line}",
                    f"number too long ({len(value)} characters; at most {MAX_NUMBER_CHARS})",
                )
            else:
                yield Token("number", value, line)
        line += value.count("\n")
        pos = match.end()
    while True:
        yield Token("end", "", line)


def unique_labels(labels: list[str]) -> tuple[str, ...]:
    """Gambit 17's renaming, so labels agree with what Gambit shows for the same file.

    Examples
    --------
    >>> unique_labels(["x", "x", "x_1", ""])
    ('x_2', 'x_3', 'x_1', '_1')
    """
    counts, used, seen = Counter(labels), set(labels), Counter()
    result = []
    for label in labels:
        if counts[label] > 1 or label == "":
            while True:
                seen[label] += 1
                candidate = f"{label}_{seen[label]}"
                if candidate not in used:
                    break
            used.add(candidate)
            label = candidate
        result.append(label)
    return tuple(result)


class GambitReader:
    """A cursor over the tokens of a Gambit file, with the readers shared by ``.nfg`` and ``.efg``.

    Errors name ``source`` and the line of the token at fault; payoffs read
    are kept exact (and as floats), each distinct text converted once.
    """

    def __init__(self, text: str, source: str):
        self.source = source
        self._tokens = tokens(text, source)
        self._numbers: dict[str, tuple[sympy.Rational, float]] = {}
        self.advance()

    def advance(self) -> None:
        self.token = next(self._tokens)

    def fail(self, message: str, token: Token | None = None) -> GameFileError:
        return GameFileError(self.source, f"line {(token or self.token).line}", message)

    def expect(self, kind: str, what: str) -> None:
        if self.token.kind != kind:
            raise self.fail(f"expected {what}, found {describe(self.token)}")
        self.advance()

    def string(self, what: str) -> str:
        """A quoted string that is kept and shown (title, names), so without control characters."""
        token = self.token
        self.expect("string", what)
        char = first_unprintable(token.text)
        if char is not None:
            # ESC sequences in a name would reach the terminal of whoever
            # shows or solves the game; newlines would break its layout.
            raise self.fail(f"{what} holds the control character {char!r} (U+{ord(char):04X})", token)
        return token.text

    def whole(self, what: str) -> int:
        """A non-negative integer token (a strategy count or an outcome index)."""
        if self.token.kind != "number" or not _WHOLE.fullmatch(self.token.text):
            raise self.fail(f"expected {what} (a whole number), found {describe(self.token)}")
        value = int(self.token.text)
        self.advance()
        return value

    def payoff(self, what: str) -> tuple[sympy.Rational, float]:
        token = self.token
        if token.kind != "number":
            raise self.fail(f"expected {what}, found {describe(token)}")
        self.advance()
        if token.text not in self._numbers:
            try:
                exact = parse_number(token.text, MAX_NUMBER_CHARS)
            except ValueError as error:
                raise self.fail(f"payoff {describe(token)}: {error}", token) from None
            try:
                approx = float(exact)
            except OverflowError:
                approx = math.inf
            if not math.isfinite(approx):
                raise self.fail(f"payoff {describe(token)} is too large for a floating-point number", token)
            self._numbers[token.text] = (sympy.Rational(exact.numerator, exact.denominator), approx)
        return self._numbers[token.text]

    def title_and_players(self, magic: str, version: str) -> tuple[str, list[str]]:
        """``MAGIC VERSION D|R "title" { "player" ... }``, shared by .nfg and .efg."""
        if self.token.kind != "word" or self.token.text != magic:
            raise self.fail(f"expected '{magic}' at the start of the file, found {describe(self.token)}")
        self.advance()
        if self.token.kind != "number" or self.token.text != version:
            raise self.fail(f"only {magic} version {version} is supported, found {describe(self.token)}")
        self.advance()
        if self.token.kind != "word" or self.token.text not in ("D", "R"):
            raise self.fail(f"expected 'D' or 'R' after the version, found {describe(self.token)}")
        self.advance()
        title = self.string("the game title in quotes")
        self.expect("{", "'{' opening the list of player names")
        players = []
        while self.token.kind == "string":
            if len(players) == MAX_PLAYERS:
                raise self.fail(f"more than {MAX_PLAYERS} players")
            players.append(self.string("a player name"))
        self.expect("}", "a player name in quotes or '}'")
        if not players:
            raise self.fail("the game has no players")
        return title, players


def quote(text: str) -> str:
    """``text`` as a Gambit string, with ``\\`` and ``"`` escaped.

    Examples
    --------
    >>> print(quote('a "b"'))
    "a \\"b\\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gambit_number(exact, approx: float, target: str, where: str) -> str:
    """A payoff as Gambit text: exact (``p`` or ``p/q``) for a rational, else the float's shortest decimal.

    Raises
    ------
    GameFileError
        If the exact text would be longer than
        :data:`~gametheory_re.limits.MAX_NUMBER_CHARS`, the most
        :func:`~gametheory_re.formats.nfg.read_nfg` reads back (``target``
        and ``where`` name it).

    Examples
    --------
    >>> import sympy
    >>> gambit_number(sympy.Rational(-3, 4), -0.75, "out.nfg", "payoffs"), gambit_number(None, 0.1, "out.nfg", "payoffs")
    ('-3/4', '0.1')
    """
    if not isinstance(exact, sympy.Rational):
        return repr(float(approx))
    # Digit counts first: str() of an integer of more than 4300 digits fails.
    if not (digits_exceed(exact.p, MAX_NUMBER_CHARS) or digits_exceed(exact.q, MAX_NUMBER_CHARS)):
        text = str(exact.p) if exact.q == 1 else f"{exact.p}/{exact.q}"
        if len(text) <= MAX_NUMBER_CHARS:
            return text
    raise GameFileError(
        target, where,
        f"the exact value (about {float(approx):.6g}) needs more than {MAX_NUMBER_CHARS} characters, the most "
        "a Gambit file of this tool holds; give the parameters values with fewer digits",
    )
