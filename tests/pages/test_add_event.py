import io

import pandas as pd

from tests.pages.conftest import open_page, shown_event_ids, shown_text
from timeline.database import read_event, read_events, read_sources
from timeline.store import open_seeded_store

ARTICLE_WORDS = "دعت السلطات الصينية كبار رواد الأعمال"  # from the founding article


def fill(app, **values) -> None:
    for key, value in values.items():
        app.text_input(key=key).input(value)
    app.run()
    assert not app.exception, app.exception


def test_a_hand_entered_event_shows_its_date_live_and_lands_on_the_timeline_and_in_the_csv(app, any_store, downloads):
    open_page(app, "pages/add_event.py")
    app.text_input(key="analyst").input("Amina")
    app.selectbox(key="add_source_existing").set_value("tafsela-2025-03-01")
    fill(app, add_title="Chinese authorities advise AI leaders against US travel", add_date="في 17 فبراير")
    # Read against the source's publication date (1 March 2025), not today.
    assert any("precision **day**" in element.value and "2025-02-17" in element.value for element in app.info)
    app.selectbox(key="add_category").set_value("travel_guidance")
    app.text_area(key="add_quote").input(ARTICLE_WORDS)
    app.multiselect(key="add_tags").set_value(["typed in"])
    app.text_input(key="add_countries").input("CN")
    app.button(key="add_save").click().run()
    assert not app.exception and not app.error, [element.value for element in app.error]
    event_id = "chinese-authorities-advise-ai-leaders-against-us-travel-2025-02-17"
    stored = read_event(open_seeded_store(any_store), event_id)
    assert (stored.fields["source_ids"], stored.fields["quote"], stored.fields["status"]) == (
        ("tafsela-2025-03-01",),
        ARTICLE_WORDS,
        "accepted",
    )
    assert (str(stored.fields["date_start"]), stored.fields["date_precision"]) == ("2025-02-17", "day")

    app.switch_page("dashboard.py").run()
    assert event_id in shown_event_ids(app)
    app.query_params["tag"] = "typed in"
    app.switch_page("pages/events.py").run()
    app.multiselect(key="filter_tags").set_value(["typed in"]).run()
    assert list(app.dataframe[0].value["event_id"]) == [event_id]
    assert app.query_params["tag"] == ["typed in"] or app.query_params["tag"] == "typed in"
    written = pd.read_csv(
        io.BytesIO(downloads(app)), encoding="utf-8-sig", comment="#", dtype=str, keep_default_na=False
    )
    assert written[["event_id", "tags", "quote"]].values.tolist() == [[event_id, "typed in", ARTICLE_WORDS]]


def test_a_new_source_is_registered_with_the_event(app, any_store):
    open_page(app, "pages/add_event.py")
    app.text_input(key="analyst").input("Amina")
    app.segmented_control(key="add_source_kind").set_value("A new source").run()
    fill(
        app,
        add_source_id="ledger-2025-02-18",
        add_source_name="The Harbour Ledger",
        add_source_lang="en",
        add_title="A hand-entered meeting",
        add_date="2025-02",
    )
    assert any("precision **month**" in element.value for element in app.info)
    app.button(key="add_save").click().run()
    assert not app.error, [element.value for element in app.error]
    store = open_seeded_store(any_store)
    assert read_sources(store).set_index("source_id").loc["ledger-2025-02-18", "name"] == "The Harbour Ledger"
    assert "a-hand-entered-meeting-2025-02-01" in set(read_events(store)["event_id"])


def test_an_unreadable_date_or_a_bad_language_is_refused_and_nothing_is_stored(app, any_store):
    open_page(app, "pages/add_event.py")
    app.text_input(key="analyst").input("Amina")
    fill(app, add_title="Not an event", add_date="the day after the thing")
    assert any("Date not read" in element.value for element in app.warning)
    store = open_seeded_store(any_store)
    before = len(read_events(store))
    app.button(key="add_save").click().run()
    assert any("Not added: Add event form, field 'date'" in shown_text(element.value) for element in app.error)
    app.segmented_control(key="add_source_kind").set_value("A new source").run()
    fill(app, add_source_id="x", add_source_name="X", add_source_lang="Arabic", add_date="2025")
    app.button(key="add_save").click().run()
    assert any("is not an ISO 639-1 code" in shown_text(element.value) for element in app.error)
    assert len(read_events(store)) == before and "x" not in set(read_sources(store)["source_id"])
