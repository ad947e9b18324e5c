"""Tests of writing and reading Gambit .efg files, checked against pygambit."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.trees.build import NodeSpec, assemble
from gametheory_re.trees.model import CHANCE, TERMINAL, GameTree
from gametheory_re.trees.orders import sequential_game
from gametheory_re.formats import games_dir, load_game
from gametheory_re.formats.efg import load_efg, read_efg, write_efg
from gametheory_re.formats.toml_tree import load_toml_tree, read_toml_tree

from _support import EFG_DIR, GAMBIT_REFUSES_EFG, need_module, need_reference, reference_files

REFERENCE_FILES = reference_files(EFG_DIR, "*.efg")
GAME_B = load_game("us_japan_china")

ENTRY = """
[game]
title = 'Entry "with" a hidden type'
[parameters.p]
default = "1/3"
[[players]]
name = "Entrant"
[[players]]
name = "Incumbent"
[tree]
root = "nature"
[nodes.nature]
player = "chance"
moves = { strong = "e_strong", weak = "e_weak" }
probabilities = { strong = "p", weak = "1 - p" }
[nodes.e_strong]
player = "Entrant"
infoset = "blind"
moves = { enter = "i_strong", stay_out = "out_strong" }
[nodes.e_weak]
player = "Entrant"
infoset = "blind"
moves = { enter = "i_weak", stay_out = "out_weak" }
[nodes.i_strong]
player = "Incumbent"
moves = { fight = "fs", accommodate = "as" }
[nodes.i_weak]
player = "Incumbent"
moves = { fight = "fw", accommodate = "aw" }
[nodes.out_strong]
payoffs = { Entrant = 0, Incumbent = 3 }
[nodes.out_weak]
payoffs = { Entrant = 0, Incumbent = "5/2" }
[nodes.fs]
payoffs = { Entrant = -1, Incumbent = 1.25 }
[nodes.as]
payoffs = { Entrant = 1, Incumbent = 1 }
[nodes.fw]
payoffs = { Entrant = -1, Incumbent = "-p" }
[nodes.aw]
payoffs = { Entrant = "1/7", Incumbent = 1 }
"""


def fraction(value) -> Fraction:
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    return Fraction(str(value))


def our_view(tree: GameTree) -> tuple:
    """Players, and per node (keyed by its moves from the root): kind, mover, moves, probabilities, information set, payoffs."""
    paths = {0: ()}
    for i, node in enumerate(tree.nodes):
        for move, child in zip(node.moves, node.children):
            paths[child] = paths[i] + (move,)
    view = {}
    for i, node in enumerate(tree.nodes):
        if node.is_terminal:
            exact = tree.exact_payoffs if tree.exact_payoffs is not None else tree.payoffs
            view[paths[i]] = ("t", tuple(fraction(v) for v in exact[node.leaf]))
        elif node.is_chance:
            exact = (tree.exact_probabilities or {}).get(i, tree.probabilities[i])
            view[paths[i]] = ("c", node.moves, tuple(fraction(p) for p in exact))
        else:
            members = tuple(sorted(paths[n] for n in tree.infosets[node.infoset].nodes))
            view[paths[i]] = ("p", tree.players[node.player], node.moves, members)
    return tuple(tree.players), view


def gambit_view(game) -> tuple:
    """The same view of a pygambit game, walking it by action labels; outcomes add up along paths."""
    from pygambit import H

    players = list(game.players)
    view, stack = {}, [((), (Fraction(0),) * len(players))]
    while stack:
        path, above = stack.pop()
        where = H.path(*path)
        outcome = game.get_outcome(where)
        if outcome is not None:
            payoffs = game.get_outcome_payoffs(outcome)
            above = tuple(a + Fraction(str(payoffs[p])) for a, p in zip(above, players))
        actions = tuple(game.get_actions(where))
        if not actions:
            view[path] = ("t", above)
            continue
        probabilities = game.get_action_probs(where)
        if probabilities:
            view[path] = ("c", actions, tuple(Fraction(str(probabilities[a])) for a in actions))
        else:
            members = tuple(sorted(tuple(h.actions) for h in game.get_members(where)))
            view[path] = ("p", game.get_player(where), actions, members)
        stack.extend((path + (a,), above) for a in actions)
    return tuple(players), view


def reload_in_gambit(tree, tmp_path):
    pygambit = need_module("pygambit")
    path = tmp_path / "game.efg"
    path.write_text(write_efg(tree), encoding="utf-8")
    return pygambit.read_efg(str(path))


def test_game_c_export_reloads_in_gambit_with_the_same_payoffs(tmp_path):
    tree = load_toml_tree(games_dir() / "us_japan_china_sequential.toml").at(exact=True)
    gambit = reload_in_gambit(tree, tmp_path)
    assert gambit.title == tree.title
    assert gambit_view(gambit) == our_view(tree)
    # Exact rationals, e.g. China's 0.71125 at (build, hedge, restrict) is 569/800.
    assert "569/800" in write_efg(tree)
    assert gambit.is_perfect_recall


def test_chance_nodes_and_information_sets_round_trip_through_gambit(tmp_path):
    tree = read_toml_tree(ENTRY).at(exact=True)
    gambit = reload_in_gambit(tree, tmp_path)
    assert gambit.title == 'Entry "with" a hidden type'
    players, view = gambit_view(gambit)
    assert (players, view) == our_view(tree)
    assert view[()] == ("c", ("strong", "weak"), (Fraction(1, 3), Fraction(2, 3)))
    assert view[("strong",)][3] == (("strong",), ("weak",))
    assert view[("weak", "enter", "fight")] == ("t", (Fraction(-1), Fraction(-1, 3)))


def test_simultaneous_groups_export_as_information_sets(tmp_path):
    tree = sequential_game(GAME_B, ["US", ["Japan", "China"]]).at(exact=True)
    gambit = reload_in_gambit(tree, tmp_path)
    assert gambit_view(gambit) == our_view(tree)
    assert len(gambit.get_infosets("China")) == 2


def test_trees_without_exact_values_are_written_as_shortest_decimals(tmp_path):
    tree = sequential_game(GAME_B, ["China", "US", "Japan"]).at({"K": 1.1})
    leaves = [line for line in write_efg(tree).splitlines() if line.startswith("t ")]
    assert len(leaves) == 12 and not any("/" in line.split("{")[1] for line in leaves)
    gambit = reload_in_gambit(tree, tmp_path)
    _, view = gambit_view(gambit)
    ours = our_view(tree)[1]
    assert view.keys() == ours.keys()
    for path, record in view.items():
        if record[0] == "t":
            assert [float(x) for x in record[1]] == tree.payoffs[tree.nodes[_node(tree, path)].leaf].tolist()


def _node(tree, path):
    node = 0
    for move in path:
        node = tree.nodes[node].children[tree.nodes[node].moves.index(move)]
    return node


def random_tree(seed):
    rng = np.random.default_rng(seed)
    specs, payoffs, probabilities = [], [], {}

    def grow(parent, level):
        index = len(specs)
        if level == 3 or (level and rng.random() < 0.2):
            specs.append(NodeSpec(f"n{index}", parent, TERMINAL))
            payoffs.append(rng.integers(-5, 6, 3) / rng.integers(1, 4))
            return
        k = int(rng.integers(2, 4))
        if rng.random() < 0.25:
            specs.append(NodeSpec(f"n{index}", parent, CHANCE, tuple(f"c{j}" for j in range(k))))
            probabilities[index] = np.full(k, 1 / k)
        else:
            specs.append(NodeSpec(f"n{index}", parent, int(rng.integers(3)), tuple(f"m{j}" for j in range(k))))
        for _ in range(k):
            grow(index, level + 1)

    grow(-1, 0)
    nodes, infosets = assemble(specs, 3, "random")
    return GameTree(f"random {seed}", ("A", "B", "C"), nodes, infosets, np.array(payoffs), probabilities)


@pytest.mark.parametrize("seed", range(30))
def test_random_trees_reload_in_gambit(tmp_path, seed):
    tree = random_tree(seed)
    players, view = gambit_view(reload_in_gambit(tree, tmp_path))
    ours = our_view(tree)
    assert players == ours[0] and view.keys() == ours[1].keys()
    for path, record in view.items():
        expected = ours[1][path]
        if record[0] == "t":
            assert np.allclose([float(x) for x in record[1]], [float(x) for x in expected[1]], rtol=0, atol=1e-15)
        elif record[0] == "c":
            assert record[:2] == expected[:2]
            assert np.allclose([float(x) for x in record[2]], [float(x) for x in expected[2]], rtol=0, atol=1e-15)
        else:
            assert record == expected


@pytest.mark.parametrize("seed", range(10))
def test_our_reader_reads_back_what_we_write(seed):
    tree = random_tree(seed)
    again = read_efg(write_efg(tree))
    assert again.players == tree.players and again.title == tree.title
    assert [n.name for n in again.nodes] == [n.name for n in tree.nodes]
    assert np.array_equal(again.payoffs, tree.payoffs)
    assert [(s.label, s.nodes) for s in again.infosets] == [(s.label, s.nodes) for s in tree.infosets]
    assert all(np.array_equal(again.probabilities[k], v) for k, v in tree.probabilities.items())


def test_exact_round_trip_of_a_tree_with_chance():
    tree = read_toml_tree(ENTRY).at(exact=True)
    assert our_view(read_efg(write_efg(tree))) == our_view(tree)


def test_outcomes_at_inner_nodes_add_up_and_unlabelled_nodes_are_named_by_moves():
    tree = read_efg("""EFG 2 R "t" { "A" "B" } ""
