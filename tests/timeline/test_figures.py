import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.conftest import make_events
from timeline.axes import DAY_MS, time_axis
from timeline.figures import (
    BAND_LEGEND,
    MARK_EXTENT_PX,
    MARK_PX,
    MIN_GAP_PX,
    PLOT_WIDTH_PX,
    UNREVIEWED_LEGEND,
    bar_figure,
    event_y,
    format_interval,
    lane_order,
    lane_rows,
    place_marks,
    timeline_figure,
    view_days,
)
from timeline.palette import category_styles


def traces_by_type(figure):
    """The traces that draw events (the legend's entries draw nothing), by kind."""
    drawn = [trace for trace in figure.data if trace.customdata is not None]
    return {kind: [trace for trace in drawn if trace.type == kind] for kind in ("bar", "scatter")}


def legend_entries(figure):
    return [trace for trace in figure.data if trace.showlegend is not False]


def symbols(trace) -> list[str]:
    value = trace.marker.symbol
    return list(value) if isinstance(value, (list, tuple)) else [value] * len(trace.x)


def test_day_events_are_markers_and_intervals_are_bands(events):
    figure = timeline_figure(events)
    traces = traces_by_type(figure)
    band_ids = [row[0] for trace in traces["bar"] for row in trace.customdata]
    assert sorted(band_ids) == ["cancelled-trip", "declined-invitation", "paris-summit"]
    # Bands up to about a month long also get a mark at their middle; a year does not.
    marked = sorted(row[0] for trace in traces["scatter"] for row in trace.customdata)
    assert marked == ["declined-invitation", "paris-summit", "symposium"]


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
    lanes = figure.layout.yaxis.ticktext
    assert lanes[0] == "Liang Wenfeng"  # busiest actor on top
    assert lanes[-1] == "(no actor named)"
    assert list(figure.layout.yaxis.tickvals) == sorted(figure.layout.yaxis.tickvals)  # top to bottom


def test_colour_follows_category_whatever_the_filter(events):
    full = {trace.name: trace.marker.color for trace in timeline_figure(events).data}
    only_summit = {
        trace.name: trace.marker.color for trace in timeline_figure(events[events["category"] == "summit"]).data
    }
    assert only_summit["Summit"] == full["Summit"]  # traces are named by the label


def test_hover_shows_title_date_as_written_precision_actors_and_source(events):
    figure = timeline_figure(events)
    marker = next(trace for trace in traces_by_type(figure)["scatter"] if trace.customdata[0][0] == "symposium")
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


@pytest.mark.parametrize("lanes", ["category", "actor", "country", "source"])
def test_custom_data_only_for_drawn_points(events, lanes):
    figure = timeline_figure(events, lanes=lanes)
    drawn_traces = [trace for kind in traces_by_type(figure).values() for trace in kind]
    for trace in drawn_traces:
        assert len(trace.customdata) == len(trace.x) == len(trace.y)
    assert {row[0] for trace in drawn_traces for row in trace.customdata} == set(events["event_id"])
    for entry in legend_entries(figure):
        assert entry.customdata is None and list(entry.x) == [None]  # the legend's entries draw no event
    only_one = timeline_figure(events[events["event_id"] == "symposium"], lanes=lanes)
    assert {row[0] for kind in traces_by_type(only_one).values() for trace in kind for row in trace.customdata} == {
        "symposium"
    }


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
    marker = traces_by_type(timeline_figure(unreviewed_day))["scatter"][0].marker
    assert list(trace_value(marker.symbol)) == [category_styles()["meeting"].symbol + "-open"]


def trace_value(value):
    return value if isinstance(value, (list, tuple)) else [value]


