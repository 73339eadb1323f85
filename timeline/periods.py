"""Calendar periods as inclusive day intervals: what a month, season or year covers."""

from __future__ import annotations

import calendar

import pandas as pd

# Meteorological seasons of the northern hemisphere, by the month each starts in.
SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def period_interval(anchor: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The inclusive [start, end] of the `precision`-long period containing `anchor`."""
    anchor = pd.Timestamp(anchor).normalize()
    if precision == "day":
        return anchor, anchor
    if precision == "week":
        start = anchor - pd.Timedelta(days=anchor.weekday())  # ISO weeks start on Monday
        return start, start + pd.Timedelta(days=6)
    if precision == "month":
        return month_interval(anchor.year, anchor.month)
    if precision == "quarter":
        first_month = 3 * ((anchor.month - 1) // 3) + 1
        return _months(anchor.year, first_month, 3)
    if precision == "season":
        # December belongs to the winter that runs into the next year.
        first_month = {12: 12, 1: 12, 2: 12}.get(anchor.month, 3 * (anchor.month // 3))
        year = anchor.year - 1 if anchor.month in (1, 2) else anchor.year
        return _months(year, first_month, 3)
    if precision == "year":
        return pd.Timestamp(anchor.year, 1, 1), pd.Timestamp(anchor.year, 12, 31)
    raise ValueError(f"no calendar period for precision {precision!r}")


def month_interval(year: int, month: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    return _months(year, month, 1)


def season_interval(season: str, year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The season of `year`; winter 2025 is December 2025 to February 2026."""
    return _months(year, SEASON_START_MONTH[season.lower()], 3)


def _months(year: int, first_month: int, count: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(year, first_month, 1)
    last_month_index = first_month - 1 + count - 1
    end_year, end_month = year + last_month_index // 12, last_month_index % 12 + 1
    end = pd.Timestamp(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return start, end
