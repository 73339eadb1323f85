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
from timeline.database.permissions import check, guarded
from timeline.database.records import StoredEvent, load_event
from timeline.database.sources import cited_sources, insert_links, insert_missing, link_rows
from timeline.database.thread_suggestions import suggest_for_new_events
from timeline.index import SORT_COLUMNS
from timeline.schema import COLUMNS, enforce_schema

REJECTED = "rejected"
CANDIDATE = "unreviewed"  # found by a machine, not yet reviewed: what an analyst may edit
# Fields an edit may not touch: the id is the event's identity; sources move by merge_events/split_event.
NOT_EDITABLE = ("event_id", "source_ids")
IN_LIST_LIMIT = 5000  # ids per IN (...) list: under every backend's cap on a statement's parameters


def read_events(engine: Engine, include_deleted: bool = False, event_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every live event (or every event; or only `event_ids`) as the schema's frame, in display order.

    Built column by column: rows come from the driver as plain tuples, list and date columns as the
    database holds them, each distinct value decoded once; sorting happens here, not in the database.
    """
    events, links = tables.events, tables.event_sources
    query = select(*(_raw(events.c[name]) for name in EVENT_COLUMNS))
    link_query = select(links.c.event_id, links.c.source_id).order_by(links.c.event_id, links.c.position)
    if not include_deleted:
        query = query.where(events.c.deleted_at.is_(None))
    rows, citations = [], []
    with engine.connect() as connection, connection.begin():
        if event_ids is None:
            rows, citations = _driver_rows(connection, query), _driver_rows(connection, link_query)
        else:
            wanted = sorted(set(event_ids))
            # Read in chunks: databases cap the parameters of one statement.
            for start in range(0, len(wanted), IN_LIST_LIMIT):
                chunk = wanted[start : start + IN_LIST_LIMIT]
                rows += map(tuple, connection.execute(query.where(events.c.event_id.in_(chunk))))
                citations += map(tuple, connection.execute(link_query.where(links.c.event_id.in_(chunk))))
    # One object table, sliced into columns: no per-column type guessing before the schema decides.
    table = np.array(rows, dtype=object).reshape(len(rows), len(EVENT_COLUMNS))
    frame = pd.DataFrame({name: pd.Series(table[:, number], dtype=object) for number, name in enumerate(EVENT_COLUMNS)})
    for name in ("actors", "countries"):
        frame[name] = _decoded_lists(frame[name])
    for name in ("date_start", "date_end", "published"):
        frame[name] = _parsed_dates(frame[name])
    frame["source_ids"] = _cited_sources(frame["event_id"], citations)
    checked = enforce_schema(frame[list(COLUMNS)], origin="database")
    return checked.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)


def stored_ids(engine: Engine) -> set[str]:
    """Every event id the store holds, deleted, rejected and merged ones included."""
    with engine.connect() as connection:
        return {event_id for (event_id,) in _driver_rows(connection, select(tables.events.c.event_id))}


def read_source_urls(engine: Engine, event_ids: Iterable[str]) -> pd.Series:
    """The primary source address of each of `event_ids` (None when it has none or is not stored), in their order."""
    wanted = list(event_ids)
    events = tables.events
    query = select(events.c.event_id, events.c.source_url)
    found: dict[str, str | None] = {}
    with engine.connect() as connection:
        if len(wanted) > IN_LIST_LIMIT:  # a large export: one pass over the table beats thousands of lookups
            found.update(_driver_rows(connection, query))
        else:
            found.update(map(tuple, connection.execute(query.where(events.c.event_id.in_(wanted)))))
    return pd.Series([found.get(event_id) for event_id in wanted], dtype="str", name="source_url")


def _driver_rows(connection: Connection, query) -> list[tuple]:
    """All rows of a statement without parameters, as the driver's own tuples.

    Wrapping a million rows in SQLAlchemy Row objects costs more than a second; the columns need no
    conversion on the way (see _raw), so the driver's tuples are used as they come.
    """
    compiled = query.compile(dialect=connection.dialect)
    if compiled.params:
        raise ValueError("_driver_rows takes statements without bound parameters")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled))
        return cursor.fetchall()
    finally:
        cursor.close()


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


def _parsed_dates(values: pd.Series) -> pd.Series:
    """SQLite's ISO text or PostgreSQL's date objects as datetimes, each distinct day parsed once."""
    codes, uniques = pd.factorize(values)
    days = pd.to_datetime(pd.Series(uniques, dtype=object), format="ISO8601").to_numpy(dtype="datetime64[us]")
    parsed = np.append(days, np.datetime64("NaT", "us"))[codes]  # code -1 (no date) takes the NaT
    return pd.Series(parsed, index=values.index)


def _cited_sources(event_ids: pd.Series, citations: list[tuple[str, str]]) -> pd.Series:
    """Each event's sources in citation order (citations come sorted by event, then position).

    Events citing the same sources share one tuple.
    """
    if not citations:
        return pd.Series([()] * len(event_ids), index=event_ids.index, dtype="object")
    cited = np.array(citations, dtype=object)
    citing, sources = cited[:, 0], cited[:, 1].tolist()
    starts = np.flatnonzero(np.r_[True, citing[1:] != citing[:-1]])
    ends = np.append(starts[1:], len(citing))
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    runs = np.empty(len(starts) + 1, dtype=object)
    keys = (tuple(sources[start:end]) for start, end in zip(starts.tolist(), ends.tolist(), strict=True))
    runs[:-1] = [shared.setdefault(key, key) for key in keys]
    runs[-1] = ()  # an event citing nothing
    positions = pd.Index(citing[starts]).get_indexer(event_ids.to_numpy(dtype=object))
    return pd.Series(runs[positions], index=event_ids.index, dtype="object")


@guarded("add_events")
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
    suggest_for_new_events(connection, records)


def existing_ids(connection: Connection, event_ids: Iterable[str]) -> set[str]:
    """Which of these ids the store holds, deleted or not."""
    wanted, found = list(event_ids), set()
    column = tables.events.c.event_id
    for start in range(0, len(wanted), 500):  # keeps each IN list well under the backends' parameter limits
        chunk = wanted[start : start + 500]
        found.update(connection.execute(select(column).where(column.in_(chunk))).scalars())
    return found


@guarded("edit_candidate")
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
        if stored.fields["status"] != CANDIDATE or "status" in changes:
            check(who, "edit_event")  # an analyst edits candidates; a reviewed event, or a status, is a reviewer's
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


@guarded("delete")
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


@guarded("delete")
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


@guarded("review")
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
