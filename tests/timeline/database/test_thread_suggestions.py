"""Suggestions made when events are added, and the analyst's decision, on each backend."""

import pytest

from tests.conftest import make_events
from tests.timeline.database.conftest import event
from timeline.database import add_events
from timeline.database import thread_suggestions as stored_suggestions
from timeline.database.thread_suggestions import pending_suggestions
from timeline.database.threads import decide_suggestions, read_threads, thread_history
from timeline.store import open_seeded_store

SUSPENSION = event(
    "gallium-ban-suspended",
    title="China suspends its ban on gallium and germanium exports to the US",
    date_start="2025-11-09",
    date_end="2025-11-09",
    category="export_control",
    actors=("Ministry of Commerce of China",),
)


@pytest.fixture
def store(store_url):
    engine = open_seeded_store(store_url, team=False)
    yield engine
    engine.dispose()


def test_adding_an_event_suggests_its_thread_and_stage(store):
    add_events(store, make_events(SUSPENSION), "Bo")
    waiting = pending_suggestions(store)
    best = waiting.iloc[0]
    assert (best["event_id"], best["thread_id"], best["stage"]) == (
        "gallium-ban-suspended",
        "china-gallium-germanium-controls",
        "suspended",
    )
    assert "shares Ministry of Commerce of China" in best["reason"]


def test_accepting_links_the_event_and_rejecting_does_not(store):
    add_events(store, make_events(SUSPENSION), "Bo")
    pairs = list(zip(pending_suggestions(store)["event_id"], pending_suggestions(store)["thread_id"], strict=True))
    assert decide_suggestions(store, pairs[:1], accept=True, who="Ana") == 1
    assert decide_suggestions(store, pairs[1:], accept=False, who="Ana") == len(pairs) - 1
    assert pending_suggestions(store).empty
    _, links = read_threads(store)
    linked = links[links["event_id"] == "gallium-ban-suspended"]
    assert linked[["thread_id", "stage"]].values.tolist() == [["china-gallium-germanium-controls", "suspended"]]
    last = thread_history(store, "china-gallium-germanium-controls")[-1]
    assert (last.who, last.action, last.event_id) == ("Ana", "link", "gallium-ban-suspended")
    assert decide_suggestions(store, pairs[:1], accept=False, who="Ana") == 0  # already decided


def test_a_large_batch_gets_no_suggestions(store, monkeypatch):
    monkeypatch.setattr(stored_suggestions, "LARGEST_BATCH", 1)
    second = {**SUSPENSION, "event_id": "another"}
    add_events(store, make_events(SUSPENSION, second), "Bo")
    assert pending_suggestions(store).empty


def test_an_imported_table_gets_suggestions_for_events_sharing_a_threads_actor(store):
    from loaders.datasets import load_all, open_table
    from timeline.database.importing import Origins, run_stamp, write_events
    from timeline.database.thread_suggestions import import_thread_index

    table = "id,title,date,category,actors,source\n"
    table += "ga-1,China suspends its ban on gallium and germanium exports,2025-11-09,export_control,"
    table += "Ministry of Commerce of China,Team notes\n"
    table += "other-1,A festival opens,2025-11-09,statement,Liang Wenfeng,Team notes\n"
    loaded = load_all(open_table(table.encode(), "rows.csv"))
    written = write_events(
        store, loaded.events, Origins("rows.csv", [2, 3]), "Bo", run_stamp(), import_thread_index(store)
    )
    waiting = pending_suggestions(store)
    assert written.suggested == len(waiting) >= 1
    assert set(waiting["event_id"]) == {"ga-1"}
    assert "china-gallium-germanium-controls" in set(waiting["thread_id"])


def test_an_announcement_and_its_entry_into_force_are_offered_as_two_stages_of_one_thread(store):
    import datetime as dt

    from loaders.article_stages import stage_pairs
    from loaders.articles import extract_events

    sentence = "China announced on 3 July 2023 export controls on gallium and germanium that take effect on 1 August."
    candidates = extract_events(sentence, dt.date(2023, 7, 4), lang="en")
    add_events(store, candidates, "Bo")
    (pair,) = stage_pairs(candidates)
    assert stored_suggestions.suggest_stage_pairs(store, [pair]) >= 2
    waiting = pending_suggestions(store)
    gallium = waiting[waiting["thread_id"] == "china-gallium-germanium-controls"].set_index("event_id")
    assert gallium.loc[pair.announced, "stage"] == "announced"
    assert gallium.loc[pair.in_force, "stage"] == "in_force"
