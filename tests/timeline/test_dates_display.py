import datetime as dt

import pandas as pd
import pytest

from timeline.dates_display import format_day, format_interval, interval_column


@pytest.mark.parametrize(
    ("start", "end", "precision", "text"),
    [
        ("2025-02-17", "2025-02-17", "day", "17 Feb 2025"),
        ("2025-02-01", "2025-02-28", "month", "Feb 2025"),  # never "1 Feb", a day the record does not give
        ("2025-02-10", "2025-02-11", "range", "10–11 Feb 2025"),
        ("2025-01-28", "2025-02-02", "range", "28 Jan – 2 Feb 2025"),
        ("2024-12-30", "2025-01-02", "range", "30 Dec 2024 – 2 Jan 2025"),
        ("2025-02-10", "2025-02-16", "week", "10–16 Feb 2025"),
        ("2024-01-01", "2024-12-31", "year", "2024"),
        ("2025-06-01", "2025-08-31", "season", "Jun–Aug 2025"),
        ("2025-12-01", "2026-02-28", "season", "Dec 2025 – Feb 2026"),  # winter runs into the next year
        ("2025-01-01", "2025-03-31", "quarter", "Jan–Mar 2025"),
        # Undated windows in the words the importer reads them from (loaders/date_values.py).
        ("2025-01-01", "2025-04-30", "undated", "early 2025"),
        ("2024-05-01", "2024-08-31", "undated", "mid 2024"),
        ("2023-09-01", "2023-12-31", "undated", "late 2023"),
        ("2018-01-01", "2020-12-31", "undated", "2018–2020"),  # "circa 2019"
        ("2023-02-01", "2023-04-30", "undated", "Feb–Apr 2023"),  # "around March 2023"
        ("2024-01-01", "2025-02-28", "undated", "Jan 2024 – Feb 2025"),
        ("2024-01-03", "2025-02-20", "undated", "3 Jan 2024 – 20 Feb 2025"),  # not whole months: the days
    ],
)
def test_format_interval(start, end, precision, text):
    assert format_interval(pd.Timestamp(start), pd.Timestamp(end), precision) == text


def test_format_day_takes_dates_and_timestamps_and_shows_nothing_for_none():
    assert format_day(dt.date(2025, 3, 1)) == "1 Mar 2025"
    assert format_day(pd.Timestamp("2025-03-01 14:00")) == "1 Mar 2025"
    assert format_day(None) == "" and format_day(pd.NaT) == ""


def test_interval_column_keeps_the_frame_index():
    events = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2025-02-01", "2025-02-17"]),
            "date_end": pd.to_datetime(["2025-02-28", "2025-02-17"]),
            "date_precision": ["month", "day"],
        },
        index=[5, 9],
    )
    assert interval_column(events).to_dict() == {5: "Feb 2025", 9: "17 Feb 2025"}
