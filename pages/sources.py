"""Sources page: every source with its language, publication date, address and the events it supports; edit one."""

import pandas as pd
import streamlit as st

from timeline import labels, ui
from timeline.database import StoreError, read_sources
from timeline.database.curation import source_log, update_source
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

st.divider()
st.subheader("Edit a source", anchor=False)
who = ui.analyst_in_sidebar()
for message in st.session_state.pop("source_messages", []):
    st.success(message)  # data in it was escaped when it was written
registry = read_sources(ui.engine())
# Sources with no title first: they are the ones that most need a hand.
registry = registry.assign(untitled=registry["title"].eq(""), folded=registry["name"].str.casefold()).sort_values(
    ["untitled", "folded"], ascending=[False, True]
)
choices = {row.source_id: f"{row.name} · {row.title or 'no title'} ({row.source_id})" for row in registry.itertuples()}
source_id = st.selectbox("Source", list(choices), format_func=choices.get, key="source_edit_pick")
current = registry.set_index("source_id").loc[source_id]
with st.form(f"source_form_{source_id}"):
    left, right = st.columns(2)
    name = left.text_input("Outlet", value=current["name"])
    title = right.text_input("Title", value=current["title"])
    url = left.text_input("Address", value=current["url"])
    lang = right.text_input("Language (ISO 639-1)", value=current["lang"])
    published = left.date_input(
        "Published", value=current["published"].date() if pd.notna(current["published"]) else None, format="YYYY-MM-DD"
    )
    estimated = right.checkbox("Publication date estimated", value=bool(current["published_estimated"]))
    save = st.form_submit_button("Save source", type="primary", disabled=not ui.may(who, "edit_sources"))
if not who:
    st.caption("Give your name in the sidebar to edit sources; every change is recorded with it.")
if save:
    wanted = {
        "name": name,
        "title": title,
        "url": url,
        "lang": lang,
        "published": published,
        "published_estimated": estimated,
    }
    try:
        changed = update_source(ui.engine(), source_id, wanted, who)
    except (StoreError, ValueError) as error:
        st.error(f"Not saved: {plain_markdown(error)}")
    else:
        st.session_state.setdefault("source_messages", []).append(
            plain_markdown(f"Saved: {', '.join(changed)}.") if changed else "Nothing changed."
        )
        st.rerun()

supported = data.events[data.events["source_ids"].map(lambda cited: source_id in cited)]
st.markdown(f"**Events it supports ({len(supported):,})**")
st.dataframe(
    supported.assign(primary=supported["source_ids"].map(lambda cited: cited[0] == source_id)),
    hide_index=True,
    column_order=["date_start", "date_precision", "title", "category", "primary"],
    column_config=ui.event_columns() | {"primary": st.column_config.CheckboxColumn("Primary source")},
    key="source_edit_events_table",
)
log = source_log(ui.engine(), source_id)
if log:
    st.markdown("**Changes to this source**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "when": entry["at"],
                    "who": entry["who"],
                    "action": entry["action"],
                    "changes": "; ".join(
                        f"{field}: {change.get('old')} → {change.get('new')}"
                        for field, change in entry["changes"].items()
                    ),
                }
                for entry in reversed(log)
            ]
        ),
        hide_index=True,
        column_config={"when": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm")},
        key="source_log_table",
    )
ui.copy_link("sources")
