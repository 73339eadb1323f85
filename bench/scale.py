"""Scale benchmark: this project's timeline path against a naive one, at 10k, 100k and 1M synthetic events.

Run from the repository root (the full run takes several minutes; --quick stops at 100k):

    .venv/bin/python -m bench.scale [--quick] [--no-browser]

Prints one Markdown table; docs/performance.md keeps the latest one.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bench import _browser
from bench._synthetic import actor_names, cast_columns, raw_events
from timeline import overview
from timeline.figures import timeline_figure
from timeline.filters import Filters, apply_filters, filtered_positions
from timeline.index import SORT_COLUMNS, EventIndex, build_index
from timeline.schema import enforce_schema
from timeline.snapshot import lean
from timeline.store import Dataset, load_dataset

SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
FILTER_RUNS = 5
SEARCH_WORD = "tariff"  # in one synthetic title topic of sixteen
REFERENCE_WORD = "summit"  # in a few bundled events
NAIVE_BROWSER_LIMIT_S = 150.0
# Above this the naive page sends a ~55 MB websocket message, and Playwright's driver, which is
# handed a copy of every frame, runs out of memory and takes the whole run down with it.
NAIVE_BROWSER_MAX_EVENTS = 200_000
BUSY_ACTOR_RANK = 20  # a mid-frequency actor
NEW_FILTER_WORDS = ("chip", "grain", "port", "visa")  # each keeps about one event in sixteen


@dataclass
class Measured:
    """One row of the table: one dataset size through one path."""

    size: int
    path: str
    build: str = "–"
    frame_mb: float | None = None
    frame_once_mb: float | None = None
    frame_resident_mb: float | None = None
    index_mb: float | None = None
    actor_filter_s: float | None = None
    text_filter_s: float | None = None
    figure_s: float | None = None
    figure_bytes: int | None = None
    rerun_s: float | None = None
    rerun_new_filter_s: float | None = None
    sidebar_s: float | None = None
    open_s: float | str | None = None
    change_s: float | str | None = None
    notes: list[str] = field(default_factory=list)


def median_seconds(action: Callable[[], object], runs: int = FILTER_RUNS) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def timed(action: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def naive_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The frame as plain Python objects: no categoricals, no Arrow strings."""
    return events.astype({name: "object" for name in events.columns if events[name].dtype.kind not in "Mf"})


def objects_once_megabytes(frame: pd.DataFrame) -> float:
    """The frame's memory counting each shared Python object once.

    memory_usage(deep=True) sizes every row's object afresh, but rows that name the same actors share
    one tuple (the schema builds each distinct list once), so it overstates what is resident.
    """
    total, seen = 0, set()
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object:
            total += column.memory_usage(deep=True, index=False)
            continue
        total += 8 * len(column)  # each row's pointer
        for value in column:
            for item in (value, *(value if isinstance(value, tuple) else ())):
                if id(item) not in seen:
                    seen.add(id(item))
                    total += sys.getsizeof(item)
    return total / 1e6


