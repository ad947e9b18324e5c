"""Read and write Gambit extensive-game files (``.efg``, version 2).

The file lists the tree's nodes in preorder, one per line::

    EFG 2 R "title" { "P1" "P2" } "comment"
    p "node" 1 1 "infoset" { "a" "b" } 0                  personal node: player, infoset
    c "node" 1 "" { "x" 1/2 "y" 1/2 } 0                   chance node: moves with probabilities
    t "node" 1 "outcome" { 1, 2 }                          terminal node

A node's trailing number is its outcome (0: none); an outcome's payoffs are
added to every leaf below the node.  The infoset's name and moves, and the
outcome's name and payoffs, may be omitted after their first appearance.
Files are untrusted input: tokens are read by the ``.nfg`` reader's scanner
and numbers are never evaluated as text.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy

from ..errors import GameFileError
from ..trees.build import NodeSpec, assemble
from ..trees.model import CHANCE, MAX_TREE_NODES, PROBABILITY_TOL, TERMINAL, GameTree
from ..limits import MAX_STRATEGIES
from .files import read_game_text
from .gambit_text import GambitReader, describe, gambit_number, quote, unique_labels

_MAX_PATH_NAME = 80


class _EfgReader(GambitReader):
    """The ``.nfg`` reader's tokens and numbers, with the tree grammar on top."""

    def header(self) -> tuple[str, list[str]]:
        title, players = self.title_and_players("EFG", "2")
        if self.token.kind == "string":  # the optional comment
            self.advance()
        return title, players

    def moves(self, chance: bool) -> tuple[list[str], list]:
        self.expect("{", "'{' opening the list of moves")
        names, probabilities = [], []
        while self.token.kind == "string":
            if len(names) == MAX_STRATEGIES:
                raise self.fail(f"more than {MAX_STRATEGIES} moves at one node")
            names.append(self.string("a move name"))
            if chance:
                probabilities.append(self.payoff(f"the probability of move {names[-1]!r}"))
        self.expect("}", "a move name in quotes or '}'")
        if not names:
            raise self.fail("a node needs at least one move")
        return names, probabilities

    def outcome(self, n_players: int, outcomes: dict) -> int:
        line = self.token.line
        number = self.whole("an outcome number")
        if self.token.kind == "string":
            self.advance()
            self.expect("{", "'{' opening the outcome's payoffs")
            payoffs = []
            while self.token.kind != "}":
                if len(payoffs) == n_players:
                    raise self.fail(f"expected {n_players} payoffs, one per player, found more")
                payoffs.append(self.payoff(f"payoff {len(payoffs) + 1} of {n_players}"))
                if self.token.kind == ",":
                    self.advance()
            if len(payoffs) != n_players:
                raise self.fail(f"expected {n_players} payoffs, one per player, found {len(payoffs)}")
            self.advance()
            if number == 0:
                raise GameFileError(self.source, f"line {line}", "outcome 0 means no outcome and cannot have payoffs")
            outcomes[number] = payoffs
        elif number and number not in outcomes:
            raise GameFileError(self.source, f"line {line}", f"outcome {number} is used before its payoffs are given")
        return number


