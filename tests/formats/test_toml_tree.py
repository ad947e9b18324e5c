"""Tests of reading sequential game files: move orders over normal-form files, and general trees."""

import shutil
from pathlib import Path

import numpy as np
import pytest
import sympy

from gametheory_re.errors import GameFileError
from gametheory_re.trees.parametric import ParametricTree
from gametheory_re.formats import games_dir, load_game
from gametheory_re.formats import toml_tree
from gametheory_re.formats.nfg import write_nfg
from gametheory_re.formats.toml_tree import load_toml, load_toml_tree, read_toml_tree
from gametheory_re.parametric import ParametricGame

GAME_C = games_dir() / "us_japan_china_sequential.toml"

ENTRY = """
[game]
title = "Entry with a hidden type"

[parameters.p]
default = 0.5
min = 0
max = 1
description = "Probability the incumbent is strong"

[parameters.F]
default = 2

[[players]]
name = "Entrant"

[[players]]
name = "Incumbent"

[definitions]
fight_loss = "F/2"

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
payoffs = { Entrant = 0, Incumbent = 3 }

[nodes.fs]
payoffs = { Entrant = -1, Incumbent = 1 }

[nodes.as]
payoffs = { Entrant = 1, Incumbent = 1 }

[nodes.fw]
payoffs = { Entrant = -1, Incumbent = "-fight_loss" }

[nodes.aw]
payoffs = { Entrant = 1, Incumbent = 1 }
"""


