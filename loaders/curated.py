"""The curated events in data/: events.yaml, sources.yaml and the actor registry, as one frame.

An event's date is written the way a person would: `date: 2025-02-17` (a day), `date: 2025-02`
(a month), `date: 2024` (a year), `date: summer 2025` (a season), `date: 2025-Q1` (a quarter), or
`start:` and `end:` for a span, with `precision` set when the span is not a plain range of days.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from loaders.date_values import DateValueError, parse_date_value
from timeline.actors import ActorRegistry, load_registry
from timeline.paths import DATA_DIR
from timeline.periods import period_interval
from timeline.schema import SchemaError, enforce_schema, split_names

EVENTS_FILE = DATA_DIR / "events.yaml"
SOURCES_FILE = DATA_DIR / "sources.yaml"
ACTORS_FILE = DATA_DIR / "actors.yaml"

SOURCE_COLUMNS = ("source_id", "name", "title", "url", "lang", "published", "published_estimated", "accessed")
EVENT_KEYS = {
    "id", "title", "summary", "date", "start", "end", "precision", "date_text", "category",
    "actors", "countries", "location", "sources", "quote",
}  # fmt: skip
SOURCE_KEYS = {"id", "name", "title", "url", "lang", "published", "published_estimated", "accessed", "file"}


class _DatesAsTextLoader(yaml.SafeLoader):
    """YAML without its date type: an impossible date then fails in our parser, which names the entry."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(
    events_path: Path = EVENTS_FILE, sources_path: Path = SOURCES_FILE, actors_path: Path = ACTORS_FILE
) -> pd.DataFrame:
    """The curated events as a schema-checked frame."""
    registry = load_registry(actors_path)
    sources = load_sources(sources_path)
    entries = _read_yaml_list(events_path)
    rows, labels = [], []
    for number, entry in enumerate(entries, start=1):
        label = f"entry {number} ({entry.get('id', 'no id') if isinstance(entry, dict) else '?'})"
        rows.append(_event_row(entry, sources, registry, str(events_path), label))
        labels.append(label)
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else None)
    if frame.empty:
        raise SchemaError(str(events_path), None, "events", "holds no events")
    return enforce_schema(frame, origin=str(events_path), row_labels=labels)


def load_sources(path: Path = SOURCES_FILE) -> pd.DataFrame:
    """The source registry: one row per source, keyed by `source_id`."""
    rows = []
    for number, entry in enumerate(_read_yaml_list(path), start=1):
        label = f"entry {number} ({entry.get('id', 'no id')})"
        unknown = set(entry) - SOURCE_KEYS
        if unknown:
            raise SchemaError(str(path), label, sorted(unknown)[0], "is not a known source field")
        for key in ("id", "name", "url", "lang", "accessed"):
            if not entry.get(key):
                raise SchemaError(str(path), label, key, "is required but empty")
        rows.append(
            {
                "source_id": str(entry["id"]),
                "name": str(entry["name"]),
                "title": str(entry.get("title") or ""),
                "url": str(entry["url"]),
                "lang": str(entry["lang"]),
                "published": pd.Timestamp(entry["published"]) if entry.get("published") else pd.NaT,
                "published_estimated": bool(entry.get("published_estimated", False)),
                "accessed": pd.Timestamp(entry["accessed"]),
            }
        )
    frame = pd.DataFrame(rows, columns=list(SOURCE_COLUMNS))
    duplicated = frame["source_id"].duplicated()
    if duplicated.any():
        raise SchemaError(str(path), None, "id", f"duplicate source id {frame['source_id'][duplicated].iloc[0]!r}")
    frame["published"] = frame["published"].astype("datetime64[us]")
    frame["accessed"] = frame["accessed"].astype("datetime64[us]")
    return frame


def parse_curated_date(entry: dict) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """(start, end, precision) from an entry's `date`, or `start`/`end`, and `precision`."""
    precision = entry.get("precision")
    if "date" in entry:
        if "start" in entry or "end" in entry:
            raise ValueError("give either date or start/end, not both")
        start, end, implied = parse_date_value(entry["date"])
        if precision and precision != implied:
            start, end = period_interval(start, precision)
            implied = precision
        return start, end, implied
    if "start" not in entry or "end" not in entry:
        raise ValueError("needs date, or both start and end")
    start, end = pd.Timestamp(entry["start"]), pd.Timestamp(entry["end"])
    return start, end, precision or "range"


def _event_row(entry: object, sources: pd.DataFrame, registry: ActorRegistry, origin: str, label: str) -> dict:
    if not isinstance(entry, dict):
        raise SchemaError(origin, label, "entry", "must be a mapping of fields")
    unknown = set(entry) - EVENT_KEYS
    if unknown:
        raise SchemaError(origin, label, sorted(unknown)[0], "is not a known event field")
    try:
        start, end, precision = parse_curated_date(entry)
    except (DateValueError, ValueError, TypeError) as error:
        raise SchemaError(origin, label, "date", str(error)) from None
    actors = []
    for name in split_names(entry.get("actors")):
        canonical = registry.resolve(name)
        if canonical is None:
            raise SchemaError(origin, label, "actors", f"{name!r} is not in the actor registry")
        actors.append(canonical)
    source_ids = split_names(entry.get("sources"))
    if not source_ids:
        raise SchemaError(origin, label, "sources", "every event needs at least one source")
    by_id = sources.set_index("source_id")
    for source_id in source_ids:
        if source_id not in by_id.index:
            raise SchemaError(origin, label, "sources", f"{source_id!r} is not in sources.yaml")
    primary = by_id.loc[source_ids[0]]
    return {
        "event_id": entry.get("id"),
        "title": entry.get("title"),
        "summary": entry.get("summary"),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_text": entry.get("date_text"),
        "category": entry.get("category"),
        "actors": tuple(actors),
        "countries": entry.get("countries"),
        "location": entry.get("location"),
        "source_name": primary["name"],
        "source_url": primary["url"],
        "source_lang": primary["lang"],
        "published": primary["published"],
        "quote": entry.get("quote"),
        "source_ids": source_ids,
        "status": "accepted",
        "confidence": 1.0,
    }


def _read_yaml_list(path: Path) -> list:
    try:
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=_DatesAsTextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        raise SchemaError(str(path), None, "yaml", str(error).replace("\n", " ")) from None
    if not isinstance(document, list):
        raise SchemaError(str(path), None, "document", "must be a list of entries")
    return document
