import numpy as np
import pytest

from timeline.stacking import sub_rows

GAP = 4.0


def random_marks(seed: int, count: int = 400, lanes: int = 3):
    """Markers 14 px wide and bands up to 120 px, crowded enough to need several sub-rows."""
    rng = np.random.default_rng(seed)
    left = rng.integers(0, 800, count).astype(float)
    width = np.where(rng.random(count) < 0.7, 14.0, rng.integers(14, 120, count))
    return rng.integers(0, lanes, count), left, left + width


def overlaps_in_a_row(lanes, left, right, rows) -> list[tuple[int, int]]:
    """Pairs of marks in one lane and sub-row with less than GAP pixels between them."""
    found = []
    for key in set(zip(lanes.tolist(), rows.tolist(), strict=True)):
        members = np.flatnonzero((lanes == key[0]) & (rows == key[1]))
        members = members[np.argsort(left[members], kind="stable")]
        found += [(a, b) for a, b in zip(members[:-1], members[1:], strict=True) if left[b] < right[a] + GAP]
    return found


@pytest.mark.parametrize("seed", range(5))
def test_no_two_marks_of_a_sub_row_come_closer_than_the_gap(seed):
    lanes, left, right = random_marks(seed)
    rows = sub_rows(lanes, left, right, GAP)
    assert rows.shape == left.shape and (rows >= 0).all()  # every mark placed, once
    assert overlaps_in_a_row(lanes, left, right, rows) == []


@pytest.mark.parametrize("seed", range(5))
def test_first_fit_uses_no_more_rows_than_the_most_marks_that_meet(seed):
    # For intervals taken by their start, first fit is optimal: as many sub-rows as marks meeting at one point.
    lanes, left, right = random_marks(seed)
    rows = sub_rows(lanes, left, right, GAP)
    for lane in np.unique(lanes):
        mine = lanes == lane
        points = np.unique(left[mine])
        meeting = max(int(((left[mine] <= x) & (right[mine] + GAP > x)).sum()) for x in points)
        assert rows[mine].max() + 1 == meeting


@pytest.mark.parametrize("seed", range(3))
def test_a_mark_goes_to_the_lowest_free_sub_row(seed):
    lanes, left, right = random_marks(seed, count=200)
    rows = sub_rows(lanes, left, right, GAP)
    for mark in np.flatnonzero(rows > 0):
        earlier = (lanes == lanes[mark]) & (left <= left[mark]) & (np.arange(len(left)) != mark)
        for lower in range(rows[mark]):
            blockers = earlier & (rows == lower) & (right + GAP > left[mark])
            assert blockers.any(), (mark, lower)


def test_events_of_one_day_each_get_a_sub_row():
    left = np.full(20, 100.0)
    rows = sub_rows(np.zeros(20, dtype=np.int64), left, left + 14, GAP)
    assert sorted(rows.tolist()) == list(range(20))


def test_lanes_stack_apart_and_lone_marks_stay_on_the_first_row():
    lanes = np.array([0, 1, 0, 1, 0])
    left = np.array([0.0, 0.0, 100.0, 5.0, 300.0])
    rows = sub_rows(lanes, left, left + 14, GAP)
    assert rows.tolist() == [0, 0, 0, 1, 0]


def test_the_same_marks_in_any_order_stack_the_same_way():
    lanes, left, right = random_marks(7)
    rows = sub_rows(lanes, left, right, GAP)
    shuffled = np.random.default_rng(1).permutation(len(left))
    again = sub_rows(lanes[shuffled], left[shuffled], right[shuffled], GAP)
    # Marks with identical extents may swap rows; their rows as a whole do not change.
    by_extent = {}
    for lane, start, end, row in zip(lanes, left, right, rows, strict=True):
        by_extent.setdefault((lane, start, end), []).append(row)
    for lane, start, end, row in zip(lanes[shuffled], left[shuffled], right[shuffled], again, strict=True):
        by_extent[(lane, start, end)].remove(row)
    assert all(not remaining for remaining in by_extent.values())


def test_no_marks():
    empty = np.array([], dtype=float)
    assert sub_rows(np.array([], dtype=np.int64), empty, empty, GAP).tolist() == []
