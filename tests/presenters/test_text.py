"""Plain-text views: they format what the results hold."""

import gametheory_re as gt
from gametheory_re.presenters.text import show_result


def test_outcome_wording_uses_probabilities_not_the_payoff_tolerance():
    # A loose payoff tolerance must not round a 1.7% outcome down to "does not hold".
    loose = gt.solve("us_china", {"rho": 0.3}, tol=0.02)
    assert "status_quo holds with probability 0.0171429" in show_result(loose)
    pure = gt.solve("us_china")
    assert pure.pure and all(eq.outcome_holds(name) is not None
                             for eq in pure.pure for name in eq.outcome_probabilities)
    assert "does not hold" in show_result(pure)


def test_equilibrium_lines_show_the_probabilities_and_json_keeps_the_support():
    from gametheory_re.presenters.json_out import result_dict

    mixed = gt.solve("us_china", {"rho": 0.3})
    assert "Equilibrium 1: (engage 0.20|decouple 0.80, supply 0.09|restrict 0.91)  [mixed" in show_result(mixed)
    [item] = result_dict(mixed)["equilibria"]
    assert item["label"] == "(engage 0.20|decouple 0.80, supply 0.09|restrict 0.91)"
    assert item["support"] == "(engage|decouple, supply|restrict)"
    # Game B at its defaults: one pure equilibrium (label == support) and two mixed ones.
    items = result_dict(gt.solve("us_japan_china"))["equilibria"]
    assert [e["label"] == e["support"] for e in items] == [e["pure"] for e in items] == [True, False, False]
    assert all("|" in e["support"] and " 0." in e["label"] for e in items if not e["pure"])
