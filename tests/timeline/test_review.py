import datetime as dt

from tests.conftest import make_events
from timeline.filters import Filters
from timeline.review import changed_fields, merge_suggestions, review_queue

MEETING = {
    "title": "Xi Jinping meets private business leaders in Beijing",
    "date_start": "2025-02-17",
    "date_end": "2025-02-17",
    "date_precision": "day",
    "category": "meeting",
    "actors": ("Xi Jinping", "Liang Wenfeng"),
}


def events():
    return make_events(
        {**MEETING, "event_id": "kept"},
        {
            **MEETING,
            "event_id": "candidate",
            "title": "Xi Jinping meets private business leaders",
            "status": "unreviewed",
        },
        {**MEETING, "event_id": "other-candidate", "status": "unreviewed", "confidence": 0.5},
        {**MEETING, "event_id": "later", "date_start": "2025-03-17", "date_end": "2025-03-17", "status": "unreviewed"},
    )


def test_the_queue_holds_the_unreviewed_events_the_filters_keep_even_when_unreviewed_are_hidden():
    hidden = Filters(include_unreviewed=False, date_to=dt.date(2025, 2, 28))
    assert list(review_queue(events(), hidden)["event_id"]) == ["candidate", "other-candidate"]


def test_merge_suggestions_are_accepted_events_only():
    # The other candidate reports the same meeting too, but it is not an event yet.
    suggestions = merge_suggestions(events(), "candidate")
    assert [event_id for event_id, _ in suggestions] == ["kept"]
    assert merge_suggestions(events(), "later") == []


def test_merge_suggestions_rank_by_the_evidence():
    # Reasoned by hand from timeline/database/duplicates.py: same day (date agreement 100); the
    # candidate's title is a subset of each accepted title (token-set wording 100). "kept" names both
    # of the candidate's actors (100): 0.5*100 + 0.3*100 + 0.2*100 = 100. "one-actor" names one of
    # two (50): 50 + 15 + 20 = 85. "elsewhere" shares no actor, so it is no candidate at all.
    frame = make_events(
        {**MEETING, "event_id": "one-actor", "actors": ("Xi Jinping", "Wang Xingxing")},
        {**MEETING, "event_id": "kept"},
        {**MEETING, "event_id": "elsewhere", "actors": ("Emmanuel Macron",)},
        {
            **MEETING,
            "event_id": "candidate",
            "title": "Xi Jinping meets private business leaders",
            "status": "unreviewed",
        },
    )
    assert merge_suggestions(frame, "candidate") == [("kept", 100.0), ("one-actor", 85.0)]


def test_changed_fields_compare_dates_by_day_and_lists_as_tuples():
    stored = {"date_start": dt.date(2025, 2, 17), "actors": ["Xi Jinping"], "summary": None}
    edited = {"date_start": "2025-02-17 00:00", "actors": ("Xi Jinping",), "summary": "", "title": "New"}
    assert changed_fields(stored, edited) == {"title": "New"}
