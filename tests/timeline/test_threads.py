"""Stage order, current stage, waits before entry into force, the chain figure and the thread filter."""

import datetime as dt

import pandas as pd
import pytest

from tests.conftest import make_events
from timeline import threads as policy_threads
from timeline.filters import Filters, apply_filters, from_query_params, to_query_params


def day_event(event_id: str, day: str, **fields) -> dict:
    return {
        "event_id": event_id,
        "title": f"Event {event_id}",
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "category": "export_control",
        "actors": ("Ministry of Commerce of China",),
        **fields,
    }


@pytest.fixture
def events() -> pd.DataFrame:
    return make_events(
        day_event("announced", "2023-07-03"),
        day_event("in-force", "2023-08-01"),
        day_event("widened", "2024-12-03"),
        day_event("draft", "2025-03-10"),
        day_event("published", "2025-05-20"),
        # Known only to the month: drawn across June, never as a made-up day.
        {**day_event("applies", "2025-06-01"), "date_end": "2025-06-30", "date_precision": "month"},
    )


@pytest.fixture
def links() -> pd.DataFrame:
    rows = [
        ("minerals", "announced", "announced"),
        ("minerals", "in-force", "in_force"),
        ("minerals", "widened", "amended"),
        ("labelling", "draft", "proposed"),
        ("labelling", "published", "published"),
        ("labelling", "applies", "in_force"),
    ]
    return pd.DataFrame(rows, columns=["thread_id", "event_id", "stage"], dtype="str")


@pytest.fixture
def threads() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "thread_id": ["minerals", "labelling"],
            "name": ["Mineral controls", "AI labelling rules"],
            "summary": ["", ""],
        }
    )


def test_stages_follow_the_order_a_policy_moves_through():
    order = policy_threads.stage_order()
    expected = ["proposed", "announced", "published", "in_force", "enforced", "amended", "suspended", "rescinded"]
    assert sorted(order, key=order.get) == expected


def test_current_stage_is_the_latest_events_and_the_next_date_is_the_first_after_as_of(threads, links, events):
    chain = policy_threads.chains(links, events)
    status = policy_threads.status(threads, chain, dt.date(2025, 5, 31)).set_index("thread_id")
    assert status.loc["minerals", "current_stage"] == "amended"
    assert status.loc["minerals", "since"] == "3 Dec 2024"
    assert pd.isna(status.loc["minerals", "next_stage"])
    assert status.loc["labelling", "current_stage"] == "published"
    assert status.loc["labelling", "next_stage"] == "in_force"
    assert status.loc["labelling", "next_date"] == "Jun 2025"  # a month stays a month
    words = policy_threads.status_words(status.loc["labelling"].to_dict())
    assert words == "published since 20 May 2025; next: in force on Jun 2025"


def test_before_its_first_event_a_thread_has_no_stage(threads, links, events):
    chain = policy_threads.chains(links, events)
    status = policy_threads.status(threads, chain, dt.date(2023, 1, 1)).set_index("thread_id")
    assert pd.isna(status.loc["minerals", "current_stage"])
    assert policy_threads.status_words(status.loc["minerals"].to_dict()).startswith("not started yet; next: announced")


def test_on_one_day_the_later_stage_wins(threads, events):
    same_day = pd.DataFrame(
        [("minerals", "announced", "in_force"), ("minerals", "in-force", "announced")],
        columns=["thread_id", "event_id", "stage"],
    )
    moved = events.assign(date_start=pd.Timestamp("2023-07-03"), date_end=pd.Timestamp("2023-07-03"))
    status = policy_threads.status(threads, policy_threads.chains(same_day, moved), dt.date(2024, 1, 1))
    assert status.set_index("thread_id").loc["minerals", "current_stage"] == "in_force"


def test_a_deleted_event_drops_out_of_its_chain(threads, links, events):
    live = events[events["event_id"] != "widened"]
    status = policy_threads.status(threads, policy_threads.chains(links, live), dt.date(2025, 1, 1))
    assert status.set_index("thread_id").loc["minerals", "current_stage"] == "in_force"


def test_waits_run_from_the_earliest_announcing_stage_to_entry_into_force(links, events):
    bands = policy_threads.waits(policy_threads.chains(links, events)).set_index("thread_id")
    assert bands.loc["minerals", "days"] == 29  # 3 Jul to 1 Aug 2023
    assert bands.loc["labelling", "start"] == pd.Timestamp("2025-03-10")  # from the draft, not the publication
    assert bands.loc["labelling", "end"] == pd.Timestamp("2025-06-01")


def test_chain_figure_draws_each_stage_band_and_status(threads, links, events):
    chain = policy_threads.chains(links, events)
    table = policy_threads.status(threads, chain, dt.date(2025, 12, 31))
    figure = policy_threads.chain_figure(table, chain)
    drawn = {
        row[0]
        for trace in figure.data
        if trace.customdata is not None and trace.type == "scatter"
        for row in trace.customdata
    }
    assert drawn == set(links["event_id"])
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bars) == 1 and len(bars[0].base) == 2
    assert any("in force since Jun 2025" in label for label in figure.layout.yaxis.categoryarray)
    # The month-precise stage is drawn across its whole month.
    month_lines = [
        trace for trace in figure.data if trace.type == "scatter" and trace.mode == "lines" and trace.line.width == 10
    ]
    assert [list(trace.x) for trace in month_lines] == [[pd.Timestamp("2025-06-01"), pd.Timestamp("2025-06-30"), None]]


def test_thread_names_are_drawn_as_text(links, events):
    threads = pd.DataFrame({"thread_id": ["minerals"], "name": ["<script>alert(1)</script>"], "summary": [""]})
    chain = policy_threads.chains(links, events)
    figure = policy_threads.chain_figure(policy_threads.status(threads, chain, dt.date(2025, 1, 1)), chain)
    assert "<script>" not in "".join(figure.layout.yaxis.categoryarray)


def test_thread_filter_keeps_the_threads_events_and_rides_in_the_link(links, events):
    filters, problems = from_query_params({"thread": ["minerals"]})
    assert problems == [] and filters.threads == ("minerals",)
    kept = apply_filters(events, policy_threads.with_thread_events(filters, links))
    assert set(kept["event_id"]) == {"announced", "in-force", "widened"}
    assert to_query_params(filters) == {"thread": ["minerals"]}
    assert to_query_params(Filters()) == {}
