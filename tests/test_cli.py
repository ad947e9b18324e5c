import json
import subprocess
import sys

import numpy as np
import pytest
from click.testing import CliRunner

from gametheory_re import load_game
from gametheory_re.cli import main
from gametheory_re.formats import write_nfg
from gametheory_re.normal_form import NormalFormGame

from _support import need_gtre


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result


def solve_json(*args):
    result = run("solve", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def labels(data):
    return [e["label"] for e in data["equilibria"]]


def supports(data):
    return [e["support"] for e in data["equilibria"]]


def test_game_b_at_defaults_has_the_single_pure_equilibrium():
    data = solve_json("games/us_japan_china.toml")
    assert data["players"] == ["US", "Japan", "China"]
    pure = [e for e in data["equilibria"] if e["pure"]]
    assert [e["label"] for e in pure] == [e["support"] for e in pure] == ["(no_build, hedge, restrict)"]
    eq = pure[0]
    assert eq["strategies"]["Japan"] == {"align": 0.0, "hedge": 1.0, "dependent": 0.0}
    assert set(eq["payoffs"]) == set(eq["regret"]) == {"US", "Japan", "China"}
    assert max(eq["regret"].values()) <= data["tol"]
    assert eq["outcomes"]["burden_sharing"] == 0.0


@pytest.mark.parametrize(
    "sets, expected",
    [
        ([], ["(decouple, restrict)"]),
        (["--set", "q=0.3"], ["(engage, restrict)"]),
        (["--set", "rho=0.6"], ["(engage, supply)"]),
    ],
)
def test_game_a_known_results(sets, expected):
    data = solve_json("games/us_china.toml", *sets)
    assert labels(data) == expected
    assert data["complete"] is True


def test_game_a_temporary_restrictions_mixed_equilibrium_matches_closed_form():
    data = solve_json("us_china", "--set", "rho=0.3")
    assert labels(data) == ["(engage 0.20|decouple 0.80, supply 0.09|restrict 0.91)"]
    assert supports(data) == ["(engage|decouple, supply|restrict)"]
    eq = data["equilibria"][0]
    x_u = 5 * 0.7 * 0.5
    assert eq["strategies"]["China"]["restrict"] == pytest.approx((1 - 0.2) / (0.5 * x_u), abs=1e-9)
    assert eq["strategies"]["US"]["decouple"] == pytest.approx((1 - 0.3 / (1 - 0.5)) / 0.5, abs=1e-9)
    assert eq["strategies"]["China"]["restrict"] == pytest.approx(0.914, abs=5e-4)


def test_game_b_without_pure_equilibrium_reports_its_mixed_equilibrium_exactly():
    data = solve_json("us_japan_china", "--set", "gamma_U=0.7", "--set", "gamma_AB=0.8", "--exact")
    assert data["complete"] is True
    assert not any(e["pure"] for e in data["equilibria"])
    (eq,) = data["equilibria"]
    assert max(eq["regret"].values()) < 1e-9
    assert eq["strategies"]["US"]["build"] == pytest.approx(0.608009, abs=1e-6)
    assert "sqrt(3826209)" in eq["exact_strategies"]["China"]["supply"]
    assert eq["exact_strategies"]["Japan"]["dependent"] == "0"


def test_set_moves_the_equilibrium_of_game_b():
    # A cheap chain that Japan pays half of: the US builds.
    data = solve_json("us_japan_china", "--set", "K=0.2", "--set", "s=1/2")
    assert all(e["strategies"]["US"]["build"] == 1.0 for e in data["equilibria"])


def test_text_output_of_solve_and_show():
    out = run("solve", "us_japan_china").output
    assert "Equilibrium 1: (no_build, hedge, restrict)" in out
    assert "(1 pure, 2 mixed)" in out and "Each is checked: no player gains" in out
    # Regrets and the tolerance are for --verbose (and JSON): the table header says which.
    header = lambda text: text.split("Equilibrium 1")[1].splitlines()[1].split()
    assert header(out) == ["player", "strategy", "payoff"]
    verbose = run("solve", "us_japan_china", "--verbose").output
    assert header(verbose) == ["player", "strategy", "payoff", "regret"] and "regret is at most tol=" in verbose
    show = run("show", "us_japan_china", "--parameters").output
    assert "When China plays restrict:" in show and "gamma_AB" in show
    assert "-1.75*, -1.7575*, 1.0525*" in show


def test_list_shows_bundled_games():
    out = run("list").output
    for name in ("us_china", "us_japan_china", "prisoners_dilemma", "rock_paper_scissors"):
        assert name in out


def test_validate():
    result = run("validate", "games/us_japan_china.toml")
    assert result.exit_code == 0
    assert "3 players (US, Japan, China), 2x3x2 strategies, 22 parameters, 3 outcomes" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "us_china", "--set", "rho=2"], "--set: rho: value 2 is outside"),
        (["solve", "us_china", "--set", "nope=1"], "--set: nope: unknown parameter"),
        (["solve", "us_china", "--set", "rho"], "expected NAME=VALUE"),
        (["solve", "us_china", "--set", "rho=__import__('os')"], "expected a finite number"),
        (["solve", "missing.toml"], "missing.toml: no such file"),
        (["convert", "us_china", "out.txt"], "must be a .nfg (strategic form) or .efg"),
        (["convert", "us_china", "out.efg"], "has no tree"),
        (["solve", "us_japan_china", "--plot", "x.png"], "are for two-player games with 2 or 3 strategies each, sequential games and --qre"),
    ],
)
def test_errors_are_one_line_with_exit_status_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert result.output.startswith("error: ") and result.output.count("\n") == 1


