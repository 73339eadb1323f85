import pandas as pd

from bench._synthetic import synthetic_events_fast
from timeline.actors import Actor, ActorRegistry
from timeline.summaries import actor_table, co_occurrence, sources_table


def test_actor_table_counts_first_and_last(events):
    registry = ActorRegistry((Actor("Liang Wenfeng", "person", "CN"),))
    table = actor_table(events, registry).set_index("actor")
    assert table.loc["Liang Wenfeng", "events"] == 2
    assert str(table.loc["Liang Wenfeng", "first"].date()) == "2025-02-01"
    assert str(table.loc["Liang Wenfeng", "last"].date()) == "2025-02-28"
    assert table.loc["Liang Wenfeng", "kind"] == "person"
    assert table.loc["Xi Jinping", "kind"] == "unregistered"
    assert table.index[0] == "Liang Wenfeng"


def test_co_occurrence_counts_shared_events(events):
    shared = co_occurrence(events, "Xi Jinping")
    assert shared.to_dict() == {"Liang Wenfeng": 1, "Wang Xingxing": 1}
    assert co_occurrence(events, "Emmanuel Macron").empty


def test_sources_table_lists_supported_events(events):
    sources = pd.DataFrame(
        {
            "source_id": ["test-source", "unused"],
            "name": ["Test", "Unused"],
            "title": ["", ""],
            "url": ["https://example.org/a", "https://example.org/b"],
            "lang": ["en", "en"],
            "published": pd.to_datetime(["2025-03-01", "2025-03-02"]),
            "published_estimated": [False, False],
            "accessed": pd.to_datetime(["2026-11-29", "2026-11-29"]),
        }
    )
    table = sources_table(events, sources).set_index("source_id")
    assert table.loc["test-source", "events"] == 4
    assert table.loc["unused", "events"] == 0
    assert "AI Action Summit in Paris" in table.loc["test-source", "titles"]


def test_actor_table_equals_counting_an_exploded_frame():
    events = synthetic_events_fast(2_000, seed=5)
    events.loc[3, "actors"] = ("Agency 000", "Agency 000")  # a name twice in one event counts once
    pairs = events[["event_id", "actors", "date_start", "date_end"]].explode("actors").dropna(subset=["actors"])
    expected = pairs.groupby("actors").agg(
        events=("event_id", "nunique"), first=("date_start", "min"), last=("date_end", "max")
    )
    table = actor_table(events, ActorRegistry(())).set_index("actor")
    pd.testing.assert_frame_equal(
        table[["events", "first", "last"]].sort_index(), expected.rename_axis("actor").sort_index(), check_dtype=False
    )
