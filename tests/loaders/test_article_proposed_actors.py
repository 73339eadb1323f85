"""Actors the registry lacks, found by their cue: role words, organisation words, capitalised names."""

import pytest

from loaders import arabic
from loaders.article_proposed_actors import _arabic_roles, _cues, _english_roles, propose


def proposals(sentence: str, language: str) -> list[tuple[str, str]]:
    text = arabic.normalize(sentence)
    return [(text[found.start : found.end], found.kind) for found in propose(text, 0, len(text), language, [])]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # A role word or title before a name: a person.
        ("en", "Cambricon CEO Chen Tianshi met officials on Friday.", [("Chen Tianshi", "person")]),
        ("en", "The talks were led by Commerce Secretary Gina Raimondo.", [("Gina Raimondo", "person")]),
        ("ar", "قال الرئيس التنفيذي لشركة كامبريكون تشن تيانشي إن الطلب قوي.", [("تشن تيانشي", "person")]),
        ("ar", "التقى الرئيس السوري أحمد الشرع بالوفد.", [("احمد الشرع", "person")]),
        ("ar", "وشارك في ندوة عقدها رئيس مجلس الدولة لي تشيانغ أمس.",
         [("مجلس الدوله", "government_body"), ("لي تشيانغ", "person")]),  # the body the person heads, then the name
        ("ar", "وأعلنت شركة \"هيوماين\" السعودية الصفقة.", [("هيوماين", "company")]),  # quotes around the name
        ("zh", "寒武纪总裁陈天石表示需求强劲。", [("陈天石", "person")]),
        ("zh", "美国总统拜登前年签署法案。", [("拜登", "person")]),  # 前年 is a time word, not part of the name
        # A foreign name in Han characters joins its parts with a middle dot: one person, without the
        # title before it or the verb after it; 和 between two such names separates them.
        ("zh", "英国首相鲍里斯·约翰逊表示将禁止设备。", [("鲍里斯·约翰逊", "person")]),
        ("zh", "他会见了詹妮弗·纽斯特德和尼克·克莱格。", [("詹妮弗·纽斯特德", "person"), ("尼克·克莱格", "person")]),
        ("zh", "首席隐私官詹妮弗·纽斯特德表示将上诉。", [("詹妮弗·纽斯特德", "person")]),  # a title not listed
        # Arabic names: a line of descent (بن) and a family written apart (آل) stay in the name; a noun
        # in ة after a two-word name does not.
        ("ar", "وهنأ الشيخ محمد بن راشد آل مكتوم الفريق.", [("محمد بن راشد ال مكتوم", "person")]),
        ("ar", "وقع رئيس الوزراء أولف كريسترسون وثيقة الانضمام.", [("اولف كريسترسون", "person")]),
        # A title before a name, with the role word holding a pronoun («رئيس وزرائها»).
        ("ar", "وسلم رئيس وزرائها أولف كريسترسون الوثيقة.", [("اولف كريسترسون", "person")]),
        ("en", "Chancellor Olaf Scholz said the bill would pass.", [("Olaf Scholz", "person")]),
        # A lone capitalised word followed by a verb of doing, after a common noun that opens the sentence.
        ("en", "Shares of Wingtech fell 10% on Monday.", [("Wingtech", "organisation")]),
        # An organisation word: a body, with the words that complete its name.
        ("en", "The Bureau of Industry and Security published the rule.", [("Bureau of Industry and Security", "government_body")]),
        # ... also in the plural ("Centres"), which keeps "and Prevention" in the name.
        ("en", "The Africa Centres for Disease Control and Prevention declared an emergency.",
         [("Africa Centres for Disease Control and Prevention", "organisation")]),
        ("ar", "أعلنت وزارة التجارة الصينية قيودا جديدة.", [("وزاره التجاره الصينيه", "government_body")]),
        ("zh", "美国商务部发布新规。", [("美国商务部", "government_body")]),
        # Two bodies joined by "and" are two names.
        ("ar", "أعلنت وزارة التجارة والإدارة العامة للجمارك القرار.",
         [("وزاره التجاره", "government_body"), ("الاداره العامه للجمارك", "government_body")]),
        # A run of capitalised words: a person's name.
        ("en", "Officials said Maria Lopez would attend.", [("Maria Lopez", "person")]),
    ],
)  # fmt: skip
def test_cues_find_unknown_actors(language, sentence, expected):
    assert proposals(sentence, language) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # A listed company needs no cue; the person after the role word is still found.
        ("en", "Nvidia CEO Jensen Huang met officials on Friday.", [("Nvidia", "company"), ("Jensen Huang", "person")]),
        ("en", "Intel cut its forecast on Thursday.", [("Intel", "company")]),
        ("ar", "وخفضت إنتل توقعاتها يوم الخميس.", [("انتل", "company")]),
        ("zh", "英伟达总裁黄仁勋表示需求强劲。", [("英伟达", "company"), ("黄仁勋", "person")]),
    ],
)  # fmt: skip
def test_listed_organisations_are_proposed_without_a_cue(language, sentence, expected):
    assert proposals(sentence, language) == expected


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The Paris AI Action Summit opened on Monday."),  # an event's name
        ("en", "On Monday and Tuesday in March the talks went on."),  # months and weekdays
        ("zh", "全部内部人员都参加了会议。"),  # 部 in 全部, 内部 is not a ministry
        ("ar", "ألغى مؤسس إحدى كبرى شركات الذكاء الاصطناعي رحلته."),  # "one of the biggest" is no name
        ("ar", "خلال إدارة الرئيس الأميركي السابق"),  # an administration named by its president
        ("ar", "وأطلقت الشركة نموذجها الجديد."),  # "the company", already named
        ("en", "Washington added the firms to the Entity List."),  # a list, not an actor
    ],
)
def test_words_that_are_not_actors(language, sentence):
    assert proposals(sentence, language) == []


