"""Sources page: every source with its language, publication date, address and the events it supports."""

import streamlit as st

from timeline import labels, ui
from timeline.dates_display import format_day
from timeline.filters import describe
from timeline.summaries import sources_table
from timeline.text import plain_markdown

data, filters, shown = ui.page_setup("Sources")
st.title("Sources")
table = sources_table(shown, data.sources)
cited = table[table["events"] > 0]
st.caption(f"{len(cited):,} sources support the {len(shown):,} events shown · {plain_markdown(describe(filters))}")
st.caption("Click a source to list the events it supports.")
picked = st.dataframe(
    cited.assign(
        url=ui.web_links(cited["url"]),
        lang=labels.labelled(cited["lang"], labels.language),
        published=cited["published"].map(format_day),
        titles=[
            " | ".join(titles) + (f" | … and {count - len(titles):,} more" if count > len(titles) else "")
            for titles, count in zip(cited["titles"], cited["events"], strict=True)
        ],
    ),
    hide_index=True,
    column_order=["name", "title", "events", "published", "published_estimated", "lang", "url", "titles"],
    height=ui.table_height(len(cited)),
    column_config={
        "name": st.column_config.TextColumn("Source"),
        "title": st.column_config.TextColumn("Title", width="medium"),
        "lang": st.column_config.TextColumn("Language"),
        "published": st.column_config.TextColumn("Published"),
        "published_estimated": st.column_config.CheckboxColumn("Date estimated"),
        "url": st.column_config.LinkColumn("Address"),
        "events": st.column_config.NumberColumn("Events"),
        "titles": st.column_config.TextColumn("Events it supports", width="large"),
    },
    on_select="rerun",
    selection_mode="single-row",
    key="sources_table",
)
uncited = len(table) - len(cited)
if uncited:
    st.caption(f"{uncited} more source(s) in the registry support none of the events shown.")

chosen_rows = picked["selection"]["rows"] if picked else []
if chosen_rows:
    source = cited.iloc[chosen_rows[0]]
    supported = ui.listed(shown[shown["source_ids"].map(lambda ids: source["source_id"] in ids)])
    st.subheader(plain_markdown(f"Events citing {source['name']}"), anchor=False)
    st.caption("Click an event to open it on the Events page.")
    opened = st.dataframe(
        ui.event_display(supported),
        hide_index=True,
        column_order=["when", "title", "category", "actors", "date_precision"],
        column_config=ui.event_columns(),
        height=ui.table_height(len(supported)),
        on_select="rerun",
        selection_mode="single-row",
        key="source_events_table",
    )
    if opened and opened["selection"]["rows"]:
        st.session_state["event"] = supported["event_id"].iloc[opened["selection"]["rows"][0]]
        st.switch_page("pages/events.py")
ui.copy_link("sources")
