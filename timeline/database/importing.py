"""Large imports in batches, each batch committed on its own so an interrupted import keeps what it finished."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from timeline.database import audit, tables
from timeline.database.engine import refresh_statistics, write_transaction
from timeline.database.event_rows import frame_records
from timeline.database.repository import existing_ids, insert_events
from timeline.schema import enforce_schema

DEFAULT_BATCH_SIZE = 500
GROWING_TABLES = ("events", "event_sources", "sources", "audit_log")
MIN_ROWS_TO_ANALYZE = 1_000  # below this, any plan is fast


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_stored: int  # ids the store held before (a re-run after an interruption skips them)
    batches: int


def import_frame(
    engine: Engine,
    frame: pd.DataFrame,
    who: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
) -> ImportResult:
    """Add the frame's events batch by batch, skipping ids already stored, so the same import can simply be re-run.

    `on_batch(events_committed_so_far)` is called after each commit (progress for a page).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    who = audit.analyst(who)
    records = frame_records(enforce_schema(frame, origin="import"))
    added = skipped = batches = 0
    refresh_statistics(engine, GROWING_TABLES)
    with engine.connect() as connection:
        stored_before = connection.execute(select(func.count()).select_from(tables.events)).scalar_one()
    analyzed_size = stored_before
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        with write_transaction(engine) as connection:
            stored = existing_ids(connection, [record["event_id"] for record in batch])
            fresh = [record for record in batch if record["event_id"] not in stored]
            insert_events(connection, fresh, who)
        added, skipped, batches = added + len(fresh), skipped + len(stored), batches + 1
        if stored_before + added >= 2 * max(analyzed_size, MIN_ROWS_TO_ANALYZE):
            # Each time the store doubles: a handful of ANALYZE runs over a whole import.
            refresh_statistics(engine, GROWING_TABLES)
            analyzed_size = stored_before + added
        if on_batch is not None:
            on_batch(added + skipped)
    return ImportResult(added=added, already_stored=skipped, batches=batches)
