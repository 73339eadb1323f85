import pandas as pd

from timeline.intake import already_stored


def test_already_stored_marks_the_candidates_the_store_holds_in_their_order():
    stored = pd.Series(["a", "b", "c", "d"], dtype="str")
    candidates = pd.Series(["d", "x", "a"], index=[7, 8, 9], dtype="str")
    found = already_stored(candidates, stored)
    assert found.tolist() == [True, False, True] and list(found.index) == [7, 8, 9]
    assert not already_stored(candidates, stored.iloc[:0]).any()
