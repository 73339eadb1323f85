"""Bench app: a dashboard page (by default the home page, the timeline) over a pickled dataset.

Served by `streamlit run` and driven by AppTest from bench/scale.py and bench/pages.py. The `data`
query parameter names a pickled Dataset in the folder BENCH_DIR; a name starting with "naive" takes
the naive timeline (object columns, one marker per event, CSV built on every rerun), any other this
project's pages. The `page` parameter names a page file in pages/ ("events"), the home page when
absent. Each run stores its own timings in st.session_state["bench_seconds"].
"""

import os
import pickle
import runpy
import time
from pathlib import Path

import streamlit as st

from timeline import figures, ui
from timeline.export import events_csv
from timeline.filters import apply_filters, describe

started = time.perf_counter()
PROJECT = Path(__file__).resolve().parents[1]
PAGES = {"timeline": PROJECT / "dashboard.py"} | {path.stem: path for path in (PROJECT / "pages").glob("*.py")}


@st.cache_resource(show_spinner="Loading events…")
def load(path: str):
    with open(path, "rb") as handle:
        return pickle.load(handle)


def timed_sidebar(events):
    """ui.sidebar_filters, with its share of the run recorded."""
    before = time.perf_counter()
    try:
        return sidebar_filters(events)
    finally:
        seconds["sidebar"] = time.perf_counter() - before


def naive_page() -> None:
    """The page before this work: every event drawn with hover data, and the CSV built every run."""
    chosen = st.session_state["filters"]
    shown = apply_filters(data.events, chosen)
    st.title("Policy timeline")
    st.caption(f"{len(shown)} of {len(data.events)} events · {describe(chosen)}")
    if shown.empty:
        st.info("No event matches these filters.")
        return
    st.plotly_chart(figures.timeline_figure(shown), key="timeline_chart", on_select="rerun", selection_mode="points")
    st.download_button("Download CSV", data=events_csv(shown), file_name="events.csv", on_click="ignore")


name = st.query_params.get("data", "bundled")
naive = name.startswith("naive")
data = load(str(Path(os.environ["BENCH_DIR"]) / f"{Path(name).name}.pickle"))
ui.dataset = lambda: data  # one shared frame, as the dashboard's st.cache_resource gives every rerun
threads_file = Path(os.environ["BENCH_DIR"]) / f"{Path(name).name}.threads.pickle"
if threads_file.exists():  # policy threads to go with the synthetic events (bench/threads.py)
    thread_tables = load(str(threads_file))
    ui.thread_data = lambda: thread_tables
ui.navigation_links = lambda: None  # the links name pages relative to dashboard.py, not this script
seconds = st.session_state.setdefault("bench_seconds", {})
# AppTest reruns this script in one process: wrap the real sidebar once, not the previous wrapper.
sidebar_filters = getattr(ui.sidebar_filters, "__wrapped__", ui.sidebar_filters)
timed_sidebar.__wrapped__ = sidebar_filters
ui.sidebar_filters = timed_sidebar
try:
    if naive:
        st.session_state["filters"] = timed_sidebar(data.events)
        naive_page()
    else:
        runpy.run_path(str(PAGES[st.query_params.get("page", "timeline")]))
finally:
    seconds["total"] = time.perf_counter() - started
