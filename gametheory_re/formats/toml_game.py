"""Read game files in this project's TOML format (see ``docs/game-format.md``).

Everything in the file is checked before it is used, and every problem is
reported as one :class:`~gametheory_re.errors.GameFileError` naming the file,
the key and what was expected.
"""

from __future__ import annotations

import itertools
import keyword
import re
import tomllib
from pathlib import Path

import numpy as np
import sympy

from .. import limits
from ..errors import GameFileError, escape_unprintable, first_unprintable
from ..formula import RESERVED, Formula, expression_problem
from ..parametric import Outcome, ParametricGame
from ..parameters import Parameter, to_rational
from .files import read_game_text

#: A name in a game file (parameter, player, strategy, node, move): letters, digits and _.
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
_TOP_KEYS = {"game", "parameters", "players", "definitions", "payoffs", "outcomes"}
_PARAMETER_KEYS = {"default", "min", "max", "unit", "description", "source"}
_PLAYER_KEYS = {"name", "strategies", "description"}
_OUTCOME_KEYS = {"when", "description"}


def load_toml_game(path) -> ParametricGame:
    """Load a TOML game file.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    ParametricGame

    Raises
    ------
    GameFileError
        If the file is missing, too large, not TOML, or not a valid game.
    """
    return read_toml_game(read_game_text(path), source=str(path))


def read_toml_game(text: str, source: str = "<string>") -> ParametricGame:
    """Parse and validate a game given as TOML text.

    Parameters
    ----------
    text : str
        The file's content.
    source : str
        Named in error messages.

    Returns
    -------
    ParametricGame
    """
    return GameReader(parse_toml(text, source), source).game()


