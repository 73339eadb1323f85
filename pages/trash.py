"""Trash page: deleted events and rejected candidates, with who put each there and when; a reviewer restores them."""

import streamlit as st

from timeline import ui
from timeline.database import StoreError, undo_delete
from timeline.database.curation import read_trash
from timeline.text import plain_markdown

ui.page_setup("Trash")
st.title("Trash")
who = ui.analyst_name()
for message in st.session_state.pop("trash_messages", []):
    st.success(message)  # data in it was escaped when it was written
trash = read_trash(ui.engine())
if trash.empty:
    st.info("Nothing deleted or rejected: the trash is empty.")
    ui.copy_link("trash")
    st.stop()
st.caption(
    f"{(trash['reason'] == 'deleted').sum():,} deleted event(s) and {(trash['reason'] == 'rejected').sum():,} "
    "rejected candidate(s), latest first. Merged events come back by splitting their sources off on Edit."
)
listed = trash.head(ui.LISTED_ROWS)
st.dataframe(
    listed,
    hide_index=True,
    column_order=["when", "reason", "who", "title", "event_id"],
    column_config={
        "when": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
        "reason": st.column_config.TextColumn("Why"),
        "who": st.column_config.TextColumn("By"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "event_id": st.column_config.TextColumn("Id"),
    },
    key="trash_table",
)
titles = dict(zip(listed["event_id"], listed["title"], strict=True))
chosen = st.multiselect(
    "Restore these", list(titles), format_func=lambda event_id: f"{titles[event_id]} ({event_id})", key="trash_pick"
)
if st.button(
    "Restore",
    key="trash_restore",
    icon=":material/restore_from_trash:",
    disabled=not (ui.may(who, "delete") and chosen),
):
    restored, refused = [], []
    for event_id in chosen:
        try:
            undo_delete(ui.engine(), event_id, who)
        except StoreError as error:
            refused.append(f"{event_id}: {error}")
        else:
            restored.append(event_id)
    for problem in refused:
        st.error(f"Not restored: {plain_markdown(problem)}")
    if restored:
        st.session_state.pop("trash_pick", None)
        st.session_state.setdefault("trash_messages", []).append(
            plain_markdown(f"Restored {len(restored)} event(s): {', '.join(restored)}.")
        )
        if not refused:
            st.rerun()
if len(trash) > len(listed):
    st.caption(f"Listing the latest {len(listed):,} of {len(trash):,}.")
ui.copy_link("trash")
