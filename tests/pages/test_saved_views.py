"""Saved views in the sidebar: saved for the team, opened again, and a watched one counting new events."""

from tests.conftest import make_events
from tests.pages.conftest import open_page
from timeline.database import add_events, open_store
from timeline.database.saved_views import saved_views, view_filters
from timeline.filters import Filters


def sidebar_buttons(app) -> list[str]:
    return [button.label for button in app.sidebar.button]


def test_save_open_and_watch_a_view(app, fresh_store):
    open_page(app, "pages/edit.py")
    app.text_input(key="analyst").input("Ana").run()
    app.multiselect(key="filter_categories").set_value(["detention"]).run()
    app.text_input(key="saved_view_name").input("Detentions").run()
    app.checkbox(key="saved_view_watched").check().run()
    app.button(key="saved_view_save").click().run()
    assert not app.exception
    store = open_store(fresh_store)
    assert saved_views(store)["name"].tolist() == ["Detentions"]
    assert view_filters(store, "Detentions") == Filters(categories=("detention",))
    assert "Detentions (nothing new)" in sidebar_buttons(app)

    arrest = {
        "event_id": "new-detention",
        "title": "A researcher detained at an airport",
        "date_start": "2025-03-02",
        "date_end": "2025-03-02",
        "date_precision": "day",
        "category": "detention",
        "actors": ("Government of China",),
    }
    add_events(store, make_events(arrest), "Importer")
    app.multiselect(key="filter_categories").set_value([]).run()
    assert "Detentions (+1 new)" in sidebar_buttons(app)

    app.button(key="saved_view_Detentions").click().run()
    assert not app.exception
    assert app.multiselect(key="filter_categories").value == ["detention"]
    assert app.query_params["category"] == "detention"
    assert "Detentions (nothing new)" in sidebar_buttons(app)  # opened by Ana just now


def test_a_name_is_needed_to_save(app):
    open_page(app, "pages/events.py")
    app.text_input(key="saved_view_name").input("Mine").run()
    assert app.button(key="saved_view_save").disabled