def test_the_legend_draws_the_marks_the_chart_draws(events):
    figure = timeline_figure(events)
    styles = category_styles()
    entries = {entry.legendgroup: entry for entry in legend_entries(figure) if entry.legendgroup in styles}
    assert set(entries) == set(events["category"].astype("str"))
    for trace in figure.data:
        if trace.showlegend is not False or trace.legendgroup not in styles:
            continue
        entry, style = entries[trace.legendgroup], styles[trace.legendgroup]
        assert entry.marker.color == style.colour == trace.marker.color
        assert entry.mode == "markers" and entry.marker.symbol == style.symbol
        if trace.type == "scatter":
            assert {symbol.removesuffix("-open") for symbol in symbols(trace)} == {style.symbol}
    explained = {entry.name: entry for entry in legend_entries(figure) if entry.legendgroup not in styles}
    # Bands are explained by a line drawn thick, which the legend shows as a short bar, not a square.
    assert explained[BAND_LEGEND].mode == "lines" and explained[BAND_LEGEND].line.width >= 6
    assert explained[UNREVIEWED_LEGEND].marker.symbol.endswith("-open")
    assert not [entry for entry in legend_entries(figure) if entry.type == "bar"]


def test_the_legend_explains_only_what_is_drawn(events):
    accepted_days = events[(events["date_precision"] == "day") & (events["status"] == "accepted")]
    names = [entry.name for entry in legend_entries(timeline_figure(accepted_days))]
    assert names == ["Meeting"]  # the category's label, as the chart names it


def test_events_of_one_day_are_stacked_apart():
    day = [
        {"event_id": f"e{number}", "title": "t", "date_start": "2016-02-17", "date_end": "2016-02-17",
         "date_precision": "day", "category": "meeting", "actors": ()}
        for number in range(20)
    ]  # fmt: skip
    figure = timeline_figure(make_events(*day))
    ys = [y for trace in traces_by_type(figure)["scatter"] for y in trace.y]
    assert len(set(ys)) == 20
    # A sub-row is tall enough for a marker and the whole lane fits in the figure.
    plot_height = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
    assert plot_height / figure.layout.yaxis.range[0] >= MARK_PX + 2


def test_marks_of_a_sub_row_keep_their_distance_at_the_assumed_width():
    rows = [
        {"event_id": f"e{number}", "title": "t", "date_start": day, "date_end": day, "date_precision": "day",
         "category": "tariff" if number % 3 else "sanction", "actors": ()}
        for number, day in enumerate(pd.date_range("2016-01-01", "2016-03-31", periods=120).normalize())
    ]  # fmt: skip
    events = make_events(*rows)
    figure = timeline_figure(events)
    axis_start, axis_end = (pd.Timestamp(value) for value in figure.layout.xaxis.range)
    px_per_ms = PLOT_WIDTH_PX / ((axis_end - axis_start) / pd.Timedelta(milliseconds=1))
    for trace in traces_by_type(figure)["scatter"]:
        by_row = {}
        for x, y in zip(trace.x, trace.y, strict=True):
            by_row.setdefault(y, []).append(pd.Timestamp(x))
        for xs in by_row.values():
            gaps = np.diff(sorted(stamp.value / 1e6 for stamp in xs)) * px_per_ms
            assert (gaps >= MARK_EXTENT_PX + MIN_GAP_PX - 1e-6).all()


def test_a_period_of_one_day_gives_a_day_axis(events):
    figure = timeline_figure(events, period=(pd.Timestamp("2025-02-17"), pd.Timestamp("2025-02-17")))
    axis = figure.layout.xaxis
    assert axis.dtick == DAY_MS and "%H" not in axis.tickformat
    assert [pd.Timestamp(value) for value in axis.range] == [pd.Timestamp("2025-02-16"), pd.Timestamp("2025-02-19")]


def test_place_marks_puts_every_lane_row_in_its_lane(events):
    rows = lane_rows(events, "actor")
    order = lane_order(rows, "actor")
    placed, lanes = place_marks(rows, order, time_axis(*view_days(rows)), PLOT_WIDTH_PX)
    for lane, y in zip(placed["lane"], placed["y"], strict=True):
        index = order.index(lane)
        assert lanes["tops"][index] < y < lanes["tops"][index] + lanes["heights"][index]


def test_event_y_finds_where_an_event_is_drawn(events):
    figure = timeline_figure(events)
    assert event_y(figure, "symposium") == next(
        trace.y[0] for trace in figure.data if trace.customdata is not None and trace.customdata[0][0] == "symposium"
    )
    assert event_y(figure, "no-such-event") is None
