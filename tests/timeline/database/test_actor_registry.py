import pytest

from timeline.database import read_events, tables
from timeline.database.actor_registry import (
    actor_log,
    add_actor,
    edit_actor,
    merge_actors,
    open_merges,
    read_actors,
    set_disabled,
    store_registry,
    undo_merge,
)
from timeline.database.audit import audit_trail
from timeline.database.curated_sync import sync_curated
from timeline.database.errors import StoreError


def events_naming(engine, name: str) -> set[str]:
    events = read_events(engine, include_deleted=True)
    return set(events.loc[events["actors"].map(lambda names: name in names), "event_id"])


def stored(engine, name: str):
    return next(item for item in read_actors(engine) if item.actor.name == name)


def test_the_seeded_registry_resolves_aliases_and_spelling_variants(seeded):
    registry = store_registry(seeded)
    assert registry.resolve("习近平") == "Xi Jinping"
    assert registry.resolve("شي جين بينغ") == "Xi Jinping"
    assert registry.resolve("شى جين بينج") == "Xi Jinping"  # alif maqsura and the other g
    assert registry.resolve("Nobody at all") is None


def test_an_added_actor_resolves_by_its_aliases_and_a_taken_alias_is_refused(seeded):
    add_actor(seeded, "Zhang Wei", "person", "Farid", country="CN", aliases={"zh": ["张伟"], "ar": ["تشانغ وي"]})
    assert store_registry(seeded).resolve("张伟") == "Zhang Wei"
    assert store_registry(seeded).resolve("تشانج وي") == "Zhang Wei"
    with pytest.raises(ValueError, match="'习近平' already names 'Xi Jinping'"):
        add_actor(seeded, "Someone Else", "person", "Farid", aliases={"zh": ["习近平"]})
    with pytest.raises(ValueError, match="already in the registry"):
        add_actor(seeded, "Zhang Wei", "person", "Farid")
    with pytest.raises(ValueError, match="who"):
        add_actor(seeded, "Nameless Analyst", "person", "")
    assert actor_log(seeded, "Zhang Wei")["action"].tolist() == ["add"]


def test_editing_aliases_is_logged_and_the_curated_resync_keeps_the_edit(seeded):
    before = stored(seeded, "Xi Jinping").actor
    aliases = {lang: list(names) for lang, names in before.aliases.items() if lang != "ar"}
    aliases["zh"].append("习主席")
    edit_actor(seeded, "Xi Jinping", "Farid", "person", "CN", aliases)
    after = stored(seeded, "Xi Jinping").actor
    assert "ar" not in after.aliases and after.aliases["zh"][-1] == "习主席"
    assert store_registry(seeded).resolve("习主席") == "Xi Jinping"
    assert store_registry(seeded).resolve("شي جين بينغ") is None
    entry = actor_log(seeded, "Xi Jinping").iloc[0]
    assert entry["action"] == "edit" and entry["who"] == "Farid" and "aliases" in entry["changes"]
    sync_curated(seeded)  # data/actors.yaml still lists the Arabic aliases: the analyst's edit wins
    assert stored(seeded, "Xi Jinping").actor.aliases == after.aliases


def test_merge_repoints_every_event_and_undo_puts_everything_back(seeded):
    add_actor(seeded, "DeepSeek founder", "person", "Farid", aliases={"en": ["the founder"]})
    liang = events_naming(seeded, "Liang Wenfeng")
    assert liang
    merge_id = merge_actors(seeded, "DeepSeek founder", "Liang Wenfeng", "Farid")
    undo_merge(seeded, merge_id, "Farid")  # nothing named the new actor: only its names moved and came back
    merge_id = merge_actors(seeded, "Liang Wenfeng", "DeepSeek founder", "Farid")
    assert events_naming(seeded, "Liang Wenfeng") == set()
    assert events_naming(seeded, "DeepSeek founder") == liang
    assert stored(seeded, "Liang Wenfeng").merged_into == "DeepSeek founder"
    assert store_registry(seeded).resolve("梁文锋") == "DeepSeek founder"
    assert store_registry(seeded).resolve("Liang Wenfeng") == "DeepSeek founder"
    some_event = sorted(liang)[0]
    assert audit_trail(seeded, some_event)[-1].who == "Farid"
    assert open_merges(seeded)["id"].tolist() == [merge_id]
    sync_curated(seeded)  # the curated file still lists Liang Wenfeng: the merge stays
    assert events_naming(seeded, "Liang Wenfeng") == set()
    assert store_registry(seeded).resolve("梁文锋") == "DeepSeek founder"

    assert undo_merge(seeded, merge_id, "Ana") == []
    assert events_naming(seeded, "Liang Wenfeng") == liang
    assert stored(seeded, "Liang Wenfeng").merged_into is None
    assert store_registry(seeded).resolve("梁文锋") == "Liang Wenfeng"
    assert store_registry(seeded).resolve("the founder") == "DeepSeek founder"
    assert open_merges(seeded).empty
    with pytest.raises(StoreError, match="undone already"):
        undo_merge(seeded, merge_id, "Ana")


def test_undo_leaves_an_event_edited_since_the_merge_as_the_analyst_left_it(seeded):
    from timeline.database import read_event, update_event

    liang = sorted(events_naming(seeded, "Liang Wenfeng"))
    merge_id = merge_actors(seeded, "Liang Wenfeng", "Xi Jinping", "Farid")
    edited = read_event(seeded, liang[0])
    update_event(seeded, liang[0], {"actors": ("Xi Jinping", "Donald Trump")}, edited.version, "Ana")
    assert undo_merge(seeded, merge_id, "Farid") == [liang[0]]
    assert events_naming(seeded, "Liang Wenfeng") == set(liang[1:])


def test_a_disabled_actor_still_resolves_and_cannot_be_disabled_once_merged(seeded):
    set_disabled(seeded, "Wang Yi", True, "Farid")
    assert stored(seeded, "Wang Yi").actor.disabled
    assert store_registry(seeded).resolve("王毅") == "Wang Yi"
    set_disabled(seeded, "Wang Yi", False, "Farid")
    assert actor_log(seeded, "Wang Yi")["action"].tolist() == ["enable", "disable"]
    merge_actors(seeded, "Wang Yi", "Xi Jinping", "Farid")
    with pytest.raises(StoreError, match="merged into 'Xi Jinping'"):
        set_disabled(seeded, "Wang Yi", True, "Farid")


def test_the_registry_log_is_a_table_of_the_bundle():
    assert tables.actor_log in tables.ALL_TABLES
