import pytest

from tests.timeline.database.conftest import event, frame_of
from timeline.database import (
    StoreError,
    add_events,
    audit_trail,
    merge_events,
    read_event,
    read_events,
    split_event,
    undo_delete,
)


@pytest.fixture
def reports(engine):
    """The same report seen in three outlets, each an event of its own."""
    add_events(
        engine,
        frame_of(
            event(
                "wsj",
                title="WSJ reports China told AI leaders to avoid US travel",
                source_ids=("tafsela", "cna"),
                quote="بحسب تقرير",
                source_lang="ar",
                source_name="Tafsela",
            ),
            event(
                "devdiscourse",
                title="WSJ says China advised AI leaders to avoid US travel",
                source_ids=("devdiscourse",),
                quote="Amid escalating tensions",
                source_name="Devdiscourse",
            ),
            event(
                "trt",
                title="WSJ: China told AI entrepreneurs to avoid America",
                source_ids=("trt", "cna"),
                quote="وقالت الصحيفة",
                source_lang="ar",
                source_name="TRT Arabi",
            ),
        ),
        who="Amina",
    )
    return engine


def test_merging_moves_every_source_to_the_kept_event_and_hides_the_others(reports):
    merge_events(reports, "wsj", ["devdiscourse", "trt"], who="Bilal")
    assert list(read_events(reports)["event_id"]) == ["wsj"]
    kept = read_event(reports, "wsj")
    assert kept.fields["source_ids"] == ("tafsela", "cna", "devdiscourse", "trt")
    assert [link.quote for link in kept.links] == ["بحسب تقرير", None, "Amid escalating tensions", "وقالت الصحيفة"]
    merged = read_event(reports, "trt")
    assert (merged.deleted_reason, merged.merged_into, merged.fields["source_ids"]) == ("merged", "wsj", ())
    assert audit_trail(reports, "wsj")[-1].changes["merged"] == {"old": None, "new": ["devdiscourse", "trt"]}
    assert audit_trail(reports, "trt")[-1].action == "merged_into"


def test_splitting_merged_sources_brings_their_event_back(reports):
    merge_events(reports, "wsj", ["devdiscourse", "trt"], who="Bilal")
    assert split_event(reports, "wsj", ["trt"], who="Chen") == "trt"
    restored = read_event(reports, "trt")
    assert (restored.deleted, restored.fields["source_ids"]) == (False, ("trt",))
    assert restored.links[0].quote == "وقالت الصحيفة"
    assert read_event(reports, "wsj").fields["source_ids"] == ("tafsela", "cna", "devdiscourse")
    assert sorted(read_events(reports)["event_id"]) == ["trt", "wsj"]
    assert audit_trail(reports, "trt")[-1].changes["source_ids"] == {"old": [], "new": ["trt"]}


def test_splitting_other_sources_makes_a_new_event_cited_to_them(reports):
    new_id = split_event(reports, "wsj", ["tafsela"], who="Chen")
    assert new_id == "wsj-split"
    new = read_event(reports, "wsj-split")
    assert new.fields["source_ids"] == ("tafsela",)
    assert (new.fields["title"], new.fields["quote"], new.fields["source_lang"]) == (
        "WSJ reports China told AI leaders to avoid US travel",
        "بحسب تقرير",
        "ar",
    )
    remaining = read_event(reports, "wsj")
    # The primary source left, so the next one, cna, becomes primary; it has no quote of its own.
    assert remaining.fields["source_ids"] == ("cna",)
    assert remaining.fields["quote"] is None
    assert [entry.action for entry in audit_trail(reports, "wsj-split")] == ["create", "split_from"]


def test_a_split_must_leave_a_source_and_name_cited_ones(reports):
    with pytest.raises(ValueError, match="leave at least one source"):
        split_event(reports, "wsj", ["tafsela", "cna"], who="Chen")
    with pytest.raises(ValueError, match="does not cite 'nowhere'"):
        split_event(reports, "wsj", ["nowhere"], who="Chen")
    assert read_event(reports, "wsj").version == 1


def test_merged_events_come_back_only_by_a_split(reports):
    merge_events(reports, "wsj", ["trt"], who="Bilal")
    with pytest.raises(StoreError, match="split its sources back out"):
        undo_delete(reports, "trt", who="Chen")
    with pytest.raises(StoreError, match="'trt' is deleted"):
        merge_events(reports, "devdiscourse", ["trt"], who="Chen")
    with pytest.raises(ValueError, match="at least one event other than"):
        merge_events(reports, "wsj", ["wsj"], who="Chen")
