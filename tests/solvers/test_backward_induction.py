"""Tests of backward induction: Game C, ties, chance, the batch solver, and a brute-force cross-check."""

import itertools
import json

import numpy as np
import pytest
import sympy

from gametheory_re.commitment import compare_orders
from gametheory_re.errors import GameFileError, UnsupportedError
from gametheory_re.trees.build import NodeSpec, assemble
from gametheory_re.trees.model import CHANCE, TERMINAL, GameTree
from gametheory_re.trees.orders import sequential_game
from gametheory_re.formats import games_dir, load_game
from gametheory_re.formats.toml_tree import load_toml_tree, read_toml_tree
from gametheory_re.parametric import ParametricGame
from gametheory_re.presenters.tree import (
    comparison_dict,
    describe_tree,
    plot_tree,
    show_comparison,
    show_subgame_perfect,
    show_tree,
    subgame_perfect_dicts,
    subgame_perfect_note,
)
from gametheory_re.solvers.backward_induction import (
    order_spe_batch,
    subgame_perfect_equilibria,
)
from gametheory_re.solvers.subgame_perfect import subgame_perfect_flags
from gametheory_re.trees.reduced import induced_normal_form
from gametheory_re.solvers.pure import pure_equilibria

GAME_C = load_toml_tree(games_dir() / "us_japan_china_sequential.toml")


def labels(result):
    tree = result.tree
    return ["(" + ", ".join(s[i] for s, i in zip(tree.strategies, p)) + ")" for p in result.paths()]


# -- Game C ---------------------------------------------------------------------


def test_game_c_at_defaults_commitment_gives_burden_sharing():
    result = subgame_perfect_equilibria(GAME_C.at())
    assert result.complete and len(result.equilibria) == 1
    assert labels(result) == ["(build, align, supply)"]
    assert result.equilibria[0].payoffs == pytest.approx([-0.5, -0.2, 0.4])


def test_game_c_with_a_strong_us_chain_japan_free_rides():
    result = subgame_perfect_equilibria(GAME_C.at({"gamma_U": 0.7, "gamma_AB": 0.8}))
    assert labels(result) == ["(build, dependent, supply)"]
    item = subgame_perfect_dicts(result)[0]
    assert item["path"] == {"US": "build", "Japan": "dependent", "China": "supply"}
    assert item["outcomes"] == {"burden_sharing": 0.0, "free_riding": 1.0, "dual_chain": 0.0}


def test_game_c_strategies_off_the_path():
    result = subgame_perfect_equilibria(GAME_C.at())
    strategies = subgame_perfect_dicts(result)[0]["strategies"]
    assert strategies["US"] == {"root": "build"}
    assert strategies["Japan"] == {"build": "align", "no_build": "hedge"}
    assert strategies["China"]["build, align"] == "supply"
    assert strategies["China"]["no_build, hedge"] == "restrict"
    assert len(strategies["China"]) == 6


def test_simultaneous_game_b_differs_from_game_c():
    comparison = compare_orders(GAME_C, [["US", "Japan", "China"]])
    game = comparison.game
    assert [game.profile_label(p) for p in comparison.simultaneous] == ["(no_build, hedge, restrict)"]
    order = comparison.orders[0]
    assert [game.profile_label(p) for p in order.profiles] == ["(build, align, supply)"]
    assert order.gain[:, 0] == pytest.approx([-0.5 + 1.75, -0.2 + 1.7575, 0.4 - 1.0525])
    assert comparison.first_mover_value(0) == pytest.approx((1.25, 1.25))
    assert comparison.first_mover_value(1) is None  # no compared order starts with Japan


def test_compare_without_a_pure_simultaneous_equilibrium_has_no_gain():
    comparison = compare_orders(load_game("us_japan_china"), None, {"gamma_U": 0.7, "gamma_AB": 0.8})
    assert comparison.simultaneous == ()
    assert len(comparison.orders) == 6
    assert all(o.gain is None for o in comparison.orders)
    text = show_comparison(comparison)
    assert "no pure equilibrium" in text and "(build, dependent, supply)" in text
    data = json.loads(json.dumps(comparison_dict(comparison)))
    assert data["first_mover_value"] == {"US": None, "Japan": None, "China": None}
    assert data["orders"][0]["outcomes"][0]["profile"] == {"US": "build", "Japan": "dependent", "China": "supply"}


