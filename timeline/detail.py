"""One event shown in full: dates as written and resolved, actors, the quote in its own script, sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from timeline.countries import country_name
from timeline.figures import format_interval
from timeline.text import plain_markdown, quote_html

NO_QUOTE = "no quote recorded"


def show_event(event: pd.Series, sources: pd.DataFrame) -> None:
    """Render one event row; all event text is escaped before it reaches the page."""
    st.subheader(plain_markdown(event["title"]), anchor=False)
    when = format_interval(event["date_start"], event["date_end"], str(event["date_precision"]))
    status = "" if event["status"] == "accepted" else "  ·  ⚠️ unreviewed"
    st.markdown(
        f"**{plain_markdown(when)}** ({event['date_precision']})  ·  {plain_markdown(str(event['category']))}{status}"
    )
    if isinstance(event["summary"], str):
        st.write(plain_markdown(event["summary"]))
    details = {
        "Date as written": event["date_text"],
        "Actors": ", ".join(event["actors"]) or "none named",
        "Countries": ", ".join(f"{country_name(code)} ({code})" for code in event["countries"]) or "none named",
        "Location": event["location"] if isinstance(event["location"], str) else "",
    }
    for label, value in details.items():
        if value:
            st.markdown(f"**{label}:** {plain_markdown(value)}")
    if isinstance(event["quote"], str):
        st.markdown(f"**Quote** ({event['source_lang']}):")
        st.html(quote_html(event["quote"], str(event["source_lang"])))
    else:
        # Most bundled events keep no quote: their sources' sentences are not ours to republish.
        st.markdown(f"**Quote:** {NO_QUOTE}")
    cited = sources[sources["source_id"].isin(event["source_ids"])]
    st.markdown("**Sources:**")
    for source in cited.itertuples():
        published = f", {source.published:%d %b %Y}" if pd.notna(source.published) else ""
        estimated = " (estimated)" if source.published_estimated else ""
        label = plain_markdown(f"{source.name}{published}{estimated} [{source.lang}]")
        url = source.url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        st.markdown(f"- [{label}]({url})" if url.startswith(("http://", "https://")) else f"- {label}")
