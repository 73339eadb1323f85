import numpy as np
import pandas as pd
import pytest

from bench._synthetic import synthetic_events_fast
from timeline import labels, overview
from timeline.figures import NO_ACTOR_LANE
from timeline.index import build_index

DAY = 86_400_000_000  # microseconds


@pytest.fixture(scope="module")
def large():
    events = synthetic_events_fast(20_000, seed=3)
    return events, build_index(events)


def summary_of(events, index, lanes="category"):
    return overview.summarise(index, np.arange(len(events)), lanes)


def test_every_event_is_drawn_up_to_the_limit_and_counted_beyond():
    assert overview.shows_every_event(overview.DETAIL_LIMIT)
    assert not overview.shows_every_event(overview.DETAIL_LIMIT + 1)


@pytest.mark.parametrize(
    ("days", "unit"),
    [(0, "day"), (300, "day"), (3 * 365, "week"), (30 * 365, "month"), (60 * 365, "quarter"), (300 * 365, "year")],
)
def test_bin_width_follows_the_span_and_bins_stay_few(days, unit):
    first = 9_000
    assert overview.bin_unit(first, first + days) == unit
    numbers = overview.unit_numbers(np.array([first, first + days]), unit)
    assert numbers[1] - numbers[0] + 1 <= overview.MAX_BINS


@pytest.mark.parametrize(
    ("unit", "first", "last", "count"),
    [
        # Days 19,000 to 19,799 after 1970-01-01: Saturday 8 Jan 2022 to Sunday 17 Mar 2024.
        ("day", "2022-01-08", "2024-03-17", 800),
        ("week", "2022-01-03", "2024-03-11", 115),  # Monday on or before each end
        ("month", "2022-01-01", "2024-03-01", 27),
        ("quarter", "2022-01-01", "2024-01-01", 9),
        ("year", "2022-01-01", "2024-01-01", 3),
    ],
)
def test_bins_start_on_calendar_boundaries(unit, first, last, count):
    days = np.arange(19_000, 19_800)
    starts = overview.unit_starts(np.unique(overview.unit_numbers(days, unit)), unit)
    assert (str(starts[0].date()), str(starts[-1].date()), len(starts)) == (first, last, count)
    if unit == "week":
        assert (starts.day_of_week == 0).all()
    if unit in ("month", "quarter", "year"):
        assert (starts.day == 1).all()
    if unit == "quarter":
        assert set(starts.month) == {1, 4, 7, 10}
    if unit == "year":
        assert (starts.month == 1).all()


@pytest.mark.parametrize("lanes", ["category", "actor"])
def test_bins_cover_the_span_of_start_dates(large, lanes):
    events, index = large
    summary = summary_of(events, index, lanes)
    assert summary.edges[0] <= events["date_start"].min()
    assert events["date_start"].max() < summary.edges[-1]
    assert summary.bins <= overview.MAX_BINS
    assert summary.lane_counts.shape == (len(summary.lanes), summary.bins)


def test_counts_sum_to_the_number_of_events(large):
    events, index = large
    summary = summary_of(events, index)
    assert summary.totals.sum() == len(events) == summary.lane_counts.sum()
    assert (summary.lane_counts.sum(axis=0) == summary.totals).all()
    per_category = events["category"].astype("str").map(labels.category).value_counts()  # lanes show labels
    assert dict(zip(summary.lanes, summary.lane_counts.sum(axis=1).tolist(), strict=True)) == per_category.to_dict()


def test_each_event_is_counted_in_the_bin_of_its_start(large):
    events, index = large
    summary = summary_of(events, index)
    month = events["date_start"].dt.to_period("M").dt.start_time
    expected = month.value_counts().reindex(summary.edges[:-1], fill_value=0)
    assert summary.unit == "month"
    assert summary.totals.tolist() == expected.tolist()


def test_actor_lanes_are_the_busiest_actors_then_the_rest(large):
    events, index = large
    positions = np.flatnonzero(events["date_start"].dt.year <= 2000)
    shown = events.iloc[positions]
    summary = overview.summarise(index, positions, "actor")
    per_actor = shown["actors"].explode().value_counts()
    busiest = sorted(per_actor.index, key=lambda name: (-per_actor[name], name))[: overview.ACTOR_LANE_LIMIT]
    assert summary.lanes[: overview.ACTOR_LANE_LIMIT] == busiest
    totals = dict(zip(summary.lanes, summary.lane_counts.sum(axis=1), strict=True))
    assert all(totals[name] == per_actor[name] for name in busiest)
    has_other = shown["actors"].map(lambda names: any(name not in set(busiest) for name in names))
    assert totals[overview.OTHER_ACTORS_LANE] == has_other.sum()
    assert totals.get(NO_ACTOR_LANE, 0) == (shown["actors"].map(len) == 0).sum()


def figure_bytes(events):
    index = build_index(events)
    return len(overview.overview_figure(summary_of(events, index, "actor")).to_json())


def test_figure_size_does_not_grow_with_the_events(large):
    events, _ = large
    small, big = figure_bytes(events), figure_bytes(synthetic_events_fast(200_000, seed=3))
    assert abs(big - small) / small < 0.10
    assert big < 1_500_000


def test_the_aggregate_ships_no_per_event_data(large):
    events, index = large
    payload = overview.overview_figure(summary_of(events, index)).to_json()
    assert all(trace.customdata is None for trace in overview.overview_figure(summary_of(events, index)).data)
    assert events["event_id"].iloc[0] not in payload and events["title"].iloc[0] not in payload


def test_lane_names_are_escaped():
    from tests.conftest import make_events

    hostile = make_events(
        {"event_id": "x", "title": "t", "date_start": "2025-01-01", "date_end": "2025-01-01",
         "date_precision": "day", "category": "statement", "actors": ("<img src=x onerror=alert(1)>",)}
    )  # fmt: skip
    payload = overview.overview_figure(summary_of(hostile, build_index(hostile), "actor")).to_json()
    assert "<img" not in payload and "&lt;img" in payload


def test_selected_bars_give_the_whole_bins_they_cover(large):
    events, index = large
    summary = summary_of(events, index)
    first, third = summary.edges[0], summary.edges[2]
    span = overview.selected_span([{"x": str(third.date())}, {"x": first.isoformat()}], summary)
    assert span == (first.date(), (summary.edges[3] - pd.Timedelta(days=1)).date())
    assert overview.selected_span([], summary) is None
    assert overview.selected_span([{"y": 3}], summary) is None


def test_caption_says_how_events_are_counted(large):
    events, index = large
    text = overview.caption(summary_of(events, index, "actor"))
    assert text.startswith("Showing 20,000 events as monthly counts, each counted in the month it starts")
    assert "select a span" in text and "busiest actors" in text
