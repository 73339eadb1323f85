"""Titles: the clause with the trigger, attributions and connectives stripped, at most MAX_TITLE characters."""

import pytest

from loaders.article_titles import MAX_TITLE
from loaders.articles import extract_events


def titles(text: str, published: str, language: str) -> dict[str, str]:
    frame = extract_events(text, published, language)
    return dict(zip(frame["date_text"], frame["title"], strict=True))


def test_the_title_is_the_trigger_clause_without_attribution():
    sentence = (
        "According to the report, the Commerce Department imposed new export controls on chips on Tuesday, "
        "a move that analysts had long expected and that several companies had lobbied against for months."
    )
    title = titles(sentence, "2023-10-20", "en")["on Tuesday"]
    assert title == "the Commerce Department imposed new export controls on chips on Tuesday"


def test_arabic_title_drops_the_attribution_and_keeps_the_event():
    sentence = "وبحسب التقرير، فرضت الحكومة رسوما جمركية جديدة على السيارات يوم الأحد، في خطوة أثارت قلق المصدّرين."
    title = titles(sentence, "2025-03-04", "ar")["يوم الأحد"]
    assert title == "فرضت الحكومة رسوما جمركية جديدة على السيارات يوم الأحد"


def test_chinese_title_drops_the_attribution():
    title = titles("据报道，商务部4日宣布对七类稀土实施出口管制。", "2025-04-05", "zh")["4日"]
    assert title == "商务部4日宣布对七类稀土实施出口管制"


@pytest.mark.parametrize(
    ("language", "text", "published"),
    [
        ("en", "On Monday " + "the ministry, which has long argued for tighter rules on many goods, " * 6 + "imposed tariffs.",
         "2025-03-05"),
        ("ar", "أعلنت الحكومة يوم الأحد " + "عن خطة طويلة تشمل قطاعات كثيرة ومتنوعة في أنحاء البلاد " * 5, "2025-03-04"),
        ("zh", "商务部4日宣布" + "对多种关键矿产和相关技术实施更加严格的出口管制措施" * 5 + "。", "2025-04-05"),
    ],
)  # fmt: skip
def test_titles_stay_short_and_in_the_article_language(language, text, published):
    for title in titles(text, published, language).values():
        assert 0 < len(title) <= MAX_TITLE
    assert len(" ".join(text.split())) > MAX_TITLE  # the quote stays whole
