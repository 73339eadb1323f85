"""Below an event's details: choose its primary source, tag it, and read or add analysts' notes.

Streamlit glue over timeline.database.curation; every note is shown as plain text, never as Markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from timeline import ui
from timeline.database import StoreError, read_event
from timeline.database.curation import add_note, cited_sources, event_tags, read_notes, set_primary_source, set_tags
from timeline.text import plain_markdown

MESSAGES = "curation_messages"


def curate_event(event_id: str, who: str) -> None:
    """The curation controls of one event; `who` (the sidebar's name) is required to change anything."""
    store = ui.engine()
    try:
        stored = read_event(store, event_id)
    except StoreError:
        return
    cited = cited_sources(store, event_id)
    notes = read_notes(store, event_id)
    tags = event_tags(store, event_id)
    label = f"Primary source, tags ({len(tags)}) and notes ({len(notes)})"
    with st.expander(label, icon=":material/edit_note:", expanded=bool(st.session_state.get(MESSAGES))):
        for kind, text in st.session_state.pop(MESSAGES, []):
            (st.success if kind == "ok" else st.error)(text)  # data in it was escaped when it was written
        if not who:
            st.caption("Give your name in the sidebar to change the primary source, tags or notes.")
        if len(cited) > 1:
            names = {source.source_id: f"{source.name} [{source.lang}]" for source in cited}
            chosen = st.selectbox(
                "Primary source",
                list(names),
                format_func=names.get,
                key=f"curate_primary_{event_id}",
                help="The event shows the primary source's outlet, date and quote first.",
            )
            st.button(
                "Make primary",
                key=f"curate_primary_save_{event_id}",
                disabled=not ui.may(who, "edit_event") or chosen == cited[0].source_id,
                on_click=_make_primary,
                args=(event_id, chosen, stored.version, who),
            )
        known = sorted(set(ui.tag_data()["tag"]) | set(tags), key=str.casefold)
        st.multiselect(
            "Tags",
            known,
            default=list(tags),
            key=f"curate_tags_{event_id}_{stored.version}_{len(tags)}",
            accept_new_options=True,
            placeholder="Type a tag and press Enter",
        )
        st.button(
            "Save tags",
            key=f"curate_tags_save_{event_id}",
            disabled=not ui.may(who, "annotate"),
            on_click=_save_tags,
            args=(event_id, f"curate_tags_{event_id}_{stored.version}_{len(tags)}", who),
        )
        st.markdown(f"**Notes ({len(notes)})**")
        for note in notes:
            st.caption(plain_markdown(f"{note.who} · {note.at:%Y-%m-%d %H:%M} UTC"))
            st.text(note.text)  # plain text: a note's < > * and # are shown, never interpreted
        st.text_area("Add a note", key=f"curate_note_{event_id}", height=80, placeholder="Visible to every analyst")
        st.button(
            "Add note",
            key=f"curate_note_save_{event_id}",
            disabled=not ui.may(who, "annotate"),
            on_click=_add_note,
            args=(event_id, f"curate_note_{event_id}", who),
        )


def _say(kind: str, text: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append((kind, text))


def _make_primary(event_id: str, source_id: str, version: int, who: str) -> None:
    try:
        set_primary_source(ui.engine(), event_id, source_id, version, who)
    except (StoreError, ValueError) as error:  # a ConflictError too: someone saved the event since
        _say("error", f"Not changed: {plain_markdown(error)}")
    else:
        _say("ok", "Primary source changed.")


def _save_tags(event_id: str, key: str, who: str) -> None:
    try:
        stored = set_tags(ui.engine(), event_id, st.session_state.get(key, []), who)
    except (StoreError, ValueError) as error:
        _say("error", f"Tags not saved: {plain_markdown(error)}")
    else:
        _say("ok", plain_markdown(f"Tags saved: {', '.join(stored) or 'none'}."))


def _add_note(event_id: str, key: str, who: str) -> None:
    try:
        add_note(ui.engine(), event_id, st.session_state.get(key, ""), who)
    except (StoreError, ValueError) as error:
        _say("error", f"Note not added: {plain_markdown(error)}")
    else:
        st.session_state[key] = ""
        _say("ok", "Note added.")
