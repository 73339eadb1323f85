"""Date cells as (start, end, precision): ISO forms, seasons and quarters first, then dateparser.

A cell names a period, not a moment: 'February 2025' is all of February, never 1 or 29 February.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pandas as pd
from dateparser.date import DateDataParser

from loaders.article_dates import ARABIC_MONTHS
from timeline.periods import month_interval, period_interval, season_interval

# Languages tried for free-text dates; a short list keeps a failed parse at ~1 ms instead of seconds.
DEFAULT_LANGUAGES = ("en", "ar", "zh", "fr", "de", "es", "ru")
_SEASON = re.compile(r"^(spring|summer|autumn|fall|winter)\s+(\d{4})$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:(\d{4})[-\s]?Q([1-4])|Q([1-4])[-\s]?(\d{4}))$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
# dateparser fills a missing part from RELATIVE_BASE; two far-apart bases expose relative phrases.
_PROBE_BASES = (dt.datetime(2001, 6, 15), dt.datetime(2011, 3, 3))


class DateValueError(ValueError):
    """A date cell that names no period we can place."""


Interval = tuple[pd.Timestamp, pd.Timestamp, str]


def parse_date_value(value: object, relative_base: dt.date | None = None, languages=DEFAULT_LANGUAGES) -> Interval:
    """(start, end, precision) for a date cell; relative phrases need `relative_base`."""
    if isinstance(value, dt.date):
        day = pd.Timestamp(value).normalize()
        return day, day, "day"
    text = " ".join(str(value).split())
    if not text:
        raise DateValueError("is empty")
    structured = _structured(text)
    if structured:
        return structured
    return _free_text(text, relative_base, tuple(languages))


def _structured(text: str) -> Interval | None:
    if _YEAR.match(text):
        start, end = period_interval(pd.Timestamp(int(text), 1, 1), "year")
        return start, end, "year"
    if match := _MONTH.match(text):
        start, end = month_interval(int(match[1]), int(match[2]))
        return start, end, "month"
    if match := _QUARTER.match(text):
        year, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
        start, end = period_interval(pd.Timestamp(int(year), 3 * int(quarter), 1), "quarter")
        return start, end, "quarter"
    if match := _SEASON.match(text):
        start, end = season_interval(match[1], int(match[2]))
        return start, end, "season"
    if _ISO_DAY.match(text):
        try:
            day = pd.Timestamp(text)
        except ValueError as error:
            raise DateValueError(f"{text!r} is not a calendar day ({error})") from None
        return day, day, "day"
    return None


@cache
def _parser(languages: tuple[str, ...], base: dt.datetime) -> DateDataParser:
    settings = {"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=list(languages), settings=settings)


# dateparser knows the Egyptian month names (فبراير) but not the Levantine (شباط) or Maghrebi ones.
_EGYPTIAN_NAME = {number: name for name, number in reversed(ARABIC_MONTHS.items())}
_OTHER_ARABIC_MONTHS = re.compile(
    "|".join(
        sorted(
            (name for name, number in ARABIC_MONTHS.items() if name != _EGYPTIAN_NAME[number]), key=len, reverse=True
        )
    )
)


def _free_text(text: str, relative_base: dt.date | None, languages: tuple[str, ...]) -> Interval:
    text = _OTHER_ARABIC_MONTHS.sub(lambda match: _EGYPTIAN_NAME[ARABIC_MONTHS[match[0]]], text)
    probes = [_parser(languages, base).get_date_data(text) for base in _PROBE_BASES]
    if probes[0].date_obj is None:
        raise DateValueError(f"{text!r} is not a date dateparser can read (tried {', '.join(languages)})")
    if probes[0].date_obj.date() != probes[1].date_obj.date() or probes[0].date_obj.year in {2001, 2011}:
        if relative_base is None:
            raise DateValueError(f"{text!r} is relative or lacks a year; give a published date or a full date")
        base = dt.datetime.combine(relative_base, dt.time())
        data = _parser(languages, base).get_date_data(text)
    else:
        data = probes[0]
    precision = {"day": "day", "week": "week", "month": "month", "year": "year"}.get(data.period or "day", "day")
    start, end = period_interval(pd.Timestamp(data.date_obj).normalize(), precision)
    return start, end, precision


def parse_span(start_value: object, end_value: object, relative_base: dt.date | None = None) -> Interval:
    """The interval from a start cell to an end cell, each widened to the period it names."""
    start, _, start_precision = parse_date_value(start_value, relative_base)
    _, end, end_precision = parse_date_value(end_value, relative_base)
    if end < start:
        raise DateValueError(f"end {end.date()} is before start {start.date()}")
    if start == end:
        return start, end, "day"
    if start_precision == end_precision == "day":
        return start, end, "range"
    # Two periods (January to March 2025): the event lies somewhere within, no finer.
    return start, end, "undated"
