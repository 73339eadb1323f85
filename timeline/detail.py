"""One event shown in full: dates as written and resolved, actors, the quote in its own script, sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline import labels
from timeline.countries import country_name
from timeline.dates_display import format_day, format_interval
from timeline.text import escape_html, plain_markdown, quote_html

NO_QUOTE = "no quote recorded"


def show_event(event: pd.Series, sources: pd.DataFrame) -> None:
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
    if isinstance(event["quote"], str):
        st.markdown(f"**Quote** ({labels.language(event['source_lang'])}):")
        st.html(quote_html(event["quote"], str(event["source_lang"])))
    else:
        # Most bundled events keep no quote: their sources' sentences are not ours to republish.
        st.markdown(f"**Quote:** {NO_QUOTE}")
    cited = sources[sources["source_id"].isin(event["source_ids"])]
    st.markdown("**Sources:**")
    for source in cited.itertuples():
        published = f", {format_day(source.published)}" if pd.notna(source.published) else ""
        estimated = " (estimated)" if source.published_estimated else ""
        label = plain_markdown(f"{source.name}{published}{estimated} ({labels.language(source.lang)})")
        url = source.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        st.markdown(f"- [{label}]({url})" if url.startswith(("http://", "https://")) else f"- {label}")
