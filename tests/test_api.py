"""The API mirrors the CLI: each command's twin gives what the command prints,
``solve`` takes every kind of game, and the profile checks of ``NormalFormGame``."""

import json
from types import ModuleType

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_re as gt
from gametheory_re import api
from gametheory_re.cli import FLAGS, error_line, main
from gametheory_re.errors import GameError, GameFileError
from gametheory_re.presenters.json_out import result_dict, sequential_dict, summary_dict, threshold_dict
from gametheory_re.presenters.text import show_description, show_entry, show_validation
from gametheory_re.presenters.discovery import discovery_dict
from gametheory_re.presenters.sensitivity import sensitivity_dict
from gametheory_re.presenters.tree import comparison_dict
from gametheory_re.presenters.qre import qre_dict
from gametheory_re.solvers import regret

from _support import need_module


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def as_json(data):
    """``data`` as the CLI's ``json.dumps`` then ``json.loads`` leaves it."""
    return json.loads(json.dumps(data))


# -- every command's twin ----------------------------------------------------------------


def test_list_twin():
    assert run("list").splitlines() == [show_entry(e) for e in gt.list_games()]


@pytest.mark.parametrize("name, params", [("us_china", {"q": "0.3"}), ("us_japan_china_sequential", {})])
def test_show_twin(name, params):
    sets = [f"--set={k}={v}" for k, v in params.items()]
    assert run("show", name, *sets) == show_description(gt.show(name, params)) + "\n"


@pytest.mark.parametrize("name", ["us_china", "us_japan_china_sequential"])
def test_validate_twin(name):
    assert run("validate", name) == show_validation(gt.validate(name)) + "\n"


@pytest.mark.parametrize("name, params", [("us_china", {"rho": "0.3"}), ("us_japan_china", {"K": "0.15", "s": "0.5"}),
                                          ("rock_paper_scissors", {})])
def test_solve_twin(name, params):
    sets = [f"--set={k}={v}" for k, v in params.items()]
    result = gt.solve(name, params)
    source = gt.load_game(name).source
    assert json.loads(run("solve", name, *sets, "--json")) == as_json(result_dict(result, source=source))


def test_solve_twin_sequential():
    name, params = "us_japan_china_sequential", {"gamma_U": "0.7", "gamma_AB": "0.8"}
    result = gt.solve(name, params)
    cli = json.loads(run("solve", name, "--set", "gamma_U=0.7", "--set", "gamma_AB=0.8", "--json"))
    assert cli == as_json(sequential_dict(result, source=gt.load_game(name).source))


def test_solve_twin_exact():
    cli = json.loads(run("solve", "us_china", "--exact", "--json"))
    assert cli == as_json(result_dict(gt.solve("us_china", exact=True), source=gt.load_game("us_china").source))


def test_solve_twin_qre(tmp_path):
    cli = json.loads(run("solve", "us_china", "--set", "q=0.3", "--qre", "--qre-lambdas", "0.5,2", "--json"))
    branch = gt.solve("us_china", {"q": "0.3"}, qre=True, qre_lambdas=[0.5, 2])
    assert isinstance(branch, gt.LogitBranch)
    assert cli == as_json(qre_dict(branch, source=gt.load_game("us_china").source))
    frame = branch.to_frame()
    assert list(frame.columns[:2]) == ["lambda", "US:engage"] and frame["lambda"].iloc[0] == 0
    assert branch.to_frame(requested=True)["lambda"].tolist() == [0.5, 2.0]
    with pytest.raises(GameFileError, match="^qre_lambdas: .*applies only to the QRE branch"):
        gt.solve("us_china", qre_lambdas=[1])


def test_convert_twin(tmp_path):
    out = tmp_path / "cli.efg"
    run("convert", "us_japan_china_sequential", str(out))
    conversion = gt.convert("us_japan_china_sequential", tmp_path / "api.efg")
    assert out.read_text() == conversion.text == (tmp_path / "api.efg").read_text()
    assert conversion.text == gt.export("us_japan_china_sequential", ".efg")
    with pytest.raises(GameFileError, match="exists; pass overwrite=True"):
        gt.convert("us_japan_china_sequential", tmp_path / "api.efg")