@pytest.mark.parametrize(
    ("text", "known_name", "known_kind", "expected"),
    [
        ("与美國司法部達成協議", "美國", "government_body", ["美國司法部"]),  # the ministry, not the country
        ("英伟达公司发布声明", "英伟达", "company", []),  # the company word adds nothing to a known company
        ("她乘坐中國政府包機返回", "中國政府", "government_body", []),  # a verb before a known name is no body
    ],
)
def test_a_known_name_inside_a_proposal(text, known_name, known_kind, expected):
    first = text.index(known_name)
    found = propose(text, 0, len(text), "zh", [(first, first + len(known_name), known_kind)])
    assert [text[item.start : item.end] for item in found] == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # A body named by its organisation word around a listed body's name is another body.
        ("zh", "欧盟法院7月16日作出裁决。", [("欧盟法院", "government_body")]),
        ("ar", "قضت محكمة الاتحاد الأوروبي بإلغاء الاتفاق.", [("محكمه الاتحاد الاوروبي", "government_body")]),
        ("ar", "اعتمده المجلس الأوروبي لحماية البيانات في أبريل.", [("المجلس الاوروبي لحمايه البيانات", "government_body")]),
        # One definite complement says what the listed body acts on: still the listed body.
        ("ar", "دخل قانون الاتحاد الأوروبي للذكاء الاصطناعي حيز التنفيذ.", [("الاتحاد الاوروبي", "organisation")]),
        ("en", "The European Data Protection Board ruled in April.", [("European Data Protection Board", "government_body")]),
    ],
)  # fmt: skip
def test_a_longer_body_holds_a_listed_name(language, sentence, expected):
    assert proposals(sentence, language) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # Particles inside a person's name, and titles before it.
        ("en", "Luiz Inácio Lula da Silva was sworn in on Sunday.", [("Luiz Inácio Lula da Silva", "person")]),
        ("en", "In Tehran, Supreme Leader Ayatollah Ali Khamenei spoke to students.", [("Ali Khamenei", "person")]),
        # A Japanese name of four characters ends before a date; a longer run keeps three.
        ("zh", "前首相岸田文雄8月14日宣布不再参选。", [("岸田文雄", "person")]),
        ("zh", "英国数字大臣道登当天通报了决定。", [("道登", "person")]),
        # A name before «، رئيس ...» is the person the role describes; «إنها» ends a name.
        ("ar", "بينما قال كينت ووكر، رئيس الشؤون العالمية في الشركة، إنها ستستأنف.", [("كينت ووكر", "person")]),
        ("ar", "في خطوة قال الوزير ستيفن منوتشين إنها الأكبر.", [("ستيفن منوتشين", "person")]),
    ],
)  # fmt: skip
def test_names_particles_titles_and_appositions(language, sentence, expected):
    assert proposals(sentence, language) == expected


