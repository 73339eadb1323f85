"""A bundle is checked whole before the first write: each bad bundle is refused by name and nothing is stored."""

import json

import pytest

from bench._postgres import reset_postgres
from tests.timeline.database.conftest import PG_URL, event, frame_of
from timeline.database import (
    BundleError,
    add_events,
    ensure_seeded,
    export_bundle,
    import_bundle,
    open_store,
    read_events,
    tables,
)
from timeline.database.actor_registry import merge_actors
from timeline.database.briefings import record_briefing
from timeline.database.bundle import table_rows
from timeline.database.curation import add_note, set_tags, update_source
from timeline.database.engine import write_transaction
from timeline.database.saved_views import mark_opened, save_view
from timeline.feeds import store as feed_store
from timeline.filters import Filters
from timeline.store import open_seeded_store, read_dataset


def set_cell(table, row, column, value):
    def mutate(document):
        document["tables"][table][row][column] = value

    return mutate


def duplicate_first(table):
    def mutate(document):
        document["tables"][table].append(dict(document["tables"][table][0]))

    return mutate


MUTATIONS = {
    "unknown category": (
        set_cell("events", -1, "category", "parade"),
        r"column 'category': 'parade' is not a category",
    ),
    "unknown precision": (
        set_cell("events", 0, "date_precision", "fortnight"),
        r"column 'date_precision': 'fortnight' is not a date precision",
    ),
    "audit changes as a list": (
        set_cell("audit_log", 3, "changes", ["title"]),
        r"table 'audit_log', row 4, column 'changes': is not an object of fields",
    ),
    "a dangling link": (
        set_cell("event_sources", 0, "source_id", "no-such-source"),
        r"table 'event_sources', row 1, column 'source_id': 'no-such-source' is not in the bundle",
    ),
    "an alias of no actor": (
        set_cell("actor_aliases", 0, "actor_name", "Nobody"),
        r"table 'actor_aliases', row 1, column 'actor_name': 'Nobody' is not in the bundle",
    ),
    "a NUL character": (set_cell("events", 4, "title", "Summit\x00"), r"row 5, column 'title': holds a NUL character"),
    "a lone surrogate": (set_cell("sources", 0, "name", "\ud800"), r"column 'name': .* is not valid Unicode"),
    "a version out of range": (
        set_cell("events", 0, "version", 2**40),
        r"column 'version': 1099511627776 is out of range",
    ),
    "an infinite confidence": (
        set_cell("events", 0, "confidence", float("inf")),
        r"column 'confidence': inf is not a finite number",
    ),
    "a float too large": (set_cell("events", 0, "confidence", 10**400), r"column 'confidence': .*too large"),
    "an over-long id": (set_cell("sources", 0, "source_id", "s" * 600), r"column 'source_id': is 600 characters long"),
    "a list of numbers as actors": (set_cell("events", 0, "actors", [1, 2]), r"column 'actors': 1 is not text"),
    "a duplicate event": (duplicate_first("events"), r"table 'events', row 48, column 'event_id': duplicate"),
    "an end before the start": (
        set_cell("events", 0, "date_end", "1990-01-01"),
        r"table 'events', row 1, field 'date_precision'",
    ),
    "a time zone at the edge of the calendar": (
        set_cell("audit_log", 0, "at", "0001-01-01T00:00:00+05:00"),
        r"table 'audit_log', row 1, column 'at'",
    ),
}


