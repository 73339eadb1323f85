"""Policy threads in the store: threads, their events with stages, and every change in the thread log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from loaders.threads import Thread
from timeline.database import tables
from timeline.database.audit import analyst
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import NotFoundError, StoreError
from timeline.database.permissions import guarded
from timeline.database.repository import existing_ids
from timeline.threads import LINK_COLUMNS, THREAD_COLUMNS
from timeline.vocabulary import thread_stages

CURATED = "curated data (data/)"


@dataclass(frozen=True)
class ThreadChange:
    id: int
    at: dt.datetime
    who: str
    thread_id: str
    action: str  # create, update, link, unlink, stage
    event_id: str | None
    changes: dict[str, dict]  # field -> {"old", "new"}


def read_threads(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every thread (thread_id, name, summary) and every link (thread_id, event_id, stage)."""
    with engine.connect() as connection:
        thread_rows = connection.execute(select(*(tables.threads.c[name] for name in THREAD_COLUMNS))).all()
        link_rows = connection.execute(select(*(tables.thread_events.c[name] for name in LINK_COLUMNS))).all()
    threads = pd.DataFrame([tuple(row) for row in thread_rows], columns=list(THREAD_COLUMNS), dtype="str")
    links = pd.DataFrame([tuple(row) for row in link_rows], columns=list(LINK_COLUMNS), dtype="str")
    return threads.sort_values("name", ignore_index=True), links


def thread_revision(engine: Engine) -> int:
    """A number that grows with every change to a thread: a cache key for read_threads."""
    with engine.connect() as connection:
        return connection.execute(select(func.coalesce(func.max(tables.thread_log.c.id), 0))).scalar_one()


def thread_history(engine: Engine, thread_id: str) -> list[ThreadChange]:
    """Every recorded change to one thread, oldest first."""
    log = tables.thread_log
    with engine.connect() as connection:
        rows = connection.execute(select(log).where(log.c.thread_id == thread_id).order_by(log.c.id)).all()
    return [ThreadChange(**row._mapping) for row in rows]


@guarded("edit_threads")
def create_thread(engine: Engine, thread_id: str, name: str, summary: str, who: str) -> None:
    """A new, empty thread."""
    who = analyst(who)
    with write_transaction(engine) as connection:
        if _thread_exists(connection, thread_id):
            raise StoreError(f"thread {thread_id!r} already exists")
        _insert_thread(connection, thread_id, name, summary, who)


@guarded("edit_threads")
def rename_thread(engine: Engine, thread_id: str, name: str, summary: str, who: str) -> None:
    """Give a thread a new name and summary, audited; the curated file no longer overrides it."""
    who = analyst(who)
    if not name.strip():
        raise ValueError(f"thread {thread_id!r}: give it a name")
    with write_transaction(engine) as connection:
        stored = connection.execute(select(tables.threads).where(tables.threads.c.thread_id == thread_id)).first()
        if stored is None:
            raise NotFoundError(f"no thread {thread_id!r}")
        if (stored.name, stored.summary) == (name.strip(), summary):
            return
        changes = {
            "name": {"old": stored.name, "new": name.strip()},
            "summary": {"old": stored.summary, "new": summary},
        }
        connection.execute(
            update(tables.threads)
            .where(tables.threads.c.thread_id == thread_id)
            .values(name=name.strip(), summary=summary, version=stored.version + 1, updated_at=utc_now())
        )
        _log(connection, who, thread_id, "update", None, changes)


@guarded("edit_threads")
def link_event(engine: Engine, thread_id: str, event_id: str, stage: str, who: str) -> None:
    """Put an event in a thread at `stage`, or move it to `stage` when it is there already."""
    who = analyst(who)
    stage = thread_stages().canonical(stage)
    with write_transaction(engine) as connection:
        if not _thread_exists(connection, thread_id):
            raise NotFoundError(f"no thread {thread_id!r}")
        if not existing_ids(connection, [event_id]):
            raise NotFoundError(f"no event {event_id!r}")
        _link(connection, thread_id, event_id, stage, who)


@guarded("edit_threads")
def unlink_event(engine: Engine, thread_id: str, event_id: str, who: str) -> None:
    """Take an event out of a thread (the event itself is untouched)."""
    who = analyst(who)
    links = tables.thread_events
    with write_transaction(engine) as connection:
        old = _stage_of(connection, thread_id, event_id)
        if old is None:
            raise NotFoundError(f"event {event_id!r} is not in thread {thread_id!r}")
        connection.execute(delete(links).where(links.c.thread_id == thread_id, links.c.event_id == event_id))
        _log(connection, who, thread_id, "unlink", event_id, {"stage": {"old": old, "new": None}})


