"""How long the dashboard's one read of the event store takes, by size: `python -m bench.store_read [--quick]`.

Imports seeded synthetic events into a fresh SQLite store (and PostgreSQL when
POLICY_TIMELINE_TEST_PG_URL names a throwaway database), then times `read_events`, the read the
dashboard does once per data change. Prints medians of three reads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from sqlalchemy import create_engine, text

from bench._synthetic import synthetic_events_fast
from timeline.database import import_frame, open_store, read_events


def timed_reads(url: str, size: int, repeats: int = 3) -> tuple[float, float, int]:
    engine = open_store(url)
    events = synthetic_events_fast(size)
    started = time.perf_counter()
    import_frame(engine, events, "benchmark", batch_size=50_000)
    imported = time.perf_counter() - started
    reads = []
    for _ in range(repeats):
        started = time.perf_counter()
        frame = read_events(engine)
        reads.append(time.perf_counter() - started)
    engine.dispose()
    return imported, statistics.median(reads), len(frame)


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    sizes = (10_000, 100_000) if parser.parse_args().quick else (10_000, 100_000, 1_000_000)
    postgres = os.environ.get("POLICY_TIMELINE_TEST_PG_URL")
    print("| events | database | import s | read_events s (median of 3) | events per second read |")
    print("|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            backends = [("SQLite", f"sqlite:///{folder}/store.sqlite")]
            if postgres:
                reset_postgres(postgres)
                backends.append(("PostgreSQL", postgres))
            for name, url in backends:
                imported, read, count = timed_reads(url, size)
                print(f"| {count:,} | {name} | {imported:.1f} | {read:.2f} | {count / read:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
