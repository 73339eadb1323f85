"""A bundle is checked whole before the first write: each bad bundle is refused by name and nothing is stored."""

import json

import pytest

from bench._postgres import reset_postgres
from tests.timeline.database.conftest import PG_URL
from timeline.database import BundleError, export_bundle, import_bundle, open_store, read_events, tables
from timeline.database.bundle import table_rows
from timeline.store import read_dataset


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


@pytest.fixture
def bundle(seeded, tmp_path) -> dict:
    return json.loads(export_bundle(seeded, tmp_path / "backup.json").read_text(encoding="utf-8"))


def empty_store(tmp_path, store_url):
    if store_url.startswith("sqlite"):
        return open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    reset_postgres(PG_URL)
    return open_store(store_url)


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
