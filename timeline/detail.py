"""One event shown in full: dates as written and resolved, actors, every source with its own quote in its own script."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline import labels
from timeline.countries import country_name
from timeline.database import StoreError
from timeline.dates_display import format_day, format_interval
from timeline.text import escape_html, plain_markdown, quote_html

NO_QUOTE = "no quote recorded"


def show_event(event: pd.Series) -> None:
    """Render one event row; all event text is escaped before it reaches the page."""
    st.subheader(plain_markdown(event["title"]), anchor=False)
    when = format_interval(event["date_start"], event["date_end"], str(event["date_precision"]))
    status = "" if event["status"] == "accepted" else f"  ·  ⚠️ {labels.status(event['status']).lower()}"
    precision = labels.precision(event["date_precision"]).lower()
    st.markdown(
        f"**{plain_markdown(when)}** ({plain_markdown(precision)})  ·  {labels.category(event['category'])}{status}"
    )
    if isinstance(event["summary"], str):
        st.write(plain_markdown(event["summary"]))
    details = {
        "Date as written": event["date_text"],
        "Actors": ", ".join(event["actors"]) or "none named",
        "Countries": ", ".join(f"{country_name(code)} ({code})" for code in event["countries"]) or "none named",
        "Location": event["location"] if isinstance(event["location"], str) else "",
    }
    # Each value in its own direction: an Arabic date or name reads right to left inside an English line.
    st.html(
        "".join(
            f'<p style="margin:0 0 0.4rem 0"><b>{label}:</b> <bdi dir="auto">{escape_html(value)}</bdi></p>'
            for label, value in details.items()
            if value
        )
    )
    show_sources(event)


def show_sources(event: pd.Series) -> None:
    """Every source of the event, the primary first, each with its own quote in its own script and direction."""
    from timeline import ui  # the store this page reads; ui imports no page modules
    from timeline.database.curation import cited_sources

    try:
        cited = cited_sources(ui.engine(), str(event["event_id"]))
    except StoreError:  # gone from the store since this page's copy was read
        cited = []
    if not any(source.quote for source in cited):
        # Most bundled events keep no quote: their sources' sentences are not ours to republish.
        st.markdown(f"**Quote:** {NO_QUOTE}")
    st.markdown(f"**Sources ({len(cited)}):**")
    for source in cited:
        published = f", {format_day(source.published)}" if source.published is not None else ""
        estimated = " (estimated)" if source.published_estimated else ""
        role = " · primary" if source.primary else ""
        label = plain_markdown(f"{source.name}{published}{estimated} ({labels.language(source.lang)}){role}")
        url = source.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        st.markdown(f"- [{label}]({url})" if url.startswith(("http://", "https://")) else f"- {label}")
        if source.title:
            st.caption(plain_markdown(source.title))
        if source.quote:
            st.html(quote_html(source.quote, source.lang))
        if source.date_text and not source.primary:
            st.caption(plain_markdown(f"Date as this source words it: {source.date_text}"))
