"""Script time of the Threads page and a Changes view against the Timeline page, at scale: `python -m bench.threads`.

Synthetic events (bench/_synthetic.py) with one policy thread per hundred events (10,000 threads at
a million), five events each, are injected as the dashboard's shared frame through bench/_app.py,
as bench/pages.py does. The Changes view compares with a briefing of 3,000 events recorded in a
throwaway store, after 100 edits, 20 deletions and 50 additions. Each page is opened once (its
first run) and rerun three times; the Timeline page is measured in the same run as the baseline.
"""

from __future__ import annotations

import argparse
import os
import pickle
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench._synthetic import synthetic_events_fast
from bench.pages import page_seconds
from bench.scale import pickled
from timeline.changes import current_stages
from timeline.database import add_events, delete_event, open_store, update_event
from timeline.database.briefings import record_briefing
from timeline.filters import Filters, apply_filters
from timeline.index import SORT_COLUMNS, index_for
from timeline.snapshot import lean
from timeline.store import load_dataset
from timeline.vocabulary import thread_stages

RERUNS = 3
EVENTS_PER_THREAD = 5
EVENTS_PER_THREAD_COUNT = 100  # one thread per hundred events
BRIEFED = 3_000
EDITS, DELETIONS, ADDITIONS = 100, 20, 50


def synthetic_threads(events: pd.DataFrame, seed: int = 11) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Threads of EVENTS_PER_THREAD distinct events each, stages in the vocabulary's order along dates."""
    rng = np.random.default_rng(seed)
    count = max(1, len(events) // EVENTS_PER_THREAD_COUNT)
    picks = rng.choice(len(events), size=count * EVENTS_PER_THREAD, replace=False).reshape(count, EVENTS_PER_THREAD)
    stages = np.array(list(thread_stages().values))
    steps = np.sort(rng.choice(len(stages), size=(count, EVENTS_PER_THREAD)), axis=1)
    thread_ids = [f"thread-{number:05d}" for number in range(count)]
    links = pd.DataFrame(
        {
            "thread_id": np.repeat(thread_ids, EVENTS_PER_THREAD),
            "event_id": events["event_id"].to_numpy()[np.sort(picks, axis=1).ravel()],
            "stage": stages[steps.ravel()],
        },
        dtype="str",
    )
    threads = pd.DataFrame(
        {"thread_id": thread_ids, "name": [f"Policy {number:05d}" for number in range(count)], "summary": ""},
        dtype="str",
    )
    return threads, links


def briefed_view(events: pd.DataFrame) -> Filters:
    """A date range holding about BRIEFED events: the view the recorded briefing showed."""
    order = events.sort_values("date_start", kind="stable")
    middle = len(order) // 2
    start = order["date_start"].iloc[middle].date()
    end = order["date_start"].iloc[min(len(order) - 1, middle + BRIEFED - 1)].date()
    return Filters(date_from=start, date_to=end, precise_only=True)


def prepare_store(url: str, events: pd.DataFrame, threads, links) -> tuple[pd.DataFrame, int]:
    """A store holding the briefed events, one recorded briefing, then edits, deletions and additions.

    Returns the frame as the dashboard would then hold it (deleted events gone, additions in).
    """
    engine = open_store(url)
    filters = briefed_view(events)
    shown = apply_filters(events, filters, index=index_for(events))
    add_events(engine, shown.assign(source_ids=[("bench-source",)] * len(shown)), "bench")
    stages = current_stages(threads, links, events, shown["event_id"], pd.Timestamp.today().date())
    record_briefing(engine, "bench", filters, shown["event_id"], "Bench briefing", "png", stages)
    for event_id in shown["event_id"].iloc[:EDITS]:
        update_event(engine, event_id, {"title": f"Edited {event_id}"}, 1, "bench")
    deleted = shown["event_id"].iloc[EDITS : EDITS + DELETIONS].tolist()
    for event_id in deleted:
        delete_event(engine, event_id, "bench")
    added = shown.iloc[:ADDITIONS].assign(
        event_id=[f"added-{number}" for number in range(ADDITIONS)], source_ids=[("bench-source",)] * ADDITIONS
    )
    add_events(engine, added, "bench")
    engine.dispose()
    now = pd.concat(
        [
            events[~events["event_id"].isin(deleted)],
            added.drop(columns=["source_ids"]).assign(source_ids=[()] * ADDITIONS),
        ]
    )
    return now.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True), 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only")
    sizes = (10_000, 100_000) if parser.parse_args().quick else (10_000, 100_000, 1_000_000)
    started = time.perf_counter()
    print("| events | threads | timeline: first / rerun s | threads: first / rerun s | changes: first / rerun s |"
          " threads ÷ timeline (rerun) | changes ÷ timeline (rerun) |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    sources = load_dataset().sources
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            os.environ["POLICY_TIMELINE_DB"] = f"sqlite:///{folder}/bench.sqlite"
            events = synthetic_events_fast(size).sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)
            threads, links = synthetic_threads(events)
            current, briefing_id = prepare_store(os.environ["POLICY_TIMELINE_DB"], events, threads, links)
            name = f"threads-{size}"
            pickled(Path(folder), name, lean(current), sources)
            with open(Path(folder) / f"{name}.threads.pickle", "wb") as handle:
                pickle.dump((threads, links), handle, protocol=pickle.HIGHEST_PROTOCOL)
            timeline = page_seconds(Path(folder), name, "timeline", {})
            thread_page = page_seconds(Path(folder), name, "threads", {})
            changes = page_seconds(Path(folder), name, "changes", {"since_briefing": str(briefing_id)})
            cells = " | ".join(f"{first:.2f} / {rerun:.2f}" for first, rerun in (timeline, thread_page, changes))
            ratios = f"{thread_page[1] / timeline[1]:.1f}× | {changes[1] / timeline[1]:.1f}×"
            print(f"| {size:,} | {len(threads):,} | {cells} | {ratios} |", flush=True)
    print(f"\n(total {time.perf_counter() - started:.0f} s; medians of {RERUNS} reruns)")


if __name__ == "__main__":
    main()
