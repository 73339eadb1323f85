"""The audit log: who changed which event, when, and each field's previous and new value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, insert, select

from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.database.event_rows import jsonable


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    who: str
    event_id: str
    action: str  # create, update, delete, undo_delete, status, reject, merge, merged_into, split, split_from
    version: int | None  # the event's version after this change
    changes: dict[str, dict]  # field -> {"old": ..., "new": ...}, JSON values


def analyst(who: str) -> str:
    """The analyst's name, required so every change can be traced to a person."""
    if isinstance(who, str) and hasattr(who, "role"):  # an Identity: kept, so nested checks still see who it is
        return who
    name = str(who or "").strip()
    if not name:
        raise ValueError("who: give the name of the analyst making the change")
    return name


def field_changes(before: dict, after: dict) -> dict[str, dict]:
    """{field: {"old", "new"}} for every field whose value differs between two plain records."""
    return {
        name: {"old": jsonable(before.get(name)), "new": jsonable(after.get(name))}
        for name in after
        if before.get(name) != after.get(name)
    }


def record(
    connection: Connection, who: str, event_id: str, action: str, version: int | None, changes: dict[str, dict]
) -> None:
    """Add one entry to the audit log inside the caller's transaction."""
    record_many(connection, [(who, event_id, action, version, changes)])


def record_many(connection: Connection, entries: list[tuple[str, str, str, int | None, dict]]) -> None:
    """Add (who, event_id, action, version, changes) entries in one statement, all stamped now."""
    if not entries:
        return
    now = utc_now()
    rows = [
        {"at": now, "who": who, "event_id": event_id, "action": action, "version": version, "changes": changes}
        for who, event_id, action, version, changes in entries
    ]
    connection.execute(insert(tables.audit_log), rows)


def audit_trail(engine: Engine, event_id: str) -> list[AuditEntry]:
    """Every audited change to one event, oldest first."""
    with engine.connect() as connection:
        return entries_since(connection, event_id, after_version=None)


def entries_since(connection: Connection, event_id: str, after_version: int | None) -> list[AuditEntry]:
    """An event's audit entries, oldest first; only those that produced a version above `after_version` if given."""
    log = tables.audit_log
    query = select(log).where(log.c.event_id == event_id).order_by(log.c.id)
    if after_version is not None:
        query = query.where(log.c.version > after_version)
    return [AuditEntry(**row._mapping) for row in connection.execute(query)]


def store_revision(engine: Engine) -> int:
    """A number that grows with every write (each one is audited): a cheap cache key for read_events."""
    with engine.connect() as connection:
        return connection.execute(select(func.coalesce(func.max(tables.audit_log.c.id), 0))).scalar_one()


def changed_since(engine: Engine, revision: int) -> tuple[int, set[str]]:
    """The store's revision now and the events any write touched after `revision` (what a cache must re-read)."""
    log = tables.audit_log
    with engine.connect() as connection:
        rows = connection.execute(select(log.c.id, log.c.event_id).where(log.c.id > revision)).all()
    return max((row.id for row in rows), default=revision), {row.event_id for row in rows}
