"""Actors page: per actor, how many events, first and last, and who they appear with; then the registry itself."""

import streamlit as st

from timeline import figures, labels, ui
from timeline.countries import country_name
from timeline.database.actor_registry import (
    add_actor,
    edit_actor,
    merge_actors,
    open_merges,
    read_actors,
    set_disabled,
    undo_merge,
)
from timeline.dates_display import format_day
from timeline.filters import describe
from timeline.registry_forms import aliases_text, parse_aliases, parse_terms, registry_rows, terms_text
from timeline.summaries import actor_table, co_occurrence
from timeline.text import plain_markdown
from timeline.vocabulary import actor_kinds

data, filters, shown = ui.page_setup("Actors")
st.title("Actors")
st.caption(f"{len(shown):,} events · {plain_markdown(describe(filters))}")
table = actor_table(shown, ui.actor_registry())
if table.empty:
    st.info("No actor appears in the events these filters keep.")
else:
    st.dataframe(
        table.assign(
            kind=labels.labelled(table["kind"], labels.actor_kind),
            country=table["country"].map(lambda code: country_name(code) if code else ""),
            first=table["first"].map(format_day),
            last=table["last"].map(format_day),
        ),
        hide_index=True,
        height=ui.table_height(len(table)),
        column_config={
            "actor": st.column_config.TextColumn("Actor", width="medium"),
            "kind": st.column_config.TextColumn("Kind"),
            "country": st.column_config.TextColumn("Country"),
            "events": st.column_config.NumberColumn("Events"),
            "first": st.column_config.TextColumn("First event starts"),
            "last": st.column_config.TextColumn("Last event ends"),
        },
        key="actors_table",
    )
    actors = table["actor"].tolist()
    if st.session_state.get("actor_focus") not in actors:
        from_link = ui.initial_query_value("focus")
        st.session_state["actor_focus"] = from_link if from_link in actors else actors[0]
    focus = st.selectbox("Who appears with", actors, key="actor_focus")
    ui.set_query_choice("focus", focus, automatic=actors[0])
    shared = co_occurrence(shown, focus)
    if shared.empty:
        st.info(f"{plain_markdown(focus)} appears alone in every event shown.")
    else:
        st.plotly_chart(
            figures.bar_figure(shared, f"Actors sharing events with {focus}", "shared events"),
            key="co_occurrence_chart",
            config={"displaylogo": False},
        )

# --- The registry: every actor the store knows, whether or not the filtered events name it. ---
st.header("Registry")
who = ui.analyst_name()
for message in st.session_state.pop("registry_messages", []):
    st.success(message)  # names in it were escaped when it was written
store = ui.engine()
stored = read_actors(store)
query = st.text_input(
    "Find an actor by any name", key="registry_search", placeholder="Xi Jinping, 习近平, شي جين بينغ…"
)
listing = registry_rows(stored, query)
st.dataframe(
    listing,
    hide_index=True,
    height=ui.table_height(len(listing)),
    column_config={
        "name": st.column_config.TextColumn("Actor", width="medium"),
        "aliases": st.column_config.TextColumn("Aliases", width="large"),
    },
    key="registry_table",
)
kinds = list(actor_kinds().values)


def done(message: str) -> None:
    st.session_state.setdefault("registry_messages", []).append(message)
    st.rerun()


by_name = {item.actor.name: item for item in stored}
editable = [name for name in listing["name"] if by_name[name].merged_into is None]
edit_tab, add_tab, merge_tab = st.tabs(["Edit", "Add an actor", "Merge"])
with edit_tab:
    if not editable:
        st.info("No actor matches the search.")
    else:
        chosen = st.selectbox("Actor", editable, key="registry_actor")
        actor = by_name[chosen].actor
        with st.form(f"registry_edit_{chosen}"):
            kind = st.selectbox("Kind", kinds, index=kinds.index(actor.kind), key=f"registry_kind_{chosen}")
            country = st.text_input("Country (ISO code)", value=actor.country or "", key=f"registry_country_{chosen}")
            aliases = st.text_area(
                "Aliases, one language a line",
                value=aliases_text(actor.aliases),
                key=f"registry_aliases_{chosen}",
                help="zh: 习近平, 習近平 — a language code, a colon, then the names.",
            )
            terms = st.text_area(
                "Terms of office, one a line",
                value=terms_text(actor.terms),
                key=f"registry_terms_{chosen}",
                help="first term: 2017-01-20 to 2021-01-20",
            )
            save = st.form_submit_button("Save", type="primary", disabled=not ui.may(who, "edit_registry"))
        if save:
            with ui.reported("Not saved"):
                edit_actor(store, chosen, who, kind, country, parse_aliases(aliases), parse_terms(terms))
                done(f"Saved {plain_markdown(chosen)}.")
        label = "Enable" if actor.disabled else "Disable"
        if st.button(
            f"{label} {plain_markdown(chosen)}",
            key="registry_disable",
            disabled=not ui.may(who, "edit_registry"),
            help="A disabled actor is no longer offered for new events; the events naming it keep it.",
        ):
            with ui.reported(f"Not {label.lower()}d"):
                set_disabled(store, chosen, not actor.disabled, who)
                done(f"{plain_markdown(chosen)} is {label.lower()}d.")
with add_tab:
    with st.form("registry_add", clear_on_submit=False):
        name = st.text_input("Canonical name", key="registry_new_name")
        new_kind = st.selectbox("Kind", kinds, key="registry_new_kind")
        new_country = st.text_input("Country (ISO code)", key="registry_new_country")
        new_aliases = st.text_area("Aliases, one language a line", key="registry_new_aliases", placeholder="zh: 张伟")
        add = st.form_submit_button("Add actor", type="primary", disabled=not ui.may(who, "add_actor"))
    if add:
        with ui.reported("Not added"):
            add_actor(store, name, new_kind, who, new_country or None, parse_aliases(new_aliases))
            done(f"Added {plain_markdown(name.strip())}.")
with merge_tab:
    live = [item.actor.name for item in stored if item.merged_into is None]
    st.caption("Every event naming the first actor will name the second; the first's names become its aliases.")
    source = st.selectbox("Merge", live, key="registry_merge_source")
    target = st.selectbox("Into", [name for name in live if name != source], key="registry_merge_target")
    if st.button("Merge", key="registry_merge", type="primary", disabled=not ui.may(who, "edit_registry")):
        with ui.reported("Not merged"):
            merge_actors(store, source, target, who)
            done(f"Merged {plain_markdown(source)} into {plain_markdown(target)}.")
    merges = open_merges(store)
    for merge in merges.itertuples():
        moved = len(merge.changes["events"])
        st.write(
            f"{plain_markdown(merge.actor_name)} → {plain_markdown(merge.into)} by {plain_markdown(merge.who)}, "
            f"{merge.at:%Y-%m-%d %H:%M} UTC, {moved} event(s)"
        )
        if st.button(
            "Undo", key=f"registry_undo_{merge.id}", disabled=not ui.may(who, "edit_registry"), icon=":material/undo:"
        ):
            with ui.reported("Not undone"):
                kept = undo_merge(store, int(merge.id), who)
                note = f"; {len(kept)} event(s) edited since kept as they are" if kept else ""
                done(f"Undid the merge of {plain_markdown(merge.actor_name)}{note}.")
ui.copy_link("actors")
