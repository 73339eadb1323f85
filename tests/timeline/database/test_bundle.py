import json

import pytest
from sqlalchemy import create_engine, select

from bench._postgres import reset_postgres
from tests.timeline.database.conftest import event, frame_of
from tests.timeline.feeds.server import NewsSite
from timeline.database import (
    BundleError,
    StoreError,
    add_events,
    delete_event,
    export_bundle,
    import_bundle,
    merge_events,
    open_store,
    read_events,
    tables,
    update_event,
)
from timeline.database.actor_registry import add_actor, merge_actors, set_disabled, undo_merge
from timeline.database.briefings import read_briefing, record_briefing
from timeline.database.bundle import table_rows
from timeline.database.curation import add_note, set_tags, update_source
from timeline.database.saved_views import mark_opened, save_view, view_filters
from timeline.database.thread_suggestions import pending_suggestions
from timeline.database.threads import create_thread, link_event, read_threads
from timeline.feeds import store as feed_store
from timeline.feeds.fetcher import Fetcher, FetchSettings
from timeline.feeds.pipeline import run_fetch
from timeline.filters import Filters
from timeline.store import open_seeded_store


def every_table(engine) -> dict[str, list]:
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in table_rows(connection, table)] for table in tables.ALL_TABLES}


@pytest.fixture
def lived_in(seeded):
    """A seeded store after some ordinary work: additions, edits, a deletion and a merge."""
    add_events(seeded, frame_of(event("extra-1", source_ids=("new-outlet",)), event("extra-2")), who="Amina")
    update_event(seeded, "paris-ai-action-summit", {"title": "Paris AI summit", "confidence": 0.9}, 1, who="Bilal")
    delete_event(seeded, "deepseek-v3-release", who="Bilal")
    merge_events(seeded, "xi-private-enterprise-symposium", ["extra-1"], who="Chen")
    # The registry's own columns and log: an added actor, a disabled one, a merge.
    add_actor(seeded, "Zhang Wei", "person", "Chen", country="CN", aliases={"zh": ["张伟"]})
    set_disabled(seeded, "Wang Yi", True, "Chen")
    merge_actors(seeded, "Li Qiang", "Zhang Wei", "Chen")
    return seeded


def second_store(tmp_path, store_url):
    if store_url.startswith("sqlite"):
        return open_store(f"sqlite:///{tmp_path / 'restored.sqlite'}")
    # PostgreSQL: the same database, emptied, stands in for a fresh one.
    reset_postgres(store_url)
    return open_store(store_url, team=False)


def test_a_bundle_restores_every_table_identically(lived_in, tmp_path, store_url):
    path = export_bundle(lived_in, tmp_path / "backup.json")
    before = every_table(lived_in)
    lived_in.dispose()
    restored = second_store(tmp_path, store_url)
    counts = import_bundle(restored, path)
    assert counts["events"] == 49 and counts["audit_log"] == len(before["audit_log"])
    assert every_table(restored) == before
    # New audit entries continue after the restored ones (PostgreSQL's id sequence was moved on).
    update_event(restored, "extra-2", {"title": "After restore"}, 1, who="Dana")
    assert every_table(restored)["audit_log"][-1][0] == len(before["audit_log"]) + 1
    # The restored registry log still undoes the merge made before the backup.
    assert before["actor_log"] and undo_merge(restored, before["actor_log"][-1][0], "Dana") == []


@pytest.fixture
def site():
    news = NewsSite(slow_seconds=2.0).start()
    yield news
    news.stop()


