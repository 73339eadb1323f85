"""How long the dashboard's one read of the event store takes, by size: `python -m bench.store_read [--quick]`.

Imports seeded synthetic events into a fresh SQLite store (and PostgreSQL when
POLICY_TIMELINE_TEST_PG_URL names a throwaway database), then times a full `read_events`, the
dashboard's first load (a full read plus writing its snapshot), its catch-up after one edit (only
the touched events are re-read), and a restart from the snapshot. Medians of three.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench._postgres import reset_postgres
from bench._synthetic import synthetic_events_fast
from timeline.database import import_frame, open_store, read_event, read_events, update_event
from timeline.snapshot import LiveDataset


def seconds(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def timed_reads(url: str, size: int, folder: str, repeats: int = 3) -> dict[str, float]:
    """Import, then the reads the dashboard does: in full, after one write, and on a restart."""
    engine = open_store(url)
    events = synthetic_events_fast(size)
    figures = {"events": size, "import": seconds(lambda: import_frame(engine, events, "benchmark", batch_size=50_000))}
    figures["full read"] = statistics.median(seconds(lambda: read_events(engine)) for _ in range(repeats))
    path = Path(folder) / f"{size}.snapshot"
    live = LiveDataset(engine, path)
    figures["first load + snapshot"] = seconds(live.current)
    catch_ups = []
    for number in range(repeats):
        edited = events.iloc[[number]].assign(title=f"Edited {number}")
        stored = read_event(engine, edited["event_id"].iat[0])
        update_event(engine, stored.event_id, {"title": f"Edited {number}"}, stored.version, "benchmark")
        catch_ups.append(seconds(live.current))
    figures["after one write"] = statistics.median(catch_ups)
    figures["restart from snapshot"] = statistics.median(
        seconds(LiveDataset(engine, path).current) for _ in range(repeats)
    )
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    sizes = (10_000, 100_000) if parser.parse_args().quick else (10_000, 100_000, 1_000_000)
    postgres = os.environ.get("POLICY_TIMELINE_TEST_PG_URL")
    print("| events | database | import s | full read s | dashboard: first load s | after one write s | restart s |")
    print("|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            backends = [("SQLite", f"sqlite:///{folder}/store.sqlite")]
            if postgres:
                reset_postgres(postgres)
                backends.append(("PostgreSQL", postgres))
            for name, url in backends:
                got = timed_reads(url, size, folder)
                print(
                    f"| {size:,} | {name} | {got['import']:.1f} | {got['full read']:.2f} | "
                    f"{got['first load + snapshot']:.2f} | {got['after one write']:.2f} | {got['restart from snapshot']:.2f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