@guarded("edit_threads")
def decide_suggestions(engine: Engine, pairs: Iterable[tuple[str, str]], accept: bool, who: str) -> int:
    """Accept (link the event at the suggested stage) or reject suggested (event_id, thread_id) pairs."""
    who = analyst(who)
    suggestions = tables.thread_suggestions
    decided = 0
    with write_transaction(engine) as connection:
        for event_id, thread_id in dict.fromkeys(pairs):
            where = (suggestions.c.event_id == event_id, suggestions.c.thread_id == thread_id)
            row = connection.execute(select(suggestions).where(*where)).first()
            if row is None:
                raise NotFoundError(f"no suggestion to put {event_id!r} in thread {thread_id!r}")
            if row.status != "pending":
                continue
            if accept:
                _link(connection, thread_id, event_id, row.stage, who)
            status = "accepted" if accept else "rejected"
            connection.execute(
                update(suggestions).where(*where).values(status=status, decided_by=who, decided_at=utc_now())
            )
            decided += 1
    return decided


def sync_threads(engine: Engine, threads: Iterable[Thread]) -> list[str]:
    """Bring the curated threads into the store; return the ids of threads added or brought up to date.

    A thread an analyst has changed in the store keeps the analyst's version; links to events the
    store does not hold (yet) wait for a later start.
    """
    changed = []
    with write_transaction(engine) as connection:
        edited_by_analyst = set(
            connection.execute(
                select(tables.thread_log.c.thread_id).where(tables.thread_log.c.who != CURATED).distinct()
            ).scalars()
        )
        for thread in threads:
            if thread.thread_id in edited_by_analyst:
                continue
            if _sync_one(connection, thread):
                changed.append(thread.thread_id)
    return changed


def _sync_one(connection: Connection, thread: Thread) -> bool:
    changed = False
    stored = connection.execute(select(tables.threads).where(tables.threads.c.thread_id == thread.thread_id)).first()
    if stored is None:
        _insert_thread(connection, thread.thread_id, thread.name, thread.summary, CURATED)
        changed = True
    elif (stored.name, stored.summary) != (thread.name, thread.summary):
        _log(
            connection,
            CURATED,
            thread.thread_id,
            "update",
            None,
            {
                "name": {"old": stored.name, "new": thread.name},
                "summary": {"old": stored.summary, "new": thread.summary},
            },
        )
        connection.execute(
            update(tables.threads)
            .where(tables.threads.c.thread_id == thread.thread_id)
            .values(name=thread.name, summary=thread.summary, version=stored.version + 1, updated_at=utc_now())
        )
        changed = True
    present = existing_ids(connection, [link.event_id for link in thread.links])
    for link in thread.links:
        if link.event_id in present and _stage_of(connection, thread.thread_id, link.event_id) != link.stage:
            _link(connection, thread.thread_id, link.event_id, link.stage, CURATED)
            changed = True
    return changed


def _insert_thread(connection: Connection, thread_id: str, name: str, summary: str, who: str) -> None:
    if not name.strip():
        raise ValueError(f"thread {thread_id!r}: give it a name")
    now = utc_now()
    connection.execute(
        insert(tables.threads).values(
            thread_id=thread_id, name=name.strip(), summary=summary, version=1, created_at=now, updated_at=now
        )
    )
    _log(connection, who, thread_id, "create", None, {"name": {"old": None, "new": name.strip()}})


def _link(connection: Connection, thread_id: str, event_id: str, stage: str, who: str) -> None:
    links = tables.thread_events
    old = _stage_of(connection, thread_id, event_id)
    if old == stage:
        return
    if old is None:
        connection.execute(insert(links).values(thread_id=thread_id, event_id=event_id, stage=stage))
    else:
        connection.execute(
            update(links).where(links.c.thread_id == thread_id, links.c.event_id == event_id).values(stage=stage)
        )
    _log(
        connection, who, thread_id, "link" if old is None else "stage", event_id, {"stage": {"old": old, "new": stage}}
    )


def _stage_of(connection: Connection, thread_id: str, event_id: str) -> str | None:
    links = tables.thread_events
    query = select(links.c.stage).where(links.c.thread_id == thread_id, links.c.event_id == event_id)
    return connection.execute(query).scalar_one_or_none()


def _thread_exists(connection: Connection, thread_id: str) -> bool:
    query = select(tables.threads.c.thread_id).where(tables.threads.c.thread_id == thread_id)
    return connection.execute(query).first() is not None


def _log(connection: Connection, who: str, thread_id: str, action: str, event_id: str | None, changes: dict) -> None:
    connection.execute(
        insert(tables.thread_log).values(
            at=utc_now(), who=who, thread_id=thread_id, action=action, event_id=event_id, changes=changes
        )
    )
