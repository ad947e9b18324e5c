"""Tests of the induced (reduced) normal form of a tree."""

from fractions import Fraction

import numpy as np
import pytest

from gametheory_re.errors import GameFileError, UnsupportedError
from gametheory_re.formats import load_game
from gametheory_re.formats.efg import load_efg
from gametheory_re.solvers.pure import pure_equilibria
from gametheory_re.solvers.subgame_perfect import subgame_perfect_flags
from gametheory_re.trees.model import CHANCE, TERMINAL
from gametheory_re.trees.orders import sequential_game
from gametheory_re.trees.reduced import count_reduced_strategies, induced_normal_form, reduced_strategies

from _support import EFG_DIR, GAMBIT_REFUSES_EFG, need_module, need_reference, reference_files
from _trees import TWICE, tree_from

GAME_B = load_game("us_japan_china")
EFG_FILES = reference_files(EFG_DIR, "*.efg")
# Reference trees whose reduced normal form exceeds the size limit (asserted).
TOO_LARGE = frozenset({"cs.efg", "ttt.efg"})


def test_strategies_ruled_out_by_own_moves_are_merged():
    assert count_reduced_strategies(TWICE, 0) == 3  # out/*, in/u, in/d (not 4)
    assert [sorted(p.items()) for p in reduced_strategies(TWICE, 0)] == [[(0, 0)], [(0, 1), (2, 0)], [(0, 1), (2, 1)]]
    normal = induced_normal_form(TWICE)
    assert normal.game.strategies == (("out/*", "in/u", "in/d"), ("x", "y"))
    assert normal.legend(0) == ["r", "a2"]
    # Payoffs of every profile are those of the leaf it reaches.
    assert normal.game.payoffs[:, 0, 0].tolist() == [1, 3] and normal.game.payoffs[:, 0, 1].tolist() == [1, 3]
    assert normal.game.payoffs[:, 1, 0].tolist() == [3, 1] and normal.game.payoffs[:, 2, 0].tolist() == [0, 0]
    assert normal.game.payoffs[:, 1, 1].tolist() == [0, 0] and normal.game.payoffs[:, 2, 1].tolist() == [0, 0]


def test_profile_of_reduces_a_full_strategy():
    normal = induced_normal_form(TWICE)
    assert normal.profile_of(np.array([0, -1, 1, 1, -1, -1, -1])) == (0, 1)  # out: A's second move is dropped
    assert normal.profile_of(np.array([1, -1, 0, 1, -1, -1, -1])) == (2, 0)
    assert normal.choices((1, 0)).tolist() == [1, -1, 0, 0, -1, -1, -1]
    assert normal.choices((0, 1)).tolist() == [0, -1, 1, -1, -1, -1, -1]


def test_game_c_induced_normal_form():
    tree = sequential_game(GAME_B, ["US", "Japan", "China"]).at()
    normal = induced_normal_form(tree)
    assert normal.game.shape == (2, 9, 64)
    assert normal.game.strategies[1][:3] == ("align/align", "align/hedge", "align/dependent")
    assert normal.legend(1) == ["build", "no_build"]
    equilibria = pure_equilibria(normal.game.payoffs, 1e-9)
    flags = subgame_perfect_flags(normal, equilibria)
    assert len(equilibria) == 20 and sum(flags) == 1
    marked = [p for p, f in zip(equilibria, flags) if f][0]
    assert normal.game.strategies[0][marked[0]] == "build" and normal.game.strategies[1][marked[1]] == "align/hedge"
    # Outcomes follow the leaf each profile reaches.
    align_build = normal.game.strategies[1].index("align/dependent")
    assert normal.game.outcomes["burden_sharing"][0, align_build].all()
    assert not normal.game.outcomes["burden_sharing"][1, align_build].any()


def test_simultaneous_order_induces_the_original_normal_form():
    normal = induced_normal_form(sequential_game(GAME_B, [["US", "Japan", "China"]]).at())
    original = GAME_B.at()
    assert normal.game.strategies == original.strategies
    assert np.array_equal(normal.game.payoffs, original.payoffs)
    for name, mask in original.outcomes.items():
        assert np.array_equal(normal.game.outcomes[name], mask)


