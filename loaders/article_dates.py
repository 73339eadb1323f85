"""Dates in article text: candidate spans found by compiled regexes, resolved against the publication date.

Each rule is a regex over the normalized text (loaders.arabic) and a resolver that turns the match
into an inclusive interval, a precision and a confidence. Only words that name a time start a
candidate (month and weekday names, relative words, years after a cue such as "in" or "عام"), so
numbers, durations and version names ("Qwen 2.5", "5000 سنة") never become dates. Where several
candidates overlap the longest wins; a weekday next to the date it names ("Friday (Feb 28)",
"下周一(17日)") becomes one mention. Nothing is ever resolved against today.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from loaders import arabic
from loaders.article_anchors import AnchorWindows, WordAnchors, Words, merged
from loaders.article_text import ends_sentence
from timeline.actors import Actor, ActorRegistry
from timeline.periods import month_interval, period_interval, season_interval

MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR = r"(?P<year>19\d\d|20\d\d|2100)(?!\d)"
YEAR2 = r"(?P<year2>19\d\d|20\d\d|2100)(?!\d)"

# ---------------------------------------------------------------------------------------------
# Words, by language (Arabic in the spelling the press uses; normalized when compiled)
# ---------------------------------------------------------------------------------------------

ENGLISH_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12, "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4,
    "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
ARABIC_MONTHS = {
    # Egyptian and Gulf names
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine and Iraqi names
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
    "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    # Maghrebi names
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "جوان": 6, "جويلية": 7,
}  # fmt: skip
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ARABIC_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
CHINESE_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
CHINESE_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# Direction words: past (last, الماضي, 上), next (next, المقبل, 下), current (this, الجاري, 本).
PAST_WORDS = {"last", "past", "previous", "الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفايت", "الفايته", "السابق",
              "السابقه", "上", "去年"}  # fmt: skip
NEXT_WORDS = {"next", "coming", "المقبل", "المقبله", "القادم", "القادمه", "下", "明年"}
CURRENT_WORDS = {
    "this",
    "current",
    "الجاري",
    "الجاريه",
    "الحالي",
    "الحاليه",
    "هذا",
    "هذه",
    "本",
    "这",
    "這",
    "今",
    "今年",
}
SINCE_WORDS = {"since", "منذ", "自"}

# Parts of a month or year: early, mid, late (a third each), halves.
PART_WORDS = {
    "early": "early", "the beginning of": "early", "the start of": "early", "mid": "mid", "the middle of": "mid",
    "late": "late", "the end of": "late", "the first half of": "first half", "first half of": "first half",
    "the second half of": "second half", "second half of": "second half",
    "مطلع": "early", "اوايل": "early", "بدايه": "early", "منتصف": "mid", "اواسط": "mid", "اواخر": "late",
    "نهايه": "late", "初": "early", "年初": "early", "上旬": "early", "中": "mid", "中旬": "mid", "下旬": "late",
    "底": "late", "末": "late", "年底": "late", "年末": "late", "上半年": "first half", "下半年": "second half",
}  # fmt: skip
# Months covered by each part of a year: early 2025 is January to April (the first third).
YEAR_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "first half": (1, 6), "second half": (7, 12)}
# Days covered by each part of a month: early February is the 1st to the 10th.
MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "first half": (1, 15), "second half": (16, 31)}

SEASONS = {
    "spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter",
    "الربيع": "spring", "ربيع": "spring", "الصيف": "summer", "صيف": "summer", "الخريف": "autumn", "خريف": "autumn",
    "الشتاء": "winter", "شتاء": "winter", "春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter",
}  # fmt: skip
UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month",
    "year": "year", "years": "year", "اليوم": "day", "اسبوع": "week", "الاسبوع": "week", "شهر": "month",
    "الشهر": "month", "عام": "year", "العام": "year", "سنه": "year", "السنه": "year", "周": "week", "週": "week",
    "星期": "week", "礼拜": "week", "禮拜": "week", "月": "month", "日": "day", "天": "day", "ايام": "day",
    "يوما": "day", "اسابيع": "week", "اشهر": "month", "شهور": "month", "سنوات": "year", "اعوام": "year", "年": "year",
}  # fmt: skip
COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
RELATIVE_DAYS = {
    "the day before yesterday": -2, "day before yesterday": -2, "yesterday": -1, "today": 0, "earlier today": 0,
    "later today": 0, "tomorrow": 1, "the day after tomorrow": 2,
    "اليوم": 0, "اول امس": -2, "اول من امس": -2, "امس الاول": -2, "امس": -1, "الامس": -1, "غدا": 1, "غد": 1, "بعد غد": 2,
    "صباح اليوم": 0, "مساء اليوم": 0, "ظهر اليوم": 0, "فجر اليوم": 0,
    "前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1, "后天": 2, "後天": 2,
    "昨晚": -1, "昨夜": -1, "前晚": -2, "今晨": 0, "今早": 0, "今晚": 0, "明晚": 1,
    "مساء امس": -1, "صباح امس": -1, "ليله امس": -1, "فجر امس": -1, "ظهر امس": -1, "الليله الماضيه": -1,
}  # fmt: skip
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "q1": 1, "q2": 2, "q3": 3, "q4": 4, "الاول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الاخير": 4,
            "第一": 1, "第二": 2, "第三": 3, "第四": 4, "一": 1, "二": 2, "三": 3, "四": 4}  # fmt: skip
# Ordinals naming which term of office: first, second, former (the last one ended before publication).
TERM_ORDINALS = {"first": 0, "الاولي": 0, "第一": 0, "首": 0, "首个": 0, "second": 1, "الثانيه": 1, "第二": 1}
FORMER_WORDS = {"former", "previous", "last", "earlier", "السابق", "السابقه", "上", "上一", "前"}

ARABIC_UNITS = ("الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
ARABIC_SIMPLE_ORDINALS = ("الاول",) + ARABIC_UNITS[1:] + ("العاشر",)


def _arabic_ordinals() -> dict[str, int]:
    """Day ordinals in words, 1 to 31: العاشر, الحادي عشر, الحادي والعشرين..."""
    ordinals = {word: number for number, word in enumerate(ARABIC_SIMPLE_ORDINALS, start=1)}
    for number, unit in enumerate(ARABIC_UNITS, start=1):
        ordinals[f"{unit} عشر"] = 10 + number
        ordinals[f"{unit} والعشرين"] = 20 + number
    ordinals.update({"العشرين": 20, "الثلاثين": 30, "الحادي والثلاثين": 31})
    return ordinals


ARABIC_ORDINALS = _arabic_ordinals()


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """An inclusive interval with its precision and the confidence of the rule that found it."""

    start: dt.date
    end: dt.date
    precision: str
    confidence: float
    # The year came from the publication date, not the text: a year named earlier in the sentence wins.
    yearless: bool = False
    # For words that date from another date ("the same day", "nine days after", 「次日」): turns the
    # antecedent's resolution into this one. `start`/`end` are placeholders until then.
    relative: Callable[[Resolution], Resolution | None] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression: where it is in the original text, its words and its interval."""

    start: int
    end: int
    text: str
    date_start: dt.date
    date_end: dt.date
    precision: str
    confidence: float
    rule: str


@dataclass
class Context:
    published: dt.date
    language: str = "en"
    term_actors: dict[str, Actor] = field(default_factory=dict)


