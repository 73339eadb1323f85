import pytest

from timeline.actors import default_registry
from timeline.database import ensure_seeded, open_store
from timeline.database.actor_registry import read_actors
from timeline.registry_forms import (
    aliases_text,
    parse_aliases,
    parse_terms,
    registry_rows,
    resolved_actors,
    terms_text,
)


def test_aliases_and_terms_round_trip_through_their_text_boxes():
    aliases = {"zh": ("习近平", "習近平"), "ar": ("شي جين بينغ",)}
    assert parse_aliases(aliases_text(aliases)) == {lang: list(names) for lang, names in aliases.items()}
    terms = {"first term": ("2017-01-20", "2021-01-20")}
    assert parse_terms(terms_text(terms)) == terms


def test_arabic_and_chinese_commas_separate_aliases_and_a_bad_line_is_named():
    assert parse_aliases("ar: ترمب، ترامب\nzh: 特朗普，川普") == {"ar": ["ترمب", "ترامب"], "zh": ["特朗普", "川普"]}
    with pytest.raises(ValueError, match="aliases, line 2"):
        parse_aliases("en: Trump\nPresident Trump")
    with pytest.raises(ValueError, match="terms, line 1"):
        parse_terms("first term 2017-01-20")


def test_names_resolve_to_their_actor_once_and_unknown_ones_are_listed():
    canonical, unknown = resolved_actors(["习近平", "Xi Jinping", "Jane Newname", " "], default_registry())
    assert canonical == ("Xi Jinping", "Jane Newname") and unknown == ["Jane Newname"]


def test_the_registry_list_is_searched_in_any_script_and_spelling(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    ensure_seeded(engine)
    stored = read_actors(engine)
    assert registry_rows(stored, "习近平")["name"].tolist() == ["Xi Jinping"]
    assert registry_rows(stored, "شى جين")["name"].tolist() == ["Xi Jinping"]
    assert len(registry_rows(stored)) == len(stored)
