"""Script time of each read-only page at scale, through AppTest: `python -m bench.pages [--quick]`.

Seeded synthetic events (bench/_synthetic.py) are injected as the dashboard's one shared frame,
as bench/scale.py does for the timeline; each page is opened once (untimed: it builds the index)
and rerun unfiltered, the largest view. The Review, Edit and Add sources pages work on the store
itself; for Review, what it computes from the frame is timed directly: its queue and the merge
suggestions for one candidate, against grouping the whole frame's duplicates (what it did before)
up to 100,000 events.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from bench._synthetic import synthetic_events_fast
from bench.scale import pickled
from timeline.database import find_duplicates
from timeline.filters import Filters
from timeline.index import SORT_COLUMNS, index_for
from timeline.review import merge_suggestions, review_queue
from timeline.snapshot import lean
from timeline.store import load_dataset

PAGES = ("timeline", "events", "actors", "sources", "briefing")
RERUNS = 3
WHOLE_FRAME_GROUPING_MAX = 100_000  # beyond this the old way takes minutes


def review_seconds(events) -> tuple[float, float | None]:
    """(queue + suggestions for the first candidate, whole-frame duplicate grouping or None) in seconds."""
    index_for(events)  # built once per data change and shared, as in the dashboard: not timed here
    started = time.perf_counter()
    queue = review_queue(events, Filters())
    if len(queue):  # the bundled events hold no candidate
        merge_suggestions(events, queue["event_id"].iloc[0])
    review = time.perf_counter() - started
    if len(events) > WHOLE_FRAME_GROUPING_MAX:
        return review, None
    started = time.perf_counter()
    find_duplicates(events)
    return review, time.perf_counter() - started


def page_seconds(data_dir: Path, name: str, page: str, query: dict[str, str] | None = None) -> tuple[float, float]:
    """(first run, median rerun) script seconds of one page, as the bench app times itself."""
    from streamlit.testing.v1 import AppTest

    os.environ["BENCH_DIR"] = str(data_dir)
    app = AppTest.from_file(str(Path(__file__).with_name("_app.py")), default_timeout=900)
    app.query_params["data"] = name
    app.query_params["page"] = page
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if app.exception:
        raise RuntimeError(f"{page} failed: {app.exception[0].value}")
    first = app.session_state["bench_seconds"]["total"]
    reruns = []
    for _ in range(RERUNS):
        app.run()
        reruns.append(app.session_state["bench_seconds"]["total"])
    return first, statistics.median(reruns)


def sorted_synthetic(size: int):
    """Synthetic events in display order, as the store hands them over."""
    return synthetic_events_fast(size).sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    sizes = (10_000, 100_000) if parser.parse_args().quick else (10_000, 100_000, 1_000_000)
    started = time.perf_counter()
    columns = [f"{page}: first / rerun s" for page in PAGES] + ["review: queue + suggestions s", "before: grouping s"]
    print("| events | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    bundled = load_dataset()
    # The baseline: the bundled events, through the same pages in the same run.
    datasets = [("bundled", f"{len(bundled.events)} (bundled)", lambda: bundled.events)]
    datasets += [(f"project-{size}", f"{size:,}", partial(sorted_synthetic, size)) for size in sizes]
    with tempfile.TemporaryDirectory() as folder:
        # Pages read addresses back from a store: a throwaway one, never the analyst's.
        os.environ["POLICY_TIMELINE_DB"] = f"sqlite:///{folder}/bench.sqlite"
        for name, label, events in datasets:
            frame = events()
            pickled(Path(folder), name, lean(frame), bundled.sources)
            cells = [page_seconds(Path(folder), name, page) for page in PAGES]
            review, grouping = review_seconds(frame)
            row = " | ".join(f"{first:.2f} / {rerun:.2f}" for first, rerun in cells)
            grouped = "–" if grouping is None else f"{grouping:.2f}"
            print(f"| {label} | {row} | {review:.2f} | {grouped} |", flush=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s; medians of {RERUNS} reruns)")


if __name__ == "__main__":
    main()
