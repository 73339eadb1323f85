"""Briefing page: the current view as a finished picture, with image, PDF, HTML and CSV exports."""

import datetime as dt

import streamlit as st

from timeline import ui
from timeline.briefing import (
    SIZES,
    Briefing,
    default_title,
    file_name,
    key_events,
    too_many_events,
)
from timeline.briefing_layout import briefing_figure
from timeline.dates_display import interval_column
from timeline.export import events_csv
from timeline.filters import describe
from timeline.text import plain_markdown
from timeline.threads import policy_status

data, filters, shown = ui.page_setup("Briefing")
clean = ui.initial_query_value("clean") == "1"
problem = too_many_events(len(shown))
if problem:
    st.title("Briefing")
    st.info(problem, icon=":material/filter_alt:")
    ui.show_overview(data.events, filters, "category")
    ui.copy_link("briefing")
    st.stop()

for key, parameter in (("brief_title", "title"), ("brief_subtitle", "subtitle")):
    st.session_state.setdefault(key, ui.initial_query_value(parameter) or "")
st.session_state.setdefault(
    "brief_size", ui.initial_query_value("size") if ui.initial_query_value("size") in SIZES else "slide"
)
if "brief_labels" not in st.session_state:
    wanted = st.session_state.get("_initial_query", {}).get("label")
    st.session_state["brief_labels"] = (
        [event_id for event_id in wanted if event_id in set(shown["event_id"])] if wanted else list(key_events(shown))
    )

if clean:
    ui.hide_chrome()
else:
    st.title("Briefing")
    st.caption(f"{len(shown):,} of {len(data.events):,} events · {plain_markdown(describe(filters))}")
    with st.expander("Title, labels and size", expanded=False, icon=":material/tune:"):
        st.text_input("Title", key="brief_title", placeholder=default_title(shown, filters))
        st.text_input("Subtitle", key="brief_subtitle", placeholder=f"Filters: {describe(filters)}")
        titles = dict(zip(shown["event_id"], interval_column(shown) + " · " + shown["title"], strict=True))
        st.session_state["brief_labels"] = [
            event_id for event_id in st.session_state["brief_labels"] if event_id in titles
        ]
        st.multiselect("Label these events", list(titles), format_func=titles.get, key="brief_labels")
        st.segmented_control(
            "Size",
            list(SIZES),
            format_func={"slide": "Slide 16:9", "a4": "A4 portrait"}.get,
            key="brief_size",
            required=True,
        )

page_settings = {
    "title": st.session_state["brief_title"],
    "subtitle": st.session_state["brief_subtitle"],
    "size": st.session_state["brief_size"] if st.session_state["brief_size"] != "slide" else "",
    # Labels go in the link only when the analyst changed them from the automatic choice.
    "label": st.session_state["brief_labels"] if st.session_state["brief_labels"] != list(key_events(shown)) else [],
}
ui.set_query_values({key: value for key, value in page_settings.items() if value}, list(page_settings))

ui.stop_if_empty(shown, "briefing")

threads, links = ui.thread_data()
status = policy_status(threads, links, data.events, shown["event_id"], dt.date.today())
briefing = Briefing(
    events=shown,
    sources=data.sources,
    filters=filters,
    title=st.session_state["brief_title"],
    subtitle=st.session_state["brief_subtitle"],
    labelled=tuple(st.session_state["brief_labels"]),
    size=st.session_state["brief_size"],
    link=ui.current_link("briefing"),
    status=status,
)
figure = briefing_figure(briefing)
width, height = SIZES[briefing.size]
# The picture keeps its exact size whatever the window (its labels are placed for that size): a fixed
# frame the chart cannot shrink from; with controls around it, the frame scrolls sideways in a narrow window.
frame_style = f".st-key-briefing_frame>div{{width:{width}px;min-width:{width}px;height:{height}px}}"
if clean:
    frame_style += (
        f".block-container{{max-width:none !important;padding:0 !important;margin:0 !important;min-width:{width}px}}"
        "[data-testid=stMain]{align-items:flex-start !important}"
    )
else:
    frame_style += ".st-key-briefing_frame{overflow-x:auto}"
st.html(f"<style>{frame_style}</style>")
with st.container(key="briefing_frame"):
    st.plotly_chart(
        figure,
        key="briefing_chart",
        theme=None,  # the briefing's own light template, as in the exported files
        width=width,
        height=height,
        config={"displayModeBar": False, "responsive": False},
    )

if not status.empty:
    st.subheader("Policy status", anchor=False)
    st.dataframe(status, hide_index=True, key="brief_policy_status")

if not clean:
    provenance = briefing.provenance_lines()
    ui.export_buttons(
        lambda: (figure, (width, height)),
        provenance,
        file_name_for=lambda fmt: file_name(briefing, fmt),
        csv_bytes=lambda: events_csv(ui.export_rows(shown), comments=provenance),
        key="brief",
        page="briefing",
        on_export=ui.briefing_recorder(data.events, shown, filters, briefing.title),
    )
    st.caption(
        "For a clean screenshot, open the link with `clean=1` added: no sidebar, no controls. "
        "Exports carry the filters in a footnote and in the file's metadata."
    )
