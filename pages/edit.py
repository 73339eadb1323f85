"""Edit page: change any event, with its audit trail beside it; a save never overwrites someone else's edit."""

import pandas as pd
import streamlit as st

from timeline import labels, ui
from timeline.database import (
    ConflictError,
    StoreError,
    audit_trail,
    delete_event,
    read_event,
    split_event,
    undo_delete,
    update_event,
)
from timeline.dates_display import format_day
from timeline.review import changed_fields
from timeline.text import plain_markdown
from timeline.vocabulary import categories, precisions

data, filters, shown = ui.page_setup("Edit")
st.title("Edit an event")
who = ui.analyst_name()
for message in st.session_state.pop("edit_messages", []):
    st.success(message)  # data in it was escaped when it was written
deleted = st.session_state.get("edit_last_deleted")
if deleted and st.button(
    f"Undo the deletion of “{plain_markdown(deleted[1])}”",
    key="edit_undo",
    icon=":material/undo:",
    disabled=not ui.may(who, "delete"),
):
    try:
        undo_delete(ui.engine(), deleted[0], who)
    except (StoreError, ValueError) as error:
        st.error(f"Not undone: {plain_markdown(error)}")
    else:
        st.session_state.pop("edit_last_deleted")
        st.session_state.setdefault("edit_messages", []).append("Deletion undone.")
        st.rerun()
ui.stop_if_empty(shown, "edit")

event_id = ui.event_picker(shown, label="Event")
stored = read_event(ui.engine(), event_id)
# The version and values the form was opened on: a save based on them fails if anyone saved since,
# and the form keeps showing what this analyst started from.
if st.session_state.get("edit_base", (None,))[0] != event_id:
    st.session_state["edit_base"] = (event_id, stored.version, stored.fields)
_, base_version, fields = st.session_state["edit_base"]

form_column, trail_column = st.columns([3, 2])
with form_column, st.form(f"edit_form_{event_id}_{base_version}"):
    title = st.text_input("Title", value=fields["title"])
    summary = st.text_area("Summary", value=fields.get("summary") or "", height=90)
    start_column, end_column, precision_column = st.columns(3)
    date_start = start_column.date_input("From", value=pd.Timestamp(fields["date_start"]).date())
    date_end = end_column.date_input("To", value=pd.Timestamp(fields["date_end"]).date())
    precision_names = list(precisions().values)
    precision = precision_column.selectbox(
        "Precision",
        precision_names,
        index=precision_names.index(fields["date_precision"]),
        format_func=labels.precision,
    )
    date_text = st.text_input("Date as written", value=fields.get("date_text") or "")
    category_names = list(categories().values)
    category = st.selectbox(
        "Category", category_names, index=category_names.index(fields["category"]), format_func=labels.category
    )
    actors, add_actors, new_actor_kind = ui.actor_inputs(data.events, fields["actors"], f"edit_{event_id}")
    countries = st.text_input("Countries (ISO codes, ; between)", value="; ".join(fields["countries"] or ()))
    location = st.text_input("Location", value=fields.get("location") or "")
    quote = st.text_area("Quote", value=fields.get("quote") or "", height=90)
    save = st.form_submit_button("Save", type="primary", disabled=not ui.may(who, "edit_candidate"))
if save:
    try:
        actors = ui.checked_actors(actors, add_actors, new_actor_kind, who)
    except (StoreError, ValueError) as error:
        st.error(f"Not saved: {plain_markdown(error)}")
        st.stop()
    edited = {
        "title": title,
        "summary": summary or None,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": precision,
        "date_text": date_text,
        "category": category,
        "actors": actors,
        "countries": tuple(code.strip() for code in countries.split(";") if code.strip()),
        "location": location or None,
        "quote": quote or None,
    }
    changes = changed_fields(fields, edited)
    try:
        new_version = update_event(ui.engine(), event_id, changes, base_version, who) if changes else base_version
    except ConflictError as error:
        st.error(plain_markdown(error))
        st.dataframe(
            pd.DataFrame(
                [
                    {"field": name, **{key: str(value) for key, value in values.items()}}
                    for name, values in error.difference.items()
                ]
            ),
            hide_index=True,
            key="edit_conflict_table",
        )
    except (StoreError, ValueError) as error:
        st.error(f"Not saved: {plain_markdown(error)}")
    else:
        st.session_state["edit_base"] = (event_id, new_version, read_event(ui.engine(), event_id).fields)
        st.session_state.setdefault("edit_messages", []).append(
            f"Saved ({len(changes)} field(s) changed)." if changes else "Nothing changed."
        )
        st.rerun()

if stored.version != base_version:
    # Offered whenever the form is stale, not only in the run that was refused: a button drawn only after a
    # failed save would be gone in the run its click starts.
    st.warning("Someone saved this event after you opened the form: it shows the older version.")
    if st.button("Start again from the current version", key="edit_reload"):
        st.session_state.pop("edit_base")
        st.rerun()

with trail_column:
    st.markdown(f"**{len(stored.links)} source(s)** · first seen {format_day(stored.first_seen)}")
    if len(stored.links) > 1:
        # Undo a wrong merge: the chosen sources leave this event (and bring back the one they came from).
        names = dict(zip(data.sources["source_id"], data.sources["name"], strict=True))
        moving = st.multiselect(
            "Split off these sources",
            [link.source_id for link in stored.links],
            format_func=lambda source_id: names.get(source_id, source_id),
            key=f"edit_split_{event_id}",
        )
        if st.button(
            "Split", key="edit_split", icon=":material/call_split:", disabled=not (ui.may(who, "merge") and moving)
        ):
            try:
                holder = split_event(ui.engine(), event_id, moving, who)
            except (StoreError, ValueError) as error:
                st.error(plain_markdown(error))
            else:
                st.session_state.pop("edit_base", None)
                st.session_state.setdefault("edit_messages", []).append(
                    f"Split: those sources now support {plain_markdown(holder)}."
                )
                st.rerun()
    st.subheader("Audit trail", anchor=False)
    trail = audit_trail(ui.engine(), event_id)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "when": entry.at,
                    "who": entry.who,
                    "action": entry.action,
                    "changes": "; ".join(
                        f"{name}: {change.get('old')} → {change.get('new')}" for name, change in entry.changes.items()
                    ),
                }
                for entry in reversed(trail)
            ]
        ),
        hide_index=True,
        column_config={
            "when": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm"),
            "who": "Who",
            "action": "Action",
            "changes": st.column_config.TextColumn("Changes", width="large"),
        },
        key="edit_trail_table",
    )
    if st.button("Delete this event", key="edit_delete", icon=":material/delete:", disabled=not ui.may(who, "delete")):
        try:
            delete_event(ui.engine(), event_id, who, expected_version=base_version)  # refused if saved since
        except (StoreError, ValueError) as error:
            st.error(f"Not deleted: {plain_markdown(error)}")
        else:
            st.session_state["edit_last_deleted"] = (event_id, fields["title"])
            st.session_state.pop("edit_base", None)
            st.rerun()
ui.copy_link("edit")
