"""An announcement date and an entry-into-force date in one sentence: two candidates, told apart by stage."""

import datetime as dt

import pytest

from loaders.article_stages import date_stages, stage_pairs
from loaders.articles import extract_events

PUBLISHED = dt.date(2023, 7, 4)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("أعلنت الصين في 3 يوليو 2023 فرض قيود على تصدير الغاليوم تدخل حيز التنفيذ في 1 أغسطس.", "ar"),
        ("China announced on 3 July 2023 export controls on gallium that take effect on 1 August.", "en"),
        ("商务部于2023年7月3日宣布对镓实施出口管制，自2023年8月1日起施行。", "zh"),  # stage words after the dates
    ],
)
def test_one_sentence_gives_an_announcement_and_an_entry_into_force(sentence, lang):
    candidates = extract_events(sentence, PUBLISHED, lang=lang).set_index("event_id", drop=False)
    (pair,) = stage_pairs(candidates)
    assert str(candidates.loc[pair.announced, "date_start"].date()) == "2023-07-03"
    assert str(candidates.loc[pair.in_force, "date_start"].date()) == "2023-08-01"


def test_two_dates_without_stage_words_or_with_one_stage_make_no_pair():
    talks = extract_events("Talks were held on 3 July 2023 and again on 1 August.", PUBLISHED, lang="en")
    assert len(talks) == 2 and stage_pairs(talks) == []
    both = "The ministry announced on 3 July 2023 a plan and announced on 1 August a second one."
    assert stage_pairs(extract_events(both, PUBLISHED, lang="en")) == []


def test_the_nearest_stage_word_decides_each_date():
    sentence = "Rules that take effect on 1 August were announced on 3 July"
    assert date_stages(sentence, ["on 1 August", "on 3 July"], "en") == ["in_force", "announced"]
    assert date_stages(sentence, ["on 9 May"], "en") == [None]  # a date the sentence does not hold
