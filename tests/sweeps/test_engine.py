import numpy as np
import pytest

import gametheory_re as gt
from gametheory_re.result import set_label
from gametheory_re.solvers.pure import pure_equilibria
from gametheory_re.solvers.regret import default_tol
from gametheory_re.sweeps import sweep


def test_game_b_pure_sweep_labels_equal_the_pure_check_everywhere():
    # Asked for pure equilibria only, the sweep's reference at every point is
    # the point solver's pure-equilibrium search.
    game = gt.load_game("us_japan_china")
    table = sweep(game, ["s=0:1:101", "K=0.1:3:101"], equilibria="pure", as_frame=False)
    assert np.array_equal(table["label"], table["support"])
    assert len(table) == 10_201
    mask = game.outcomes["burden_sharing"].mask
    payoffs = game.payoff_batch({"s": table["s"], "K": table["K"]})  # what game.at() evaluates, point by point
    for row, point_payoffs in zip(table, np.moveaxis(payoffs, -1, 0)):
        profiles = pure_equilibria(point_payoffs, default_tol(point_payoffs))
        supports = [tuple((i,) for i in p) for p in profiles]
        assert row["label"] == (set_label(game.strategies, supports) if profiles else "no pure equilibrium")
        holds = [bool(mask[p]) for p in profiles]
        want = "unknown" if not holds else "all" if all(holds) else "some" if any(holds) else "none"
        assert row["burden_sharing"] == want
    assert set(table["label"]) >= {"(no_build, hedge, restrict)", "(build, align, supply)", "no pure equilibrium"}


def test_game_a_mixed_region_matches_the_closed_form():
    game = gt.load_game("us_china")
    table = sweep(game, ["K=0.3:3:40", "rho=0.21:0.49:40"], as_frame=False)
    mixed = table[table["support"] == "(engage|decouple, supply|restrict)"]
    assert len(mixed) > 100
    for row in mixed:
        point = {"K": repr(float(row["K"])), "rho": repr(float(row["rho"]))}
        eq = gt.solve(game, point).equilibria[0]
        x_u = 5 * 0.7 * (1 - 0) * 0.5
        assert eq.profile[1][1] == pytest.approx((row["K"] - 0.2) / (0.5 * x_u), abs=1e-9)
        assert eq.profile[0][1] == pytest.approx((1 - row["rho"] / (1 - 0.5)) / 0.5, abs=1e-9)
    # Where the closed form says a mixed equilibrium exists (both probabilities in (0, 1)), it is found.
    p = (table["K"] - 0.2) / (0.5 * 1.75)
    d = (1 - table["rho"] / 0.5) / 0.5
    inside = (p > 1e-6) & (p < 1 - 1e-6) & (d > 1e-6) & (d < 1 - 1e-6)
    assert np.array_equal(inside, table["support"] == "(engage|decouple, supply|restrict)")
    # The label prints the probabilities the point solver finds, to 2 decimals.
    for row in mixed[:20]:
        result = gt.solve(game, {"K": repr(float(row["K"])), "rho": repr(float(row["rho"]))})
        assert row["label"] == result.probability_label() == result.equilibria[0].probability_label(game)
        assert f"decouple {result.equilibria[0].profile[0][1]:.2f}" in row["label"]


def test_two_player_sweep_labels_equal_the_point_solver_including_ties():
    game = gt.load_game("us_china")
    table = sweep(game, ["rho=0:1:21", "q=0.1:1:19"], as_frame=False)
    for row in table:
        result = gt.solve(game, {"rho": repr(float(row["rho"])), "q": repr(float(row["q"]))})
        assert row["support"] == result.set_label
        assert row["label"] == result.probability_label()
        assert row["n_equilibria"] == len(result.equilibria)
        assert row["n_pure"] == len(result.pure)


def test_three_player_sweeps_search_all_equilibria_by_default_and_equal_the_point_solver():
    # The flagship map: every point is answered (no "unknown"), and
    # each equals gtre solve there, boundary points included.
    game = gt.load_game("us_japan_china")
    spec_table = sweep(game, ["gamma_U=0:0.9:101", "gamma_AB=0.1:0.9:101"], outcomes=["burden_sharing"], as_frame=False)
    assert "unknown" not in set(spec_table["burden_sharing"])
    assert (spec_table["n_equilibria"] > 0).all()
    support = spec_table["support"].reshape(101, 101)
    # Points next to a change of support, on either axis: region boundaries.
    edge = np.zeros((101, 101), dtype=bool)
    edge[1:] |= support[1:] != support[:-1]
    edge[:-1] |= support[1:] != support[:-1]
    edge[:, 1:] |= support[:, 1:] != support[:, :-1]
    edge[:, :-1] |= support[:, 1:] != support[:, :-1]
    rng = np.random.default_rng(10)
    sample = np.concatenate([
        rng.choice(np.flatnonzero(edge.ravel()), 60, replace=False),
        rng.choice(np.flatnonzero(~edge.ravel()), 40, replace=False),
    ])
    for i in sample:
        row = spec_table[i]
        result = gt.solve(game, {"gamma_U": repr(float(row["gamma_U"])), "gamma_AB": repr(float(row["gamma_AB"]))})
        assert row["support"] == result.set_label
        assert row["label"] == result.probability_label()
        assert row["n_equilibria"] == len(result.equilibria)
        assert row["n_pure"] == len(result.pure)
        holds = [e.outcome_holds("burden_sharing") for e in result.equilibria]
        want = "all" if all(holds) else "none" if not any(holds) else "some"
        assert row["burden_sharing"] == want


def test_all_mode_for_three_players_equals_the_point_solver():
    game = gt.load_game("us_japan_china")
    table = sweep(game, ["s=0:1:3"], equilibria="all", as_frame=False)
    for row in table:
        result = gt.solve(game, {"s": repr(float(row["s"]))})
        assert row["support"] == result.set_label
        assert row["label"] == result.probability_label()


def test_pure_mode_for_two_players_matches_pure_equilibria():
    game = gt.load_game("us_china")
    table = sweep(game, ["rho=0.25:0.35:5"], equilibria="pure", as_frame=False)
    for row in table:
        numeric = game.at({"rho": repr(float(row["rho"]))})
        assert row["n_equilibria"] == len(pure_equilibria(numeric.payoffs, 1e-9 * max(1, abs(numeric.payoffs).max())))


def test_undefined_payoffs_are_labelled_not_fatal():
    game = gt.formats.read_toml_game(
        "[parameters.x]\ndefault = 1\nmin = -1\nmax = 1\n"
        "[[players]]\nname='A'\nstrategies=['a','b']\n[[players]]\nname='B'\nstrategies=['c','d']\n"
        "[payoffs.formulas]\nA = 'a/x'\nB = 'c'\n"
    )
    table = sweep(game, ["x=-1:1:3"], as_frame=False)
    assert table["label"].tolist()[1] == "undefined payoffs"
    assert table["label"].tolist()[0] == "(b, c)"


def test_dataframe_by_default():
    import pandas  # a required dependency: sweep() returns a DataFrame by default

    frame = sweep("us_china", ["q=0.1:1:4"])
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["q", "label", "support", "n_equilibria", "n_pure", "dual_chain", "status_quo", "restriction"]


def test_workers_give_the_same_table():
    one = sweep("us_japan_china", ["s=0:1:40", "K=0.1:3:30"], chunk_size=200, as_frame=False)
    two = sweep("us_japan_china", ["s=0:1:40", "K=0.1:3:30"], chunk_size=200, workers=2, as_frame=False)
    assert np.array_equal(one, two)
