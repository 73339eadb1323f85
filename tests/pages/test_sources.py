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


def test_a_source_without_a_title_is_given_one_audited_and_lists_every_event_it_supports(app, any_store):
    from tests.pages.conftest import shown_text
    from timeline.database.curation import source_log
    from timeline.store import open_seeded_store

    open_page(app, "pages/sources.py")
    # Untitled sources come first in the picker: the CNA report has no title in the bundled data.
    options = app.selectbox(key="source_edit_pick").options
    untitled = [" · no title (" in option for option in options]
    assert (
        untitled == sorted(untitled, reverse=True) and "CNA (Channel NewsAsia) · no title (cna-2025-03-01)" in options
    )
    app.selectbox(key="source_edit_pick").set_value("cna-2025-03-01").run()
    supported = app.dataframe[1].value
    cited = curated.load()
    expected = cited[cited["source_ids"].map(lambda ids: "cna-2025-03-01" in ids)]
    assert sorted(supported["title"]) == sorted(expected["title"]) and len(supported) == 6  # 6 counted in events.yaml
    app.text_input(key="analyst").input("Chen").run()
    form_title = next(field for field in app.text_input if field.label == "Title")
    form_title.input("China tells AI experts to avoid US travel")
    next(button for button in app.button if button.label == "Save source").click().run()
    assert not app.error, [element.value for element in app.error]
    assert any("Saved: title." in shown_text(element.value) for element in app.success)
    table = app.dataframe[0].value.set_index("name")
    assert table.loc["CNA (Channel NewsAsia)", "title"] == "China tells AI experts to avoid US travel"
    log = source_log(open_seeded_store(any_store), "cna-2025-03-01")
    assert [(entry["who"], entry["changes"]["title"]["new"]) for entry in log] == [
        ("Chen", "China tells AI experts to avoid US travel")
    ]
    assert "China tells AI experts" in app.dataframe[2].value["changes"].iloc[0]


def test_a_bad_source_edit_is_refused_with_the_field_named(app):
    from tests.pages.conftest import shown_text

    open_page(app, "pages/sources.py")
    app.selectbox(key="source_edit_pick").set_value("cna-2025-03-01").run()
    app.text_input(key="analyst").input("Chen").run()
    next(field for field in app.text_input if field.label == "Language (ISO 639-1)").input("English")
    next(button for button in app.button if button.label == "Save source").click().run()
    assert any("Not saved: source field 'lang'" in shown_text(element.value) for element in app.error)


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
