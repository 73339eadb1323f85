"""Review page: machine-found candidates are accepted, edited, merged into an event, or rejected."""

import pandas as pd
import streamlit as st

from timeline import labels, ui
from timeline import proposed_actors as actor_proposals
from timeline.database import ConflictError, StoreError, merge_events, read_event, set_status, update_event
from timeline.dates_display import format_interval
from timeline.review import changed_fields, merge_suggestions, review_queue
from timeline.text import plain_markdown, quote_html
from timeline.thread_review import show_thread_suggestions
from timeline.vocabulary import actor_kinds, categories, precisions

data, filters, shown = ui.page_setup("Review")
st.title("Review")
who = ui.analyst_name()
for message in st.session_state.pop("review_messages", []):
    st.success(message)  # data in it was escaped when it was written


def done(message: str) -> None:
    st.session_state.setdefault("review_messages", []).append(message)
    st.rerun()


PROPOSED_ACTORS_SHOWN = 20


def proposed_actors_section(waiting) -> None:
    """Names the candidates, or imported events, carry that the registry lacks: accept, merge into one, or ignore."""
    known = actor_proposals.known_actors(ui.engine())
    ignored = st.session_state.setdefault("review_ignored_actors", set())
    imported = actor_proposals.events_naming_unregistered(data.events, known)
    waiting = pd.concat([waiting, imported[~imported["event_id"].isin(waiting["event_id"])]], ignore_index=True)
    proposals = actor_proposals.proposed_actors(waiting, known)
    keep = [(name, lang) not in ignored for name, lang in zip(proposals["name"], proposals["lang"], strict=True)]
    proposals = proposals[keep]
    st.divider()
    st.subheader("Proposed actors")
    if proposals.empty:
        st.caption("Every actor the candidates name is in the registry.")
        return
    st.caption(
        "Names in the candidates and imported events that the actor registry does not know, "
        "with the kind their cue suggests."
    )
    kinds = list(actor_kinds().values)
    for number, proposal in enumerate(proposals.head(PROPOSED_ACTORS_SHOWN).itertuples()):
        name_column, kind_column, into_column, buttons = st.columns([3, 2, 3, 3])
        name_column.markdown(
            f"**{plain_markdown(proposal.name)}** ({labels.language(proposal.lang)}) · {proposal.candidates} events"
        )
        suggested = kinds.index(proposal.kind) if proposal.kind in kinds else 0
        kind = kind_column.selectbox(
            "Kind", kinds, index=suggested, key=f"actor_kind_{number}", format_func=labels.actor_kind
        )
        into = into_column.selectbox("Merge into", known.names(), index=None, key=f"actor_into_{number}")
        accept, merge, ignore = buttons.columns(3)
        if accept.button("Accept", key=f"actor_accept_{number}", disabled=not ui.may(who, "add_actor")):
            with ui.reported("Not accepted"):
                actor_proposals.accept_actor(ui.engine(), proposal.name, kind, proposal.lang, who)
                done(f"{plain_markdown(proposal.name)} joined the actor registry as {labels.actor_kind(kind).lower()}.")
        if merge.button("Merge", key=f"actor_merge_{number}", disabled=not (ui.may(who, "edit_registry") and into)):
            changed = actor_proposals.merge_actor(
                ui.engine(), proposal.name, into, proposal.lang, list(proposal.event_ids), who
            )
            done(
                f"{plain_markdown(proposal.name)} is now an alias of {plain_markdown(into)}; {changed} events updated."
            )
        if ignore.button("Ignore", key=f"actor_ignore_{number}"):
            ignored.add((proposal.name, proposal.lang))
            st.rerun()


queue = review_queue(data.events, filters)
if queue.empty:
    st.success("Nothing waits for review.")
    show_thread_suggestions(ui.engine(), who)
    proposed_actors_section(queue)
    ui.copy_link("review")
    st.stop()
st.caption(f"{len(queue):,} candidates wait. Select rows to accept or reject them together, or open one below.")


queue = ui.listed(queue)  # a long queue is reviewed a screenful at a time, in date order
picked = st.dataframe(
    ui.event_display(queue),
    hide_index=True,
    height=ui.table_height(len(queue)),
    on_select="rerun",
    selection_mode="multi-row",
    column_order=["when", "date_text", "title", "category", "actors", "source_name", "confidence", "date_precision"],
    column_config=ui.event_columns(),
    key="review_table",
)
selected = queue["event_id"].iloc[picked["selection"]["rows"]].tolist() if picked else []
accept_column, reject_column = st.columns(2)
if accept_column.button(
    f"Accept selected ({len(selected)})",
    key="review_accept_selected",
    disabled=not (ui.may(who, "review") and selected),
):
    with ui.reported("Not accepted"):
        set_status(ui.engine(), selected, "accepted", who)
        done(f"{len(selected)} events accepted.")
if reject_column.button(
    f"Reject selected ({len(selected)})",
    key="review_reject_selected",
    disabled=not (ui.may(who, "review") and selected),
):
    with ui.reported("Not rejected"):
        set_status(ui.engine(), selected, "rejected", who)
        done(f"{len(selected)} candidates rejected.")

