"""An event typed in by an analyst: the date read as written, the row built and checked by the one schema."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from loaders.date_values import DateValueError, parse_date_value, parse_span
from timeline.schema import COLUMNS, enforce_schema, split_names

ORIGIN = "Add event form"


@dataclass(frozen=True)
class ReadDate:
    start: pd.Timestamp
    end: pd.Timestamp
    precision: str


def read_date(written: str, until: str = "", published: dt.date | None = None) -> ReadDate:
    """The interval and precision of a date as the source words it (and of an optional end, for a span).

    Relative words ("last year", "on Thursday") are read against the source's publication date, never today.
    Raises DateValueError saying what could not be read.
    """
    if until.strip():
        start, end, precision = parse_span(written, until, relative_base=published)
    else:
        start, end, precision = parse_date_value(written, relative_base=published)
    return ReadDate(start, end, precision)


def event_id_for(title: str, start: pd.Timestamp) -> str:
    """A stable kebab-case id from the title's Latin letters and the first day: 'xi-meets-founders-2025-02-17'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())[:8]
    return "-".join([*words, f"{start:%Y-%m-%d}"]) if words else f"event-{start:%Y-%m-%d}"


def new_event_frame(
    *,
    title: str,
    date_written: str,
    date_until: str = "",
    category: str,
    actors: Iterable[str],
    countries: str | Iterable[str],
    location: str,
    source: dict,
    quote: str,
    summary: str,
    event_id: str = "",
) -> pd.DataFrame:
    """The one-row event frame for the form's values, checked by the schema (raises ValueError naming the field)."""
    published = source.get("published")
    published_day = None if published is None or pd.isna(published) else pd.Timestamp(published).date()
    try:
        when = read_date(date_written, date_until, published_day)
    except DateValueError as error:
        raise ValueError(f"{ORIGIN}, field 'date': {error}") from None
    written = date_written.strip() + (f" – {date_until.strip()}" if date_until.strip() else "")
    row = {
        "event_id": event_id.strip() or event_id_for(title, when.start),
        "title": title,
        "summary": summary or None,
        "date_start": when.start,
        "date_end": when.end,
        "date_precision": when.precision,
        "date_text": written,
        "category": category,
        "actors": tuple(actors),
        "countries": split_names(countries),
        "location": location or None,
        "source_name": source["name"],
        "source_url": source.get("url") or None,
        "source_lang": source["lang"],
        "published": published_day,
        "quote": quote or None,
        "source_ids": (source["source_id"],),
        "status": "accepted",  # typed in by an analyst: already reviewed
        "confidence": 1.0,
    }
    return enforce_schema(pd.DataFrame([row], columns=list(COLUMNS)), origin=ORIGIN)