# Rows of the feed, thread, briefing and view tables, each bad in one way the restored store could not live with.
NEWER_TABLE_MUTATIONS = {
    "an actor merged into no actor": (
        set_cell("actors", 0, "merged_into", "Nobody"),
        r"table 'actors', row 1, column 'merged_into': 'Nobody' is not in the bundle",
    ),
    "a registry log entry of no actor": (
        set_cell("actor_log", 0, "actor_name", "Nobody"),
        r"table 'actor_log', row 1, column 'actor_name': 'Nobody' is not in the bundle",
    ),
    "registry log changes as text": (
        set_cell("actor_log", 0, "changes", "merged"),
        r"table 'actor_log', row 1, column 'changes': is not an object",
    ),
    "a disabled flag as text": (
        set_cell("actors", 0, "disabled", "no"),
        r"table 'actors', row 1, column 'disabled': 'no' is not true or false",
    ),
    "a tag of no event": (
        set_cell("event_tags", 0, "event_id", "no-such-event"),
        r"table 'event_tags', row 1, column 'event_id': 'no-such-event' is not in the bundle",
    ),
    "a note of no event": (
        set_cell("event_notes", 0, "event_id", "no-such-event"),
        r"table 'event_notes', row 1, column 'event_id': 'no-such-event' is not in the bundle",
    ),
    "a source log action of no kind": (
        set_cell("source_log", 0, "action", "erase"),
        r"table 'source_log', row 1, column 'action': 'erase' is not one of create, update",
    ),
    "source log changes as text": (
        set_cell("source_log", 0, "changes", "retitled"),
        r"table 'source_log', row 1, column 'changes': 'retitled' is not an object of fields",
    ),
    "a dangling thread link": (
        set_cell("thread_events", 0, "thread_id", "no-such-thread"),
        r"table 'thread_events', row 1, column 'thread_id': 'no-such-thread' is not in the bundle",
    ),
    "a thread link to no event": (
        set_cell("thread_events", 1, "event_id", "no-such-event"),
        r"table 'thread_events', row 2, column 'event_id': 'no-such-event' is not in the bundle",
    ),
    "an unknown stage": (
        set_cell("thread_events", 0, "stage", "adopted"),
        r"table 'thread_events', row 1, column 'stage': 'adopted' is not a thread stage of data/vocabulary.yaml",
    ),
    "a suggestion neither pending nor decided": (
        set_cell("thread_suggestions", 0, "status", "maybe"),
        r"table 'thread_suggestions', row 1, column 'status': 'maybe' is not one of pending, accepted, rejected",
    ),
    "a suggestion for no thread": (
        set_cell("thread_suggestions", 0, "thread_id", "gone"),
        r"table 'thread_suggestions', row 1, column 'thread_id': 'gone' is not in the bundle",
    ),
    "a thread log action of no kind": (
        set_cell("thread_log", 0, "action", "erase"),
        r"table 'thread_log', row 1, column 'action': 'erase' is not one of create",
    ),
    "thread log changes as text": (
        set_cell("thread_log", 0, "changes", "renamed"),
        r"table 'thread_log', row 1, column 'changes': 'renamed' is not an object of fields",
    ),
    "a duplicate thread": (duplicate_first("threads"), r"table 'threads', row \d+, column 'thread_id': duplicate"),
    "a thread version of 0": (
        set_cell("threads", 0, "version", 0),
        r"table 'threads', row 1, column 'version': 0 is below 1",
    ),
    "a briefing event of no briefing": (
        set_cell("briefing_events", 0, "briefing_id", 99),
        r"table 'briefing_events', row 1, column 'briefing_id': 99 is not in the bundle",
    ),
    "a briefing id as text": (
        set_cell("briefings", 0, "id", "1"),
        r"table 'briefings', row 1, column 'id': '1' is not a whole number",
    ),
    "briefing filters as a list": (
        set_cell("briefings", 0, "filters", ["export_control"]),
        r"table 'briefings', row 1, column 'filters': \['export_control'\] is not an object of query parameters",
    ),
    "a visit to no saved view": (
        set_cell("view_visits", 0, "name", "Nowhere"),
        r"table 'view_visits', row 1, column 'name': 'Nowhere' is not in the bundle",
    ),
    "a saved view watched as text": (
        set_cell("saved_views", 0, "watched", "yes"),
        r"table 'saved_views', row 1, column 'watched': 'yes' is not true or false",
    ),
    "a feed in an unknown language": (
        set_cell("feeds", 0, "lang", "fr"),
        r"table 'feeds', row 1, column 'lang': 'fr' is not one of auto, ar, en, zh",
    ),
    "a feed without its outlet": (
        set_cell("feeds", 0, "outlet", None),
        r"table 'feeds', row 1, column 'outlet': is required but null",
    ),
    "an article of unknown status": (
        set_cell("articles", 0, "status", "lost"),
        r"table 'articles', row 1, column 'status': 'lost' is not one of pending",
    ),
    "a sighting of no article": (
        set_cell("article_sightings", 0, "address", "https://nowhere.example/a"),
        r"table 'article_sightings', row 1, column 'address': 'https://nowhere.example/a' is not in the bundle",
    ),
    "a fetch of no kind": (
        set_cell("fetch_log", 0, "kind", "page"),
        r"table 'fetch_log', row 1, column 'kind': 'page' is not one of feed, article",
    ),
}


# Bundles exported once per backend and kind: every case mutates its own copy, read from this text.
_exported: dict[tuple[str, str], str] = {}


def exported_once(kind: str, store_url: str, tmp_path, export) -> dict:
    """The bundle `export(path)` writes, made once per backend; also written to tmp_path/backup.json."""
    key = (kind, store_url.partition(":")[0])
    if key not in _exported:
        _exported[key] = export(tmp_path / "exported.json").read_text(encoding="utf-8")
    (tmp_path / "backup.json").write_text(_exported[key], encoding="utf-8")
    return json.loads(_exported[key])


