import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.conftest import make_events
from timeline.figures import bar_figure, format_interval, lane_rows, timeline_figure


def traces_by_type(figure):
    return {kind: [trace for trace in figure.data if trace.type == kind] for kind in ("bar", "scatter")}


def test_day_events_are_markers_and_intervals_are_bands(events):
    figure = timeline_figure(events)
    traces = traces_by_type(figure)
    solid = [trace for trace in traces["scatter"] if trace.marker.symbol is None]
    hollow = [trace for trace in traces["scatter"] if trace.marker.symbol == "diamond-open"]
    assert [row[0] for trace in solid for row in trace.customdata] == ["symposium"]
    band_ids = [row[0] for trace in traces["bar"] for row in trace.customdata]
    assert sorted(band_ids) == ["cancelled-trip", "declined-invitation", "paris-summit"]
    # Bands up to about a month long also get a hollow mark at their middle; a year does not.
    assert sorted(row[0] for trace in hollow for row in trace.customdata) == ["declined-invitation", "paris-summit"]


def test_band_spans_the_whole_interval(events):
    figure = timeline_figure(events)
    summit = next(trace for trace in figure.data if trace.type == "bar" and trace.customdata[0][0] == "paris-summit")
    start = pd.Timestamp(summit.base[0])
    # 10-11 February inclusive is two days wide.
    assert start == pd.Timestamp("2025-02-10")
    assert summit.x[0] == 2 * 86_400_000
    year = next(trace for trace in figure.data if trace.type == "bar" and trace.customdata[0][0] == "cancelled-trip")
    assert year.x[0] == 366 * 86_400_000  # 2024 is a leap year


def test_actor_lanes_repeat_an_event_per_actor(events):
    rows = lane_rows(events, "actor")
    assert sorted(rows.loc[rows["event_id"] == "symposium", "lane"]) == ["Liang Wenfeng", "Wang Xingxing", "Xi Jinping"]
    assert list(rows.loc[rows["event_id"] == "cancelled-trip", "lane"]) == ["(no actor named)"]
    figure = timeline_figure(events, lanes="actor")
    lanes = figure.layout.yaxis.categoryarray
    assert lanes[-1] == "Liang Wenfeng"  # busiest actor on top
    assert lanes[0] == "(no actor named)"


def test_colour_follows_category_whatever_the_filter(events):
    full = {trace.name: trace.marker.color for trace in timeline_figure(events).data}
    only_summit = {
        trace.name: trace.marker.color for trace in timeline_figure(events[events["category"] == "summit"]).data
    }
    assert only_summit["Summit"] == full["Summit"]  # traces are named by the label


def test_hover_shows_title_date_as_written_precision_actors_and_source(events):
    figure = timeline_figure(events)
    marker = next(trace for trace in traces_by_type(figure)["scatter"] if trace.marker.symbol is None)
    row = list(marker.customdata[0])
    assert row[1] == "\u2068Xi Jinping meets private business leaders\u2069"  # isolated: Arabic reads right to left
    assert row[3] == "17 Feb 2025 (day)"
    assert "Liang Wenfeng" in row[4]
    assert row[5] == "\u2068Test source\u2069"
    assert row[6] == "accepted"
    assert "%{customdata[2]}" in marker.hovertemplate


def test_event_text_is_escaped_not_rendered():
    hostile = make_events(
        {
            "event_id": "x",
            "title": "<script>alert(1)</script><b>bold</b>",
            "date_start": "2025-01-01",
            "date_end": "2025-01-01",
            "date_precision": "day",
            "category": "statement",
            "actors": ("<img src=x onerror=alert(1)>",),
        }
    )
    payload = json.dumps(timeline_figure(hostile).to_plotly_json()["data"], default=str)
    assert "<script>" not in payload and "<img" not in payload
    assert "&lt;script&gt;" in payload


def test_format_interval_is_still_importable_from_figures():
    # Exports and older callers import it from here; the formatter itself lives in timeline.dates_display.
    assert format_interval(pd.Timestamp("2025-02-01"), pd.Timestamp("2025-02-28"), "month") == "Feb 2025"


def test_empty_frame_gives_an_empty_figure(events):
    figure = timeline_figure(events.iloc[0:0])
    assert isinstance(figure, go.Figure) and len(figure.data) == 0


def test_bar_figure_puts_the_largest_on_top():
    figure = bar_figure(pd.Series({"A": 1, "B": 3, "C": 2}), "t", "events")
    assert list(figure.data[0].y) == ["A", "C", "B"]


@pytest.mark.parametrize("lanes", ["category", "actor"])
def test_custom_data_only_for_drawn_points(events, lanes):
    figure = timeline_figure(events, lanes=lanes)
    for trace in figure.data:
        assert len(trace.customdata) == len(trace.x) == len(trace.y)
    drawn = {row[0] for trace in figure.data for row in trace.customdata}
    assert drawn == set(events["event_id"])
    only_one = timeline_figure(events[events["event_id"] == "symposium"], lanes=lanes)
    assert {row[0] for trace in only_one.data for row in trace.customdata} == {"symposium"}


def test_unreviewed_events_are_hatched_or_hollow(events):
    # The fixture's 2024 trip is unreviewed; everything else is accepted.
    figure = timeline_figure(events)
    trip = next(
        trace
        for trace in figure.data
        if trace.type == "bar" and "cancelled-trip" in [row[0] for row in trace.customdata]
    )
    assert list(trace_value(trip.marker.pattern.shape)) == ["/"]
    summit = next(trace for trace in figure.data if trace.type == "bar" and trace.customdata[0][0] == "paris-summit")
    assert summit.marker.pattern.shape is None
    unreviewed_day = make_events(
        {"event_id": "d", "title": "t", "date_start": "2025-01-02", "date_end": "2025-01-02", "date_precision": "day",
         "category": "meeting", "actors": (), "status": "unreviewed"}
    )  # fmt: skip
    marker = timeline_figure(unreviewed_day).data[0].marker
    assert list(trace_value(marker.symbol)) == ["circle-open"]


def trace_value(value):
    return value if isinstance(value, (list, tuple)) else [value]
