"""Actors page: per actor, how many events, first and last, and who they appear with."""

import streamlit as st

from timeline import figures, ui
from timeline.actors import default_registry
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
    table,
    hide_index=True,
    column_config={
        "actor": st.column_config.TextColumn("Actor", width="medium"),
        "kind": st.column_config.TextColumn("Kind"),
        "country": st.column_config.TextColumn("Country"),
        "events": st.column_config.NumberColumn("Events"),
        "first": st.column_config.DateColumn("First event", format="YYYY-MM-DD"),
        "last": st.column_config.DateColumn("Last event", format="YYYY-MM-DD"),
    },
    key="actors_table",
)
actors = table["actor"].tolist()
if st.session_state.get("actor_focus") not in actors:
    from_link = ui.initial_query_value("focus")
    st.session_state["actor_focus"] = from_link if from_link in actors else actors[0]
focus = st.selectbox("Who appears with", actors, key="actor_focus")
ui.set_query_values({"focus": focus}, ["focus"])
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
