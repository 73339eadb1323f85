"""Threads in the store: the curated ones brought in from data/, analysts' links and stages, every change logged."""

import pytest

from loaders.threads import Thread, ThreadLink
from timeline.database import NotFoundError, StoreError, delete_event
from timeline.database.threads import (
    CURATED,
    create_thread,
    link_event,
    read_threads,
    sync_threads,
    thread_history,
    thread_revision,
    unlink_event,
)
from timeline.store import open_seeded_store


@pytest.fixture
def store(store_url):
    engine = open_seeded_store(store_url, team=False)
    yield engine
    engine.dispose()


def stages(links, thread_id):
    chosen = links[links["thread_id"] == thread_id]
    return dict(zip(chosen["event_id"], chosen["stage"], strict=True))


def test_curated_threads_are_in_the_store_with_their_stages_and_history(store):
    threads, links = read_threads(store)
    assert "China's gallium and germanium export controls" in set(threads["name"])
    assert stages(links, "china-gallium-germanium-controls") == {
        "china-gallium-germanium-controls-announced": "announced",
        "china-gallium-germanium-controls-effective": "in_force",
        "china-bans-critical-minerals-exports-to-us": "amended",
    }
    history = thread_history(store, "meng-wanzhou-case")
    assert [change.action for change in history] == ["create", "link", "link", "link"]
    assert {change.who for change in history} == {CURATED}


def test_a_second_start_adds_nothing(store, store_url):
    revision = thread_revision(store)
    open_seeded_store(store_url, team=False).dispose()
    assert thread_revision(store) == revision


def test_analyst_links_moves_and_unlinks_an_event_each_change_logged(store):
    create_thread(store, "ai-labelling", "AI content labelling rules", "", "Ana")
    link_event(store, "ai-labelling", "deepseek-r1-release", "announced", "Ana")
    link_event(store, "ai-labelling", "deepseek-r1-release", "effective", "Bo")  # a variant of in_force
    assert stages(read_threads(store)[1], "ai-labelling") == {"deepseek-r1-release": "in_force"}
    unlink_event(store, "ai-labelling", "deepseek-r1-release", "Ana")
    assert stages(read_threads(store)[1], "ai-labelling") == {}
    history = thread_history(store, "ai-labelling")
    assert [(change.who, change.action, change.changes) for change in history[1:]] == [
        ("Ana", "link", {"stage": {"old": None, "new": "announced"}}),
        ("Bo", "stage", {"stage": {"old": "announced", "new": "in_force"}}),
        ("Ana", "unlink", {"stage": {"old": "in_force", "new": None}}),
    ]


def test_bad_links_are_refused_with_a_clear_error(store):
    with pytest.raises(NotFoundError, match="no thread 'nope'"):
        link_event(store, "nope", "deepseek-r1-release", "announced", "Ana")
    with pytest.raises(NotFoundError, match="no event 'nope'"):
        link_event(store, "meng-wanzhou-case", "nope", "announced", "Ana")
    with pytest.raises(ValueError, match="unknown thread stage 'enacted'"):
        link_event(store, "meng-wanzhou-case", "deepseek-r1-release", "enacted", "Ana")
    with pytest.raises(StoreError, match="already exists"):
        create_thread(store, "meng-wanzhou-case", "Again", "", "Ana")
    with pytest.raises(ValueError, match="who"):
        link_event(store, "meng-wanzhou-case", "deepseek-r1-release", "announced", "")


def test_a_file_change_reaches_the_store_unless_an_analyst_changed_the_thread(store):
    corrected = Thread(
        "meng-wanzhou-case",
        "The Meng Wanzhou case",
        "Corrected summary.",
        (ThreadLink("meng-wanzhou-detained", "enforced"), ThreadLink("meng-wanzhou-released", "rescinded")),
    )
    assert sync_threads(store, [corrected]) == ["meng-wanzhou-case"]
    threads, _ = read_threads(store)
    assert threads.set_index("thread_id").loc["meng-wanzhou-case", "name"] == "The Meng Wanzhou case"
    link_event(store, "meng-wanzhou-case", "meng-wanzhou-released", "suspended", "Ana")
    assert sync_threads(store, [corrected]) == []  # the analyst's stage stays
    assert stages(read_threads(store)[1], "meng-wanzhou-case")["meng-wanzhou-released"] == "suspended"


def test_a_deleted_event_keeps_its_link(store):
    delete_event(store, "meng-wanzhou-released", "Ana")
    assert "meng-wanzhou-released" in stages(read_threads(store)[1], "meng-wanzhou-case")


def test_an_analysts_rename_is_logged_kept_over_the_curated_file_and_backed_up(store, tmp_path):
    import json

    from timeline.database import export_bundle
    from timeline.database.threads import rename_thread

    rename_thread(store, "meng-wanzhou-case", "Meng Wanzhou: arrest to release", "Renamed by hand.", "Ana")
    threads, _ = read_threads(store)
    row = threads.set_index("thread_id").loc["meng-wanzhou-case"]
    assert (row["name"], row["summary"]) == ("Meng Wanzhou: arrest to release", "Renamed by hand.")
    last = thread_history(store, "meng-wanzhou-case")[-1]
    assert (last.who, last.action, last.changes["name"]["new"]) == ("Ana", "update", "Meng Wanzhou: arrest to release")
    open_seeded_store(str(store.url.render_as_string(hide_password=False))).dispose()  # a restart syncs data/
    assert read_threads(store)[0].set_index("thread_id").loc["meng-wanzhou-case", "name"] == row["name"]
    bundle = json.loads(export_bundle(store, tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert "Meng Wanzhou: arrest to release" in json.dumps(bundle["tables"]["threads"], ensure_ascii=False)
    with pytest.raises(ValueError, match="give it a name"):
        rename_thread(store, "meng-wanzhou-case", " ", "", "Ana")
    with pytest.raises(NotFoundError):
        rename_thread(store, "no-such-thread", "Name", "", "Ana")
