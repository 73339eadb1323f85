"""The bundled list of well-known organisations, found as whole words in each script."""

import pytest

from loaders import arabic
from loaders.article_gazetteer import gazetteer


def found(sentence: str) -> list[tuple[str, str]]:
    text = arabic.normalize(sentence)
    return [(text[start:end], kind) for start, end, kind in gazetteer().find(text)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Samsung and TSMC both reported on Tuesday.", [("Samsung", "company"), ("TSMC", "company")]),
        # A listed name inside a longer word is not a mention: Intel in Intelligence, Meta in Metaverse.
        ("Artificial Intelligence and the Metaverse were discussed.", []),
        # The longest listed name wins where two start together.
        ("The Supreme Court ruled.", [("Supreme Court", "government_body")]),
        ("The Court of International Trade ruled.", [("Court of International Trade", "government_body")]),
        # Kinds come from the list's heading: a news agency is media, an international body an organisation.
        ("Reuters reported that the World Trade Organization met.",
         [("Reuters", "media"), ("World Trade Organization", "organisation")]),
        # Arabic names after attached letters, and not inside a longer word.
        ("وقال البنك الدولي إن وإنتل وبالكونغرس", [("البنك الدولي", "organisation"), ("انتل", "company"),
                                                  ("الكونغرس", "government_body")]),
        # Han names anywhere, Latin names inside Han text.
        ("联合国秘书长与TSMC代表会面", [("联合国", "organisation"), ("TSMC", "company")]),
    ],
)  # fmt: skip
def test_listed_names_are_found_with_their_kind(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # More of the companies, public bodies and international bodies news names most.
        ("CFIUS reviewed the Toyota deal.", [("CFIUS", "government_body"), ("Toyota", "company")]),
        ("انضمت إيران إلى منظمة شنغهاي للتعاون عام 2023.", [("منظمه شنغهاي للتعاون", "organisation")]),
        ("英国下议院2020年通过了相关法案。", [("下议院", "government_body")]),
        # OPEC+ is the wider alliance, not OPEC; the World Health Assembly is a body, not a gathering.
        ("وقرر تحالف أوبك+ خفض الإنتاج", [("اوبك+", "organisation")]),
        ("世界卫生大会27日通过修正案。", [("世界卫生大会", "organisation")]),
    ],
)
def test_more_well_known_organisations(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize(
    ("written", "main"),
    [
        # A short name goes by its organisation's main name in the script it is written in.
        ("WHO", "World Health Organization"),
        ("EU", "European Union"),
        ("世卫组织", "世界卫生组织"),
        ("欧委会", "欧盟委员会"),
        ("美联储", "美国联邦储备委员会"),
        ("الناتو", "حلف شمال الأطلسي"),
        # The main name itself, a form as long as it (a traditional spelling) or longer stays as written.
        ("World Health Organization", None),
        ("歐盟執委會", None),
        ("Samsung Electronics", None),
    ],
)
def test_short_names_have_a_main_name(written, main):
    assert gazetteer().main_name(arabic.normalize(written)) == main