def test_compare_twin():
    cli = json.loads(run("compare", "us_japan_china", "--orders", "US,Japan,China", "--orders", "China,US,Japan",
                         "--set", "K=0.5", "--json"))
    comparison = gt.compare("us_japan_china", ["US,Japan,China", ("China", "US", "Japan")], {"K": "0.5"})
    assert cli == as_json(comparison_dict(comparison))
    assert gt.compare("us_japan_china").orders == () or len(gt.compare("us_japan_china").orders) == 6


def test_sweep_twin(tmp_path):
    cli = json.loads(run("sweep", "us_china", "--vary", "rho=0:1:21", "--vary", "q=0.1:1:3", "--json", "--quiet",
                         "--out", str(tmp_path / "cli.csv")))
    result = gt.sweep("us_china", ["rho=0:1:21", "q=0.1:1:3"], out=str(tmp_path / "api.csv"), collect=False)
    cli.pop("out")
    api_summary = summary_dict(result.summary)
    assert api_summary.pop("out") == str(tmp_path / "api.csv")
    assert cli == as_json(api_summary)
    assert (tmp_path / "cli.csv").read_text() == (tmp_path / "api.csv").read_text()
    assert result.table is None and result.summary.points == 63


def test_sweep_progress_reports_done_and_total():
    calls = []
    result = gt.sweep("us_china", ["rho=0:1:11"], chunk_size=4, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 11), (4, 11), (8, 11), (11, 11)]
    assert len(result.table) == 11


def test_threshold_twin():
    cli = json.loads(run("threshold", "us_japan_china", "--param", "K", "--outcome", "burden_sharing",
                         "--set", "s=0.5", "--json"))
    found = gt.threshold("us_japan_china", "K", "burden_sharing", {"s": "0.5"})
    assert cli == as_json(threshold_dict(found))
    assert list(found.switches) == gt.thresholds("us_japan_china", "K", "burden_sharing", {"s": "0.5"})


def test_sensitivity_twin():
    need_module("SALib")
    cli = json.loads(run("sensitivity", "us_china", "--outcome", "status_quo", "--samples", "32", "--fix", "K=1/2",
                         "--range", "rho=0.1:0.9", "--json"))
    found = gt.sensitivity("us_china", "status_quo", samples=32, fix={"K": "1/2"}, ranges={"rho": ("0.1", "0.9")})
    assert cli == as_json(sensitivity_dict(found))
    assert found.problem.fixed["K"] == 0.5 and found.problem.bounds["rho"] == (0.1, 0.9)


def test_discover_twin():
    need_module("ema_workbench")
    cli = json.loads(run("discover", "us_china", "--outcome", "status_quo", "--samples", "200", "--vary", "rho",
                         "--vary", "g", "--json"))
    found = gt.discover("us_china", "status_quo", samples=200, vary=["rho", "g"])
    assert cli == as_json(discovery_dict(found))


def test_every_command_has_a_documented_twin():
    commands = set(main.commands)
    twins = {"list": gt.list_games, "show": gt.show, "validate": gt.validate, "solve": gt.solve,
             "convert": gt.convert, "compare": gt.compare, "sweep": gt.sweep, "threshold": gt.threshold,
             "conditions": gt.conditions, "sensitivity": gt.sensitivity, "discover": gt.discover,
             "simulate": gt.simulate, "learn": gt.learn, "report": gt.report}
    assert set(twins) == commands
    for function in [*twins.values(), gt.export, gt.solve_tree, gt.describe]:
        assert ">>>" in function.__doc__, function.__name__


def test_all_lists_exactly_the_public_names():
    # Submodules (gametheory_re.api, .solvers...) are attributes too once imported.
    public = {name for name in dir(gt) if not name.startswith("_") and not isinstance(getattr(gt, name), ModuleType)}
    assert set(gt.__all__) == public | {"__version__"}
    assert len(gt.__all__) == len(set(gt.__all__))
    for name in gt.__all__:
        assert getattr(gt, name) is not None


# -- solve on every kind of game ------------------------------------------------------------


def test_solve_accepts_every_kind_of_game(tmp_path):
    loaded = gt.load_game("us_china")
    expected = gt.solve("us_china", {"q": 0.3}).labels
    assert gt.solve(loaded.source, {"q": 0.3}).labels == expected
    assert gt.solve(loaded, {"q": 0.3}).labels == expected
    assert gt.solve(loaded.at({"q": 0.3})).labels == expected
    tree = gt.load_game("us_japan_china_sequential")
    from_tree = gt.solve(tree)
    assert isinstance(from_tree, gt.SequentialResult)
    assert gt.solve(tree.at()).marks == from_tree.marks == gt.solve_tree(tree.at()).marks
    assert isinstance(from_tree.tree, gt.GameTree)
    assert isinstance(from_tree.subgame_perfect, gt.SubgamePerfectResult)
    assert isinstance(from_tree.normal_form, gt.InducedNormalForm)