def test_convert_writes_nfg_that_solves_the_same(tmp_path):
    out = tmp_path / "a.nfg"
    assert run("convert", "us_china", str(out), "--set", "q=0.3").exit_code == 0
    assert labels(solve_json(str(out))) == ["(engage, restrict)"]


def test_failed_convert_leaves_existing_output_untouched(tmp_path):
    out = tmp_path / "a.nfg"
    out.write_text("precious")
    assert run("convert", "us_china", str(out), "--set", "q=7").exit_code == 2
    assert out.read_text() == "precious"
    assert list(tmp_path.iterdir()) == [out]


def test_help_has_examples():
    for command in ("solve", "show", "convert", "validate", "sweep", "threshold", "compare"):
        assert "Example" in run(command, "--help").output


def test_installed_command_reports_errors_without_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[players]]\nname = 'A'\nstrategies = ['a']\n[payoffs.formulas]\nA = '().__class__'\n")
    proc = subprocess.run([str(need_gtre()), "solve", str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"error: {bad}: payoffs.formulas.A: attribute access (a.b) is not allowed in a formula; use numbers, declared names, + - * / **, comparisons, and/or/not, 'x if c else y' and min, max, abs, exp, log, sqrt, piecewise, played"


def test_module_entry_point(tmp_path):
    # From tmp_path: run from the checkout, "python -m" would import its source tree.
    proc = subprocess.run([sys.executable, "-m", "gametheory_re", "solve", "prisoners_dilemma"], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 0 and "(defect, defect)" in proc.stdout


@pytest.mark.parametrize(
    "command, flag, value",
    [
        ("solve", "--tol", "-1"), ("solve", "--tol", "nan"), ("solve", "--tol", "inf"), ("solve", "--tol", "x"),
        ("solve", "--time-budget", "nan"), ("solve", "--time-budget", "-1"),
        ("solve", "--max-support", "0"), ("solve", "--max-support", "1.5"),
        ("threshold", "--xtol", "nan"), ("threshold", "--xtol", "-1"), ("threshold", "--xtol", "0"),
        ("threshold", "--points", "1"), ("threshold", "--points", "x"),
    ],
)
def test_bad_numeric_options_are_one_error_line_naming_the_flag(command, flag, value):
    game = ["us_japan_china"] if command == "solve" else ["us_china", "--param", "rho", "--outcome", "status_quo"]
    result = run(command, *game, flag, value)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {flag}: "), result.output


def test_max_support_and_time_budget_reach_the_two_player_solver(tmp_path):
    rng = np.random.default_rng(4)
    n = 13
    A, B = rng.integers(-5, 6, size=(2, n, n))
    names = tuple(f"s{i}" for i in range(n))
    path = tmp_path / "big.nfg"
    path.write_text(write_nfg(NormalFormGame(("R", "C"), (names, names), np.array([A, B], dtype=float), title="big")))
    data = solve_json(str(path), "--time-budget", "0.5")
    assert data["complete"] is False
    assert any("may be missing" in note for note in data["notes"])
    capped = solve_json(str(path), "--max-support", "1")
    assert capped["complete"] is False and all(e["pure"] for e in capped["equilibria"])
    assert labels(capped) == [e["label"] for e in data["equilibria"] if e["pure"]]
    assert "may be incomplete" in run("solve", str(path), "--max-support", "1").output


def test_time_budget_default_is_shown_and_inf_means_no_limit():
    assert "default: 60" in run("solve", "--help").output
    assert run("solve", "us_china", "--time-budget", "inf").exit_code == 0


@pytest.mark.parametrize("command", sorted(main.commands))
@pytest.mark.parametrize("mistake", [["--no-such-option"], ["us_china", "extra", "arguments", "here"]])
def test_usage_mistakes_of_every_command_are_one_line(command, mistake):
    result = CliRunner().invoke(main, [command, *mistake])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output


@pytest.mark.parametrize(
    "args, says",
    [
        (["no-such-command"], "No such command 'no-such-command'"),
        (["threshold", "us_china", "--param", "rho"], "Missing option '--outcome'"),
        (["solve"], "Missing argument 'GAME'"),
    ],
)
def test_missing_and_unknown_names_are_one_line_with_a_pointer_to_help(args, says):
    result = CliRunner().invoke(main, args, prog_name="gtre")
    assert result.exit_code == 2
    where = "gtre " + args[0] if args[0] in main.commands else "gtre"
    assert result.output.strip().splitlines() == [f"error: {says}. (see '{where} --help')"]


def test_control_characters_in_option_values_and_output_names_are_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = CliRunner().invoke(main, ["sweep", "us_china", "--vary", "\x1b]0;PWN\x07=0:1:3"])
    assert bad.exit_code == 2 and "\x1b" not in bad.output and "\x07" not in bad.output
    assert "\\x1b" in bad.output
    wrote = CliRunner().invoke(main, ["convert", "us_china", "o\x1b]0;PWN\x07.nfg"])
    assert wrote.exit_code == 0, wrote.output
    assert "\x1b" not in wrote.output and "wrote o\\x1b]0;PWN\\x07.nfg" in wrote.output


def test_a_full_standard_output_is_one_error_line():
    gtre = need_gtre()
    with open("/dev/full", "w") as full:
        process = subprocess.run([str(gtre), "solve", "us_china", "--json"], stdout=full, stderr=subprocess.PIPE, text=True)
    assert process.returncode == 2
    assert process.stderr.strip().splitlines() == ["error: <standard output>: cannot write: No space left on device"]



@pytest.mark.parametrize("game", ["prisoners_dilemma", "stag_hunt", "battle_of_the_sexes", "chicken",
                                  "matching_pennies", "rock_paper_scissors", "us_china"])
def test_show_marks_exactly_the_pure_equilibria_solve_lists(game):
    out = run("show", game).output.splitlines()
    header = next(i for i, line in enumerate(out) if " \\ " in line)
    columns = out[header].split()[3:]
    marked = set()
    for line in out[header + 2:]:
        if not line.strip():
            break
        row, *cells = [c for c in line.split("  ") if c.strip()]
        for column, cell in zip(columns, cells):
            if cell.strip().endswith(" NE"):
                marked.add(f"({row.strip()}, {column})")
    pure = {e["label"] for e in solve_json(game)["equilibria"] if e["pure"]}
    assert marked == pure


@pytest.mark.parametrize("game, dominated", [("battle_of_the_sexes", False), ("matching_pennies", False),
                                             ("prisoners_dilemma", True)])
def test_solve_always_says_what_dominance_found(game, dominated):
    out = run("solve", game).output
    assert ("no strategy is strictly dominated" in out) is not dominated
    assert ("is dominated by" in out) is dominated


@pytest.mark.parametrize("game", ["stag_hunt", "battle_of_the_sexes", "rock_paper_scissors", "us_japan_china"])
def test_strategy_values_are_the_payoffs_against_the_others_play(game):
    payoffs = load_game(game).at().payoffs
    data = solve_json(game)
    n = payoffs.shape[0]
    for eq in data["equilibria"]:
        mixes = [np.array(list(eq["strategies"][p].values())) for p in data["players"]]
        for i, player in enumerate(data["players"]):
            # Contract the others' axes one by one (independent of the library's code).
            values = np.moveaxis(payoffs[i], i, 0)
            for q in sorted((q for q in range(n) if q != i), reverse=True):
                axis = q + 1 if q < i else q
                values = np.tensordot(values, mixes[q], axes=([axis], [0]))
            reported = np.array(list(eq["strategy_values"][player].values()))
            assert np.allclose(reported, values, atol=1e-12)
            support = mixes[i] > 0
            assert np.ptp(reported[support]) <= 1e-9 and reported.max() <= reported[support].min() + 1e-9


def test_explain_says_why_in_words():
    out = run("solve", "stag_hunt", "--explain").output
    assert "Why these are the equilibria" in out
    assert "No strategy is strictly dominated" in out
    assert "Row plays stag, worth 4 against Column stag; deviating would pay hare 3: no better." in out
    assert "its strategies pay the same (stag 3, hare 3)" in out
    assert "Strict dominance removes" in run("solve", "prisoners_dilemma", "--explain").output
    for args in (["us_japan_china_sequential"], ["stag_hunt", "--json"], ["stag_hunt", "--qre"]):
        refused = run("solve", *args, "--explain")
        assert refused.exit_code == 2 and refused.output.startswith("error: --explain: ")


def test_solve_plot_draws_the_best_responses_of_a_2x2_game(tmp_path):
    target = tmp_path / "br.png"
    assert run("solve", "stag_hunt", "--plot", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_solve_plot_draws_best_response_regions_up_to_3_strategies_and_refuses_more(tmp_path):
    target = tmp_path / "rps.svg"
    assert run("solve", "rock_paper_scissors", "--plot", str(target)).exit_code == 0
    assert "Column's best response to Row's mix" in target.read_text(encoding="utf-8")
    four = tmp_path / "four.nfg"
    four.write_text(write_nfg(NormalFormGame.from_arrays(*np.arange(16.0).reshape(2, 4, 2))), encoding="utf-8")
    for game in (str(four), "us_japan_china"):
        refused = run("solve", game, "--plot", str(tmp_path / "x.png"))
        assert refused.exit_code == 2 and not (tmp_path / "x.png").exists()
        assert refused.output.startswith("error: --plot: ") and "2 or 3 strategies each" in refused.output
        assert len(refused.output.strip().splitlines()) == 1