ANAPHOR = "anaphor"  # precision of a placeholder filled in from the previous mention
ANAPHOR_UNITS = {
    "day": "day", "week": "week", "month": "month", "year": "year", "اليوم": "day", "الاسبوع": "week",
    "الشهر": "month", "العام": "year", "السنه": "year", "当天": "day", "當天": "day", "当日": "day", "當日": "day",
    "同日": "day", "当晚": "day", "المساء": "day", "الصباح": "day", "الليله": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day", "當晚": "day", "当月": "month", "當月": "month", "同月": "month", "当年": "year", "當年": "year", "同年": "year",
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------------------------


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _days(start: dt.date, end: dt.date, confidence: float) -> Resolution | None:
    if start is None or end is None or end < start or start.year < MIN_YEAR or end.year > MAX_YEAR:
        return None
    return Resolution(start, end, "day" if start == end else "range", confidence)


def _period(anchor: dt.date, precision: str, confidence: float) -> Resolution | None:
    if not MIN_YEAR <= anchor.year <= MAX_YEAR:
        return None
    start, end = period_interval(pd.Timestamp(anchor), precision)
    if start.year < MIN_YEAR or end.year > MAX_YEAR:
        return None  # a week or quarter that reaches past the calendar the loader dates
    return Resolution(start.date(), end.date(), precision, confidence)


def _month(year: int, month: int, confidence: float, part: str | None = None) -> Resolution | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    start, end = (stamp.date() for stamp in month_interval(year, month))
    if part:
        first, last = MONTH_PART_DAYS[part]
        start, end = start.replace(day=first), end.replace(day=min(last, end.day))
        return Resolution(start, end, "undated", confidence * 0.85)
    return Resolution(start, end, "month", confidence)


def _year(year: int, confidence: float, part: str | None = None) -> Resolution | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if part:
        first, last = YEAR_PART_MONTHS[part]
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
        return Resolution(dt.date(year, first, 1), end, "undated", confidence * 0.8)
    return Resolution(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", confidence)


def _season(season: str, year: int, confidence: float) -> Resolution | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    start, end = season_interval(season, year)
    return Resolution(start.date(), end.date(), "season", confidence)


def direction(word: str | None) -> str | None:
    """past, next or current for a direction word (last, المقبل, 本...), else None."""
    if not word:
        return None
    key = " ".join(word.lower().split())
    if key in PAST_WORDS:
        return "past"
    if key in NEXT_WORDS:
        return "next"
    if key in CURRENT_WORDS:
        return "current"
    return None


def month_year(month: int, published: dt.date, towards: str | None) -> int:
    """The year of a month named without one: "last February" is the latest February before this month."""
    if towards == "current":
        return published.year
    if towards == "past":
        return published.year if month < published.month else published.year - 1
    if towards == "next":
        return published.year if month > published.month else published.year + 1
    if towards == "future":
        return published.year if month >= published.month else published.year + 1
    # A bare month is the latest one that began on or before publication.
    return published.year if month <= published.month else published.year - 1


# A bare day-month this many days after publication or fewer is the coming one: news announces the
# next few weeks ("the vote on 23 July") far more often than it recalls a day eleven months back.
COMING_DAYS = 45
CUE_BEFORE = 100  # characters before a date searched for tense cues, back to the sentence start
CUE_AFTER = 25  # characters after a date searched for tense cues
# A bare day-month at most this many days before publication stays there even beside a future cue.
RECENT_DAYS = 31
# A day of the month alone ("10日", "on the 10th") this many days before publication or fewer stays in
# this month beside a future cue: news of the last days names them so (「10日宣布，将…」), and a day
# of next month this close to its number would be written with its month.
RECENT_DAYS_OF_MONTH = 3
_SENTENCE_EDGE = re.compile(r"[.;!?؟。；！？\n]")


def tense(match: re.Match, context: Context) -> str | None:
    """ "future" or "past" from the cue words in the clause around a match (data: loaders/rules/<lang>.yaml)."""
    from loaders.article_rules import rules_for  # the rules module imports nothing from here

    text = match.string
    start = max(0, match.start() - CUE_BEFORE)
    edges = list(_SENTENCE_EDGE.finditer(text, start, match.start()))
    if edges:
        start = edges[-1].end()
    # After the date only the next few words count: "takes office on Jan. 20" is before it, 「即12日，马克龙将」
    # just after; a verb further on belongs to another happening.
    after = _SENTENCE_EDGE.search(text, match.end(), match.end() + CUE_AFTER)
    end = after.start() if after else min(len(text), match.end() + CUE_AFTER)
    rules = rules_for(context.language)
    window = text[start:end]
    if context.language == "en":
        window = window.lower()
    date_end = match.end() - start
    future = next(
        (
            cue
            for cue in rules.future_cues.finditer(window)
            if not (rules.not_future and rules.not_future.match(window, cue.start()))
            and not (cue.start() >= date_end and _speech_between(window, date_end, cue.start(), rules))
        ),
        None,
    )
    past = rules.past_cues.search(window)
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    if future and past:
        if future.start() == past.start():
            # A future cue that holds a past word ("was due to") is read whole.
            return "future" if len(future.group()) >= len(past.group()) else "past"
        # The cue nearest the date decides: "signed on Monday a deal that will ..." is past.
        offset = match.start() - start
        return "future" if abs(future.start() - offset) < abs(past.start() - offset) else "past"
    return None


def _speech_between(window: str, first: int, last: int, rules) -> bool:
    """Whether a speech verb stands between a date and the future cue after it: the cue then belongs to
    what was said ("blocked it on Friday, saying it would", 「1月6日宣布，将」), not to the dated speech."""
    from loaders.article_rules import matchable

    text = matchable(window, rules.language)
    return any(weak and category == "statement" for category, _, _, weak, _ in rules.triggers.find(text, first, last))


# "from 31 December", «اعتبارا من العاشر من أبريل»: a beginning without a year is the coming one
# (a day of the last few weeks stays where it is, see day_year).
_BEGINNING_WORDS = re.compile(
    r"(?i:\b(?:from|starting|beginning|as\s+of|effective))\s*$|(?:اعتبارا|ابتداء|بدءا)\s+من\s*$"
)
_BEGINNING_AT = re.compile(r"\s*(?:(?i:from|starting|beginning|as\s+of|effective)\b|(?:اعتبارا|ابتداء|بدءا)\s+من)")


def _beginning_tense(match: re.Match, cue_tense: str | None) -> str | None:
    """The tense of a yearless day, leaning ahead when it is a beginning; a past verb there tells of the
    announcement ("announced a tariff from April 10"), so it is left to the few-weeks-ahead default."""
    before = match.string[max(0, match.start() - 20) : match.start()]
    if not (_BEGINNING_AT.match(match.group(0)) or _BEGINNING_WORDS.search(before)):
        return cue_tense
    return {None: "future", "past": None}.get(cue_tense, cue_tense)


def day_year(month: int, day: int, published: dt.date, towards: str | None) -> int:
    """The year of a day named without one: the latest such day not after publication, unless the
    clause speaks of the future (the next such day), or says nothing and the day is a few weeks ahead."""
    if towards == "current":
        return published.year
    this_year = _date(published.year, month, day)
    if towards == "future" and this_year and 0 < (published - this_year).days <= RECENT_DAYS:
        # A cue word does not carry a day of the last few weeks a year ahead: 「公司3月5日发布公告称，将回购」
        # in an article of 12 March is this 5 March; a day a year off would carry its year.
        return published.year
    if towards in ("next", "future"):
        return published.year if this_year and this_year >= published else published.year + 1
    if towards is None and this_year and 0 < (this_year - published).days <= COMING_DAYS:
        return published.year
    if this_year is None and month == 2 and day == 29:
        # 29 February: the latest leap year not after publication.
        year = published.year
        while not calendar.isleap(year) or dt.date(year, 2, 29) > published:
            year -= 1
        return year
    return published.year if this_year and this_year <= published else published.year - 1


def weekday_date(weekday: int, published: dt.date, mode: str | None) -> dt.date:
    """The date of a weekday: by default the latest such day on or before publication.

    A wire story published on a Friday says "on Friday" for that same day, so the publication day
    itself counts; "last Friday" is strictly before it, "next Friday" strictly after.
    """
    monday = published - dt.timedelta(days=published.weekday())
    if mode == "past":
        return published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if mode == "next":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if mode == "coming":  # "will meet on Wednesday": the first such day from publication on
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    if mode == "this week":
        return monday + dt.timedelta(days=weekday)
    if mode == "last week":
        return monday + dt.timedelta(days=weekday - 7)
    if mode == "next week":
        return monday + dt.timedelta(days=weekday + 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def chinese_number(text: str) -> int | None:
    """1 to 31 from Arabic digits or Chinese numerals (五, 十一, 二十七)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        value = (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (CHINESE_DIGITS.get(units, 0) if units else 0)
        return value or None
    return CHINESE_DIGITS.get(text)


# ---------------------------------------------------------------------------------------------
# Resolvers: (match, context) -> Resolution or None
# ---------------------------------------------------------------------------------------------


def _group(match: re.Match, *names: str) -> str | None:
    for name in names:
        if name in match.re.groupindex and match.group(name):
            return match.group(name)
    return None


def _month_number(name: str) -> int | None:
    name = name.rstrip(".")
    if name in ENGLISH_MONTHS:
        return ENGLISH_MONTHS[name]
    if name in ARABIC_MONTH_NUMBERS:
        return ARABIC_MONTH_NUMBERS[" ".join(name.split())]
    number = chinese_number(name)
    return number if number and 1 <= number <= 12 else None


def _part(match: re.Match) -> str | None:
    word = _group(match, "part")
    if not word:
        cue = _group(match, "cue")
        word = cue if cue and _part_key(cue) in PART_WORDS else None
    return PART_WORDS.get(_part_key(word)) if word else None


def _part_key(word: str) -> str:
    return " ".join(word.lower().replace("-", " ").split()).removeprefix("و").removeprefix("ف")


def _day_value(match: re.Match, name: str) -> int | None:
    text = _group(match, name)
    if text is None:
        return None
    return chinese_number(text)


def resolve_day_month(match: re.Match, context: Context) -> Resolution | None:
    """17 February [2025], 10-11 February, February 10, 2025, 2月17日, العاشر من يناير الجاري."""
    month = _month_number(_group(match, "month"))
    ordinal = _group(match, "ordinal")
    day = ARABIC_ORDINALS.get(" ".join(ordinal.split())) if ordinal else _day_value(match, "day")
    if not month or not day:
        return None
    towards = direction(_group(match, "rel"))
    explicit_year = _group(match, "year")
    relative_year = _group(match, "relyear")
    if explicit_year:
        year, confidence = int(explicit_year), 0.95
    elif relative_year:
        year, confidence = context.published.year + {"去年": -1, "今年": 0, "明年": 1, "前年": -2}[relative_year], 0.9
    else:
        towards = towards or _beginning_tense(match, tense(match, context))
        year, confidence = day_year(month, day, context.published, towards), 0.85 if towards is None else 0.9
    yearless = not explicit_year and not relative_year and direction(_group(match, "rel")) is None
    start = _date(year, month, day)
    day2 = _day_value(match, "day2")
    if day2 is None:
        return _yearless(_days(start, start, confidence), yearless) if start else None
    month2 = _month_number(_group(match, "month2")) if _group(match, "month2") else month
    end = _date(year, month2, day2)
    return _yearless(_days(start, end, confidence), yearless) if start and end and end > start else None


def _yearless(resolution: Resolution | None, yearless: bool) -> Resolution | None:
    if resolution is None or not yearless:
        return resolution
    return Resolution(resolution.start, resolution.end, resolution.precision, resolution.confidence, yearless=True)


def resolve_month(match: re.Match, context: Context) -> Resolution | None:
    """A month: February 2025, last February, فبراير الماضي, in February, 去年5月, 2018年11月, early March."""
    month = _month_number(_group(match, "month"))
    if not month:
        return None
    part = _part(match)
    if _group(match, "year"):
        return _month(int(match.group("year")), month, 0.95, part)
    relative_year = _group(match, "relyear")
    if relative_year:
        offset = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}[relative_year]
        return _month(context.published.year + offset, month, 0.9, part)
    towards = direction(_group(match, "rel"))
    confidence = 0.85 if towards else 0.75
    if towards is None and tense(match, context) == "future":
        towards = "future"
    yearless = direction(_group(match, "rel")) is None
    return _yearless(_month(month_year(month, context.published, towards), month, confidence, part), yearless)


def resolve_year(match: re.Match, context: Context) -> Resolution | None:
    """A year after a cue: in 2024, عام 2020, 2018年, early 2025 (January to April), 年初."""
    part = _part(match)
    if _group(match, "year"):
        has_cue = _group(match, "cue", "yearword") or part
        return _year(int(match.group("year")), 0.9, part) if has_cue else None
    relative_year = _group(match, "relyear")
    if relative_year:
        offset = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}[relative_year]
        return _year(context.published.year + offset, 0.85, part)
    return None


def resolve_year_range(match: re.Match, context: Context) -> Resolution | None:
    """from 2003 to 2010, بين عامي 2003 و2010, 2003年至2010年: a window over the years between."""
    first, last = int(match.group("year")), int(match.group("year2"))
    if not MIN_YEAR <= first < last <= MAX_YEAR:
        return None
    return Resolution(dt.date(first, 1, 1), dt.date(last, 12, 31), "undated", 0.85)


def resolve_relative_period(match: re.Match, context: Context) -> Resolution | None:
    """last week, this month, next year, العام الماضي, هذا الأسبوع, 上个月, 本周."""
    unit = UNITS.get(_group(match, "unit").lower())
    towards = direction(_group(match, "rel", "this"))
    if unit not in ("week", "month", "year") or towards is None:
        return None
    published = context.published
    step = {"past": -1, "current": 0, "next": 1}[towards]
    if unit == "week":
        return _period(published + dt.timedelta(weeks=step), "week", 0.8)
    part = _part(match)  # «مطلع العام الجاري»: the early part of this year, not all of it
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return _month(index // 12, index % 12 + 1, 0.85, part)
    return _year(published.year + step, 0.85 if step else 0.8, part)


def resolve_part_of_current(match: re.Match, context: Context) -> Resolution | None:
    """ "the end of the month", "the first half of the year": a part of the month or year of publication."""
    part = _part(match)
    if part is None:
        return None
    published = context.published
    if UNITS.get(match.group("unit").lower()) == "month":
        return _month(published.year, published.month, 0.7, part)
    return _year(published.year, 0.7, part)


def resolve_earlier_this(match: re.Match, context: Context) -> Resolution | None:
    """earlier this month / في وقت سابق من هذا الشهر / 今年早些时候: from the period's start to publication."""
    unit = UNITS.get(
        _group(match, "unit").lower(), {"本月": "month", "今年": "year", "本周": "week"}.get(match["unit"])
    )
    later = (_group(match, "rel") or "").lower() in ("later", "وقت لاحق")
    if unit not in ("week", "month", "year"):
        return None
    period = _period(context.published, unit, 0.6)
    if period is None:
        return None
    start, end = (context.published, period.end) if later else (period.start, context.published)
    return Resolution(start, end, "undated" if start != end else "day", 0.6)


def resolve_relative_day(match: re.Match, context: Context) -> Resolution | None:
    """yesterday, the day before yesterday, أمس, أول أمس, 昨天, 前天; "today" is less certain."""
    key = " ".join(match.group("relday").lower().split())
    offset = RELATIVE_DAYS.get(key)
    if offset is None:
        return None
    day = context.published + dt.timedelta(days=offset)
    return _days(day, day, 0.6 if key in ("today", "今日", "今天") else 0.9)


def resolve_ago(match: re.Match, context: Context) -> Resolution | None:
    """two days ago, a week ago, three years ago: the period containing that day."""
    dual = _group(match, "count2")
    if dual:  # «قبل يومين»: an Arabic dual names two of its unit
        count, unit = 2, DUAL_UNITS.get(dual)
    else:
        count = _count(match.group("count")) or COUNTS.get(match.group("count").lower())
        unit = UNITS.get(match.group("unit").lower())
    if not count or unit is None:
        return None
    published = context.published
    if unit == "day":
        day = published - dt.timedelta(days=count)
        return _days(day, day, 0.85)
    if unit == "week":
        return _period(published - dt.timedelta(weeks=count), "week", 0.7)
    if unit == "month":
        index = published.year * 12 + published.month - 1 - count
        return _month(index // 12, index % 12 + 1, 0.7)
    return _year(published.year - count, 0.7)


def resolve_season(match: re.Match, context: Context) -> Resolution | None:
    """this summer, last winter, summer 2024, هذا الصيف, صيف 2024, 今年夏天 (northern meteorological seasons)."""
    word = _group(match, "season", "season2", "season3")
    season = SEASONS.get(word.lower()) if word else None
    if season is None:
        return None
    published = context.published
    if _group(match, "year"):
        return _season(season, int(match.group("year")), 0.9)
    relative_year = _group(match, "relyear")
    if _group(match, "season3"):
        relative_year = "今年"
    if relative_year:
        return _season(season, published.year + {"去年": -1, "今年": 0, "明年": 1}[relative_year], 0.85)
    towards = direction(_group(match, "rel", "this"))
    if towards == "current":
        # "This winter" in January is the winter that began last December.
        year = published.year - 1 if season == "winter" and published.month <= 2 else published.year
        return _season(season, year, 0.8)
    if towards == "past":
        year = published.year
        while season_interval(season, year)[1].date() >= published:
            year -= 1
        return _season(season, year, 0.8)
    if towards == "next":
        year = published.year
        while season_interval(season, year)[0].date() <= published:
            year += 1
        return _season(season, year, 0.8)
    return None


def resolve_quarter(match: re.Match, context: Context) -> Resolution | None:
    """the first quarter of 2025, Q3 2024, الربع الأول من عام 2025, 2025年第一季度."""
    quarter = QUARTERS.get(match.group("quarter").lower())
    if not quarter:
        return None
    if _group(match, "year"):
        year = int(match.group("year"))
    else:
        towards = direction(_group(match, "rel", "relyear"))
        year = context.published.year + {"past": -1, "current": 0, "next": 1, None: 0}[towards]
        if towards is None and 3 * quarter - 2 > context.published.month:
            year -= 1  # "the fourth quarter" in August: the latest one begun by publication
    return _period(dt.date(year, 3 * quarter - 1, 1), "quarter", 0.9) if MIN_YEAR <= year <= MAX_YEAR else None


def _weekday_number(word: str) -> int | None:
    if word in CHINESE_WEEKDAYS:
        return CHINESE_WEEKDAYS[word]
    for names in (ENGLISH_WEEKDAYS, ARABIC_WEEKDAYS_NORMALIZED):
        if word in names:
            return names.index(word)
    return None


def _weekday_mode(match: re.Match) -> str | None:
    relative = _group(match, "rel")
    if relative in ("上", "下", "本", "这", "這"):
        return {"上": "last week", "下": "next week"}.get(relative, "this week")
    if relative and relative.lower() == "this":
        return "this week"
    return direction(relative)


def resolve_weekday(match: re.Match, context: Context) -> Resolution | None:
    """on Friday, last Friday, اليوم الإثنين, يوم الاثنين, الجمعة الماضية, 周五, 下周一."""
    weekday = _weekday_number(match.group("weekday"))
    if weekday is None:
        return None
    anchor = _group(match, "anchor")
    if anchor:
        day = context.published + dt.timedelta(days=RELATIVE_DAYS[" ".join(anchor.split())])
        return _days(day, day, 0.9 if day.weekday() == weekday else 0.6)
    if match.group("weekday") == "الاحد" and not (_group(match, "yawm", "rel", "cue")):
        return None  # bare الأحد is as often "the one" as Sunday
    mode = _weekday_mode(match)
    if mode is None and tense(match, context) == "future":
        mode = "coming"
    day = weekday_date(weekday, context.published, mode)
    return _days(day, day, 0.75 if _group(match, "rel") is None else 0.8)


def resolve_weekday_range(match: re.Match, context: Context) -> Resolution | None:
    """from Tuesday to Friday, من الثلاثاء إلى الجمعة, يومي الإثنين والثلاثاء: the latest such span."""
    first, last = _weekday_number(match.group("weekday")), _weekday_number(match.group("weekday2"))
    if first is None or last is None or first == last:
        return None
    end = weekday_date(last, context.published, None)
    start = end - dt.timedelta(days=(last - first) % 7)
    return _days(start, end, 0.7)


def resolve_numeric(match: re.Match, context: Context) -> Resolution | None:
    """2025-02-17 (ISO), and 17/02/2025 day-first in Arabic and Chinese, month-first in English."""
    if _group(match, "iso"):
        day = _date(int(match.group("iso_year")), int(match.group("iso_month")), int(match.group("iso_day")))
        return _days(day, day, 0.9) if day else None
    first, second, year = int(match.group("first")), int(match.group("second")), int(match.group("year"))
    month_first = context.language == "en"
    orders = [(first, second), (second, first)] if month_first else [(second, first), (first, second)]
    candidates = [_date(year, month, day) for month, day in orders]
    valid = [day for day in candidates if day]
    if not valid:
        return None
    ambiguous = len(set(valid)) > 1
    return _days(valid[0], valid[0], 0.5 if ambiguous else 0.85)


def resolve_term(match: re.Match, context: Context) -> Resolution | None:
    """during the first Trump administration, خلال إدارة ترمب الأولى, 特朗普第一任期: from the registry's terms."""
    actor_words = " ".join(_group(match, "actor", "actor2").split())
    actor = context.term_actors.get(actor_words.casefold())
    if actor is None or not actor.terms:
        return None
    terms = sorted((dt.date.fromisoformat(start), dt.date.fromisoformat(end)) for start, end in actor.terms.values())
    published = context.published
    words = {word.casefold() for word in re.findall(r"[\w\u0600-\u06ff]+", match.group(0))}
    words |= {word for word in ("首", "第一", "第二", "上") if word in match.group(0)}
    ordinal = next((TERM_ORDINALS[word] for word in words if word in TERM_ORDINALS), None)
    if ordinal is not None:
        if ordinal >= len(terms):
            return None
        start, end = terms[ordinal]
        confidence = 0.7
    elif words & FORMER_WORDS:
        ended = [term for term in terms if term[1] < published]
        if not ended:
            return None
        start, end = ended[-1]
        confidence = 0.65
    else:
        begun = [term for term in terms if term[0] <= published]
        if not begun:
            return None
        # Which term is meant is not said: keep every term begun by publication, cut at publication.
        start, end = begun[0][0], min(begun[-1][1], published)
        confidence = 0.7 if len(begun) == 1 else 0.4
    return Resolution(start, end, "undated" if end > start else "day", confidence)


def _relative(kind: str, function: Callable[[Resolution], Resolution | None]) -> Resolution:
    """A placeholder filled in from the antecedent when the mentions are read in order (see _fill_anaphors)."""
    return Resolution(dt.date.min, dt.date.min, kind, 0.0, relative=function)


def resolve_anaphor(match: re.Match, context: Context) -> Resolution | None:
    """that month, the same day, في الشهر نفسه, 当月, 同日: the antecedent's day, month or year."""
    word = _group(match, "unit", "unit2", "anaphor")
    unit = ANAPHOR_UNITS.get(" ".join(word.lower().split()))
    if unit is None:
        return None

    def same(previous: Resolution) -> Resolution | None:
        if unit == "day" and previous.precision != "day":
            return None  # "that day" after a month names no day
        return _period(previous.start, unit, 0.6)

    return _relative("same day" if unit == "day" else "period", same)


def resolve_offset(match: re.Match, context: Context) -> Resolution | None:
    """the following day, nine days after, في اليوم التالي, بعد تسعة أيام من, 次日, 十日後: counted from the antecedent."""
    count_text = _group(match, "count", "count2")
    count = 0 if _group(match, "moments") else (_count(count_text) if count_text else 1)
    unit = UNITS.get((_group(match, "unit") or "day").lower(), "day")
    if count is None or unit not in ("day", "week"):
        return None
    step = dt.timedelta(days=count * (7 if unit == "week" else 1))
    sign = -1 if _group(match, "before") else 1

    def shifted(previous: Resolution) -> Resolution | None:
        day = previous.end + sign * step if sign > 0 else previous.start + sign * step
        return _days(day, day, 0.6) if MIN_YEAR <= day.year <= MAX_YEAR else None

    return _relative("offset", shifted)


def resolve_month_of_antecedent(match: re.Match, context: Context) -> Resolution | None:
    """in September of the same year, في سبتمبر من العام نفسه: the month in the antecedent's year."""
    month = _month_number(_group(match, "month"))
    relative = _group(match, "relyr")
    if not month:
        return None
    if relative and direction(relative):
        step = {"past": -1, "current": 0, "next": 1}[direction(relative)]
        return _month(context.published.year + step, month, 0.85, _part(match))
    part = _part(match)
    return _relative("period", lambda previous: _month(previous.start.year, month, 0.6, part))


# Words after a day and month that date it from the year before: "of the following year", «من العام التالي».
FOLLOWING_YEAR_WORDS = frozenset(["the following", "التالي"])


def resolve_day_month_of_year(match: re.Match, context: Context) -> Resolution | None:
    """4 April last year, في الرابع من أبريل من العام الماضي, «من العام التالي», "of the same year".

    A direction word counts from publication; "following" and "the same" from the antecedent's year.
    """
    month = _month_number(_group(match, "month"))
    ordinal = _group(match, "ordinal")
    day = ARABIC_ORDINALS.get(" ".join(ordinal.split())) if ordinal else _day_value(match, "day")
    if not month or not day:
        return None
    relative = _group(match, "relyr")
    if relative and direction(relative):
        step = {"past": -1, "current": 0, "next": 1}[direction(relative)]
        start = _date(context.published.year + step, month, day)
        return _days(start, start, 0.85) if start else None
    step = 1 if relative and " ".join(relative.lower().split()) in FOLLOWING_YEAR_WORDS else 0

    def in_year_of(previous: Resolution) -> Resolution | None:
        start = _date(previous.start.year + step, month, day)
        return _days(start, start, 0.6) if start else None

    return _relative("period", in_year_of)


def resolve_day_of_that_month(match: re.Match, context: Context) -> Resolution | None:
    """同月4日, «في السابع من الشهر نفسه»: that day of the antecedent's month."""
    ordinal = _group(match, "ordinal")
    day = ARABIC_ORDINALS.get(" ".join(ordinal.split())) if ordinal else _day_value(match, "day")

    def in_month_of(previous: Resolution) -> Resolution | None:
        start = _date(previous.start.year, previous.start.month, day) if day else None
        return _days(start, start, 0.6) if start else None

    return _relative("period", in_month_of)


def resolve_until_day(match: re.Match, context: Context) -> Resolution | None:
    """会期至6日: a session running from the antecedent's day to the 6th of the same month."""
    day = _day_value(match, "day")

    def until(previous: Resolution) -> Resolution | None:
        end = _date(previous.start.year, previous.start.month, day) if day else None
        return _days(previous.start, end, 0.6) if end and end > previous.start else None

    return _relative("same day", until)


DUAL_UNITS = {"يومين": "day", "اسبوعين": "week", "شهرين": "month", "عامين": "year", "سنتين": "year"}
COUNT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "a": 1, "an": 1, "واحد": 1, "يوم": 1, "يومين": 2, "اسبوع": 1, "اسبوعين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5,
    "سته": 6, "سبعه": 7, "ثمانيه": 8, "تسعه": 9, "عشره": 10,
}  # fmt: skip


def _count(text: str) -> int | None:
    text = text.lower().strip()
    if text.isdigit():
        return int(text)
    return COUNT_WORDS.get(text) or chinese_number(text)


def resolve_day_of_month(match: re.Match, context: Context) -> Resolution | None:
    """17日 on its own (Chinese), "on the 17th": the latest 17th not after publication, unless it is a dateline (14日电)."""
    if _group(match, "dateline"):
        return None
    day = _day_value(match, "day")
    published = context.published
    relative_month = _group(match, "relmonth")
    if relative_month:
        # 上月18日: the 18th of last month (not the whole month); 下月, 本月 likewise.
        step = {"上": -1, "下": 1}.get(relative_month, 0)
        index = published.year * 12 + published.month - 1 + step
        start = _date(index // 12, index % 12 + 1, day) if day else None
        day2 = _day_value(match, "day2")
        end = _date(index // 12, index % 12 + 1, day2) if day2 else start
        return _days(start, end, 0.85) if start and end else None
    candidate = _date(published.year, published.month, day) if day else None
    if tense(match, context) == "future":
        if candidate is None or (candidate < published and (published - candidate).days > RECENT_DAYS_OF_MONTH):
            following = (published.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            candidate = _date(following.year, following.month, day) if day else None
    elif candidate is None or candidate > published:
        previous = published.replace(day=1) - dt.timedelta(days=1)
        candidate = _date(previous.year, previous.month, day) if day else None
    if candidate is None:
        return None
    day2 = _day_value(match, "day2")
    if day2:  # 10日至11日: a span of days in one month
        end = _date(candidate.year, candidate.month, day2)
        return _days(candidate, end, 0.6) if end else None
    return _days(candidate, candidate, 0.6)


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    name: str
    language: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, Context], Resolution | None]
    anchor: str  # the kinds of word every match contains (see ANCHORS); "all" scans the whole text


# Which words every match of a rule contains. Rules only scan the text around such words, which
# is what makes the loader fast: most of an article is far from any date word. "a|b": a word of
# either kind; "a&b": words of both kinds, so the rule scans only where their windows overlap (a
# month name near a year, not every month name and every number).
RULE_ANCHORS = {
    "en": {
        "day month": "month&digit", "month day": "month&digit", "month year": "month&year",
        "relative month": "month&relative", "part of month": "month&part", "month after cue": "month",
        "part of year": "year&part", "year after cue": "year", "season of year": "season&year",
        "relative season": "season&relative", "quarter": "quarter&digit", "quarter code": "quarter code&year",
        "relative day": "relative day", "relative period": "unit&relative", "earlier this": "unit&later", "ago": "unit&ago",
        "weekday": "weekday", "weekday range": "weekday", "anaphor": "unit&that", "iso date": "numeric date",
        "slashed date": "numeric date", "term": "office&term", "day of month": "ordinal", "part of this period": "unit&part",
        "year range": "year",
    },
    "ar": {
        "day month": "month&digit", "ordinal day month": "month&ordinal", "month year": "month&year",
        "relative month": "month&relative", "month after cue": "month", "year": "year", "season": "season",
        "relative period": "unit&relative", "this period": "unit&this", "earlier this": "unit",
        "relative day": "relative day", "weekday": "weekday", "weekday range": "weekday", "quarter": "quarter",
        "anaphor": "same", "iso date": "numeric date", "slashed date": "numeric date", "term": "office&term", "year range": "year",
    },
}  # fmt: skip
RULE_ANCHORS["en"].update(
    {
        "following day": "unit&following",
        "offset": "unit&later",
        "month of that year": "month&unit",
        "day month of year": "month&unit",
        "month day of year": "month&unit",
        "day before": "before",
        "moments later": "moments",
        "quarter of this year": "quarter",
    }
)
RULE_ANCHORS["ar"].update(
    {
        "following day": "after",
        "offset": "after",
        "month of that year": "month&unit",
        "day month of year": "month&unit",
        "ago": "before",
        "day before": "before",
        "moments later": "after",
        "day of that month": "same",
    }
)
# Chinese: the characters a rule holds; rules of rare words (一年前, 星期三, 第三季度) scan little.
RULE_ANCHORS["zh"] = {
    "year range": "year", "full date": "year", "relative year month": "relative year&month",
    "month day": "month&day", "year month": "year", "month": "month", "year": "year",
    "relative year": "relative year", "season": "season", "quarter": "quarter", "ago": "ago",
    "weekday": "weekday", "day of month": "day", "offset": "after", "until day": "until&day",
    "iso date": "numeric date", "slashed date": "numeric date", "day of that year": "month&day", "day of that month": "day",
}  # fmt: skip
RULE_ANCHORS["ar"]["relative day"] = "relative day|daypart"  # أمس, غدا, or the part of a day in صباح اليوم


def _alternation(words) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(set(words), key=len, reverse=True))


def _rule(language: str, name: str, source: str, resolve, flags: int = 0) -> Rule:
    # Arabic patterns are written as the press spells words and matched against normalized text.
    pattern = re.compile(arabic.normalize(source) if language == "ar" else source, flags)
    return Rule(name, language, pattern, resolve, RULE_ANCHORS.get(language, {}).get(name, "all"))


ARABIC_MONTH_NUMBERS = {" ".join(arabic.normalize(name).split()): number for name, number in ARABIC_MONTHS.items()}
ARABIC_WEEKDAYS_NORMALIZED = tuple(arabic.normalize(name) for name in ARABIC_WEEKDAYS)


def _english_rules() -> list[Rule]:
    month_names = _alternation(ENGLISH_MONTHS)
    month = rf"(?P<month>{month_names})(?:\.(?=\s*\d))?(?![\w])"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])"
    day2 = r"(?P<day2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d\w])"
    month2 = rf"(?P<month2>{month_names})\.?"
    cue = r"(?:(?P<cue>(?i:on|in|during|from|by|until|since|through|throughout|as\s+of|starting|beginning))\s+)?"
    part = (
        r"(?P<part>(?i:early|mid|late|the\s+(?:beginning|start|middle|end)\s+of|(?:the\s+)?(?:first|second)\s+half"
        r"\s+of))"
    )
    relative = r"(?P<rel>(?i:last|this|next|past|coming))"
    season = r"(?P<season>(?i:spring|summer|autumn|winter)|(?i:f)all)"
    weekday = rf"(?P<weekday>{'|'.join(ENGLISH_WEEKDAYS)})(?:['’]s)?(?![\w])"
    weekday2 = rf"(?P<weekday2>{'|'.join(ENGLISH_WEEKDAYS)})(?![\w])"
    unit = r"(?P<unit>(?i:week|month|year))(?![\w])"
    # "last year", "of that year", "the following year" after a day and month.
    of_year = r"(?:(?i:of)\s+)?(?:(?P<relyr>(?i:last|this|next|that|the\s+same|the\s+following)))\s+(?i:year)(?![\w])"
    start = r"(?<![\w])"
    rules = [
        ("day month", rf"{start}{cue}{day}(?:\s*(?:-|–|—|(?i:and|to|&))\s*{day2})?\s+(?:(?i:of)\s+)?{month}"
                      rf"(?:,?\s+{YEAR})?", resolve_day_month),
        # "February 10-11", and across two months "April 26 to May 28" (not "April 26 and May 28": two days).
        ("month day", rf"{start}{cue}{month}\s+{day}(?:\s*(?:(?:-|–|—|(?i:to|through|until))\s*{month2}\s+|"
                      rf"(?:-|–|—|(?i:and|to))\s*){day2})?(?:,?\s+{YEAR})?", resolve_day_month),
        ("month year", rf"{start}{cue}(?:{part}[\s-]+)?{month},?\s+(?:(?i:of)\s+)?{YEAR}", resolve_month),
        ("relative month", rf"{start}{cue}{relative}\s+{month}", resolve_month),
        ("part of month", rf"{start}{cue}{part}[\s-]+{month}", resolve_month),
        ("month after cue", rf"{start}(?P<cue>(?i:in|during|since|until|by|through|throughout|before|after))\s+"
                            rf"{month}", resolve_month),
        ("year range", rf"{start}(?i:from|between)\s+{YEAR}\s*(?:-|–|—|(?i:to|and|until|through))\s*{YEAR2}",
         resolve_year_range),
        ("part of year", rf"{start}{cue}{part}[\s-]+{YEAR}", resolve_year),
        ("year after cue", rf"{start}(?P<cue>(?i:in|during|since|until|by|through|throughout))\s+"
                           rf"(?:(?P<yearword>(?i:the\s+year))\s+)?{YEAR}(?![-/.]\d)", resolve_year),
        ("season of year", rf"{start}{cue}(?:(?i:the)\s+)?{season}\s+(?:(?i:of)\s+)?{YEAR}", resolve_season),
        ("relative season", rf"{start}{cue}{relative}\s+{season}(?![\w])", resolve_season),
        ("quarter", rf"{start}{cue}(?:(?i:the)\s+)?(?P<quarter>(?i:first|second|third|fourth|1st|2nd|3rd|4th))\s+"
                    rf"(?i:quarter)\s+(?:(?i:of)\s+)?(?:{YEAR}|(?P<rel>(?i:last|this|next))\s+(?i:year))", resolve_quarter),
        ("quarter code", rf"{start}{cue}(?P<quarter>Q[1-4])\s+{YEAR}", resolve_quarter),
        ("quarter of this year", rf"{start}{cue}(?i:the)\s+(?P<quarter>(?i:first|second|third|fourth))\s+(?i:quarter)"
                                 r"(?!\s+of)(?![\w-])", resolve_quarter),
        ("relative day", rf"{start}(?P<relday>(?i:(?:the\s+)?day\s+before\s+yesterday|yesterday|(?:the\s+)?day\s+"
                         r"after\s+tomorrow|tomorrow|(?:earlier|later)\s+today|today(?!['’]s)))(?![\w])",
         resolve_relative_day),
        ("relative period", rf"{start}{cue}(?:{part}[\s-]+)?{relative}\s+{unit}", resolve_relative_period),
        ("earlier this", rf"{start}(?P<rel>(?i:earlier|later))\s+(?i:this)\s+{unit}", resolve_earlier_this),
        ("ago", rf"{start}(?P<count>(?i:an?|one|two|three|four|five|six|\d{{1,2}}))\s+(?P<unit>(?i:days?|weeks?|"
                r"months?|years?))\s+(?i:ago)(?![\w])", resolve_ago),
        ("weekday", rf"{start}{cue}(?:{relative}\s+)?{weekday}", resolve_weekday),
        ("weekday range", rf"{start}(?:(?i:from|between)\s+)?(?P<weekday>{'|'.join(ENGLISH_WEEKDAYS)})\s+"
                          rf"(?:(?i:to|through|until|till|and)|-|–)\s+{weekday2}", resolve_weekday_range),
        ("anaphor", rf"{start}(?:(?i:in|on|during)\s+)?(?P<anaphor>(?i:that(?:\s+same)?|the\s+same))\s+"
                    rf"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))(?![\w])", resolve_anaphor),
        ("day before", rf"{start}(?:(?i:on)\s+)?(?P<before>(?i:the\s+(?:previous|preceding)\s+day|the\s+day\s+before|"
                       r"(?:on\s+)?the\s+eve\s+of))(?![\w])", resolve_offset),
        # "hours later", "hours after taking office", "within hours of the announcement": the same day.
        ("moments later", rf"{start}(?P<moments>(?i:(?:(?:about|around|some|nearly|half)\s+)?an\s+hour\s+"
                          r"(?:later|after|afterwards)|(?:(?:a\s+few|several)\s+)?(?:minutes|hours|moments)\s+"
                          rf"(?:later|after|afterwards)|within\s+(?:(?:a\s+few|several)\s+)?(?:minutes|hours)"
                          rf"(?:\s+of)?))(?![\w])", resolve_offset),
        ("following day", rf"{start}(?:(?i:on)\s+)?(?i:the\s+(?:following|next)\s+(?:day|morning|afternoon|evening|night)|a\s+day\s+later|the\s+day\s+after)"
                          r"(?![\w])", resolve_offset),
        # "nine days after", and back: "a day earlier", "two weeks before".
        ("offset", rf"{start}(?P<count>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}}))\s+"
                   r"(?P<unit>(?i:days?|weeks?))\s+(?:(?i:later|after)|(?P<before>(?i:earlier|before)))(?![\w])",
         resolve_offset),
        # "at the end of the month", "in the first half of the year": a part of the current month or year.
        ("part of this period", rf"{start}(?:(?i:at|in|during|since)\s+)?{part}\s+(?i:the)\s+"
                                r"(?P<unit>(?i:month|year))(?![\w])(?!\s+(?i:before|after|of|to|when))", resolve_part_of_current),
        # "on the 20th": a day of this month, or of the coming one when the clause speaks of the future.
        ("day of month", rf"{start}(?P<cue>(?i:on|from|until|by|since))\s+(?i:the)\s+(?P<day>[12]\d|3[01]|0?[1-9])"
                         r"(?:st|nd|rd|th)(?![\w])(?!\s+(?i:of|century|anniversary|edition|session|round|time|day|week|"
                         r"month|year|floor|place|consecutive|straight|largest|biggest|most))", resolve_day_of_month),
        ("day month of year", rf"{start}{cue}{day}\s+(?:(?i:of)\s+)?{month},?\s+{of_year}", resolve_day_month_of_year),
        ("month day of year", rf"{start}{cue}{month}\s+{day},?\s+{of_year}", resolve_day_month_of_year),
        ("month of that year", rf"{start}{cue}(?:{part}[\s-]+)?{month},?\s+(?:(?i:of)\s+)?(?:(?i:that|the\s+same)|"
                               r"(?P<relyr>(?i:last|this|next)))\s+(?i:year)(?![\w])", resolve_month_of_antecedent),
    ]  # fmt: skip
    return [_rule("en", name, source, resolve) for name, source, resolve in rules]


def _arabic_rules() -> list[Rule]:
    before, prefix, after = arabic.BEFORE_WORD, arabic.PREFIX, arabic.AFTER_WORD
    month_names = _alternation(ARABIC_MONTH_NUMBERS)
    month = rf"{prefix}(?P<month>{month_names})(?:\s*/?\s*(?:{month_names}))?{after}"
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?!\d)"
    day2 = r"(?P<day2>[12]\d|3[01]|0?[1-9])(?!\d)"
    year_tail = rf"(?:\s*،?\s*(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?{YEAR}(?:\s*م{after})?)?"
    relative = r"(?P<rel>الماضي|الماضيه|المنصرم|المنصرمه|الفايت|الفايته|المقبل|المقبله|القادم|القادمه|الجاري|الجاريه|" \
               rf"الحالي|الحاليه){after}"  # fmt: skip
    cue = r"(?:(?P<cue>[وف]?(?:في|خلال|منذ|حتي|بحلول|ابتداء\s+من|اعتبارا\s+من|من))\s+)?"
    part = r"(?P<part>مطلع|اوايل|بدايه|منتصف|اواسط|اواخر|نهايه)"
    weekdays = _alternation(ARABIC_WEEKDAYS_NORMALIZED)
    weekday = rf"{prefix}(?P<weekday>{weekdays}){after}"
    weekday2 = rf"{prefix}(?P<weekday2>{weekdays}){after}"
    ordinals = _alternation(ARABIC_ORDINALS)
    season = r"(?P<season>الصيف|الربيع|الخريف|الشتاء|صيف|ربيع|خريف|شتاء)"
    unit_words = r"(?P<unit>اسبوع|شهر|عام|سنه)"
    rules = [
        ("year range", rf"{before}[وف]?(?:من|بين)\s+(?:(?:ال)?(?:عام|عامي|سنه|سنتي)\s+)?{YEAR}\s*(?:الي|حتي|و|-|–)\s*"
                       rf"(?:(?:ال)?(?:عام|سنه)\s+)?{YEAR2}", resolve_year_range),
        ("day month", rf"{before}{cue}(?:يوم(?:ي)?\s+)?(?:(?P<weekday>{weekdays})\s*،?\s*)?{day}(?:\s*(?:و|-|–|الي|حتي)"
                      rf"\s*(?:يوم\s+)?{day2})?\s+(?:من\s+)?(?:شهر\s+)?{month}{year_tail}(?:\s+{relative})?",
         resolve_day_month),
        ("ordinal day month", rf"{before}{cue}(?:يوم\s+)?(?P<ordinal>{ordinals})\s+من\s+(?:شهر\s+)?{month}{year_tail}"
                              rf"(?:\s+{relative})?", resolve_day_month),
        ("month year", rf"{before}{cue}(?:{part}\s+)?(?:شهر\s+)?{month}\s*،?\s*(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?{YEAR}",
         resolve_month),
        ("relative month", rf"{before}{cue}(?:{part}\s+)?(?:شهر\s+)?{month}\s+{relative}", resolve_month),
        ("month after cue", rf"{before}(?P<cue>[وف]?(?:في|خلال|منذ|حتي|بحلول|مطلع|اوايل|بدايه|منتصف|اواسط|اواخر|نهايه|"
                            rf"شهر))\s+(?:شهر\s+)?{month}", resolve_month),
        ("year", rf"{before}{cue}(?:{part}\s+)?(?:(?P<yearword>(?:ال)?عام|سنه)\s+)?{YEAR}(?:\s*م{after})?",
         resolve_year),
        ("season", rf"{before}{cue}(?:(?P<this>هذا|هذه)\s+)?{prefix}{season}(?:\s+{relative}|\s+(?:(?:ال)?عام\s+)?"
                   rf"{YEAR})?{after}", resolve_season),
        ("relative period", rf"{before}{cue}(?:{part}\s+)?{prefix}{unit_words}\s+{relative}", resolve_relative_period),
        ("this period", rf"{before}{cue}(?P<this>هذا|هذه)\s+(?P<unit>الاسبوع|الشهر|العام|السنه){after}",
         resolve_relative_period),
        ("earlier this", rf"{before}(?:[وف]?في\s+)?(?P<rel>وقت\s+سابق|وقت\s+لاحق)\s+من\s+(?:(?:هذا|هذه)\s+)?"
                         rf"(?P<unit>الاسبوع|الشهر|العام|السنه)(?:\s+(?:الجاري|الجاريه|الحالي|الحاليه))?{after}",
         resolve_earlier_this),
        ("relative day", rf"{before}(?:[وف]?(?:ب|في\s+)?)?(?P<relday>اول\s+(?:من\s+)?امس|امس\s+الاول|"
                         rf"(?:صباح|مساء|ظهر|فجر|ليله)\s+امس|الليله\s+الماضيه|الامس|امس|غدا|"
                         rf"بعد\s+غد|(?:صباح|مساء|ظهر|فجر)\s+اليوم){after}", resolve_relative_day),
        ("ago", rf"{before}[وف]?قبل\s+(?:(?P<count>\d{{1,2}}|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره)\s+"
                rf"(?P<unit>ايام|يوما|اسابيع|اشهر|شهور|سنوات|اعوام)|(?P<count2>يومين|اسبوعين|شهرين|عامين|سنتين))"
                rf"{after}", resolve_ago),
        ("weekday", rf"{before}{cue}(?:(?:صباح|مساء|ظهر|فجر|ليله)\s+(?=امس|غد))?(?:(?P<anchor>اليوم|اول\s+من\s+امس|اول\s+امس|امس|غدا|بعد\s+غد|غد)\s+)?(?:(?P<yawm>يوم|مساء|صباح|ظهر|فجر|ليله|ليل)\s+)?"
                    rf"{weekday}"
                    rf"(?:\s+{relative})?", resolve_weekday),
        ("weekday range", rf"{before}(?:من\s+|يومي\s+)?(?:يوم\s+)?{weekday}\s*(?:(?:الي|حتي)\s+(?:يوم\s+)?|و\s*)"
                          rf"{weekday2}", resolve_weekday_range),
        ("quarter", rf"{before}{cue}الربع\s+(?P<quarter>الاول|الثاني|الثالث|الرابع|الاخير)\s+(?:من\s+)?"
                    rf"(?:(?:(?:ال)?عام|السنه)\s+)?(?:{YEAR}|(?P<rel>الماضي|الجاري|الحالي|المقبل))", resolve_quarter),
        # «في المساء نفسه», «تلك الليلة»: a part of the antecedent's day is that day.
        ("anaphor", rf"{before}(?:[وف]?في\s+)?(?:(?P<anaphor>ذلك|تلك|ذات)\s+(?P<unit>اليوم|الاسبوع|الشهر|العام|السنه|"
                    rf"المساء|الصباح|الليله)|(?P<unit2>اليوم|الاسبوع|الشهر|العام|السنه|المساء|الصباح|الليله)\s+"
                    rf"(?:نفسه|نفسها|ذاته|ذاتها)){after}", resolve_anaphor),
        # «في السابع من الشهر نفسه»: a day of the antecedent's month, not the month itself.
        ("day of that month", rf"{before}{cue}(?:يوم\s+)?(?:(?P<ordinal>{ordinals})|{day})\s+من\s+(?:ال)?شهر\s+"
                              rf"(?:نفسه|ذاته){after}", resolve_day_of_that_month),
        ("day before", rf"{before}(?:[وف]?في\s+)?(?P<before>[وف]?عشيه|اليوم\s+السابق|[وف]?قبل\s+ذلك\s+بيوم){after}",
         resolve_offset),
        ("moments later", rf"{before}[وف]?بعد\s+(?P<moments>دقائق|ساعات|لحظات)(?:\s+قليله)?{after}", resolve_offset),
        ("following day", rf"{before}(?:[وف]?في\s+)?(?:صباح\s+|مساء\s+)?(?:اليوم\s+التالي|اليوم\s+الذي\s+تلاه|"
                          rf"[وف]?غداه\s+ذلك){after}", resolve_offset),
        ("offset", rf"{before}[وف]?بعد\s+(?:(?P<count>\d{{1,2}}|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره)\s+"
                   rf"(?P<unit>ايام|يوما|اسابيع)|(?P<count2>يومين|اسبوعين)){after}(?=\s+(?:من|علي)|\s*(?:[.،؛]|$))",
         resolve_offset),
        ("day month of year", rf"{before}{cue}(?:يوم\s+)?(?:(?P<ordinal>{ordinals})\s+من|{day})\s+(?:شهر\s+)?{month}\s+"
                              rf"من\s+(?:هذا\s+)?(?:(?:ال)?عام|(?:ال)?سنه)\s+(?P<relyr>الماضي|الجاري|الحالي|المقبل|القادم|"
                              rf"نفسه|ذاته|التالي){after}", resolve_day_month_of_year),
        ("month of that year", rf"{before}{cue}(?:{part}\s+)?(?:شهر\s+)?{month}\s+من\s+(?:هذا\s+)?(?:(?:ال)?عام|(?:ال)?سنه)"
                               rf"\s+(?P<relyr>الماضي|الجاري|الحالي|المقبل|القادم|نفسه|ذاته){after}",
         resolve_month_of_antecedent),
    ]  # fmt: skip
    return [_rule("ar", name, source, resolve) for name, source, resolve in rules]


