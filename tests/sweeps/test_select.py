"""Equilibrium selection as sweep columns (SweepSpec.select, gtre sweep --select)."""

import numpy as np
import pandas
import pytest
from click.testing import CliRunner

from gametheory_re.cli import main
from gametheory_re.equilibria import find_equilibria
from gametheory_re.errors import GameFileError
from gametheory_re.formats import load_game
from gametheory_re.sweeps import sweep
from gametheory_re.sweeps.engine import selected_column, solve_chunk
from gametheory_re.sweeps.output import ChunkStore
from gametheory_re.sweeps.run import make_spec, manifest, table_columns

GRID = ["rho=0:1:7", "q=0.1:1:4"]


def _reference(game, row, outcome, rule, names):
    """The selected probability at one point, from the point solver, equilibria in label order."""
    result = find_equilibria(game.at({n: repr(float(row[n])) for n in names}))
    ordered = sorted(result.equilibria, key=lambda e: (any(len(s) > 1 for s in e.supports), e.supports, e.rounded()))
    if not ordered:
        return np.nan
    if rule == "first":
        return ordered[0].outcome_probabilities[outcome]
    best = [e for e in ordered if all((e.payoffs >= f.payoffs - result.tol).all() for f in ordered)]
    values = {round(e.outcome_probabilities[outcome], 6) for e in best}
    return best[0].outcome_probabilities[outcome] if len(values) == 1 else np.nan


@pytest.mark.parametrize("rule", ["first", "payoff_dominant", "risk_dominant"])
def test_game_a_grid_adds_one_column_per_outcome_and_keeps_the_rest(rule):
    plain = sweep("us_china", GRID)
    table = sweep("us_china", GRID, select=rule)
    game = load_game("us_china")
    added = [selected_column(name, rule) for name in game.outcomes]
    assert list(table.columns) == list(plain.columns) + added
    pandas.testing.assert_frame_equal(table[plain.columns], plain)
    values = table[added].to_numpy()
    assert np.all(np.isnan(values) | ((values >= -1e-9) & (values <= 1 + 1e-9)))
    if rule != "risk_dominant":
        for _, row in table.iloc[::5].iterrows():
            for name in game.outcomes:
                np.testing.assert_allclose(row[selected_column(name, rule)], _reference(game, row, name, rule, ["rho", "q"]),
                                           atol=1e-7)


def test_single_equilibrium_points_select_it_whatever_the_rule():
    tables = {rule: sweep("us_china", GRID, select=rule) for rule in ("first", "payoff_dominant", "risk_dominant")}
    single = tables["first"]["n_equilibria"] == 1
    for rule in ("payoff_dominant", "risk_dominant"):
        np.testing.assert_array_equal(tables[rule][single]["status_quo@" + rule], tables["first"][single]["status_quo@first"])


def test_game_b_first_matches_the_point_solver():
    game = load_game("us_japan_china")
    table = sweep(game, samples=300, seed=3, select="first")
    names = [c for c in table.columns if c in game.parameters]
    for _, row in table.iterrows():
        for outcome in game.outcomes:
            np.testing.assert_allclose(row[outcome + "@first"], _reference(game, row, outcome, "first", names), atol=1e-7)


def test_pure_sweeps_select_among_pure_equilibria():
    table = sweep("us_japan_china", samples=50, seed=1, select="first", equilibria="pure")
    column = [c for c in table.columns if c.endswith("@first")][0]
    assert np.isnan(table[column][table["n_equilibria"] == 0]).all()
    assert set(table[column][table["n_equilibria"] > 0].tolist()) <= {0.0, 1.0}


def test_select_errors_name_the_argument():
    game = load_game("us_china")
    with pytest.raises(GameFileError, match="expected one of") as info:
        make_spec(game, GRID, select="best")
    assert info.value.source == "select"
    with pytest.raises(GameFileError, match="2 strategies each"):
        make_spec(load_game("us_japan_china"), ["s=0:1:3"], select="risk_dominant")
    with pytest.raises(GameFileError, match="subgame-perfect"):
        make_spec(load_game("us_japan_china_sequential"), samples=3, select="first")


def test_select_none_changes_no_column_or_manifest_key_but_select():
    game = load_game("us_china")
    plain, chosen = make_spec(game, GRID), make_spec(game, GRID, select="first")
    assert table_columns(chosen)[:len(table_columns(plain))] == table_columns(plain)
    assert {k for k in manifest(plain) if manifest(plain)[k] != manifest(chosen)[k]} == {"select"}


def test_csv_round_trip_and_resume_refuses_another_rule(tmp_path):
    out = tmp_path / "rows.csv"
    axes = ["s=0:1:5", "K=0.1:3:4"]
    table = sweep("us_japan_china", axes, select="first", out=out, chunk_size=5)
    back = pandas.read_csv(out)
    column = [c for c in table.columns if c.endswith("@first")][0]
    assert back[column].dtype == float
    np.testing.assert_allclose(back[column], table[column])
    # An interrupted sweep: two of its four chunks in the parts folder.
    out.unlink()
    spec = make_spec(load_game("us_japan_china"), axes, select="first", chunk_size=5)
    store = ChunkStore(out, manifest(spec), resume=False)
    for i in (0, 2):
        store.write(i, solve_chunk(spec, i))
    store.close()
    for other in ("payoff_dominant", None):
        with pytest.raises(GameFileError, match="settings|another"):
            sweep("us_japan_china", axes, select=other, out=out, chunk_size=5, resume=True)
    again = sweep("us_japan_china", axes, select="first", out=out, chunk_size=5, resume=True)
    pandas.testing.assert_frame_equal(again, table)


def test_cli_select_from_an_empty_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--select", "first", "--out", "x.csv", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "status_quo@first" in pandas.read_csv(tmp_path / "x.csv").columns
    bad = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:5", "--select", "best"])
    assert bad.exit_code != 0 and "--select" in bad.output and "Traceback" not in bad.output
    assert len(bad.output.strip().splitlines()) == 1


@pytest.mark.parametrize("rule", ["first", "payoff_dominant", "risk_dominant"])
def test_point_solver_fallback_selects_as_the_batch_does(rule, monkeypatch):
    import dataclasses

    from gametheory_re.sweeps import engine

    batched = sweep("us_china", GRID, select=rule)
    solve = engine.batch_bimatrix_supports
    # Every point left to the one-game solver.
    monkeypatch.setattr(engine, "batch_bimatrix_supports", lambda *a: dataclasses.replace(
        solve(*a), unresolved=np.ones(len(solve(*a).unresolved), dtype=bool)))
    pointwise = sweep("us_china", GRID, select=rule)
    pandas.testing.assert_frame_equal(pointwise, batched, atol=1e-7)


def test_summary_counts_the_points_without_a_selected_value():
    runner = CliRunner()
    result = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:11", "--vary", "q=0.1:1:5",
                                  "--select", "risk_dominant", "--json"])
    assert result.exit_code == 0, result.output
    data = __import__("json").loads(result.output)
    table = sweep("us_china", ["rho=0:1:11", "q=0.1:1:5"], select="risk_dominant")
    assert data["select"] == "risk_dominant"
    assert data["unselected_points"] == int(table.filter(like="@").isna().any(axis=1).sum())
    text = runner.invoke(main, ["sweep", "us_china", "--vary", "rho=0:1:11", "--select", "first"]).output
    assert "Selection first: no value at 0 of 11 points" in text
