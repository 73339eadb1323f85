"""Timeline page: the filtered events on a plotly timeline, by category or by actor."""

import streamlit as st

from timeline import figures, ui
from timeline.detail import show_event
from timeline.filters import describe

data, filters, shown = ui.current_view()
st.title("Policy timeline")
st.caption(f"{len(shown)} of {len(data.events)} events · {describe(filters)}")

if "lanes" not in st.session_state:
    from_link = ui.initial_query_value("lanes")
    st.session_state["lanes"] = from_link if from_link in figures.LANE_MODES else "category"
lanes = st.segmented_control(
    "One lane per", list(figures.LANE_MODES), format_func=figures.LANE_MODES.get, key="lanes", required=True
)
ui.set_query_values({"lanes": lanes} if lanes != "category" else {}, ["lanes"])

if shown.empty:
    st.info("No event matches these filters. Clear a filter in the sidebar to see more.")
    st.stop()

st.caption("● dated to the day  ·  ▬ band: a span, month, season, year or undated window")
chart = st.plotly_chart(
    figures.timeline_figure(shown, lanes),
    key="timeline_chart",
    on_select="rerun",
    selection_mode="points",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "timeline"}},
)
points = chart["selection"]["points"] if chart else []
selected = list(dict.fromkeys(point["customdata"][0] for point in points if point.get("customdata")))
for event_id in selected:
    show_event(shown[shown["event_id"] == event_id].iloc[0], data.sources)
if not selected:
    st.caption("Click an event to see its details and sources.")