def _chinese_rules() -> list[Rule]:
    month = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號](?![元圓币幣])"
    day2 = r"(?P<day2>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号號]"
    month2 = r"(?P<month2>1[0-2]|0?[1-9])\s*月"
    day_range = rf"(?:\s*(?:(?:持续|持續|一直)?(?:至|到)|-|–|—|~|～)\s*(?:{month2}\s*)?{day2})?"
    relative_year = r"(?P<relyear>去年|今年|明年|前年)"
    part = r"(?P<part>初|上旬|中旬|下旬|底|末)"
    year = r"(?P<year>19\d\d|20\d\d|2100)\s*年"
    rules = [
        ("year range", rf"(?<!\d)(?P<year>19\d\d|20\d\d)\s*年?\s*(?:至|到|-|–|—|~|～)\s*{YEAR2}\s*年(?!\s*\d{{1,2}}\s*月)",
         resolve_year_range),
        ("full date", rf"(?<!\d){year}\s*{month}\s*{day}{day_range}", resolve_day_month),
        ("relative year month", rf"{relative_year}\s*的?\s*{month}(?:份)?(?:\s*{day}{day_range}|{part})?",
         lambda match, context: (resolve_day_month if _group(match, "day") else resolve_month)(match, context)),
        ("month day", rf"(?<![\d年]){month}\s*{day}{day_range}", resolve_day_month),
        ("year month", rf"(?<!\d){year}\s*{month}(?:份)?{part}?", resolve_month),
        ("month", rf"(?<![\d年月])(?P<month>1[0-2]|0?[1-9])\s*月(?:份)?{part}?(?![\d日号號])", resolve_month),
        ("year", r"(?<!\d)(?P<year>19\d\d|20\d\d|2100)\s*(?P<yearword>年)(?P<part>初|底|末|上半年|下半年)?(?!代)"
                 r"(?P<since_after>\s*(?:以来|以來|来|來|起))?", resolve_year),
        ("relative year", rf"{relative_year}(?P<part>年初|年底|年末|上半年|下半年|初|底)?", resolve_year),
        ("season", rf"(?:{relative_year}\s*(?P<season>春|夏|秋|冬)(?:天|季)?|(?<!\d){year}\s*(?P<season2>春|夏|秋|冬)"
                   r"(?:天|季)|今(?P<season3>春|夏|秋|冬)(?![天季]))", resolve_season),
        ("quarter", rf"(?:{year}|(?P<relyear>去年|今年|明年))\s*(?:第)?(?P<quarter>[一二三四])\s*季度", resolve_quarter),
        ("relative day", r"(?P<relday>前天|昨天|昨日|昨晚|昨夜|前晚|今晨|今早|今晚|明晚|今天|今日|明天|明日|后天|後天)",
         resolve_relative_day),
        ("ago", r"(?P<count>[一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?:个|個)?(?P<unit>天|日|周|週|星期|月|年)(?:以|之)?前",
         resolve_ago),
        ("month of that year", r"(?:同年|当年|當年)(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?![\d日号號])",
         resolve_month_of_antecedent),
        # 同年9月28日, 同月4日: a day in the antecedent's year or month, not in the year of publication.
        ("day of that year", r"(?:同年|当年|當年)(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
                             r"(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号號]", resolve_day_month_of_year),
        ("day of that month", r"(?:同月|当月|當月)(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号號]", resolve_day_of_that_month),
        ("relative period", r"(?P<rel>上|下|本|这|這)(?:个|個)?(?P<unit>周|週|星期|礼拜|禮拜|月)(?![一二三四五六日天])"
                            r"(?P<part>初|上旬|中旬|下旬|底|末)?",
         resolve_relative_period),
        ("earlier this", r"(?P<unit>本月|今年|本周)(?:早些时候|早些時候|稍早)", resolve_earlier_this),
        ("weekday", r"(?P<rel>上|下|本|这|這)?(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?P<weekday>[一二三四五六日天])",
         resolve_weekday),
        ("day of month", r"(?:(?P<relmonth>上|下|本|这|這)(?:个|個)?月\s*)?(?<![\d年])(?P<day>3[01]|[12]\d|0?[1-9])"
                         r"\s*[日号號](?![元圓币幣])(?:\s*(?:至|到|-|–|—|~|～)\s*(?P<day2>3[01]|[12]\d|0?[1-9])\s*[日号號])?"
                         r"(?P<dateline>[^\s，,。、)）(（]{0,4}?[电電](?![子力话話视視动動池脑腦网網影商信器厂廠站车車梯缆纜价價量竞競]))?",
         resolve_day_of_month),
        ("anaphor", r"(?P<anaphor>当天|當天|当日|當日|同日|当晚|當晚|同月|当月|當月|当年|當年|同年)", resolve_anaphor),
        ("following day", r"(?:次日|翌日|第二天)", resolve_offset),
        ("day before", r"(?P<before>前一天|前一日)", resolve_offset),
        ("moments later", r"(?P<moments>(?:数|數|几|幾)(?:分钟|分鐘|小时|小時)[后後])", resolve_offset),
        ("offset", r"(?P<count>[一二两三四五六七八九十]{1,3}|\d{1,2})\s*(?P<unit>日|天|周|週|星期)\s*[后後]", resolve_offset),
        ("until day", r"(?:会期|會期|为期|為期)?(?:至|到)(?P<day>3[01]|[12]\d|0?[1-9])\s*[日号號](?![元圓币幣])",
         resolve_until_day),
    ]  # fmt: skip
    return [_rule("zh", name, source, resolve) for name, source, resolve in rules]


