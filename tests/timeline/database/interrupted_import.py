"""Child process for test_import_kill: imports a synthetic frame and freezes inside a batch until killed.

Usage: python -m tests.timeline.database.interrupted_import URL MARKER_FILE EVENTS BATCH_SIZE FREEZE_AT_BATCH
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import event

from tests.conftest import make_events
from timeline.database import import_frame, open_store


def synthetic_frame(count: int):
    """`count` distinct day events, each citing its own source."""
    return make_events(
        *(
            {
                "event_id": f"imported-{number:05d}",
                "title": f"Imported event {number}",
                "date_start": "2025-02-17",
                "date_end": "2025-02-17",
                "date_precision": "day",
                "category": "meeting",
                "actors": ("Xi Jinping",),
                "source_ids": (f"source-{number:05d}",),
            }
            for number in range(count)
        )
    )


def main(url: str, marker: str, count: int, batch_size: int, freeze_at: int) -> None:
    engine = open_store(url, team=False)
    frame = synthetic_frame(count)
    batches_started = 0

    @event.listens_for(engine, "after_cursor_execute")
    def freeze_inside_a_batch(connection, cursor, statement, parameters, context, executemany):
        # After batch `freeze_at`'s events are written but before its commit: the kill lands mid-transaction.
        nonlocal batches_started
        if statement.lstrip().upper().startswith("INSERT INTO EVENTS"):
            batches_started += 1
            if batches_started == freeze_at:
                Path(marker).write_text("inside the transaction", encoding="utf-8")
                time.sleep(600)

    import_frame(engine, frame, who="interrupted import", batch_size=batch_size)


if __name__ == "__main__":
    url, marker, count, batch_size, freeze_at = sys.argv[1:]
    main(url, marker, int(count), int(batch_size), int(freeze_at))