def parse_toml(text: str, source: str) -> dict:
    """The TOML document of a game file; every failure is one :class:`GameFileError`."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GameFileError(source, "", f"malformed TOML: {exc}") from None
    except ValueError as exc:  # e.g. an integer beyond Python's 4300-digit limit
        raise GameFileError(source, "", f"malformed TOML: {exc}") from None


class GameReader:
    """Reads and checks one TOML game document; the tree reader (:mod:`.toml_tree`) builds on it.

    Every check fails with one :class:`~gametheory_re.errors.GameFileError`
    naming ``source`` and the key at fault.
    """

    def __init__(self, doc: dict, source: str):
        self.doc = doc
        self.source = source

    def fail(self, key: str, message: str):
        raise GameFileError(self.source, key, message)

    # -- small typed getters -------------------------------------------------

    def table(self, value, key: str, required: bool = True) -> dict:
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, found {_kind(value)}")
        return value

    def text(self, value, key: str, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(key, f"expected a string, found {_kind(value)}")
        # Text is shown on terminals: control characters (ESC sequences can
        # retitle the window or clear the screen) are refused; descriptions
        # may span lines and hold tabs.
        allowed = "\n\t" if key.endswith("description") else ""
        char = first_unprintable(value, allowed)
        if char is not None:
            lines = " (descriptions may hold newlines and tabs)" if key.endswith("description") else ""
            self.fail(key, f"text holds the control character {char!r} (U+{ord(char):04X}){lines}")
        return value

    def references(self, meta: dict) -> tuple[str, ...]:
        references = meta.get("references", [])
        if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
            self.fail("game.references", "expected a list of strings")
        return tuple(self.text(r, f"game.references[{i}]") for i, r in enumerate(references))

    def shown_source(self) -> str:
        """The file name as games record and show it, control characters escaped."""
        return escape_unprintable(self.source)

    def default_title(self) -> str:
        """The file's name, its control characters escaped (a file name can hold any)."""
        return escape_unprintable(Path(self.source).stem)

    def only_keys(self, table: dict, allowed: set[str], key: str) -> None:
        for k in table:
            if k not in allowed:
                where = f"{key}.{k}" if key else k
                self.fail(where, "unknown key; expected one of: " + ", ".join(sorted(allowed)))

    def identifier(self, name, key: str, what: str) -> str:
        if not isinstance(name, str) or not IDENTIFIER.match(name):
            self.fail(
                key,
                f"{what} name {name!r} is not valid: use letters, digits and _, starting with a letter",
            )
        if len(name) > limits.MAX_NAME_LENGTH:
            self.fail(key, f"{what} name is longer than {limits.MAX_NAME_LENGTH} characters")
        if keyword.iskeyword(name) or name in RESERVED:
            self.fail(key, f"{what} name {name!r} is reserved")
        return name

    # -- sections ------------------------------------------------------------

    def game(self) -> ParametricGame:
        self.only_keys(self.doc, _TOP_KEYS, "")
        meta = self.table(self.doc.get("game"), "game", required=False)
        self.only_keys(meta, {"title", "description", "references"}, "game")
        references = self.references(meta)

        players, strategies = self.players()
        parameters = self.parameters()
        self.check_name_clashes(players, strategies, parameters)
        payoffs, conditions = self.payoffs(players, strategies, parameters)
        outcomes = self.outcomes(players, strategies)
        return ParametricGame(
            title=self.text(meta.get("title"), "game.title", default=self.default_title()),
            description=self.text(meta.get("description"), "game.description"),
            references=references,
            parameters=parameters,
            players=players,
            strategies=strategies,
            payoffs=payoffs,
            outcomes=outcomes,
            source=self.shown_source(),
            conditions=conditions,
        )

    def players(self):
        raw = self.doc.get("players")
        if raw is None:
            self.fail("players", "missing: list the players as [[players]] tables with a name and strategies")
        if not isinstance(raw, list) or not raw:
            self.fail("players", "expected a non-empty list of [[players]] tables")
        if len(raw) > limits.MAX_PLAYERS:
            self.fail("players", f"{len(raw)} players; at most {limits.MAX_PLAYERS} are supported")
        names, strategies = [], []
        for i, entry in enumerate(raw):
            key = f"players[{i}]"
            entry = self.table(entry, key)
            self.only_keys(entry, _PLAYER_KEYS, key)
            name = self.identifier(entry.get("name"), f"{key}.name", "player")
            if name in names:
                self.fail(f"{key}.name", f"duplicate player {name!r}")
            self.text(entry.get("description"), f"{key}.description")
            strats = entry.get("strategies")
            skey = f"players.{name}.strategies"
            if not isinstance(strats, list) or not strats:
                self.fail(skey, "expected a non-empty list of strategy names")
            if len(strats) > limits.MAX_STRATEGIES:
                self.fail(skey, f"{len(strats)} strategies; at most {limits.MAX_STRATEGIES} per player")
            seen = set()
            for s in strats:
                self.identifier(s, skey, "strategy")
                if s in seen:
                    self.fail(skey, f"duplicate strategy {s!r}")
                seen.add(s)
            names.append(name)
            strategies.append(tuple(strats))
        profiles = int(np.prod([len(s) for s in strategies]))
        if profiles > limits.MAX_PROFILES:
            self.fail("players", f"the game has {profiles} strategy profiles; at most {limits.MAX_PROFILES}")
        return tuple(names), tuple(strategies)

    def parameters(self) -> dict[str, Parameter]:
        raw = self.table(self.doc.get("parameters"), "parameters", required=False)
        if len(raw) > limits.MAX_PARAMETERS:
            self.fail("parameters", f"{len(raw)} parameters; at most {limits.MAX_PARAMETERS}")
        out = {}
        for name, spec in raw.items():
            key = f"parameters.{name}"
            self.identifier(name, key, "parameter")
            if not isinstance(spec, dict):
                # A bare number is accepted as the default, for quick games.
                spec = {"default": spec}
            self.only_keys(spec, _PARAMETER_KEYS, key)
            if "default" not in spec:
                self.fail(f"{key}.default", "missing: every parameter needs a default value")
            number = lambda k: None if spec.get(k) is None else to_rational(spec[k], self.source, f"{key}.{k}")
            p = Parameter(
                name=name,
                default=number("default"),
                minimum=number("min"),
                maximum=number("max"),
                unit=self.text(spec.get("unit"), f"{key}.unit"),
                description=self.text(spec.get("description"), f"{key}.description"),
                source=self.text(spec.get("source"), f"{key}.source"),
            )
            if p.minimum is not None and p.maximum is not None and p.minimum > p.maximum:
                self.fail(key, "min is greater than max")
            p.check(p.default, self.source)
            out[name] = p
        return out

    def check_name_clashes(self, players, strategies, parameters) -> None:
        definitions = self.table(self.doc.get("definitions"), "definitions", required=False)
        strategy_names = {s for ss in strategies for s in ss}
        for name in parameters:
            if name in strategy_names or name in players:
                self.fail(f"parameters.{name}", "a parameter may not share its name with a player or strategy")
        for name in definitions:
            if name in parameters or name in strategy_names or name in players:
                self.fail(f"definitions.{name}", "a definition may not share its name with a parameter, player or strategy")

    # -- payoffs -------------------------------------------------------------

    def scope(self, players, strategies):
        """Strategy names usable bare in formulas, and hints for ambiguous ones."""
        owners: dict[str, list[str]] = {}
        for player, strats in zip(players, strategies):
            for s in strats:
                owners.setdefault(s, []).append(player)
        unique = {s for s, o in owners.items() if len(o) == 1}
        hints = {
            s: f"strategy name {s!r} belongs to several players ({', '.join(o)}); "
            f"write played({o[0]}, {s}) instead"
            for s, o in owners.items()
            if len(o) > 1
        }
        return unique, hints

    def played_function(self, players, strategies, profile):
        def played(player: str, strategy: str):
            if player not in players:
                raise KeyError(f"unknown player {player!r}")
            p = players.index(player)
            if strategy not in strategies[p]:
                raise KeyError(f"{player} has no strategy {strategy!r}")
            return sympy.Integer(int(strategies[p][profile[p]] == strategy))

        return played

    def indicators(self, strategies, unique, profile) -> dict:
        chosen = {ss[i] for ss, i in zip(strategies, profile)}
        return {s: sympy.Integer(int(s in chosen)) for s in unique}

    def payoffs(self, players, strategies, parameters) -> np.ndarray:
        raw = self.table(self.doc.get("payoffs"), "payoffs", required=False)
        if not raw:
            self.fail("payoffs", "missing: give [payoffs.formulas] (one per player) or [payoffs.table]")
        self.only_keys(raw, {"formulas", "table"}, "payoffs")
        if ("formulas" in raw) == ("table" in raw):
            self.fail("payoffs", "give exactly one of [payoffs.formulas] and [payoffs.table]")
        unique, hints = self.scope(players, strategies)
        symbols = {name: sympy.Symbol(name, real=True) for name in parameters}
        definitions = self.definitions(set(parameters) | unique, hints)
        shape = tuple(len(s) for s in strategies)
        out = np.empty((len(players),) + shape, dtype=object)
        # Where each payoff is defined (see Formula.build).
        conditions = np.empty(out.shape, dtype=object)

        if "formulas" in raw:
            formulas = self.table(raw["formulas"], "payoffs.formulas")
            for k in formulas:
                if k not in players:
                    self.fail(f"payoffs.formulas.{k}", "unknown player; the players are " + ", ".join(players))
            names = set(parameters) | unique | set(definitions)
            parsed = []
            for player in players:
                if player not in formulas:
                    self.fail(f"payoffs.formulas.{player}", "missing: one payoff formula is needed per player")
                parsed.append(Formula(formulas[player], self.source, f"payoffs.formulas.{player}", names, hints))
            for profile in itertools.product(*(range(n) for n in shape)):
                env, domains = self.environment(symbols, definitions, players, strategies, unique, profile)
                played = self.played_function(players, strategies, profile)
                for p, formula in enumerate(parsed):
                    index = (p,) + profile
                    out[index], conditions[index] = self.build(formula, env, played, domains, strategies, profile)
        else:
            table = self.table(raw["table"], "payoffs.table")
            names = set(parameters) | unique | set(definitions)
            for label, values in table.items():
                key = f'payoffs.table."{label}"'
                profile = self.parse_profile(label, key, players, strategies)
                if out[(0,) + profile] is not None:
                    self.fail(key, "this profile is given twice")
                if not isinstance(values, list) or len(values) != len(players):
                    self.fail(key, f"expected a list of {len(players)} payoffs, one per player ({', '.join(players)})")
                env, domains = self.environment(symbols, definitions, players, strategies, unique, profile)
                played = self.played_function(players, strategies, profile)
                for p, value in enumerate(values):
                    formula = Formula(value, self.source, f"{key}[{p}]", names, hints)
                    index = (p,) + profile
                    out[index], conditions[index] = self.build(formula, env, played, domains, strategies, profile)
            missing = [i for i in itertools.product(*(range(n) for n in shape)) if out[(0,) + i] is None]
            if missing:
                labels = ", ".join('"' + ", ".join(s[j] for s, j in zip(strategies, m)) + '"' for m in missing[:3])
                more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
                self.fail("payoffs.table", f"missing profile {labels}{more}: every strategy profile needs payoffs")
        return out, conditions

    def definitions(self, base_names: set[str], hints) -> dict[str, Formula]:
        raw = self.table(self.doc.get("definitions"), "definitions", required=False)
        if len(raw) > limits.MAX_DEFINITIONS:
            self.fail("definitions", f"{len(raw)} definitions; at most {limits.MAX_DEFINITIONS}")
        names = set(base_names)
        later = set(raw)
        out = {}
        for name, text in raw.items():
            key = f"definitions.{name}"
            self.identifier(name, key, "definition")
            later.discard(name)
            local_hints = dict(hints)
            for n in later | {name}:
                local_hints[n] = (
                    f"{n!r} is defined later in [definitions] or is this definition itself; "
                    "a definition may use only parameters, strategies and earlier definitions"
                )
            out[name] = Formula(text, self.source, key, names, local_hints)
            names.add(name)
        return out

    def environment(self, symbols, definitions, players, strategies, unique, profile) -> tuple[dict, dict]:
        """Each name's value at ``profile``, and the conditions where each definition is defined."""
        env = dict(symbols)
        env.update(self.indicators(strategies, unique, profile))
        played = self.played_function(players, strategies, profile)
        domains = {}
        for name, formula in definitions.items():
            env[name], domains[name] = self.build(formula, env, played, domains, strategies, profile)
        return env, domains

    def build(self, formula, env, played, domains, strategies=(), profile=()):
        """A formula's checked expression and its conditions (see :meth:`Formula.build`)."""
        expr, conditions = formula.build(env, played, domains)
        return self.finish(expr, formula.key, strategies, profile), conditions

    def finish(self, expr, key: str, strategies=(), profile=()):
        problem = expression_problem(expr)
        if problem is not None:
            label = ", ".join(s[i] for s, i in zip(strategies, profile))
            self.fail(key, f"{problem}, at profile ({label})" if label else problem)
        return expr

    def parse_profile(self, label: str, key: str, players, strategies) -> tuple[int, ...]:
        parts = [p.strip() for p in label.split(",")]
        if len(parts) != len(players):
            self.fail(key, f"a profile names one strategy per player ({', '.join(players)}), separated by commas")
        profile = []
        for player, strats, part in zip(players, strategies, parts):
            if part not in strats:
                self.fail(key, f"{player} has no strategy {part!r}; its strategies are {', '.join(strats)}")
            profile.append(strats.index(part))
        return tuple(profile)

    # -- outcomes ------------------------------------------------------------

    def outcomes(self, players, strategies) -> dict[str, Outcome]:
        raw = self.table(self.doc.get("outcomes"), "outcomes", required=False)
        unique, hints = self.scope(players, strategies)
        shape = tuple(len(s) for s in strategies)
        out = {}
        for name, spec in raw.items():
            key = f"outcomes.{name}"
            self.identifier(name, key, "outcome")
            spec = self.table(spec, key)
            self.only_keys(spec, _OUTCOME_KEYS, key)
            if "when" not in spec:
                self.fail(f"{key}.when", "missing: a condition on strategies, e.g. when = \"align\"")
            formula = Formula(spec["when"], self.source, f"{key}.when", unique, hints)
            mask = np.zeros(shape, dtype=bool)
            for profile in itertools.product(*(range(n) for n in shape)):
                value = formula.to_sympy(
                    self.indicators(strategies, unique, profile),
                    self.played_function(players, strategies, profile),
                )
                if value not in (sympy.Integer(0), sympy.Integer(1)):
                    self.fail(f"{key}.when", "an outcome must be a true/false condition on strategies only")
                mask[profile] = bool(value)
            out[name] = Outcome(name, self.text(spec.get("description"), f"{key}.description"), str(spec["when"]), mask)
        return out


def _kind(value) -> str:
    return {dict: "a table", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