def test_compare_refuses_bad_orders_and_general_trees():
    with pytest.raises(GameFileError, match="unknown player 'Russia'") as info:
        compare_orders(GAME_C, [["US", "Japan", "Russia"]])
    assert info.value.source == "orders" and info.value.key == "US,Japan,Russia"
    general = read_toml_tree(
        '[[players]]\nname = "A"\n[tree]\nroot = "r"\n[nodes.r]\nplayer = "A"\nmoves = { x = "t" }\n'
        '[nodes.t]\npayoffs = { A = 1 }\n'
    )
    with pytest.raises(UnsupportedError, match="not a general tree"):
        compare_orders(general)


# -- ties, chance, limits --------------------------------------------------------


def tree_from(rows, payoffs, probabilities=None, n_players=2):
    specs = [NodeSpec(name, parent, player, tuple(moves)) for name, parent, player, moves in rows]
    nodes, infosets = assemble(specs, n_players, "test")
    return GameTree("test", tuple("AB"[:n_players]), nodes, infosets, np.array(payoffs, dtype=float),
                    {k: np.array(v) for k, v in (probabilities or {}).items()})


# A moves L (leaf) or R; then B, indifferent, picks x (good for A) or y (bad for A).
TIE = tree_from(
    [("r", -1, 0, ["L", "R"]), ("left", 0, TERMINAL, []), ("b", 0, 1, ["x", "y"]),
     ("bx", 2, TERMINAL, []), ("by", 2, TERMINAL, [])],
    [[1, 1], [2, 0], [0, 0]],
)


def test_ties_list_every_equilibrium_with_its_own_path():
    result = subgame_perfect_equilibria(TIE)
    assert result.complete
    found = sorted((tuple(e.choices[[0, 2]]), tuple(e.payoffs)) for e in result.equilibria)
    assert found == [((0, 1), (1.0, 1.0)), ((1, 0), (2.0, 0.0))]
    paths = sorted([(TIE.nodes[n].name, TIE.nodes[n].moves[m]) for n, m, _ in e.path(TIE)] for e in result.equilibria)
    assert paths == [[("r", "L")], [("r", "R"), ("b", "x")]]


def test_tolerance_decides_what_is_a_tie():
    near = tree_from(
        [("r", -1, 0, ["L", "R"]), ("left", 0, TERMINAL, []), ("b", 0, 1, ["x", "y"]),
         ("bx", 2, TERMINAL, []), ("by", 2, TERMINAL, [])],
        [[1, 1], [2, 1e-12], [0, 0]],
    )
    assert len(subgame_perfect_equilibria(near).equilibria) == 2
    assert len(subgame_perfect_equilibria(near, tol=1e-14).equilibria) == 1


def test_chance_nodes_average_the_payoffs():
    tree = tree_from(
        [("r", -1, 0, ["safe", "gamble"]), ("s", 0, TERMINAL, []), ("c", 0, CHANCE, ["win", "lose"]),
         ("w", 2, TERMINAL, []), ("l", 2, TERMINAL, [])],
        [[1, 0], [3, 0], [0, 0]],
        {2: [0.25, 0.75]},
    )
    result = subgame_perfect_equilibria(tree)
    assert [tuple(e.choices) for e in result.equilibria] == [(0, -1, -1, -1, -1)]
    tree = tree_from(
        [("r", -1, 0, ["safe", "gamble"]), ("s", 0, TERMINAL, []), ("c", 0, CHANCE, ["win", "lose"]),
         ("w", 2, TERMINAL, []), ("l", 2, TERMINAL, [])],
        [[1, 0], [3, 0], [0, 0]],
        {2: [0.5, 0.5]},
    )
    gamble = subgame_perfect_equilibria(tree).equilibria[0]
    assert gamble.choices[0] == 1 and gamble.payoffs.tolist() == [1.5, 0]
    assert [(n, m, p) for n, m, p in gamble.path(tree)] == [(0, 1, 1.0), (2, 0, 0.5), (2, 1, 0.5)]
    assert gamble.leaf_probabilities.tolist() == [0, 0.5, 0.5]
    item = subgame_perfect_dicts(subgame_perfect_equilibria(tree))[0]
    assert item["path"] == {"A": ["gamble"], "B": []}
    assert [(s["player"], s["move"], s["probability"]) for s in item["steps"]] == [
        ("A", "gamble", 1.0), ("chance", "win", 0.5), ("chance", "lose", 0.5)
    ]
    assert "win (p=0.5) -> (3, 0)  <= path (probability 0.5)" in show_tree(tree, gamble)


