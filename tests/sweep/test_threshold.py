import pytest

from gametheory_re.errors import GameFileError
from gametheory_re.sweep.threshold import thresholds


def test_game_a_status_quo_switches_where_the_closed_form_says():
    # China restricts against engage iff g - pi*q > rho, i.e. rho < 0.5 at the defaults.
    (switch,) = thresholds("us_china", "rho", "status_quo")
    assert switch.value == pytest.approx(0.5, abs=1e-8)
    assert (switch.status_below, switch.status_above) == ("none", "all")
    assert switch.label_above == "(engage, supply)"


def test_game_a_dual_chain_along_q():
    # (decouple, restrict) needs gamma*X_U + b > K with X_U = 5*0.7*q: q > 0.8/1.75 = 0.457...
    switches = thresholds("us_china", "q", "dual_chain")
    assert switches[0].value == pytest.approx(0.8 / 1.75, abs=1e-8)
    assert switches[0].status_below == "none"


def test_burden_sharing_threshold_in_k():
    switches = thresholds("us_japan_china", "K", "burden_sharing", {"s": "0.5"})
    assert switches[0].status_below == "all" and switches[0].label_below == "(build, align, supply)"
    assert switches[0].value == pytest.approx(0.2, abs=1e-7)


@pytest.mark.parametrize(
    "param, outcome, message",
    [("nope", "dual_chain", "unknown parameter"), ("q", "nope", "unknown outcome")],
)
def test_bad_requests(param, outcome, message):
    with pytest.raises(GameFileError, match=message):
        thresholds("us_china", param, outcome)
