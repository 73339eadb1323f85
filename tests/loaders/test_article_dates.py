"""The date resolver, table-driven: (sentence, published) -> (date_text, start, end, precision).

Every row is a sentence of our own in the shape news uses in Arabic, English or Chinese, one or
more per class of date the loader must get right; the expectation is what the sentence says,
worked out by hand from the publication date. Publication dates are fixed; nothing may depend on
today or on the machine's time zone (see the Auckland test below).
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.article_dates import find_dates
from timeline.actors import Actor, ActorRegistry


def starts_by_words(language: str, text: str, published: str) -> dict[str, str]:
    """The first day of each date found in `text`, by the words that say it."""
    mentions = find_dates(text, dt.date.fromisoformat(published), language)
    return {mention.text: mention.date_start.isoformat() for mention in mentions}


SATURDAY = dt.date(2025, 3, 1)  # the founding article's publication date
REGISTRY = ActorRegistry(
    (
        Actor("Donald Trump", "person", "US", {"en": ("Trump",), "ar": ("دونالد ترمب", "ترمب", "ترامب"),
              "zh": ("特朗普",)}, {"first term": ("2017-01-20", "2021-01-20"),
                                  "second term": ("2025-01-20", "2029-01-20")}),
        Actor("Joe Biden", "person", "US", {"en": ("Biden",), "ar": ("جو بايدن", "بايدن")},
              {"term": ("2021-01-20", "2025-01-20")}),
    )
)  # fmt: skip

D = dt.date
CASES = [
    # --- Plain dates, resolved against publication ------------------------------------------
    ("ar", "عقد الوزيران لقاءً في 9 مارس لبحث ملف الرقائق.", D(2025, 3, 20),
     "في 9 مارس", D(2025, 3, 9), D(2025, 3, 9), "day"),
    ("ar", "وافق البرلمان على المشروع خلال أكتوبر الماضي.", D(2025, 3, 20),
     "خلال أكتوبر الماضي", D(2024, 10, 1), D(2024, 10, 31), "month"),
    ("ar", "تراجعت الصادرات العام الماضي بنسبة كبيرة.", D(2025, 3, 20),
     "العام الماضي", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("en", "The regulator fined the company last November.", D(2025, 3, 20),
     "last November", D(2024, 11, 1), D(2024, 11, 30), "month"),
    ("zh", "该公司去年三月发布了首款芯片。", D(2025, 3, 20), "去年三月", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("en", "Regulators questioned the two founders during the first Trump administration.", D(2025, 3, 20),
     "during the first Trump administration", D(2017, 1, 20), D(2021, 1, 20), "undated"),
    # --- Scheduled events lie ahead: tense decides, and a bare day a few weeks on is the coming one
    # Published on a Monday: "will vote on Wednesday" is two days later, not five days earlier.
    ("en", "The committee will vote on Wednesday on the new export rules.", D(2025, 3, 17),
     "on Wednesday", D(2025, 3, 19), D(2025, 3, 19), "day"),
    ("en", "The grant was finalized before the president-elect takes office on Jan. 20.", D(2024, 11, 27),
     "on Jan. 20", D(2025, 1, 20), D(2025, 1, 20), "day"),
    ("en", "The hearing is due to start on Oct. 12 in Washington.", D(2024, 9, 30),
     "on Oct. 12", D(2024, 10, 12), D(2024, 10, 12), "day"),
    ("zh", "双方将于5月28日在日内瓦举行新一轮磋商。", D(2025, 5, 20), "5月28日", D(2025, 5, 28), D(2025, 5, 28), "day"),
    ("zh", "美国副总统将率团出席，并在周二的全体会议上发言。", D(2025, 2, 9), "周二", D(2025, 2, 11), D(2025, 2, 11), "day"),
    ("ar", "ومن المقرر أن تنطلق المحادثات يوم الخميس المقبل في جنيف.", D(2025, 5, 20),
     "يوم الخميس المقبل", D(2025, 5, 22), D(2025, 5, 22), "day"),
    # A present-tense verb of a scheduled meeting, published on a Monday: Tuesday evening to come.
    ("ar", "يترأس الوزيران جلسة افتراضية مساء الثلاثاء.", D(2024, 5, 20),
     "مساء الثلاثاء", D(2024, 5, 21), D(2024, 5, 21), "day"),
    # No tense word, but 2 June is thirteen days after publication: the coming one.
    ("ar", "يدخل القرار حيز التنفيذ في 2 يونيو.", D(2025, 5, 20), "في 2 يونيو", D(2025, 6, 2), D(2025, 6, 2), "day"),
    # Future tense, published in late November: the February summit is next year's.
    ("ar", "ستستضيف فرنسا قمة الذكاء الاصطناعي يومَي 6 و7 فبراير.", D(2024, 11, 29),
     "يومَي 6 و7 فبراير", D(2025, 2, 6), D(2025, 2, 7), "range"),
    # --- Context the sentence gives ---------------------------------------------------------
    ("ar", "أعلنت الشركة خطتها في يوليو 2019، ثم بدأت التصنيع في سبتمبر من العام نفسه.", D(2025, 3, 20),
     "في سبتمبر من العام نفسه", D(2019, 9, 1), D(2019, 9, 30), "month"),
    # The year named earlier in the sentence, not the publication year, dates 8月1日.
    ("zh", "2019年7月双方开始谈判，8月1日达成协议。", D(2025, 3, 20), "8月1日", D(2019, 8, 1), D(2019, 8, 1), "day"),
    ("en", "Beijing announced the curbs on 3 December 2024, and the same day Washington protested.", D(2024, 12, 10),
     "the same day", D(2024, 12, 3), D(2024, 12, 3), "day"),
    ("ar", "وقعت الحكومة الاتفاق في 4 أبريل 2025، وفي اليوم نفسه أعلنت الشركة استثمارا جديدا.", D(2025, 4, 10),
     "وفي اليوم نفسه", D(2025, 4, 4), D(2025, 4, 4), "day"),
    ("zh", "商务部4月4日宣布对七类稀土实施管制。同日，海关总署发布公告。", D(2025, 4, 6), "同日", D(2025, 4, 4), D(2025, 4, 4), "day"),
    # Published on a Wednesday: Monday is the 17th, the following day the 18th.
    ("en", "The ministry listed the firms on Monday, and the following day the company appealed.", D(2025, 3, 19),
     "the following day", D(2025, 3, 18), D(2025, 3, 18), "day"),
    ("ar", "فرضت واشنطن القيود في 2 ديسمبر 2024، وردت بكين في اليوم التالي بحظر التصدير.", D(2024, 12, 10),
     "في اليوم التالي", D(2024, 12, 3), D(2024, 12, 3), "day"),
    ("en", "Officials detained the engineer on 1 December 2018; nine days after, two visitors were held.", D(2019, 1, 5),
     "nine days after", D(2018, 12, 10), D(2018, 12, 10), "day"),
    ("ar", "أعلنت الحكومة الرسوم في 1 فبراير 2025، وردت الصين بعد ثلاثة أيام من الإعلان.", D(2025, 2, 20),
     "بعد ثلاثة أيام", D(2025, 2, 4), D(2025, 2, 4), "day"),
    ("zh", "她于2018年12月1日被捕，十日后获准保释。", D(2018, 12, 20), "十日后", D(2018, 12, 11), D(2018, 12, 11), "day"),
    ("zh", "2019年5月双方开始谈判，同年8月达成协议。", D(2025, 3, 20), "同年8月", D(2019, 8, 1), D(2019, 8, 31), "month"),
    ("en", "The agency opened its review in May last year.", D(2025, 3, 20),
     "in May last year", D(2024, 5, 1), D(2024, 5, 31), "month"),
    # Counted back from publication.
    ("ar", "التقى الوزيران قبل يومين في الرياض.", D(2025, 3, 20), "قبل يومين", D(2025, 3, 18), D(2025, 3, 18), "day"),
    ("zh", "三天前，双方在北京会谈。", D(2025, 3, 20), "三天前", D(2025, 3, 17), D(2025, 3, 17), "day"),
    ("zh", "公司昨晚发布声明。", D(2025, 3, 20), "昨晚", D(2025, 3, 19), D(2025, 3, 19), "day"),
    ("ar", "وقال الوزير مساء أمس إن الاتفاق قريب.", D(2025, 3, 20), "مساء أمس", D(2025, 3, 19), D(2025, 3, 19), "day"),
    # --- Ranges and parts -------------------------------------------------------------------
    ("zh", "会议将于3日开幕，会期至6日。", D(2025, 3, 1), "会期至6日", D(2025, 3, 3), D(2025, 3, 6), "range"),
    ("en", "The forum will run from 4 to 6 July in Geneva.", D(2025, 6, 20),
     "from 4 to 6 July", D(2025, 7, 4), D(2025, 7, 6), "range"),
    ("ar", "يزور الرئيس المنطقة من 4 إلى 7 مايو.", D(2025, 4, 28), "من 4 إلى 7 مايو", D(2025, 5, 4), D(2025, 5, 7), "range"),
    # The 18th of last month, not the whole month.
    ("zh", "公司上月18日公布了新的出口数据。", D(2025, 3, 5), "上月18日", D(2025, 2, 18), D(2025, 2, 18), "day"),
    # Published on a Friday: the day before yesterday is the Wednesday the sentence names.
    ("ar", "التقى الوزيران أول من أمس الأربعاء في الرياض.", D(2025, 3, 21),
     "أول من أمس الأربعاء", D(2025, 3, 19), D(2025, 3, 19), "day"),
    ("en", "Production began in late 2023.", D(2025, 3, 20), "in late 2023", D(2023, 9, 1), D(2023, 12, 31), "undated"),
    ("ar", "بدأ تطبيق القواعد مطلع العام الجاري.", D(2025, 7, 1),
     "مطلع العام الجاري", D(2025, 1, 1), D(2025, 4, 30), "undated"),
    ("zh", "工厂计划2025年底投产。", D(2025, 3, 20), "2025年底", D(2025, 9, 1), D(2025, 12, 31), "undated"),
    ("zh", "今年上半年出口增长较快。", D(2025, 8, 20), "今年上半年", D(2025, 1, 1), D(2025, 6, 30), "undated"),
    ("zh", "本月初，两国签署了合作协议。", D(2025, 3, 21), "本月初", D(2025, 3, 1), D(2025, 3, 10), "undated"),
    # A quarter without a year: the latest one begun by publication.
    ("en", "Exports fell in the fourth quarter, the company said.", D(2025, 8, 15),
     "in the fourth quarter", D(2024, 10, 1), D(2024, 12, 31), "quarter"),
    # --- Effective dates and beginnings are events ------------------------------------------
    ("zh", "该条例自2023年8月15日起施行。", D(2023, 7, 1), "2023年8月15日", D(2023, 8, 15), D(2023, 8, 15), "day"),
    ("en", "The rule takes effect on 15 January 2025.", D(2024, 12, 1),
     "on 15 January 2025", D(2025, 1, 15), D(2025, 1, 15), "day"),
    ("en", "Controls in force since October 2022 were tightened.", D(2025, 3, 20),
     "since October 2022", D(2022, 10, 1), D(2022, 10, 31), "month"),
    ("ar", "تطبق الرسوم اعتبارًا من 10 أبريل.", D(2025, 4, 5), "اعتبارًا من 10 أبريل", D(2025, 4, 10), D(2025, 4, 10), "day"),
    # --- Numerals ---------------------------------------------------------------------------
    ("zh", "二〇二五年五月，双方签署协议。", D(2025, 6, 1), "二〇二五年五月", D(2025, 5, 1), D(2025, 5, 31), "month"),
    ("ar", "وقعت الاتفاقية في ١٢ مارس ٢٠٢٤.", D(2025, 3, 20), "في ١٢ مارس ٢٠٢٤", D(2024, 3, 12), D(2024, 3, 12), "day"),
    # A future cue in another clause does not send a day of the last few weeks a year ahead.
    ("zh", "公司3月5日发布公告称，将回购股票。", D(2025, 3, 12), "3月5日", D(2025, 3, 5), D(2025, 3, 5), "day"),
    ("en", "The firm said on March 5 that it will buy back shares.", D(2025, 3, 12),
     "on March 5", D(2025, 3, 5), D(2025, 3, 5), "day"),
    # ... while a day further back with a future cue is the coming one.
    ("en", "The rule will take effect on January 1.", D(2025, 3, 12),
     "on January 1", D(2026, 1, 1), D(2026, 1, 1), "day"),
    # A day of the month without its month: this month's, or the coming month's when spoken of ahead.
    ("en", "The company said on the 3rd that sales fell.", D(2025, 3, 12), "on the 3rd", D(2025, 3, 3), D(2025, 3, 3), "day"),
    ("en", "The vote will take place on the 20th.", D(2025, 3, 12), "on the 20th", D(2025, 3, 20), D(2025, 3, 20), "day"),
    ("en", "The board will meet on the 5th.", D(2025, 3, 12), "on the 5th", D(2025, 4, 5), D(2025, 4, 5), "day"),
    # A part of the month or year of publication, named without "this".
    ("en", "The firm was listed at the beginning of the year.", D(2025, 3, 12),
     "at the beginning of the year", D(2025, 1, 1), D(2025, 4, 30), "undated"),
    ("en", "The deal expires at the end of the month.", D(2025, 3, 12),
     "at the end of the month", D(2025, 3, 21), D(2025, 3, 31), "undated"),
    # Day first in Arabic, and the full stop after the year does not hide it.
    ("ar", "أعلنت الشركة نتائجها يوم 15/3/2025.", D(2025, 3, 20), "15/3/2025", D(2025, 3, 15), D(2025, 3, 15), "day"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "published", "date_text", "start", "end", "precision"), CASES)
def test_resolver_table(lang, sentence, published, date_text, start, end, precision):
    """The row's date words are found once, with the interval and precision the sentence supports."""
    mentions = find_dates(sentence, published, lang, REGISTRY)
    found = [(m.date_start, m.date_end, m.precision) for m in mentions if m.text == date_text]
    assert found == [(start, end, precision)], [(m.text, m.date_start, m.date_end) for m in mentions]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # Quantities, versions and durations.
        ("ar", "عُثر على مومياوات عمرها 5000 سنة في الصحراء."),  # an age, not year 5000
        ("ar", "يوفر المصنع 4500 فرصة عمل جديدة."),  # a quantity
        ("en", "The lab released Qwen 2.5, which it says beats DeepSeek-V3."),
        ("en", "The firm has worked on the chip for three years."),
        ("en", "The tariff increase was suspended for 90 days."),  # the end of a suspension, as a duration
        # Goals and deadlines.
        ("en", "The country aims to double chip output by 2030."),
        ("en", "The country aims to cut emissions by the end of the year."),
        ("ar", "تسعى الحكومة إلى مضاعفة الإنتاج بحلول عام ٢٠٣٠."),
        ("zh", "到2030年，产能将翻一番。"),
        # Years inside document numbers, datelines, fiscal quarters, a plan's year.
        ("zh", "商务部发布2024年第46号公告。"),
        ("en", "The rule cites Section 301 and EO 14105."),
        ("zh", "（本报北京4月5日电）记者从有关部门获悉"),
        ("en", "SAN FRANCISCO, Jan 28 — Chipmakers' shares fell sharply."),
        ("zh", "若她遵守协议，美方将于2022年12月1日前撤销指控。"),  # a deadline, year and all
        ("ar", "بكين - الأحد ٢٦ سبتمبر ٢٠٢١ (وكالات)"),
        ("en", "Revenue rose in the fiscal third quarter of 2025."),
        # An ordinal that is not a day of the month.
        ("en", "They met on the 21st floor of the ministry."),
        ("en", "The party marked the event on the 20th anniversary."),
        ("zh", "今年政府工作报告提出了新的目标。"),
        # Deadlines and limits.
        ("en", "The judge ordered both sides to file their replies by April 14."),
        ("en", "Staff must return to their desks no later than Jan. 20."),
        ("en", "The vote on the merger is expected before the end of the year."),
        ("zh", "监管部门要求相关企业在2026年底前完成整改。"),
        ("zh", "两国希望在5月底前签署贸易协定。"),
        ("zh", "进口配额的有效期至2027年3月31日。"),
        ("ar", "يتوقع أن تصدر اللجنة قرارها قبل نهاية العام الجاري."),
        ("ar", "طلبت المحكمة من الطرفين تقديم مذكراتهما في موعد أقصاه 20 مايو."),
        # A number inside a name.
        ("zh", "“天舟8号”货运飞船完成了对接。"),
        ("zh", "研究人员公布了嫦娥6号着陆器传回的图像。"),
        # A past year as a measure.
        ("en", "The currency fell to its weakest level since 1991."),
        ("en", "It was the central bank's first such move since 2011."),
        ("zh", "油价跌至2009年以来最低水平。"),
        ("zh", "这是该国1997年以来首次出现贸易逆差。"),
        ("ar", "وهو أدنى مستوى تسجله العملة منذ عام 1991."),
        # Counts and anniversaries within the year.
        ("en", "It was the regulator's third fine this year."),
        ("en", "This year marks the 50th anniversary of the treaty."),
        ("zh", "这是该行今年第三次下调利率。"),
        ("zh", "今年是两国建交50周年。"),
        ("ar", "خفض البنك المركزي الفائدة للمرة الثالثة هذا العام."),
        ("ar", "تحيي البلاد هذا العام الذكرى الخمسين لاستقلالها."),
        # Datelines with 讯, and a season that names an event.
        ("zh", "（本报上海3月2日讯）记者从有关部门获悉"),
        ("zh", "新华社上海3月2日电 记者从有关部门获悉"),
        ("zh", "东京3日讯 日本政府宣布了新的补贴措施。"),
        ("zh", "东京3日综合电 日本政府宣布了新的补贴措施。"),
        ("en", "The ministry set a target for 2031 on clean power."),
        ("en", "By 2031, the city's buses will all be electric."),
        ("en", "The city will host the next Winter Games."),
    ],
)
def test_not_dates(lang, sentence):
    assert find_dates(sentence, SATURDAY, lang, REGISTRY) == []