def test_group_order_has_one_strategy_per_plan_over_information_sets():
    normal = induced_normal_form(sequential_game(GAME_B, ["US", ["Japan", "China"]]).at())
    assert normal.game.shape == (2, 9, 4)
    with pytest.raises(UnsupportedError, match="perfect-information"):
        subgame_perfect_flags(normal, [(0, 0, 0)])


def test_chance_moves_are_averaged_and_outcomes_dropped():
    tree = tree_from(
        [("c", -1, CHANCE, ["h", "t"]), ("a1", 0, 0, ["l", "r"]), ("1", 1, TERMINAL, []), ("2", 1, TERMINAL, []),
         ("a2", 0, 0, ["l", "r"]), ("3", 4, TERMINAL, []), ("4", 4, TERMINAL, [])],
        [[4, 0], [0, 0], [0, 0], [8, 0]],
        {0: [0.25, 0.75]},
    )
    normal = induced_normal_form(tree)
    assert normal.game.strategies[0] == ("l/l", "l/r", "r/l", "r/r")
    assert normal.game.strategies[1] == ("none",)
    assert normal.game.payoffs[0, :, 0].tolist() == [1, 7, 0, 6]
    assert normal.game.outcomes == {}


def test_size_limits_are_checked_before_listing():
    rows = []

    def grow(parent, level):
        index = len(rows)
        if level == 4:
            rows.append((f"t{index}", parent, TERMINAL, []))
            return
        rows.append((f"d{index}", parent, level % 2, ["a", "b", "c", "d"]))
        for _ in range(4):
            grow(index, level + 1)

    grow(-1, 0)
    tree = tree_from(rows, np.zeros((256, 2)))
    # A: a root move, then a move at each of the 4 nodes B can lead to: 4 * 4**4.
    assert count_reduced_strategies(tree, 0) == 1024
    assert count_reduced_strategies(tree, 1) == 1024 ** 4
    with pytest.raises(UnsupportedError, match="1024 x 1099511627776 = .* profiles; at most 100000"):
        induced_normal_form(tree)
    # B moves first with 5 moves; A then has 4**5 plans: too many for one player.
    rows = [("b", -1, 1, "vwxyz")]
    for k in range(5):
        rows.append((f"a{k}", 0, 0, "abcd"))
        rows += [(f"t{k}{j}", 1 + 5 * k, TERMINAL, "") for j in range(4)]
    with pytest.raises(UnsupportedError, match="A has 1024 reduced strategies; .* at most 1000 per player"):
        induced_normal_form(tree_from(rows, np.zeros((20, 2))))


@pytest.mark.parametrize("path", EFG_FILES, ids=lambda p: p.name)
def test_reduced_normal_form_matches_gambit(path):
    """Gambit's strategic form of a tree is the reduced one: same sizes, same payoff profiles."""
    need_reference(path)
    pygambit = need_module("pygambit")
    if path.name in GAMBIT_REFUSES_EFG:
        return  # test_efg.py asserts that Gambit refuses it
    gambit = pygambit.read_efg(str(path))
    try:
        tree = load_efg(path)
    except GameFileError:
        assert not gambit.is_perfect_recall
        return
    if path.name in TOO_LARGE:
        with pytest.raises(UnsupportedError, match="induced normal form would have"):
            induced_normal_form(tree)
        return
    normal = induced_normal_form(tree)
    sizes = tuple(len(gambit.get_strategies(p)) for p in gambit.players)
    assert normal.game.shape == sizes
    ours = sorted(tuple(round(float(v), 9) for v in normal.game.payoffs[(slice(None),) + idx])
                  for idx in np.ndindex(*normal.game.shape))
    tables = gambit.to_arrays(dtype=Fraction)
    theirs = sorted(tuple(round(float(t[idx]), 9) for t in tables) for idx in np.ndindex(*sizes))
    assert ours == theirs
