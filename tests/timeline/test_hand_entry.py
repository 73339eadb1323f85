import datetime as dt

import pandas as pd
import pytest

from loaders.date_values import DateValueError
from timeline.hand_entry import event_id_for, new_event_frame, read_date
from timeline.schema import SchemaError

PUBLISHED = dt.date(2025, 3, 1)
SOURCE = {"source_id": "tafsela-2025-03-01", "name": "Tafsela", "lang": "ar", "published": PUBLISHED, "url": ""}


@pytest.mark.parametrize(
    ("written", "until", "start", "end", "precision"),
    [
        ("في 17 فبراير", "", "2025-02-17", "2025-02-17", "day"),  # no year: the source's year
        ("last year", "", "2024-01-01", "2024-12-31", "year"),  # relative to the publication, not today
        ("February 2025", "", "2025-02-01", "2025-02-28", "month"),
        ("2025-Q1", "", "2025-01-01", "2025-03-31", "quarter"),
        ("10 February 2025", "11 February 2025", "2025-02-10", "2025-02-11", "range"),
        ("January 2025", "March 2025", "2025-01-01", "2025-03-31", "undated"),  # two periods: somewhere within
    ],
)
def test_the_date_is_read_as_written_against_the_publication_date(written, until, start, end, precision):
    read = read_date(written, until, PUBLISHED)
    assert (read.start, read.end, read.precision) == (pd.Timestamp(start), pd.Timestamp(end), precision)


def test_a_relative_date_without_a_publication_date_is_refused():
    with pytest.raises(DateValueError, match="give a published date"):
        read_date("last year")


def test_the_row_is_built_and_checked_by_the_schema():
    frame = new_event_frame(
        title="Xi Jinping meets private business leaders",
        date_written="في 17 فبراير",
        category="meeting",
        actors=["Xi Jinping"],
        countries="CN; cn",
        location="",
        source=SOURCE,
        quote="",
        summary="",
    )
    row = frame.iloc[0]
    assert row["event_id"] == "xi-jinping-meets-private-business-leaders-2025-02-17"
    assert (row["date_text"], row["source_ids"], row["countries"]) == ("في 17 فبراير", ("tafsela-2025-03-01",), ("CN",))
    assert (row["status"], row["confidence"]) == ("accepted", 1.0) and pd.isna(row["source_url"])
    with pytest.raises(SchemaError, match="Add event form, row 1, field 'category'"):
        new_event_frame(**{**base_fields(), "category": "picnic"})
    with pytest.raises(SchemaError, match="field 'title'"):
        new_event_frame(**{**base_fields(), "title": " "})
    with pytest.raises(ValueError, match="Add event form, field 'date'"):
        new_event_frame(**{**base_fields(), "date_written": "someday soon-ish"})


def base_fields() -> dict:
    return {
        "title": "A title",
        "date_written": "2025-02-17",
        "category": "meeting",
        "actors": [],
        "countries": "",
        "location": "",
        "source": SOURCE,
        "quote": "",
        "summary": "",
    }


def test_an_id_is_made_from_latin_letters_or_else_the_date():
    day = pd.Timestamp("2025-02-17")
    assert event_id_for("Élysée hosts the AI Action Summit!", day) == "elysee-hosts-the-ai-action-summit-2025-02-17"
    assert event_id_for("قمة باريس", day) == "event-2025-02-17"
