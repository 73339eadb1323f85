from pathlib import Path

import pytest

from loaders.csv_events import CsvFormatError, guess_language, load, load_bytes
from timeline.actors import Actor, ActorRegistry
from timeline.export import events_csv

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "csv" / "analyst_notes.csv"
REGISTRY = ActorRegistry(
    (
        Actor("Xi Jinping", "person", "CN", {"ar": ("شي جين بينج",)}),
        Actor("Liang Wenfeng", "person", "CN", {"ar": ("ليانج وينفنج",)}),
    )
)


def test_common_headers_and_multilingual_dates_are_understood():
    loaded = load(FIXTURE, registry=REGISTRY)
    events = loaded.events.set_index("title")
    meeting = events.loc["Xi Jinping meets private entrepreneurs"]
    assert (str(meeting["date_start"].date()), meeting["date_precision"]) == ("2025-02-17", "day")
    # The Arabic alias resolves to the canonical actor.
    assert meeting["actors"] == ("Xi Jinping", "Liang Wenfeng")
    assert meeting["quote"] == "Xi called on private enterprises to\nbe patriotic"
    declined = events.loc["DeepSeek founder skips the Paris summit"]
    # An Arabic month stays a month: all of February, never a made-up day.
    assert (str(declined["date_start"].date()), str(declined["date_end"].date())) == ("2025-02-01", "2025-02-28")
    assert declined["date_precision"] == "month"
    assert declined["countries"] == ("CN", "FR")
    ces = events.loc["Unitree shows robots at CES"]
    assert (str(ces["date_start"].date()), ces["category"]) == ("2025-01-07", "trade_show")
    assert events.loc["Tariffs rise", "date_precision"] == "year"


def test_every_bad_row_is_reported_with_file_line_and_reason():
    loaded = load(FIXTURE, registry=REGISTRY)
    problems = {problem.line: problem.reason for problem in loaded.rejected}
    # Line numbers count the comment line, the header and the two-line quoted cell.
    assert sorted(problems) == [7, 8, 9]
    assert "sometime soon" in problems[7]
    assert "picnic" in problems[8]
    assert "9 cells where the header has 8" in problems[9]
    assert str(loaded.rejected[0]).startswith(f"{FIXTURE}:7: ")
    assert loaded.rows_in == len(loaded.events) + len(loaded.rejected) == 7


def test_unknown_columns_are_ignored_with_a_warning_not_a_refusal(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Headline,Day,Mood,Category\nXi meets founders,2025-02-17,calm,meeting\n", encoding="utf-8")
    loaded = load(path, registry=REGISTRY)
    assert len(loaded.events) == 1 and loaded.rejected == []
    assert loaded.warnings == ["ignored unknown column(s) 'Mood'"]


def test_a_file_without_a_title_column_names_the_columns_not_understood(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Event name,Day,Notes\nXi meets founders,2025-02-17,x\n", encoding="utf-8")
    with pytest.raises(CsvFormatError, match="no title column.*'Event name', 'Notes'"):
        load(path, registry=REGISTRY)
    loaded = load(path, mapping={"Event name": "title", "Notes": None}, registry=REGISTRY)
    assert loaded.rejected == [RowProblemLike(str(path), 2, "category")]


class RowProblemLike:
    """Matches a RowProblem by file, line and a word of its reason."""

    def __init__(self, file, line, word):
        self.file, self.line, self.word = file, line, word

    def __eq__(self, other):
        return (other.file, other.line) == (self.file, self.line) and self.word in other.reason


def test_relative_dates_need_a_published_column(tmp_path):
    path = tmp_path / "relative.csv"
    path.write_text(
        "title,date,category,published\nTrip cancelled,last year,travel_guidance,2025-03-01\n"
        "Trip cancelled again,last year,travel_guidance,\n",
        encoding="utf-8",
    )
    loaded = load(path, registry=REGISTRY)
    assert str(loaded.events.loc[0, "date_start"].date()) == "2024-01-01"
    assert loaded.events.loc[0, "date_precision"] == "year"
    assert "relative" in loaded.rejected[0].reason and loaded.rejected[0].line == 3


def test_start_and_end_columns_make_a_range(tmp_path):
    path = tmp_path / "range.csv"
    path.write_text("title,start,end,category,country\nAI Action Summit,2025-02-10,2025-02-11,summit,France\n")
    event = load(path, registry=REGISTRY).events.iloc[0]
    assert (event["date_precision"], str(event["date_end"].date()), event["countries"]) == (
        "range",
        "2025-02-11",
        ("FR",),
    )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "no header"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xff\xfe\x00t", "not UTF-8"),
        (b"title,category\nx,meeting\n", "no date column"),
        (b"date,category\n2025-01-01,meeting\n", "no title column"),
    ],
)
def test_unreadable_files_get_a_clear_error(payload, message):
    with pytest.raises(CsvFormatError, match=message):
        load_bytes(payload, "upload.csv", registry=REGISTRY)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(CsvFormatError, match="missing.csv: cannot be read"):
        load(tmp_path / "missing.csv")


def test_our_own_export_reads_back_identically(events):
    loaded = load_bytes(events_csv(events, comments=["exported for a test"]), "export.csv", registry=REGISTRY)
    assert loaded.rejected == []
    for column in ("event_id", "title", "date_start", "date_end", "date_precision", "actors", "status", "quote"):
        assert loaded.events[column].tolist() == events[column].tolist(), column


@pytest.mark.parametrize(("text", "lang"), [("التقى الرئيس", "ar"), ("习近平会见", "zh"), ("Xi meets", "en")])
def test_guess_language_by_script(text, lang):
    assert guess_language(text) == lang