def read_efg(text: str, source: str = "<string>") -> GameTree:
    """Read a game tree from the text of a Gambit ``.efg`` file.

    Payoffs and chance probabilities are kept exactly (``exact_payoffs``,
    ``exact_probabilities``) as well as in floats.  Labels are made distinct
    the way Gambit 17 does (see :func:`~gametheory_re.formats.nfg.read_nfg`):
    player names, and the moves at each node; nodes without a label are
    named by the moves leading to them.

    Parameters
    ----------
    text : str
    source : str
        Named in error messages.

    Returns
    -------
    GameTree

    Raises
    ------
    GameFileError
        If the text is not a valid ``.efg`` file, exceeds the limits, has
        chance probabilities that are not a distribution, or lacks perfect
        recall; the error names the line at fault.
    """
    reader = _EfgReader(text, source)
    title, players = reader.header()
    n_players = len(players)
    infosets: dict[tuple[int, int], tuple[str, list[str], list]] = {}
    outcomes: dict[int, list] = {}
    specs, paths, node_outcomes, probabilities = [], [], [], {}
    open_nodes: list[list[int]] = []  # [node, children still to come]
    while reader.token.kind != "end":
        if len(specs) == MAX_TREE_NODES:
            raise reader.fail(f"more than {MAX_TREE_NODES} nodes")
        line = reader.token.line
        if specs and not open_nodes:
            raise reader.fail("the tree is already complete; this node has no parent")
        kind = reader.token.text if reader.token.kind == "word" else ""
        if kind not in ("p", "c", "t"):
            raise reader.fail(f"expected a node ('p', 'c' or 't'), found {describe(reader.token)}")
        reader.advance()
        label = reader.string("the node's name in quotes")
        parent = open_nodes[-1][0] if open_nodes else -1
        key = f"line {line}"
        if kind == "t":
            player, moves, infoset = TERMINAL, [], None
        else:
            if kind == "p":
                player = reader.whole("a player number") - 1
                if not 0 <= player < n_players:
                    raise GameFileError(source, key, f"player {player + 1} does not exist; there are {n_players}")
            else:
                player = CHANCE
            number = reader.whole("an information set number")
            if reader.token.kind == "string":
                name = reader.string("the information set's name")
                moves, probs = reader.moves(kind == "c")
                if (player, number) in infosets and infosets[(player, number)][1] != moves:
                    raise GameFileError(source, key, f"information set {number} was given other moves before")
                infosets[(player, number)] = (name, moves, probs)
            elif (player, number) in infosets:
                name, moves, probs = infosets[(player, number)]
            else:
                raise GameFileError(source, key, f"information set {number} is used before its moves are given")
            if kind == "c":
                probabilities[len(specs)] = probs
                infoset = None
            else:
                infoset = str(number)
        node_outcomes.append(reader.outcome(n_players, outcomes))
        moves = list(unique_labels(moves)) if moves else []
        paths.append(_path_name(specs, paths, open_nodes))
        specs.append(NodeSpec(label, parent, player, tuple(moves), infoset, key))
        if open_nodes:
            open_nodes[-1][1] -= 1
            if open_nodes[-1][1] == 0:
                open_nodes.pop()
        if moves:
            open_nodes.append([len(specs) - 1, len(moves)])
    if not specs:
        raise reader.fail("the file has no nodes")
    if open_nodes:
        raise reader.fail(f"the file ends before all children of node {specs[open_nodes[-1][0]].key} are given")
    # Unlabelled nodes are named by their moves from the root; every name is
    # then made unique, so that output can refer to nodes by name.
    names = unique_labels([spec.name or path for spec, path in zip(specs, paths)])
    labels = _infoset_labels(infosets)
    specs = [
        spec._replace(name=name, infoset=None if spec.infoset is None else labels[(spec.player, int(spec.infoset))])
        for spec, name in zip(specs, names)
    ]
    nodes, infosets_ = assemble(specs, n_players, source)
    exact_payoffs = _leaf_payoffs(nodes, node_outcomes, outcomes, n_players)
    chance, exact_chance = {}, {}
    for node, probs in probabilities.items():
        exact_chance[node] = tuple(p for p, _ in probs)
        chance[node] = np.array([f for _, f in probs])
        if np.any(chance[node] < 0) or abs(chance[node].sum() - 1) > PROBABILITY_TOL:
            raise GameFileError(source, specs[node].key, "chance probabilities must be between 0 and 1 and sum to 1")
    return GameTree(
        title=title,
        players=unique_labels(players),
        nodes=nodes,
        infosets=infosets_,
        payoffs=np.array(exact_payoffs, dtype=float).reshape(-1, n_players),
        probabilities=chance,
        exact_payoffs=np.array(exact_payoffs, dtype=object).reshape(-1, n_players),
        exact_probabilities=exact_chance,
    )


def _infoset_labels(infosets: dict) -> dict[tuple[int, int], str]:
    """Each information set's name, or its number if unnamed; a name shared within a player gets its number appended."""
    labels = {key: name or str(key[1]) for key, (name, _, _) in infosets.items()}
    seen: dict = {}
    for (player, _), label in labels.items():
        seen[(player, label)] = seen.get((player, label), 0) + 1
    return {
        key: f"{label} ({key[1]})" if seen[(key[0], label)] > 1 else label for key, label in labels.items()
    }


