"""Threads page: where each policy stands, as a chain of its stages with the waits before entry into force."""

import datetime as dt

import streamlit as st

from timeline import labels, ui
from timeline import threads as policy_threads
from timeline.database.threads import thread_history
from timeline.dates_display import format_day
from timeline.detail import show_event
from timeline.filters import describe, filtered_positions
from timeline.index import index_for
from timeline.text import plain_markdown
from timeline.thread_editing import show_last_change, show_thread_editor

data, filters, shown = ui.page_setup("Threads")
st.title("Policy threads")
threads, links = ui.thread_data()
chain = policy_threads.chains_for(links, data.events)
# A thread is listed when any of its events is in the view; it is drawn whole, so its stage reads true.
positions = filtered_positions(data.events, filters, index_for(data.events))
touching = policy_threads.threads_in_view(chain, len(data.events), positions)
as_of = st.columns([1, 3])[0].date_input(
    "Stages as of", value=dt.date.today(), key="threads_as_of", format="YYYY-MM-DD"
)
table = policy_threads.status_for(threads[policy_threads.among(threads["thread_id"], touching)], chain, as_of)
st.caption(f"{len(table):,} of {len(threads):,} threads have events in this view · {plain_markdown(describe(filters))}")
show_last_change()
if table.empty:
    st.info("No thread has an event in this view. Clear a filter in the sidebar to see more.")
    show_thread_editor(ui.engine(), ui.analyst_name(), threads, shown)
    ui.copy_link("threads")
    st.stop()

if len(table) > policy_threads.CHAIN_LIMIT:
    st.caption(
        f"Drawing the {policy_threads.CHAIN_LIMIT} threads whose stage moved last; the table lists "
        f"{min(len(table), ui.LISTED_ROWS):,}. Narrow the filters to draw others."
    )
chart = st.plotly_chart(
    policy_threads.chain_figure(table, chain),
    key="threads_chart",
    on_select="rerun",
    selection_mode="points",
    config={"displaylogo": False},
)
st.caption("Shaded band: the wait from announcement or publication to entry into force. Click a stage for its event.")
points = chart["selection"]["points"] if chart else []
for event_id in dict.fromkeys(point["customdata"][0] for point in points if point.get("customdata")):
    show_event(data.events[data.events["event_id"] == event_id].iloc[0])

st.subheader("Policy status", anchor=False)
listed = table.head(ui.LISTED_ROWS)
listed = listed.assign(
    current_stage=policy_threads.stage_labels(listed["current_stage"], "not started"),
    next_stage=policy_threads.stage_labels(listed["next_stage"], "none known"),
    next_date=listed["next_date"].fillna(""),
)
st.dataframe(
    listed,
    hide_index=True,
    column_order=["name", "current_stage", "since", "next_stage", "next_date", "events"],
    column_config={
        "name": st.column_config.TextColumn("Thread", width="large"),
        "current_stage": st.column_config.TextColumn("Current stage"),
        "since": st.column_config.TextColumn("Since"),
        "next_stage": st.column_config.TextColumn("Next known stage"),
        "next_date": st.column_config.TextColumn("Next known date"),
        "events": st.column_config.NumberColumn("Events"),
    },
    key="threads_table",
)

st.divider()
names = dict(zip(listed["thread_id"], listed["name"], strict=True))
wanted = st.session_state.get("thread_open", ui.initial_query_value("open"))
if wanted not in names and wanted in set(table["thread_id"]):
    names[wanted] = table.loc[table["thread_id"] == wanted, "name"].iloc[0]
if st.session_state.get("thread_open") not in names:
    st.session_state["thread_open"] = wanted if wanted in names else next(iter(names))
opened = st.selectbox("Open a thread", list(names), format_func=names.get, key="thread_open")
ui.set_query_choice("open", opened, automatic=next(iter(names)))
row = table[table["thread_id"] == opened].iloc[0]
st.markdown(f"**{plain_markdown(row['name'])}**: {plain_markdown(policy_threads.status_words(row))}")
if row["summary"]:
    st.text(row["summary"])
steps = chain[chain["thread_id"] == opened]
st.dataframe(
    ui.event_display(steps).assign(stage=steps["stage"].map(labels.stage)),
    hide_index=True,
    column_order=["when", "stage", "title", "date_precision"],
    column_config=ui.event_columns() | {"stage": st.column_config.TextColumn("Stage")},
    key="thread_steps",
)
with st.expander("History of this thread", icon=":material/history:"):
    history = [
        {"when": f"{format_day(change.at)} {change.at:%H:%M} UTC", "who": change.who, "action": change.action}
        | {
            "event": change.event_id or "",
            "change": "; ".join(f"{k}: {v['old']} → {v['new']}" for k, v in change.changes.items()),
        }
        for change in thread_history(ui.engine(), opened)
    ]
    st.dataframe(history, hide_index=True, key="thread_history")
show_thread_editor(ui.engine(), ui.analyst_name(), threads, shown)
ui.copy_link("threads")
