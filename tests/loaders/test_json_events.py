import pytest

from loaders.csv_events import CsvFormatError
from loaders.json_events import load, load_text
from timeline.actors import Actor, ActorRegistry

REGISTRY = ActorRegistry((Actor("Liang Wenfeng", "person", "CN", {"ar": ("ليانج وينفنج",)}),))
EVENTS = """[
  {"title": "DeepSeek founder declines the Paris summit", "date": "فبراير 2025",
   "actors": ["ليانج وينفنج"], "category": "statement", "country": "CN"},
  {"title": "A row with no date", "category": "meeting"},
  {"title": "AI Action Summit", "start": "2025-02-10", "end": "2025-02-11", "category": "summit"},
  "not an object"
]
"""


def test_objects_read_like_csv_rows_with_their_lines():
    loaded = load_text(EVENTS, "events.json", registry=REGISTRY)
    events = loaded.events.set_index("title")
    declined = events.loc["DeepSeek founder declines the Paris summit"]
    assert (declined["date_precision"], declined["actors"]) == ("month", ("Liang Wenfeng",))
    assert events.loc["AI Action Summit", "date_precision"] == "range"
    assert [(problem.line, problem.reason) for problem in loaded.rejected] == [
        (4, "has no date"),
        (6, "is a str, not an object of event fields"),
    ]
    assert loaded.rows_in == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"title": "x"}', "must hold a JSON list"),
        ('[{"title": "x",\n "date": }]', "events.json:2: not valid JSON"),
        ('[{"title": "x", "date": "2025"}', "not closed"),
    ],
)
def test_unreadable_files_name_the_problem(text, message):
    with pytest.raises(CsvFormatError, match=message):
        load_text(text, "events.json", registry=REGISTRY)


def test_missing_file(tmp_path):
    with pytest.raises(CsvFormatError, match="cannot be read"):
        load(tmp_path / "none.json")


def test_unknown_keys_are_ignored_with_a_warning():
    loaded = load_text('[{"headline": "x", "when": "2025", "mood": "calm", "type": "meeting"}]', "events.json")
    assert (len(loaded.events), loaded.warnings) == (1, ["ignored unknown column(s) 'mood'"])


# Files a sweep of generated JSON found to crash the reader or lose rows.

ROW = '{"title": "A", "date": "2025-02-17", "category": "meeting"}'


def test_two_lists_in_one_file_are_both_read():
    loaded = load_text(f"[{ROW}]\n[{ROW.replace('A', 'B')}]", "two.json")
    assert (len(loaded.events), loaded.rows_in, [problem.line for problem in loaded.rejected]) == (2, 2, [])


def test_nesting_a_million_levels_deep_is_a_clear_error():
    with pytest.raises(CsvFormatError, match="nested too deeply"):
        load_text("[" * 1_000_000, "deep.json")


def test_a_five_thousand_digit_number_is_a_cell_not_an_overflow():
    digits = "9" * 5_000
    loaded = load_text(
        f'[{ROW[:-1]}, "confidence": {digits}}}, {{"title": {digits}, "date": "2025", "category": "meeting"}}]',
        "n.json",
    )
    assert len(loaded.events) == 1 and loaded.events["title"].iat[0] == digits
    assert "confidence" in loaded.rejected[0].reason and loaded.rows_in == 2


def test_a_nul_character_in_a_title_is_refused_on_every_database():
    loaded = load_text('[{"title": "A\\u0000B", "date": "2025-02-17", "category": "meeting"}]', "nul.json")
    assert len(loaded.events) == 0 and "NUL character" in loaded.rejected[0].reason


@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff"])
def test_a_lone_surrogate_is_reported_as_not_utf8_text(surrogate):
    loaded = load_text(
        f'[{{"title": "Rule {surrogate} published", "date": "2025-02-17", "category": "meeting"}}, {ROW}]', "s.json"
    )
    assert (len(loaded.events), loaded.rows_in) == (1, 2)
    assert [(problem.line, problem.reason) for problem in loaded.rejected] == [(1, "column 'title' is not UTF-8 text")]


def test_a_relative_date_that_cannot_be_read_against_a_far_publication_date_is_a_reported_row():
    loaded = load_text(
        '[{"title": "A", "date": "last year", "published": "0001-01-01", "category": "meeting"}]', "r.json"
    )
    assert len(loaded.events) == 0 and loaded.rows_in == 1
    assert "last year" in loaded.rejected[0].reason


def test_every_object_keeps_the_line_it_starts_on_in_a_long_file():
    rows = ",\n".join(
        f'{{"title": "Event {number}", "date": "2025-02-17", "category": "meeting"}}' for number in range(500)
    )
    loaded = load_text(f"[\n{rows}\n]", "long.json")
    assert loaded.lines == list(range(2, 502))
