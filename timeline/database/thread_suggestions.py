"""Suggested thread links, made in the transaction that adds events and kept until an analyst decides in Review."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select

from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.thread_suggestions import Suggestion, ThreadIndex, suggest, suggest_by_actor, thread_index

# A batch larger than this gets no suggestions here, where every thread sharing its category is scored:
# imports of tables (timeline.database.importing) suggest by shared actor instead, batched.
LARGEST_BATCH = 5_000
PENDING = "pending"


def suggest_for_new_events(connection: Connection, records: list[dict]) -> int:
    """Propose threads for just-inserted event records, in the caller's transaction; return how many."""
    if not records or len(records) > LARGEST_BATCH:
        return 0
    if not connection.execute(select(func.count()).select_from(tables.thread_events)).scalar_one():
        return 0
    fresh = pd.DataFrame(records)[["event_id", "title", "summary", "category", "actors", "date_start"]]
    return record_suggestions(connection, suggest(fresh, _linked_events(connection)))


def import_thread_index(engine: Engine) -> ThreadIndex | None:
    """The threads indexed once for a whole import (None when no thread has an event yet)."""
    with engine.connect() as connection:
        linked = _linked_events(connection)
    return None if linked.empty else thread_index(linked)


def suggest_for_imported(connection: Connection, events: pd.DataFrame, index: ThreadIndex | None) -> int:
    """Propose threads sharing an actor for a chunk of imported events, in the caller's transaction."""
    if index is None or events.empty:
        return 0
    return record_suggestions(connection, suggest_by_actor(events, index))


def _linked_events(connection: Connection) -> pd.DataFrame:
    links, events = tables.thread_events, tables.events
    query = (
        select(
            links.c.thread_id,
            links.c.stage,
            events.c.event_id,
            events.c.title,
            events.c.category,
            events.c.actors,
            events.c.date_start,
        )
        .join(events, events.c.event_id == links.c.event_id)
        .where(events.c.deleted_at.is_(None))
    )
    return pd.DataFrame([tuple(row) for row in connection.execute(query)], columns=list(query.selected_columns.keys()))


def record_suggestions(connection: Connection, found: list[Suggestion]) -> int:
    """Store suggestions as pending; return how many."""
    if found:
        now = utc_now()
        connection.execute(
            insert(tables.thread_suggestions),
            [
                {
                    "event_id": item.event_id,
                    "thread_id": item.thread_id,
                    "stage": item.stage,
                    "score": item.score,
                    "reason": item.reason,
                    "status": PENDING,
                    "suggested_at": now,
                }
                for item in found
            ],
        )
    return len(found)


def pending_suggestions(engine: Engine) -> pd.DataFrame:
    """Suggestions waiting for a decision, best first, with the event's and the thread's names."""
    suggestions, events, threads = tables.thread_suggestions, tables.events, tables.threads
    query = (
        select(
            suggestions.c.event_id,
            events.c.title,
            events.c.date_text,
            suggestions.c.thread_id,
            threads.c.name.label("thread"),
            suggestions.c.stage,
            suggestions.c.score,
            suggestions.c.reason,
        )
        .join(events, events.c.event_id == suggestions.c.event_id)
        .join(threads, threads.c.thread_id == suggestions.c.thread_id)
        .where(suggestions.c.status == PENDING, events.c.deleted_at.is_(None))
        .order_by(suggestions.c.score.desc(), suggestions.c.event_id)
    )
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(query)]
    return pd.DataFrame(rows, columns=list(query.selected_columns.keys()))