def test_a_company_after_its_country_and_a_central_bank_after_its_country():
    text = "德国戴姆勒公司今天宣布停止业务，伊朗中央银行也受制裁。"
    known = [(0, 2, "government_body"), (13, 15, "government_body")]
    found = [(text[p.start : p.end], p.kind) for p in propose(text, 0, len(text), "zh", known)]
    assert found == [("戴姆勒公司", "company"), ("伊朗中央银行", "government_body")]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # Quoted company names after a company word, a second one joined by و, stop words inside quotes.
        ("ar", 'وأضافت الوزارة شركتا "بيوتك" و"سايكارير" إلى القائمة.', [("بيوتك", "company"), ("سايكارير", "company")]),
        ("ar", 'وأدرجت شركتي "بي في إتش" على القائمة.', [("بي في اتش", "company")]),
        # A role with a possessive pronoun; a word in ة after a name with بن is a noun.
        ("ar", "بحضور رئيسها التنفيذي جنسن هوانغ.", [("جنسن هوانغ", "person")]),
        ("ar", "وقّع مع ولي العهد الأمير محمد بن سلمان وثيقة شراكة.", [("محمد بن سلمان", "person")]),
        # People named by what they do.
        ("ar", "أعدّه فريق برئاسة الباحث الكندي يوشوا بنجيو.", [("يوشوا بنجيو", "person")]),
        ("zh", "经济学家林毅夫表示前景乐观。", [("林毅夫", "person")]),
        # A kind of company before a name, or an appositive after one, says what the name is.
        ("en", "It was backed by the hedge fund High-Flyer in 2023.", [("High-Flyer", "company")]),
        ("en", "The money came from High-Flyer, the quantitative hedge fund he co-founded.", [("High-Flyer", "company")]),
        ("en", "On Monday Wei, the chief executive, spoke.", [("Wei", "person")]),
        ("en", "In Paris, the French capital, talks began.", []),
        # The agent of a passive is a name.
        ("en", "Nexperia has been owned by Wingtech since 2019.", [("Nexperia", "company"), ("Wingtech", "organisation")]),
    ],
)  # fmt: skip
def test_quoted_names_possessive_roles_occupations_and_agents(language, sentence, expected):
    assert proposals(sentence, language) == expected


def test_english_role_words_are_found_whole_and_longest_first():
    lowered = "the chief executive officer and the spokesman, not the spokesmanship, met the us.ambassador."
    roles = [role for _, role in _english_roles(lowered)]
    assert "chief executive officer" in roles
    assert roles.count("spokesman") == 1  # "spokesmanship" continues the word
    spaced = [role for _, role in _english_roles("the chief  executive officer said")]
    assert spaced == [role for _, role in _english_roles("the chief executive officer said")]


def test_arabic_role_words_are_found_with_their_attached_letters_only():
    roles = _cues("ar").roles
    sentence = arabic.normalize("قال الرئيس التنفيذي للشركة ووزير الخارجية إن المستشارين سيجتمعون")
    found = [match.group("role") for match in _arabic_roles(sentence, 0, len(sentence))]
    assert found == [match.group("role") for match in roles.finditer(sentence)]
    assert len(found) == 2  # the chief executive, then the minister after و


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # Broad role words and organisation words of each language.
        ("en", "The bill was backed by Congresswoman Nancy Pelosi in 2022.", ("Nancy Pelosi", "person")),
        ("en", "Bayer AG cut its forecast in July 2023.", ("Bayer AG", "company")),
        ("ar", "استقبل العاهل الأردني عبدالله الثاني الوفد أمس.", ("عبدالله الثاني", "person")),
        ("zh", "长城汽车2024年在泰国扩建工厂。", ("长城汽车", "company")),
    ],
)
def test_broad_role_and_organisation_words(language, sentence, expected):
    assert arabic.normalize(expected[0]) in [name for name, _ in proposals(sentence, language)]
    assert (arabic.normalize(expected[0]), expected[1]) in proposals(sentence, language)


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("zh", "行政长官李家超宣布条例将于23日生效。", ("李家超", "person")),
        ("zh", "全国人大常委会2020年6月30日通过该法。", ("全国人大常委会", "government_body")),
        ("zh", "欧委会去年10月4日发起调查。", ("欧委会", "government_body")),
        ("en", "The Fed's next meeting is on Nov. 6.", ("Fed", "government_body")),
    ],
)
def test_more_role_words_bodies_and_short_names(language, sentence, expected):
    assert (arabic.normalize(expected[0]), expected[1]) in proposals(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Adjectives of the role before the name: new, former, current, elected.
        ("أدى الرئيس الإيراني الجديد مسعود بزشكيان أمس اليمين.", "مسعود بزشكيان"),
        # A compound first name with عبد or أبو is not cut at its second half.
        ("أدت الحكومة اليمين أمام الرئيس عبد الفتاح السيسي أمس الأربعاء.", "عبد الفتاح السيسي"),
        ("قال الأمين العام أحمد أبو الغيط أمس إن الاجتماع مهم.", "أحمد أبو الغيط"),
        # A particle before the verb ends the name.
        ("وكان الرئيس قيس سعيد قد نشر نص المشروع في 30 يونيو.", "قيس سعيد"),
        # An astronaut is named by what they do.
        ("عاد رائد الفضاء الإماراتي سلطان النيادي إلى الأرض أمس.", "سلطان النيادي"),
    ],
)
def test_arabic_name_edges(sentence, expected):
    assert (arabic.normalize(expected), "person") in proposals(sentence, "ar")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Particles of European names do not count among the name's words: the family name follows them.
        ("وقعت رئيسة المفوضية الأوروبية أورسولا فون دير لاين الاتفاق أمس.", "أورسولا فون دير لاين"),
        # «برئاسة» ("headed by") names the person who heads a body.
        ("أدت الحكومة الجديدة برئاسة مصطفى مدبولي اليمين الدستورية.", "مصطفى مدبولي"),
    ],
)
def test_arabic_name_particles_and_the_head_of_a_body(sentence, expected):
    assert (arabic.normalize(expected), "person") in proposals(sentence, "ar")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A foreign name written by sound runs past a character that is a stop elsewhere (尼).
        ("总理阿尔巴尼斯当晚在堪培拉发表讲话。", [("阿尔巴尼斯", "person")]),
        ("乌克兰总统泽连斯基会见了代表团。", [("泽连斯基", "person")]),
        # A Chinese name keeps its two or three characters.
        ("外交部发言人毛宁说。", [("外交部", "government_body"), ("毛宁", "person")]),
        # A dotted name whose part is hyphenated is one name.
        ("白宫新闻秘书卡琳·让-皮埃尔同日表示。", [("白宫", "government_body"), ("卡琳·让-皮埃尔", "person")]),
    ],
)
def test_chinese_names_written_by_sound(sentence, expected):
    assert proposals(sentence, "zh") == expected


