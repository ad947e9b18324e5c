"""Every option of ``gtre sweep`` is checked before any point is solved, with one error line."""

import json

import pytest
from click.testing import CliRunner

from gametheory_re.sweeps import run as run_module  # gametheory_re.sweeps is also the function
from gametheory_re.cli import main


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if any chunk is solved."""
    monkeypatch.setattr(run_module, "run_chunks", lambda *a, **k: pytest.fail("work started before the error"))


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.mark.parametrize(
    "args, flag, message",
    [
        (["--vary", "s=0:1:3", "--seed", "-1"], "--seed", ""),
        (["--samples", "0"], "--samples", ""),
        (["--samples", "-1"], "--samples", ""),
        (["--samples", "1e3"], "--samples", ""),
        (["--vary", "s=0:1:3", "--chunk-size", "0"], "--chunk-size", ""),
        (["--vary", "s=0:1:3", "--workers", "0"], "--workers", "per CPU core"),
        (["--vary", "s=0:1:3", "--workers", "100000"], "--workers", "per CPU core"),
        (["--vary", "s=nan:1:3"], "--vary", "finite"),
        (["--vary", "s=0:inf:3"], "--vary", "finite"),
        (["--vary", "s=0:1:1e999"], "--vary", "N must be a whole number"),
        (["--vary", "s=0:1:99999999999999999999"], "--vary", "N must be a whole number"),
        (["--vary", "s=0:1"], "--vary", "expected NAME=START:STOP:N"),
        (["--vary", "s=0:1:3", "--out", "x.txt"], "--out", ".csv, .jsonl or .parquet"),
        (["--vary", "s=0:1:3", "--plot", "x.gif"], "--plot", ".png, .svg, .pdf"),
        (["--vary", "s=0:1:3", "--resume"], "--resume", "needs --out"),
        (["--vary", "s=0:1:3", "--latin"], "--latin", "random samples only"),
        (["--vary", "s=0:1:3", "--sample-param", "s"], "--sample-param", "random samples only"),
        (["--vary", "s=0:1:40000", "--vary", "K=0.1:3:40000"], "--vary", ""),  # 1.6e9 points
        (["--vary", "s=0:1:3", "--equilibria", "most"], "--equilibria", ""),
    ],
)
def test_bad_options_are_refused_before_any_work(args, flag, message, no_work, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("sweep", "us_japan_china", *args, "--quiet")
    assert result.exit_code == 2, result.output
    assert flag in result.output and message in result.output
    assert len(result.output.strip().splitlines()) == 1 and result.output.startswith("error: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("game", ["prisoners_dilemma", "nfg"])
@pytest.mark.parametrize("design", [["--samples", "10"], ["--vary", "x=0:1:3"]])
def test_a_game_without_parameters_cannot_be_swept(game, design, no_work, tmp_path):
    if game == "nfg":
        game = str(tmp_path / "pd.nfg")
        assert run("convert", "prisoners_dilemma", game).exit_code == 0
    result = run("sweep", game, *design, "--quiet")
    assert result.exit_code == 2
    assert "no parameters" in result.output and len(result.output.strip().splitlines()) == 1


def test_without_out_no_table_is_kept(monkeypatch):
    # The summary is counted chunk by chunk; a table is never built, so any
    # number of points runs in bounded memory.
    monkeypatch.setattr(run_module, "to_table", lambda *a, **k: pytest.fail("built a table"))
    monkeypatch.setattr(run_module, "MAX_TABLE_POINTS", 10)
    result = run("sweep", "us_china", "--vary", "rho=0:1:1000", "--chunk-size", "100", "--json")
    assert result.exit_code == 0, result.output
    assert sum(json.loads(result.output)["regimes"].values()) == 1000


def test_a_plot_keeps_only_the_columns_it_draws(tmp_path, monkeypatch):
    kept = {}
    real = run_module.to_table
    monkeypatch.setattr(run_module, "to_table", lambda columns, *a: kept.update(columns) or real(columns, *a))
    plot = tmp_path / "m.svg"
    result = run("sweep", "us_china", "--vary", "rho=0:1:11", "--vary", "q=0.1:1:5", "--outcome", "status_quo",
                 "--plot", str(plot), "--quiet")
    assert result.exit_code == 0, result.output
    assert sorted(kept) == ["label", "q", "rho", "status_quo", "support"] and plot.exists()


def test_python_sweep_refuses_a_table_too_large_for_memory(monkeypatch, tmp_path):
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import sweep

    monkeypatch.setattr(run_module, "MAX_TABLE_POINTS", 10)
    with pytest.raises(GameFileError, match="out=.*collect=False"):
        sweep("us_china", ["rho=0:1:11"])
    sweep("us_china", ["rho=0:1:11"], out=tmp_path / "r.csv", collect=False)
    assert len((tmp_path / "r.csv").read_text().splitlines()) == 12


def test_python_sweep_caps_workers():
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import sweep
    from gametheory_re.sweeps.run import max_workers

    for workers in (0, max_workers() + 1, 2.5):
        with pytest.raises(GameFileError, match="workers: .*per CPU core"):
            sweep("us_china", ["rho=0:1:3"], workers=workers)


def test_a_picture_too_large_is_refused_before_any_work(monkeypatch, no_work, tmp_path):
    from gametheory_re import api as sweep_text  # the sweep picture checks are the API's

    monkeypatch.setattr(sweep_text, "MAX_PLOT_CELLS", 100)
    result = run("sweep", "us_china", "--vary", "rho=0:1:11", "--vary", "q=0.1:1:10", "--plot", str(tmp_path / "m.png"))
    assert result.exit_code == 2 and "at most 100" in result.output


@pytest.mark.parametrize("option", ["--out", "--plot"])
@pytest.mark.parametrize("where", ["file/x", "missing/x", "/proc/x", "existing"])
def test_unwritable_or_existing_targets_are_refused_before_any_work(option, where, no_work, tmp_path):
    (tmp_path / "file").write_text("")
    suffix = ".csv" if option == "--out" else ".pdf"
    target = where + suffix if where.startswith("/") else str(tmp_path / (where + suffix))
    if where == "existing":
        (tmp_path / ("existing" + suffix)).write_text("precious")
    result = run("sweep", "us_china", "--vary", "rho=0:1:11", option, target, "--quiet")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and target in result.output
    expected = "exists; add --force to replace it" if where == "existing" else "cannot write the file"
    assert expected in result.output


def test_force_replaces_out_and_plot(tmp_path):
    out, plot = tmp_path / "r.csv", tmp_path / "r.pdf"
    out.write_text("old")
    plot.write_text("old")
    result = run("sweep", "us_china", "--vary", "rho=0:1:11", "--out", str(out), "--plot", str(plot), "--force", "--quiet")
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 12 and plot.read_bytes().startswith(b"%PDF")


def test_chunks_are_bounded_by_the_payoffs_they_hold(monkeypatch, no_work):
    from gametheory_re import load_game
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps.run import make_spec

    game = load_game("us_china")
    monkeypatch.setattr(run_module, "MAX_CHUNK_VALUES", 10 * game.payoffs.size)
    assert make_spec(game, ["rho=0:1:100"]).chunk_size == 10  # the default shrinks
    with pytest.raises(GameFileError, match="at most 10 points per chunk"):
        make_spec(game, ["rho=0:1:100"], chunk_size=11)
    result = run("sweep", "us_china", "--vary", "rho=0:1:100", "--chunk-size", "11")
    assert result.exit_code == 2 and "--chunk-size: 11: the game has 8 payoffs per point" in result.output


@pytest.mark.parametrize(
    "kwargs, argument",
    [
        ({"vary": ["s=0:1"]}, "vary"),
        ({"vary": ["s=nan:1:3"]}, "vary"),
        ({"vary": ["nope=0:1:3"]}, "vary"),
        ({"vary": ["s=0:1:3"], "samples": 5}, "vary"),
        ({"samples": 0}, "samples"),
        ({"samples": 5, "seed": -1}, "seed"),
        ({"samples": 5, "sample_params": ["nope"]}, "sample_params"),
        ({"vary": ["s=0:1:3"], "latin": True}, "latin"),
        ({"vary": ["s=0:1:3"], "outcomes": ["nope"]}, "outcomes"),
        ({"vary": ["s=0:1:3"], "equilibria": "most"}, "equilibria"),
        ({"vary": ["s=0:1:3"], "chunk_size": 0}, "chunk_size"),
        ({"vary": ["s=0:1:3"], "workers": 0}, "workers"),
    ],
)
def test_python_errors_name_the_argument_and_the_cli_the_flag(kwargs, argument, no_work):
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import sweep

    kwargs = dict(kwargs)
    vary = kwargs.pop("vary", ())
    with pytest.raises(GameFileError) as caught:
        sweep("us_japan_china", vary, **kwargs)
    assert caught.value.source == argument


@pytest.mark.parametrize("kwargs", [{"samples": 10**5000}, {"samples": 5, "seed": -10**5000},
                                    {"vary": ["s=0:1:3"], "chunk_size": 10**5000},
                                    {"vary": ["s=0:1:3"], "workers": 10**5000}])
def test_huge_numbers_give_a_short_error(kwargs, no_work):
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import sweep

    kwargs = dict(kwargs)
    with pytest.raises(GameFileError, match="digits") as caught:
        sweep("us_japan_china", kwargs.pop("vary", ()), **kwargs)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("vary", [["--vary", "rho=0.1:1:3"], ["--samples", "5", "--sample-param", "rho"]])
def test_a_parameter_both_varied_and_set_is_one_error(vary):
    result = CliRunner().invoke(main, ["sweep", "us_china", *vary, "--set", "rho=0.5"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: --set: rho: is both varied and set to one value; give it one or the other"
    ]


def test_the_library_names_its_argument_for_a_bad_value():
    from gametheory_re.errors import GameFileError
    from gametheory_re.sweeps import sweep

    with pytest.raises(GameFileError, match="^params: rho: "):
        sweep("us_china", ["rho=0.1:1:3"], params={"rho": 0.5})
    with pytest.raises(GameFileError, match="^params: q: "):
        sweep("us_china", ["rho=0.1:1:3"], params={"q": 7})


def test_the_written_file_names_of_a_sweep_are_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:3", "--out", "a\x1b[2J.csv",
                                       "--plot", "a\x07.png", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "wrote a\\x1b[2J.csv" in result.output and "drew a\\x07.png" in result.output