@pytest.fixture
def bundle(store_url, tmp_path) -> dict:
    def export(path):
        engine = open_store(store_url, team=False)
        ensure_seeded(engine)
        written = export_bundle(engine, path)
        engine.dispose()
        return written

    return exported_once("seeded", store_url, tmp_path, export)


def empty_store(tmp_path, store_url):
    if store_url.startswith("sqlite"):
        return open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    reset_postgres(PG_URL)
    return open_store(store_url, team=False)


def stored_rows(engine) -> int:
    with engine.connect() as connection:
        return sum(len(table_rows(connection, table)) for table in tables.ALL_TABLES)


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_a_bad_bundle_is_refused_before_anything_is_written(bundle, tmp_path, store_url, case):
    mutate, message = MUTATIONS[case]
    mutate(bundle)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bundle, ensure_ascii=True), encoding="utf-8")
    target = empty_store(tmp_path, store_url)
    with pytest.raises(BundleError, match=f"bad.json: .*{message}"):
        import_bundle(target, path)
    assert stored_rows(target) == 0
    # The store is still empty and usable: the unchanged bundle restores into it afterwards, and reads back.
    assert import_bundle(target, tmp_path / "backup.json")["events"] == 47
    assert len(read_dataset(target).events) == 47


@pytest.fixture
def full_bundle(store_url, tmp_path) -> dict:
    """A bundle with a row in every table: curated threads, a feed and its article, a briefing, a view, a suggestion."""
    document = exported_once("full", store_url, tmp_path, lambda path: _full_export(store_url, path))
    assert [name for name, rows in document["tables"].items() if not rows] == []
    return document


def _full_export(store_url: str, path):
    engine = open_seeded_store(store_url, team=False)
    feed_store.add_feed(engine, "https://ledger.example/feed.xml", "The Harbour Ledger", "en", ("world",))
    with write_transaction(engine) as connection:
        feed_url = "https://ledger.example/feed.xml"
        feed_store.enqueue(
            connection, "https://ledger.example/news/chips.html", "The Harbour Ledger", "en", (), feed_url
        )
        feed_store.log_fetch(connection, "Farid", "feed", feed_url, "fetched", found=1)
    gallium = event(
        "gallium-ban-suspended",
        title="China suspends its ban on gallium and germanium exports to the US",
        date_start="2025-11-09",
        date_end="2025-11-09",
        category="export_control",
        actors=("Ministry of Commerce of China",),
    )
    add_events(engine, frame_of(gallium), who="Bo")
    filters = Filters(categories=("export_control",))
    record_briefing(
        engine,
        "Chen",
        filters,
        ["paris-ai-action-summit"],
        "Controls",
        "png",
        {"china-gallium-germanium-controls": "announced"},
    )
    save_view(engine, "Export controls", filters, who="Dana")
    mark_opened(engine, "Export controls", who="Dana")
    merge_actors(engine, "Li Qiang", "Xi Jinping", "Dana")
    set_tags(engine, "gallium-ban-suspended", ["critical minerals"], who="Bo")
    add_note(engine, "gallium-ban-suspended", "Check the end date.", who="Bo")
    update_source(engine, "tafsela-2025-03-01", {"title": "A title given by hand"}, who="Chen")
    written = export_bundle(engine, path)
    engine.dispose()
    return written


@pytest.mark.parametrize("case", list(NEWER_TABLE_MUTATIONS))
def test_a_bad_row_of_the_newer_tables_is_refused_with_nothing_stored(full_bundle, tmp_path, store_url, case):
    mutate, message = NEWER_TABLE_MUTATIONS[case]
    mutate(full_bundle)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(full_bundle, ensure_ascii=True), encoding="utf-8")
    target = empty_store(tmp_path, store_url)
    with pytest.raises(BundleError, match=f"bad.json: {message}"):
        import_bundle(target, path)
    assert stored_rows(target) == 0
    # The unchanged bundle restores into the same store afterwards.
    assert import_bundle(target, tmp_path / "backup.json")["thread_events"] == len(
        full_bundle["tables"]["thread_events"]
    )


def test_a_number_too_long_to_read_is_refused(bundle, tmp_path):
    text = json.dumps(bundle).replace('"version": 1,', '"version": ' + "9" * 5000 + ",", 1)
    path = tmp_path / "long-number.json"
    path.write_text(text, encoding="utf-8")
    target = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(BundleError, match=r"long-number.json: not a JSON bundle \(Exceeds the limit"):
        import_bundle(target, path)
    assert read_events(target).empty


def test_deeply_nested_json_is_refused(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    target = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    with pytest.raises(BundleError, match="deep.json: not a JSON bundle"):
        import_bundle(target, path)