NUMERIC_RULES = (
    ("iso date", r"(?<![\d-])(?P<iso>(?P<iso_year>19\d\d|20\d\d|2100)-(?P<iso_month>0[1-9]|1[0-2])-"
                 r"(?P<iso_day>0[1-9]|[12]\d|3[01]))(?![\d])", resolve_numeric),
    ("slashed date", r"(?<![\d/.])(?P<first>\d{1,2})[/.](?P<second>\d{1,2})[/.](?P<year>19\d\d|20\d\d|2100)(?![\d/]|\.\d)",
     resolve_numeric),
)  # fmt: skip

# A year as every rule reads one (YEAR): its digits, wherever they stand.
_YEAR_ANCHOR = re.compile(r"19\d\d|20\d\d|2100")
# A digit, a separator and a digit: every ISO (2025-03-01) or slashed (01/03/2025) date holds one.
_NUMERIC_DATE_ANCHOR = re.compile(r"\d[-/.]\d")
# The kinds of anchor word of each language: patterns, and plain words found together in one pass.
PATTERN_ANCHORS = {
    "en": {
        "digit": re.compile(r"\d+"),
        "year": _YEAR_ANCHOR,
        "quarter code": re.compile(r"Q[1-4]"),
        "ordinal": re.compile(r"\d(?:st|nd|rd|th)"),
        "numeric date": _NUMERIC_DATE_ANCHOR,
    },
    "ar": {"digit": re.compile(r"\d+"), "year": _YEAR_ANCHOR, "numeric date": _NUMERIC_DATE_ANCHOR},
    "zh": {"year": _YEAR_ANCHOR, "numeric date": _NUMERIC_DATE_ANCHOR},
}
WORD_ANCHORS = {
    "en": {
        "month": Words(tuple(ENGLISH_MONTHS), whole=True, not_after="[a-z]"),
        "season": Words(("spring", "summer", "autumn", "fall", "winter"), any_case=True, whole=True),
        "relative day": Words(("yesterday", "today", "tomorrow"), any_case=True, whole=True),
        "unit": Words(
            (
                "day",
                "days",
                "week",
                "weeks",
                "month",
                "months",
                "year",
                "years",
                "morning",
                "afternoon",
                "evening",
                "night",
                "eve",
                "minutes",
                "hours",
                "moments",
            ),
            any_case=True,
            whole=True,
        ),  # fmt: skip
        "quarter": Words(("quarter",), any_case=True),
        "weekday": Words(ENGLISH_WEEKDAYS),
        # Second kinds of "a&b" anchors, and "the first quarter", "the end of": words a rule holds whole.
        "part": Words(
            ("early", "mid", "late", "beginning", "start", "middle", "end", "half"), any_case=True, whole=True
        ),
        "relative": Words(("last", "this", "next", "past", "coming"), any_case=True, whole=True),
        "office": Words(("administration", "presidency", "term", "tenure", "government"), any_case=True, whole=True),
        "later": Words(("later", "after", "earlier", "before"), any_case=True, whole=True),
        "before": Words(("previous", "preceding", "before", "eve"), any_case=True, whole=True),
        "following": Words(("following", "next", "later", "after"), any_case=True, whole=True),
        "moments": Words(("minutes", "hours", "hour", "moments"), any_case=True, whole=True),
        "ago": Words(("ago",), any_case=True, whole=True),
        "that": Words(("that", "same"), any_case=True, whole=True),
    },
    "ar": {
        "month": Words(tuple(ARABIC_MONTH_NUMBERS)),
        "season": Words(("صيف", "ربيع", "خريف", "شتاء")),
        "relative day": Words(("امس", "غدا", "غد")),
        "unit": Words(("اسبوع", "شهر", "عام", "سنه", "اليوم")),
        # Narrow anchors for the rules that date from another date: rare words, small windows.
        "after": Words(("بعد", "التالي", "غداه", "تلاه")),
        "before": Words(("قبل", "عشيه", "السابق")),
        "weekday": Words(ARABIC_WEEKDAYS_NORMALIZED),
        "quarter": Words(("الربع",)),
        "relative": Words(
            tuple(
                arabic.normalize(word)
                for word in ("الماضي", "المنصرم", "الفايت", "المقبل", "القادم", "الجاري", "الحالي")
            )
        ),  # fmt: skip
        "ordinal": Words(tuple({arabic.normalize(word).split()[0] for word in ARABIC_ORDINALS})),
        "office": Words(tuple(arabic.normalize(word) for word in ("اداره", "ولايه", "رئاسه", "حكم", "عهد", "حكومه"))),
        "this": Words(("هذا", "هذه")),
        "daypart": Words(("صباح", "مساء", "ظهر", "فجر", "الليله")),
        "same": Words(("ذلك", "تلك", "ذات", "نفس")),
    },
}
WORD_ANCHORS["zh"] = {
    "month": Words(("月",)),
    "day": Words(("日", "号", "號")),
    "relative year": Words(("去年", "今年", "明年", "前年")),
    "season": Words(("春", "夏", "秋", "冬")),
    "quarter": Words(("季度",)),
    "ago": Words(("前",)),
    "after": Words(("后", "後")),
    "until": Words(("至", "到")),
    "weekday": Words(("周", "週", "星期", "礼拜", "禮拜")),
}
_WORD_FINDERS = {language: WordAnchors(kinds) for language, kinds in WORD_ANCHORS.items()}

