import datetime as dt

import pytest

from tests.timeline.database.conftest import event, frame_of
from timeline.database import (
    ConflictError,
    StoreError,
    add_events,
    audit_trail,
    delete_event,
    merge_events,
    read_event,
    read_events,
    read_sources,
    set_status,
    undo_delete,
)
from timeline.database.curation import (
    add_event,
    add_note,
    cited_sources,
    clean_tags,
    event_tags,
    read_notes,
    read_tags,
    read_trash,
    set_primary_source,
    set_tags,
    source_log,
    update_source,
)
from timeline.schema import SchemaError


@pytest.fixture
def reports(engine):
    """An Arabic-sourced event and an English report of the same happening."""
    add_events(
        engine,
        frame_of(
            event("tafsela", source_ids=("tafsela",), quote="بحسب تقرير", source_lang="ar", source_name="Tafsela"),
            event("cna", source_ids=("cna",), quote="DeepSeek-V3", source_name="CNA", date_text="Thursday"),
        ),
        who="Amina",
    )
    return engine


def test_a_merged_report_keeps_its_own_quote_and_can_become_the_primary(reports):
    merge_events(reports, "tafsela", ["cna"], who="Bilal")
    cited = cited_sources(reports, "tafsela")
    assert [(source.source_id, source.quote, source.lang, source.primary) for source in cited] == [
        ("tafsela", "بحسب تقرير", "ar", True),
        ("cna", "DeepSeek-V3", "en", False),
    ]
    version = read_event(reports, "tafsela").version
    set_primary_source(reports, "tafsela", "cna", version, who="Bilal")
    stored = read_event(reports, "tafsela")
    assert stored.fields["source_ids"] == ("cna", "tafsela")
    assert (stored.fields["quote"], stored.fields["source_name"], stored.fields["date_text"]) == (
        "DeepSeek-V3",
        "CNA",
        "Thursday",
    )
    # The Arabic source keeps its words now that it is second.
    assert [source.quote for source in cited_sources(reports, "tafsela")] == ["DeepSeek-V3", "بحسب تقرير"]
    assert audit_trail(reports, "tafsela")[-1].action == "primary"
    with pytest.raises(ConflictError):
        set_primary_source(reports, "tafsela", "tafsela", version, who="Bilal")  # a stale version
    with pytest.raises(ValueError, match="does not cite"):
        set_primary_source(reports, "tafsela", "nowhere", stored.version, who="Bilal")


def test_a_source_both_events_cite_keeps_the_merged_quote_when_the_kept_had_none(engine):
    add_events(
        engine,
        frame_of(
            event("kept", source_ids=("a", "shared")),
            event("other", source_ids=("shared",), quote="تجنب السفر إلى الولايات المتحدة"),
        ),
        who="Amina",
    )
    merge_events(engine, "kept", ["other"], who="Amina")
    assert [source.quote for source in cited_sources(engine, "kept")] == [None, "تجنب السفر إلى الولايات المتحدة"]


def test_a_hand_entered_event_is_stored_with_a_new_source_and_tags(engine):
    frame = frame_of(event("by-hand", source_ids=("new-outlet",), source_name="New outlet", quote="كلمات"))
    source = {"source_id": "new-outlet", "name": "New outlet", "lang": "ar", "published": dt.date(2025, 3, 1)}
    add_event(engine, frame, who="Amina", tags=["travel ", "Travel", "export controls"], source=source)
    assert "by-hand" in set(read_events(engine)["event_id"])
    assert event_tags(engine, "by-hand") == ("export controls", "travel")
    assert read_sources(engine).set_index("source_id").loc["new-outlet", "lang"] == "ar"
    assert [entry["action"] for entry in source_log(engine, "new-outlet")] == ["create"]
    assert [entry.action for entry in audit_trail(engine, "by-hand")] == ["create", "tags"]


def test_a_hand_entered_event_is_checked_by_the_schema_and_nothing_is_kept_when_refused(engine):
    bad = frame_of(event("bad")).assign(confidence=[2.0])
    with pytest.raises(SchemaError, match="confidence"):
        add_event(engine, bad, who="Amina", source={"source_id": "s", "name": "S", "lang": "en"})
    assert read_sources(engine).empty
    with pytest.raises(ValueError, match="ISO 639-1"):
        add_event(engine, frame_of(event("x")), who="Amina", source={"source_id": "s", "name": "S", "lang": "english"})
    with pytest.raises(ValueError, match="who"):
        add_event(engine, frame_of(event("y")), who=" ")


