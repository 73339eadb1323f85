"""Date cells as (start, end, precision): fixed forms by pattern first, then dateparser.

A cell names a period, not a moment: 'February 2025' is all of February, never 1 or 29 February.
Data sets' forms are read by pattern: YYYYMMDD, YYYYMM, epoch seconds, Excel serial days; rough
words ("circa 2019", "early 2025", "around March 2023") become the honest wider interval.
Whole columns go through `parse_date_column`, which reads each distinct cell once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
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
_COMPACT_DAY = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # GDELT's SQLDATE
_COMPACT_MONTH = re.compile(r"^(\d{4})(\d{2})$")
_EPOCH_SECONDS = re.compile(r"^\d{9,10}(?:\.\d+)?$")
_EXCEL_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")  # days since 1899-12-30, as spreadsheets store them
_NEGATIVE_YEAR = re.compile(r"^-\d+(?:-\d{1,2}(?:-\d{1,2})?)?$|^0{1,4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_ROUGHLY = re.compile(r"^(?:circa|c\.|ca\.|around|about|approximately|approx\.|~)\s*(.+)$", re.IGNORECASE)
_PART_OF_YEAR = re.compile(r"^(early|mid|late)[-\s]+(\d{4})$", re.IGNORECASE)
PART_OF_YEAR_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
EXCEL_EPOCH = pd.Timestamp(1899, 12, 30)
# Beyond this a cell is no date: dateparser would spend seconds on it.
MAX_DATE_CHARS = 100
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
    if len(text) > MAX_DATE_CHARS:
        raise DateValueError(f"is {len(text):,} characters long; a date cell holds at most {MAX_DATE_CHARS}")
    if _NEGATIVE_YEAR.match(text):
        raise DateValueError(f"{text!r} is before year 1; the store keeps years 1 to 9999")
    if match := _ROUGHLY.match(text):
        return _roughly(match[1], relative_base, languages)
    structured = _structured(text)
    if structured:
        return structured
    return _free_text(text, relative_base, tuple(languages))


def _roughly(text: str, relative_base: dt.date | None, languages) -> Interval:
    """'circa 2019': a year either side; 'around March 2023': a month either side; undated within."""
    start, end, precision = parse_date_value(text, relative_base, languages)
    if precision in ("year", "undated"):
        return start - pd.DateOffset(years=1), end + pd.DateOffset(years=1), "undated"
    if precision in ("month", "season", "quarter"):
        return start - pd.DateOffset(months=1), end + pd.offsets.MonthEnd(1), "undated"
    return start - pd.Timedelta(days=3), end + pd.Timedelta(days=3), "undated"


def _structured(text: str) -> Interval | None:
    if match := _PART_OF_YEAR.match(text):
        first, last = PART_OF_YEAR_MONTHS[match[1].lower()]
        start, _ = month_interval(int(match[2]), first)
        _, end = month_interval(int(match[2]), last)
        return start, end, "undated"
    if match := _COMPACT_DAY.match(text):
        return _day(f"{match[1]}-{match[2]}-{match[3]}", text)
    if match := _COMPACT_MONTH.match(text):
        return _month(int(match[1]), int(match[2]), f"{text!r} is not a month written YYYYMM")
    if _EPOCH_SECONDS.match(text):
        day = pd.Timestamp(float(text), unit="s").normalize()
        return day, day, "day"
    if _EXCEL_SERIAL.match(text):
        day = (EXCEL_EPOCH + pd.Timedelta(days=int(float(text)))).normalize()
        return day, day, "day"
    if _YEAR.match(text):
        start, end = period_interval(pd.Timestamp(int(text), 1, 1), "year")
        return start, end, "year"
    if match := _MONTH.match(text):
        return _month(int(match[1]), int(match[2]), f"{text!r} is not a month written YYYY-MM")
    if match := _QUARTER.match(text):
        year, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
        start, end = period_interval(pd.Timestamp(int(year), 3 * int(quarter), 1), "quarter")
        return start, end, "quarter"
    if match := _SEASON.match(text):
        start, end = season_interval(match[1], int(match[2]))
        return start, end, "season"
    if _ISO_DAY.match(text):
        return _day(text, text)
    return None


def _month(year: int, month: int, refusal: str) -> Interval:
    if not 1 <= month <= 12:
        raise DateValueError(refusal)
    start, end = month_interval(year, month)
    return start, end, "month"


def _day(iso: str, text: str) -> Interval:
    try:
        day = pd.Timestamp(iso)
    except ValueError as error:
        raise DateValueError(f"{text!r} is not a calendar day ({error})") from None
    if day.year < 1:
        raise DateValueError(f"{text!r} is before year 1; the store keeps years 1 to 9999")
    return day, day, "day"


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
    second = probes[1].date_obj
    if second is None or probes[0].date_obj.date() != second.date() or probes[0].date_obj.year in {2001, 2011}:
        if relative_base is None:
            raise DateValueError(f"{text!r} is relative or lacks a year; give a published date or a full date")
        base = dt.datetime.combine(relative_base, dt.time())
        data = _parser(languages, base).get_date_data(text)
        if data.date_obj is None:
            raise DateValueError(f"{text!r} cannot be read against the published date {relative_base.isoformat()}")
    else:
        data = probes[0]
    if data.date_obj.year < 1:
        raise DateValueError(f"{text!r} is before year 1; the store keeps years 1 to 9999")
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


def parse_with_format(value: str, date_format: str) -> Interval:
    """A cell in a declared form: 'excel', 'epoch', or a strftime pattern such as %d/%m/%Y."""
    text = value.strip()
    if len(text) > MAX_DATE_CHARS:
        raise DateValueError(f"is {len(text):,} characters long; a date cell holds at most {MAX_DATE_CHARS}")
    try:
        if date_format == "excel":
            day = EXCEL_EPOCH + pd.Timedelta(days=int(float(text)))
        elif date_format == "epoch":
            day = pd.Timestamp(float(text), unit="s")
        else:
            day = pd.Timestamp(dt.datetime.strptime(text, date_format))
    except (ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        raise DateValueError(f"{text!r} is not a date written as {date_format}") from None
    day = day.normalize()
    return day, day, "day"


def _declared_or_any(text: str, base: dt.date | None, date_format: str | None) -> Interval:
    """The declared form first (it settles 03/04 as day/month or month/day), then any form a cell may take."""
    if not date_format:
        return parse_date_value(text, base)
    try:
        return parse_with_format(text, date_format)
    except DateValueError as declared_error:
        if "/" in text or "." in text:  # slashed or dotted days are the declared form's alone to read
            raise
        try:
            return parse_date_value(text, base)
        except DateValueError:
            raise declared_error from None


@dataclass
class ParsedDates:
    """A column of date cells read: start, end, precision, and the reason where a cell could not be read."""

    start: np.ndarray  # datetime64[us], NaT where unreadable
    end: np.ndarray
    precision: np.ndarray  # object: precision names, None where unreadable
    problem: np.ndarray  # object: None, or why the cell is not a date


_CACHE: dict[tuple, Interval | str] = {}
_CACHE_LIMIT = 50_000  # distinct (cell, base, form) results kept between chunks: memory stays flat


def parse_date_column(cells: pd.Series, bases: pd.Series | None = None, date_format: str | None = None) -> ParsedDates:
    """Every cell of a column, each distinct (cell, relative base) read once and remembered across calls."""
    texts = cells.fillna("").astype("str").to_numpy(dtype=object)
    if bases is None:
        codes, uniques = pd.factorize(texts)
    else:
        codes, uniques = pd.factorize(pd.Series(list(zip(texts, bases.to_numpy(dtype=object), strict=True))))
    count = len(uniques)
    starts = np.full(count, np.datetime64("NaT"), dtype="datetime64[us]")
    ends = starts.copy()
    precisions = np.full(count, None, dtype=object)
    problems = np.full(count, None, dtype=object)
    if len(_CACHE) > _CACHE_LIMIT:
        _CACHE.clear()
    for position, key in enumerate(uniques):
        text, base = (key, None) if bases is None else key
        base = None if base is None or pd.isna(base) else base
        cache_key = (text, base, date_format)
        found = _CACHE.get(cache_key)
        if found is None:
            try:
                found = _declared_or_any(text, base, date_format)
            except DateValueError as error:
                found = str(error)
            _CACHE[cache_key] = found
        if isinstance(found, str):
            problems[position] = found
        else:
            starts[position], ends[position], precisions[position] = found[0], found[1], found[2]
    return ParsedDates(starts[codes], ends[codes], precisions[codes], problems[codes])
