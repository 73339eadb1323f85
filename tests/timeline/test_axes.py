import re

import pandas as pd
import pytest

from timeline.axes import DAY_MS, time_axis

TIME_OF_DAY = re.compile(r"%[HIMSLfpPX]")  # hours, minutes, seconds, milliseconds, AM/PM, clock time


@pytest.mark.parametrize(
    ("first", "last", "dtick", "label"),
    [
        ("2025-02-17", "2025-02-17", DAY_MS, "%-d %b %Y"),  # one day: days around it
        ("2025-02-17", "2025-02-23", DAY_MS, "%-d %b<br>%Y"),  # a week: days
        ("2025-02-01", "2025-03-15", 7 * DAY_MS, "%-d %b<br>%Y"),  # six weeks: weeks
        ("2025-01-01", "2025-03-31", "M1", "%b<br>%Y"),  # a quarter: months
        ("2024-01-01", "2025-06-30", "M1", "%b<br>%Y"),  # eighteen months: months
        ("2023-01-01", "2025-12-31", "M3", "%b<br>%Y"),  # three years: quarters
        ("2015-01-01", "2025-12-31", "M12", "%Y"),  # a decade: years
        ("1950-01-01", "2025-12-31", "M120", "%Y"),  # most of a century: every ten years
        ("2000-01-01", "2035-12-31", "M60", "%Y"),  # decades: every five years
    ],
)
def test_ticks_follow_the_span(first, last, dtick, label):
    axis = time_axis(pd.Timestamp(first), pd.Timestamp(last))
    assert axis.dtick == dtick
    assert axis.tickformat == label
    assert not TIME_OF_DAY.search(axis.tickformat)
    assert axis.start < pd.Timestamp(first) and axis.end > pd.Timestamp(last) + pd.Timedelta(days=1)


def test_one_day_is_shown_between_its_neighbours():
    axis = time_axis(pd.Timestamp("2025-02-17"), pd.Timestamp("2025-02-17"))
    assert (axis.start, axis.end) == (pd.Timestamp("2025-02-16"), pd.Timestamp("2025-02-19"))
    layout = axis.layout()
    assert layout["ticklabelmode"] == "period"  # "17 Feb 2025" sits in the middle of its day
    assert not TIME_OF_DAY.search(layout["hoverformat"])


def test_padding_keeps_edge_marks_inside_and_is_whole_days():
    axis = time_axis(pd.Timestamp("2020-01-01"), pd.Timestamp("2025-12-31"))
    assert axis.start == axis.start.normalize() and axis.end == axis.end.normalize()
    span = pd.Timestamp("2026-01-01") - pd.Timestamp("2020-01-01")
    assert pd.Timestamp("2020-01-01") - axis.start >= span * 0.02


def test_times_of_day_in_the_input_are_ignored():
    assert time_axis(pd.Timestamp("2025-02-17 13:30"), pd.Timestamp("2025-02-17 18:00")) == time_axis(
        pd.Timestamp("2025-02-17"), pd.Timestamp("2025-02-17")
    )


def test_a_view_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="ends"):
        time_axis(pd.Timestamp("2025-02-17"), pd.Timestamp("2025-02-01"))