LANGUAGE_RULES = {
    "en": _english_rules(),
    "ar": _arabic_rules(),
    "zh": _chinese_rules(),
}
for _language, _rules in LANGUAGE_RULES.items():
    _rules.extend(_rule(_language, name, source, resolve) for name, source, resolve in NUMERIC_RULES)


# ---------------------------------------------------------------------------------------------
# Terms of office, from the registry
# ---------------------------------------------------------------------------------------------


_TERM_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _term_key(registry: ActorRegistry | None) -> tuple:
    """What the term rules depend on: the actors with terms, their names and terms (cached per registry)."""
    if registry is None:
        return ()
    key = _TERM_KEYS.get(registry)
    if key is None:
        key = tuple(
            (actor.name, tuple(actor.all_names()), tuple(sorted(actor.terms.items())))
            for actor in registry.actors
            if actor.terms
        )
        _TERM_KEYS[registry] = key
    return key


@lru_cache(maxsize=16)
def _term_rules(key: tuple) -> tuple[tuple[Rule, ...], dict[str, Actor], dict[str, re.Pattern]]:
    """Regexes for "during X's first term" in each language, for the actors that have terms, and their anchors."""
    if not key:
        return (), {}, {}
    actors: dict[str, Actor] = {}
    names = []
    for name, all_names, terms in key:
        actor = Actor(name=name, kind="person", country=None, terms=dict(terms))
        for alias in all_names:
            actors[arabic.normalize(alias).casefold()] = actor
            names.append(arabic.normalize(alias))
    latin = _alternation(name for name in names if name.isascii())
    arabic_names = _alternation(name for name in names if arabic.has_arabic(name))
    han = _alternation(name for name in names if not name.isascii() and not arabic.has_arabic(name))
    rules = []
    anchors = {}
    if latin:
        anchors["en"] = re.compile(rf"(?<![\w])(?i:{latin})(?![\w])")
        english = (
            rf"(?<![\w])(?P<cue>during|under|in|throughout|dating\s+(?:back\s+)?to|dates?\s+(?:back\s+)?to)\s+"
            rf"(?:the\s+)?(?:(?P<ord>first|second|former|previous|earlier)\s+)?(?:(?:U\.S\.|US|American)\s+)?"
            rf"(?:President\s+)?(?P<actor>{latin})(?:['’]s)?\s+(?:(?P<ord2>first|second)\s+)?"
            rf"(?:administration|presidency|term|tenure|government)(?![\w])"
            rf"|(?<![\w])(?P<cue2>during|under|in|throughout)\s+(?:the\s+)?(?:(?P<ord3>first|second)\s+)?"
            rf"(?:administration|presidency|term|tenure)\s+of\s+(?:(?:U\.S\.\s+)?President\s+)?(?P<actor2>{latin})"
        )
        rules.append(_rule("en", "term", english, resolve_term, re.IGNORECASE))
    if arabic_names:
        anchors["ar"] = re.compile(arabic_names)
        before, prefix, after = arabic.BEFORE_WORD, arabic.PREFIX, arabic.AFTER_WORD
        source = (
            rf"{before}(?P<cue>[وف]?(?:خلال|في\s+عهد|في\s+ظل|في|ابان|تعود\s+الي|يعود\s+الي|ترجع\s+الي))\s+"
            rf"(?:ال)?(?:اداره|ولايه|رئاسه|حكم|عهد|فتره\s+رئاسه|حكومه)\s+(?:[^\s،,.؛]+\s+){{0,4}}?"
            rf"{prefix}(?P<actor>{arabic_names})(?:\s+(?:الاولي|الثانيه))?{after}"
        )
        rules.append(_rule("ar", "term", source, resolve_term))
    if han:
        source = (
            rf"(?P<actor>{han})(?:政府|总统|總統)?的?(?:(?:第一|第二|首|上一?)(?:个|個|届|屆)?(?:任期|任内|任內|任)"
            rf"|(?:政府|执政|執政)(?:期间|期間|时期|時期))"
        )
        rules.append(_rule("zh", "term", source, resolve_term))
    return tuple(rules), actors, anchors


