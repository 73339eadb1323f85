import pytest

from timeline.actors import load_registry
from timeline.schema import SchemaError


def test_aliases_in_every_language_resolve(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: DeepSeek\n  kind: company\n  country: CN\n  aliases: {ar: [ديب سيك], zh: [深度求索]}\n",
        encoding="utf-8",
    )
    registry = load_registry(path)
    assert registry.resolve("ديب سيك") == registry.resolve("深度求索") == registry.resolve("deepseek") == "DeepSeek"
    assert registry.resolve("Nobody") is None


def test_an_alias_may_name_only_one_actor(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: A\n  kind: person\n  aliases: {en: [Same]}\n- name: B\n  kind: person\n  aliases: {en: [same]}\n",
        encoding="utf-8",
    )
    with pytest.raises(SchemaError, match="entry 2 \\(B\\).*'same' already names 'A'"):
        load_registry(path)


def test_unknown_kind_is_named(tmp_path):
    path = tmp_path / "actors.yaml"
    path.write_text("- name: A\n  kind: wizard\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="unknown actor kind 'wizard'"):
        load_registry(path)
