"""Short mentions resolved to an actor named earlier in the article: surnames, definite descriptions, pronouns."""

import datetime as dt

import pytest

from loaders.articles import extract_events
from timeline.actors import Actor, ActorRegistry

PUBLISHED = dt.date(2025, 3, 1)
REGISTRY = ActorRegistry(
    [Actor("Meng Wanzhou", "person", "CN", {"ar": ("منغ وانتشو",), "zh": ("孟晚舟",)})]
)  # fmt: skip


def actors_of(text: str, language: str) -> list[tuple[str, ...]]:
    frame = extract_events(text, PUBLISHED, language, registry=REGISTRY)
    return [tuple(actors) for actors in frame["actors"]]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # A registry person in East Asian order: the family name comes first.
        ("en", "Meng Wanzhou left Vancouver in September 2021. Meng returned to court on 3 January 2022.",
         [("Meng Wanzhou",), ("Meng Wanzhou",)]),
        ("ar", "غادرت منغ وانتشو فانكوفر في سبتمبر 2021. ومثلت منغ أمام المحكمة في 3 يناير 2022.",
         [("Meng Wanzhou",), ("Meng Wanzhou",)]),
        # A proposed person: the last word of the name as written.
        ("en", "Commerce Secretary Gina Raimondo spoke in May 2023. Raimondo signed the order on 4 June 2023.",
         [("Gina Raimondo",), ("Gina Raimondo",)]),
    ],
)  # fmt: skip
def test_a_surname_names_the_person_named_before(language, text, expected):
    assert actors_of(text, language) == expected