def test_year_9999_is_never_a_date():
    assert find_dates("The plan runs until December 31, 9999 and in 9999.", SATURDAY, "en") == []
    assert find_dates("حتى عام 9999", SATURDAY, "ar") == []


def test_resolver_table_does_not_shift_in_auckland():
    """The table again in a process whose local time zone is 13 hours ahead of UTC."""
    environment = dict(os.environ, TZ="Pacific/Auckland", ARTICLE_DATES_IN_SUBPROCESS="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::test_resolver_table"],
        cwd=Path(__file__).resolve().parents[2], env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:]
    assert f"{len(CASES)} passed" in result.stdout


@pytest.mark.parametrize(
    ("language", "text", "date_words", "expected"),
    [
        # The event after the offset names its antecedent: the arrest, not the hearing named last.
        ("en", "Police arrested the engineer on 1 December 2018. A court held a hearing on 5 December 2018. "
               "She was freed nine days after her arrest.", "nine days after", D(2018, 12, 10)),
        ("ar", "عقدت القمة في 12 مايو 2024. وفي 20 مايو 2024 وقع الطرفان اتفاقا. وكان الوزير قد زار المدينة عشية القمة.",
         "عشية", D(2024, 5, 11)),
        ("en", "The summit opened on 10 February 2025. The two firms signed a deal on 14 February 2025. "
               "Officials had met on the eve of the summit.", "on the eve of", D(2025, 2, 9)),
        # No event named after the offset: the latest day, as before.
        ("en", "Police arrested the engineer on 1 December 2018. A court held a hearing on 5 December 2018. "
               "She was freed nine days later.", "nine days later", D(2018, 12, 14)),
        # "The following day" takes no object: the event after it is the new one, counted from the latest day.
        ("en", "Police arrested the engineer on 1 December 2018. A court held a hearing on 5 December 2018. "
               "The following day, police arrested her again.", "The following day", D(2018, 12, 6)),
        ("zh", "警方2018年12月1日逮捕了该工程师。法院2018年12月5日举行聆讯。次日，警方再次逮捕她。", "次日", D(2018, 12, 6)),
        # An event no earlier date is about: the latest day, as before.
        ("en", "Police arrested the engineer on 1 December 2018. A court held a hearing on 5 December 2018. "
               "She was freed nine days after the protest.", "nine days after", D(2018, 12, 14)),
    ],
)  # fmt: skip
def test_an_offset_counts_from_the_event_it_names(language, text, date_words, expected):
    found = {mention.text: mention for mention in find_dates(text, SATURDAY, language, REGISTRY)}
    assert (found[date_words].date_start, found[date_words].date_end) == (expected, expected)


