"""The two label columns of a sweep table downstream: ``label`` (with the mixing
players' probabilities) is shown, ``support`` (supports only) is what regimes
are counted and switches are told by; the headers say which equilibria ran."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from gametheory_re import api
from gametheory_re.cli import main
from gametheory_re.formats import load_game
from gametheory_re.presenters.json_out import summary_dict, threshold_dict
from gametheory_re.presenters.sweep_text import show_summary, show_switches
from gametheory_re.sweeps import sweep
from gametheory_re.sweeps.run import make_spec
from gametheory_re.sweeps.summary import Tally
from gametheory_re.sweeps.threshold import search_mode, thresholds

# Matching pennies whose heads-heads stake is a: the only equilibrium mixes
# both players, heads with probability 2 / (a + 3) each, for every a in
# [1, 5].  The probabilities move with a; the support never does.
STAKED_PENNIES = """
[game]
title = "Matching pennies with a stake"

[parameters.a]
default = 2
min = 1
max = 5

[[players]]
name = "Matcher"
strategies = ["heads", "tails"]

[[players]]
name = "Mismatcher"
strategies = ["Heads", "Tails"]

[payoffs.table]
"heads, Heads" = ["a", "-a"]
"heads, Tails" = ["-1", "1"]
"tails, Heads" = ["-1", "1"]
"tails, Tails" = ["1", "-1"]

[outcomes.both_heads]
description = "Both show heads"
when = "heads and Heads"
"""

MIXED_SUPPORT = "(heads|tails, Heads|Tails)"


@pytest.fixture
def pennies(tmp_path):
    path = tmp_path / "pennies.toml"
    path.write_text(STAKED_PENNIES, encoding="utf-8")
    return load_game(path)


def heads_label(a: float) -> str:
    p = 2 / (a + 3)
    return f"(heads {p:.2f}|tails {1 - p:.2f}, Heads {p:.2f}|Tails {1 - p:.2f})"


def test_the_fixture_game_mixes_with_probabilities_that_move(pennies):
    # The point solver: what the sweeps below must agree with.
    for a in (1.0, 2.0, 5.0):
        result = api.solve(pennies, {"a": a})
        assert result.set_label == MIXED_SUPPORT
        assert result.probability_label() == heads_label(a)


def test_a_mixed_2_player_sweep_labels_with_probabilities_and_supports_without(pennies):
    # Needs the engine's 2-player batched rows to carry probabilities (issue 10,
    # item 3); until then label == support at mixed points and this fails.
    table = sweep(pennies, ["a=1:5:5"], as_frame=False)
    assert table["support"].tolist() == [MIXED_SUPPORT] * 5
    assert table["label"].tolist() == [heads_label(a) for a in (1.0, 2.0, 3.0, 4.0, 5.0)]


def test_regimes_are_counted_by_support(pennies):
    result = api.sweep(pennies, ["a=1:5:41"], collect=False)
    assert result.summary.regimes == {MIXED_SUPPORT: 41}


def test_the_tally_counts_supports_not_labels(pennies):
    # A chunk whose labels differ at every point and whose support is one:
    # one regime, whatever the engine puts in the label column.
    spec = make_spec(pennies, ["a=1:5:4"])
    tally = Tally(spec)
    tally.add({"a": np.linspace(1, 5, 4), "label": np.array([heads_label(a) for a in np.linspace(1, 5, 4)], dtype=object),
               "support": np.array([MIXED_SUPPORT] * 4, dtype=object), "n_equilibria": np.ones(4, dtype=np.int64),
               "n_pure": np.zeros(4, dtype=np.int64), "both_heads": np.array(["none"] * 4, dtype=object)})
    assert tally.summary().regimes == {MIXED_SUPPORT: 4}


def test_probabilities_that_move_make_no_switch(pennies):
    # Across the whole range the probabilities change (0.50 -> 0.25) and the
    # support and the outcome's status do not: nothing switches.
    assert thresholds(pennies, "a", "both_heads", points=41, equilibria="all") == []
    result = api.threshold(pennies, "a", "both_heads", points=41)
    assert result.switches == () and result.equilibria == "all"
    assert "no switch found" in show_switches(result)


def test_a_switch_shows_labels_with_probabilities_and_supports():
    # Game B at s = 1/2: (build, align, supply) gives way to a mixed
    # equilibrium above K = 0.2 (point solver: its labels carry probabilities).
    (switch,) = thresholds("us_japan_china", "K", "burden_sharing", {"s": "0.5"}, equilibria="all")
    assert switch.label_below == switch.support_below == "(build, align, supply)"
    assert switch.support_above == "(build, align|dependent, supply|restrict)"
    assert switch.label_above != switch.support_above and "align 0.70|dependent 0.30" in switch.label_above
    assert switch.support_at == switch.label_at == "(build, align, supply)"
    assert all(type(getattr(switch, f)) is str for f in ("label_above", "support_above", "status_above"))


def test_the_sweep_header_says_which_equilibria_ran_and_why():
    pure = api.sweep("us_japan_china", ["K=0.1:3:5"], equilibria="pure", collect=False).summary
    auto = api.sweep("us_china", ["rho=0:1:5"], collect=False).summary
    assert pure.mode_reason == "pure equilibria only, as asked"
    assert auto.mode_reason == "all equilibria: batched support enumeration (2 players)"
    for summary in (pure, auto):
        text = show_summary(summary).splitlines()
        assert text[1] == f"Searched: {summary.mode_reason}"
        assert "Equilibrium sets by support (points, share):" in text
        data = summary_dict(summary)
        assert data["mode_reason"] == summary.mode_reason and data["equilibria"] == summary.equilibria


def test_the_threshold_header_says_which_equilibria_ran_and_why():
    result = api.threshold("us_china", "rho", "status_quo", equilibria="pure")
    assert (result.equilibria, result.mode_reason) == search_mode(load_game("us_china"), "rho", "pure")
    assert result.mode_reason == "pure equilibria only, as asked"
    assert show_switches(result).splitlines()[1] == f"Searched: {result.mode_reason}"
    data = threshold_dict(result)
    assert data["equilibria"] == "pure" and data["mode_reason"] == result.mode_reason
    assert {"support_below", "support_above", "support_at"} <= set(data["switches"][0])


def test_the_command_line_headers_state_the_mode_reason():
    runner = CliRunner()
    out = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["mode_reason"] == "all equilibria: batched support enumeration (2 players)"
    out = runner.invoke(main, ["threshold", "us_china", "--param", "rho", "--outcome", "status_quo", "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["mode_reason"] == "all equilibria: batched support enumeration (2 players)"
    out = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--equilibria", "pure"])
    assert "Searched: pure equilibria only, as asked" in out.output


def test_an_unknown_threshold_mode_names_the_argument():
    from gametheory_re.errors import GameFileError

    with pytest.raises(GameFileError, match="^equilibria: every: expected one of auto, pure, all"):
        thresholds("us_china", "rho", "status_quo", equilibria="every")
