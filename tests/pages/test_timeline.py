import pandas as pd
import pytest

from loaders import curated
from tests.conftest import needs_chromium
from tests.pages.conftest import numbers, plotly_figures, shown_event_ids, shown_text
from timeline import overview
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
    # Listed by hand from data/events.yaml: the events naming Liang Wenfeng.
    assert shown_event_ids(app) == [
        "deepseek-r1-release", "liang-wenfeng-declines-paris-summit", "xi-private-enterprise-symposium",
    ]  # fmt: skip
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
    assert shown_event_ids(app) == ["xi-private-enterprise-symposium"]  # the one event naming both
    lanes = plotly_figures(app)[0].layout.yaxis.ticktext
    assert "Xi Jinping" in lanes and "Liang Wenfeng" in lanes


def test_a_bad_link_value_is_reported_not_fatal(app):
    app.query_params["from"] = "yesterday"
    app.query_params["actor"] = "Nobody At All"
    app.run()
    assert not app.exception
    warnings = " ".join(shown_text(warning.value) for warning in app.sidebar.warning)
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


def test_one_event_over_the_limit_switches_to_counts(app, bundled, monkeypatch):
    monkeypatch.setattr(overview, "DETAIL_LIMIT", len(bundled))
    app.run()
    assert shown_event_ids(app) == sorted(bundled["event_id"])
    monkeypatch.setattr(overview, "DETAIL_LIMIT", len(bundled) - 1)
    app.run()
    assert not app.exception
    captions = " ".join(caption.value for caption in app.caption)
    assert f"Showing {len(bundled)} events as" in captions and "counts, each counted in the" in captions
    figure = plotly_figures(app)[0]
    assert {trace.type for trace in figure.data} == {"bar", "heatmap"}
    assert shown_event_ids(app) == []  # no per-event data is shipped
    assert sum(numbers(trace.y).sum() for trace in figure.data if trace.type == "bar") == len(bundled)


def test_selecting_bars_offers_a_zoom_that_the_sidebar_applies_next(app, bundled, monkeypatch):
    monkeypatch.setattr(overview, "DETAIL_LIMIT", 10)
    app.run()
    bars = next(trace for trace in plotly_figures(app)[0].data if trace.type == "bar")
    first_bin = pd.Timestamp(bars.x[0])
    app.session_state[overview.CHART_KEY] = {"selection": {"points": [{"x": first_bin.isoformat()}]}}
    app.run()
    zoom = next(button for button in app.button if button.label.startswith("Zoom to"))
    zoom.click().run()
    assert not app.exception
    # The click stored the span and reran; the sidebar applied it to the date range before drawing.
    assert overview.ZOOM_KEY not in app.session_state
    start, end = app.session_state["filter_dates"]
    assert start == first_bin.date() and start <= end
    assert app.query_params["from"] == start.isoformat()


def test_link_with_an_event_opens_its_details(app, bundled):
    app.query_params["event"] = "paris-ai-action-summit"
    app.run()
    assert "AI Action Summit in Paris" in [element.value.replace("\\", "") for element in app.subheader]
    assert app.query_params["event"] == "paris-ai-action-summit"


@needs_chromium
def test_timeline_exports_carry_the_filters(app, downloads):
    app.run()
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    labels = [button.label for button in app.get("download_button")]
    assert labels == ["PNG (2×)", "SVG", "PDF", "HTML", "CSV"]
    svg = downloads(app, labels.index("SVG")).decode()
    assert "Liang Wenfeng" in svg and "<desc>Policy Timeline briefing" in svg
    csv = downloads(app, labels.index("CSV")).decode("utf-8-sig")
    assert csv.startswith("# Policy Timeline briefing: Liang Wenfeng")


def test_lanes_by_country_and_source_and_terms_of_office_behind_actor_lanes(app):
    from tests.pages.conftest import plotly_figures

    app.run()
    app.segmented_control(key="lanes").set_value("country").run()
    assert "China" in plotly_figures(app)[0].layout.yaxis.ticktext
    assert app.query_params["lanes"] in ("country", ["country"])
    app.segmented_control(key="lanes").set_value("source").run()
    assert "Tafsela" in plotly_figures(app)[0].layout.yaxis.ticktext
    app.segmented_control(key="lanes").set_value("actor").run()
    figure = plotly_figures(app)[0]
    labels = {shape.label.text for shape in figure.layout.shapes}
    assert "second term" in labels  # Donald Trump's, from data/actors.yaml
