"""One stored event with its bookkeeping (version, deletion, merge) and its source links."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from timeline.database import tables
from timeline.database.errors import NotFoundError
from timeline.database.event_rows import EVENT_COLUMNS


@dataclass(frozen=True)
class Link:
    source_id: str
    quote: str | None  # this source's own words about the event
    date_text: str | None  # the date as this source words it
    merged_from: str | None  # the event this link came from in a merge, so a split can restore it


@dataclass(frozen=True)
class StoredEvent:
    fields: dict  # every schema column as plain values, source_ids included
    links: tuple[Link, ...]
    version: int
    first_seen: dt.datetime
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    deleted_reason: str | None  # deleted, rejected or merged
    merged_into: str | None

    @property
    def event_id(self) -> str:
        return self.fields["event_id"]

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def load_event(connection: Connection, event_id: str, lock: bool = False) -> StoredEvent:
    """The stored event, locked against other writers until the transaction ends when `lock` (PostgreSQL)."""
    query = select(tables.events).where(tables.events.c.event_id == event_id)
    row = connection.execute(query.with_for_update() if lock else query).mappings().first()
    if row is None:
        raise NotFoundError(f"no event {event_id!r} in the store")
    links = tuple(load_links(connection, event_id))
    fields = {name: row[name] for name in EVENT_COLUMNS}
    fields["source_ids"] = tuple(link.source_id for link in links)
    bookkeeping = {name: row[name] for name in StoredEvent.__dataclass_fields__ if name not in ("fields", "links")}
    return StoredEvent(fields=fields, links=links, **bookkeeping)


def load_links(connection: Connection, event_id: str) -> list[Link]:
    """An event's source links, primary first."""
    links = tables.event_sources
    query = select(links).where(links.c.event_id == event_id).order_by(links.c.position)
    return [Link(row.source_id, row.quote, row.date_text, row.merged_from) for row in connection.execute(query).all()]


def read_event(engine: Engine, event_id: str) -> StoredEvent:
    """One event as stored, deleted or not: what an edit form needs (its version) and the details page shows."""
    with engine.connect() as connection:
        return load_event(connection, event_id)
