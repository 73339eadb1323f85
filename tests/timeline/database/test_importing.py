import pytest
from sqlalchemy import text

from bench._synthetic import synthetic_events_fast
from timeline.database import import_frame, read_events


def test_batches_add_every_event_and_a_rerun_adds_none(engine):
    events = synthetic_events_fast(1_200, seed=3)
    first = import_frame(engine, events, who="Tester", batch_size=500)
    assert (first.added, first.already_stored, first.batches) == (1_200, 0, 3)
    again = import_frame(engine, events, who="Tester", batch_size=500)
    assert (again.added, again.already_stored) == (0, 1_200)
    assert len(read_events(engine)) == 1_200


def test_postgres_planner_statistics_follow_a_growing_store(engine):
    # Foreign-key checks planned while the table looked empty would scan it whole for every row.
    if engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL plans from table statistics")
    import_frame(engine, synthetic_events_fast(2_500, seed=3), who="Tester", batch_size=500)
    with engine.connect() as connection:
        estimate = connection.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'events'")).scalar_one()
    assert estimate >= 2_000  # analysed when the store reached 2,000 events, twice the 1,000 floor


# Streaming imports: write_events, one chunk at a time.

from loaders.datasets import load_all, open_table  # noqa: E402
from timeline.database import audit_trail, ensure_seeded, read_event  # noqa: E402
from timeline.database.importing import Origins, run_stamp, write_events  # noqa: E402

CSV_HEADER = "id,title,date,category,source\n"


def chunk(text: str):
    loaded = load_all(open_table(text.encode(), "rows.csv"))
    return loaded.events, Origins("rows.csv", list(range(2, 2 + len(loaded.events))))


def test_a_newer_export_updates_rows_instead_of_adding_them(engine):
    events, origins = chunk(
        CSV_HEADER + "acled:1,Clash,2025-02-17,armed_clash,ACLED\nacled:2,March,2025-02-18,protest,ACLED\n"
    )
    first = write_events(engine, events, origins, "Tester", run_stamp())
    newer, origins = chunk(
        CSV_HEADER
        + "acled:1,Clash near the bridge,2025-02-17,armed_clash,ACLED\nacled:2,March,2025-02-18,protest,ACLED\n"
    )
    second = write_events(engine, newer, origins, "Tester", run_stamp())
    assert (first.added, second.added, second.updated, second.unchanged) == (2, 0, 1, 1)
    stored = read_event(engine, "acled:1")
    assert (stored.fields["title"], stored.version) == ("Clash near the bridge", 2)
    trail = audit_trail(engine, "acled:1")
    assert [entry.action for entry in trail] == ["create", "import_update"]
    assert trail[0].changes == {"imported_from": {"old": None, "new": "rows.csv:2"}}
    assert trail[1].changes["title"] == {"old": "Clash", "new": "Clash near the bridge"}


def test_a_newer_export_keeps_what_analysts_changed_and_logs_what_it_brought(engine):
    from timeline.database import delete_event, merge_events, update_event

    rows = "acled:1,Clash,2025-02-17,armed_clash,ACLED\nacled:2,March,2025-02-18,protest,ACLED\n"
    rows += "acled:3,Strike,2025-02-19,protest,ACLED\nacled:4,Vote,2025-02-20,protest,ACLED\n"
    rows += "acled:5,Talks,2025-02-21,meeting,ACLED\n"
    events, origins = chunk(CSV_HEADER + rows)
    write_events(engine, events, origins, "Importer", run_stamp())
    update_event(engine, "acled:1", {"title": "Clash at the bridge (checked)"}, 1, "Analyst")  # edited
    delete_event(engine, "acled:2", "Analyst")  # deleted: not brought back nor edited
    merge_events(engine, "acled:3", ["acled:4"], "Analyst")  # merged: both ids touched
    newer, origins = chunk(CSV_HEADER + rows.replace(",2025-02-", " (v2),2025-02-"))
    result = write_events(engine, newer, origins, "Importer", run_stamp())
    assert (result.updated, result.kept, result.unchanged, result.refused) == (1, 4, 0, [])
    assert read_event(engine, "acled:1").fields["title"] == "Clash at the bridge (checked)"
    assert read_event(engine, "acled:2").fields["title"] == "March"
    assert read_event(engine, "acled:5").fields["title"] == "Talks (v2)"  # untouched since import: updated
    kept = audit_trail(engine, "acled:1")[-1]
    assert kept.action == "import_kept" and kept.version == 2
    assert kept.changes["title"] == {"old": "Clash at the bridge (checked)", "new": "Clash (v2)"}
    assert kept.changes["imported_from"] == {"old": None, "new": "rows.csv:2"}
    again = write_events(engine, newer, origins, "Importer", run_stamp())  # still the analyst's, still reported
    assert (again.updated, again.kept, again.unchanged) == (0, 4, 1)


def test_a_row_with_a_curated_events_id_is_refused_and_the_curated_event_kept(engine):
    ensure_seeded(engine)
    events, origins = chunk(
        CSV_HEADER
        + "paris-ai-action-summit,Not the summit,2025-02-17,meeting,Team notes\nnew-one,Fine,2025-02-18,meeting,Team notes\n"
    )
    result = write_events(engine, events, origins, "Tester", run_stamp())
    assert result.added == 1
    [(position, reason)] = result.refused
    assert events["event_id"].iat[position] == "paris-ai-action-summit" and "curated event" in reason
    assert read_event(engine, "paris-ai-action-summit").fields["title"] != "Not the summit"


def test_an_id_written_by_another_source_is_a_collision(engine):
    events, origins = chunk(CSV_HEADER + "x-1,One,2025-02-17,meeting,Outlet A\n")
    write_events(engine, events, origins, "Tester", run_stamp())
    other, origins = chunk(CSV_HEADER + "x-1,Another,2025-02-17,meeting,Outlet B\n")
    result = write_events(engine, other, origins, "Tester", run_stamp())
    assert result.added == result.updated == 0 and "an event from 'Outlet A'" in result.refused[0][1]


def test_the_same_id_twice_in_one_run_is_a_duplicate_even_across_chunks(engine):
    stamp = run_stamp()
    events, origins = chunk(CSV_HEADER + "dup,One,2025-02-17,meeting,S\n")
    write_events(engine, events, origins, "Tester", stamp)
    again, origins = chunk(CSV_HEADER + "dup,Two,2025-02-17,meeting,S\n")
    result = write_events(engine, again, origins, "Tester", stamp)
    assert result.refused == [(0, "duplicate event 'dup'")]
    assert read_event(engine, "dup").fields["title"] == "One"
