"""The quantity a study analyses, read from a sweep table's status column."""

import numpy as np
import pytest

from gametheory_re.errors import GameFileError
from gametheory_re.gsa.target import Target, resolve_quantity, target

STATUS = np.array(["all", "some", "none", "unknown", "all", "none"], dtype=object)


def test_all_is_one_only_where_the_outcome_holds_in_every_equilibrium():
    found = target({"deal": STATUS}, "deal")
    assert found.status == "all" and found.select is None and found.binary
    np.testing.assert_array_equal(found.values, [1, 0, 0, np.nan, 1, 0])
    assert found.n_unjudged == 1 and found.judged.tolist() == [True, True, True, False, True, True]
    assert found.description == "deal holds in every equilibrium"


def test_some_is_one_where_it_holds_in_at_least_one():
    found = target({"deal": STATUS}, "deal", "some")
    np.testing.assert_array_equal(found.values, [1, 1, 0, np.nan, 1, 0])
    assert found.description == "deal holds in some equilibrium"


def test_unknown_is_left_out_and_said_so():
    found = target({"deal": STATUS}, "deal")
    assert found.left_out_notes() == ["1 of 6 runs left out: no equilibrium found to judge by"]
    assert target({"deal": STATUS[:3]}, "deal").left_out_notes() == []
    everywhere = target({"deal": np.array(["unknown"] * 4, dtype=object)}, "deal")
    assert np.isnan(everywhere.values).all() and everywhere.n_unjudged == 4


def test_a_missing_status_column_is_named():
    with pytest.raises(GameFileError) as caught:
        target({"other": STATUS}, "deal", source="rows.csv")
    assert (caught.value.source, caught.value.key) == ("rows.csv", "deal")
    assert "no status column" in str(caught.value)


def test_a_value_that_is_not_a_status_is_named():
    with pytest.raises(GameFileError, match=r"holds 'maybe', not an outcome status \(all, some, none, unknown\)"):
        target({"deal": np.array(["all", "maybe"], dtype=object)}, "deal")


def test_a_missing_select_column_says_how_to_get_it():
    with pytest.raises(GameFileError) as caught:
        target({"deal": STATUS}, "deal", select="payoff_dominant", source="rows.csv")
    assert caught.value.source == "rows.csv" and "select=payoff_dominant" in str(caught.value)


@pytest.mark.parametrize("status, select, argument", [
    ("all", "first", "status"),
    ("every", None, "status"),
    ("", None, "status"),
])
def test_bad_quantities_name_status(status, select, argument):
    with pytest.raises(GameFileError) as caught:
        resolve_quantity(status, select)
    assert caught.value.source == argument


def test_the_default_quantity_is_all():
    assert resolve_quantity(None, None) == ("all", None)
    assert resolve_quantity("some", None) == ("some", None)


def test_a_target_built_by_hand():
    made = Target("deal", "all", None, np.array([0.0, 1.0, np.nan]))
    assert made.n_unjudged == 1 and made.unjudged_reason == "no equilibrium found to judge by"
