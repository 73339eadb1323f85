"""Changes page: what is new or different in a view since a past briefing, or since a day, with exports."""

import datetime as dt

import streamlit as st

from timeline import changes, labels, ui
from timeline.database import StoreError
from timeline.database.briefings import list_briefings, read_briefing
from timeline.filters import describe
from timeline.images import render
from timeline.tags import with_tag_events
from timeline.text import plain_markdown
from timeline.threads import with_thread_events

data, filters, _ = ui.page_setup("Changes")
st.title("Changes")
store = ui.engine()
threads, links = ui.thread_data()
briefings = list_briefings(store)
DEFAULT_DAY = dt.date.today() - dt.timedelta(days=7)

if "changes_since" not in st.session_state:
    # A link names the briefing (since_briefing=ID) or the day (since=YYYY-MM-DD) to compare with.
    st.session_state["changes_since"] = "a day" if ui.initial_query_value("since") else "a briefing"
    st.session_state["changes_day"] = DEFAULT_DAY
    try:
        if ui.initial_query_value("since"):
            st.session_state["changes_day"] = dt.date.fromisoformat(ui.initial_query_value("since"))
        if ui.initial_query_value("since_briefing"):
            st.session_state["changes_briefing"] = int(ui.initial_query_value("since_briefing"))
    except ValueError:
        st.warning("Link ignored: since= must be a date like 2025-02-17 and since_briefing= a briefing number.")
if briefings.empty:
    st.session_state["changes_since"] = "a day"
mode = st.segmented_control(
    "Compare with", ["a briefing", "a day"], key="changes_since", required=True, disabled=briefings.empty
)
if briefings.empty:
    st.caption("No briefing has been exported yet: each export from the Briefing page or `brief` records one.")

if mode == "a briefing":
    recorded_briefings = {
        row.id: f"#{row.id} · {row.at:%Y-%m-%d %H:%M} UTC · {row.who} · {row.title} ({row.event_count} events)"
        for row in briefings.itertuples()
    }
    if st.session_state.get("changes_briefing") not in recorded_briefings:
        st.session_state["changes_briefing"] = next(iter(recorded_briefings))
    chosen = st.selectbox(
        "Briefing", list(recorded_briefings), format_func=recorded_briefings.get, key="changes_briefing"
    )
    try:
        recorded = read_briefing(store, chosen)
    except StoreError as error:
        st.error(plain_markdown(error))
        st.stop()
    own_view = st.toggle(
        "The briefing's own view", value=True, key="changes_own_view", help="Off: the sidebar's filters instead."
    )
    view = with_tag_events(with_thread_events(recorded.filters if own_view else filters, links), ui.tag_data())
    baseline = changes.since_briefing(store, recorded)
    # The latest briefing and a week ago are what the page picks by itself: only another choice goes in the link.
    automatic = chosen == next(iter(recorded_briefings))
    ui.set_query_values({} if automatic else {"since_briefing": str(chosen)}, ["since_briefing", "since"])
else:
    day = st.columns([1, 3])[0].date_input("Changes recorded on or after", key="changes_day", format="YYYY-MM-DD")
    view = filters
    baseline = changes.since_day(store, day, links, data.events)
    automatic = briefings.empty and day == DEFAULT_DAY
    ui.set_query_values({} if automatic else {"since": day.isoformat()}, ["since_briefing", "since"])

# A rerun with nothing written since (same audit entries, same threads, same frame) shows the same changes.
memo_key = (baseline.label, len(baseline.entries), id(data.events), id(links), view, dt.date.today())
remembered = st.session_state.get("_changes_memo")
if remembered is not None and remembered[0] == memo_key:
    found = remembered[1]
else:
    found = changes.compute(store, data.events, view, baseline, threads, links, dt.date.today())
    st.session_state["_changes_memo"] = (memo_key, found)
st.caption(plain_markdown(f"Since {baseline.label} · view: {describe(view)}"))
counts = found["change"].value_counts()
columns = st.columns(len(changes.KIND_ORDER))
for column, kind in zip(columns, changes.KIND_ORDER, strict=True):
    column.metric(kind.capitalize(), int(counts.get(kind, 0)))
if found.empty:
    st.info("Nothing changed in this view since then.")
else:
    listed = found.head(ui.LISTED_ROWS)
    # Coded fields read as words, like every other table; the CSV keeps the stored codes.
    worded = {"category": labels.category, "date_precision": labels.precision, "status": labels.status}
    st.dataframe(
        listed.assign(
            field=listed["field"].str.replace("_", " "),
            **{
                side: [
                    worded.get(name, str)(value) if value else value
                    for name, value in zip(listed["field"], listed[side], strict=True)
                ]
                for side in ("old", "new")
            },
        ),
        hide_index=True,
        column_config={
            "change": st.column_config.TextColumn("Change"),
            "event_id": st.column_config.TextColumn("Event"),
            "title": st.column_config.TextColumn("Title or thread", width="large"),
            "field": st.column_config.TextColumn("Field"),
            "old": st.column_config.TextColumn("Old"),
            "new": st.column_config.TextColumn("New"),
            "when": st.column_config.TextColumn("When (UTC)"),
            "who": st.column_config.TextColumn("Who"),
        },
        key="changes_table",
    )

comments = changes.provenance_lines(baseline, view, found)
stem = f"changes_since_{baseline.label.split(' of ')[0].replace(' #', '_').replace('#', '')}".replace(" ", "_")
exports = st.columns([1, 1, 1, 3])
exports[0].download_button(
    "CSV",
    data=lambda: changes.changes_csv(found, comments),
    file_name=f"{stem}.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="changes_download_csv",
)
for column, fmt in zip(exports[1:3], ("png", "pdf"), strict=True):
    column.download_button(
        fmt.upper(),
        data=lambda fmt=fmt: render(changes.changes_figure(found, comments), fmt, comments, *changes.A4),
        file_name=f"{stem}.{fmt}",
        mime=ui.MIME_TYPES[fmt],
        on_click="ignore",
        icon=":material/download:",
        key=f"changes_download_{fmt}",
    )
with exports[3]:
    ui.copy_link("changes")
