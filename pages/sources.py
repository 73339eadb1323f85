"""Sources page: every source with its language, publication date, address and the events it supports."""

import streamlit as st

from timeline import ui
from timeline.filters import describe
from timeline.summaries import sources_table
from timeline.text import plain_markdown

data, filters, shown = ui.page_setup("Sources")
st.title("Sources")
table = sources_table(shown, data.sources)
cited = table[table["events"] > 0]
st.caption(f"{len(cited):,} sources support the {len(shown):,} events shown · {plain_markdown(describe(filters))}")
st.dataframe(
    cited.assign(
        url=ui.web_links(cited["url"]),
        titles=[
            " | ".join(titles) + (f" | … and {count - len(titles):,} more" if count > len(titles) else "")
            for titles, count in zip(cited["titles"], cited["events"], strict=True)
        ],
    ),
    hide_index=True,
    column_order=["name", "title", "lang", "published", "published_estimated", "url", "events", "titles"],
    column_config={
        "name": st.column_config.TextColumn("Source"),
        "title": st.column_config.TextColumn("Title"),
        "lang": st.column_config.TextColumn("Language"),
        "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "published_estimated": st.column_config.CheckboxColumn("Date estimated"),
        "url": st.column_config.LinkColumn("Address"),
        "events": st.column_config.NumberColumn("Events"),
        "titles": st.column_config.TextColumn("Events it supports", width="large"),
    },
    key="sources_table",
)
uncited = len(table) - len(cited)
if uncited:
    st.caption(f"{uncited} more source(s) in the registry support none of the events shown.")
ui.copy_link("sources")
