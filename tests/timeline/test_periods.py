import pandas as pd
import pytest

from timeline.periods import period_interval, season_interval


@pytest.mark.parametrize(
    ("anchor", "precision", "start", "end"),
    [
        ("2025-02-17", "day", "2025-02-17", "2025-02-17"),
        ("2025-02-17", "week", "2025-02-17", "2025-02-23"),  # 17 Feb 2025 was a Monday
        ("2025-02-17", "month", "2025-02-01", "2025-02-28"),
        ("2024-02-10", "month", "2024-02-01", "2024-02-29"),  # leap year
        ("2025-05-05", "quarter", "2025-04-01", "2025-06-30"),
        ("2025-07-15", "season", "2025-06-01", "2025-08-31"),
        ("2025-01-15", "season", "2024-12-01", "2025-02-28"),  # January belongs to the winter begun in December
        ("2024-07-01", "year", "2024-01-01", "2024-12-31"),
    ],
)
def test_period_interval(anchor, precision, start, end):
    assert period_interval(pd.Timestamp(anchor), precision) == (pd.Timestamp(start), pd.Timestamp(end))


def test_winter_runs_into_the_next_year():
    assert season_interval("winter", 2025) == (pd.Timestamp("2025-12-01"), pd.Timestamp("2026-02-28"))


def test_unknown_precision_is_an_error():
    with pytest.raises(ValueError, match="range"):
        period_interval(pd.Timestamp("2025-01-01"), "range")