def test_solve_a_game_from_arrays():
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    result = gt.solve(gt.NormalFormGame.from_arrays(A, -A))
    assert isinstance(result, gt.SolveResult)
    [eq] = result.equilibria
    np.testing.assert_allclose(eq.profile[0], [0.5, 0.5])
    three = gt.NormalFormGame.from_arrays(*np.ones((3, 2, 2, 2)))
    assert len(gt.solve(three).pure) == 8


def test_a_numeric_game_takes_no_parameters():
    game = gt.load_game("us_china").at()
    with pytest.raises(GameFileError, match="^params: q: a numeric game has no parameters"):
        gt.solve(game, {"q": 0.3})


def test_solve_plot_is_for_two_player_games_with_at_most_3_strategies_and_trees(tmp_path):
    too_big = gt.NormalFormGame.from_arrays(*np.random.default_rng(0).normal(size=(2, 4, 3)))
    for game in ("us_japan_china", too_big):
        with pytest.raises(GameFileError, match="^plot: .*two-player games with at most 3 strategies each"):
            gt.solve(game, plot=tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()
    gt.solve("us_china", plot=tmp_path / "br.png")
    assert (tmp_path / "br.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("shape", [(2, 3), (3, 2), (3, 3)])
def test_solve_plot_draws_best_response_regions_of_games_with_3_strategies(tmp_path, shape):
    game = gt.NormalFormGame.from_arrays(*np.random.default_rng(1).normal(size=(2, *shape)))
    result = gt.solve(game, plot=tmp_path / "regions.svg")
    svg = (tmp_path / "regions.svg").read_text(encoding="utf-8")
    # One circle label per equilibrium, in the order of the result; the legend names the other's strategies.
    assert all(f"E{k}" in svg for k in range(1, len(result.equilibria) + 1))
    assert "best response to 1's mix" in svg and "best response to 2's mix" in svg
    assert result.labels == gt.solve(game).labels


# -- NormalFormGame from arrays, and its profile checks ----------------------------------


def test_from_arrays_names_and_checks():
    game = gt.NormalFormGame.from_arrays(np.zeros((2, 3)), np.ones((2, 3)), players=["a", "b"],
                                         strategies=[["x", "y"], ["p", "q", "r"]], title="t")
    assert game.players == ("a", "b") and game.strategies == (("x", "y"), ("p", "q", "r")) and game.title == "t"
    np.testing.assert_array_equal(game.payoffs[1], np.ones((2, 3)))
    with pytest.raises(ValueError, match="one shape"):
        gt.NormalFormGame.from_arrays(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(ValueError, match="axes"):
        gt.NormalFormGame.from_arrays(np.zeros((2, 2)))
    with pytest.raises(ValueError):
        gt.NormalFormGame.from_arrays()
    with pytest.raises(ValueError, match="probability vector per player"):
        game.regrets([[1, 0]])


def test_is_nash_tolerance():
    game = gt.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    near = [[1, 0], [0.999, 0.001]]
    assert not game.is_nash(near) and game.is_nash(near, tol=0.01)
    with pytest.raises(GameFileError, match="^tol: "):
        game.is_nash(near, tol=-1)


@st.composite
def games_and_profiles(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=3)))
    values = st.floats(-100, 100, allow_nan=False)
    payoffs = np.array(draw(st.lists(values, min_size=len(shape) * int(np.prod(shape)),
                                     max_size=len(shape) * int(np.prod(shape))))).reshape((len(shape),) + shape)
    profile = []
    for n in shape:
        weights = np.array(draw(st.lists(st.floats(0, 1), min_size=n, max_size=n))) + 1e-3
        profile.append(weights / weights.sum())
    return payoffs, profile


@settings(max_examples=60, deadline=None)
@given(games_and_profiles())
def test_profile_checks_agree_with_the_solvers(case):
    payoffs, profile = case
    game = gt.NormalFormGame.from_arrays(*payoffs)
    np.testing.assert_array_equal(game.regrets(profile), regret.regrets(payoffs, profile))
    np.testing.assert_array_equal(game.expected_payoffs(profile), regret.expected_payoffs(payoffs, profile))
    tol = regret.default_tol(payoffs)
    assert game.is_nash(profile) == (regret.max_regret(payoffs, profile) <= tol)
    assert game.is_nash(profile, tol=1e9)


# -- errors: the library names arguments, the CLI its flags ---------------------------------


@pytest.mark.parametrize("source, flag", [("params", "--set"), ("orders", "--orders"), ("vary", "--vary"),
                                          ("scheduler", "--scheduler"), ("plot", "--plot"), ("outcomes", "--outcome")])
def test_error_line_says_flags(source, flag):
    assert error_line(GameFileError(source, "K", "bad")) == f"{flag}: K: bad"
    assert FLAGS[source] == flag


def test_error_line_keeps_file_names_and_translates_messages():
    assert error_line(GameFileError("params", "", "no such file"), given={"params"}) == "params: no such file"
    assert error_line(GameFileError("plot", "m.png", "pictures need (vary= once or twice)")) == \
        "--plot: m.png: pictures need (--vary once or twice)"
    assert error_line(GameError("scheduler= needs dask")) == "--scheduler needs dask"
    assert error_line(GameFileError("f.nfg", "", "the file exists; pass overwrite=True to replace it")) == \
        "f.nfg: the file exists; add --force to replace it"


def test_library_errors_name_arguments(tmp_path):
    with pytest.raises(GameFileError, match="^param: nope: "):
        gt.threshold("us_china", "nope", "status_quo")
    with pytest.raises(GameFileError, match="^outcome: nope: "):
        gt.threshold("us_china", "rho", "nope")
    with pytest.raises(GameFileError, match="^resume: needs out="):
        gt.sweep("us_china", ["rho=0:1:3"], resume=True)
    with pytest.raises(GameFileError, match=r"^plot: .*\(vary= once or twice\)"):
        gt.sweep("us_china", samples=10, plot=tmp_path / "x.png")
    with pytest.raises(GameFileError, match="^vary: "):
        api.sweep("us_china", ["nope=0:1:3"])


def test_error_line_leaves_quoted_input_as_the_user_wrote_it():
    line = error_line(GameFileError("params", "q", "expected a finite number, found 'tol= 1': not a number"))
    assert line == "--set: q: expected a finite number, found 'tol= 1': not a number"
    result = CliRunner().invoke(main, ["solve", "us_china", "--set", "q=tol= 1"])
    assert result.exit_code == 2 and "found 'tol= 1'" in result.output


# -- wrong kinds of argument get an error naming the argument -------------------------------


@pytest.mark.parametrize("game", [5, None, np.zeros((2, 2))])
def test_a_game_of_the_wrong_type_is_named(game):
    for function in (gt.solve, gt.show, gt.validate, gt.compare):
        with pytest.raises(TypeError, match=r"^game: expected a path, the name of a bundled game, or a game"):
            function(game)


def test_numeric_games_work_with_every_twin():
    numeric = gt.NormalFormGame.from_arrays(np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]]))
    assert gt.show(numeric).best_responses[0].tolist() == [[False, False], [True, True]]
    assert gt.validate(numeric).game.players == numeric.players
    assert gt.export(numeric, ".nfg").startswith("NFG 1 R")
    tree = gt.load_game("us_japan_china_sequential").at()
    assert gt.validate(tree).game.n_leaves == tree.n_leaves


@pytest.mark.parametrize("params", [["q", 0.3], "q=0.3", 0.3])
def test_params_must_be_a_mapping(params):
    with pytest.raises(GameFileError, match=r"^params: expected a mapping of parameter names to values"):
        gt.solve("us_china", params)


def test_one_name_where_a_list_is_expected_is_one_item():
    one = gt.sweep("us_china", "rho=0:1:5", outcomes="status_quo")
    listed = gt.sweep("us_china", ["rho=0:1:5"], outcomes=["status_quo"])
    assert one.table.equals(listed.table)
    sampled = gt.sweep("us_china", samples=5, sample_params="rho")
    assert list(sampled.spec.design.names) == ["rho"]
    order = gt.compare("us_japan_china", orders="US,Japan,China")
    assert [o.order for o in order.orders] == [("US", "Japan", "China")]
