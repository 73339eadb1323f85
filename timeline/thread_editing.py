"""The Threads page's editor: create a thread, rename it, put an event in it at a stage, change or remove it.

Every change goes through timeline.database.threads, so it is audited (the thread's history) and kept
in backups like any thread.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from timeline.database.threads import create_thread, link_event, rename_thread, unlink_event
from timeline.text import plain_markdown
from timeline.threads import stage_label
from timeline.ui import LISTED_ROWS, may, reported
from timeline.vocabulary import thread_stages

THREAD_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def show_thread_editor(engine: Engine, who: str, threads: pd.DataFrame, events: pd.DataFrame) -> None:
    """An expander with one tab per change; each button writes at once and reruns the page."""
    with st.expander("Edit threads", icon=":material/edit:"):
        new, rename, members = st.tabs(["New thread", "Rename", "Events and stages"])
        with new:
            _new_thread(engine, who)
        if threads.empty:
            return
        names = dict(zip(threads["thread_id"], threads["name"], strict=True))
        with rename:
            _rename(engine, who, threads, names)
        with members:
            _members(engine, who, names, events)


def _new_thread(engine: Engine, who: str) -> None:
    thread_id = st.text_input("Identifier", key="thread_new_id", placeholder="eu-ai-act", help="lower case and dashes")
    name = st.text_input("Name", key="thread_new_name")
    summary = st.text_area("Summary", key="thread_new_summary", height=80)
    if st.button("Create the thread", key="thread_create", disabled=not may(who, "edit_threads")):
        if not THREAD_ID.match(thread_id.strip()):
            st.error("The identifier is lower-case letters and digits joined by dashes, e.g. eu-ai-act.")
            return
        with reported("The thread was not created"):
            create_thread(engine, thread_id.strip(), name, summary.strip(), who)
            _done(f"Thread {thread_id.strip()} created.")


def _rename(engine: Engine, who: str, threads: pd.DataFrame, names: dict[str, str]) -> None:
    chosen = st.selectbox("Thread", list(names), format_func=names.get, key="thread_rename_pick")
    row = threads[threads["thread_id"] == chosen].iloc[0]
    name = st.text_input("New name", value=row["name"], key=f"thread_rename_name_{chosen}")
    summary = st.text_area("Summary", value=row["summary"], key=f"thread_rename_summary_{chosen}", height=80)
    if st.button("Save name and summary", key="thread_rename", disabled=not may(who, "edit_threads")):
        with reported("The thread was not renamed"):
            rename_thread(engine, chosen, name, summary.strip(), who)
            _done("Thread renamed.")


def _members(engine: Engine, who: str, names: dict[str, str], events: pd.DataFrame) -> None:
    chosen = st.selectbox("Thread", list(names), format_func=names.get, key="thread_member_pick")
    offered = events.head(LISTED_ROWS)
    titles = dict(zip(offered["event_id"], offered["title"], strict=True))
    event_id = st.selectbox(
        "Event",
        list(titles),
        format_func=lambda key: f"{titles[key]} ({key})",
        key="thread_member_event",
        help=f"the first {LISTED_ROWS:,} events of the view; narrow the filters to find others",
    )
    stages = list(thread_stages().values)
    stage = st.selectbox("Stage", stages, format_func=stage_label, key="thread_member_stage")
    add, remove = st.columns(2)
    if add.button(
        "Add it, or change its stage", key="thread_link", disabled=not may(who, "edit_threads") or event_id is None
    ):
        with reported("The event was not put in the thread"):
            link_event(engine, chosen, event_id, stage, who)
            _done(f"{plain_markdown(titles[event_id])}: {stage_label(stage)} in {plain_markdown(names[chosen])}.")
    if remove.button(
        "Remove it from the thread", key="thread_unlink", disabled=not may(who, "edit_threads") or event_id is None
    ):
        with reported("The event was not removed"):
            unlink_event(engine, chosen, event_id, who)
            _done(f"{plain_markdown(titles[event_id])} removed from {plain_markdown(names[chosen])}.")


def _done(message: str) -> None:
    st.session_state["thread_edit_done"] = message
    st.rerun()


def show_last_change() -> None:
    """The confirmation of the change made before this rerun, once."""
    message = st.session_state.pop("thread_edit_done", None)
    if message:
        st.success(message)
