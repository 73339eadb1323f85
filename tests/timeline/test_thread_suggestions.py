"""Stage words per language, and which threads a new event is suggested for."""

import pandas as pd
import pytest

from tests.conftest import make_events
from timeline.thread_suggestions import guess_stage, suggest, suggest_by_actor, thread_index


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US rescinds the AI diffusion rule", "rescinded"),
        ("China suspends its gallium export ban", "suspended"),
        ("Gallium export controls take effect", "in_force"),
        ("US raises tariffs on Chinese goods to 25%", "amended"),
        ("China issues interim measures for generative AI", "published"),
        ("MOFCOM announces licences for graphite", "announced"),
        ("Draft rules for AI labelling", "proposed"),
        ("ألغت وزارة التجارة القاعدة", "rescinded"),
        ("تدخل القيود حيز التنفيذ في الأول من أغسطس", "in_force"),
        ("أعلنت الصين قيودا على تصدير الغاليوم", "announced"),
        ("管理办法自8月15日起施行", "in_force"),
        ("商务部宣布对镓锗实施出口管制", "announced"),
        ("商务部暂停实施相关措施", "suspended"),
    ],
)
def test_stage_words_in_english_arabic_and_chinese(text, expected):
    assert guess_stage(text) == expected


def test_without_a_telling_word_the_threads_progress_decides():
    assert guess_stage("Chip rules for data centres", ["published"]) == "amended"
    assert guess_stage("Chip rules for data centres", []) == "announced"


@pytest.fixture
def thread_events() -> pd.DataFrame:
    rows = [
        ("minerals", "announced", "ga-announced", "China announces gallium and germanium export controls", "export_control", ("MOFCOM",), "2023-07-03"),
        ("minerals", "in_force", "ga-effective", "Gallium and germanium export controls take effect", "export_control", ("MOFCOM",), "2023-08-01"),
        ("meng", "enforced", "meng-detained", "Meng Wanzhou detained in Canada", "detention", ("Meng Wanzhou",), "2018-12-01"),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["thread_id", "stage", "event_id", "title", "category", "actors", "date_start"])
    return frame.assign(date_start=pd.to_datetime(frame["date_start"]))


def new_event(event_id, title, category, actors, day="2025-11-09"):
    return {
        "event_id": event_id,
        "title": title,
        "date_start": day,
        "date_end": day,
        "date_precision": "day",
        "category": category,
        "actors": actors,
    }


def test_an_event_sharing_category_actors_and_wording_is_suggested_with_its_stage(thread_events):
    fresh = make_events(
        new_event("ga-suspended", "China suspends gallium and germanium export ban", "export_control", ("MOFCOM",))
    )
    (found,) = suggest(fresh, thread_events)
    assert (found.event_id, found.thread_id, found.stage) == ("ga-suspended", "minerals", "suspended")
    assert found.score > 0.8
    assert found.reason.startswith("same category; shares MOFCOM; wording")


def test_an_unrelated_event_gets_no_suggestion_and_a_linked_one_is_not_suggested_again(thread_events):
    fresh = make_events(
        new_event("model", "DeepSeek releases a model", "model_release", ("DeepSeek",)),
        new_event("ga-effective", "Gallium and germanium export controls take effect", "export_control", ("MOFCOM",)),
    )
    assert suggest(fresh, thread_events) == []


def test_a_weak_match_stays_below_the_threshold(thread_events):
    # Same category only, different actors and wording.
    fresh = make_events(
        new_event("tariff", "Soybean duties on US farm goods", "export_control", ("Government of Brazil",))
    )
    assert suggest(fresh, thread_events) == []


def test_a_large_batch_is_scored_against_the_threads_of_its_actors_only(thread_events):
    fresh = make_events(
        new_event("ga-suspended", "China suspends gallium and germanium export ban", "export_control", ("MOFCOM",)),
        # Same category and wording, no shared actor: the per-event path scores it, the batched one skips it.
        new_event("ga-other", "China suspends gallium and germanium export ban", "export_control", ("Xi Jinping",)),
        new_event("nobody", "A statement", "statement", ()),
    )
    index = thread_index(thread_events)
    assert [(found.event_id, found.thread_id) for found in suggest_by_actor(fresh, index)] == [
        ("ga-suspended", "minerals")
    ]
    assert {found.event_id for found in suggest(fresh, thread_events)} == {"ga-suspended", "ga-other"}
    assert suggest_by_actor(fresh.iloc[2:], index) == []