def order_file(tmp_path, body, name="seq.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_bundled_game_c_reads_game_b_by_reference():
    tree = load_toml_tree(GAME_C)
    game_b = load_game("us_japan_china")
    assert isinstance(tree, ParametricTree) and tree.is_order_game
    assert tree.players == ("US", "Japan", "China")
    assert [tree.players[g[0]] for g in tree.order] == ["US", "Japan", "China"]
    assert set(tree.parameters) == set(game_b.parameters)
    assert set(tree.outcomes) == {"burden_sharing", "free_riding", "dual_chain"}
    assert "Game C" in tree.title and tree.references
    assert np.array_equal(tree.at().payoffs[0], game_b.at().payoffs[:, 0, 0, 0])


def test_load_toml_dispatches_on_the_file_kind():
    assert isinstance(load_toml(GAME_C), ParametricTree)
    assert isinstance(load_toml(games_dir() / "us_japan_china.toml"), ParametricGame)


def test_payoffs_from_resolves_next_to_the_file_then_bundled_names(tmp_path):
    local = tmp_path / "local.toml"
    shutil.copy(games_dir() / "prisoners_dilemma.toml", local)
    by_path = load_toml_tree(order_file(tmp_path, '[sequential]\npayoffs_from = "local.toml"\norder = ["Row", "Column"]\n'))
    assert by_path.base.source == str(tmp_path / "local.toml")
    by_name = load_toml_tree(order_file(tmp_path, '[sequential]\npayoffs_from = "us_china"\norder = ["China", "US"]\n'))
    assert by_name.players == load_game("us_china").players
    assert by_name.title.endswith("moves in order China -> US")


def test_payoffs_from_a_gambit_nfg_file(tmp_path):
    (tmp_path / "pd.nfg").write_text(write_nfg(load_game("prisoners_dilemma").at(exact=True)), encoding="utf-8")
    tree = load_toml_tree(order_file(tmp_path, '[sequential]\npayoffs_from = "pd.nfg"\norder = ["Column", "Row"]\n'))
    assert tree.n_leaves == 4 and not tree.parameters


def test_simultaneous_groups_in_the_order(tmp_path):
    tree = load_toml_tree(order_file(
        tmp_path, '[sequential]\npayoffs_from = "us_japan_china"\norder = ["US", ["Japan", "China"]]\n'))
    assert not tree.is_perfect_information
    assert max(len(s.nodes) for s in tree.infosets) == 3


def test_general_tree_with_chance_information_sets_and_definitions():
    tree = read_toml_tree(ENTRY, source="entry.toml")
    assert tree.title == "Entry with a hidden type"
    assert tree.players == ("Entrant", "Incumbent")
    assert [n.name for n in tree.nodes] == [
        "nature", "e_strong", "i_strong", "fs", "as", "out_strong", "e_weak", "i_weak", "fw", "aw", "out_weak"
    ]
    assert tree.nodes[0].moves == ("strong", "weak") and tree.nodes[0].is_chance
    blind = [s for s in tree.infosets if s.label == "blind"]
    assert len(blind) == 1 and [tree.nodes[n].name for n in blind[0].nodes] == ["e_strong", "e_weak"]
    numeric = tree.at({"p": 0.25, "F": 4}, exact=True)
    assert numeric.probabilities[0].tolist() == [0.25, 0.75]
    assert numeric.payoffs[tree.nodes[8].leaf].tolist() == [-1, -2]
    assert numeric.exact_payoffs[tree.nodes[8].leaf, 1] == sympy.Integer(-2)


def test_default_title_is_the_file_name(tmp_path):
    text = ENTRY.replace('[game]\ntitle = "Entry with a hidden type"\n', "")
    assert load_toml_tree(order_file(tmp_path, text, "entry.toml")).title == "entry"


def test_a_normal_form_file_is_not_a_sequential_game():
    with pytest.raises(GameFileError, match="not a sequential game"):
        load_toml_tree(games_dir() / "us_china.toml")


ORDER_ERRORS = [
    ('payoffs_from = "us_japan_china"\norder = ["US", "Japan", "Russia"]', "sequential.order", "unknown player 'Russia'"),
    ('payoffs_from = "us_japan_china"\norder = ["US", "Japan"]', "sequential.order", "leaves out China"),
    ('payoffs_from = "us_japan_china"\norder = ["US", "Japan", "China", "Japan"]', "sequential.order", "appears twice"),
    ('payoffs_from = "us_japan_china"\norder = "US"', "sequential.order", "expected a list"),
    ('payoffs_from = "us_japan_china"', "sequential.order", "missing"),
    ('order = ["US", "Japan", "China"]', "sequential.payoffs_from", "missing"),
    ('payoffs_from = "nowhere.toml"\norder = ["US"]', "sequential.payoffs_from", "no such file 'nowhere.toml'"),
    ('payoffs_from = "seq.toml"\norder = ["US"]', "sequential.payoffs_from", "refers to this file itself"),
    ('payoffs_from = "other_seq.toml"\norder = ["US"]', "sequential.payoffs_from", "is itself a sequential game"),
    ('payoffs_from = "notes.txt"\norder = ["US"]', "sequential.payoffs_from", "not a .toml or .nfg"),
    ('payoffs_from = 3\norder = ["US"]', "sequential.payoffs_from", "expected a string"),
    ('payoffs_from = "us_japan_china"\norder = ["US", "Japan", "China"]\nroot = "x"', "sequential.root", "unknown key"),
]


@pytest.mark.parametrize("body, key, message", ORDER_ERRORS, ids=[e[2] for e in ORDER_ERRORS])
def test_bad_order_files_give_one_clear_error(tmp_path, body, key, message):
    (tmp_path / "notes.txt").write_text("x")
    order_file(tmp_path, '[sequential]\npayoffs_from = "us_china"\norder = ["US", "China"]\n', "other_seq.toml")
    path = order_file(tmp_path, "[sequential]\n" + body + "\n")
    with pytest.raises(GameFileError) as info:
        load_toml_tree(path)
    assert info.value.key == key
    assert message in info.value.message
    assert str(info.value).startswith(str(path))


def test_order_file_refuses_its_own_parameters(tmp_path):
    path = order_file(tmp_path, '[sequential]\npayoffs_from = "us_china"\norder = ["US", "China"]\n[parameters.x]\ndefault = 1\n')
    with pytest.raises(GameFileError, match="come from the payoffs_from file") as info:
        load_toml_tree(path)
    assert info.value.key == "parameters"


def test_errors_in_the_referenced_file_name_that_file(tmp_path):
    (tmp_path / "broken.toml").write_text('[[players]]\nname = "A"\nstrategies = ["x", "x"]\n')
    with pytest.raises(GameFileError, match="duplicate strategy") as info:
        load_toml_tree(order_file(tmp_path, '[sequential]\npayoffs_from = "broken.toml"\norder = ["A"]\n'))
    assert info.value.source == str(tmp_path / "broken.toml")


def edit(old, new):
    assert old in ENTRY, old
    return ENTRY.replace(old, new)


TREE_ERRORS = [
    (ENTRY + '\n[sequential]\norder = ["A"]\n', "sequential", "not both"),
    (edit('root = "nature"', 'root = "start"'), "tree.root", "expected the name of a node"),
    (edit('root = "nature"', ""), "tree.root", "missing"),
    (edit('[tree]\nroot = "nature"\n', ""), "tree", "missing"),
    ('tree = "nature"\n' + edit('[tree]\nroot = "nature"\n', ""), "tree", "expected a table"),
    ('[[players]]\nname = "A"\n[tree]\nroot = "r"\n', "nodes", "missing"),
    (edit('stay_out = "out_strong"', 'stay_out = "gone"'), "nodes.e_strong.moves.stay_out", "no node named 'gone'"),
    (edit('stay_out = "out_weak"', 'stay_out = "out_strong"'), "nodes.e_weak.moves.stay_out", "also a child of 'e_strong'"),
    (edit('accommodate = "aw"', 'accommodate = "nature"'), "nodes.i_weak.moves.accommodate", "is the root"),
    (ENTRY + '\n[nodes.orphan]\npayoffs = { Entrant = 0, Incumbent = 0 }\n', "nodes.orphan", "not reachable from the root"),
    (edit('infoset = "blind"\nmoves = { enter = "i_weak", stay_out = "out_weak" }',
          'infoset = "blind"\nmoves = { stay_out = "out_weak", enter = "i_weak" }'),
     "nodes.e_weak", "same moves in the same order"),
    (edit('weak = "1 - p"', 'weak = "0.4"'), "nodes.nature.probabilities", "sum to 1"),
    (edit('weak = "1 - p"', 'weak = "1 - p - 1"'), "nodes.nature.probabilities", "between 0 and 1"),
    (edit('probabilities = { strong = "p", weak = "1 - p" }', 'probabilities = { strong = "p", feeble = "1 - p" }'),
     "nodes.nature.probabilities", "one probability per move"),
    (edit('probabilities = { strong = "p", weak = "1 - p" }\n', ""), "nodes.nature.probabilities", "expected a table"),
    (edit('payoffs = { Entrant = 1, Incumbent = 1 }\n\n[nodes.fw]', 'payoffs = { Entrant = 1 }\n\n[nodes.fw]'),
     "nodes.as.payoffs.Incumbent", "missing"),
    (edit('payoffs = { Entrant = 0, Incumbent = 3 }\n\n[nodes.out_weak]', 'payoffs = { Entrant = 0, Incumbant = 3 }\n\n[nodes.out_weak]'),
     "nodes.out_strong.payoffs.Incumbant", "unknown player"),
    (edit('player = "Incumbent"\nmoves = { fight = "fw"', 'player = "Incumbant"\nmoves = { fight = "fw"'),
     "nodes.i_weak.player", "unknown player 'Incumbant'"),
    (edit('[nodes.fs]\npayoffs', '[nodes.fs]\nmoves = { a = "x" }\npayoffs'), "nodes.fs", "takes no moves"),
    (edit('[nodes.fs]\npayoffs = { Entrant = -1, Incumbent = 1 }', '[nodes.fs]\ndescription = "empty"'),
     "nodes.fs", "needs either payoffs"),
    (edit('name = "Incumbent"', 'name = "chance"'), "players[1].name", "reserved for chance nodes"),
    (edit('moves = { fight = "fs", accommodate = "as" }', 'moves = { fight = "fs", accommodate = "as" }\nprobabilities = { fight = 1, accommodate = 0 }'),
     "nodes.i_strong.probabilities", "only chance nodes"),
    (edit('player = "chance"', 'player = "chance"\ninfoset = "luck"'), "nodes.nature.infoset", "no information sets"),
    (edit('Incumbent = "-fight_loss"', 'Incumbent = "-fight_los"'), "nodes.fw.payoffs.Incumbent", "unknown name 'fight_los'"),
    (edit('Incumbent = "-fight_loss"', 'Incumbent = "__import__(1)"'), "nodes.fw.payoffs.Incumbent", "not allowed"),
    (edit('moves = { fight = "fs", accommodate = "as" }', "moves = {}"), "nodes.i_strong.moves", "at least one move"),
    (edit('stay_out = "out_strong"', '"stay out" = "out_strong"'), 'nodes.e_strong.moves.stay out', "not valid"),
    (edit('[nodes.fs]', '[nodes.fs]\ncolour = "red"'), "nodes.fs.colour", "unknown key"),
    (edit('[[players]]\nname = "Entrant"', '[[players]]\nname = "Entrant"\nstrategies = ["a"]'),
     "players[0].strategies", "unknown key"),
    (edit('[parameters.F]', '[parameters.Entrant]\ndefault = 1\n\n[parameters.F]'), "parameters.Entrant", "may not share its name"),
    (ENTRY + "\n[payoffs.formulas]\nEntrant = 1\n", "payoffs", "unknown key"),
    (edit('infoset = "blind"\nmoves = { enter = "i_weak"', 'infoset = "e_strong"\nmoves = { enter = "i_weak"')
     .replace('infoset = "blind"\nmoves = { enter = "i_strong"', 'moves = { enter = "i_strong"'),
     "nodes.e_weak", "also the name of another node"),
]


@pytest.mark.parametrize("text, key, message", TREE_ERRORS, ids=[f"{i}-{e[1]}" for i, e in enumerate(TREE_ERRORS)])
def test_bad_tree_files_give_one_clear_error(text, key, message):
    with pytest.raises(GameFileError) as info:
        read_toml_tree(text, source="bad.toml")
    assert info.value.key == key
    assert message in info.value.message
    assert str(info.value).startswith("bad.toml: ")


def test_imperfect_recall_is_refused():
    # The entrant moves twice and forgets its first move.
    text = """
[[players]]
name = "A"
[tree]
root = "first"
[nodes.first]
player = "A"
moves = { l = "second_l", r = "second_r" }
[nodes.second_l]
player = "A"
infoset = "forgot"
moves = { x = "t1", y = "t2" }
[nodes.second_r]
player = "A"
infoset = "forgot"
moves = { x = "t3", y = "t4" }
[nodes.t1]
payoffs = { A = 1 }
[nodes.t2]
payoffs = { A = 2 }
[nodes.t3]
payoffs = { A = 3 }
[nodes.t4]
payoffs = { A = 4 }
"""
    with pytest.raises(GameFileError, match="imperfect recall") as info:
        read_toml_tree(text)
    assert info.value.key == "nodes.second_l"


def test_node_count_is_bounded_before_reading_nodes(monkeypatch):
    monkeypatch.setattr(toml_tree, "MAX_TREE_NODES", 5)
    with pytest.raises(GameFileError, match="11 nodes; at most 5") as info:
        read_toml_tree(ENTRY)
    assert info.value.key == "nodes"


def test_deep_chain_reads_without_recursion():
    depth = 3000
    lines = ['[[players]]\nname = "A"\n[tree]\nroot = "n0"\n']
    for i in range(depth):
        lines.append(f'[nodes.n{i}]\nplayer = "A"\nmoves = {{ go = "n{i + 1}", stop = "s{i}" }}\n'
                     f'[nodes.s{i}]\npayoffs = {{ A = {i} }}\n')
    lines.append(f"[nodes.n{depth}]\npayoffs = {{ A = -1 }}\n")
    tree = read_toml_tree("".join(lines))
    assert tree.n_nodes == 2 * depth + 1 and tree.depth() == depth


def test_file_errors(tmp_path):
    with pytest.raises(GameFileError, match="no such file"):
        load_toml_tree(tmp_path / "absent.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[sequential\n")
    with pytest.raises(GameFileError, match="malformed TOML"):
        load_toml_tree(bad)
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(GameFileError, match="not UTF-8"):
        load_toml(bad)


def test_docs_example_files_are_valid(tmp_path):
    docs = Path(__file__).resolve().parents[2] / "docs" / "sequential-games.md"
    text = docs.read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```toml\n")[1:]]
    complete = [b for b in blocks if "[tree]" in b or "[sequential]" in b]
    assert len(complete) >= 2
    for block in complete:
        tree = read_toml_tree(block, source=str(tmp_path / "example.toml"), base_dir=games_dir())
        tree.at()
