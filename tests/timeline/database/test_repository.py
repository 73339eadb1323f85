import pandas as pd
import pytest

from tests.timeline.database.conftest import event, frame_of
from timeline.database import (
    ConflictError,
    DuplicateEventError,
    NotFoundError,
    StoreError,
    add_events,
    audit_trail,
    delete_event,
    read_event,
    read_events,
    read_source_urls,
    read_sources,
    set_status,
    store_revision,
    stored_ids,
    undo_delete,
    update_event,
)
from timeline.schema import SchemaError, enforce_schema


def sample():
    return frame_of(
        event(
            "symposium",
            summary="Liang Wenfeng attended.",
            countries=("CN",),
            quote="التقى الرئيس الصيني شي جين بينج بكبار رجال الأعمال",
            source_lang="ar",
            source_ids=("tafsela", "xinhua"),
            published="2025-03-01",
        ),
        event(
            "paris",
            title="AI Action Summit in Paris",
            date_start="2025-02-10",
            date_end="2025-02-11",
            date_precision="range",
            category="summit",
            actors=("Emmanuel Macron", "Narendra Modi"),
            countries=("FR", "IN"),
            location="Paris",
        ),
        event(
            "trip",
            date_start="2024-01-01",
            date_end="2024-12-31",
            date_precision="year",
            actors=(),
            status="unreviewed",
            confidence=0.6,
        ),
    )


