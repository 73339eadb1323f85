from loaders import curated
from tests.pages.conftest import open_page
from timeline.filters import Filters, apply_filters


def test_every_cited_source_is_listed_with_its_events(app):
    open_page(app, "pages/sources.py")
    table = app.dataframe[0].value.set_index("name")
    events = curated.load()
    cited = set(events["source_ids"].explode())
    assert len(table) == len(cited)
    founding = curated.load_sources().set_index("source_id").loc["tafsela-2025-03-01"]
    row = table.loc[founding["name"]]
    assert row["lang"] == "Arabic" and row["published"] == "1 Mar 2025"
    supported = apply_filters(events, Filters())  # the page's order: by date
    supported = supported[supported["source_ids"].map(lambda ids: "tafsela-2025-03-01" in ids)]
    assert row["events"] == len(supported)
    # By hand: the twelve events told by the founding article, and DeepSeek-V3, which it also names.
    assert row["events"] == 13 and row["titles"].endswith(" | … and 8 more")
    # The first five titles by date, then how many more: one source may support thousands of events.
    assert row["titles"] == " | ".join(supported["title"].head(5)) + f" | … and {len(supported) - 5} more"


def test_clicking_a_source_lists_its_events_and_a_click_there_opens_one(app):
    open_page(app, "pages/sources.py")
    names = list(app.dataframe[0].value["name"])
    founding = curated.load_sources().set_index("source_id").loc["tafsela-2025-03-01"]
    app.session_state["sources_table"] = {"selection": {"rows": [names.index(founding["name"])], "columns": []}}
    app.run()
    listed = app.dataframe[1].value
    assert len(listed) == 13 and "when" in listed.columns
    chosen = listed["event_id"].iloc[2]
    app.session_state["source_events_table"] = {"selection": {"rows": [2], "columns": []}}
    app.run()
    assert app.title[0].value == "Events"
    assert app.selectbox(key="event").value == chosen
