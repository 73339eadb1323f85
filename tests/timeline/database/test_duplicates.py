from pathlib import Path

import pandas as pd
import pytest
import yaml

from loaders import curated
from loaders.date_values import parse_date_value
from tests.conftest import make_events
from timeline.database import find_duplicates, matches_for
from timeline.store import combine

FIXTURE = Path(__file__).parent / "fixtures" / "duplicate_candidates.yaml"


def candidate_rows() -> list[dict]:
    """The fixture's candidates, read by other outlets' reports, as event rows."""
    rows = []
    for entry in yaml.safe_load(FIXTURE.read_text(encoding="utf-8")):
        if "date" in entry:
            start, end, precision = parse_date_value(str(entry["date"]))
        else:
            start, end, precision = entry["start"], entry["end"], entry["precision"]
        source = entry["source"]
        rows.append(
            {
                "event_id": entry["id"],
                "title": entry["title"],
                "summary": entry["summary"],
                "date_start": start,
                "date_end": end,
                "date_precision": precision,
                "date_text": entry["date_text"],
                "category": entry["category"],
                "actors": tuple(entry["actors"]),
                "countries": tuple(entry["countries"]),
                "location": entry.get("location"),
                "source_name": source["name"],
                "source_url": source["url"],
                "source_lang": source["lang"],
                "published": source["published"],
                "quote": entry["quote"],
                "source_ids": (source["id"],),
                "status": "unreviewed",
                "confidence": 0.8,
                "same_as": entry["same_as"],
            }
        )
    return rows


@pytest.fixture(scope="module")
def curated_and_candidates() -> pd.DataFrame:
    candidates = make_events(*({k: v for k, v in row.items() if k != "same_as"} for row in candidate_rows()))
    return combine([curated.load(), candidates], origin="test")


def expected_groups() -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for row in candidate_rows():
        if row["same_as"]:
            groups.setdefault(row["same_as"], {row["same_as"]}).add(row["event_id"])
    return groups


def test_reports_of_one_happening_in_several_outlets_and_languages_form_one_group_each(curated_and_candidates):
    groups = find_duplicates(curated_and_candidates)
    assert {frozenset(group.event_ids) for group in groups} == {frozenset(ids) for ids in expected_groups().values()}
    languages = curated_and_candidates.set_index("event_id")["source_lang"]
    by_kept = {group.event_ids[0]: group for group in groups}
    wsj = by_kept["wsj-ai-travel-guidance-report"]
    assert {languages[event_id] for event_id in wsj.event_ids} == {"ar", "en"}
    assert set(wsj.source_ids) == {
        "tafsela-2025-03-01", "cna-2025-03-01", "tasnim-2025-03-01", "newsmax-2025-03-01",
        "devdiscourse-2025-03-01", "alittihad44-2025-03-01", "trtarabi-2025-03-01",
    }  # fmt: skip
    meeting = by_kept["xi-private-enterprise-symposium"]
    assert set(meeting.source_ids) == {
        "tafsela-2025-03-01", "people-2025-02-18", "geopolitechs-2025-02-17",
        "chosunbiz-2025-02-18", "alsin-alsharqalawsat-2025-02-18", "cna-2025-03-01",
    }  # fmt: skip


def test_a_groups_score_is_its_weakest_link():
    # Scores by the formula in timeline/database/duplicates.py, reasoned by hand: same day (dates 100).
    # "copy" words the title as a subset of "original" (token-set wording 100) with the same two actors
    # (100): 0.5*100 + 0.3*100 + 0.2*100 = 100. "partial" shares the title but only one of two actors
    # (50): 50 + 15 + 20 = 85. Neither number is the threshold, so the group's score must be the minimum.
    day = {"date_start": "2025-02-17", "date_end": "2025-02-17", "date_precision": "day", "category": "meeting"}
    title = "Xi Jinping meets private business leaders in Beijing"
    frame = make_events(
        {**day, "event_id": "original", "title": title, "actors": ("Xi Jinping", "Liang Wenfeng")},
        {
            **day,
            "event_id": "copy",
            "title": "Xi Jinping meets business leaders",
            "actors": ("Xi Jinping", "Liang Wenfeng"),
        },
        {**day, "event_id": "partial", "title": title, "actors": ("Xi Jinping", "Wang Xingxing")},
    )
    assert matches_for(frame, "original") == [("copy", 100.0), ("partial", 85.0)]
    [group] = find_duplicates(frame)
    assert (set(group.event_ids), group.score) == ({"original", "copy", "partial"}, 85.0)


def test_the_curated_events_alone_hold_no_duplicate():
    # Includes near misses: two travel-guidance facts of the same period and actor, same-day tariffs
    # by opposite sides, the Paris summit in the month of the WSJ report.
    assert find_duplicates(curated.load()) == []


def test_the_same_actor_meeting_different_people_on_the_same_day_is_not_one_event():
    # Made-up events: one leader's bilateral meetings on one day read alike but are distinct.
    meetings = make_events(
        *(
            {
                "event_id": event_id,
                "title": title,
                "summary": summary,
                "date_start": "2025-05-08",
                "date_end": "2025-05-08",
                "date_precision": "day",
                "category": "meeting",
                "actors": ("Xi Jinping", other),
            }
            for event_id, title, summary, other in [
                (
                    "xi-a",
                    "Xi Jinping holds talks with Vladimir Putin in Moscow",
                    "They signed a joint statement on their strategic partnership.",
                    "Vladimir Putin",
                ),
                (
                    "xi-b",
                    "Xi Jinping meets Brazil's president Lula in Moscow",
                    "They discussed trade between China and Brazil.",
                    "Lula",
                ),
                (
                    "xi-c",
                    "Xi Jinping meets Slovak prime minister Robert Fico",
                    "Xi Jinping met Robert Fico in Moscow.",
                    "Robert Fico",
                ),
            ]
        )
    )
    assert find_duplicates(meetings) == []


def test_the_paris_summit_never_joins_the_wsj_report(curated_and_candidates):
    for group in find_duplicates(curated_and_candidates):
        assert not {"paris-ai-action-summit", "wsj-ai-travel-guidance-report"} <= set(group.event_ids)
        assert "candidate-zawya-symposium-preview" not in group.event_ids


def test_the_wording_threshold_matters(curated_and_candidates):
    # With the bar at its floor everything of one category, date and actor joins: the threshold does the work.
    assert len(find_duplicates(curated_and_candidates, threshold=0)) > len(find_duplicates(curated_and_candidates))


def test_matches_for_one_report_are_its_direct_pairs_in_the_whole_frame(curated_and_candidates):
    # What the Review page asks for one candidate: the same answer as pairing it with every event in turn.
    events = curated_and_candidates
    for group in expected_groups().values():
        for event_id in group:
            matches = matches_for(events, event_id)
            assert matches == sorted(matches, key=lambda match: -match[1])
            pairwise = []
            for other in events["event_id"]:
                found = find_duplicates(events[events["event_id"].isin([event_id, other])]) if other != event_id else []
                pairwise += [(other, found[0].score)] if found else []
            assert sorted(matches) == sorted(pairwise) and {match for match, _ in matches} <= group
    assert matches_for(curated.load(), "paris-ai-action-summit") == []
    with pytest.raises(KeyError, match="no event 'nowhere'"):
        matches_for(events, "nowhere")