def test_a_listed_name_holds_its_country_wherever_it_stands():
    # "Japan" closes "Bank of Japan": the listed bank is the actor, not the country it holds.
    text = "The Bank of Japan raised interest rates on Tuesday."
    first = text.index("Japan")
    found = propose(text, 0, len(text), "en", [(first, first + len("Japan"), "country")])
    assert [text[item.start : item.end] for item in found] == ["Bank of Japan"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A family name of origin in ي after two words («السوداني») closes a three-word name.
        ("منح المجلس الثقة لحكومة رئيس الوزراء المكلف محمد شياع السوداني مساء أمس.", "محمد شياع السوداني"),
        # A line of descent after a family word goes on («الثاني ابن الحسين»).
        ("أدت الحكومة اليمين أمام الملك عبد الله الثاني ابن الحسين أمس.", "عبد الله الثاني ابن الحسين"),
        # After «الشيخ», family names with ال follow one another.
        ("أعلن أمير الكويت الشيخ مشعل الأحمد الجابر الصباح مساء أمس حل المجلس.", "مشعل الأحمد الجابر الصباح"),
        ("أدى السلطان هيثم بن طارق آل سعيد اليمين أمس.", "هيثم بن طارق آل سعيد"),
        # A definite noun after a two-word name is no part of it.
        ("أدت الحكومة برئاسة جعفر حسان اليمين الدستورية أمس.", "جعفر حسان"),
    ],
)
def test_arabic_names_of_four_words_and_more(sentence, expected):
    assert (arabic.normalize(expected), "person") in proposals(sentence, "ar")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A name written by sound may open with a character common in Chinese names (施).
        ("德国总统施泰因迈尔7日颁发了证书。", ("施泰因迈尔", "person")),
        # 主席 and 总督 are titles before a dotted name; a last part written by sound ends with its sounds.
        ("该党议会党团主席玛丽娜·勒庞同日表示。", ("玛丽娜·勒庞", "person")),
        ("他于3月14日宣誓就职，由总督玛丽·西蒙监誓。", ("玛丽·西蒙", "person")),
        ("社长内田诚将卸任，由首席规划官伊万·埃斯皮诺萨接任。", ("伊万·埃斯皮诺萨", "person")),
        # 党 closes the name of a party.
        ("联盟党与社民党5日签署协议。", ("社民党", "organisation")),
    ],
)
def test_chinese_names_after_titles_and_parties(sentence, expected):
    assert expected in proposals(sentence, "zh")


def test_a_general_party_is_no_name():
    assert [
        name for name, _ in proposals("三党联合政府于2021年上台，该党表示支持。", "zh") if name.endswith("党")
    ] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A company word before "and" closes the first company's name; "U.S." is a word of the second.
        ("Nippon Steel and U.S. Steel sued on Monday.", [("Nippon Steel", "company"), ("U.S. Steel", "company")]),
        ("It sold the ports to Global Infrastructure Partners and Terminal Investment Limited on March 4.",
         [("Global Infrastructure Partners", "company"), ("Terminal Investment Limited", "company")]),
    ],
)  # fmt: skip
def test_two_companies_joined_by_and(sentence, expected):
    assert proposals(sentence, "en") == expected
