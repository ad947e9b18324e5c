"""Sweeps over dynamic games: each point's row is the long-run outcome of its simulation."""

import numpy as np
import pytest
from click.testing import CliRunner

from gametheory_re import load_game, simulate, sweep, thresholds
from gametheory_re.sweeps.engine import solve_chunk
from gametheory_re.sweeps.output import ChunkStore
from gametheory_re.sweeps.run import make_spec, manifest
from gametheory_re.cli import main
from gametheory_re.errors import GameFileError, UnsupportedError

from _dynamic_games import COORDINATION, FLIP, load

DUAL = "us_japan_china_dual_chain"
AXES = ["phi_theta=0:0.5:4", "phi_gamma=0:0.4:3"]


def test_a_sweep_equals_one_simulation_per_point():
    table = sweep(DUAL, AXES, periods=12, as_frame=True).table
    assert len(table) == 12
    for row in table.itertuples():
        run = simulate(DUAL, {"phi_theta": row.phi_theta, "phi_gamma": row.phi_gamma}, periods=12)
        assert row.label == run.play[0][-1]
        assert row.switches == len(run.switches[0])
        assert row.limit == run.limits[0].kind
        for name in ("burden_sharing", "dual_chain", "free_riding"):
            first = run.first_period(name)
            assert (np.isnan(getattr(row, f"first_{name}")) if first is None else getattr(row, f"first_{name}") == first)
            holds = run.outcome_probabilities()[name][-1] >= 1 - 1e-9
            assert getattr(row, name) == ("all" if holds else "none")
        assert row.n_equilibria == int(run.histories.equilibria[-1].valid[0].sum())


def test_the_long_run_map_has_both_regimes():
    summary = sweep(DUAL, ["phi_theta=0:0.5:6", "phi_gamma=0:0.5:6"], collect=False).summary
    assert summary.equilibria == "dynamics"
    assert {"(build, align, supply)", "(no_build, dependent, supply)"} <= set(summary.regimes)
    assert "the play at period 30" in summary.mode_reason


def test_limits_in_a_sweep(tmp_path):
    table = sweep(load(tmp_path, FLIP), ["x=0.1:0.3:3"], as_frame=True).table
    assert set(table["limit"]) == {"cycle"}
    table = sweep(load(tmp_path, COORDINATION, "c.toml"), ["drop=0:0.5:2"], periods=6, as_frame=True).table
    assert list(table["limit"]) == ["fixed point", "fixed point"]


def test_resume_reads_the_long_run_columns_back(tmp_path):
    out = tmp_path / "m.csv"
    whole = sweep(DUAL, AXES, periods=5, out=out, chunk_size=4, as_frame=True).table
    assert "limit,switches,first_burden_sharing" in out.read_text().splitlines()[0]
    # An interruption after chunks 0 and 2: the parts folder rebuilt by hand, then resumed.
    out.unlink()
    spec = make_spec(load_game(DUAL), AXES, chunk_size=4, periods=5)
    store = ChunkStore(out, manifest(spec), resume=False)
    for i in (0, 2):
        store.write(i, solve_chunk(spec, i))
    store.close()
    again = sweep(DUAL, AXES, periods=5, out=out, chunk_size=4, resume=True, as_frame=True).table
    assert whole.equals(again)
    # Other periods are other rows: a resume with them is refused.
    out.unlink()
    store = ChunkStore(out, manifest(spec), resume=False)
    store.write(0, solve_chunk(spec, 0))
    store.close()
    with pytest.raises(GameFileError, match="another game, grid, settings"):
        sweep(DUAL, AXES, periods=6, out=out, chunk_size=4, resume=True)


@pytest.mark.parametrize("kwargs, source", [
    ({"select": "first"}, "select"), ({"equilibria": "pure"}, "equilibria"), ({"periods": 0}, "periods"),
])
def test_options_a_dynamic_sweep_refuses(kwargs, source):
    with pytest.raises(GameFileError) as info:
        sweep(DUAL, AXES, **kwargs)
    assert info.value.source == source


def test_periods_is_for_dynamic_games():
    with pytest.raises(GameFileError, match="no one|has none"):
        sweep("us_china", ["rho=0:1:3"], periods=5)


def test_following_every_equilibrium_is_not_swept(tmp_path):
    game = load(tmp_path, COORDINATION.replace('select = "persist"', 'select = "all"'))
    with pytest.raises(UnsupportedError, match="one history per point"):
        sweep(game, ["drop=0:1:3"])


def test_the_command_line_sweep():
    result = CliRunner().invoke(main, ["sweep", DUAL, "--vary", "phi_theta=0:0.5:3", "--vary", "phi_gamma=0:0.5:3",
                                       "--periods", "10"])
    assert result.exit_code == 0, result.output
    assert "Play at the last period by support" in result.output
    assert "Outcome dual_chain at the last period:" in result.output
    bad = CliRunner().invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:3", "--periods", "4"])
    assert bad.exit_code == 2 and bad.output.strip().startswith("error: --periods: 4:")


def test_a_threshold_of_the_long_run_outcome():
    (switch,) = thresholds(DUAL, "phi_gamma", "burden_sharing", {"phi_theta": "0.3"}, points=21)
    assert (switch.status_below, switch.status_above) == ("none", "all")
    for value, play in ((switch.probe_below, "(no_build, dependent, supply)"), (switch.probe_above, "(build, align, supply)")):
        assert simulate(DUAL, {"phi_theta": 0.3, "phi_gamma": value}).play[0][-1] == play
