import numpy as np
import pytest

import gametheory_re as gt
from gametheory_re.errors import UnsupportedError
from gametheory_re.formats.toml_tree import read_toml_tree
from gametheory_re.result import set_label
from gametheory_re.sweeps import sweep


def reference_label(game, point):
    result = gt.solve(game, point)
    supports = sorted({tuple((j,) for j in e.profile(result.tree)) for e in result.subgame_perfect.equilibria})
    return set_label(result.tree.strategies, supports), len(result.subgame_perfect.equilibria)


def test_game_c_sweep_equals_backward_induction_point_by_point():
    game = gt.load_game("us_japan_china_sequential")
    table = sweep(game, ["s=0:1:41", "K=0.1:3:41"], as_frame=False)
    assert set(table["label"]) >= {"(build, align, supply)", "(no_build, hedge, restrict)"}
    for row in table[::7]:
        label, count = reference_label(game, {"s": repr(float(row["s"])), "K": repr(float(row["K"]))})
        assert row["label"] == label and row["n_equilibria"] == count


def test_free_riding_region_of_game_c():
    table = sweep("us_japan_china_sequential", ["gamma_U=0.3:0.9:13"], params={"gamma_AB": "0.8"}, as_frame=False)
    last = table[table["gamma_U"] == table["gamma_U"].max()][0]
    assert last["label"] == "(build, dependent, supply)" and last["free_riding"] == "all"


TREE = """
[[players]]
name = "Entrant"
[[players]]
name = "Incumbent"
[parameters.c]
default = 1
min = 0
max = 4
[tree]
root = "e"
[nodes.e]
player = "Entrant"
moves = { enter = "i", stay_out = "out" }
[nodes.i]
player = "Incumbent"
moves = { fight = "fought", accommodate = "shared" }
[nodes.out]
payoffs = { Entrant = "0", Incumbent = "2" }
[nodes.fought]
payoffs = { Entrant = "-1", Incumbent = "1 - c" }
[nodes.shared]
payoffs = { Entrant = "1", Incumbent = "1" }
"""


def test_general_trees_are_swept_point_by_point():
    tree = read_toml_tree(TREE, "entry.toml")
    table = sweep(tree, ["c=0:4:5"], as_frame=False)
    labels = table["label"].tolist()
    # The incumbent fights only when fighting costs nothing (c = 0 ties, c < 0 impossible).
    assert labels[0] == "(Entrant enter, Incumbent accommodate); (Entrant stay_out)"
    assert labels[1:] == ["(Entrant enter, Incumbent accommodate)"] * 4


def test_trees_with_information_sets_are_refused():
    tree = gt.load_game("us_japan_china_sequential")
    from gametheory_re.trees.orders import sequential_game

    simultaneous = sequential_game(tree.base, [["US"], ["Japan", "China"]], "<test>")
    with pytest.raises(UnsupportedError, match="information sets"):
        sweep(simultaneous, ["s=0:1:3"])