st.divider()
titles = dict(zip(queue["event_id"], queue["date_text"].astype("str") + " · " + queue["title"], strict=True))
if st.session_state.get("review_pick") not in titles:
    st.session_state["review_pick"] = queue["event_id"].iloc[0]
candidate_id = st.selectbox("Candidate", list(titles), format_func=titles.get, key="review_pick")
candidate = queue.set_index("event_id").loc[candidate_id]
stored = read_event(ui.engine(), candidate_id)
st.markdown(
    f"**{plain_markdown(format_interval(candidate['date_start'], candidate['date_end'], str(candidate['date_precision'])))}**"
    f" ({labels.precision(candidate['date_precision']).lower()}) · {plain_markdown(str(candidate['source_name']))}"
    f" · confidence {labels.confidence(candidate['confidence']).lower()}"
)
st.html(quote_html(candidate["quote"], str(candidate["source_lang"]), marked=candidate["date_text"]))

# The version and values the form was opened on: a save based on them is refused if anyone saved since.
if st.session_state.get("review_base", (None,))[0] != candidate_id:
    st.session_state["review_base"] = (candidate_id, stored.version, stored.fields)
_, base_version, base = st.session_state["review_base"]
with st.form(f"review_form_{candidate_id}"):
    title = st.text_input("Title", value=base["title"], key=f"review_title_{candidate_id}")
    start_column, end_column, precision_column = st.columns(3)
    date_start = start_column.date_input("From", value=pd.Timestamp(base["date_start"]).date(), min_value=None)
    date_end = end_column.date_input("To", value=pd.Timestamp(base["date_end"]).date())
    precision_names = list(precisions().values)
    precision = precision_column.selectbox(
        "Precision",
        precision_names,
        index=precision_names.index(base["date_precision"]),
        format_func=labels.precision,
    )
    category_names = list(categories().values)
    category = st.selectbox(
        "Category", category_names, index=category_names.index(base["category"]), format_func=labels.category
    )
    actors, add_actors, new_actor_kind = ui.actor_inputs(data.events, base["actors"], f"review_{candidate_id}")
    save = st.form_submit_button(
        "Save and accept", type="primary", disabled=not ui.may(who, "review"), key=f"review_save_{candidate_id}"
    )
if save:
    try:
        actors = ui.checked_actors(actors, add_actors, new_actor_kind, who)
    except (StoreError, ValueError) as error:
        st.error(f"Not saved: {plain_markdown(error)}")
        st.stop()
    edited = {
        "title": title,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": precision,
        "category": category,
        "actors": actors,
    }
    changes = changed_fields(base, edited)
    try:
        if changes:
            update_event(ui.engine(), candidate_id, changes, base_version, who)  # refused if saved since
        elif stored.version != base_version:
            raise StoreError(
                f"event {candidate_id!r} was changed since you opened it (version {base_version}, now "
                f"{stored.version}); nothing was accepted: start again from the current version"
            )
        set_status(ui.engine(), [candidate_id], "accepted", who)
    except (ConflictError, StoreError, ValueError) as error:
        st.error(f"Not saved: {plain_markdown(error)}")
    else:
        st.session_state.pop("review_base", None)
        done(f"Accepted: {plain_markdown(title)}")
if read_event(ui.engine(), candidate_id).version != base_version:
    st.warning("Someone saved this candidate after you opened it: your form shows the older version.")
    if st.button("Start again from the current version", key="review_reload"):
        st.session_state.pop("review_base")
        st.session_state.pop(f"review_title_{candidate_id}", None)
        st.rerun()

suggestions = merge_suggestions(data.events, candidate_id)
# Only the suggested rows, looked up once: indexing the whole frame by id would cost every rerun.
events_by_id = data.events[data.events["event_id"].isin([event_id for event_id, _ in suggestions])].set_index(
    "event_id"
)
if suggestions:
    st.markdown("**Reports the same happening as:**")
    for event_id, score in suggestions:
        row = events_by_id.loc[event_id]
        label = f"{format_interval(row['date_start'], row['date_end'], str(row['date_precision']))} · {row['title']} (match {score:.0f})"
        if st.button(
            f"Merge into: {plain_markdown(label)}", key=f"merge_{event_id}", disabled=not ui.may(who, "merge")
        ):
            with ui.reported("Not merged"):
                merge_events(ui.engine(), event_id, [candidate_id], who)
                done(f"Merged into {plain_markdown(row['title'])}; it now cites this source too.")
else:
    st.caption("No existing event looks like the same happening.")
if st.button("Reject this candidate", key="review_reject_one", disabled=not ui.may(who, "review")):
    with ui.reported("Not rejected"):
        set_status(ui.engine(), [candidate_id], "rejected", who)
        done("Candidate rejected.")
proposed_actors_section(queue)
st.divider()
show_thread_suggestions(ui.engine(), who)
ui.copy_link("review")
