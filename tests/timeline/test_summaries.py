import pandas as pd

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