def full_binary(depth, n_players=2):
    rows = []

    def grow(parent, level):
        index = len(rows)
        if level == depth:
            rows.append((f"t{index}", parent, TERMINAL, []))
            return
        rows.append((f"d{index}", parent, level % n_players, ["a", "b"]))
        grow(index, level + 1)
        grow(index, level + 1)

    grow(-1, 0)
    leaves = sum(1 for r in rows if r[2] == TERMINAL)
    return tree_from(rows, np.zeros((leaves, n_players)), n_players=n_players)


def test_the_listing_limit_flags_incomplete_results():
    tree = full_binary(3)  # all payoffs tie: every one of the 2**7 strategy profiles is an SPE
    assert len(subgame_perfect_equilibria(tree).equilibria) == 128
    exact = subgame_perfect_equilibria(tree, limit=128)
    assert exact.complete and len(exact.equilibria) == 128
    capped = subgame_perfect_equilibria(tree, limit=50)
    assert not capped.complete and len(capped.equilibria) == 50
    assert len({tuple(e.choices) for e in capped.equilibria}) == 50


def test_imperfect_information_is_refused():
    tree = sequential_game(load_game("us_japan_china"), ["US", ["Japan", "China"]]).at()
    with pytest.raises(UnsupportedError, match="perfect information"):
        subgame_perfect_equilibria(tree)


# -- batch solver ------------------------------------------------------------------


def random_columns(game, size, rng):
    return {
        name: rng.uniform(float(p.minimum), float(p.maximum), size) for name, p in game.parameters.items()
    }


@pytest.mark.parametrize("order", [["US", "Japan", "China"], ["China", "Japan", "US"], ["Japan", "US", "China"]])
def test_batch_paths_equal_per_point_backward_induction_on_game_c(order):
    tree = sequential_game(GAME_C.base, order)
    rng = np.random.default_rng(2024)
    columns = random_columns(tree, 150, rng)
    batch = order_spe_batch(*tree.order_payoffs(columns))
    assert batch.valid.all()
    for b in range(150):
        point = {name: float(values[b]) for name, values in columns.items()}
        result = subgame_perfect_equilibria(tree.at(point))
        paths = result.paths()
        assert tuple(batch.profiles[b]) in paths
        if not batch.tied[b]:
            assert len(result.equilibria) == 1
        assert batch.payoffs[b] == pytest.approx(result.equilibria[paths.index(tuple(batch.profiles[b]))].payoffs)


@pytest.mark.parametrize("seed", range(40))
def test_batch_solver_on_random_integer_games_with_ties(seed):
    rng = np.random.default_rng(seed)
    shape = tuple(rng.integers(1, 4, 3))
    payoffs = rng.integers(0, 3, (3,) + shape + (4,)).astype(float)
    order = list(rng.permutation(3))
    batch = order_spe_batch(payoffs, order)
    for b in range(4):
        exprs = np.vectorize(sympy.Integer, otypes=[object])(payoffs[..., b].astype(int))
        game = ParametricGame("g", ("A", "B", "C"), tuple(tuple(f"s{i}" for i in range(n)) for n in shape), exprs)
        result = subgame_perfect_equilibria(sequential_game(game, [game.players[p] for p in order]).at())
        assert tuple(batch.profiles[b]) in result.paths()
        assert batch.tied[b] or len(result.equilibria) == 1
        if len(result.equilibria) > 1:
            assert batch.tied[b]