# ---------------------------------------------------------------------------------------------
# Finding mentions
# ---------------------------------------------------------------------------------------------

_NUMBER_AFTER = re.compile(r",?\s*(?:عام\s+|سنه\s+)?\d{4,}|\s*\d{1,2},?\s+\d{4,}|\s+\d{1,2}(?:st|nd|rd|th)?(?!\w)")
_APPOSITION_GAP = re.compile(r"^[\s(（,،]*$")
_CLOSING = re.compile(r"^\s*[)）]")


_CHINESE_YEAR = re.compile("[〇零一二三四五六七八九]{4}(?=\\s*年)")
_CHINESE_DIGIT_MAP = str.maketrans({character: str(value) for character, value in CHINESE_DIGITS.items() if value < 10})


@dataclass(frozen=True)
class NormalizedText:
    """The original text, its normalized form for matching, and the map back to the original."""

    original: str
    normalized: str
    offsets: arabic.OffsetMap

    @classmethod
    def of(cls, text: str) -> NormalizedText:
        normalized, offsets = arabic.normalize_with_offsets(text)
        # 二〇二五年 reads as 2025年: one digit per character, so offsets stay as they are.
        normalized = _CHINESE_YEAR.sub(lambda match: match.group().translate(_CHINESE_DIGIT_MAP), normalized)
        return cls(text, normalized, offsets)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of the normalized span [start, end)."""
        first = self.offsets.original(start)
        return first, self.offsets.original(end - 1) + 1 if end > start else first

    def normalized_position(self, original_position: int) -> int:
        return self.offsets.normalized(original_position)


def find_dates(
    text: str | NormalizedText, published: dt.date, lang: str, registry: ActorRegistry | None = None
) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published`, in reading order."""
    document = text if isinstance(text, NormalizedText) else NormalizedText.of(text)
    normalized = document.normalized
    term_rules, term_actors, term_anchors = _term_rules(_term_key(registry))
    language = lang if lang in LANGUAGE_RULES else "en"
    context = Context(published=published, language=language, term_actors=term_actors)
    patterns = dict(PATTERN_ANCHORS.get(language, {}))
    if language in term_anchors:
        patterns["term"] = term_anchors[language]
    windows = AnchorWindows(normalized, patterns, _WORD_FINDERS.get(language))
    found = []
    for rule in (*LANGUAGE_RULES[language], *(rule for rule in term_rules if rule.language == language)):
        found += (
            (rule, match)
            for start, end in windows.of(rule.anchor)
            for match in rule.pattern.finditer(normalized, start, end)
        )
    # Non-event patterns only matter where they overlap a match: they are searched around the matches only.
    non_events = _non_event_spans(
        normalized,
        language,
        merged((max(0, match.start() - NON_EVENT_REACH), match.end() + NON_EVENT_REACH) for _, match in found),
    )
    candidates = []
    for rule, match in found:
        if not match.group(0).strip():
            continue
        # A deadline, a document number, a dateline (loaders/rules/<lang>.yaml). Such a date still takes
        # its place, so that the shorter readings inside it (27日 of 期限至2026年11月27日) are no events either:
        # a pattern need only reach the date's first words.
        non_event = bool(non_events) and _inside(non_events, match.start(), match.end())
        if language != "zh" and not _group(match, "year") and _NUMBER_AFTER.match(normalized, match.end()):
            continue  # "December 31, 9999": the date goes on with numbers no rule accepts
        candidates.append((match.start(), match.end(), rule, match, non_event))

    def resolved(candidate):
        start, end, rule, match, non_event = candidate
        resolution = rule.resolve(match, context)
        if resolution is None:
            return None
        return (start, end, _NON_EVENT, None) if non_event else (start, end, rule.name, resolution)

    chosen = [item for item in _longest_without_overlap(candidates, resolved) if item[2] is not _NON_EVENT]
    return _to_mentions(document, _fill_anaphors(chosen, _sentence_ends(normalized), normalized, language))


