import pytest

from loaders import curated
from tests.pages.conftest import plotly_figures, shown_event_ids
from timeline.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def bundled():
    return curated.load()


def test_home_page_draws_every_bundled_event(app, bundled):
    app.run()
    assert not app.exception
    assert app.title[0].value == "Policy timeline"
    assert shown_event_ids(app) == sorted(bundled["event_id"])


def test_actor_filter_shows_exactly_that_actors_events(app, bundled):
    app.run()
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    expected = apply_filters(bundled, Filters(actors=("Liang Wenfeng",)))
    assert 0 < len(expected) < len(bundled)
    assert shown_event_ids(app) == sorted(expected["event_id"])
    assert app.query_params["actor"] == "Liang Wenfeng"  # AppTest gives a lone value as a string


def test_url_restores_the_filters(app, bundled):
    app.query_params["actor"] = ["Liang Wenfeng", "Xi Jinping"]
    app.query_params["actor_mode"] = "all"
    app.query_params["from"] = "2025-01-01"
    app.query_params["lanes"] = "actor"
    app.run()
    assert not app.exception
    assert app.multiselect(key="filter_actors").value == ["Liang Wenfeng", "Xi Jinping"]
    assert app.radio(key="filter_actor_mode").value == "all of"
    expected = apply_filters(bundled, Filters(actors=("Liang Wenfeng", "Xi Jinping"), actor_mode="all"))
    assert shown_event_ids(app) == sorted(expected["event_id"])
    lanes = plotly_figures(app)[0].layout.yaxis.categoryarray
    assert "Xi Jinping" in lanes and "Liang Wenfeng" in lanes


def test_a_bad_link_value_is_reported_not_fatal(app):
    app.query_params["from"] = "yesterday"
    app.query_params["actor"] = "Nobody At All"
    app.run()
    assert not app.exception
    warnings = " ".join(warning.value for warning in app.sidebar.warning)
    assert "from='yesterday'" in warnings and "Nobody At All" in warnings


def test_no_match_says_so(app):
    app.run()
    app.text_input(key="filter_text").input("no event says this zzqx").run()
    assert "No event matches" in app.info[0].value
    assert app.get("plotly_chart") == []


def test_selecting_an_event_shows_its_details(app, bundled):
    app.run()
    event_id = bundled["event_id"].iloc[0]
    app.session_state["timeline_chart"] = {"selection": {"points": [{"customdata": [event_id]}]}}
    app.run()
    titles = [element.value for element in app.subheader]
    assert bundled.set_index("event_id").loc[event_id, "title"].split("<")[0] in " ".join(titles).replace("\\", "")
