"""The analyst's filters: one value object, applied to the event frame and carried in the URL."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, replace
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from timeline.index import SORT_COLUMNS, EventIndex
from timeline.vocabulary import precise_precisions

SEARCHED_COLUMNS = ("title", "summary", "quote")  # what the text filter looks in
SEARCH_PIECE_ROWS = 250_000  # rows per piece of a column searched on one thread
_SEARCH_THREADS = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="text-search")

ACTOR_MODES = ("any", "all")


@dataclass(frozen=True)
class Filters:
    """What the analyst asked to see. The empty value shows everything."""

    actors: tuple[str, ...] = ()
    actor_mode: str = "any"  # "any": an event with at least one of the actors; "all": with every one
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""
    precise_only: bool = False
    include_unreviewed: bool = True
    threads: tuple[str, ...] = ()  # thread ids: an event in any of them
    # The events of `threads`, resolved from the store by timeline.threads.with_thread_events.
    thread_events: frozenset[str] = frozenset()
    # `text` cut into search terms, each with the actor it names (or None), resolved once per query from
    # the actor registry by `with_actor_names`: a term matches an event's text or an event of its actor.
    text_terms: tuple[tuple[str, str | None], ...] = ()
    tags: tuple[str, ...] = ()  # free tags: an event with any of them
    # The events carrying `tags`, resolved from the store by timeline.tags.with_tag_events.
    tag_events: frozenset[str] = frozenset()
    outlets: tuple[str, ...] = ()  # the primary source's outlet
    languages: tuple[str, ...] = ()  # the primary source's language, ISO 639-1
    precisions: tuple[str, ...] = ()  # exact date precisions (day, month, year, ...)
    min_confidence: float | None = None  # keep events at least this confident, 0 to 1

    def is_empty(self) -> bool:
        return self == Filters()


def apply_filters(events: pd.DataFrame, filters: Filters, index: EventIndex | None = None) -> pd.DataFrame:
    """The events that pass every filter, in date order; `index` (built from `events`) makes it fast."""
    if index is not None:
        return rows_at(events, filtered_positions(events, filters, index), index)
    keep = np.ones(len(events), dtype=bool)
    if filters.actors:
        wanted = set(filters.actors)
        if filters.actor_mode == "all":
            keep &= events["actors"].map(wanted.issubset).to_numpy(dtype=bool)
        else:
            keep &= events["actors"].map(lambda names: not wanted.isdisjoint(names)).to_numpy(dtype=bool)
    if filters.countries:
        wanted_countries = set(filters.countries)
        keep &= events["countries"].map(lambda codes: not wanted_countries.isdisjoint(codes)).to_numpy(dtype=bool)
    if filters.text.strip():
        keep &= text_matches(
            events,
            filters.text,
            filters.text_terms,
            lambda actor: events["actors"].map(lambda names: actor in names).to_numpy(dtype=bool),
        )
    keep &= _column_filters(events, filters)
    return events[keep].sort_values(SORT_COLUMNS, kind="stable").reset_index(drop=True)


def filtered_positions(events: pd.DataFrame, filters: Filters, index: EventIndex) -> np.ndarray:
    """Row positions of the events that pass, in date order, through the index; repeated asks are free."""
    if index.size != len(events):
        raise ValueError(f"the index describes {index.size} events, the frame has {len(events)}: rebuild it")
    return index.shared(filters, partial(_passing_positions, events, filters, index))


def rows_at(events: pd.DataFrame, positions: np.ndarray, index: EventIndex) -> pd.DataFrame:
    """The rows at `positions` (from filtered_positions) as a frame of their own, in that order."""
    if index.in_order and len(positions) == len(events):
        return events.reset_index(drop=True)  # every row, already in order: copy-on-write shares the data
    return events.take(positions).reset_index(drop=True)


def _passing_positions(events: pd.DataFrame, filters: Filters, index: EventIndex) -> np.ndarray:
    keep = _column_filters(events, filters)
    if filters.actors:
        keep &= index.actors.rows_with(filters.actors, index.size, require_all=filters.actor_mode == "all")
    if filters.countries:
        keep &= index.countries.rows_with(filters.countries, index.size, require_all=False)
    if filters.text.strip():
        keep &= text_matches(
            events,
            filters.text,
            filters.text_terms,
            lambda actor: index.actors.rows_with((actor,), index.size, require_all=False),
        )
    return index.order[keep[index.order]]


def _column_filters(events: pd.DataFrame, filters: Filters) -> np.ndarray:
    """The filters that are plain comparisons on one column: fast with or without an index."""
    keep = np.ones(len(events), dtype=bool)
    if filters.categories:
        keep &= events["category"].isin(filters.categories).to_numpy(dtype=bool)
    # An event is in the date range when its interval overlaps the range at all.
    if filters.date_from is not None:
        keep &= (events["date_end"] >= pd.Timestamp(filters.date_from)).to_numpy(dtype=bool)
    if filters.date_to is not None:
        keep &= (events["date_start"] <= pd.Timestamp(filters.date_to)).to_numpy(dtype=bool)
    if filters.precise_only:
        keep &= events["date_precision"].isin(precise_precisions()).to_numpy(dtype=bool)
    if not filters.include_unreviewed:
        keep &= (events["status"] == "accepted").to_numpy(dtype=bool)
    if filters.threads:
        # A set lookup per row: Series.isin hashes text slowly at a million rows.
        ids = events["event_id"].to_numpy(dtype=object)
        keep &= np.fromiter(map(filters.thread_events.__contains__, ids), dtype=bool, count=len(events))
    if filters.tags:
        ids = events["event_id"].to_numpy(dtype=object)
        keep &= np.fromiter(map(filters.tag_events.__contains__, ids), dtype=bool, count=len(events))
    if filters.outlets:
        keep &= events["source_name"].isin(filters.outlets).to_numpy(dtype=bool)
    if filters.languages:
        keep &= events["source_lang"].isin(filters.languages).to_numpy(dtype=bool)
    if filters.precisions:
        keep &= events["date_precision"].isin(filters.precisions).to_numpy(dtype=bool)
    if filters.min_confidence is not None:
        keep &= (events["confidence"] >= filters.min_confidence).to_numpy(dtype=bool)
    return keep


def text_matches(
    events: pd.DataFrame,
    query: str,
    terms: tuple[tuple[str, str | None], ...] = (),
    actor_rows: Callable[[str], np.ndarray] | None = None,
) -> np.ndarray:
    """Rows whose title, summary or quote contains every word of `query`, ignoring case.

    With `terms` (from `search_terms`), a term that names an actor («习近平», "شي جين بينغ") also
    matches every event of that actor, through `actor_rows`: the registry was asked once, not per row.
    Arrow compares case-insensitively on the frame's own text, so no case-folded copy of every
    event's text is kept beside it (its folding is Unicode's simple one: 'ß' does not match 'ss').
    Long columns are searched in pieces on a few threads: Arrow lets go of the GIL while it searches.
    """
    if not terms or actor_rows is None:
        terms = tuple((word, None) for word in query.split())
    keep = np.ones(len(events), dtype=bool)
    if not terms:
        return keep
    columns = [pa.array(events[name], type=pa.large_string()) for name in SEARCHED_COLUMNS]
    pieces = [
        (column, start, min(start + SEARCH_PIECE_ROWS, len(events)))
        for column in columns
        for start in range(0, len(events), SEARCH_PIECE_ROWS)
    ]
    for phrase, actor in terms:
        in_text = np.ones(len(events), dtype=bool)
        for word in phrase.split():
            found = np.zeros(len(events), dtype=bool)
            hits = _SEARCH_THREADS.map(partial(_piece_hits, word), pieces)
            for (_, start, stop), piece_hits in zip(pieces, hits, strict=True):
                found[start:stop] |= piece_hits
            in_text &= found
        keep &= (in_text | actor_rows(actor)) if actor is not None else in_text
    return keep


MAX_NAME_WORDS = 6  # the longest alias a search term is tried as


def search_terms(query: str, resolve: Callable[[str], str | None]) -> tuple[tuple[str, str | None], ...]:
    """The query's words, each run of words that names an actor kept together: longest name first.

    "شي جين بينغ tariffs" -> (("شي جين بينغ", "Xi Jinping"), ("tariffs", None)).
    """
    words = query.split()
    terms: list[tuple[str, str | None]] = []
    position = 0
    while position < len(words):
        for stop in range(min(len(words), position + MAX_NAME_WORDS), position, -1):
            phrase = " ".join(words[position:stop])
            actor = resolve(phrase)
            if actor is not None or stop == position + 1:
                terms.append((phrase, actor))
                position = stop
                break
    return tuple(terms)


def with_actor_names(filters: Filters, resolve: Callable[[str], str | None]) -> Filters:
    """`filters` with each chosen actor as its canonical name and the search cut into terms naming actors.

    `resolve` maps a name or alias in any language or spelling to the canonical name (None when unknown):
    the store's registry. A name it does not know stays as given, and matches nothing.
    """
    actors = tuple(dict.fromkeys(resolve(name) or name for name in filters.actors))
    return replace(filters, actors=actors, text_terms=search_terms(filters.text, resolve))


def _piece_hits(word: str, piece: tuple[pa.Array, int, int]) -> np.ndarray:
    column, start, stop = piece
    hits = pc.match_substring(column.slice(start, stop - start), word, ignore_case=True)
    return pc.fill_null(hits, False).to_numpy(zero_copy_only=False)


# URL query parameter names; a list-valued filter repeats its key (?actor=A&actor=B).
QUERY_KEYS = {
    "actors": "actor",
    "actor_mode": "actor_mode",
    "categories": "category",
    "countries": "country",
    "date_from": "from",
    "date_to": "to",
    "text": "q",
    "precise_only": "precise",
    "include_unreviewed": "unreviewed",
    "threads": "thread",
    "tags": "tag",
    "outlets": "outlet",
    "languages": "lang",
    "precisions": "precision",
    "min_confidence": "confidence",
}
LIST_FILTERS = ("actors", "categories", "countries", "threads", "tags", "outlets", "languages", "precisions")


def to_query_params(filters: Filters) -> dict[str, str | list[str]]:
    """The non-default filters as URL query parameters."""
    default = Filters()
    params: dict[str, str | list[str]] = {}
    for item in fields(Filters):
        if item.name not in QUERY_KEYS:
            continue
        value = getattr(filters, item.name)
        if value == getattr(default, item.name):
            continue
        key = QUERY_KEYS[item.name]
        if isinstance(value, tuple):
            params[key] = list(value)
        elif isinstance(value, bool):
            params[key] = "1" if value else "0"
        elif isinstance(value, dt.date):
            params[key] = value.isoformat()
        elif isinstance(value, float):
            params[key] = f"{value:g}"
        else:
            params[key] = str(value)
    return params


def from_query_params(params: Mapping[str, list[str]]) -> tuple[Filters, list[str]]:
    """Filters from URL query parameters (each key to all its values), and a note per value ignored.

    A link may be old or hand-edited: a bad value is reported and skipped, never fatal.
    """
    problems: list[str] = []
    values: dict[str, object] = {}

    def first(key: str) -> str | None:
        found = params.get(key) or []
        return found[-1] if found else None

    for name in LIST_FILTERS:
        found = [value for value in params.get(QUERY_KEYS[name], []) if value.strip()]
        if found:
            values[name] = tuple(dict.fromkeys(found))
    mode = first("actor_mode")
    if mode is not None:
        if mode in ACTOR_MODES:
            values["actor_mode"] = mode
        else:
            problems.append(f"actor_mode={mode!r} is not one of {', '.join(ACTOR_MODES)}")
    for name in ("date_from", "date_to"):
        raw = first(QUERY_KEYS[name])
        if raw is None:
            continue
        try:
            values[name] = dt.date.fromisoformat(raw)
        except ValueError:
            problems.append(f"{QUERY_KEYS[name]}={raw!r} is not a date like 2025-02-17")
    text = first("q")
    if text:
        values["text"] = text
    confidence = first("confidence")
    if confidence is not None:
        try:
            number = float(confidence)
        except ValueError:
            number = float("nan")
        if 0.0 <= number <= 1.0:
            values["min_confidence"] = number
        else:
            problems.append(f"confidence={confidence!r} is not a number from 0 to 1")
    for name in ("precise_only", "include_unreviewed"):
        raw = first(QUERY_KEYS[name])
        if raw is None:
            continue
        if raw in ("0", "1"):
            values[name] = raw == "1"
        else:
            problems.append(f"{QUERY_KEYS[name]}={raw!r} must be 0 or 1")
    return Filters(**values), problems


def describe(filters: Filters) -> str:
    """A plain sentence of the active filters, for captions, exports and file headers."""
    parts = []
    if filters.actors:
        joiner = " and " if filters.actor_mode == "all" else " or "
        parts.append("actors: " + joiner.join(filters.actors))
    if filters.categories:
        parts.append("categories: " + ", ".join(filters.categories))
    if filters.countries:
        parts.append("countries: " + ", ".join(filters.countries))
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "…"
        end = filters.date_to.isoformat() if filters.date_to else "…"
        parts.append(f"dates: {start} to {end}")
    if filters.text.strip():
        parts.append(f'text: "{filters.text.strip()}"')
    if filters.precise_only:
        parts.append("exact dates only")
    if not filters.include_unreviewed:
        parts.append("reviewed events only")
    if filters.threads:
        parts.append("threads: " + ", ".join(filters.threads))
    if filters.tags:
        parts.append("tags: " + ", ".join(filters.tags))
    if filters.outlets:
        parts.append("outlets: " + ", ".join(filters.outlets))
    if filters.languages:
        parts.append("source languages: " + ", ".join(filters.languages))
    if filters.precisions:
        parts.append("date precision: " + ", ".join(filters.precisions))
    if filters.min_confidence is not None:
        parts.append(f"confidence at least {filters.min_confidence:g}")
    return "; ".join(parts) if parts else "all events"