def test_batch_marks_points_with_undefined_payoffs():
    payoffs = np.zeros((2, 2, 2, 3))  # 2 players, 2 x 2 strategies, 3 points
    payoffs[0, 1, 0] = 1  # the first mover wants (1, 0)
    payoffs[1, :, 0] = 1  # the second always prefers its first strategy
    payoffs[1, 0, 0, 1] = np.nan
    batch = order_spe_batch(payoffs, [0, 1])
    assert batch.valid.tolist() == [True, False, True]
    assert batch.profiles[1].tolist() == [-1, -1] and np.isnan(batch.payoffs[1]).all()
    assert batch.profiles[0].tolist() == [1, 0] and not batch.tied[0]
    assert not batch.tied[1]
    with pytest.raises(ValueError, match="permutation"):
        order_spe_batch(payoffs, [0, 0])


def test_batch_refuses_games_with_simultaneous_groups():
    with pytest.raises(UnsupportedError):
        order_spe_batch(*sequential_game(GAME_C.base, [["US", "Japan"], "China"]).order_payoffs({}))


# -- brute force over random trees ------------------------------------------------------


CHANCE_MOVES = {2: ([0.5, 0.5], [0.25, 0.75]), 3: ([0.25, 0.25, 0.5], [0.5, 0.25, 0.25])}


def random_tree(seed, n_players=3, depth=3, max_profiles=4000):
    """A random perfect-information tree with 2-3 moves per node and small integer payoffs (ties)."""
    rng = np.random.default_rng(seed)
    while True:
        rows, payoffs, probabilities = [], [], {}

        def grow(parent, level):
            index = len(rows)
            if level == depth or (level > 0 and rng.random() < 0.15):
                rows.append(NodeSpec(f"n{index}", parent, TERMINAL))
                payoffs.append(rng.integers(0, 4, n_players))
                return
            k = int(rng.integers(2, 4))
            if seed % 3 == 0 and rng.random() < 0.2:
                player = CHANCE
                probabilities[index] = np.array(CHANCE_MOVES[k][int(rng.integers(2))])
            else:
                player = int(rng.integers(n_players))
            rows.append(NodeSpec(f"n{index}", parent, player, tuple(f"m{j}" for j in range(k))))
            for _ in range(k):
                grow(index, level + 1)

        grow(-1, 0)
        sizes = [len(r.moves) for r in rows if r.player >= 0]
        if np.prod(sizes) <= max_profiles:
            nodes, infosets = assemble(rows, n_players, "random")
            return GameTree(f"random {seed}", ("A", "B", "C")[:n_players], nodes, infosets,
                            np.array(payoffs, dtype=float), probabilities)


def brute_force_spe(tree, tol=1e-9):
    """Every full pure strategy profile that is optimal at every decision node, by enumeration."""
    decision = [i for i, n in enumerate(tree.nodes) if n.is_decision]
    profiles = np.array(list(itertools.product(*(range(len(tree.nodes[i].moves)) for i in decision))))
    profiles = profiles.reshape(len(profiles), len(decision))
    column = {node: k for k, node in enumerate(decision)}
    rows = np.arange(len(profiles))
    value = np.zeros((len(profiles), tree.n_nodes, tree.n_players))
    optimal = np.ones(len(profiles), dtype=bool)
    for i in reversed(range(tree.n_nodes)):
        node = tree.nodes[i]
        children = list(node.children)
        if node.is_terminal:
            value[:, i] = tree.payoffs[node.leaf]
        elif node.is_chance:
            value[:, i] = np.einsum("c,bcp->bp", tree.probabilities[i], value[:, children])
        else:
            choice = profiles[:, column[i]]
            value[:, i] = value[rows, np.array(children)[choice]]
            own = value[:, children, node.player]
            optimal &= own[rows, choice] >= own.max(axis=1) - tol
    return {tuple(int(x) for x in p) for p in profiles[optimal]}, decision