@pytest.fixture
def everything(store_url, site):
    """A store as the dashboard leaves it: a feed read, articles fetched, threads, a briefing, a view, a suggestion,
    tags, a note and a source edit."""
    engine = open_seeded_store(store_url, team=False)  # the curated threads come with their stages and log
    feed_store.add_feed(engine, site.url("/feeds/rss.xml"), "The Harbour Ledger", "auto", ("world",))
    with Fetcher(FetchSettings(timeout=0.5, retries=1, backoff=0.05, host_interval=0.0)) as fetcher:
        assert run_fetch(engine, "Farid", fetcher).new >= 1
    create_thread(engine, "bundle-test-thread", "A thread made by hand", "Two events at two stages.", who="Amina")
    link_event(engine, "bundle-test-thread", "paris-ai-action-summit", "proposed", who="Amina")
    link_event(engine, "bundle-test-thread", "deepseek-v3-release", "published", who="Amina")
    gallium = event(
        "gallium-ban-suspended",
        title="China suspends its ban on gallium and germanium exports to the US",
        date_start="2025-11-09",
        date_end="2025-11-09",
        category="export_control",
        actors=("Ministry of Commerce of China",),
    )
    add_events(engine, frame_of(gallium), who="Bo")
    assert not pending_suggestions(engine).empty
    filters = Filters(categories=("export_control",), threads=("bundle-test-thread",))
    shown = ["paris-ai-action-summit", "deepseek-v3-release"]
    record_briefing(engine, "Chen", filters, shown, "Two stages", "png", {"bundle-test-thread": "published"})
    save_view(engine, "Export controls", filters, who="Dana", watched=True)
    mark_opened(engine, "Export controls", who="Dana")
    merge_actors(engine, "Li Qiang", "Xi Jinping", "Dana")
    set_tags(engine, "gallium-ban-suspended", ["critical minerals"], who="Bo")
    add_note(engine, "gallium-ban-suspended", "Suspended, not lifted: <watch> the end date.", who="Bo")
    update_source(engine, "tafsela-2025-03-01", {"title": "A title given by hand"}, who="Chen")
    yield engine
    engine.dispose()


def test_a_bundle_restores_feeds_articles_threads_briefings_views_and_suggestions(everything, tmp_path, store_url):
    before = every_table(everything)
    # Every table this fixture is meant to fill is filled, so the comparison below covers each one.
    assert [name for name, rows in before.items() if not rows] == []
    path = export_bundle(everything, tmp_path / "backup.json")
    everything.dispose()
    restored = second_store(tmp_path, store_url)
    counts = import_bundle(restored, path)
    assert every_table(restored) == before
    assert counts["thread_events"] == len(before["thread_events"]) and counts["articles"] >= 1
    with restored.connect() as connection:
        done = connection.execute(select(tables.articles.c.title).where(tables.articles.c.status == "done")).all()
    assert done, "a fetched article, with its title, comes back"
    _, links = read_threads(restored)
    made = links[links["thread_id"] == "bundle-test-thread"].sort_values("event_id")
    assert made[["event_id", "stage"]].values.tolist() == [
        ["deepseek-v3-release", "published"],
        ["paris-ai-action-summit", "proposed"],
    ]
    briefing = read_briefing(restored, 1)
    assert (briefing.title, briefing.thread_stages) == ("Two stages", {"bundle-test-thread": "published"})
    assert view_filters(restored, "Export controls").threads == ("bundle-test-thread",)
    # Numbered logs continue after the restored entries (PostgreSQL's id sequences were moved on).
    second = record_briefing(restored, "Chen", Filters(), ["paris-ai-action-summit"], "After restore", "png", {})
    assert second == 2
    feed_store.log_fetch_now(restored, "Farid", "feed", "http://example.invalid/feed", "failed")
    with restored.connect() as connection:
        last = connection.execute(select(tables.fetch_log).order_by(tables.fetch_log.c.id.desc())).first()
    assert (last.id, last.url) == (len(before["fetch_log"]) + 1, "http://example.invalid/feed")


def test_every_table_of_the_schema_is_in_the_bundle():
    # Accounts belong to a deployment, not to its data: a restore keeps the accounts of the store it fills.
    not_bundled = {"accounts", "account_log"}
    assert {table.name for table in tables.ALL_TABLES} == set(tables.metadata.tables) - not_bundled


