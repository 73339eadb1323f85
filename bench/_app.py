"""Bench app: the dashboard's sidebar and timeline page over a pickled dataset, project or naive path.

Served by `streamlit run` and driven by AppTest from bench/scale.py. The `data` query parameter
names a pickled Dataset in the folder BENCH_DIR; a name starting with "naive" takes the naive path
(object columns, one marker per event, CSV built on every rerun), any other this project's page
with indexed filters. Each run stores its own timings in st.session_state["bench_seconds"].
"""

import os
import pickle
import runpy
import time
from pathlib import Path

import streamlit as st

from timeline import figures, ui
from timeline.export import events_csv
from timeline.filters import Filters, apply_filters, describe
from timeline.index import index_for

started = time.perf_counter()
PAGE = Path(__file__).resolve().parents[1] / "pages" / "timeline.py"


@st.cache_resource(show_spinner="Loading events…")
def load(path: str):
    with open(path, "rb") as handle:
        return pickle.load(handle)


def indexed_view():
    """ui.current_view as proposed to the lead: the same frame every rerun, filtered through its index."""
    chosen = st.session_state.get("filters", Filters())
    return data, chosen, apply_filters(data.events, chosen, index=index_for(data.events))


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
ui.dataset = lambda: data  # one shared frame, as st.cache_resource would give every rerun
ui.current_view = indexed_view
seconds = st.session_state.setdefault("bench_seconds", {})
try:
    before_sidebar = time.perf_counter()
    st.session_state["filters"] = ui.sidebar_filters(data.events)
    seconds["sidebar"] = time.perf_counter() - before_sidebar
    if naive:
        naive_page()
    else:
        runpy.run_path(str(PAGE))
finally:
    seconds["total"] = time.perf_counter() - started
