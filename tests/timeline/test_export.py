import io

import pandas as pd
import pytest

from tests.conftest import make_events
from timeline.export import FORMULA_PREFIXES, events_csv, neutralize


def read_back(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(payload), encoding="utf-8-sig", comment=None, skiprows=0, dtype=str, keep_default_na=False
    )


def test_csv_starts_with_a_bom_and_keeps_arabic(events):
    payload = events_csv(events)
    assert payload.startswith(b"\xef\xbb\xbf")
    assert "التقى الرئيس الصيني شي جين بينج" in payload.decode("utf-8-sig")


def test_csv_rows_equal_the_frame(events):
    table = read_back(events_csv(events))
    assert list(table["event_id"]) == list(events["event_id"])
    assert table.loc[0, "actors"] == "Xi Jinping; Liang Wenfeng; Wang Xingxing"
    assert table.loc[1, "date_end"] == "2025-02-11"
    assert table.loc[3, "confidence"] == "0.6"


def test_comments_lead_the_file():
    frame = make_events(
        {"event_id": "a", "title": "t", "date_start": "2025-01-01", "date_end": "2025-01-01",
         "date_precision": "day", "category": "meeting", "actors": ()}
    )  # fmt: skip
    text = events_csv(frame, comments=["filters: all events", "two\nlines"]).decode("utf-8-sig")
    assert text.splitlines()[:3] == ["# filters: all events", "# two lines", text.splitlines()[2]]
    assert text.splitlines()[2].startswith("event_id,title")


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_formula_cells_are_neutralized(dangerous):
    assert neutralize(dangerous) == "'" + dangerous
    frame = make_events(
        {"event_id": "a", "title": dangerous, "date_start": "2025-01-01", "date_end": "2025-01-01",
         "date_precision": "day", "category": "meeting", "actors": ()}
    )  # fmt: skip
    title = read_back(events_csv(frame)).loc[0, "title"]
    # Tabs and carriage returns are already trimmed by the schema; nothing may lead the cell as a formula.
    assert not title.startswith(FORMULA_PREFIXES)
    assert title.lstrip("'") == dangerous.strip()


def test_harmless_text_is_untouched():
    assert neutralize("Xi meets founders") == "Xi meets founders"


def test_an_event_without_a_quote_has_an_empty_quote_cell(events):
    # The fixture's second event (paris-summit) has no quote, like most bundled events.
    table = read_back(events_csv(events))
    assert list(table["quote"]) == ["التقى الرئيس الصيني شي جين بينج بكبار رجال الأعمال", "", "", ""]