def resident_megabytes(dataset_path: Path) -> float:
    """Resident memory a fresh process gains by loading a pickled dataset's events (RSS after minus before)."""
    script = (
        "import gc, os, pickle, sys\n"
        "import pandas, pyarrow\n"
        "from timeline.store import Dataset\n"
        "def rss():\n"
        "    with open('/proc/self/statm') as f:\n"
        "        return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')\n"
        "gc.collect(); before = rss()\n"
        "with open(sys.argv[1], 'rb') as handle:\n"
        "    events = pickle.load(handle).events\n"
        "gc.collect(); print((rss() - before) / 1e6)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(dataset_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    return float(done.stdout.strip())


def index_megabytes(index: EventIndex) -> float:
    arrays = [index.order, index.start_days, index.category_codes]
    arrays += [links.rows for links in (index.actors, index.countries)]
    arrays += [links.codes for links in (index.actors, index.countries)]
    return sum(array.nbytes for array in arrays) / 1e6


def project_figure(events: pd.DataFrame, index: EventIndex):
    """What the timeline page draws for the unfiltered view."""
    if overview.shows_every_event(len(events)):
        return timeline_figure(events)
    positions = filtered_positions(events, Filters(), index)
    return overview.overview_figure(overview.summarise(index, positions, "category"))


def build(size: int) -> tuple[pd.DataFrame, pd.DataFrame, EventIndex, Measured]:
    """The synthetic frame through enforce_schema, the load-time sort, and the index, all timed.

    Returns the whole schema frame (the naive path's), the dashboard's shared frame (addresses left
    in the store, timeline.snapshot.lean), its index and the measures so far.
    """
    raw = raw_events(size)
    checked, schema_s = timed(lambda: enforce_schema(raw, origin=f"synthetic-{size}"))
    cast, cast_s = timed(lambda: cast_columns(raw))
    pd.testing.assert_frame_equal(checked, cast)  # the column-wise path is only a faster route to the same frame
    events, sort_s = timed(lambda: checked.sort_values(SORT_COLUMNS, kind="stable").reset_index(drop=True))
    shared = lean(events)
    index, index_s = timed(lambda: build_index(shared))
    row = Measured(
        size, "project", build=f"{schema_s:.1f} (col-wise {cast_s:.1f}) + sort {sort_s:.1f} + index {index_s:.1f}"
    )
    row.frame_mb = shared.memory_usage(deep=True).sum() / 1e6
    row.frame_once_mb = objects_once_megabytes(shared)
    row.index_mb = index_megabytes(index)
    return events, shared, index, row


def measure_python(
    events: pd.DataFrame, shared: pd.DataFrame, index: EventIndex, project: Measured, naive: Measured
) -> None:
    """Filters and figures, in this process: the project on its shared frame, the naive path on the whole one."""
    actor = Filters(actors=(actor_names()[BUSY_ACTOR_RANK],))
    text = Filters(text=SEARCH_WORD)

    def indexed(chosen: Filters) -> Callable[[], object]:
        def run():
            index.recent.clear()  # measure the filter, not the memory of its last result
            return apply_filters(shared, chosen, index=index)

        return run

    project.actor_filter_s = median_seconds(indexed(actor))
    project.text_filter_s = median_seconds(indexed(text))
    plain = naive_frame(events)
    naive.frame_mb = plain.memory_usage(deep=True).sum() / 1e6
    naive.frame_once_mb = objects_once_megabytes(plain)
    naive.actor_filter_s = median_seconds(lambda: apply_filters(plain, actor))
    naive.text_filter_s = median_seconds(lambda: apply_filters(plain, text), runs=3 if len(events) > 200_000 else 5)
    payload, project.figure_s = timed(lambda: project_figure(shared, index).to_json())
    project.figure_bytes = len(payload)
    payload, naive.figure_s = timed(lambda: timeline_figure(plain).to_json())
    naive.figure_bytes = len(payload)


def pickled(workdir: Path, name: str, events: pd.DataFrame, sources: pd.DataFrame) -> Path:
    path = workdir / f"{name}.pickle"
    with open(path, "wb") as handle:
        pickle.dump(Dataset(events=events, sources=sources), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def measure_reruns(data_dir: Path, name: str, row: Measured, reruns: int) -> None:
    """Script time of the sidebar plus the timeline page in AppTest, as the app itself times it.

    Each round searches a new word (a filter the page has not seen) and then clears it again (a
    rerun of the unfiltered view, the largest one).
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["BENCH_DIR"] = str(data_dir)
    app = AppTest.from_file(str(_browser.APP), default_timeout=900)
    app.query_params["data"] = name
    app.run()
    if app.exception:
        raise RuntimeError(f"bench app failed: {app.exception}")
    unfiltered, fresh, sidebar = [], [], []
    for attempt in range(reruns):
        app.text_input(key="filter_text").input(NEW_FILTER_WORDS[attempt % len(NEW_FILTER_WORDS)]).run()
        fresh.append(app.session_state["bench_seconds"]["total"])
        app.text_input(key="filter_text").input("").run()
        unfiltered.append(app.session_state["bench_seconds"]["total"])
        sidebar.append(app.session_state["bench_seconds"]["sidebar"])
    row.rerun_s, row.rerun_new_filter_s = statistics.median(unfiltered), statistics.median(fresh)
    row.sidebar_s = statistics.median(sidebar)
    st.cache_resource.clear()


def measure_browser(browser, url: str, row: Measured, word: str, opens: int, warm_up: bool, timeout_s: float) -> None:
    """Open-to-chart and filter-to-chart in Chromium; a warm-up visit first loads the data and its index."""
    try:
        if warm_up:
            _browser.open_and_filter(browser, url, word, timeout_s)
        timings = [_browser.open_and_filter(browser, url, word, timeout_s) for _ in range(opens)]
    except Exception as error:  # noqa: BLE001 - a timeout is a result here, not a failure
        if "Timeout" not in type(error).__name__:
            raise
        row.open_s = row.change_s = f"> {timeout_s:.0f} s, skipped"
        return
    row.open_s = statistics.median(opened for opened, _ in timings)
    row.change_s = statistics.median(changed for _, changed in timings)


def number(value: float | str | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return value if isinstance(value, str) else f"{value:.{digits}f}"


def table(rows: list[Measured], reference: Measured | None) -> str:
    header = (
        "| events | path | build s: schema (col-wise) + sort + index | frame MB: resident; deep (shared objects once) "
        "| index MB | actor filter s "
        "| text filter s | figure s | figure JSON | rerun s | rerun, new filter s | of which sidebar s "
        "| browser open s | browser filter s |"
    )
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in ([reference] if reference else []) + rows:
        size_mb = f"{row.figure_bytes / 1e6:.2f} MB" if row.figure_bytes else "–"
        lines.append(
            f"| {row.size:,} | {row.path} | {row.build} | {number(row.frame_resident_mb, 0)}; "
            f"{number(row.frame_mb, 0)} ({number(row.frame_once_mb, 0)}) "
            f"| {number(row.index_mb, 0)} "
            f"| {number(row.actor_filter_s, 3)} | {number(row.text_filter_s, 3)} | {number(row.figure_s)} | {size_mb} "
            f"| {number(row.rerun_s)} | {number(row.rerun_new_filter_s)} | {number(row.sidebar_s)} "
            f"| {number(row.open_s, 1)} | {number(row.change_s, 1)} |"
        )
    lines.append("")
    for project, naive in zip(rows[::2], rows[1::2], strict=True):
        lines.append(f"- {project.size:,} events, naive ÷ project: " + ratios(naive, project))
        if reference and isinstance(project.open_s, float) and isinstance(reference.open_s, float):
            lines.append(
                f"- {project.size:,} events ÷ the {reference.size} bundled events: browser open "
                f"×{project.open_s / reference.open_s:.2f}, filter change ×{project.change_s / reference.change_s:.2f}"
            )
    return "\n".join(lines)


def ratios(naive: Measured, project: Measured) -> str:
    pairs = {
        "actor filter": (naive.actor_filter_s, project.actor_filter_s),
        "text filter": (naive.text_filter_s, project.text_filter_s),
        "figure JSON": (naive.figure_bytes, project.figure_bytes),
        "rerun": (naive.rerun_s, project.rerun_s),
        "rerun, new filter": (naive.rerun_new_filter_s, project.rerun_new_filter_s),
        "browser open": (naive.open_s, project.open_s),
        "browser filter": (naive.change_s, project.change_s),
    }
    shown = [
        f"{label} ×{slow / fast:.1f}"
        for label, (slow, fast) in pairs.items()
        if isinstance(slow, (int, float)) and isinstance(fast, (int, float)) and fast
    ]
    return ", ".join(shown)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k and 100k only (under two minutes)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    args = parser.parse_args(argv)
    sizes, repeats = (QUICK_SIZES, 1) if args.quick else (SIZES, 3)
    started = time.perf_counter()
    bundled = load_dataset()
    rows: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as folder, contextlib.ExitStack() as stack:
        workdir = Path(folder)
        # Anything a page reads from a store comes from a throwaway one, never the analyst's.
        os.environ["POLICY_TIMELINE_DB"] = f"sqlite:///{workdir / 'bench.sqlite'}"
        if not args.no_browser:
            # One server and one browser for the whole run; each dataset is one address.
            server = stack.enter_context(_browser.served(workdir))
            browser = stack.enter_context(_browser.chromium())
        reference = Measured(len(bundled.events), "bundled (project)")
        pickled(workdir, "bundled", lean(bundled.events), bundled.sources)
        measure_reruns(workdir, "bundled", reference, reruns=repeats)
        if not args.no_browser:
            measure_browser(browser, f"{server}/?data=bundled", reference, REFERENCE_WORD, repeats, True, 60)
        for size in sizes:
            print(f"… {size:,} events ({time.perf_counter() - started:.0f} s so far)", file=sys.stderr)
            events, shared, index, project = build(size)
            naive = Measured(size, "naive", build="same frame, object columns")
            measure_python(events, shared, index, project, naive)
            project.frame_resident_mb = resident_megabytes(pickled(workdir, f"project-{size}", shared, bundled.sources))
            naive.frame_resident_mb = resident_megabytes(
                pickled(workdir, f"naive-{size}", naive_frame(events), bundled.sources)
            )
            del events, shared, index
            measure_reruns(workdir, f"project-{size}", project, reruns=repeats)
            measure_reruns(workdir, f"naive-{size}", naive, reruns=1 if size > 200_000 else repeats)
            if not args.no_browser:
                url = f"{server}/?data="
                measure_browser(browser, url + f"project-{size}", project, SEARCH_WORD, repeats, True, 120)
                if size > NAIVE_BROWSER_MAX_EVENTS:
                    naive.open_s = naive.change_s = "skipped¹"
                else:
                    # Timed on its first visit: a second one would cost as much again.
                    measure_browser(browser, url + f"naive-{size}", naive, SEARCH_WORD, 1, False, NAIVE_BROWSER_LIMIT_S)
            rows += [project, naive]
            print(table(rows, reference), file=sys.stderr)  # a long run keeps what it has measured so far
    print(table(rows, reference))
    print(f"\n(total {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores; medians)")
    if any(row.open_s == "skipped¹" for row in rows):
        print(
            f"¹ naive page above {NAIVE_BROWSER_MAX_EVENTS:,} events: Playwright's driver runs out of memory on its message"
        )


if __name__ == "__main__":
    main()
