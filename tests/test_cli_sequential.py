"""Sequential games through the command line (Game C of the domain brief)."""

import json

import numpy as np

import pytest
from click.testing import CliRunner

from gametheory_re import load_game
from gametheory_re.cli import main
from gametheory_re.presenters.tree import plot_tree
from gametheory_re.solvers.backward_induction import subgame_perfect_equilibria


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    return result.output


def spe_paths(*sets):
    data = json.loads(run("solve", "games/us_japan_china_sequential.toml", *sets, "--json"))
    return data, [item["path"] for item in data["subgame_perfect"]]


def test_game_c_at_defaults_commitment_makes_burden_sharing_hold():
    data, paths = spe_paths()
    assert paths == [{"US": "build", "Japan": "align", "China": "supply"}]
    assert data["subgame_perfect"][0]["payoffs"] == pytest.approx({"US": -0.5, "Japan": -0.2, "China": 0.4})
    # The reduced normal form's Nash equilibria are marked; the SPE is among them.
    assert any(e["subgame_perfect"] for e in data["equilibria"])
    assert not all(e["subgame_perfect"] for e in data["equilibria"])


def test_game_c_japan_free_rides_with_a_strong_us_chain():
    _, paths = spe_paths("--set", "gamma_U=0.7", "--set", "gamma_AB=0.8")
    assert paths == [{"US": "build", "Japan": "dependent", "China": "supply"}]


def test_text_output_shows_path_strategies_and_tree():
    out = run("solve", "us_japan_china_sequential")
    assert "path: US build, Japan align, China supply" in out
    assert "Japan plays: align at build; hedge at no_build" in out
    assert "<= path" in out
    # The subgame-perfect answer, with the normal form counted, not listed (209 lines before).
    assert "The reduced normal form has 20 Nash equilibria, 1 of them marked subgame perfect" in out
    assert "Equilibrium 2:" not in out and len(out.splitlines()) < 60
    full = run("solve", "us_japan_china_sequential", "--normal-form")
    assert "Nash equilibria of the reduced normal form:" in full and "Subgame perfect: equilibri" in full
    assert "Equilibrium 20:" in full


def test_spe_only_json_is_the_tree_answer_alone():
    full = json.loads(run("solve", "us_japan_china_sequential", "--json"))
    compact = json.loads(run("solve", "us_japan_china_sequential", "--json", "--spe-only"))
    assert compact["subgame_perfect"] == full["subgame_perfect"]
    assert compact["normal_form_equilibria"] == len(full["equilibria"]) == 20
    assert set(compact) == {"game", "source", "parameters", "subgame_perfect", "normal_form_equilibria"}
    assert len(json.dumps(compact)) < len(json.dumps(full)) / 50


def test_compare_simultaneous_and_sequential_play():
    data = json.loads(run("compare", "us_japan_china", "--orders", "US,Japan,China", "--json"))
    assert data["simultaneous"]["outcomes"][0]["profile"] == {"US": "no_build", "Japan": "hedge", "China": "restrict"}
    assert data["orders"][0]["outcomes"][0]["profile"] == {"US": "build", "Japan": "align", "China": "supply"}
    assert data["first_mover_value"]["US"] == pytest.approx([1.25, 1.25])
    text = run("compare", "us_japan_china", "--orders", "China,Japan,US")
    assert "China -> Japan -> US" in text and "(no_build, dependent, supply)" in text


def test_tree_picture_and_efg_export(tmp_path):
    picture = tmp_path / "c.png"
    run("solve", "us_japan_china_sequential", "--plot", str(picture))
    assert picture.read_bytes()[:4] == b"\x89PNG"
    efg = tmp_path / "c.efg"
    run("convert", "us_japan_china_sequential", str(efg))
    assert efg.read_text().startswith("EFG 2 R")
    data = json.loads(run("solve", str(efg), "--json"))
    assert [i["path"] for i in data["subgame_perfect"]] == [
        {"US": ["build"], "Japan": ["align"], "China": ["supply"]}
    ]


def test_list_and_validate_know_sequential_games():
    assert "us_japan_china_sequential" in run("list")
    assert "move order US -> Japan -> China" in run("validate", "us_japan_china_sequential")
    assert "|-- build" in run("show", "us_japan_china_sequential")


def test_the_tree_picture_names_players_at_leaves_and_states_the_parameters(tmp_path):
    tree = load_game("us_japan_china_sequential").at({"K": "0.5"})
    fig = plot_tree(tree, tmp_path / "c.png", subgame_perfect_equilibria(tree).equilibria[0])
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    leaves = [t for t in texts if t.startswith("U ")]
    assert len(leaves) == tree.n_leaves
    for text, payoffs in zip(leaves, tree.payoffs):   # leaves are drawn in tree order
        names, values = zip(*(line.split() for line in text.splitlines()))
        assert names == ("U", "J", "C") and np.allclose([float(v) for v in values], payoffs, atol=1e-5)
    assert "U = US, J = Japan, C = China" in ax.get_title() and "K=0.5" in ax.get_title()
    # Sibling move labels sit on the outer side of their edges.
    sides = {t.get_text(): t.get_ha() for t in ax.texts if t.get_text() in ("supply", "restrict")}
    assert sides == {"supply": "right", "restrict": "left"}
