"""Reading and writing events: every write one transaction, versioned, soft-deleted and audited."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Date, Engine, Text, insert, select, type_coerce, update
from sqlalchemy.exc import IntegrityError

from timeline import vocabulary
from timeline.database import audit, tables
from timeline.database.column_types import NameList, utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import ConflictError, DuplicateEventError, StoreError
from timeline.database.event_rows import EVENT_COLUMNS, checked_record, frame_records, jsonable
from timeline.database.records import StoredEvent, load_event
from timeline.database.sources import cited_sources, insert_links, insert_missing, link_rows
from timeline.schema import COLUMNS, enforce_schema

REJECTED = "rejected"
# Fields an edit may not touch: the id is the event's identity; sources move by merge_events/split_event.
NOT_EDITABLE = ("event_id", "source_ids")


def read_events(engine: Engine, include_deleted: bool = False, event_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every live event (or every event; or only `event_ids`) as the schema's frame, ordered by date then id.

    Built column by column: list and date columns are fetched as the database holds them and decoded
    once per distinct value.
    """
    events, links = tables.events, tables.event_sources
    columns = [_raw(events.c[name]) for name in EVENT_COLUMNS]
    wanted = None if event_ids is None else sorted(set(event_ids))
    rows, cited = [], {}
    with engine.connect() as connection, connection.begin():
        # A chosen set of ids is read in chunks: databases cap the parameters of one statement.
        for chunk in (
            [None] if wanted is None else [wanted[start : start + 5000] for start in range(0, len(wanted), 5000)]
        ):
            query = select(*columns).order_by(events.c.date_start, events.c.event_id)
            link_query = select(links.c.event_id, links.c.source_id).order_by(links.c.event_id, links.c.position)
            if chunk is not None:
                query = query.where(events.c.event_id.in_(chunk))
                link_query = link_query.where(links.c.event_id.in_(chunk))
            if not include_deleted:
                query = query.where(events.c.deleted_at.is_(None))
            rows.extend(connection.execute(query).all())
            for event_id, source_id in connection.execute(link_query).all():
                cited.setdefault(event_id, []).append(source_id)
    by_column = zip(*rows, strict=True) if rows else ([] for _ in EVENT_COLUMNS)
    frame = pd.DataFrame(dict(zip(EVENT_COLUMNS, (list(values) for values in by_column), strict=True)))
    for name in ("actors", "countries"):
        frame[name] = _decoded_lists(frame[name])
    for name in ("date_start", "date_end", "published"):
        # SQLite hands back ISO text, PostgreSQL date objects: both parse in one call.
        frame[name] = pd.to_datetime(frame[name], format="ISO8601")
    frame["source_ids"] = [tuple(cited.get(event_id, ())) for event_id in frame["event_id"]]
    return enforce_schema(frame[list(COLUMNS)], origin="database")


def _raw(column):
    """The column without its Python-side result processing (JSON lists, dates), decoded later in bulk."""
    if isinstance(column.type, (NameList, Date)):
        return type_coerce(column, Text).label(column.name)
    return column


def _decoded_lists(texts: pd.Series) -> pd.Series:
    """JSON arrays of names as tuples, each distinct text decoded once."""
    codes, uniques = pd.factorize(texts)
    decoded = np.empty(len(uniques) + 1, dtype=object)
    decoded[: len(uniques)] = [tuple(json.loads(text)) for text in uniques]
    decoded[len(uniques)] = ()
    return pd.Series(decoded[codes], index=texts.index, dtype="object")


def add_events(engine: Engine, frame: pd.DataFrame, who: str) -> int:
    """Add new events in one transaction; any id the store already holds fails the whole batch."""
    who = audit.analyst(who)
    records = frame_records(enforce_schema(frame, origin="new events"))
    with write_transaction(engine) as connection:
        insert_events(connection, records, who)
    return len(records)


def insert_events(connection: Connection, records: list[dict], who: str, links: list[dict] | None = None) -> None:
    """Insert checked event records, their sources and links, and a create entry each, in the caller's transaction.

    `links` replaces the default event_sources rows (primary source carrying the event's quote).
    """
    if not records:
        return
    ids = [record["event_id"] for record in records]
    existing = existing_ids(connection, ids)
    if existing:
        raise DuplicateEventError(sorted(existing))
    now = utc_now()
    rows = [
        {**{name: record[name] for name in EVENT_COLUMNS}, "version": 1, "first_seen": now}
        | {"created_at": now, "updated_at": now}
        for record in records
    ]
    insert_missing(connection, tables.sources, cited_sources(records))
    try:
        connection.execute(insert(tables.events), rows)
    except IntegrityError:
        # Another session added one of these ids between our check and our insert.
        raise DuplicateEventError(sorted(existing_ids(connection, ids) or ids)) from None
    insert_links(connection, links if links is not None else [link for record in records for link in link_rows(record)])
    audit.record_many(
        connection,
        [(who, record["event_id"], "create", 1, audit.field_changes({}, record)) for record in records],
    )


def existing_ids(connection: Connection, event_ids: Iterable[str]) -> set[str]:
    """Which of these ids the store holds, deleted or not."""
    wanted, found = list(event_ids), set()
    column = tables.events.c.event_id
    for start in range(0, len(wanted), 500):  # keeps each IN list well under the backends' parameter limits
        chunk = wanted[start : start + 500]
        found.update(connection.execute(select(column).where(column.in_(chunk))).scalars())
    return found


