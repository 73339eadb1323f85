"""Actors page: per actor, how many events, first and last, and who they appear with."""

import streamlit as st

from timeline import figures, labels, ui
from timeline.actors import default_registry
from timeline.countries import country_name
from timeline.dates_display import format_day
from timeline.filters import describe
from timeline.summaries import actor_table, co_occurrence
from timeline.text import plain_markdown

data, filters, shown = ui.page_setup("Actors")
st.title("Actors")
st.caption(f"{len(shown):,} events · {plain_markdown(describe(filters))}")
table = actor_table(shown, default_registry())
if table.empty:
    st.info("No actor appears in the events these filters keep.")
    ui.copy_link("actors")
    st.stop()

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
ui.copy_link("actors")
