"""Changes page, and the briefing page recording each export as a briefing to compare with later."""

from tests.pages.conftest import open_page
from timeline.database import open_store, read_event, update_event
from timeline.database.briefings import list_briefings, read_briefing


def test_a_briefing_export_is_recorded_and_the_changes_page_compares_with_it(app, downloads, fresh_store):
    app.query_params["category"] = "export_control"
    open_page(app, "pages/briefing.py")
    status = app.dataframe[0].value
    assert "US AI diffusion framework" in set(status["Thread"])
    buttons = [button.label for button in app.get("download_button")]
    downloads(app, buttons.index("CSV"))  # as a click would: the file is made and the briefing recorded
    store = open_store(fresh_store)
    (briefing_id,) = list_briefings(store)["id"]
    recorded = read_briefing(store, briefing_id)
    assert "bis-ai-diffusion-rule" in recorded.events and recorded.filters.categories == ("export_control",)

    stored = read_event(store, "bis-ai-diffusion-rule")
    update_event(store, "bis-ai-diffusion-rule", {"title": "AI diffusion framework issued"}, stored.version, "Bo")
    app.switch_page("pages/changes.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert table[["change", "event_id", "field", "old", "new"]].values.tolist() == [
        ["changed", "bis-ai-diffusion-rule", "title", "US issues AI diffusion rule", "AI diffusion framework issued"]
    ]
    assert "since_briefing" not in app.query_params  # the latest briefing is what the page picks by itself


def test_changes_since_a_day_from_the_link(app):
    app.query_params["since"] = "2999-01-01"
    open_page(app, "pages/changes.py")
    assert app.segmented_control(key="changes_since").value == "a day"
    assert "Nothing changed in this view since then." in app.info[0].value


def test_a_bad_since_in_the_link_is_reported(app):
    app.query_params["since"] = "last week"
    open_page(app, "pages/changes.py")
    assert "since= must be a date" in app.warning[0].value