def update_event(engine: Engine, event_id: str, changes: Mapping[str, object], expected_version: int, who: str) -> int:
    """Save an edit made on version `expected_version`; return the new version.

    Raises ConflictError, saving nothing, when the event changed since that version.
    """
    who = audit.analyst(who)
    unknown = sorted(set(changes) - set(COLUMNS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; fields are {', '.join(COLUMNS)}")
    fixed = sorted(set(changes) & set(NOT_EDITABLE))
    if fixed:
        raise ValueError(f"{', '.join(fixed)} cannot be edited; use merge_events or split_event to move sources")
    with write_transaction(engine) as connection:
        stored = load_event(connection, event_id, lock=True)
        if stored.version != expected_version:
            raise conflict(connection, stored, changes, expected_version)
        if stored.deleted:
            raise StoreError(f"event {event_id!r} is deleted; undo the deletion before editing it")
        edited = checked_record({**stored.fields, **changes}, origin=f"edit of {event_id}")
        difference = audit.field_changes(stored.fields, {name: edited[name] for name in changes})
        if not difference:
            return stored.version
        values = {name: edited[name] for name in changes}
        return save_version(connection, stored, values, who, "update", difference)


def save_version(
    connection: Connection, stored: StoredEvent, values: dict, who: str, action: str, changes: dict
) -> int:
    """Write `values` as the next version, only if no one saved since `stored` was read; audit it."""
    events = tables.events
    new_version = stored.version + 1
    result = connection.execute(
        update(events)
        .where(events.c.event_id == stored.event_id, events.c.version == stored.version)
        .values(**values, version=new_version, updated_at=utc_now())
    )
    if result.rowcount != 1:
        raise conflict(connection, load_event(connection, stored.event_id), {}, stored.version)
    audit.record(connection, who, stored.event_id, action, new_version, changes)
    return new_version


def conflict(connection: Connection, stored: StoredEvent, changes: Mapping, expected_version: int) -> ConflictError:
    """What changed since `expected_version` (from the audit log) next to what this save wanted."""
    since = audit.entries_since(connection, stored.event_id, after_version=expected_version)
    current = {name: jsonable(value) for name, value in stored.fields.items()}
    difference: dict[str, dict] = {}
    for entry in since:
        for name, change in entry.changes.items():
            if name in current:
                difference.setdefault(name, {"base": change["old"], "current": current[name]})
    for name, value in changes.items():
        try:
            yours = jsonable(checked_record({**stored.fields, name: value}, origin="edit")[name])
        except ValueError:
            yours = jsonable(value)
        if name in difference or yours != current.get(name):
            difference.setdefault(name, {"current": current.get(name)})["yours"] = yours
    return ConflictError(
        event_id=stored.event_id,
        expected_version=expected_version,
        current_version=stored.version,
        current=current,
        difference=difference,
        changed_by=tuple(dict.fromkeys(entry.who for entry in since)),
    )


def delete_event(engine: Engine, event_id: str, who: str, expected_version: int | None = None) -> int:
    """Hide an event (soft delete, undoable); return its new version."""
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        stored = load_event(connection, event_id, lock=True)
        if expected_version is not None and stored.version != expected_version:
            raise conflict(connection, stored, {}, expected_version)
        if stored.deleted:
            raise StoreError(f"event {event_id!r} is already deleted")
        return soft_delete(connection, stored, who, reason="deleted", action="delete")


def soft_delete(connection: Connection, stored: StoredEvent, who: str, reason: str, action: str) -> int:
    """Mark an event deleted for `reason` (deleted, rejected) in the caller's transaction; audited as `action`."""
    values = {"deleted_at": utc_now(), "deleted_reason": reason}
    changes = {"deleted_reason": {"old": stored.deleted_reason, "new": reason}}
    return save_version(connection, stored, values, who, action, changes)


def undo_delete(engine: Engine, event_id: str, who: str) -> int:
    """Show a deleted or rejected event again; return its new version. A merged one comes back by split_event."""
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        stored = load_event(connection, event_id, lock=True)
        if not stored.deleted:
            raise StoreError(f"event {event_id!r} is not deleted")
        if stored.deleted_reason == "merged":
            raise StoreError(
                f"event {event_id!r} was merged into {stored.merged_into!r}; split its sources back out with split_event"
            )
        return restore(connection, stored, who, "undo_delete", {})


def restore(
    connection: Connection, stored: StoredEvent, who: str, action: str, values: dict, noted: dict | None = None
) -> int:
    """Clear an event's deletion (plus any other `values`) in the caller's transaction; `noted` adds audit detail."""
    changes = {"deleted_reason": {"old": stored.deleted_reason, "new": None}}
    changes |= audit.field_changes(stored.fields, values) | (noted or {})
    cleared = {"deleted_at": None, "deleted_reason": None, "merged_into": None}
    return save_version(connection, stored, {**values, **cleared}, who, action, changes)


def set_status(engine: Engine, event_ids: Iterable[str], status: str, who: str) -> list[str]:
    """Review events in one transaction: accepted or unreviewed, or rejected (hidden like a deletion, undoable).

    Returns the ids whose status changed; an unknown id fails the whole review.
    """
    who = audit.analyst(who)
    wanted = REJECTED if str(status).strip().lower() == REJECTED else vocabulary.review_statuses().canonical(status)
    changed = []
    with write_transaction(engine) as connection:
        for event_id in dict.fromkeys(event_ids):
            stored = load_event(connection, event_id, lock=True)
            if wanted == REJECTED:
                if stored.deleted:
                    continue
                soft_delete(connection, stored, who, reason=REJECTED, action="reject")
            elif stored.deleted_reason == REJECTED:
                restore(connection, stored, who, "status", {"status": wanted})
            elif stored.deleted:
                raise StoreError(f"event {event_id!r} is deleted; undo the deletion before reviewing it")
            elif stored.fields["status"] != wanted:
                change = {"status": wanted}
                save_version(connection, stored, change, who, "status", audit.field_changes(stored.fields, change))
            else:
                continue
            changed.append(event_id)
    return changed
