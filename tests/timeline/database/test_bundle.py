import json

import pytest
from sqlalchemy import create_engine

from bench._postgres import reset_postgres
from tests.timeline.database.conftest import event, frame_of
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
from timeline.database.bundle import table_rows


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
    return seeded


def second_store(tmp_path, store_url):
    if store_url.startswith("sqlite"):
        return open_store(f"sqlite:///{tmp_path / 'restored.sqlite'}")
    # PostgreSQL: the same database, emptied, stands in for a fresh one.
    reset_postgres(store_url)
    return open_store(store_url)


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
    # Version 2 added the feeds tables, which bundles leave out: a version-1 backup holds every bundled table.
    path = export_bundle(seeded, tmp_path / "backup.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["schema_version"] = 1
    path.write_text(json.dumps(document), encoding="utf-8")
    empty = open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    import_bundle(empty, path)
    assert len(read_events(empty)) == len(read_events(seeded))