# Marks a chosen date that a non-event pattern holds: it blocks the readings inside it, then is dropped.
_NON_EVENT = object()

# Characters either side of a date match searched for a non-event pattern holding it: more than any
# such pattern spans (a dateline, "a target for 2030", "Executive Order 14105").
NON_EVENT_REACH = 120


def _non_event_spans(text: str, language: str, windows: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    from loaders.article_rules import rules_for

    windows = [(0, len(text))] if windows is None else windows
    patterns = rules_for(language).non_events
    spans = sorted(
        match.span() for start, end in windows for pattern in patterns for match in pattern.finditer(text, start, end)
    )
    return merged(spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans."""
    index = bisect.bisect_right(spans, (start, float("inf")))
    if index and spans[index - 1][1] > start:
        return True
    return index < len(spans) and spans[index][0] < end


_SENTENCE_END = re.compile(r"[.!?؟。！？]\s|[。！？؟\n]")


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end; not at the stop of an abbreviation ("Sept. 22", "U.S. officials"), as in reading."""
    return [
        match.start()
        for match in _SENTENCE_END.finditer(text)
        if match.group()[0] != "." or ends_sentence(text, match.start(), match.end())
    ]


def _longest_without_overlap(candidates: list, resolve=None) -> list:
    """The longest candidates that do not overlap, in reading order (sorted starts and bisect: n log n).

    `resolve` turns a candidate into what is kept, or None for one that is no date after all (and
    blocks nothing): it runs only on candidates no longer one has already taken the place of.
    """
    starts: list[int] = []
    chosen: list = []
    for candidate in sorted(candidates, key=lambda item: (-(item[1] - item[0]), item[0])):
        start, end = candidate[0], candidate[1]
        index = bisect.bisect_right(starts, start)
        if index and chosen[index - 1][1] > start:
            continue  # the chosen candidate starting before this one runs into it
        if index < len(chosen) and chosen[index][0] < end:
            continue  # the next chosen candidate starts inside this one
        kept = resolve(candidate) if resolve else candidate
        if kept is None:
            continue
        starts.insert(index, start)
        chosen.insert(index, kept)
    return chosen


def _fill_anaphors(chosen: list, sentence_ends: list[int], text: str = "", language: str = "en") -> list:
    """Resolve words that date from another date, and give a yearless date the year its sentence named.

    "The same day" / «في اليوم نفسه» / 「同日」 take the first day named in the sentence of the latest
    day named (the main event, not a date it refers back to); counted offsets ("nine days after",
    「十日後」, «في اليوم التالي») count from the latest day; "that month/year" from the latest date.
    An offset followed by the event it counts from ("nine days after her arrest", «عشية القمة»)
    counts from the latest day whose own event is of that kind (see _event_antecedent).
    """
    filled: list = []  # (start, end, name, whether its year was lent by an earlier date, resolution, sentence)
    for start, end, name, resolution in chosen:
        sentence = bisect.bisect_left(sentence_ends, start)
        lent = False
        if resolution.relative is not None:
            antecedent = None
            if resolution.precision == "offset" and text:
                antecedent = _event_antecedent(filled, text, end, sentence_ends, language)
            antecedent = antecedent or _antecedent(filled, sentence, resolution.precision)
            if resolution.precision == "same day" and antecedent:
                antecedent = _story_day(filled, antecedent, sentence, sentence_ends, text, language)
            resolution = resolution.relative(antecedent[4]) if antecedent else None
            if resolution is None:
                continue
        elif resolution.yearless:
            # The date just before, in the same sentence, named its year: «في يوليو 2019 ... ثم في 8 أغسطس».
            before = _year_antecedent(filled, sentence, text)
            if before and text and not before[3] and not _NAMES_YEAR.search(text, before[0], before[1]):
                before = None  # "last month", "on Sunday" name no year: "joins on Feb 1" keeps its own
            year = before[4].start.year if before and before[4].start.year == before[4].end.year else None
            if year and year != resolution.start.year:
                resolution = _in_year(resolution, year)
                if resolution is None:
                    continue
            lent = bool(year)
        filled.append((start, end, name, lent, resolution, sentence))
    return [(start, end, name, resolution) for start, end, name, _, resolution, _ in filled]


def _year_antecedent(filled: list, sentence: int, text: str):
    """The latest date of `sentence` that may lend its year to a yearless one, passing over beginnings.

    "In the autumn of 2022: first on Sept. 22, its first such step since 1998, and again on Oct. 21":
    "since 1998" opens a span that runs to the present and frames nothing, so Oct. 21 takes 2022.
    """
    for item in reversed(filled):
        if item[5] != sentence:
            return None
        if text and _SINCE.match(text, item[0]):
            continue
        return None if item[4].yearless else item
    return None


# A date that names its year, in digits or by a word for the year ("last year", 「去年」, «العام الماضي»).
_NAMES_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|(?i:years?)|年|عام|سنه")
# A date that opens a span running to the present: "since 1998", «منذ عام 2018», 「自2018年以来」.
_SINCE = re.compile(r"(?i:since)\b|منذ|自")

EVENT_NOUN_REACH = 30  # characters after "nine days after" / «عشية» searched for the event counted from
# Last words of offsets that take the event they count from as their object ("nine days after her
# arrest", "the eve of the summit", «بعد ثلاثة أيام من اعتقالها», «عشية القمة»). Chinese puts the event
# first (峰会闭幕次日), where a later date's own event would be read instead: no endings.
EVENT_OBJECT_ENDINGS = {"en": ("after", "before", "of"), "ar": ("عشيه", "من", "قبل")}


def _event_antecedent(filled: list, text: str, end: int, sentence_ends: list[int], language: str):
    """The dated mention an offset counts from when the words after it name an event: "after her arrest".

    The event's kind is the category of the first trigger word just after the offset; the antecedent
    is the latest day-precise mention whose own trigger has that category. None when no trigger
    follows or no earlier day matches (the latest day is then used, as before).
    """
    from loaders.article_categories import event_trigger, triggers_in

    if not text[:end].rstrip().endswith(EVENT_OBJECT_ENDINGS.get(language, ())):
        return None  # "the following day, the ministry said": what follows is the new event, not the old
    if not text[end : end + 2].strip()[:1].isalpha():
        return None  # "nine days after," ends a clause
    limit = min(len(text), end + EVENT_NOUN_REACH)
    edge = bisect.bisect_left(sentence_ends, end)
    if edge < len(sentence_ends):
        limit = min(limit, sentence_ends[edge])
    following = triggers_in(text, language, end, limit)
    if not following or following[0].weak:
        return None
    wanted = following[0].category
    found = None
    for item in reversed(filled):
        if found and item[5] != found[5]:
            break
        if item[4].precision != "day":
            continue
        sentence_start = sentence_ends[item[5] - 1] + 1 if item[5] > 0 else 0
        sentence_end = sentence_ends[item[5]] if item[5] < len(sentence_ends) else len(text)
        sentence = text[sentence_start:sentence_end]
        trigger = event_trigger(sentence, language, item[0] - sentence_start, item[1] - sentence_start)
        if trigger and trigger.category == wanted:
            found = item  # the first such day of its sentence: its main event, not a date it looks back to
    return found


def _story_day(filled: list, antecedent, sentence: int, sentence_ends: list[int], text: str, language: str):
    """The day "the same day" / «في اليوم نفسه» / 「同日」 takes when the latest day is background.

    A day of an earlier year than the article's first day, named in an earlier sentence, is a look
    back ("had raised rates on Aug. 3 last year", 「秦刚于2022年12月30日被任命」); the next sentence's
    "the same day" goes on with the story, so it takes the first day, unless its own sentence stays
    in that past ("at the time", «آنذاك», 「当时」).
    """
    from loaders.article_rules import rules_for  # the rules module imports nothing from here

    lead = next(item for item in filled if item[4].precision == "day")
    if antecedent[5] == sentence or antecedent[4].start.year >= lead[4].start.year:
        return antecedent
    cues = rules_for(language).background_cues
    start = sentence_ends[sentence - 1] + 1 if sentence > 0 else 0
    end = sentence_ends[sentence] if sentence < len(sentence_ends) else len(text)
    # English cues match in any case (word_regex): the article is not lower-cased for one sentence.
    if cues is not None and cues.search(text, start, end):
        return antecedent
    return lead


def _antecedent(filled: list, sentence: int, kind: str):
    """The date a relative expression of `kind` ("same day", "offset", "period") refers to."""
    if not filled:
        return None
    if kind in ("same day", "offset"):
        days = [item for item in filled if item[4].precision == "day"]
        if not days:
            return None
        latest_sentence = days[-1][5]
        if kind == "offset" and latest_sentence == sentence:
            # A sequence told in one sentence counts on from the day just before: "launched on May 3,
            # landed on June 2 and took off two days later" is June 4.
            return days[-1]
        return next(item for item in days if item[5] == latest_sentence)
    return filled[-1]


def _in_year(resolution: Resolution, year: int) -> Resolution | None:
    try:
        start, end = resolution.start.replace(year=year), resolution.end.replace(year=year)
    except ValueError:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return Resolution(start, end, resolution.precision, resolution.confidence)


# Rules whose words date from another date: never merged into it as an apposition ("..., the same day").
RELATIVE_RULES = {
    "anaphor",
    "following day",
    "day before",
    "offset",
    "moments later",
    "until day",
    "month of that year",
    "day month of year",
    "month day of year",
}


def _to_mentions(document: NormalizedText, chosen: list) -> list[DateMention]:
    merged: list[list] = []
    for start, end, name, resolution in chosen:
        if merged and name not in RELATIVE_RULES and _is_apposition(document.normalized, merged[-1], start, resolution):
            last = merged[-1]
            closing = _CLOSING.match(document.normalized[end:])
            last[1] = end + (closing.end() if closing else 0)
            last[3] = _better(last[3], resolution)
            continue
        merged.append([start, end, name, resolution])
    mentions = []
    for start, end, name, resolution in merged:
        original_start, original_end = document.original_span(start, end)
        mentions.append(
            DateMention(
                start=original_start,
                end=original_end,
                text=document.original[original_start:original_end].strip(),
                date_start=resolution.start,
                date_end=resolution.end,
                precision=resolution.precision,
                confidence=resolution.confidence,
                rule=name,
            )
        )
    return mentions


def _is_apposition(normalized: str, previous: list, start: int, resolution: Resolution) -> bool:
    """A date right after another naming the same day: "Friday (Feb 28)", "今天（16日）"."""
    if not _APPOSITION_GAP.match(normalized[previous[1] : start]):
        return False
    earlier = previous[3]
    same = (earlier.start, earlier.end) == (resolution.start, resolution.end)
    day_only = (
        earlier.precision == "day" and resolution.precision == "day" and earlier.start.day == resolution.start.day
    )
    return same or day_only


def _better(first: Resolution, second: Resolution) -> Resolution:
    if (first.start, first.end) == (second.start, second.end):
        return first if first.confidence >= second.confidence else second
    # Same day of the month but a different month: the weekday or relative word fixes the month.
    return Resolution(first.start, first.end, first.precision, min(first.confidence, second.confidence))
