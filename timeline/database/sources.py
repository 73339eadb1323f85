"""The source registry and the links from events to their sources."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from timeline.database import tables
from timeline.database.event_rows import plain

SOURCE_COLUMNS = ("source_id", "name", "title", "url", "lang", "published", "published_estimated", "accessed")


def read_sources(engine: Engine) -> pd.DataFrame:
    """The source registry as loaders.curated.load_sources gives it: one row per source, by source_id."""
    with engine.connect() as connection:
        rows = connection.execute(select(tables.sources).order_by(tables.sources.c.source_id)).mappings().all()
    frame = pd.DataFrame([dict(row) for row in rows], columns=list(SOURCE_COLUMNS))
    for column in ("source_id", "name", "title", "url", "lang"):
        frame[column] = frame[column].astype("str")
    for column in ("published", "accessed"):
        frame[column] = pd.to_datetime(frame[column].astype("object")).astype("datetime64[us]")
    frame["published_estimated"] = frame["published_estimated"].astype("bool")
    return frame


def source_records(frame: pd.DataFrame) -> list[dict]:
    """A source-registry frame as plain rows for the sources table."""
    kinds = {"published": "date", "accessed": "date", "published_estimated": "flag"}
    records = []
    for row in frame[list(SOURCE_COLUMNS)].itertuples(index=False):
        record = {}
        for name, value in zip(SOURCE_COLUMNS, row, strict=True):
            kind = kinds.get(name, "text")
            record[name] = bool(value) if kind == "flag" else plain(value, kind)
        record["title"] = record["title"] or ""
        record["url"] = record["url"] or ""
        records.append(record)
    return records


def cited_sources(events: Iterable[dict]) -> list[dict]:
    """A registry row for every source the events cite, described from the citing event.

    Used only for sources the registry lacks (an analyst's CSV names an outlet, not a registry id).
    """
    found: dict[str, dict] = {}
    for event in events:
        for source_id in event["source_ids"]:
            found.setdefault(
                source_id,
                {
                    "source_id": source_id,
                    "name": event["source_name"],
                    "title": "",
                    "url": event["source_url"] or "",
                    "lang": event["source_lang"],
                    "published": event["published"],
                    "published_estimated": False,
                    "accessed": None,
                },
            )
    return list(found.values())


def insert_missing(connection: Connection, table, rows: list[dict]) -> None:
    """Insert rows whose primary key is new; rows already there (perhaps added by another session) stay as they are."""
    if not rows:
        return
    dialect = {"postgresql": postgresql, "sqlite": sqlite}.get(connection.dialect.name)
    if dialect is None:
        raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {connection.dialect.name}")
    connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


def link_rows(event: dict, merged_from: str | None = None) -> list[dict]:
    """The event_sources rows of a new event: its primary source carries the event's quote and date text."""
    return [
        {
            "event_id": event["event_id"],
            "source_id": source_id,
            "position": position,
            "quote": event["quote"] if position == 0 else None,
            "date_text": event["date_text"] if position == 0 else None,
            "merged_from": merged_from,
        }
        for position, source_id in enumerate(event["source_ids"])
    ]


def insert_links(connection: Connection, rows: list[dict]) -> None:
    if rows:
        connection.execute(insert(tables.event_sources), rows)
