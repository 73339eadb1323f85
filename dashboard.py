"""Policy Timeline: the Streamlit entry point and its home page, the timeline.

Run with `streamlit run dashboard.py`; the other pages are in pages/.
"""

import streamlit as st

from timeline import figures, overview, ui
from timeline.briefing import Briefing, file_name, timeline_export_figure
from timeline.detail import show_event
from timeline.event_curation import curate_event
from timeline.export import events_csv
from timeline.filters import describe
from timeline.text import plain_markdown

data, filters, positions = ui.page_positions("Timeline")
st.title("Policy timeline")
st.caption(f"{len(positions):,} of {len(data.events):,} events · {plain_markdown(describe(filters))}")

if "lanes" not in st.session_state:
    from_link = ui.initial_query_value("lanes")
    st.session_state["lanes"] = from_link if from_link in figures.LANE_MODES else "category"
lanes = st.segmented_control(
    "One lane per", list(figures.LANE_MODES), format_func=figures.LANE_MODES.get, key="lanes", required=True
)
ui.set_query_values({"lanes": lanes} if lanes != "category" else {}, ["lanes"])

if not len(positions):
    st.info("No event matches these filters. Clear a filter in the sidebar to see more.")
    st.stop()

if not overview.shows_every_event(len(positions)):
    ui.show_overview(data.events, filters, lanes)
    st.stop()

shown = ui.rows_of(data.events, positions)  # copied only when few enough to draw one by one

st.caption("Marks of one lane that would overlap are stacked in rows of their own; the legend names each mark.")
figure = figures.timeline_figure(shown, lanes, period=(filters.date_from, filters.date_to))
chart = st.plotly_chart(
    figure,
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "timeline"}},
)
points = chart["selection"]["points"] if chart else []
selected = list(dict.fromkeys(point["customdata"][0] for point in points if point.get("customdata")))
if (
    not selected
    and ui.initial_query_value("event") in set(shown["event_id"])
    and not st.session_state.get("_link_event_shown")
):
    # A shared link names an event: show it once, until the analyst clicks another.
    selected = [ui.initial_query_value("event")]
ui.set_query_values({"event": selected[0]} if selected else {}, ["event"])
who = ui.analyst_in_sidebar() if selected else ""
for event_id in selected:
    show_event(shown[shown["event_id"] == event_id].iloc[0])
    ui.show_event_threads(event_id)
    curate_event(event_id, who)
if not selected:
    st.caption("Click an event to see its details and sources.")
    st.session_state["_link_event_shown"] = True

briefing = Briefing(shown, data.sources, filters, link=ui.current_link(""))
ui.export_buttons(
    lambda: timeline_export_figure(briefing, lanes),  # built only when a file is asked for
    briefing.provenance_lines(),
    file_name_for=lambda fmt: file_name(briefing, fmt, stem="timeline"),
    csv_bytes=lambda: events_csv(ui.export_rows(shown), comments=briefing.provenance_lines()),
    key="timeline",
    page="",
)
