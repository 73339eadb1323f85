"""The Review page's block of suggested thread links: accept or reject several at once."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from timeline.database import StoreError
from timeline.database.thread_suggestions import pending_suggestions
from timeline.database.threads import decide_suggestions
from timeline.text import plain_markdown
from timeline.threads import stage_label

TABLE_KEY = "thread_suggestions_table"


def show_thread_suggestions(engine: Engine, who: str) -> None:
    """Suggested (event, thread, stage) links waiting for a decision; nothing when none waits."""
    waiting = pending_suggestions(engine)
    if waiting.empty:
        return
    with st.expander(f"Suggested thread links ({len(waiting)})", expanded=True, icon=":material/linear_scale:"):
        st.caption("New events that may continue a policy thread, with the stage they would mark and why.")
        picked = st.dataframe(
            waiting.assign(stage=waiting["stage"].map(stage_label)),
            hide_index=True,
            on_select="rerun",
            selection_mode="multi-row",
            column_order=["title", "date_text", "thread", "stage", "score", "reason"],
            column_config={
                "title": st.column_config.TextColumn("Event", width="large"),
                "date_text": st.column_config.TextColumn("Date as written"),
                "thread": st.column_config.TextColumn("Thread"),
                "stage": st.column_config.TextColumn("Stage"),
                "score": st.column_config.ProgressColumn("Score", min_value=0.0, max_value=1.0, format="%.2f"),
                "reason": st.column_config.TextColumn("Why", width="large"),
            },
            key=TABLE_KEY,
        )
        rows = picked["selection"]["rows"] if picked else []
        pairs = [(waiting["event_id"].iloc[row], waiting["thread_id"].iloc[row]) for row in rows]
        accept, reject = st.columns(2)
        for column, accepting, label in ((accept, True, "Accept"), (reject, False, "Reject")):
            if column.button(f"{label} {len(pairs)} selected", disabled=not pairs or not who, key=f"thread_{label}"):
                try:
                    count = decide_suggestions(engine, pairs, accepting, who)
                except StoreError as error:
                    st.error(plain_markdown(error))
                    return
                st.session_state.setdefault("review_messages", []).append(
                    f"{label}ed {count} thread link{'s' if count != 1 else ''}."
                )
                st.rerun()
