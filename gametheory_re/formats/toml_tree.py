"""Read sequential game files (see ``docs/sequential-games.md``).

A sequential game file is a TOML file in one of two forms:

* a move order over a normal-form game file, whose payoffs, parameters and
  outcomes it reuses (``[sequential]`` with ``payoffs_from`` and ``order``);
* a general tree (``[tree]`` and ``[nodes.NAME]`` tables) with decision and
  chance nodes, information sets, and payoff formulas at the leaves.

Parameters, players and definitions are read with the normal-form reader's
own rules (:mod:`gametheory_re.formats.toml_game`), and every problem is
reported as one :class:`~gametheory_re.errors.GameFileError`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import sympy

from .. import limits
from ..errors import GameFileError
from ..trees.build import NodeSpec, assemble
from ..trees.model import CHANCE, MAX_TREE_NODES, PROBABILITY_TOL, TERMINAL
from ..trees.orders import sequential_game
from ..trees.parametric import ParametricTree
from ..formula import Formula
from ..parametric import ParametricGame
from ..substitution import exact_value
from .files import read_game_text
from .nfg import load_nfg
from .numeric import from_normal_form
from .toml_dynamics import is_dynamic_document, read_dynamic_game, referenced_file
from .toml_game import IDENTIFIER, GameReader, parse_toml, read_toml_game

_ORDER_KEYS = {"game", "sequential"}
_TREE_KEYS = {"game", "parameters", "players", "definitions", "tree", "nodes"}
_NODE_KEYS = {"player", "moves", "probabilities", "infoset", "payoffs", "description"}
#: The ``player`` of a chance node; no player may have this name.
CHANCE_PLAYER = "chance"


def is_tree_document(doc: dict) -> bool:
    """True when a parsed TOML document is a sequential game rather than a normal-form one."""
    return any(key in doc for key in ("sequential", "tree", "nodes"))


def load_toml(path) -> ParametricGame | ParametricTree:
    """Load any TOML game file: normal-form or sequential.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    ParametricGame or ParametricTree

    Raises
    ------
    GameFileError
    """
    path = Path(path)
    text = read_game_text(path)
    doc = _parse(text, str(path))
    if is_dynamic_document(doc):
        if is_tree_document(doc):
            raise GameFileError(str(path), "dynamics", "dynamics drive a normal-form stage game; give the move order "
                                                      "as dynamics.order instead of [sequential] or [tree]")
        return read_dynamic_game(doc, str(path), path.parent)
    if is_tree_document(doc):
        return _TreeReader(doc, str(path), path.parent).read()
    return read_toml_game(text, source=str(path))


def load_toml_tree(path) -> ParametricTree:
    """Load a sequential game file.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    ParametricTree

    Raises
    ------
    GameFileError
        If the file is missing, too large, not TOML, or not a valid
        sequential game (a normal-form file included).
    """
    path = Path(path)
    return read_toml_tree(read_game_text(path), source=str(path), base_dir=path.parent)


def read_toml_tree(text: str, source: str = "<string>", base_dir=None) -> ParametricTree:
    """Parse and validate a sequential game given as TOML text.

    Parameters
    ----------
    text : str
    source : str
        Named in error messages.
    base_dir : str or pathlib.Path, optional
        Folder against which ``payoffs_from`` is resolved; default the
        folder of ``source``.

    Returns
    -------
    ParametricTree
    """
    doc = _parse(text, source)
    if not is_tree_document(doc):
        raise GameFileError(
            source, "", "not a sequential game: expected [sequential] (a move order) or [tree] with [nodes.NAME] tables"
        )
    return _TreeReader(doc, source, Path(source).parent if base_dir is None else Path(base_dir)).read()


def _parse(text: str, source: str) -> dict:
    return parse_toml(text, source)


class _TreeReader(GameReader):
    def __init__(self, doc: dict, source: str, base_dir: Path):
        super().__init__(doc, source)
        self.base_dir = base_dir

    def read(self) -> ParametricTree:
        if "sequential" in self.doc and ("tree" in self.doc or "nodes" in self.doc):
            self.fail("sequential", "give either [sequential] (a move order) or [tree] and [nodes] (a tree), not both")
        return self.order_game() if "sequential" in self.doc else self.tree_game()

    def meta(self) -> dict:
        meta = self.table(self.doc.get("game"), "game", required=False)
        self.only_keys(meta, {"title", "description", "references"}, "game")
        return {
            "title": None if meta.get("title") is None else self.text(meta["title"], "game.title"),
            "description": self.text(meta.get("description"), "game.description"),
            "references": self.references(meta),
        }

    # -- a move order over a normal-form game ---------------------------------

    def order_game(self) -> ParametricTree:
        for key in self.doc:
            if key not in _ORDER_KEYS:
                self.fail(key, "unknown key; a [sequential] file has only [game] and [sequential]: "
                               "players, parameters and payoffs come from the payoffs_from file")
        meta = self.meta()
        spec = self.table(self.doc["sequential"], "sequential")
        self.only_keys(spec, {"payoffs_from", "order"}, "sequential")
        if "payoffs_from" not in spec:
            self.fail("sequential.payoffs_from", 'missing: name the normal-form game file, e.g. "us_japan_china.toml"')
        if "order" not in spec:
            self.fail("sequential.order", 'missing: list the players in turn, e.g. ["US", "Japan", "China"]')
        base = self.base_game(self.text(spec["payoffs_from"], "sequential.payoffs_from"))
        return sequential_game(base, spec["order"], source=self.shown_source(), **meta)

    def base_game(self, ref: str) -> ParametricGame:
        key = "sequential.payoffs_from"
        path = referenced_file(ref, self.base_dir, self.source, key, self.fail)
        if path.suffix == ".nfg":
            return from_normal_form(load_nfg(path), source=str(path))
        if path.suffix != ".toml":
            self.fail(key, f"{ref!r} is not a .toml or .nfg game file")
        text = read_game_text(path)
        doc = _parse(text, str(path))
        if is_tree_document(doc):
            self.fail(key, f"{ref!r} is itself a sequential game; payoffs_from must name a normal-form game file")
        if is_dynamic_document(doc):
            self.fail(key, f"{ref!r} is a dynamic game; payoffs_from must name a normal-form game file")
        return read_toml_game(text, source=str(path))

    # -- a general tree -------------------------------------------------------

    def tree_game(self) -> ParametricTree:
        self.only_keys(self.doc, _TREE_KEYS, "")
        meta = self.meta()
        players = self.tree_players()
        parameters = self.parameters()
        self.check_name_clashes(players, (), parameters)
        symbols = {name: sympy.Symbol(name, real=True) for name in parameters}
        env, domains = dict(symbols), {}
        for name, formula in self.definitions(set(parameters), {}).items():
            env[name], domains[name] = self.build(formula, env, None, domains)
        self.domains = domains
        specs, payoffs, probabilities = self.nodes(players, env)
        probability_conditions = {
            i: tuple(dict.fromkeys(c for _, cs in probs for c in cs)) for i, probs in probabilities.items()
        }
        probabilities = {i: tuple(e for e, _ in probs) for i, probs in probabilities.items()}
        nodes, infosets = assemble(specs, len(players), self.source)
        defaults = {symbols[n]: p.default for n, p in parameters.items()}
        for i, probs in probabilities.items():
            self.check_distribution(probs, defaults, f"{specs[i].key}.probabilities")
        if meta["title"] is None:
            meta["title"] = self.default_title()
        conditions = np.empty(len(payoffs), dtype=object)
        conditions[:] = [c for _, c in payoffs]
        return ParametricTree(
            players=players,
            nodes=nodes,
            infosets=infosets,
            payoffs=np.array([e for e, _ in payoffs], dtype=object).reshape(-1, len(players)),
            conditions=conditions.reshape(-1, len(players)),
            probabilities=probabilities,
            probability_conditions=probability_conditions,
            parameters=parameters,
            source=self.shown_source(),
            **meta,
        )

    def tree_players(self) -> tuple[str, ...]:
        raw = self.doc.get("players")
        if not isinstance(raw, list) or not raw:
            self.fail("players", "expected a non-empty list of [[players]] tables, each with a name")
        if len(raw) > limits.MAX_PLAYERS:
            self.fail("players", f"{len(raw)} players; at most {limits.MAX_PLAYERS} are supported")
        names = []
        for i, entry in enumerate(raw):
            key = f"players[{i}]"
            entry = self.table(entry, key)
            self.only_keys(entry, {"name", "description"}, key)
            name = self.identifier(entry.get("name"), f"{key}.name", "player")
            if name == CHANCE_PLAYER:
                self.fail(f"{key}.name", f"{CHANCE_PLAYER!r} is reserved for chance nodes")
            if name in names:
                self.fail(f"{key}.name", f"duplicate player {name!r}")
            self.text(entry.get("description"), f"{key}.description")
            names.append(name)
        return tuple(names)

    def nodes(self, players, env):
        if "tree" not in self.doc:
            self.fail("tree", 'missing: a [tree] table naming the root node, e.g. root = "start"')
        if "nodes" not in self.doc:
            self.fail("nodes", "missing: one [nodes.NAME] table per node")
        tree = self.table(self.doc.get("tree"), "tree")
        self.only_keys(tree, {"root"}, "tree")
        raw = self.table(self.doc.get("nodes"), "nodes")
        if len(raw) > MAX_TREE_NODES:
            self.fail("nodes", f"{len(raw)} nodes; at most {MAX_TREE_NODES} are allowed")
        root = tree.get("root")
        if not isinstance(root, str) or root not in raw:
            self.fail("tree.root", f"expected the name of a node, found {root!r}" if root is not None
                      else "missing: name the root node, e.g. root = \"start\"")
        names = set(env)
        specs, payoffs, probabilities = [], [], {}
        parent_of = {root: None}
        stack = [(root, -1)]
        while stack:
            name, parent = stack.pop()
            key = f"nodes.{name}"
            self.label(name, key, "node")
            spec = self.table(raw[name], key)
            self.only_keys(spec, _NODE_KEYS, key)
            self.text(spec.get("description"), f"{key}.description")
            if "payoffs" in spec:
                extra = sorted(set(spec) & {"player", "moves", "probabilities", "infoset"})
                if extra:
                    self.fail(key, f"a terminal node (one with payoffs) takes no {', '.join(extra)}")
                specs.append(NodeSpec(name, parent, TERMINAL, key=key))
                payoffs.extend(self.leaf_payoffs(spec["payoffs"], key, players, env, names))
                continue
            player, moves, children = self.decision(spec, key, players)
            if player == CHANCE:
                probabilities[len(specs)] = self.probabilities(spec, key, moves, env, names)
                infoset = None
            else:
                if "probabilities" in spec:
                    self.fail(f"{key}.probabilities", "only chance nodes have probabilities")
                infoset = spec.get("infoset")
                if infoset is not None:
                    self.label(infoset, f"{key}.infoset", "information set")
            specs.append(NodeSpec(name, parent, player, moves, infoset, key))
            here = len(specs) - 1
            for move, child in zip(moves, children):
                if child not in raw:
                    self.fail(f"{key}.moves.{move}", f"no node named {child!r}")
                if child in parent_of:
                    where = "the root" if parent_of[child] is None else f"also a child of {parent_of[child]!r}"
                    self.fail(f"{key}.moves.{move}", f"node {child!r} is {where}; each node has one parent (no cycles)")
                parent_of[child] = name
            stack.extend((child, here) for child in reversed(children))
        unreached = [n for n in raw if n not in parent_of]
        if unreached:
            self.fail(f"nodes.{unreached[0]}", "node is not reachable from the root")
        return specs, payoffs, probabilities

    def label(self, name, key: str, what: str) -> str:
        # Node, move and information-set names never appear in formulas, so
        # unlike parameters they may be Python keywords ("pass", "as").
        if not isinstance(name, str) or not IDENTIFIER.match(name) or len(name) > limits.MAX_NAME_LENGTH:
            self.fail(
                key,
                f"{what} name {name!r} is not valid: use letters, digits and _, starting with a letter, "
                f"at most {limits.MAX_NAME_LENGTH} characters",
            )
        return name

    def decision(self, spec, key, players):
        if "player" not in spec:
            self.fail(key, "a node needs either payoffs (a leaf) or a player and moves")
        name = self.text(spec["player"], f"{key}.player")
        if name != CHANCE_PLAYER and name not in players:
            self.fail(f"{key}.player", f"unknown player {name!r}; the players are {', '.join(players)} (or \"chance\")")
        moves = self.table(spec.get("moves"), f"{key}.moves")
        if not moves:
            self.fail(f"{key}.moves", "expected at least one move, e.g. moves = { build = \"next_node\" }")
        if len(moves) > limits.MAX_STRATEGIES:
            self.fail(f"{key}.moves", f"{len(moves)} moves; at most {limits.MAX_STRATEGIES}")
        children = []
        for move, child in moves.items():
            self.label(move, f"{key}.moves.{move}", "move")
            children.append(self.text(child, f"{key}.moves.{move}"))
        player = CHANCE if name == CHANCE_PLAYER else players.index(name)
        return player, tuple(moves), children

    def probabilities(self, spec, key, moves, env, names) -> tuple:
        if "infoset" in spec:
            self.fail(f"{key}.infoset", "chance nodes have no information sets")
        raw = self.table(spec.get("probabilities"), f"{key}.probabilities")
        if set(raw) != set(moves):
            self.fail(f"{key}.probabilities", f"expected one probability per move ({', '.join(moves)}), found {', '.join(raw) or 'none'}")
        out = []
        for move in moves:
            formula = Formula(raw[move], self.source, f"{key}.probabilities.{move}", names)
            out.append(self.build(formula, env, None, self.domains))
        return tuple(out)

    def check_distribution(self, probs, defaults, key) -> None:
        # Exactly, at the defaults; every other point is checked when the
        # tree is evaluated there.
        try:
            values = [float(exact_value(p, defaults)) for p in probs]
        except TypeError:  # not a real number, e.g. the square root of a negative
            self.fail(key, "probabilities are not real numbers at the default parameter values")
        if any(not 0 <= v <= 1 for v in values) or abs(sum(values) - 1) > PROBABILITY_TOL:
            shown = ", ".join(f"{v:g}" for v in values)
            self.fail(key, f"probabilities are {shown} at the default parameter values; they must be between 0 and 1 and sum to 1")

    def leaf_payoffs(self, raw, key, players, env, names) -> list:
        raw = self.table(raw, f"{key}.payoffs")
        for player in raw:
            if player not in players:
                self.fail(f"{key}.payoffs.{player}", f"unknown player; the players are {', '.join(players)}")
        out = []
        for player in players:
            if player not in raw:
                self.fail(f"{key}.payoffs.{player}", "missing: a leaf needs one payoff per player")
            formula = Formula(raw[player], self.source, f"{key}.payoffs.{player}", names)
            out.append(self.build(formula, env, None, self.domains))
        return out


