"""The date resolver, table-driven: (sentence, published) -> (date_text, start, end, precision).

Every row is a real sentence shape from Arabic, English or Chinese news. Publication dates are
fixed; nothing may depend on today or on the machine's time zone (see the Auckland test below).
"""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.article_dates import find_dates
from timeline.actors import Actor, ActorRegistry

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
    # --- Arabic ---------------------------------------------------------------------------
    # A day without a year is the latest such day not after publication.
    ("ar", "وخلال اجتماع رفيع المستوى عقد في 17 فبراير، التقى الرئيس", SATURDAY,
     "في 17 فبراير", D(2025, 2, 17), D(2025, 2, 17), "day"),
    # A month stays a month; الماضي is the latest February before the publication month.
    ("ar", "لرفض دعوة لحضور قمة الذكاء الاصطناعي في باريس خلال فبراير الماضي.", SATURDAY,
     "خلال فبراير الماضي", D(2025, 2, 1), D(2025, 2, 28), "month"),
    ("ar", "في معرض الإلكترونيات الاستهلاكية «CES» في لاس فيجاس خلال يناير الماضي، ما يشير", SATURDAY,
     "خلال يناير الماضي", D(2025, 1, 1), D(2025, 1, 31), "month"),
    # "Last year" is the calendar year before publication, precision year.
    ("ar", "ألغى مؤسس إحدى كبرى الشركات خططه لزيارة الولايات المتحدة العام الماضي، بعد", SATURDAY,
     "العام الماضي", D(2024, 1, 1), D(2024, 12, 31), "year"),
    # A season is the northern meteorological season, here of the publication year.
    ("ar", "تستعد الصين لعقد قمتها الخاصة بالذكاء الاصطناعي هذا الصيف، حيث صرح", SATURDAY,
     "هذا الصيف", D(2025, 6, 1), D(2025, 8, 31), "season"),
    # "Former president" means the last term that ended before publication: Trump's first.
    ("ar", "التي احتجزت في كندا بناءً على طلب واشنطن خلال إدارة الرئيس الأميركي السابق دونالد ترمب.", SATURDAY,
     "خلال إدارة الرئيس الأميركي السابق دونالد ترمب", D(2017, 1, 20), D(2021, 1, 20), "undated"),
    ("ar", "في تكرار لما حدث مع مسؤولة في شركة هواوي خلال إدارة ترمب الأولى.", SATURDAY,
     "خلال إدارة ترمب الأولى", D(2017, 1, 20), D(2021, 1, 20), "undated"),
    # No term named: every term begun by publication, cut at publication, lower confidence.
    ("ar", "بالإضافة إلى أن الرسوم الجمركية التي فرضتها واشنطن خلال رئاسة ترمب، أسهمت", SATURDAY,
     "خلال رئاسة ترمب", D(2017, 1, 20), D(2025, 3, 1), "undated"),
    ("ar", "وقالت الصحيفة، أمس، إن السلطات تشعر بالقلق", SATURDAY, "أمس", D(2025, 2, 28), D(2025, 2, 28), "day"),
    ("ar", "وقالت الصحيفة، أول من أمس، إن السلطات تشعر بالقلق", SATURDAY,
     "أول من أمس", D(2025, 2, 27), D(2025, 2, 27), "day"),
    # Today and a weekday that agree.
    ("ar", "تراجع سهم إنفيديا خلال تعاملات ما قبل افتتاح جلسة اليوم الإثنين، وسط أداء سلبي", D(2025, 1, 27),
     "اليوم الإثنين", D(2025, 1, 27), D(2025, 1, 27), "day"),
    # A bare weekday is the latest such day on or before publication (Monday 27 -> Friday 24).
    ("ar", "ليمدد خسائره بعدما أنهى جلسة الجمعة منخفضًا بنسبة 3.12%.", D(2025, 1, 27),
     "الجمعة", D(2025, 1, 24), D(2025, 1, 24), "day"),
    # Ordinal day in words; الجاري pins the publication month.
    ("ar", "أصدرته شركة ديب سيك، يُدعى ديب سيك-في3، في العاشر من يناير الجاري، وبتكلفة", D(2025, 1, 27),
     "في العاشر من يناير الجاري", D(2025, 1, 10), D(2025, 1, 10), "day"),
    # Levantine month name and a range of two days.
    ("ar", "تستضيف باريس يومي 10 و11 شباط 2025 قمة العمل للذكاء الاصطناعي.", D(2025, 2, 10),
     "يومي 10 و11 شباط 2025", D(2025, 2, 10), D(2025, 2, 11), "range"),
    # Egyptian spelling with alef maqsura (فى, يومى) and a range.
    ("ar", "شهدت قمة عمل الذكاء الاصطناعى التى عُقدت فى باريس يومى 10 و11 فبراير 2025 مشاركة", D(2025, 2, 20),
     "يومى 10 و11 فبراير 2025", D(2025, 2, 10), D(2025, 2, 11), "range"),
    # Diacritics inside the date words (يومَي) do not stop matching.
    ("ar", "وستنظَّم فعاليات علمية قبل القمة يومَي 6 و7 فبراير، بالإضافة", D(2024, 11, 29),
     "يومَي 6 و7 فبراير", D(2024, 2, 6), D(2024, 2, 7), "range"),
    ("ar", "وكانت الحكومة الصينية قد دعت، خلال شهر سبتمبر الماضي، واشنطن إلى", D(2022, 10, 8),
     "خلال شهر سبتمبر الماضي", D(2022, 9, 1), D(2022, 9, 30), "month"),
    # Levantine and Egyptian names of one month joined by a slash; late December is the 21st to the 31st.
    ("ar", "النسخة الأولية التي تم إطلاقه في أواخر كانون الأول /ديسمبر، تكلف أقل", D(2025, 1, 28),
     "أواخر كانون الأول /ديسمبر", D(2024, 12, 21), D(2024, 12, 31), "undated"),
    ("ar", "من المتوقع أن يعقد المؤتمر في 17 فبراير المقبل.", D(2025, 2, 14),
     "في 17 فبراير المقبل", D(2025, 2, 17), D(2025, 2, 17), "day"),
    # --- English --------------------------------------------------------------------------
    # A weekday in apposition with its date is one mention.
    ("en", "the Wall Street Journal (WSJ) reported on Friday (Feb 28), citing people", SATURDAY,
     "on Friday (Feb 28)", D(2025, 2, 28), D(2025, 2, 28), "day"),
    ("en", "declined an invitation to attend an AI summit in Paris in February, according to", SATURDAY,
     "in February", D(2025, 2, 1), D(2025, 2, 28), "month"),
    ("en", "cancelled a planned US trip last year following instructions from Beijing", SATURDAY,
     "last year", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("en", "a Huawei executive held in Canada at Washington's request during the first Trump administration.",
     SATURDAY, "during the first Trump administration", D(2017, 1, 20), D(2021, 1, 20), "undated"),
    ("en", "U.S. restrictions on semiconductor exports imposed during the Biden administration", SATURDAY,
     "during the Biden administration", D(2021, 1, 20), D(2025, 1, 20), "undated"),
    # "last February" published in March is this year's February; in February it is last year's.
    ("en", "The company first met regulators last February.", SATURDAY,
     "last February", D(2025, 2, 1), D(2025, 2, 28), "month"),
    ("en", "The company first met regulators last February.", D(2025, 2, 20),
     "last February", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("en", "Beijing plans to host its own AI summit this summer.", SATURDAY,
     "this summer", D(2025, 6, 1), D(2025, 8, 31), "season"),
    # Early 2025: January to April, an undated interval (not a quarter, not a guessed day).
    ("en", "The rules are expected to take effect in early 2025.", D(2024, 12, 1),
     "in early 2025", D(2025, 1, 1), D(2025, 4, 30), "undated"),
    ("en", "The ministry said earlier this month that it would review the rule.", D(2025, 3, 20),
     "earlier this month", D(2025, 3, 1), D(2025, 3, 20), "undated"),
    ("en", "Officials met this week to discuss the controls.", D(2025, 3, 20),
     "this week", D(2025, 3, 17), D(2025, 3, 23), "week"),
    ("en", "The company said yesterday that exports had resumed.", SATURDAY,
     "yesterday", D(2025, 2, 28), D(2025, 2, 28), "day"),
    ("en", "He arrived the day before yesterday.", SATURDAY,
     "the day before yesterday", D(2025, 2, 27), D(2025, 2, 27), "day"),
    ("en", "The summit was held on 10-11 February in Paris.", SATURDAY,
     "on 10-11 February", D(2025, 2, 10), D(2025, 2, 11), "range"),
    # Tuesday to Friday: the latest such span on or before publication.
    ("en", "Talks ran from Tuesday to Friday in Geneva.", SATURDAY,
     "from Tuesday to Friday", D(2025, 2, 25), D(2025, 2, 28), "range"),
    ("en", "Then, on August 2, 2022, House Speaker Nancy Pelosi visited Taiwan.", D(2024, 12, 22),
     "on August 2, 2022", D(2022, 8, 2), D(2022, 8, 2), "day"),
    # Published on a Wednesday: "on Tuesday" is the day before.
    ("en", "The rules cast a cloud over U.S. chip stocks on Tuesday.", D(2023, 10, 18),
     "on Tuesday", D(2023, 10, 17), D(2023, 10, 17), "day"),
    ("en", "Revenue fell in the first quarter of 2024.", SATURDAY,
     "in the first quarter of 2024", D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    # --- Chinese --------------------------------------------------------------------------
    ("zh", "去年二月,该公司首次推出模型。", SATURDAY, "去年二月", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("zh", "消息人士指出,座谈会或在下周一(17日)举行。", D(2025, 2, 14),
     "下周一(17日)", D(2025, 2, 17), D(2025, 2, 17), "day"),
    ("zh", "中共中央機關刊《求是》今天（16日）刊出國家主席習近平的講話", D(2025, 8, 16),
     "今天（16日）", D(2025, 8, 16), D(2025, 8, 16), "day"),
    ("zh", "知情者预计美国将在本周宣布更多人工智能晶片出口限制措施", D(2023, 10, 16),
     "本周", D(2023, 10, 16), D(2023, 10, 22), "week"),
    ("zh", "2025年2月17日,民营企业座谈会在北京召开。", D(2025, 2, 19),
     "2025年2月17日", D(2025, 2, 17), D(2025, 2, 17), "day"),
    ("zh", "去年5月习近平在山东考察期间,主持召开企业家及专家座谈会。", D(2025, 2, 14),
     "去年5月", D(2024, 5, 1), D(2024, 5, 31), "month"),
    ("zh", "特朗普第一任期内爆发了中美贸易战。", SATURDAY, "特朗普第一任期", D(2017, 1, 20), D(2021, 1, 20), "undated"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "published", "date_text", "start", "end", "precision"), CASES)
def test_resolver_table(lang, sentence, published, date_text, start, end, precision):
    mentions = find_dates(sentence, published, lang, REGISTRY)
    assert [(m.text, m.date_start, m.date_end, m.precision) for m in mentions] == [(date_text, start, end, precision)]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("ar", "تفوح منها رائحة التوابل.. مومياوات مصرية عمرها 5000 سنة تثير حيرة العلماء"),  # an age, not year 5000
        ("ar", "يوفر 4500 فرصة عمل.. إيجيبت كادي للمنسوجات دفعة للصناعة الوطنية"),  # a quantity
        ("ar", "أطلقت مجموعة علي بابا مؤخرًا نسخة جديدة من نموذجها «Qwen 2.5»، وقالت إنه يتفوق على «DeepSeek-V3»."),
        ("ar", "شهدت الصين في السنوات الأخيرة زيادة في أعداد رواد الأعمال"),  # a duration
        ("en", "Alibaba released Qwen 2.5, which it says beats DeepSeek-V3."),
        ("en", "The firm has worked on the chip for three years."),  # a duration
        ("en", "It was the first such meeting since 2018."),  # "since" starts a duration
        ("en", "This may be the biggest drop in 9999 days."),  # a modal verb, and no year 9999
        ("zh", "这是2018年以来习近平第3次主持召开企业家座谈会。"),  # 以来: since
        ("zh", "(北京14日综合电)路透社引述知情人士透露"),  # a dateline is not an event
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
