import textwrap

import pytest

from loaders import curated
from timeline.schema import SchemaError

ACTORS = """
- name: Xi Jinping
  kind: person
  country: CN
  aliases: {ar: [شي جين بينج]}
"""
SOURCES = """
- id: article
  name: Example outlet
  url: https://example.org/a
  lang: ar
  published: 2025-03-01
  accessed: 2026-11-29
"""


def write(tmp_path, events: str, sources: str = SOURCES, actors: str = ACTORS):
    for name, text in (("events.yaml", events), ("sources.yaml", sources), ("actors.yaml", actors)):
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "events.yaml", tmp_path / "sources.yaml", tmp_path / "actors.yaml"


def event(**fields) -> str:
    base = {"id": "e1", "title": "Meeting", "date_text": "في 17 فبراير", "category": "meeting", "sources": "[article]"}
    base.update(fields)
    return "- " + "\n  ".join(f"{key}: {value}" for key, value in base.items()) + "\n"


@pytest.mark.parametrize(
    ("date_fields", "start", "end", "precision"),
    [
        ({"date": "2025-02-17"}, "2025-02-17", "2025-02-17", "day"),
        ({"date": "2025-02"}, "2025-02-01", "2025-02-28", "month"),
        ({"date": "2024"}, "2024-01-01", "2024-12-31", "year"),
        ({"date": "summer 2025"}, "2025-06-01", "2025-08-31", "season"),
        ({"start": "2025-02-10", "end": "2025-02-11"}, "2025-02-10", "2025-02-11", "range"),
        ({"start": "2024-01-01", "end": "2025-02-28", "precision": "undated"}, "2024-01-01", "2025-02-28", "undated"),
    ],
)
def test_dates_are_written_as_a_person_would(tmp_path, date_fields, start, end, precision):
    frame = curated.load(*write(tmp_path, event(**date_fields)))
    row = frame.iloc[0]
    assert (str(row["date_start"].date()), str(row["date_end"].date()), row["date_precision"]) == (
        start,
        end,
        precision,
    )


def test_aliases_resolve_and_primary_source_fills_provenance(tmp_path):
    frame = curated.load(*write(tmp_path, event(date="2025-02-17", actors="[شي جين بينج]")))
    row = frame.iloc[0]
    assert row["actors"] == ("Xi Jinping",)
    assert (row["source_name"], row["source_lang"], str(row["published"].date())) == (
        "Example outlet",
        "ar",
        "2025-03-01",
    )
    assert row["status"] == "accepted"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"date": "2025-02-17", "actors": "[Nobody]"}, "actors", "'Nobody' is not in the actor registry"),
        ({"date": "2025-02-17", "sources": "[missing]"}, "sources", "'missing' is not in sources.yaml"),
        ({"date": "2025-02-30"}, "date", "not a calendar day"),
        ({"date": "2025-02-17", "colour": "red"}, "colour", "not a known event field"),
        ({"date": "2025-02-17", "category": "picnic"}, "category", "unknown category"),
        ({"start": "2025-02-17"}, "date", "needs date, or both start and end"),
    ],
)
def test_errors_name_file_entry_and_field(tmp_path, fields, field, message):
    paths = write(tmp_path, event(**fields))
    with pytest.raises(SchemaError) as caught:
        curated.load(*paths)
    assert caught.value.field == field
    assert message in str(caught.value)
    assert str(paths[0]) in str(caught.value) and "entry 1 (e1)" in str(caught.value)


def test_broken_yaml_is_reported_with_the_file(tmp_path):
    paths = write(tmp_path, "- id: [unclosed\n")
    with pytest.raises(SchemaError, match="events.yaml.*'yaml'"):
        curated.load(*paths)


def test_source_entries_need_an_address(tmp_path):
    paths = write(tmp_path, event(date="2025-02-17"), sources=SOURCES.replace("  url: https://example.org/a\n", ""))
    with pytest.raises(SchemaError, match="sources.yaml, row entry 1 \\(article\\), field 'url'"):
        curated.load(*paths)