def test_events_come_back_exactly_as_added(engine):
    frame = sample()
    assert add_events(engine, frame, who="Amina") == 3
    stored = read_events(engine)
    expected = frame.sort_values(["date_start", "event_id"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(stored, expected)
    assert stored.equals(enforce_schema(stored, origin="check"))


def test_an_event_cites_many_sources_in_order_and_unregistered_ones_are_registered(engine):
    add_events(engine, sample(), who="Amina")
    assert read_events(engine).set_index("event_id").loc["symposium", "source_ids"] == ("tafsela", "xinhua")
    sources = read_sources(engine).set_index("source_id")
    assert sources.loc["tafsela", "lang"] == "ar"
    assert sources.loc["test-source", "name"] == "Test source"


def test_reads_come_in_display_order_whole_or_by_id(engine):
    # Same start day: the shorter interval first, then by id; sources keep their citation order.
    frame = frame_of(
        event("b-long", date_end="2025-02-18", date_precision="range", source_ids=("xinhua", "tafsela")),
        event("c-day", source_ids=("tafsela", "xinhua")),
        event("a-day"),
        event("early", date_start="2025-01-05", date_end="2025-01-05"),
    )
    add_events(engine, frame, who="Amina")
    whole = read_events(engine)
    assert list(whole["event_id"]) == ["early", "a-day", "c-day", "b-long"]
    assert list(whole["source_ids"]) == [
        ("test-source",),
        ("test-source",),
        ("tafsela", "xinhua"),
        ("xinhua", "tafsela"),
    ]
    chosen = read_events(engine, event_ids=["b-long", "early", "c-day"])
    expected = whole[whole["event_id"] != "a-day"].reset_index(drop=True)
    pd.testing.assert_frame_equal(chosen, expected, check_categorical=False)


def test_a_batch_with_a_known_id_adds_nothing(engine):
    add_events(engine, sample().iloc[:1], who="Amina")
    batch = frame_of(event("new-one"), event("symposium"))
    with pytest.raises(DuplicateEventError, match="'symposium'"):
        add_events(engine, batch, who="Amina")
    assert list(read_events(engine)["event_id"]) == ["symposium"]


def test_an_edit_saves_a_new_version_and_is_audited(engine):
    add_events(engine, sample(), who="Amina")
    version = update_event(engine, "paris", {"title": "Paris AI Action Summit", "countries": "FR"}, 1, who="Bilal")
    assert version == 2
    stored = read_event(engine, "paris")
    assert (stored.version, stored.fields["title"], stored.fields["countries"]) == (
        2,
        "Paris AI Action Summit",
        ("FR",),
    )
    last = audit_trail(engine, "paris")[-1]
    assert (last.who, last.action, last.version) == ("Bilal", "update", 2)
    assert last.changes == {
        "title": {"old": "AI Action Summit in Paris", "new": "Paris AI Action Summit"},
        "countries": {"old": ["FR", "IN"], "new": ["FR"]},
    }


def test_a_save_on_an_old_version_is_refused_and_shows_the_difference(engine):
    add_events(engine, sample(), who="Amina")
    update_event(engine, "paris", {"title": "Paris summit", "location": "Grand Palais"}, 1, who="Amina")
    with pytest.raises(ConflictError) as caught:
        update_event(engine, "paris", {"title": "The Paris summit", "summary": "Two days."}, 1, who="Bilal")
    conflict = caught.value
    assert (conflict.expected_version, conflict.current_version, conflict.changed_by) == (1, 2, ("Amina",))
    assert conflict.difference == {
        "title": {"base": "AI Action Summit in Paris", "current": "Paris summit", "yours": "The Paris summit"},
        "location": {"base": "Paris", "current": "Grand Palais"},
        "summary": {"current": None, "yours": "Two days."},
    }
    assert conflict.current["title"] == "Paris summit"
    assert "changed by Amina since version 1" in str(conflict)
    assert read_event(engine, "paris").fields["title"] == "Paris summit"  # nothing overwritten


def test_an_edit_is_checked_by_the_schema_and_saves_nothing_when_wrong(engine):
    add_events(engine, sample(), who="Amina")
    with pytest.raises(SchemaError, match="unknown category 'picnic'"):
        update_event(engine, "paris", {"category": "picnic"}, 1, who="Bilal")
    with pytest.raises(SchemaError, match="precision day needs one day"):
        update_event(engine, "paris", {"date_precision": "day"}, 1, who="Bilal")
    with pytest.raises(ValueError, match="source_ids cannot be edited"):
        update_event(engine, "paris", {"source_ids": ("x",)}, 1, who="Bilal")
    with pytest.raises(ValueError, match="unknown field"):
        update_event(engine, "paris", {"headline": "x"}, 1, who="Bilal")
    with pytest.raises(ValueError, match="name of the analyst"):
        update_event(engine, "paris", {"title": "x"}, 1, who=" ")
    assert read_event(engine, "paris").version == 1


def test_an_edit_that_changes_nothing_keeps_the_version(engine):
    add_events(engine, sample(), who="Amina")
    assert update_event(engine, "paris", {"title": "AI Action Summit in Paris"}, 1, who="Bilal") == 1
    assert [entry.action for entry in audit_trail(engine, "paris")] == ["create"]


def test_delete_hides_an_event_and_undo_brings_it_back(engine):
    add_events(engine, sample(), who="Amina")
    delete_event(engine, "paris", who="Bilal")
    assert "paris" not in set(read_events(engine)["event_id"])
    assert "paris" in set(read_events(engine, include_deleted=True)["event_id"])
    with pytest.raises(StoreError, match="is deleted"):
        update_event(engine, "paris", {"title": "x"}, 2, who="Bilal")
    undo_delete(engine, "paris", who="Chen")
    assert "paris" in set(read_events(engine)["event_id"])
    assert [entry.action for entry in audit_trail(engine, "paris")] == ["create", "delete", "undo_delete"]
    assert read_event(engine, "paris").version == 3


def test_unknown_events_are_named(engine):
    with pytest.raises(NotFoundError, match="no event 'ghost'"):
        update_event(engine, "ghost", {"title": "x"}, 1, who="Bilal")
    with pytest.raises(NotFoundError):
        delete_event(engine, "ghost", who="Bilal")


def test_review_accepts_and_rejects_and_a_rejection_can_be_reversed(engine):
    add_events(engine, sample(), who="Amina")
    assert set_status(engine, ["trip"], "accepted", who="Dana") == ["trip"]
    assert read_event(engine, "trip").fields["status"] == "accepted"
    assert set_status(engine, ["trip", "paris"], "rejected", who="Dana") == ["trip", "paris"]
    assert list(read_events(engine)["event_id"]) == ["symposium"]
    assert read_event(engine, "paris").deleted_reason == "rejected"
    set_status(engine, ["paris"], "unreviewed", who="Dana")
    restored = read_event(engine, "paris")
    assert (restored.deleted, restored.fields["status"]) == (False, "unreviewed")
    assert [entry.action for entry in audit_trail(engine, "paris")] == ["create", "reject", "status"]


def test_a_review_naming_an_unknown_event_changes_nothing(engine):
    add_events(engine, sample(), who="Amina")
    with pytest.raises(NotFoundError):
        set_status(engine, ["trip", "ghost"], "accepted", who="Dana")
    assert read_event(engine, "trip").fields["status"] == "unreviewed"
    with pytest.raises(ValueError, match="unknown review status 'maybe'"):
        set_status(engine, ["trip"], "maybe", who="Dana")


def test_an_empty_store_reads_as_an_empty_schema_frame(engine):
    frame = read_events(engine)
    assert frame.empty
    assert list(frame.columns) == list(sample().columns)


def test_the_store_revision_moves_with_every_write_and_only_then(engine):
    start = store_revision(engine)
    add_events(engine, sample(), who="Amina")
    after_add = store_revision(engine)
    read_events(engine)
    assert store_revision(engine) == after_add > start
    update_event(engine, "paris", {"title": "Paris"}, 1, who="Bilal")
    assert store_revision(engine) > after_add


@pytest.mark.parametrize("lookup", ["by id", "one pass"])
def test_source_addresses_are_read_back_for_any_ids_in_their_order(engine, monkeypatch, lookup):
    from timeline.database import repository

    add_events(
        engine,
        frame_of(event("a"), event("b", source_url=None), event("c", source_url="https://example.org/c")),
        who="Amina",
    )
    if lookup == "one pass":
        monkeypatch.setattr(repository, "IN_LIST_LIMIT", 1)
    urls = read_source_urls(engine, ["c", "nowhere", "a", "b"])
    assert urls.tolist()[0::2] == ["https://example.org/c", "https://example.org/a"]
    assert urls.isna().tolist() == [False, True, False, True]


def test_stored_ids_include_deleted_events(engine):
    add_events(engine, sample(), who="Amina")
    stored = read_event(engine, "trip")
    delete_event(engine, "trip", who="Amina", expected_version=stored.version)
    assert stored_ids(engine) == {"symposium", "paris", "trip"}