p "" 1 1 "" { "x" "y" } 1 "bonus" { 1, 1/2 }
t "" 2 "end" { 2, 3 }
p "" 2 1 "b" { "u" "v" } 0
t "" 3 "w" { 0.5, -1 }
t "" 0
""")
    assert [n.name for n in tree.nodes] == ["root", "x", "y", "y, u", "y, v"]
    assert tree.payoffs.tolist() == [[3, 3.5], [1.5, -0.5], [1, 0.5]]
    assert tree.exact_payoffs[0, 1] == sympy.Rational(7, 2)
    assert [s.label for s in tree.infosets] == ["1", "b"]


def test_repeated_information_sets_may_omit_their_moves():
    tree = read_efg("""EFG 2 R "t" { "A" "B" }
p "" 1 1 "" { "L" "R" } 0
p "" 2 1 "blind" { "l" "r" } 0
t "" 1 "o1" { 1, 0 }
t "" 2 "o2" { 0, 1 }
p "" 2 1 0
t "" 1
t "" 2
""")
    assert len(tree.infosets[1].nodes) == 2 and tree.infosets[1].moves == ("l", "r")
    assert tree.payoffs.tolist() == [[1, 0], [0, 1], [1, 0], [0, 1]]


BAD = [
    ('NFG 1 R "t" { "A" } { 1 } 1', "expected 'EFG'"),
    ('EFG 3 R "t" { "A" }', "only EFG version 2"),
    ('EFG 2 R "t" { }', "no players"),
    ('EFG 2 R "t" { "A" } p "" 2 1 "" { "a" } 0 t "" 0', "player 2 does not exist"),
    ('EFG 2 R "t" { "A" } p "" 1 1 0', "used before its moves are given"),
    ('EFG 2 R "t" { "A" } p "" 1 1 "" { "a" "b" } 0 t "" 0', "ends before all children"),
    ('EFG 2 R "t" { "A" } t "" 0 t "" 0', "already complete"),
    ('EFG 2 R "t" { "A" } t "" 3', "outcome 3 is used before its payoffs"),
    ('EFG 2 R "t" { "A" } t "" 1 "o" { 1, 2 }', "expected 1 payoffs"),
    ('EFG 2 R "t" { "A" } c "" 1 "" { "a" 1/2 "b" 1/3 } 0 t "" 0 t "" 0', "sum to 1"),
    ('EFG 2 R "t" { "A" } c "" 1 "" { "a" 3/2 "b" -1/2 } 0 t "" 0 t "" 0', "between 0 and 1"),
    ('EFG 2 R "t" { "A" } x "" 0', "expected a node"),
    ('EFG 2 R "t" { "A" } p "" 1 1 "" { } 0', "at least one move"),
    ('EFG 2 R "t" { "A" }', "no nodes"),
    ('EFG 2 R "t" { "A" } p "" 1 1 "" { "a" "b" } 0 t "" 0 p "" 1 1 "" { "a" "c" } 0 t "" 0 t "" 0',
     "given other moves before"),
    ('EFG 2 R "t" { "A" } p "" 1 1 "" { "a" "b" } 0 p "" 1 2 "" { "x" "y" } 0 t "" 0 t "" 0 p "" 1 2 0 t "" 0 t "" 0',
     "imperfect recall"),
    ('EFG 2 R "t" { "A }', "unterminated string"),
]


@pytest.mark.parametrize("text, message", BAD, ids=[b[1] for b in BAD])
def test_bad_files_give_one_clear_error(text, message):
    with pytest.raises(GameFileError, match=message) as info:
        read_efg(text, source="bad.efg")
    assert str(info.value).startswith("bad.efg: ")


def test_load_efg_checks_the_file(tmp_path):
    with pytest.raises(GameFileError, match="no such file"):
        load_efg(tmp_path / "absent.efg")
    path = tmp_path / "t.efg"
    path.write_bytes(b'EFG 2 R "\xff" { "A" } t "" 0')
    with pytest.raises(GameFileError, match="not UTF-8"):
        load_efg(path)


def test_reference_folder_is_complete():
    need_reference(EFG_DIR)
    assert len(REFERENCE_FILES) >= 100
    assert GAMBIT_REFUSES_EFG <= {p.name for p in REFERENCE_FILES}


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.name)
def test_reference_file_matches_pygambit(path, tmp_path):
    need_reference(path)
    pygambit = need_module("pygambit")
    if path.name in GAMBIT_REFUSES_EFG:
        with pytest.raises(ValueError, match="must be unique"):
            pygambit.read_efg(str(path))
        return
    gambit = pygambit.read_efg(str(path))
    try:
        tree = load_efg(path)
    except GameFileError as error:
        assert "imperfect recall" in str(error) and not gambit.is_perfect_recall
        return
    assert gambit.is_perfect_recall
    assert tree.title == gambit.title
    assert our_view(tree) == gambit_view(gambit)
    # And what we write from it, Gambit reads back as the same game.
    assert gambit_view(reload_in_gambit(tree, tmp_path)) == gambit_view(gambit)
