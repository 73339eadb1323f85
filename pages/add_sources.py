"""Add sources page: articles become candidates in the review queue; rows of events tables become events."""

import dataclasses

import pandas as pd
import streamlit as st

from loaders import csv_events, datasets
from loaders.article_stages import stage_pairs
from loaders.article_text import ArticleError, decode_article
from loaders.articles import extract_events
from timeline import intake, ui
from timeline.database import StoreError, add_events
from timeline.database.thread_suggestions import suggest_stage_pairs
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
        fetch = st.form_submit_button(
            "Fetch and find dated events", type="primary", disabled=not ui.may(who, "fetch_articles")
        )
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

article_tab, csv_tab, addresses_tab = st.tabs(["Article", "Events table", "Article addresses"])
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
            already = intake.already_stored(candidates["event_id"], data.events["event_id"])
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
            if st.button(
                "Send them to review", key="article_add", icon=":material/add:", disabled=not ui.may(who, "add_events")
            ):
                fresh = candidates[~already]
                try:
                    if len(fresh):
                        add_events(ui.engine(), fresh, who)
                        suggest_stage_pairs(ui.engine(), stage_pairs(fresh))
                except StoreError as error:
                    st.error(plain_markdown(error))
                else:
                    st.session_state.pop("article_candidates")
                    st.success(f"{len(fresh)} candidate events wait on the Review page.")


def table_upload(who: str) -> None:
    """Events tables: a data set's export read by its profile, any other table by a column mapping."""
    upload = st.file_uploader(
        "An events file (CSV or TSV, or JSON: a list of objects)", type=["csv", "tsv", "tab", "json"], key="csv_file"
    )
    if upload is None:
        return
    refused = intake.too_large_for_upload(upload.name, upload.size)
    if refused:
        st.error(plain_markdown(refused))
        return
    raw = upload.getvalue()
    try:
        header, detected = intake.upload_columns(raw, upload.name)
    except csv_events.CsvFormatError as error:
        st.error(plain_markdown(error))
        return
    profile_names = sorted(datasets.profiles())
    choices = ["(detect)", *profile_names, "(my columns)"]
    chosen = st.selectbox(
        "Data set",
        choices,
        format_func=lambda name: {
            "(detect)": f"Detect from the columns ({datasets.profiles()[detected].label if detected else 'none found'})",
            "(my columns)": "My own columns (map them below)",
        }.get(name, datasets.profiles()[name].label if name in datasets.profiles() else name),
        key="table_profile",
    )
    profile = detected if chosen == "(detect)" else None if chosen == "(my columns)" else chosen
    mapping = None
    if profile is None:
        mapping = column_mapping(header, upload.name)
        if mapping is None:
            return
    try:
        loaded = intake.read_upload(raw, upload.name, profile, mapping)
    except (csv_events.CsvFormatError, datasets.SpecError) as error:
        st.error(plain_markdown(error))
        return
    rows_read = len(set(loaded.lines))
    st.write(f"{loaded.rows_in} rows: {rows_read} read, {len(loaded.rejected)} could not be read.")
    if len(loaded.events) != rows_read:
        st.caption(f"The rows read give {len(loaded.events)} events: some date two happenings.")
    for warning in loaded.warnings:
        st.warning(plain_markdown(warning))
    if loaded.rejected:
        st.dataframe(
            pd.DataFrame([vars(problem) for problem in loaded.rejected]), hide_index=True, key="csv_rejected_table"
        )
    if len(loaded.events) and st.button(
        "Add them as events", key="csv_add", icon=":material/add:", disabled=not ui.may(who, "import_events")
    ):
        try:
            result = intake.import_upload(ui.engine(), loaded, upload.name, who)
        except StoreError as error:
            st.error(plain_markdown(error))
            return
        added = result.events_written - result.updated
        st.success(
            f"{added} events added; {result.updated + result.unchanged + result.kept_analyst_edits} were already in "
            "the store" + (f" ({result.updated} of them updated)." if result.updated else ".")
        )
        if result.kept_analyst_edits:
            st.info(
                f"{result.kept_analyst_edits} of them were changed by an analyst since they were imported: their "
                "values were kept, and this file's values are in each event's history on the Edit page."
            )
        for problem in result.rejected[len(loaded.rejected) :]:
            st.warning(plain_markdown(problem))
        for line in result.unknown_actor_lines():
            st.warning(plain_markdown(line))


def column_mapping(header: list[str], name: str) -> datasets.TableSpec | None:
    """Per-column field choices, started from an uploaded mapping file or the header's common names."""
    mapping_file = st.file_uploader(
        "A saved column mapping (YAML), if you have one", type=["yaml", "yml"], key="table_mapping"
    )
    saved = None
    if mapping_file is not None:
        try:
            saved = datasets.spec_from_text(
                mapping_file.getvalue().decode("utf-8", errors="replace"), mapping_file.name
            )
        except datasets.SpecError as error:
            st.error(plain_markdown(error))
            return None
    st.markdown("**Columns** — how each is read; change any that is wrong, or ignore it.")
    choices = (None, *csv_events.FIELD_NAMES)
    columns, grid = {}, st.columns(3)
    for position, cell in enumerate(header):
        known = saved.fields_of(cell) if saved else None
        guessed = known[0] if known else None if known == () else csv_events.guess_field(cell)
        field = grid[position % 3].selectbox(
            plain_markdown(cell) or "(no name)",
            choices,
            index=choices.index(guessed),
            format_func=lambda field: "(ignore)" if field is None else field,
            key=f"map_{name}_{position}" if mapping_file is None else f"map_{name}_{mapping_file.name}_{position}",
        )
        columns[cell] = (field,) if field else ()
    spec = dataclasses.replace(saved, columns=columns) if saved else datasets.TableSpec(columns=columns)
    st.download_button(
        "Save this column mapping",
        datasets.spec_to_yaml(spec),
        file_name=f"{name.rsplit('.', 1)[0]}_mapping.yaml",
        mime="application/yaml",
        on_click="ignore",
        key="table_mapping_download",
    )
    return spec


with csv_tab:
    table_upload(who)

with addresses_tab:
    article_addresses(who)
ui.copy_link("add_sources")
