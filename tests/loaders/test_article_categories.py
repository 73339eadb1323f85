"""The category from the trigger nearest the date in its clause, per language; `other` rather than a guess."""

import pytest

from loaders import arabic
from loaders.article_categories import category_for


def category(sentence: str, language: str, date_words: str) -> str:
    text = arabic.normalize(sentence)
    start = text.index(arabic.normalize(date_words))
    return category_for(text, language, start, start + len(arabic.normalize(date_words)))[0]


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        ("en", "The Commerce Department imposed new export controls on Tuesday.", "on Tuesday", "export_control"),
        ("en", "The two ministers signed a trade agreement on 3 May.", "on 3 May", "agreement"),
        ("en", "Police detained the engineer on Friday.", "on Friday", "detention"),
        ("en", "A court indicted the executive last week.", "last week", "legal_action"),
        ("en", "Thousands joined a protest in the capital on Sunday.", "on Sunday", "protest"),
        # A speech verb decides only when nothing stronger is in the clause.
        ("en", "The minister said on Monday that the plan was on track.", "on Monday", "statement"),
        ("en", "On Monday, the ministry imposed tariffs on steel.", "On Monday", "tariff"),
        ("ar", "فرضت الحكومة رسوما جمركية جديدة يوم الأحد.", "يوم الأحد", "tariff"),
        ("ar", "وقّع البلدان اتفاقية تجارية في 3 مايو.", "في 3 مايو", "agreement"),
        ("ar", "أعلنت وزارة التجارة قيودا على تصدير الغاليوم في اليوم التالي.", "في اليوم التالي", "export_control"),
        ("ar", "اعتقلت السلطات المهندس يوم الجمعة.", "يوم الجمعة", "detention"),
        # «وزارة» holds the letters of «زار» (visited): not a visit.
        ("ar", "قالت وزارة الخارجية يوم الجمعة إن الموقف لم يتغير.", "يوم الجمعة", "statement"),
        ("zh", "商务部4日宣布对稀土实施出口管制。", "4日", "export_control"),
        ("zh", "两国元首5月8日在莫斯科会谈。", "5月8日", "meeting"),
        # The topic noun wins over "takes effect".
        ("zh", "荷兰的出口管制于9月1日生效。", "9月1日", "export_control"),
        ("zh", "该公司3月发布了新的推理模型。", "3月", "model_release"),
        ("zh", "两国领导人3月10日通电话。", "3月10日", "meeting"),
        ("ar", "تظاهر آلاف المحتجين في العاصمة يوم السبت.", "يوم السبت", "protest"),
    ],
)  # fmt: skip
def test_trigger_decides_the_category(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words"),
    [
        ("en", "Shares of the chipmaker climbed on Monday.", "on Monday"),
        ("ar", "هوى سهم الشركة في التداولات يوم الإثنين.", "يوم الإثنين"),
        ("zh", "该应用本周一登上榜首。", "本周一"),
    ],
)
def test_no_trigger_is_other(language, sentence, date_words):
    assert category(sentence, language, date_words) == "other"
