"""Suggested thread links, made in the transaction that adds events and kept until an analyst decides in Review."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Connection, Engine, func, insert, select, update

from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.thread_suggestions import Suggestion, ThreadIndex, suggest, suggest_by_actor, thread_index

if TYPE_CHECKING:  # the loader's result type only: the store does not run loaders
    from loaders.article_stages import StagePair

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


def suggest_stage_pairs(engine: Engine, pairs: Iterable[StagePair]) -> int:
    """Offer each announcement / entry-into-force pair (loaders.article_stages) as two stages of one thread.

    Every thread suggested for either event of a pair is suggested for both, each with its own stage;
    returns how many suggestions were added or given their stage.
    """
    table = tables.thread_suggestions
    changed = 0
    with write_transaction(engine) as connection:
        for pair in pairs:
            stages = {pair.announced: "announced", pair.in_force: "in_force"}
            rows = connection.execute(
                select(table.c.event_id, table.c.thread_id, table.c.score).where(
                    table.c.event_id.in_(list(stages)), table.c.status == PENDING
                )
            ).all()
            held = {(row.event_id, row.thread_id): row.score for row in rows}
            for thread_id in dict.fromkeys(row.thread_id for row in rows):
                score = max(score for (_, thread), score in held.items() if thread == thread_id)
                for event_id, stage in stages.items():
                    reason = "announcement and entry into force told in one sentence"
                    if (event_id, thread_id) in held:
                        connection.execute(
                            update(table)
                            .where(table.c.event_id == event_id, table.c.thread_id == thread_id)
                            .values(stage=stage)
                        )
                    else:
                        record_suggestions(connection, [Suggestion(event_id, thread_id, stage, score, reason)])
                    changed += 1
    return changed


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
