"""The category from the trigger nearest the date in its clause, per language; `other` rather than a guess."""

import pytest

from loaders import arabic
from loaders.article_categories import category_for
from loaders.article_rules import ASCII_LOWER, matchable


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
        # Words of each category that press of each language uses often.
        ("en", "Parliament ratified the amendment on Monday.", "on Monday", "legislation"),
        ("en", "The regulator imposed a penalty on the bank last week.", "last week", "legal_action"),
        ("en", "The board dismissed the chief executive on Friday.", "on Friday", "appointment"),
        ("en", "The group announced a takeover of the retailer on Tuesday.", "on Tuesday", "investment"),
        ("zh", "监管机构上月13日对该公司开出罚单。", "上月13日", "legal_action"),
        ("zh", "议会3日开始审议该草案。", "3日", "legislation"),
        ("zh", "总统5日宣誓就职。", "5日", "appointment"),
        ("zh", "该公司去年在越南建厂。", "去年", "investment"),
        ("ar", "وتسري القواعد الجديدة اعتبارا من الأول من يناير.", "اعتبارا من الأول من يناير", "legislation"),
        ("ar", "أصدرت المحكمة حكما ضد الشركة يوم الأحد.", "يوم الأحد", "legal_action"),
        # «الاجتماعي» is "social", not «اجتماع» (a meeting).
        ("ar", "يبدأ حظر التصنيف الاجتماعي في الثاني من فبراير.", "في الثاني من فبراير", "legislation"),
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


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # Common words of each category, with their endings and attached letters.
        ("en", "The regulator blacklisted three drone makers on Thursday.", "on Thursday", "entity_listing"),
        ("en", "The fund took a stake in the start-up in June.", "in June", "investment"),
        ("en", "A judge acquitted the former official on 9 May.", "on 9 May", "legal_action"),
        ("en", "The activist was jailed on Monday.", "on Monday", "detention"),
        ("ar", "وأدرجت واشنطن الشركتين على قائمتها يوم الثلاثاء.", "يوم الثلاثاء", "entity_listing"),
        ("ar", "واجتمع الوزيران في الرياض يوم الأحد.", "يوم الأحد", "meeting"),
        ("ar", "وصادق البرلمان على النص في 2 أبريل.", "في 2 أبريل", "legislation"),
        ("ar", "وانتخب المجلس رئيسا جديدا يوم الخميس.", "يوم الخميس", "appointment"),
        ("zh", "法院12日裁定该禁令无效。", "12日", "legal_action"),
        ("zh", "他于去年5月当选总统。", "去年5月", "appointment"),
        ("zh", "双方3日达成共识。", "3日", "agreement"),
        ("en", "The regulator opened an inquiry into the bank in August.", "in August", "legal_action"),
        ("en", "The two sides agreed on Wednesday to lower their duties.", "on Wednesday", "agreement"),
        ("en", "Trump replied on social media hours later.", "hours later", "statement"),
        ("en", "The ministry is ordering operators to stop buying the kit from 31 December.", "from 31 December",
         "legislation"),
        ("ar", "ووصف الوزير الحكم مساء أمس بأنه انتصار.", "مساء أمس", "statement"),
        ("zh", "大使同日在社交媒体上说，这是错误决定。", "同日", "statement"),
        ("zh", "中国去年4月15日交存了核准书。", "去年4月15日", "agreement"),
        ("en", "Rebels launched an incursion across the border on Sunday.", "on Sunday", "armed_clash"),
        ("en", "The minister reiterated the position on Tuesday.", "on Tuesday", "statement"),
        ("en", "The firm was sent to arbitration in May.", "in May", "legal_action"),
        ("ar", "وأعرب الوزير يوم الأحد عن قلقه.", "يوم الأحد", "statement"),
        ("ar", "وطعنت الشركة في الحكم يوم الثلاثاء.", "يوم الثلاثاء", "legal_action"),
        ("zh", "外交部12日强烈谴责这一做法。", "12日", "statement"),
        ("zh", "两家公司的纠纷5日提交仲裁。", "5日", "legal_action"),
        # «بالإضافة» ("in addition") holds the letters of «أضاف» ("he added"): no trigger at all.
        ("ar", "وبالإضافة إلى ذلك ارتفع السهم يوم الإثنين.", "يوم الإثنين", "other"),
    ],
)  # fmt: skip
def test_common_category_words_and_their_forms(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # A trigger in the event's setting says where or why; the clause's own verb says what.
        ("en", "Police arrested the engineer in Vancouver at the request of U.S. prosecutors last December.",
         "last December", "detention"),
        ("en", "The president was greeted at the Royal Court that morning.", "that morning", "visit"),
        ("ar", "اعتقلت الشرطة الناشط يوم الجمعة على هامش قمة المناخ.", "يوم الجمعة", "detention"),
        ("zh", "两国2020年11月15日在领导人会议上签署了文件。", "2020年11月15日", "agreement"),
        ("zh", "他周二在全体会议上发言。", "周二", "statement"),
        # A setting with nothing else in reach still names the event.
        ("en", "On Monday he spoke at a symposium in Beijing.", "On Monday", "meeting"),
    ],
)  # fmt: skip
def test_a_trigger_in_the_setting_gives_way(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # What a speaker says is still to come: the event of the date is the statement.
        ("en", "In January, the company said it would appeal the ruling.", "In January", "statement"),
        ("en", "The president will visit Beijing next month, officials said on Friday.", "on Friday", "statement"),
        # A measure announced is taken by the announcement.
        ("en", "The Commerce Department said on Tuesday it would add 140 companies to the Entity List.", "on Tuesday",
         "entity_listing"),
        ("ar", "وقالت الشركة في بيان بعد ساعات إنها ستطعن في القرار أمام القضاء.", "بعد ساعات", "statement"),
        ("zh", "该公司同日发表声明称将提起上诉。", "同日", "statement"),
        # Content told as done is the event; 模拟 ("analog") is no future word.
        ("en", "The ministry said on Friday it had imposed tariffs on steel.", "on Friday", "tariff"),
        ("zh", "商务部13日宣布，对进口模拟芯片发起反倾销调查。", "13日", "legal_action"),
    ],
)  # fmt: skip
def test_a_speech_verb_dates_what_is_still_to_come(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # A speech verb right beside the date is what the date dates, whatever it reports.
        ("en", "The agency's chief said on Saturday that Iran had agreed to let inspectors return.", "on Saturday",
         "statement"),
        ("zh", "该公司总裁当天表示，对法院的裁决深感遗憾。", "当天", "statement"),
        # Not one a few words away, nor one that enacts what it tells, nor a measure or figures made public.
        ("en", "The agency's chief said the two sides signed an agreement on Saturday.", "on Saturday", "agreement"),
        ("en", "The regulator announced on Friday an investigation into the merger.", "on Friday", "legal_action"),
        ("zh", "岸田文雄8月14日宣布，内阁将发起调查。", "8月14日", "legal_action"),
        ("en", "The ministry said on Friday it had imposed sanctions on three banks.", "on Friday", "sanction"),
    ],
)  # fmt: skip
def test_a_speech_verb_beside_the_date_dates_it(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


def test_firefighters_fight_no_battle():
    # "firefight" (an exchange of fire) takes no ending: "firefighters" are no armed clash.
    assert (
        category("Firefighters were still struggling on Thursday to contain the blaze.", "en", "on Thursday") == "other"
    )
    assert category("Troops were caught in a firefight on Thursday.", "en", "on Thursday") == "armed_clash"


def test_english_is_matched_in_ascii_lower_case_only():
    sentence = "ÉLYSÉE said on Tuesday the İstanbul talks would resume in “March”."
    assert matchable(sentence, "en") == sentence.translate(ASCII_LOWER)
    assert matchable(sentence, "en").startswith("ÉlysÉe said")
    assert matchable("قال الوزير", "ar") == "قال الوزير"


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # Broad words of each category, beyond those of the labelled passages.
        ("en", "Boeing machinists walked out on 13 September 2024 after rejecting the offer.", "on 13 September 2024",
         "protest"),
        ("en", "Computex opened in Taipei on 4 June 2024.", "on 4 June 2024", "trade_show"),
        ("en", "Rishi Sunak was chosen as Conservative leader on 24 October 2022.", "on 24 October 2022",
         "appointment"),
        ("ar", "أقال الرئيس الأوكراني قائد الجيش فاليري زالوجني في 8 فبراير 2024.", "في 8 فبراير 2024", "appointment"),
        ("ar", "أجرى الرئيسان مكالمة هاتفية يوم الثلاثاء.", "يوم الثلاثاء", "meeting"),
        ("zh", "日本国会2021年10月4日选举岸田文雄为首相。", "2021年10月4日", "appointment"),
        ("zh", "美国2021年9月遣返了数千名海地移民。", "2021年9月", "detention"),
    ],
)  # fmt: skip
def test_broad_category_words(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # «جولة» is also a round of a vote: only its tour forms are a visit.
        ("ar", "فاز المرشح في جولة الإعادة التي جرت يوم الجمعة.", "يوم الجمعة", "other"),
        ("ar", "اختتم الرئيس جولته الخليجية يوم الجمعة.", "يوم الجمعة", "visit"),
        ("ar", "وكان النواب قد أقروا المشروع يوم الثلاثاء.", "يوم الثلاثاء", "legislation"),
        ("ar", "صوت البرلمان في 20 يونيو على تمرير المشروع.", "في 20 يونيو", "legislation"),
        # 反补贴税 is a countervailing duty, not the subsidy (补贴) it counters.
        ("zh", "欧盟委员会29日决定对进口电动汽车征收反补贴税。", "29日", "tariff"),
        # 释放 also releases funds: not a detention.
        ("zh", "央行2月5日下调存款准备金率，释放长期资金。", "2月5日", "other"),
        ("zh", "7日，两国元首前往南部山区。", "7日", "visit"),
        # A case name "X v. Y" is a court case.
        ("en", "The doctrine was set out in Chevron v. Natural Resources Defense Council in 1984.", "in 1984",
         "legal_action"),
    ],
)  # fmt: skip
def test_common_words_and_words_with_a_second_sense(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # A topic word nearer the date gives way to the deed of its clause.
        ("en", "A WTO panel ruled against US tariffs on Monday.", "on Monday", "legal_action"),
        ("en", "Washington pulled out of the nuclear accord on May 8.", "on May 8", "other"),
        ("ar", "وكان ترامب قد انسحب في الثامن من مايو من الاتفاق النووي.", "في الثامن من مايو", "other"),
        ("ar", "وفي اليوم نفسه أمرت قاضية كندية بالإفراج عنها.", "وفي اليوم نفسه", "detention"),
        ("zh", "特朗普5月8日宣布美国退出伊核协议。", "5月8日", "other"),
        ("zh", "英伟达违反《反垄断法》及2020年批准其收购迈络思的决定。", "2020年", "investment"),
        # A deed that describes a noun (「…人员」, 「…的」) is a topic itself.
        ("zh", "尹锡悦1月中旬被调查人员拘捕。", "1月中旬", "detention"),
        ("zh", "卡塔尔15日宣布，以色列和哈马斯已就停火及交换被扣押人员达成协议。", "15日", "agreement"),
        (
            "zh",
            "H20是为符合美国2023年10月17日出台的出口管制规定而面向中国市场推出的芯片。",
            "2023年10月17日",
            "export_control",
        ),
        # A topic stays beside a gathering ("the declaration of the summit") or with no deed in its clause.
        (
            "en",
            "Britain refused on Tuesday to sign the closing declaration of the Action Summit.",
            "on Tuesday",
            "agreement",
        ),
        ("en", "The United States imposed tariffs on Monday.", "on Monday", "tariff"),
        # A deed no category describes speaks for its own clause only.
        ("zh", "总理当晚发表讲话，承认公投未能通过。", "当晚", "statement"),
    ],
)
def test_a_topic_gives_way_to_the_deed_of_its_clause(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # Ratifying and publishing take the category of what is ratified or published.
        (
            "en",
            "South Korea, whose parliament ratified the deal last month, joins on Feb 1.",
            "last month",
            "agreement",
        ),
        ("zh", "欧盟于上月12日将这部条例刊登在《欧盟官方公报》上。", "上月12日", "legislation"),
        # Referendums, winding-up petitions, bankruptcy filings.
        ("zh", "澳大利亚14日举行全民公投，就是否在宪法中设立机构进行表决。", "14日", "other"),
        ("zh", "投资者Top Shine Global于2022年6月提出清盘呈请。", "2022年6月", "legal_action"),
        ("zh", "该集团曾于2023年8月17日在纽约申请破产保护。", "2023年8月17日", "legal_action"),
        ("ar", "أعلنت الهيئة أن المقترعين أيدوا الدستور في الاستفتاء الذي جرى يوم الاثنين.", "يوم الاثنين", "other"),
        (
            "ar",
            "وكان ترامب قد انسحب في مايو 2018 من الاتفاق النووي الذي أبرمته إيران عام 2015.",
            "عام 2015",
            "agreement",
        ),
        # The formula of a compiled report is no report of the event.
        ("zh", "（本报综合报道）加沙停火协议于当地时间19日正式生效。", "19日", "agreement"),
    ],
)
def test_verbs_of_approval_and_deeds_without_category(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # A date after the speech verb and its future cue lies inside what was said: it dates the meeting.
        ("zh", "安瓦尔在记者会上表示，两国军方指挥官将于29日早上会面。", "29日早上", "meeting"),
        ("en", "The envoy said the two commanders would hold talks on Tuesday.", "on Tuesday", "meeting"),
        # Before the cue, the date is still the speaker's.
        ("en", "The company said on Friday it would appeal the ruling.", "on Friday", "statement"),
    ],
)  # fmt: skip
def test_a_date_inside_what_was_said_dates_what_was_said(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # A weak verb right before a topic acts on it: the topic is what was done and does not give way
        # to another deed of its clause.
        ("en", "The board approved the takeover on Monday and fired the auditor.", "on Monday", "investment"),
        ("zh", "议会15日批准协议并罢免议长。", "15日", "agreement"),
        ("ar", "وقع الوزير الاتفاقية يوم الأحد واستقال.", "يوم الأحد", "agreement"),
        # Without such a verb the topic still gives way: "ruled against the tariffs".
        ("en", "A panel ruled against the tariffs on Monday.", "on Monday", "legal_action"),
        # A speech verb before the topic is no such verb.
        ("en", "The minister said the takeover on Monday was why he fired the auditor.", "on Monday", "appointment"),
    ],
)  # fmt: skip
def test_a_topic_acted_on_by_a_weak_verb_keeps_its_place(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        # Announcing that one will resign or invest is the decision itself.
        ("en", "The prime minister announced on Monday that he would resign.", "on Monday", "appointment"),
        ("zh", "总理6日宣布，将在新党首选出后辞去总理职务。", "6日", "appointment"),
        ("ar", "وأعلن رئيس الوزراء يوم الجمعة أنه سيقدم استقالته.", "يوم الجمعة", "appointment"),
        # Talks announced still need the other party; and "said" enacts nothing.
        ("en", "The president announced on Monday that the two sides would hold talks.", "on Monday", "statement"),
        ("en", "The prime minister said on Monday that he would resign.", "on Monday", "statement"),
    ],
)  # fmt: skip
def test_an_announced_resignation_or_investment_is_the_decision(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected


@pytest.mark.parametrize(
    ("language", "sentence", "date_words", "expected"),
    [
        ("en", "The finance minister quit on Tuesday.", "on Tuesday", "appointment"),
        ("en", "The union pulled 5,000 workers off the job on Oct. 3.", "on Oct. 3", "protest"),
        ("en", "Soldiers shot dead six villagers on Sunday.", "on Sunday", "violence_against_civilians"),
        ("en", "Regulators sent a statement of objections on June 2.", "on June 2", "legal_action"),
        ("ar", "ونالت الحكومة ثقة البرلمان يوم الخميس.", "يوم الخميس", "appointment"),
        ("ar", "وحطت في مطار الدوحة أول رحلة مباشرة يوم الاثنين.", "يوم الاثنين", "visit"),
        ("ar", "وقتل عشرة محتجين برصاص قوات الأمن يوم الجمعة.", "يوم الجمعة", "violence_against_civilians"),
        ("zh", "新总理当晚组建新内阁。", "当晚", "appointment"),
        ("zh", "该集团于2015年买下这家公司。", "2015年", "investment"),
        ("zh", "委员会3日向该公司发出异议声明。", "3日", "legal_action"),
    ],
)  # fmt: skip
def test_category_words_of_the_latest_round(language, sentence, date_words, expected):
    assert category(sentence, language, date_words) == expected
