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
st.caption("Click a row to show its event in full below.")
st.dataframe(
    ui.event_display(rows),
    hide_index=True,
    # What an analyst reads first comes first; the rest scrolls.
    column_order=[
        "when", "title", "category", "actors", "countries", "source_name", "source_url",
        "date_precision", "date_text", "status",
    ],
    column_config=ui.event_columns(),
    height=ui.table_height(len(rows)),
    on_select="rerun",
    selection_mode="single-row",
    key="events_table",
)  # fmt: skip
ui.open_selected_row("events_table", rows)

st.divider()
event_id = ui.event_picker(shown, label="Show one event in full")
show_event(shown[shown["event_id"] == event_id].iloc[0])
ui.show_event_threads(event_id)
curate_event(event_id, ui.analyst_in_sidebar())
ui.copy_link("events")
