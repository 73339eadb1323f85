"""Add sources page: articles become candidates in the review queue; CSV rows become events."""

import pandas as pd
import streamlit as st

from loaders import csv_events, json_events
from loaders.article_text import ArticleError, decode_article
from loaders.articles import extract_events
from timeline import ui
from timeline.database import StoreError, add_events, import_frame
from timeline.feeds.pipeline import fetch_addresses
from timeline.feeds.store import LANGUAGES, article_status
from timeline.text import plain_markdown


def article_addresses(who: str) -> None:
    """Articles given by address: fetched, reduced to their text, their candidates sent to review at once."""
    with st.form("addresses_form"):
        pasted = st.text_area("Article addresses, one a line", height=140, key="addresses_text")
        outlet_column, date_column, language_column = st.columns(3)
        outlet = outlet_column.text_input("Source (outlet)", key="addresses_outlet", placeholder="default: the site")
        published = date_column.date_input(
            "Publication date", value=None, key="addresses_published", help="Leave empty to read it from each page."
        )
        language = language_column.selectbox("Language", LANGUAGES, key="addresses_lang", help="auto: from the page")
        fetch = st.form_submit_button("Fetch and find dated events", type="primary", disabled=not who)
    if not fetch:
        return
    urls = [line.strip() for line in pasted.splitlines() if line.strip()]
    if not urls:
        st.error("no address: paste one or more article addresses, one a line")
        return
    with st.spinner(f"Fetching {len(urls)} articles…"):
        summary, keys = fetch_addresses(ui.engine(), urls, who, outlet, language, published)
    st.success(summary.articles_line().capitalize())
    for problem in summary.problems:
        st.text(problem)  # addresses and server messages, shown as written
    if keys:
        st.dataframe(article_status(ui.engine(), keys), hide_index=True, key="addresses_table")


data, filters, shown = ui.page_setup("Add sources")
st.title("Add sources")
st.caption(
    "Events found in an article wait on the Review page, marked unreviewed; rows of a CSV file are "
    "added as events. Everything is saved in the event store."
)
who = ui.analyst_name()

article_tab, csv_tab, addresses_tab = st.tabs(["Article", "CSV file", "Article addresses"])
with article_tab:
    with st.form("article_form"):
        pasted = st.text_area("Paste the article (text or HTML)", height=220, key="article_text")
        upload = st.file_uploader("…or upload it", type=["txt", "html", "htm"], key="article_file")
        name_column, url_column = st.columns(2)
        source_name = name_column.text_input(
            "Source (outlet)", key="article_source", placeholder="e.g. Asharq Al-Awsat"
        )
        source_url = url_column.text_input("Address", key="article_url", placeholder="https://…")
        date_column, language_column = st.columns(2)
        published = date_column.date_input(
            "Publication date", value=None, key="article_published", help="Relative dates are resolved against it."
        )
        language = language_column.selectbox(
            "Language", ["auto", "ar", "en", "zh"], key="article_lang", help="auto: read from the script"
        )
        extract = st.form_submit_button("Find dated events", type="primary")
    if extract:
        try:
            text = decode_article(upload.getvalue(), upload.name) if upload is not None else pasted
            if not text.strip():
                raise ArticleError("no article: paste its text or upload a file")
            found = extract_events(
                text,
                published,
                lang=language,
                source_name=source_name.strip() or (upload.name if upload is not None else "pasted article"),
                source_url=source_url.strip(),
            )
        except ArticleError as error:
            st.error(plain_markdown(error))
        else:
            st.session_state["article_candidates"] = found
    candidates = st.session_state.get("article_candidates")
    if candidates is not None:
        if candidates.empty:
            st.warning("No dated event found in this article.")
        else:
            already = candidates["event_id"].isin(data.events["event_id"])
            st.subheader(f"{len(candidates)} candidate events", anchor=False)
            if already.any():
                st.caption(f"{int(already.sum())} of them are already in the store and will be skipped.")
            st.dataframe(
                candidates.assign(actors=candidates["actors"].map(", ".join)),
                hide_index=True,
                column_order=[
                    "date_text",
                    "date_start",
                    "date_end",
                    "date_precision",
                    "category",
                    "actors",
                    "confidence",
                    "quote",
                ],
                column_config=ui.event_columns(),
                key="article_candidates_table",
            )
            if st.button("Send them to review", key="article_add", icon=":material/add:", disabled=not who):
                fresh = candidates[~already]
                try:
                    if len(fresh):
                        add_events(ui.engine(), fresh, who)
                except StoreError as error:
                    st.error(plain_markdown(error))
                else:
                    st.session_state.pop("article_candidates")
                    st.success(f"{len(fresh)} candidate events wait on the Review page.")

with csv_tab:
    upload = st.file_uploader("An events file (CSV, or JSON: a list of objects)", type=["csv", "json"], key="csv_file")
    if upload is not None:
        raw, is_json = upload.getvalue(), upload.name.lower().endswith(".json")
        try:
            header = (
                json_events.keys_of(raw.decode("utf-8-sig"), upload.name)
                if is_json
                else csv_events.header_of(raw, upload.name)
            )
        except (csv_events.CsvFormatError, UnicodeDecodeError) as error:
            st.error(plain_markdown(error))
            header = []
        if header:
            st.markdown("**Columns** — how each is read; change any that is wrong, or ignore it.")
            choices = (None, *csv_events.FIELD_NAMES)
            mapping, grid = {}, st.columns(3)
            for position, cell in enumerate(header):
                guessed = csv_events.guess_field(cell)
                mapping[cell] = grid[position % 3].selectbox(
                    plain_markdown(cell) or "(no name)",
                    choices,
                    index=choices.index(guessed),
                    format_func=lambda field: "(ignore)" if field is None else field,
                    key=f"map_{upload.name}_{position}",
                )
            try:
                if is_json:
                    loaded = json_events.load_text(raw.decode("utf-8-sig"), upload.name, mapping=mapping)
                else:
                    loaded = csv_events.load_bytes(raw, upload.name, mapping=mapping, default_source=upload.name)
            except csv_events.CsvFormatError as error:
                st.error(plain_markdown(error))
            else:
                st.write(f"{loaded.rows_in} rows: {len(loaded.events)} read, {len(loaded.rejected)} could not be read.")
                if loaded.rejected:
                    st.dataframe(
                        pd.DataFrame([vars(problem) for problem in loaded.rejected]),
                        hide_index=True,
                        key="csv_rejected_table",
                    )
                if len(loaded.events) and st.button(
                    "Add them as events", key="csv_add", icon=":material/add:", disabled=not who
                ):
                    try:
                        result = import_frame(ui.engine(), loaded.events, who)
                    except StoreError as error:
                        st.error(plain_markdown(error))
                    else:
                        st.success(f"{result.added} events added; {result.already_stored} were already in the store.")
with addresses_tab:
    article_addresses(who)
ui.copy_link("add_sources")
