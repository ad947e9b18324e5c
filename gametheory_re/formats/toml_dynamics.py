"""Read dynamic game files: a ``[dynamics]`` section (see ``docs/game-format.md``).

Two forms:

* a normal-form game file with a ``[dynamics]`` section: its own
  parameters, definitions and strategy indicators are the update rules'
  names;
* a file whose ``[dynamics]`` has ``payoffs_from``: the stage game is that
  normal-form file (players, payoffs, definitions, outcomes), this file adds
  ``[game]``, its own ``[parameters]`` (feedback strengths and the like; a
  name of the other file is refused) and ``[dynamics.start]`` values.

Every problem is one :class:`~gametheory_re.errors.GameFileError` naming the
file and key.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np

from .. import limits
from ..errors import GameFileError
from ..dynamics.spec import BOUNDS_RULES, DYNAMIC_SELECTION, FALLBACK_RULES, Dynamics
from ..formula import Formula
from ..parameters import to_rational
from ..parametric import ParametricGame
from ..trees.orders import parse_order
from .bundled import bundled_games
from .files import read_game_text
from .toml_game import GameReader, parse_toml, read_toml_game

_DYNAMICS_KEYS = {"payoffs_from", "order", "select", "fallback", "bounds", "periods", "start", "update"}
_REUSING_KEYS = {"game", "parameters", "dynamics"}
_PERIODS_DEFAULT = 30


def is_dynamic_document(doc: dict) -> bool:
    """True when a parsed TOML document declares dynamics."""
    return "dynamics" in doc


def referenced_file(ref: str, base_dir: Path, source: str, key: str, fail) -> Path:
    """The game file a ``payoffs_from`` key names: next to the file, else a bundled game.

    ``fail(key, message)`` raises the caller's error.
    """
    if not ref.strip():
        fail(key, "expected a file name")
    path = base_dir / ref
    if not path.exists() and Path(ref).parent == Path("."):
        path = next((g for g in bundled_games() if ref in (g.name, g.stem)), path)
    if not path.is_file():
        fail(key, f"no such file {ref!r} (looked next to this file and among the bundled games)")
    if path.resolve() == Path(source).resolve():
        fail(key, "refers to this file itself; name a normal-form game file")
    return path


def read_dynamic_game(doc: dict, source: str, base_dir: Path) -> ParametricGame:
    """The stage game of a dynamic game document, with its :class:`Dynamics` attached."""
    return _DynamicReader(doc, source, base_dir).read()


class _DynamicReader(GameReader):
    def __init__(self, doc: dict, source: str, base_dir: Path):
        super().__init__(doc, source)
        self.base_dir = base_dir

    def read(self) -> ParametricGame:
        spec = self.table(self.doc["dynamics"], "dynamics")
        self.only_keys(spec, _DYNAMICS_KEYS, "dynamics")
        payoffs_from = None
        if "payoffs_from" in spec:
            payoffs_from = self.text(spec["payoffs_from"], "dynamics.payoffs_from")
            stage, reader = self.reusing(payoffs_from)
        else:
            reader = GameReader({k: v for k, v in self.doc.items() if k != "dynamics"}, self.source)
            stage = reader.game()
        start = self.start(spec, stage)
        parameters = {
            name: dataclasses.replace(p, default=start[name]) if name in start else p
            for name, p in stage.parameters.items()
        }
        stage = dataclasses.replace(stage, parameters=parameters)
        state, rules, updates = self.updates(spec, stage, reader)
        dynamics = Dynamics(
            state=state,
            rules=rules,
            updates=updates,
            select=self.choice(spec, "select", DYNAMIC_SELECTION, "persist"),
            fallback=self.choice(spec, "fallback", FALLBACK_RULES, "payoff_dominant"),
            bounds=self.choice(spec, "bounds", BOUNDS_RULES, "clip"),
            periods=self.periods(spec),
            order=None if "order" not in spec else parse_order(spec["order"], stage.players, self.source, "dynamics.order"),
            start=start,
            payoffs_from=payoffs_from,
        )
        return dataclasses.replace(stage, dynamics=dynamics)

    # -- the stage game of a file reusing another's payoffs --------------------

    def reusing(self, ref: str) -> tuple[ParametricGame, GameReader]:
        """The stage game: the other file's game with this file's [game] and extra parameters.

        Also returns a reader of the other file, whose definitions the
        update rules may use.
        """
        for key in self.doc:
            if key not in _REUSING_KEYS:
                self.fail(key, "unknown key; a file with dynamics.payoffs_from has only [game], [parameters] "
                               "and [dynamics]: players, payoffs and outcomes come from the payoffs_from file")
        key = "dynamics.payoffs_from"
        path = referenced_file(ref, self.base_dir, self.source, key, self.fail)
        if path.suffix != ".toml":
            self.fail(key, f"{ref!r} is not a .toml game file")
        text = read_game_text(path)
        base_doc = parse_toml(text, str(path))
        if any(k in base_doc for k in ("sequential", "tree", "nodes", "dynamics")):
            self.fail(key, f"{ref!r} is not a normal-form game file (it has sequential play or dynamics of its own); "
                           "name a normal-form game and give the move order as dynamics.order")
        base = read_toml_game(text, source=str(path))  # errors in it name that file
        meta = self.table(self.doc.get("game"), "game", required=False)
        self.only_keys(meta, {"title", "description", "references"}, "game")
        own = GameReader({"parameters": self.doc.get("parameters", {})}, self.source).parameters()
        base_reader = GameReader(base_doc, str(path))
        taken = set(base.parameters) | set(base.players) | {s for ss in base.strategies for s in ss}
        taken |= set(base_reader.table(base_doc.get("definitions"), "definitions", required=False))
        for name in own:
            if name in taken:
                self.fail(f"parameters.{name}", f"{ref!r} already has the name {name!r}; give base parameters "
                                                 "new values in [dynamics.start], new parameters new names")
        stage = dataclasses.replace(
            base,
            title=self.text(meta.get("title"), "game.title", default=self.default_title()),
            description=self.text(meta.get("description"), "game.description"),
            references=self.references(meta),
            parameters={**base.parameters, **own},
            source=self.shown_source(),
        )
        return stage, base_reader

    # -- the sections of [dynamics] ----------------------------------------------

    def start(self, spec: dict, stage: ParametricGame) -> dict:
        raw = self.table(spec.get("start"), "dynamics.start", required=False)
        out = {}
        for name, value in raw.items():
            key = f"dynamics.start.{name}"
            if name not in stage.parameters:
                self.fail(key, "unknown parameter; the parameters are " + ", ".join(stage.parameters))
            number = to_rational(value, self.source, key)
            parameter = stage.parameters[name]
            try:
                parameter.check(number, self.source)
            except GameFileError as exc:  # it names the parameter; the value was given in this table
                self.fail(key, exc.message)
            out[name] = number
        return out

    def updates(self, spec: dict, stage: ParametricGame, reader: GameReader):
        raw = self.table(spec.get("update"), "dynamics.update", required=False)
        if not raw:
            self.fail("dynamics.update", 'missing: give each state parameter its next value, e.g. '
                                         'theta_U = "theta_U + phi_theta*restrict*(1 - theta_U)"')
        players, strategies = stage.players, stage.strategies
        unique, hints = reader.scope(players, strategies)
        definitions = reader.definitions(set(stage.parameters) | unique, hints)
        names = set(stage.parameters) | unique | set(definitions)
        parsed = []
        for name, text in raw.items():
            key = f"dynamics.update.{name}"
            if name not in stage.parameters:
                self.fail(key, "not a parameter: the state is made of declared parameters; the parameters are "
                               + ", ".join(stage.parameters))
            parsed.append(Formula(text, self.source, key, names, hints))
        symbols = dict(stage.symbols)
        shape = stage.shape
        out = np.empty((len(parsed),) + shape, dtype=object)
        for profile in itertools.product(*(range(n) for n in shape)):
            env, domains = reader.environment(symbols, definitions, players, strategies, unique, profile)
            played = reader.played_function(players, strategies, profile)
            for k, formula in enumerate(parsed):
                expr, _ = formula.build(env, played, domains)
                out[(k,) + profile] = self.finish(expr, formula.key, strategies, profile)
        return tuple(raw), tuple(str(t) for t in raw.values()), out

    def choice(self, spec: dict, key: str, allowed, default: str) -> str:
        value = spec.get(key, default)
        if value not in allowed:
            self.fail(f"dynamics.{key}", f"expected one of {', '.join(allowed)}, found {value!r}")
        return value

    def periods(self, spec: dict) -> int:
        value = spec.get("periods", _PERIODS_DEFAULT)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= limits.MAX_PERIODS:
            self.fail("dynamics.periods", f"expected a whole number of periods from 1 to {limits.MAX_PERIODS}, found {value!r}")
        return value
