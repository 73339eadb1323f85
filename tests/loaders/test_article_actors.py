"""Registry actors in a sentence: every alias in every language, every country's government, and spelling variants."""

import pytest

from loaders import arabic
from loaders.article_actors import NameFinder, actor_finder
from timeline.actors import Actor, ActorRegistry

REGISTRY = ActorRegistry(
    (
        Actor("Liang Wenfeng", "person", "CN", {"ar": ("ليانغ وينفنغ",), "zh": ("梁文锋",)}),
        Actor("Huawei", "company", "CN", {"ar": ("هواوي",), "zh": ("华为",)}),
    )
)


def actors_in(sentence: str) -> list[str]:
    normalized = arabic.normalize(sentence)
    return actor_finder(REGISTRY).find(normalized)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Governments come from pycountry's names and their Arabic and Chinese translations.
        ("أعلنت الحكومة اليابانية قيودا جديدة على الرقائق.", ["Government of Japan"]),
        ("ردّت كوريا الجنوبية على القرار بعد يومين.", ["Government of South Korea"]),
        ("日本政府宣布了新的出口规定。", ["Government of Japan"]),
        ("俄罗斯随即作出回应。", ["Government of Russia"]),
        ("The Philippines protested on Monday.", ["Government of the Philippines"]),
        # Shadda and hamza forms in pycountry's spelling do not stop a match.
        ("أصدرت الصين بيانا.", ["Government of China"]),
        # The plain name a newsroom uses, from the override table.
        ("Iran rejected the offer.", ["Government of Iran"]),
        ("中方宣布加征关税。", ["Government of China"]),
        # The adjective of a country's people, from the same data table.
        ("Dutch authorities blocked the sale on Sunday.", ["Government of the Netherlands"]),
        # Short names where the ISO name is formal: Brunei Darussalam, the Lao People's Democratic Republic.
        ("文莱和老挝完成了核准程序。", ["Government of Brunei", "Government of Laos"]),
        ("صادقت بروناي ولاوس على الاتفاق.", ["Government of Brunei", "Government of Laos"]),
    ],
)
def test_every_government_is_known_in_three_languages(sentence, expected):
    assert actors_in(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "التقى ليانغ وين فنغ المسؤولين.",  # spaced differently from the registry's «ليانغ وينفنغ»
        "التقى ليانج وينفنج المسؤولين.",  # ج for غ
        "وقال ليانغ وينفنغ إن الشركة ستواصل العمل.",
    ],
)
def test_arabic_names_match_across_transliteration_variants(sentence):
    assert actors_in(sentence) == ["Liang Wenfeng"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The summit was held in Beijing on Monday.", []),  # a place
        ("Beijing retaliated on Monday.", ["Government of China"]),  # the government
        ("عقد الاجتماع في بكين يوم الاثنين.", []),
        ("وردّت بكين يوم الاثنين.", ["Government of China"]),
        ("会议在北京举行。", []),
        ("The request came from Washington.", ["Government of the United States"]),  # "from" is not "in"
        ("美国宣布制裁三家中国企业。", ["Government of the United States"]),  # 中国企业: Chinese companies
    ],
)
def test_a_place_is_not_an_actor(sentence, expected):
    assert actors_in(sentence) == expected


def test_a_latin_name_inside_chinese_text_is_found():
    assert actors_in("华为公司与DeepSeek应用合作。") == ["Huawei"]
    assert ActorRegistry((Actor("DeepSeek", "company", "CN"),)) and actor_finder(
        ActorRegistry((Actor("DeepSeek", "company", "CN"),))
    ).find("DeepSeek应用程序登上榜首") == ["DeepSeek"]


def test_latin_names_are_found_whole_with_any_spacing():
    finder = NameFinder({"Intel": "Intel", "Commerce Department": "Department of Commerce", "Commerce": "trade"})
    sentence = "Intelligence officials said the Commerce Department and Intel met on Monday."
    assert finder.find(sentence) == ["Department of Commerce", "Intel"]  # not "Intel" in "Intelligence"
    assert finder.find("The Commerce  Department spoke.") == ["Department of Commerce"]  # a double space