def _path_name(specs, paths, open_nodes) -> str:
    """The moves leading to the next node, e.g. ``"H, T"``; deep nodes get their number instead."""
    if not open_nodes:
        return "root"
    parent, left = open_nodes[-1]
    move = specs[parent].moves[len(specs[parent].moves) - left]
    name = move if parent == 0 else f"{paths[parent]}, {move}"
    return name if len(name) <= _MAX_PATH_NAME else f"node {len(specs) + 1}"


def _leaf_payoffs(nodes, node_outcomes, outcomes, n_players) -> list:
    zero = [sympy.Integer(0)] * n_players
    total = [None] * len(nodes)
    rows = []
    for i, node in enumerate(nodes):
        here = outcomes.get(node_outcomes[i])
        above = zero if node.parent < 0 else total[node.parent]
        total[i] = above if here is None else [a + p for a, (p, _) in zip(above, here)]
        if node.is_terminal:
            rows.append(total[i])
    return rows


def load_efg(path) -> GameTree:
    """Read a game tree from a Gambit ``.efg`` file (see :func:`read_efg`)."""
    return read_efg(read_game_text(path), source=str(path))


def _distribution(values) -> list[sympy.Rational]:
    """Probabilities as rationals summing to exactly 1, which Gambit requires.

    Rationals are kept; other numbers become the nearest fraction with a
    denominator of at most 10**9, and the last move takes the remainder.
    """
    out = [
        v if isinstance(v, sympy.Rational) else sympy.Rational(Fraction(float(v)).limit_denominator(10**9))
        for v in values
    ]
    out[-1] = 1 - sum(out[:-1])
    return out


def write_efg(tree: GameTree, target: str = "<efg output>") -> str:
    """Write a game tree as a Gambit ``.efg`` file.

    Payoffs are written exactly (``p`` or ``p/q``) where the tree holds
    rationals (``ParametricTree.at(exact=True)``), else as the shortest
    decimal that reads back as the same float.  Chance probabilities are
    always fractions summing to exactly 1, as Gambit requires (see
    :func:`_distribution`).  Every leaf
    gets its own outcome, named after the leaf; information sets keep their
    labels and are numbered per player in tree order.

    Parameters
    ----------
    tree : GameTree
    target : str
        The output's name, for error messages.

    Returns
    -------
    str
        The file's text, ending in a newline.

    Raises
    ------
    GameFileError
        If an exact payoff or probability needs more than
        :data:`~gametheory_re.limits.MAX_NUMBER_CHARS` characters (see
        :func:`~gametheory_re.formats.nfg.write_nfg`).
    """
    numbers = {}
    for player in range(tree.n_players):
        own = [i for i, s in enumerate(tree.infosets) if s.player == player]
        numbers.update({i: k + 1 for k, i in enumerate(own)})
    lines = [
        f"EFG 2 R {quote(tree.title)} {{ {' '.join(map(quote, tree.players))} }}",
        '""',
        "",
    ]
    chance_number = 0
    stack = [0]  # the file lists nodes in preorder
    while stack:
        i = stack.pop()
        node = tree.nodes[i]
        stack.extend(reversed(node.children))
        name = quote(node.name)
        if node.is_terminal:
            exact = tree.exact_payoffs[node.leaf] if tree.exact_payoffs is not None else tree.payoffs[node.leaf]
            values = ", ".join(
                gambit_number(e, a, target, f"nodes.{node.name}.payoffs.{player}")
                for e, a, player in zip(exact, tree.payoffs[node.leaf], tree.players)
            )
            lines.append(f"t {name} {node.leaf + 1} {name} {{ {values} }}")
        elif node.is_chance:
            chance_number += 1
            exact = (tree.exact_probabilities or {}).get(i, tree.probabilities[i])
            moves = " ".join(
                f"{quote(m)} {gambit_number(p, float(p), target, f'nodes.{node.name}.probabilities.{m}')}"
                for m, p in zip(node.moves, _distribution(exact))
            )
            lines.append(f'c {name} {chance_number} "" {{ {moves} }} 0')
        else:
            infoset = tree.infosets[node.infoset]
            moves = " ".join(map(quote, node.moves))
            lines.append(
                f"p {name} {node.player + 1} {numbers[node.infoset]} {quote(infoset.label)} {{ {moves} }} 0"
            )
    return "\n".join(lines) + "\n"
