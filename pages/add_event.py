"""Add event page: type in an event the record holds, with its date as written and its source."""

import datetime as dt

import pandas as pd
import streamlit as st

from timeline import ui
from timeline.database import StoreError, read_sources
from timeline.database.curation import add_event
from timeline.figures import format_interval
from timeline.hand_entry import new_event_frame, read_date
from timeline.text import plain_markdown
from timeline.vocabulary import categories

data, filters, shown = ui.page_setup("Add event")
st.title("Add an event")
who = ui.analyst_name()
for message in st.session_state.pop("add_event_messages", []):
    st.success(message)  # data in it was escaped when it was written
added = st.session_state.get("add_event_added")
if added:
    st.page_link(
        "dashboard.py", label="See it on the timeline", icon=":material/timeline:", query_params={"event": added}
    )

registry = read_sources(ui.engine()).sort_values("name", key=lambda names: names.str.casefold())
title = st.text_input("Title", key="add_title", placeholder="Short English title")

st.markdown("**Source**")
st.session_state.setdefault("add_source_kind", "An existing source")
new_source = st.segmented_control(
    "Source", ["An existing source", "A new source"], key="add_source_kind", label_visibility="collapsed"
)
if new_source == "A new source":
    left, right = st.columns(2)
    source = {
        "source_id": left.text_input("Source id", key="add_source_id", placeholder="outlet-2025-03-01"),
        "name": right.text_input("Outlet", key="add_source_name"),
        "title": left.text_input("Title of the piece", key="add_source_title"),
        "url": right.text_input("Address", key="add_source_url", placeholder="https://…"),
        "lang": left.text_input("Language (ISO 639-1)", key="add_source_lang", placeholder="ar, en, zh…"),
        "published": right.date_input("Published", value=None, key="add_source_published", format="YYYY-MM-DD"),
        "published_estimated": right.checkbox("Publication date estimated", key="add_source_estimated"),
        "accessed": dt.date.today(),
    }
else:
    labels = {
        row.source_id: f"{row.name} · {row.title or 'no title'} · {row.lang}"
        + (f" · {row.published:%Y-%m-%d}" if pd.notna(row.published) else "")
        for row in registry.itertuples()
    }
    chosen = st.selectbox("Existing source", list(labels), format_func=labels.get, key="add_source_existing")
    source = registry.set_index("source_id").loc[chosen].to_dict() | {"source_id": chosen} if chosen else None

date_column, until_column = st.columns(2)
date_written = date_column.text_input(
    "Date as the source words it", key="add_date", placeholder="17 February 2025, في 17 فبراير, 2025-Q1, last year"
)
date_until = until_column.text_input("Until (for a span, optional)", key="add_date_until")
if date_written.strip():
    published = source.get("published") if source else None
    published_day = None if published is None or pd.isna(published) else pd.Timestamp(published).date()
    try:
        when = read_date(date_written, date_until, published_day)
    except ValueError as error:
        st.warning(f"Date not read: {plain_markdown(error)}")
    else:
        st.info(
            f"Read as **{plain_markdown(format_interval(when.start, when.end, when.precision))}** "
            f"({when.start:%Y-%m-%d} to {when.end:%Y-%m-%d}), precision **{when.precision}**"
            + (
                f"; relative words read against the source's publication date, {published_day:%Y-%m-%d}"
                if published_day
                else ""
            ),
            icon=":material/event:",
        )

category_names = list(categories().values)
category = st.selectbox("Category", category_names, key="add_category")
actors = st.multiselect("Actors", ui.actor_options(data.events, ()), key="add_actors", accept_new_options=True)
countries = st.text_input("Countries (ISO codes, ; between)", key="add_countries", placeholder="CN; US")
location = st.text_input("Location", key="add_location")
quote = st.text_area("Quote, in the source's own words and language", key="add_quote", height=90)
summary = st.text_area("Summary, in English", key="add_summary", height=90)
known_tags = sorted(set(ui.tag_data()["tag"]), key=str.casefold)
tags = st.multiselect("Tags", known_tags, key="add_tags", accept_new_options=True, placeholder="Type a tag, Enter")
event_id = st.text_input("Event id (optional)", key="add_event_id", help="Made from the title and date when empty.")

if st.button("Add the event", type="primary", key="add_save", disabled=not (ui.may(who, "add_events") and source)):
    try:
        frame = new_event_frame(
            title=title,
            date_written=date_written,
            date_until=date_until,
            category=category,
            actors=actors,
            countries=countries,
            location=location,
            source=source,
            quote=quote,
            summary=summary,
            event_id=event_id,
        )
        if not ui.may(who, "review"):  # an analyst's event waits for a reviewer like any candidate
            frame = frame.assign(status="unreviewed")
        saved = add_event(ui.engine(), frame, who, tags=tags, source=source if new_source == "A new source" else None)
    except (StoreError, ValueError) as error:  # ValueError: the schema's and the form's own checks
        st.error(f"Not added: {plain_markdown(error)}")
    else:
        st.session_state["add_event_added"] = saved
        st.session_state.setdefault("add_event_messages", []).append(
            plain_markdown(f"Added “{frame['title'].iat[0]}” ({saved}).")
        )
        for key in ("add_title", "add_date", "add_date_until", "add_quote", "add_summary", "add_event_id", "add_tags"):
            st.session_state.pop(key, None)
        st.rerun()
ui.copy_link("add_event")