def test_a_bundle_of_format_1_restores_with_the_newer_tables_empty(everything, tmp_path):
    document = json.loads(export_bundle(everything, tmp_path / "backup.json").read_text(encoding="utf-8"))
    old = {name: rows for name, rows in document["tables"].items() if name in {t.name for t in tables.FORMAT_1_TABLES}}
    path = tmp_path / "format-1.json"
    path.write_text(json.dumps({**document, "format_version": 1, "schema_version": 1, "tables": old}), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    counts = import_bundle(empty, path)
    assert counts["events"] == len(old["events"]) and counts["threads"] == 0 and counts["feeds"] == 0
    assert every_table(empty)["events"] == every_table(everything)["events"]


def test_a_bundle_from_schema_version_3_restores_with_an_empty_registry_log(lived_in, tmp_path):
    # Written before actors could be disabled or merged: no actor_log, no disabled or merged_into cells.
    path = export_bundle(lived_in, tmp_path / "backup.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema_version"] = 3
    del document["tables"]["actor_log"]
    document["tables"]["actor_aliases"] = [
        row for row in document["tables"]["actor_aliases"] if row["actor_name"] != "Zhang Wei"
    ]
    document["tables"]["actors"] = [
        {name: value for name, value in row.items() if name not in ("disabled", "merged_into")}
        for row in document["tables"]["actors"]
        if row["name"] != "Zhang Wei"
    ]
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    counts = import_bundle(empty, path)
    assert counts["actor_log"] == 0 and counts["actors"] == len(document["tables"]["actors"])
    restored = every_table(empty)["actors"]
    assert all(row[-2] is False and row[-1] is None for row in restored)


def test_a_bundle_of_format_2_must_hold_the_new_tables(seeded, tmp_path):
    document = json.loads(export_bundle(seeded, tmp_path / "backup.json").read_text(encoding="utf-8"))
    del document["tables"]["thread_events"]
    path = tmp_path / "short.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(BundleError, match=r"short.json: table 'thread_events' is missing or not a list of rows"):
        import_bundle(empty, path)


def test_the_bundle_is_one_readable_json_file(lived_in, tmp_path):
    document = json.loads(export_bundle(lived_in, tmp_path / "backup.json").read_text(encoding="utf-8"))
    assert document["format"] == "policy-timeline-bundle"
    assert set(document["tables"]) == {table.name for table in tables.ALL_TABLES}
    paris = next(row for row in document["tables"]["events"] if row["event_id"] == "paris-ai-action-summit")
    assert (paris["date_start"], paris["actors"], paris["version"]) == (
        "2025-02-10",
        ["Emmanuel Macron", "Narendra Modi"],
        2,
    )
    assert not list(tmp_path.glob("*.partial"))


def test_a_non_empty_store_refuses_a_bundle(lived_in, tmp_path):
    path = export_bundle(lived_in, tmp_path / "backup.json")
    with pytest.raises(StoreError, match=r"cannot restore .*backup.json: the store at .* is not empty \(49 events"):
        import_bundle(lived_in, path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a JSON bundle"),
        ('{"format": "something-else"}', "not a Policy Timeline bundle"),
        (
            '{"format": "policy-timeline-bundle", "format_version": 1, "schema_version": 1, "tables": {}}',
            "table 'events' is missing",
        ),
        (
            '{"format": "policy-timeline-bundle", "format_version": 2, "schema_version": 1, "tables": {}}',
            "written at schema version 1",
        ),
        (
            '{"format": "policy-timeline-bundle", "format_version": [2]}',
            r"bundle format version \[2\]; this code reads 1 or 2",
        ),
    ],
)
def test_a_bad_bundle_is_named_with_what_is_wrong(tmp_path, content, message):
    engine = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BundleError, match=f"bad.json: .*{message}"):
        import_bundle(engine, path)


def test_a_bad_cell_is_named_by_table_row_and_column_and_nothing_is_restored(seeded, tmp_path):
    path = export_bundle(seeded, tmp_path / "backup.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"]["events"][2]["date_start"] = "17 Feb"
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(
        BundleError, match=r"backup.json: table 'events', row 3, column 'date_start': Invalid isoformat"
    ):
        import_bundle(empty, path)
    assert read_events(empty).empty


def test_a_missing_bundle_file_is_named(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with pytest.raises(BundleError, match="nowhere.json: cannot be read"):
        import_bundle(engine, tmp_path / "nowhere.json")


def test_a_bundle_from_schema_version_1_still_restores(seeded, tmp_path):
    # A format-1 bundle written at schema version 1 holds version 1's tables only.
    path = export_bundle(seeded, tmp_path / "backup.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["format_version"], document["schema_version"] = 1, 1
    document["tables"] = {table.name: document["tables"][table.name] for table in tables.FORMAT_1_TABLES}
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    import_bundle(empty, path)
    assert len(read_events(empty)) == len(read_events(seeded))


def test_a_restore_replaces_a_store_only_when_told_and_keeps_its_accounts(lived_in, tmp_path):
    from timeline.database.accounts import add_first_admin, list_accounts

    path = export_bundle(lived_in, tmp_path / "backup.json")
    add_first_admin(lived_in, "root", "a long enough password")
    add_events(lived_in, frame_of(event("after-backup")), "Ana")
    with pytest.raises(StoreError, match="not empty"):
        import_bundle(lived_in, path)
    assert "after-backup" in set(read_events(lived_in)["event_id"])
    import_bundle(lived_in, path, replace=True)
    assert "after-backup" not in set(read_events(lived_in)["event_id"])
    assert list(list_accounts(lived_in)["name"]) == ["root"]
