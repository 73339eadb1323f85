import pandas as pd
import pytest

from timeline import labels
from timeline.vocabulary import _document


@pytest.mark.parametrize("vocabulary", labels.VOCABULARIES)
def test_every_code_of_every_vocabulary_has_a_label(vocabulary):
    codes = set(_document()[vocabulary])
    labelled = set(_document()["labels"][vocabulary])
    assert codes <= labelled, f"{vocabulary}: no label for {sorted(codes - labelled)}"
    assert all("_" not in labels.label(vocabulary, code) for code in codes)


def test_codes_read_as_words():
    assert labels.actor_kind("government_body") == "Government body"
    assert labels.category("export_control") == "Export control"
    assert labels.precision("undated") == "Window (undated)"
    assert labels.status("unreviewed") == "Awaiting review"
    assert labels.stage("in_force") == "In force"


def test_languages_come_from_iso_639():
    assert [labels.language(code) for code in ("ar", "en", "zh", "fr")] == ["Arabic", "English", "Chinese", "French"]
    assert labels.language("xx") == "xx"  # unknown: shown as written, never hidden


def test_confidence_in_words_with_its_number():
    assert [labels.confidence(value) for value in (0.93, 0.6, 0.2)] == ["High (0.93)", "Medium (0.60)", "Low (0.20)"]
    assert labels.confidence(None) == ""


def test_labelled_maps_a_column_and_leaves_missing_values_empty():
    column = pd.Series(["person", None, "government_body"], dtype="object")
    assert list(labels.labelled(column, labels.actor_kind)) == ["Person", "", "Government body"]


def test_bundled_actor_kinds_all_have_labels():
    from timeline.actors import default_registry

    kinds = {actor.kind for actor in default_registry().by_name.values()}
    assert kinds and all(labels.actor_kind(kind) != kind for kind in kinds)
