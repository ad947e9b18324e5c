"""``gtre solve --qre``: the logit QRE branch from the command line."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from gametheory_re.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def qre_json(*args):
    result = run("solve", *args, "--qre", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_branch_ends_at_one_of_the_equilibria_solve_lists():
    for game in ("us_japan_china", "stag_hunt", "us_china", "rock_paper_scissors"):
        branch = qre_json(game)
        listed = json.loads(run("solve", game, "--json").output)["equilibria"]
        limit = branch["limit"]
        assert branch["converged"] and limit["is_nash"] and limit["refined"]
        assert limit["label"] in [eq["label"] for eq in listed], game
        match = [eq for eq in listed if eq["label"] == limit["label"]][0]
        for player, mix in limit["strategies"].items():
            assert np.allclose(list(mix.values()), list(match["strategies"][player].values()), atol=1e-9)
        assert max(limit["regrets"].values()) <= branch["tol"]


def test_the_text_gives_the_requested_points_and_the_selected_equilibrium():
    out = run("solve", "stag_hunt", "--qre", "--qre-lambdas", "0,0.5,2").output
    assert "QRE on the branch (probabilities):" in out
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert [row[0] for row in rows] == ["0", "0.5", "2"]
    assert rows[0][1:5] == ["0.5", "0.5", "0.5", "0.5"]
    assert "The branch selects (" in out and "a Nash equilibrium" in out
    assert "No bifurcation was crossed" in out


def test_a_bifurcation_is_reported_in_words():
    out = run("solve", "battle_of_the_sexes", "--qre").output
    assert "Bifurcation crossed near λ = 1.4" in out and "not generic" in out
    assert qre_json("battle_of_the_sexes")["bifurcations"]


def test_parameters_change_the_branch():
    low, high = qre_json("us_china", "--set", "q=0.3"), qre_json("us_china", "--set", "q=0.9")
    assert low["parameters"]["q"] == 0.3 and high["parameters"]["q"] == 0.9
    assert low["requested"][-1]["strategies"] != high["requested"][-1]["strategies"]


def test_the_picture_is_written_and_never_overwritten(tmp_path):
    target = tmp_path / "b.png"
    assert run("solve", "battle_of_the_sexes", "--qre", "--plot", str(target)).exit_code == 0
    assert target.read_bytes().startswith(PNG)
    before = target.read_bytes()
    again = run("solve", "battle_of_the_sexes", "--qre", "--plot", str(target))
    assert again.exit_code != 0 and "--force" in again.output and target.read_bytes() == before
    assert run("solve", "battle_of_the_sexes", "--qre", "--plot", str(target), "--force").exit_code == 0


@pytest.mark.parametrize("args, words", [
    (["us_china", "--qre-lambdas", "1"], "error: --qre-lambdas: applies only with --qre"),
    (["us_china", "--qre-maxregret", "1e-6"], "error: --qre-maxregret: applies only with --qre"),
    (["us_china", "--qre", "--exact"], "error: --exact: does not apply to the QRE branch (--qre)"),
    (["us_china", "--qre", "--max-support", "1"], "error: --max-support: 1: does not apply to the QRE branch (--qre)"),
    (["us_china", "--qre", "--qre-lambdas", "1,x"], "error: --qre-lambdas: x: expected a number"),
    (["us_china", "--qre", "--qre-lambdas=-1"], "error: --qre-lambdas: -1: expected a finite number at least 0"),
    (["us_china", "--qre", "--qre-lambdas", "1e13"], "error: --qre-lambdas: 1e13: expected a number from 0 to "),
    (["us_china", "--qre", "--qre-maxregret", "-1"], "error: --qre-maxregret: -1: expected a finite number at least 0"),
    (["us_japan_china_sequential", "--qre"], "is for normal-form games; convert the tree"),
    (["us_china", "--qre", "--plot", "b.txt"], "error: --plot: b.txt:"),
])
def test_bad_options_get_one_line(args, words):
    result = run("solve", *args)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.output


def test_a_trace_cut_short_says_so():
    out = run("solve", "battle_of_the_sexes", "--qre", "--time-budget", "0").output
    assert "stopped by the time budget" in out and "no limit is reported" in out
