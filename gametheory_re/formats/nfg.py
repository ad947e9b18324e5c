"""Read and write Gambit strategic-game files (``.nfg``).

Both bodies of the format are read: the *payoff* version (a flat list of
payoffs) and the *outcome* version (a list of outcomes, then one outcome index
per profile).  In both, profiles are listed with the first player's strategy
varying fastest.  Files are untrusted input: every size is checked against
:mod:`gametheory_re.limits` before anything proportional to it is built, and
numbers are converted without ever evaluating text.
"""

from __future__ import annotations

import math

import numpy as np
import sympy

from ..errors import GameFileError
from ..limits import MAX_PROFILES, MAX_STRATEGIES
from ..normal_form import NormalFormGame
from .files import read_game_text
from .gambit_text import GambitReader, describe, gambit_number, quote, unique_labels


class _NfgReader(GambitReader):
    """The shared Gambit tokens and header, with the strategic-form body on top."""

    def header(self) -> tuple[str, list[str], list[list[str]]]:
        title, players = self.title_and_players("NFG", "1")
        return title, players, self.strategies(len(players))

    def strategies(self, n_players: int) -> list[list[str]]:
        self.expect("{", "'{' opening the strategy counts or names")
        if self.token.kind == "{":
            strategies = []
            while self.token.kind == "{":
                if len(strategies) == n_players:
                    raise self.fail(f"expected strategies for {n_players} players, found more")
                self.advance()
                names = []
                while self.token.kind == "string":
                    if len(names) == MAX_STRATEGIES:
                        raise self.fail(f"player {len(strategies) + 1} has more than {MAX_STRATEGIES} strategies")
                    names.append(self.string("a strategy name"))
                if not names and self.token.kind == "}":
                    raise self.fail(f"player {len(strategies) + 1} has no strategies")
                self.expect("}", "a strategy name in quotes or '}'")
                strategies.append(names)
            counts = [len(names) for names in strategies]
            closing = "'{' opening a player's strategy names or '}'"
        else:
            counts = []
            while self.token.kind == "number":
                if len(counts) == n_players:
                    raise self.fail(f"expected strategies for {n_players} players, found more")
                line = self.token.line
                count = self.whole("a strategy count")
                if not 1 <= count <= MAX_STRATEGIES:
                    raise GameFileError(
                        self.source, f"line {line}",
                        f"player {len(counts) + 1} has {count} strategies; 1 to {MAX_STRATEGIES} are allowed",
                    )
                counts.append(count)
            strategies = None
            closing = "a strategy count or '}'"
        if self.token.kind == "}" and len(counts) != n_players:
            raise self.fail(f"expected strategies for {n_players} players, found {len(counts)}")
        self.expect("}", closing)
        if math.prod(counts) > MAX_PROFILES:
            raise GameFileError(
                self.source, "strategies",
                f"{' × '.join(map(str, counts))} = {math.prod(counts)} pure profiles; at most {MAX_PROFILES} are allowed",
            )
        return strategies or [[str(i) for i in range(1, n + 1)] for n in counts]

    def payoff_body(self, n_profiles: int, n_players: int) -> list[tuple[sympy.Rational, float]]:
        expected = n_profiles * n_players
        values = []
        while len(values) < expected:
            if self.token.kind == "end":
                raise GameFileError(
                    self.source, "payoffs",
                    f"expected {expected} payoffs ({n_profiles} profiles × {n_players} players), "
                    f"found {len(values)}",
                )
            values.append(self.payoff(
                f"a payoff number (profile {len(values) // n_players + 1}, player {len(values) % n_players + 1})"
            ))
        if self.token.kind == "number":
            raise GameFileError(
                self.source, "payoffs",
                f"expected {expected} payoffs ({n_profiles} profiles × {n_players} players), found more: "
                f"{self.token.text} at line {self.token.line} is one too many",
            )
        return values

    def outcome_body(self, n_profiles: int, n_players: int) -> list[tuple[sympy.Rational, float]]:
        self.advance()
        outcomes = [[(sympy.Integer(0), 0.0)] * n_players]  # index 0: the null outcome
        while self.token.kind == "{":
            if len(outcomes) > MAX_PROFILES:
                raise self.fail(f"more than {MAX_PROFILES} outcomes")
            self.advance()
            self.string(f"the name of outcome {len(outcomes)} in quotes")
            payoffs = []
            for player in range(1, n_players + 1):
                payoffs.append(self.payoff(f"payoff {player} of {n_players} in outcome {len(outcomes)}"))
                if self.token.kind == ",":
                    self.advance()
            self.expect("}", f"'}}' closing outcome {len(outcomes)}, which has one payoff per player")
            outcomes.append(payoffs)
        self.expect("}", "'{' opening an outcome or '}' closing the outcome list")
        values = []
        for profile in range(1, n_profiles + 1):
            if self.token.kind == "end":
                raise GameFileError(
                    self.source, "outcomes",
                    f"expected {n_profiles} outcome indices (one per profile), found {profile - 1}",
                )
            line = self.token.line
            index = self.whole(f"the outcome index of profile {profile}")
            if index >= len(outcomes):
                raise GameFileError(
                    self.source, f"profile {profile}",
                    f"outcome index {index} at line {line} out of range 0..{len(outcomes) - 1}",
                )
            values.extend(outcomes[index])
        if self.token.kind == "number":
            raise GameFileError(
                self.source, "outcomes",
                f"expected {n_profiles} outcome indices (one per profile), found more: "
                f"{self.token.text} at line {self.token.line} is one too many",
            )
        return values


