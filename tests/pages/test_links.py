"""Page addresses: opening a page writes nothing into it; a changed choice is written; links are the page's own."""

import pytest

from tests.pages.conftest import open_page
from timeline import ui

PAGES = [path for path, _, _ in ui.PAGES]


@pytest.mark.parametrize("path", PAGES)
def test_opening_a_page_writes_no_default_into_the_address(app, path):
    app.run() if path == "dashboard.py" else open_page(app, path)
    assert not app.exception, app.exception
    assert dict(app.query_params) == {}, f"{path} wrote defaults into its address"


def test_a_changed_choice_is_written_and_a_link_with_values_still_opens_them(app):
    open_page(app, "pages/actors.py")
    actors = app.selectbox(key="actor_focus").options
    app.selectbox(key="actor_focus").set_value(actors[2]).run()
    assert app.query_params["focus"] == actors[2]
    app.selectbox(key="actor_focus").set_value(actors[0]).run()  # back to the automatic choice
    assert "focus" not in app.query_params


def test_a_link_naming_a_value_opens_it(app):
    app.query_params["focus"] = "Nvidia"
    app.query_params["category"] = "export_control"
    open_page(app, "pages/actors.py")
    assert app.selectbox(key="actor_focus").value == "Nvidia"
    assert app.multiselect(key="filter_categories").value == ["export_control"]


@pytest.mark.parametrize(
    ("page_url", "site"),
    [
        ("http://127.0.0.1:8501/", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501/briefing", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501/events/", "http://127.0.0.1:8501"),
        ("https://example.org/timeline/add_sources?actor=X#top", "https://example.org/timeline"),
        ("https://example.org/timeline/", "https://example.org/timeline"),  # served under a path: kept
    ],
)
def test_site_address_drops_the_page_name_only(page_url, site):
    assert ui.site_address(page_url) == site
