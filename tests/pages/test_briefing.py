import pytest

from loaders import curated
from tests.pages.conftest import numbers, open_page, plotly_figures
from timeline import overview
from timeline.filters import Filters, apply_filters


def test_briefing_defaults_to_a_summary_title_and_writes_settings_to_the_link(app):
    open_page(app, "pages/briefing.py")
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    figure = plotly_figures(app)[0]
    expected = apply_filters(curated.load(), Filters(actors=("Liang Wenfeng",)))
    assert f"Liang Wenfeng, Jan–Feb 2025: {len(expected)} events" in figure.layout.title.text
    assert "Liang Wenfeng, Jan–Feb 2025: 3 events" in figure.layout.title.text  # counted by hand
    app.text_input(key="brief_title").input("Chinese AI leaders and US travel").run()
    app.segmented_control(key="brief_size").set_value("a4").run()
    figure = plotly_figures(app)[0]
    assert "Chinese AI leaders and US travel" in figure.layout.title.text
    assert figure.layout.height > figure.layout.width
    assert app.query_params["title"] == "Chinese AI leaders and US travel"
    assert app.query_params["size"] == "a4"


def test_link_restores_title_labels_and_size(app):
    app.query_params["title"] = "From a link"
    app.query_params["label"] = ["paris-ai-action-summit"]
    app.query_params["size"] = "a4"
    app.query_params["category"] = "summit"
    open_page(app, "pages/briefing.py")
    figure = plotly_figures(app)[0]
    assert "From a link" in figure.layout.title.text
    labels = [item.text for item in figure.layout.annotations if item.name.startswith(("beside", "leader"))]
    assert labels == ["AI Action Summit in Paris"]
    assert app.multiselect(key="brief_labels").value == ["paris-ai-action-summit"]


def test_clean_mode_shows_the_picture_without_controls(app):
    app.query_params["clean"] = "1"
    open_page(app, "pages/briefing.py")
    assert len(plotly_figures(app)) == 1
    assert len(app.title) == 0 and len(app.get("download_button")) == 0
    assert any("stSidebar" in element.proto.body for element in app.get("html"))


def test_a_view_too_large_to_draw_shows_counts_and_asks_to_narrow_it(app, monkeypatch):
    # The bundled events stand in for a million: with a limit of 10, the whole set is too many.
    monkeypatch.setattr(overview, "DETAIL_LIMIT", 10)
    open_page(app, "pages/briefing.py")
    total = len(curated.load())
    assert f"this view holds {total}: narrow the filters to 10 events or fewer" in app.info[0].value
    counts = plotly_figures(app)[0]
    assert {trace.type for trace in counts.data} == {"bar", "heatmap"}
    assert numbers(counts.data[0].y).sum() == total and len(app.get("download_button")) == 0
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    assert not app.info and "Liang Wenfeng" in plotly_figures(app)[0].layout.title.text


@pytest.mark.parametrize("query", [{"from": "2030-01-01"}, {"to": "1990-01-01"}, {"from": "2030-01-01", "q": "x"}])
def test_a_date_filter_that_matches_no_event_says_so(app, query):
    for key, value in query.items():
        app.query_params[key] = value
    open_page(app, "pages/briefing.py")
    assert not app.exception
    assert any("No event matches these filters" in element.value for element in app.info)