@pytest.mark.parametrize(
    ("text", "published", "language", "date_words", "expected"),
    [
        # Only a date that names its year lends it to a yearless day after it in the sentence.
        ("South Korea, whose parliament ratified the deal last month, joins on Feb 1.", "2022-01-02", "en",
         "on Feb 1", "2022-02-01"),
        ("He was sworn in on Sunday, two months after winning the Oct. 30 runoff.", "2023-01-02", "en",
         "Oct. 30", "2022-10-30"),
        ("The talks began in July 2019 and ended on 8 August.", "2025-03-01", "en", "on 8 August", "2019-08-08"),
        # "would" in reported speech speaks ahead, even a long clause before the date.
        ("Mnuchin said the Treasury would put more than 700 people, companies, aircraft and vessels on its "
         "blacklist on Monday.", "2018-11-03", "en", "on Monday", "2018-11-05"),
        # A beginning without a year is the coming one; a past verb there is the announcement's.
        ("Operators must stop buying the kit from 31 December.", "2020-07-15", "en", "from 31 December",
         "2020-12-31"),
        ("أعلنت الصين فرض رسوم إضافية اعتبارًا من العاشر من أبريل.", "2025-04-05", "ar",
         "اعتبارًا من العاشر من أبريل", "2025-04-10"),
    ],
)  # fmt: skip
def test_a_yearless_day_takes_a_named_year_or_leans_ahead_when_it_begins(
    text, published, language, date_words, expected
):
    mentions = find_dates(text, dt.date.fromisoformat(published), language)
    found = {mention.text: mention.date_start.isoformat() for mention in mentions}
    assert found[date_words] == expected


