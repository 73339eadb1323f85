"""Feeds page: the news feeds read for new articles, their fetch history, and a fetch on demand."""

import streamlit as st

from timeline import ui
from timeline.database import StoreError
from timeline.feeds import store
from timeline.feeds.pipeline import run_fetch
from timeline.text import plain_markdown

data, filters, shown = ui.page_setup("Feeds")
st.title("Feeds")
st.caption(
    "RSS and Atom feeds whose new articles are fetched, reduced to their text and searched for dated events; "
    "the candidates wait on the Review page. `python -m timeline feeds fetch` does the same from cron."
)
who = ui.analyst_name()
engine = ui.engine()

with st.form("feed_form", clear_on_submit=True):
    url_column, outlet_column = st.columns([3, 2])
    feed_url = url_column.text_input("Feed address", key="feed_url", placeholder="https://…/rss.xml")
    outlet = outlet_column.text_input("Outlet", key="feed_outlet", placeholder="default: the site's name")
    language_column, tags_column = st.columns([1, 3])
    language = language_column.selectbox("Language", store.LANGUAGES, key="feed_lang", help="auto: read from each page")
    tags = tags_column.text_input("Tags", key="feed_tags", placeholder="comma-separated, e.g. trade, energy")
    if st.form_submit_button("Add feed", icon=":material/add:", disabled=not ui.may(who, "edit_feeds")):
        try:
            added = store.add_feed(engine, feed_url, outlet, language, tuple(tags.split(",")), who)
        except StoreError as error:
            st.error(plain_markdown(error))
        else:
            st.success(f"{'Added' if added else 'Updated'} {plain_markdown(feed_url.strip())}")

feeds = store.list_feeds(engine)
if feeds.empty:
    st.info("No feed is listed yet: add one above.")
else:
    st.subheader(f"{len(feeds)} feeds", anchor=False)
    st.dataframe(
        feeds.assign(tags=feeds["tags"].map(", ".join)),
        hide_index=True,
        key="feeds_table",
        column_config={
            "url": st.column_config.TextColumn("Address"),
            "outlet": "Outlet",
            "lang": "Language",
            "tags": "Tags",
            "last_fetch_at": st.column_config.DatetimeColumn("Last fetch", format="YYYY-MM-DD HH:mm"),
            "next_due_at": st.column_config.DatetimeColumn("Next due", format="YYYY-MM-DD HH:mm"),
            "last_outcome": "Last outcome",
            "failures": st.column_config.NumberColumn("Failures in a row"),
            "articles": st.column_config.NumberColumn("Articles"),
        },
    )
    fetch_column, remove_column = st.columns(2)
    if fetch_column.button(
        "Fetch due feeds now", key="feeds_fetch", icon=":material/sync:", disabled=not ui.may(who, "fetch_articles")
    ):
        with st.spinner("Fetching feeds and articles…"), ui.reported("Feeds were not fetched"):
            summary = run_fetch(engine, who)
            st.session_state["feeds_summary"] = (summary.line(), summary.problems)
    with remove_column.popover("Remove a feed", icon=":material/delete:"):
        chosen = st.selectbox("Feed", feeds["url"], key="feed_remove_choice")
        if st.button("Remove it", key="feed_remove", disabled=not ui.may(who, "edit_feeds")):
            try:
                store.remove_feed(engine, chosen, who)
            except StoreError as error:
                st.error(plain_markdown(error))
            else:
                st.rerun()

if "feeds_summary" in st.session_state:
    line, problems = st.session_state["feeds_summary"]
    st.success(line)  # counts only
    for problem in problems:
        st.text(problem)  # addresses and server messages, shown as written

history = store.fetch_history(engine)
if not history.empty:
    st.subheader("Fetch history", anchor=False)
    per_day = store.articles_per_day(engine)
    if not per_day.empty:
        st.bar_chart(per_day, x="day", y="articles", color="status", height=220)
    st.dataframe(
        history,
        hide_index=True,
        key="fetch_history_table",
        column_config={
            "at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm:ss"),
            "kind": "Kind",
            "url": st.column_config.TextColumn("Address"),
            "outcome": "Outcome",
            "reason": "Reason",
            "http_status": st.column_config.NumberColumn("HTTP", format="%d"),
            "found": st.column_config.NumberColumn("New articles or candidates"),
        },
    )
ui.copy_link("feeds")