@pytest.mark.parametrize("seed", range(320))
def test_backward_induction_equals_brute_force_on_random_trees(seed):
    tree = random_tree(seed)
    expected, decision = brute_force_spe(tree)
    result = subgame_perfect_equilibria(tree, tol=1e-9, limit=100_000)
    found = [tuple(int(x) for x in e.choices[decision]) for e in result.equilibria]
    assert result.complete
    assert len(found) == len(set(found))
    assert set(found) == expected
    for e in result.equilibria:
        assert e.payoffs == pytest.approx(tree.expected_payoffs(e.choices))
    # The same equilibria through the induced normal form: the pure Nash
    # equilibria it marks subgame perfect are exactly their reductions.
    normal = induced_normal_form(tree)
    equilibria = pure_equilibria(normal.game.payoffs, 1e-9)
    marked = {p for p, flag in zip(equilibria, subgame_perfect_flags(normal, equilibria, 1e-9)) if flag}
    reductions = {normal.profile_of(np.array(full_choices(decision, p, tree.n_nodes))) for p in expected}
    assert marked == reductions
    assert reductions <= set(equilibria)


def full_choices(decision, profile, n_nodes):
    choices = [-1] * n_nodes
    for node, move in zip(decision, profile):
        choices[node] = move
    return choices


def test_random_trees_exercise_ties_and_chance():
    counts = [len(brute_force_spe(random_tree(seed))[0]) for seed in range(60)]
    assert max(counts) > 1 and min(counts) >= 1
    assert any(random_tree(seed).has_chance for seed in range(0, 60, 3))


# -- presentation -----------------------------------------------------------------


def test_text_view_marks_the_equilibrium_and_path():
    result = subgame_perfect_equilibria(GAME_C.at())
    text = show_subgame_perfect(result)
    assert "1 subgame-perfect equilibrium" in text
    assert "Subgame-perfect equilibrium 1: (build, align, supply)" in text
    assert "path: US build, Japan align, China supply" in text
    assert "Japan plays: align at build; hedge at no_build" in text
    assert "|   |   |-- supply * -> (-0.5, -0.2, 0.4)  <= path" in text
    assert "`-- restrict * -> (-1.75, -1.95, 1.15)" in text
    assert show_tree(result.tree, max_lines=5).endswith("more nodes not shown")


def test_json_items_have_path_and_payoffs():
    result = subgame_perfect_equilibria(TIE)
    items = json.loads(json.dumps(subgame_perfect_dicts(result)))
    assert sorted(tuple(i["path"]["A"]) for i in items) == [("L",), ("R",)]
    assert {i["payoffs"]["A"] for i in items} == {1.0, 2.0}
    assert all(set(i) == {"path", "payoffs", "strategies", "steps"} for i in items)


@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_plot_writes_a_picture(tmp_path, suffix, magic):
    tree = GAME_C.at()
    result = subgame_perfect_equilibria(tree)
    path = tmp_path / f"game_c{suffix}"
    figure = plot_tree(tree, path, result.equilibria[0])
    assert path.read_bytes().startswith(magic)
    assert figure.axes and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_plot_refuses_unknown_formats_and_huge_trees(tmp_path):
    with pytest.raises(GameFileError, match="must be a"):
        plot_tree(GAME_C.at(), tmp_path / "tree.txt")
    with pytest.raises(UnsupportedError, match="leaves"):
        plot_tree(full_binary(11), tmp_path / "big.png")


def test_one_line_description_and_note():
    assert describe_tree(GAME_C).startswith(
        "'US-Japan-China rare-earth burden-sharing, US commits first (Game C)', 3 players (US, Japan, China), "
        "move order US -> Japan -> China, 21 nodes (12 leaves), perfect information, 22 parameters"
    )
    assert subgame_perfect_note([False, True, None, True]).startswith("Subgame perfect: equilibria 2, 4.")
    assert subgame_perfect_note([False]) == "None of the pure equilibria listed is subgame perfect."
    assert "not decided" in subgame_perfect_note([None, None])
