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
