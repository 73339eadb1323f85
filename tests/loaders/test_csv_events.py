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


# Files a sweep of generated CSVs found to crash the reader or lose rows.


def test_an_unclosed_quote_is_reported_line_by_line_not_swallowed():
    raw = b'title,date,category\n"Xi meets founders,2025-02-17,meeting\nB,2025-02-18,meeting\nC,2025-02-19,meeting\nD,2025-02-20,meeting\n'
    loaded = load_bytes(raw, "quote.csv", registry=REGISTRY)
    assert len(loaded.events) == 0
    assert [problem.line for problem in loaded.rejected] == [2, 3, 4, 5]
    assert "never closed" in loaded.rejected[0].reason and "opened on line 2" in loaded.rejected[1].reason
    assert loaded.rows_in == 4


@pytest.mark.parametrize(
    "raw",
    [
        b"title,date,category\rA,2025-02-17,meeting\rB,2025-02-18,meeting\r",
        b"title,date,category\r\nA,2025-02-17,meeting\r\nB,2025-02-18,meeting\r\n",
    ],
)
def test_carriage_return_line_endings_are_lines(raw):
    loaded = load_bytes(raw, "cr.csv", registry=REGISTRY)
    assert (len(loaded.events), loaded.rejected, loaded.rows_in) == (2, [], 2)


def test_a_carriage_return_inside_an_unquoted_cell_ends_the_line_as_an_editor_shows_it():
    loaded = load_bytes(
        b"title,date,category\nA\rB,2025-02-17,meeting\nC,2025-02-18,meeting\n", "cr.csv", registry=REGISTRY
    )
    assert loaded.events["title"].tolist() == ["B", "C"]
    assert [(problem.line, problem.reason) for problem in loaded.rejected] == [
        (2, "has 1 cells where the header has 3")
    ]
    assert loaded.rows_in == 3


def test_a_cell_longer_than_the_csv_modules_limit_is_a_rejected_row():
    raw = ("title,date,category\n" + "x" * 140_000 + ",2025-02-17,meeting\nB,2025-02-18,meeting\n").encode()
    loaded = load_bytes(raw, "long.csv", registry=REGISTRY)
    assert len(loaded.events) == 1
    assert loaded.rejected[0].line == 2 and "140,000 characters" in loaded.rejected[0].reason


@pytest.mark.parametrize("cell", ["-44", "0", "0000-01-01", "-0044-03-15"])
def test_years_before_one_are_refused_not_stored_as_year_one(cell):
    loaded = load_bytes(f"title,date,category\nCaesar,{cell},meeting\n".encode(), "old.csv", registry=REGISTRY)
    assert len(loaded.events) == 0 and "before year 1" in loaded.rejected[0].reason


def test_a_huge_date_cell_is_refused_by_length_before_any_parser_sees_it():
    loaded = load_bytes(("title,date,category\nA," + "7" * 100_000 + ",meeting\n").encode(), "d.csv", registry=REGISTRY)
    assert "100,000 characters long" in loaded.rejected[0].reason


def test_a_repeated_id_in_one_file_is_the_second_rows_rejection():
    raw = b"id,title,date,category\nsame,A,2025-02-17,meeting\nsame,B,2025-02-18,meeting\n"
    loaded = load_bytes(raw, "ids.csv", registry=REGISTRY)
    assert len(loaded.events) == 1 and [(p.line, p.reason) for p in loaded.rejected] == [(3, "duplicate event 'same'")]


def test_bytes_that_are_not_utf8_in_a_later_row_reject_that_row_only():
    raw = b"title,date,category\nA,2025-02-17,meeting\nB\xff,2025-02-18,meeting\n"
    loaded = load_bytes(raw, "latin.csv", registry=REGISTRY)
    assert len(loaded.events) == 1 and "not UTF-8" in loaded.rejected[0].reason and loaded.rejected[0].line == 3
