"""Events page: the filtered events as a table, one event in full, and a CSV of exactly those rows."""

import datetime as dt

import streamlit as st

from timeline import ui
from timeline.detail import show_event
from timeline.event_curation import curate_event
from timeline.export import events_csv
from timeline.filters import describe
from timeline.text import plain_markdown

data, filters, shown = ui.page_setup("Events")
st.title("Events")
st.caption(f"{len(shown):,} of {len(data.events):,} events · {plain_markdown(describe(filters))}")
ui.stop_if_empty(shown, "events")

export_comments = [f"Policy Timeline export, {dt.date.today():%Y-%m-%d}", f"filters: {describe(filters)}"]
st.download_button(
    "Download these events as CSV",
    # Made only when clicked: an ordinary rerun builds no CSV.
    data=lambda: events_csv(ui.export_rows(shown), comments=export_comments),
    file_name=f"events_{dt.date.today():%Y-%m-%d}.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="download_csv",
)
rows = ui.with_addresses(ui.listed(shown))
table = rows.assign(
    source_url=ui.web_links(rows["source_url"]),
    actors=rows["actors"].map(", ".join),
    countries=rows["countries"].map(", ".join),
)
st.dataframe(
    table,
    hide_index=True,
    column_order=[
        "date_start", "date_end", "date_precision", "title", "actors", "category", "countries",
        "date_text", "source_name", "source_url", "status",
    ],
    column_config=ui.event_columns(),
    key="events_table",
)  # fmt: skip

st.divider()
event_id = ui.event_picker(shown, label="Show one event in full")
show_event(shown[shown["event_id"] == event_id].iloc[0])
ui.show_event_threads(event_id)
curate_event(event_id, ui.analyst_in_sidebar())
ui.copy_link("events")