def test_a_surname_shared_by_two_earlier_people_names_neither():
    text = (
        "Commerce Secretary Gina Raimondo and Senator Tom Raimondo met in May 2023. "
        "Raimondo signed the order on 4 June 2023."
    )
    assert actors_of(text, "en")[-1] == ()


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        ("en", "Intel reported results. The company cut 15,000 jobs on 1 August 2024.", ("Intel",)),
        ("ar", "أعلنت إنتل نتائجها. وخفضت الشركة 15 ألف وظيفة في 1 أغسطس 2024.", ("إنتل",)),
        ("zh", "英特尔公布业绩。该公司于2024年8月1日宣布裁员。", ("英特尔",)),
        ("en", "The Ministry of Commerce issued a notice. The ministry added 12 firms to its list on 4 March 2025.",
         ("Ministry of Commerce",)),
        # A sentence that names a company itself keeps its own.
        ("en", "Intel reported results. The company said Nvidia would buy a stake on 18 September 2025.", ("Nvidia",)),
    ],
)  # fmt: skip
def test_a_definite_description_names_the_latest_actor_of_its_kind(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        ("en", "Commerce Secretary Gina Raimondo visited Beijing. She met officials on 28 August 2023.",
         ("Gina Raimondo",)),
        ("zh", "孟晚舟抵达深圳。她于2021年9月25日发表讲话。", ("Meng Wanzhou",)),
        # "They" and 他们 name no one person; two people in the previous sentence leave "She" unresolved.
        ("zh", "孟晚舟抵达深圳。他们于2021年9月25日发表讲话。", ()),
        ("en", "Gina Raimondo and Janet Yellen visited Beijing. She met officials on 28 August 2023.", ()),
    ],
)  # fmt: skip
def test_a_pronoun_subject_names_the_one_person_of_the_previous_sentence(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A Han name named once after a title is the same person when written again without it.
        ("前总统尹锡悦2024年12月3日宣布戒严。尹锡悦2025年1月15日被拘捕。", [("尹锡悦",), ("尹锡悦",)]),
        # A dotted foreign name: its last part alone.
        ("首相鲍里斯·约翰逊2020年1月28日作出决定。约翰逊2020年7月14日改变立场。",
         [("鲍里斯·约翰逊",), ("鲍里斯·约翰逊",)]),
    ],
)  # fmt: skip
def test_a_han_name_written_again_names_the_person(text, expected):
    assert actors_of(text, "zh") == expected


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        # A body of the organisation kind referred back to by its common noun.
        ("ar", "فرضت المفوضية الأوروبية غرامة في 4 مارس 2024. وكانت المفوضية قد فتحت تحقيقا في يونيو 2020.",
         ("المفوضية الأوروبية",)),
        ("en", "NATO admitted Sweden on 7 March 2024. The alliance had invited it in July 2023.", ("NATO",)),
        # A possessive pronoun opening a sentence is the one person of the previous sentence.
        ("en", "Foreign Minister Penny Wong spoke on 3 May 2023. Her visit began on 4 May 2023.", ("Penny Wong",)),
    ],
)  # fmt: skip
def test_references_to_bodies_and_possessive_pronouns(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        # Common nouns for a central bank, a council and a court refer back to the body named before.
        ("en", "The Bank of England raised rates in May 2023. The central bank had cut them in March 2020.",
         ("Bank of England",)),
        ("en", "The Constitutional Council was asked to rule. The council ruled on 14 April 2023.",
         ("Constitutional Council",)),
        ("zh", "中国人民银行9月24日宣布降准。央行2月5日已降准一次。", ("中国人民银行",)),
        ("ar", "أصدرت محكمة العدل الدولية قرارا في 26 يناير 2024. واستمعت المحكمة إلى المرافعات في 11 يناير 2024.",
         ("محكمة العدل الدولية",)),
    ],
)  # fmt: skip
def test_bodies_referred_back_to_by_their_common_noun(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        # Words of time may open the sentence before its pronoun subject.
        ("en", "Commerce Secretary Gina Raimondo visited Beijing. Earlier on Monday she met officials in Shanghai.",
         ("Gina Raimondo",)),
        ("en", "Commerce Secretary Gina Raimondo visited Beijing. On 28 August 2023, she met officials.",
         ("Gina Raimondo",)),
        ("zh", "孟晚舟抵达深圳。今天，她发表讲话。", ("Meng Wanzhou",)),
        # A name opening the sentence is not a time phrase: the pronoun after it is someone else's.
        ("en", "Commerce Secretary Gina Raimondo visited Beijing. Officials said on Monday he had left.", ()),
    ],
)  # fmt: skip
def test_a_pronoun_subject_after_words_of_time(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last


@pytest.mark.parametrize(
    ("text", "expected_last"),
    [
        # A verb opening the sentence, a particle after it: the one person of the previous sentence.
        ("وصل وزير الخارجية فيصل بن فرحان إلى دمشق في 24 يناير 2025. وبحث في اليوم نفسه مع المسؤولين رفع العقوبات.",
         ("فيصل بن فرحان",)),
        # A noun after the verb is its subject: nothing is carried.
        ("وصل وزير الخارجية فيصل بن فرحان إلى دمشق في 24 يناير 2025. وقال الناطق في اليوم نفسه إن الزيارة مهمة.",
         ()),
    ],
)  # fmt: skip
def test_an_arabic_verb_carries_the_subject_of_the_previous_sentence(text, expected_last):
    assert actors_of(text, "ar")[-1] == expected_last


@pytest.mark.parametrize(
    ("language", "text", "expected_last"),
    [
        # An acronym of a body named in full before.
        ("en", "The Royal Canadian Mounted Police made arrests. RCMP Commissioner Mike Duheme spoke on 14 October 2024.",
         ("Mike Duheme", "Royal Canadian Mounted Police")),
        # A Chinese body named again without its country, alone or after words that open no name.
        ("zh", "美国演员工会宣布罢工。演员工会2023年7月14日开始罢工。", ("美国演员工会",)),
        ("zh", "法国国民议会通过动议。总理2024年12月2日未经国民议会表决通过法案。", ("法国国民议会",)),
        # A body whose name ends like the earlier one's but opens with another name is another body.
        ("zh", "爱尔兰数据保护委员会宣布罚款。欧洲数据保护委员会2023年4月13日作出决定。", ("欧洲数据保护委员会",)),
    ],
)  # fmt: skip
def test_a_body_named_in_full_then_by_a_short_form(language, text, expected_last):
    assert actors_of(text, language)[-1] == expected_last
