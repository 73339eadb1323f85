"""Dates as a reader says them, at the precision the record gives: never a made-up day."""

from __future__ import annotations

import pandas as pd

from loaders.date_values import PART_OF_YEAR_MONTHS

# "early 2025" is January–April: the words the importer reads are the words shown.
_PART_OF_YEAR = {months: part for part, months in PART_OF_YEAR_MONTHS.items()}


def format_interval(start: object, end: object, precision: str) -> str:
    """'17 Feb 2025', 'Feb 2025', '2024', 'Jun–Aug 2025', '10–11 Feb 2025', 'early 2025'."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if pd.isna(start):
        return ""
    if pd.isna(end):
        end = start
    if precision == "day" or start == end:
        return _day(start)
    if precision == "month":
        return f"{start:%b %Y}"
    if precision == "year":
        return f"{start.year}"
    if _whole_months(start, end):
        return _months(start, end)
    return _days(start, end)


def _day(day: pd.Timestamp) -> str:
    return f"{day.day} {day:%b %Y}"


def _whole_months(start: pd.Timestamp, end: pd.Timestamp) -> bool:
    return start.day == 1 and end.is_month_end


def _months(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A span of whole months: a year, years, a part of a year, or the months it runs over."""
    if start.month == 1 and end.month == 12:
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if start.year == end.year:
        part = _PART_OF_YEAR.get((start.month, end.month))
        if part:
            return f"{part} {start.year}"
        if start.month == end.month:
            return f"{start:%b %Y}"
        return f"{start:%b}–{end:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def _days(start: pd.Timestamp, end: pd.Timestamp) -> str:
    if start.year == end.year and start.month == end.month:
        return f"{start.day}–{end.day} {start:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{_day(start)} – {_day(end)}"


def format_day(day: object) -> str:
    """One calendar day, as the intervals write it: '17 Feb 2025'; '' for none."""
    if day is None or pd.isna(day):
        return ""
    return _day(pd.Timestamp(day))


def interval_column(events: pd.DataFrame) -> pd.Series:
    """Each event's date at its precision, for a table's display column."""
    return pd.Series(
        [
            format_interval(start, end, str(precision))
            for start, end, precision in zip(
                events["date_start"], events["date_end"], events["date_precision"], strict=True
            )
        ],
        index=events.index,
        dtype="str",
    )