@pytest.mark.parametrize(
    ("text", "language", "date_words"),
    [
        ("Lula, who governed the country from 2003 to 2010, was sworn in again.", "en", "from 2003 to 2010"),
        ("وتولى الرئاسة من عام 2003 إلى 2010.", "ar", "من عام 2003 إلى 2010"),
        ("他在2003年至2010年间担任总统。", "zh", "2003年至2010年"),
    ],
)
def test_a_span_of_years_is_a_window_over_them(text, language, date_words):
    mentions = find_dates(text, dt.date(2023, 1, 2), language)
    assert [(m.text, m.date_start, m.date_end, m.precision) for m in mentions] == [
        (date_words, dt.date(2003, 1, 1), dt.date(2010, 12, 31), "undated")
    ]


@pytest.mark.parametrize(
    ("text", "published", "date_words", "expected"),
    [
        # Hours after an event are its day; the event counted from is the main one of its sentence.
        ("Lula was sworn in as president on Sunday, two months after winning the Oct. 30 runoff. "
         "Hours after taking office, Lula signed decrees.", "2023-01-02", "Hours after", "2023-01-01"),
        ("Britain banned the kit on 14 July. Within hours of the announcement, China protested.", "2020-07-15",
         "Within hours of", "2020-07-14"),
    ],
)  # fmt: skip
def test_hours_after_an_event_are_its_day(text, published, date_words, expected):
    mentions = find_dates(text, dt.date.fromisoformat(published), "en")
    found = {mention.text: mention.date_start.isoformat() for mention in mentions}
    assert found[date_words] == expected


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # A day and month with the year they belong to said in words: from publication, or from the
        # year of the date named before.
        ("ar", "انضمت فنلندا إلى الحلف في الرابع من أبريل من العام الماضي.", "2024-03-08",
         "في الرابع من أبريل من العام الماضي", "2023-04-04"),
        ("ar", "أطلقت آبل خدمة الألعاب في سبتمبر 2019، ثم أطلقت باقة آبل ون في 30 أكتوبر من العام التالي.",
         "2024-03-05", "في 30 أكتوبر من العام التالي", "2020-10-30"),
        ("en", "Finland joined the alliance on 4 April last year.", "2024-03-08", "on 4 April last year",
         "2023-04-04"),
        ("en", "The first Starship flew in April 2023 and exploded; a second flew on November 18 of the same year.",
         "2024-06-01", "on November 18 of the same year", "2023-11-18"),
    ],
)  # fmt: skip
def test_a_day_and_month_take_the_year_said_after_them(language, text, published, date_words, expected):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # A part of the antecedent's day ("the same evening") is that day; 前一天 is the day before it.
        ("ar", "دخل مسبار الأمل مدار المريخ في 9 فبراير، وفي المساء نفسه احتفلت الإمارات بالإنجاز.",
         "2021-02-10", "وفي المساء نفسه", "2021-02-09"),
        ("zh", "美国于8月7日恢复对伊朗的制裁，特朗普在前一天签署了行政令。", "2018-08-08", "前一天", "2018-08-06"),
    ],
)  # fmt: skip
def test_a_part_of_the_day_before_or_of_the_same_day_counts_from_the_antecedent(
    language, text, published, date_words, expected
):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # Offsets back from the antecedent: "a day earlier", "two weeks before".
        ("en", "The court ruled on Friday. A day earlier, it had heard another case.", "2024-06-29",
         "A day earlier", "2024-06-27"),
        ("en", "The vote was held on 20 March; two weeks before, the party had changed its leader.", "2024-03-25",
         "two weeks before", "2024-03-06"),
        # A day of the month of the last few days stays in this month beside a future cue...
        ("zh", "工会10日宣布，将8日开始的罢工延长。", "2024-07-11", "10日", "2024-07-10"),
        ("zh", "工会10日宣布，将8日开始的罢工延长。", "2024-07-11", "8日", "2024-07-08"),
        # ... while one further back is next month's.
        ("en", "The board will meet on the 5th.", "2025-03-12", "on the 5th", "2025-04-05"),
        # A future cue that holds a past word ("was due to") is read whole; a sitting in the present
        # tense is to come.
        ("en", "He chaired a meeting on Saturday and was due to begin a tour on Sunday.", "2024-07-06",
         "on Sunday", "2024-07-07"),
        ("en", "The new House of Commons meets on Tuesday to elect a Speaker.", "2024-07-06", "on Tuesday",
         "2024-07-09"),
    ],
)  # fmt: skip
def test_offsets_back_recent_days_of_the_month_and_scheduled_sittings(language, text, published, date_words, expected):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # A day in the antecedent's year or month (同年9月28日, 同月4日), not one of the year of publication.
        ("zh", "该集团于2023年8月17日申请破产保护，同年9月28日又发布公告。", "2024-01-30", "同年9月28日", "2023-09-28"),
        ("zh", "该公司于2021年6月30日上市，同月4日监管部门已提出要求。", "2022-07-22", "同月4日", "2021-06-04"),
        # A part of the day after the antecedent: "the following morning".
        ("en", "A mob stormed the building on Jan. 6, 2021. Lawmakers finished the count the following morning.",
         "2025-01-07", "the following morning", "2021-01-07"),
    ],
)  # fmt: skip
def test_a_day_of_that_year_or_month_and_the_following_morning(language, text, published, date_words, expected):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # A range across two months is one range; "and" between two days of two months is two days.
        ("en", "The ministry bought yen covering April 26 to May 28, the data showed.", "2024-07-01",
         "April 26 to May 28", ("2024-04-26", "2024-05-28", "range")),
        ("en", "They met on April 26 and May 28.", "2024-07-01", "on April 26", ("2024-04-26", "2024-04-26", "day")),
        # "since 1998" opens a span to the present: it lends no year to a later day, and the stop of
        # "Sept." ends no sentence.
        ("en", "Japan bought yen in the autumn of 2022: first on Sept. 22, its first such step since 1998, and "
         "again on Oct. 21.", "2024-07-12", "on Oct. 21", ("2022-10-21", "2022-10-21", "day")),
    ],
)  # fmt: skip
def test_ranges_across_months_and_beginnings_lend_no_year(language, text, published, date_words, expected):
    mentions = find_dates(text, dt.date.fromisoformat(published), language)
    found = {
        mention.text: (mention.date_start.isoformat(), mention.date_end.isoformat(), mention.precision)
        for mention in mentions
    }
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # 将 before a quantity marks the object of the verb, not a future.
        ("zh", "意大利海军舰艇16日将首批16名男性移民送抵阿尔巴尼亚。", "2024-10-22", "16日", "2024-10-16"),
        ("zh", "商务部将于25日起实施新规。", "2024-10-22", "25日", "2024-10-25"),
        # «قبل أن تبدأ»: the imperfect after «قبل أن» tells what followed, not what is to come.
        ("ar", "اغتالت إسرائيل نصر الله يوم 27 سبتمبر، قبل أن تبدأ عملية برية في جنوب لبنان مطلع أكتوبر.",
         "2024-11-28", "يوم 27 سبتمبر", "2024-09-27"),
        ("ar", "اغتالت إسرائيل نصر الله يوم 27 سبتمبر، قبل أن تبدأ عملية برية في جنوب لبنان مطلع أكتوبر.",
         "2024-11-28", "مطلع أكتوبر", "2024-10-01"),
    ],
)  # fmt: skip
def test_object_marker_and_before_clauses_are_no_future(language, text, published, date_words, expected):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # An offset in the sentence of its antecedents counts from the day just before it.
        ("zh", "嫦娥六号于5月3日发射升空，6月2日着陆于月球背面，两天后携带样品从月背起飞。", "2024-06-26", "两天后",
         "2024-06-04"),
        ("en", "The probe launched on May 3 and landed on June 2; two days later it lifted off again.", "2024-06-26",
         "two days later", "2024-06-04"),
    ],
)  # fmt: skip
def test_an_offset_counts_on_from_the_day_just_before_it_in_its_sentence(
    language, text, published, date_words, expected
):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # «غد» + a weekday is tomorrow, a part of the day may come first.
        ("ar", "ويدخل الاتفاق حيز التنفيذ مساء غد الاثنين.", "2023-05-21", "مساء غد الاثنين", ("2023-05-22", "2023-05-22")),
        # A day of the antecedent's month, not the month.
        ("ar", "عقدت القمة في 19 مايو 2023، بعدما قرر الوزراء في السابع من الشهر نفسه إعادة سوريا.", "2024-05-17",
         "في السابع من الشهر نفسه", ("2023-05-07", "2023-05-07")),
        # An offset that closes its clause counts from the antecedent, as with «من».
        ("ar", "تولى الحكم في 16 ديسمبر، وأدى اليمين بعد أربعة أيام.", "2024-05-11", "بعد أربعة أيام",
         ("2023-12-20", "2023-12-20")),
        ("en", "It lifted off on Tuesday and released its satellites about an hour later.", "2024-07-10",
         "about an hour later", ("2024-07-09", "2024-07-09")),
        # A range told by how long it lasted.
        ("zh", "编剧工会的罢工从5月2日持续到9月27日。", "2023-11-10", "5月2日持续到9月27日", ("2023-05-02", "2023-09-27")),
        # 电 opening a word (电子) makes no dateline: the day is the event's.
        ("zh", "首尔高等法院3日对三星电子会长一案作出判决。", "2025-02-04", "3日", ("2025-02-03", "2025-02-03")),
    ],
)  # fmt: skip
def test_tomorrow_days_of_that_month_closing_offsets_durations_and_words_of_electricity(
    language, text, published, date_words, expected
):
    mentions = find_dates(text, dt.date.fromisoformat(published), language)
    found = {mention.text: (mention.date_start.isoformat(), mention.date_end.isoformat()) for mention in mentions}
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Cue words count in any case: the clause is lower-cased before the (lower-case) cues are matched.
        ("The new Parliament WILL meet on Tuesday.", "2025-03-04"),
        ("The new Parliament Will meet on Tuesday.", "2025-03-04"),
        ("The new Parliament MET on Tuesday.", "2025-02-25"),
    ],
)
def test_tense_cues_count_in_any_case(text, expected):
    (mention,) = find_dates(text, dt.date(2025, 3, 1), "en")
    assert mention.date_start.isoformat()[:10] == expected


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # A future cue after a speech verb that follows the date belongs to what was said: the dated
        # speech stays in the past, however far back ("saying it would", 「宣布，将」).
        ("en", "The regulator blocked the merger on Friday, saying it would harm competition.", "2024-03-12",
         "on Friday", "2024-03-08"),
        ("en", "The minister resigned on Feb. 3, saying she would return to teaching.", "2024-04-20",
         "on Feb. 3", "2024-02-03"),
        ("zh", "该公司2月7日宣布，将推出新款手机。", "2024-09-01", "2月7日", "2024-02-07"),
        # A cue before the date, or after it with no speech between, still speaks ahead.
        ("en", "The board will meet on Feb. 3 to approve the plan.", "2024-04-20", "on Feb. 3", "2025-02-03"),
        ("zh", "双方2月7日将举行会谈。", "2024-09-01", "2月7日", "2025-02-07"),
    ],
)  # fmt: skip
def test_a_future_cue_after_the_speech_that_follows_a_date_is_what_was_said(
    language, text, published, date_words, expected
):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "published", "date_words", "expected"),
    [
        # "The same day" after a look back to an earlier year goes on with the story's first day...
        ("en", "The Bank cut rates on Thursday. It had raised them on Aug. 3 last year. Speaking the same day, "
         "the governor urged caution.", "2024-08-02", "the same day", "2024-08-01"),
        ("zh", "全国人大常委会29日任命董军为国防部部长。秦刚于2022年12月30日被任命为外交部部长。同日，会议还通过了公司法。",
         "2023-12-30", "同日", "2023-12-29"),
        ("ar", "تولى الرئيس منصبه أمس الأحد. وكان سلفه قد استقال في 3 مارس 2022. وفي اليوم نفسه، التقى الرئيس وزراءه.",
         "2024-06-03", "وفي اليوم نفسه", "2024-06-02"),
        # ... unless its sentence stays in that past, or the look back is in its own sentence.
        ("en", "The Bank cut rates on Thursday. It had raised them on Aug. 3 last year. The governor at the time "
         "spoke the same day.", "2024-08-02", "the same day", "2023-08-03"),
        ("ar", "تولى الرئيس منصبه أمس الأحد. وكان سلفه قد استقال في 3 مارس 2022. وقال الوزير آنذاك في اليوم نفسه إنه سيغادر.",
         "2024-06-03", "في اليوم نفسه", "2022-03-03"),
        ("en", "The Bank cut rates on Thursday. It had raised them on Aug. 3 last year, and the same day it warned.",
         "2024-08-02", "the same day", "2023-08-03"),
    ],
)  # fmt: skip
def test_the_same_day_after_a_look_back_to_an_earlier_year_is_the_storys_day(
    language, text, published, date_words, expected
):
    found = starts_by_words(language, text, published)
    assert found.get(date_words) == expected, found