def test_editing_a_source_carries_it_to_the_events_citing_it_first(reports):
    merge_events(reports, "tafsela", ["cna"], who="Bilal")
    add_events(reports, frame_of(event("cna-first", source_ids=("cna",), source_name="CNA")), who="Amina")
    changed = update_source(
        reports, "cna", {"title": "China tells AI leaders to avoid US", "url": "https://cna.example/report"}, "Chen"
    )
    assert set(changed) == {"title", "url"}
    assert read_sources(reports).set_index("source_id").loc["cna", "title"] == "China tells AI leaders to avoid US"
    assert read_event(reports, "cna-first").fields["source_url"] == "https://cna.example/report"
    assert audit_trail(reports, "cna-first")[-1].action == "source"
    # Cited second: the event's own fields stay, the audit log still says the source changed.
    assert read_event(reports, "tafsela").fields["source_url"] == "https://example.org/a"
    assert audit_trail(reports, "tafsela")[-1].changes["source cna: title"]["old"] == ""
    assert [entry["who"] for entry in source_log(reports, "cna")] == ["Chen"]
    assert update_source(reports, "cna", {"title": "China tells AI leaders to avoid US"}, "Chen") == {}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lang": "Arabic"}, "ISO 639-1"),
        ({"url": "javascript:alert(1)"}, "http or https"),
        ({"name": " "}, "'name' is required"),
        ({"published": None, "published_estimated": True}, "needs a publication date"),
        ({"source_id": "other"}, "unknown source field"),
    ],
)
def test_a_bad_source_edit_is_refused_and_names_the_field(reports, changes, message):
    with pytest.raises(ValueError, match=message):
        update_source(reports, "cna", changes, "Chen")
    assert source_log(reports, "cna") == []


def test_tags_are_cleaned_replaced_and_audited(reports):
    assert clean_tags([" a  b ", "A B", "", "c"]) == ("a b", "c")
    with pytest.raises(ValueError, match="at most"):
        clean_tags(["x" * 61])
    set_tags(reports, "cna", ["travel", "US"], who="Amina")
    set_tags(reports, "tafsela", ["travel"], who="Amina")
    assert read_tags(reports).values.tolist() == [["cna", "travel"], ["tafsela", "travel"], ["cna", "US"]]
    set_tags(reports, "cna", [], who="Bilal")
    assert event_tags(reports, "cna") == ()
    assert audit_trail(reports, "cna")[-1].changes == {"tags": {"old": ["travel", "US"], "new": []}}


def test_notes_are_kept_in_order_with_author_and_audited(reports):
    add_note(reports, "cna", "Check the date against the WSJ piece.", who="Amina")
    add_note(reports, "cna", "<b>not bold</b> **nor this**", who="Bilal")
    notes = read_notes(reports, "cna")
    assert [(note.who, note.text) for note in notes] == [
        ("Amina", "Check the date against the WSJ piece."),
        ("Bilal", "<b>not bold</b> **nor this**"),
    ]
    assert notes[0].at <= notes[1].at
    assert audit_trail(reports, "cna")[-1].action == "note"
    with pytest.raises(ValueError, match="write something"):
        add_note(reports, "cna", "  ", who="Amina")
    with pytest.raises(StoreError):
        add_note(reports, "nowhere", "text", who="Amina")


def test_the_trash_lists_deleted_and_rejected_events_with_who_and_when_and_they_restore(reports):
    delete_event(reports, "cna", who="Amina")
    set_status(reports, ["tafsela"], "rejected", who="Bilal")
    trash = read_trash(reports)
    assert sorted(zip(trash["event_id"], trash["reason"], trash["who"], strict=True)) == [
        ("cna", "deleted", "Amina"),
        ("tafsela", "rejected", "Bilal"),
    ]
    assert trash["when"].notna().all()
    undo_delete(reports, "tafsela", who="Chen")
    assert list(read_trash(reports)["event_id"]) == ["cna"]
    assert "tafsela" in set(read_events(reports)["event_id"])


def test_merged_events_are_not_in_the_trash(reports):
    merge_events(reports, "tafsela", ["cna"], who="Bilal")
    assert read_trash(reports).empty