def read_nfg(text: str, source: str = "<string>") -> NormalFormGame:
    """Read a game from the text of a Gambit ``.nfg`` file.

    Both the payoff and the outcome versions of the body are accepted; an
    outcome index of 0 means the null outcome (every payoff 0).  Payoffs may
    be integers, decimals (with an optional exponent) or fractions ``p/q``;
    they are kept exactly in ``exact_payoffs``.  Strings take ``\\"`` and
    ``\\\\`` escapes.

    Player labels, and each player's strategy labels, are made distinct and
    non-empty the way Gambit 17 does it: an empty label, and each copy of a
    repeated label, gets ``_1``, ``_2``, ... appended, skipping suffixed
    labels already present (so ``"x" "x" "x_1" ""`` becomes
    ``"x_2" "x_3" "x_1" "_1"``).  Strategies given only by count are named
    ``"1"``, ``"2"``, ....  The optional comment, outcome names and the
    ``D``/``R`` marker are not kept.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Where the text came from, used in error messages.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    GameFileError
        If the text is not a valid ``.nfg`` file or exceeds the limits in
        :mod:`gametheory_re.limits`; the error names the line (or the
        section, or the profile) at fault.
    """
    reader = _NfgReader(text, source)
    title, players, strategies = reader.header()
    if reader.token.kind == "string":  # the optional comment
        reader.advance()
    shape = tuple(len(names) for names in strategies)
    n_profiles, n_players = math.prod(shape), len(players)
    if reader.token.kind == "{":
        values = reader.outcome_body(n_profiles, n_players)
    elif reader.token.kind == "number":
        values = reader.payoff_body(n_profiles, n_players)
    else:
        raise reader.fail(f"expected payoffs or '{{' opening the outcome list, found {describe(reader.token)}")
    reader.expect("end", "the end of the file")

    def tables(column: int, dtype) -> np.ndarray:
        flat = np.array([value[column] for value in values], dtype=dtype).reshape(n_profiles, n_players)
        # Profiles are listed first player fastest, which is Fortran order.
        return np.stack([flat[:, p].reshape(shape, order="F") for p in range(n_players)])

    try:
        return NormalFormGame(
            players=unique_labels(players),
            strategies=tuple(unique_labels(names) for names in strategies),
            payoffs=tables(1, float),
            exact_payoffs=tables(0, object),
            title=title,
        )
    except ValueError as error:  # NormalFormGame's own checks, should they outgrow the ones above
        raise GameFileError(source, "", str(error)) from None


def load_nfg(path) -> NormalFormGame:
    """Read a game from a Gambit ``.nfg`` file.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read; it must be UTF-8 text (ASCII is) of at most
        :data:`~gametheory_re.limits.MAX_FILE_BYTES` bytes.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    GameFileError
        If the file cannot be read, is too large, is not UTF-8, or is not a
        valid ``.nfg`` file (see :func:`read_nfg`).
    """
    return read_nfg(read_game_text(path), source=str(path))


def write_nfg(game: NormalFormGame, target: str = "<nfg output>") -> str:
    """Write a game as a Gambit ``.nfg`` file (payoff version, with strategy names).

    Payoffs are written exactly (``p`` or ``p/q``) where ``game.exact_payoffs``
    holds a rational, and otherwise as the shortest decimal that reads back as
    the same float.  ``read_nfg(write_nfg(game))`` gives back the players,
    strategies, title and payoffs (exact ones where they were rational).
    Gambit reads the same text identically unless a name holds a backslash:
    Gambit's reader keeps an escaped backslash doubled.

    Parameters
    ----------
    game : NormalFormGame
    target : str
        The output's name, for error messages.

    Returns
    -------
    str
        The file's text, ending in a newline.

    Raises
    ------
    GameFileError
        If an exact payoff needs more than
        :data:`~gametheory_re.limits.MAX_NUMBER_CHARS` characters, which
        :func:`read_nfg` would refuse; the error names the player and profile.
    """
    n_players = game.n_players
    approx = [game.payoffs[p].flatten(order="F") for p in range(n_players)]
    exact = approx if game.exact_payoffs is None else [
        game.exact_payoffs[p].flatten(order="F") for p in range(n_players)
    ]
    lines = [
        f"NFG 1 R {quote(game.title)} {{ {' '.join(map(quote, game.players))} }}",
        "",
        "{ " + "\n".join("{ " + " ".join(map(quote, names)) + " }" for names in game.strategies),
        "}",
        "",
    ]
    shape = tuple(len(names) for names in game.strategies)
    for profile in range(len(approx[0])):
        label = ", ".join(names[i] for names, i in zip(game.strategies, np.unravel_index(profile, shape, order="F")))
        lines.append(" ".join(
            gambit_number(exact[p][profile], approx[p][profile], target, f"payoffs.{game.players[p]} at ({label})")
            for p in range(n_players)
        ))
    return "\n".join(lines) + "\n"