@pytest.mark.parametrize(
    ("language", "text", "date_words"),
    [
        # A past month is a day that happened, a plain "since" a beginning, 以来 without a measure a span.
        ("en", "It was the bank's first cut since March 2020.", "since March 2020"),
        ("en", "The plant has been owned by the group since 2016.", "since 2016"),
        ("zh", "这是该行自2019年9月以来首次降息。", "2019年9月"),
        ("ar", "وشغل الوزير منصبه منذ عام 2016.", "منذ عام 2016"),
        # A day beside a deadline is still a day; a plain 3号 is the 3rd.
        ("zh", "部长3日宣布，企业须在6月30日之前提交报告。", "3日"),
        ("zh", "代表团8月3号抵达。", "8月3号"),
        ("en", "The court ruled on Monday, and the parties must reply by May 2.", "on Monday"),
        ("en", "The company plans to open the plant next summer.", "next summer"),
    ],
)  # fmt: skip
def test_measures_and_limits_leave_the_dates_beside_them(language, text, date_words):
    assert date_words in [mention.text for mention in find_dates(text, SATURDAY, language)]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # The pattern reaches the date's first words only; the shorter readings inside it go with it.
        ("zh", "出口许可的有效期至2030年12月20日。"),
        ("zh", "双方同意不迟于2026年6月18日完成交割。"),
        ("en", "The treaty must be ratified no later than 30 June 2026."),
    ],
)
def test_a_non_event_takes_the_readings_inside_it_along(language, text):
    assert find_dates(text, SATURDAY, language) == []
