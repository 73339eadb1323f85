import re

from loaders.article_anchors import ANCHOR_AFTER, AnchorWindows, WordAnchors, Words, intersection


def test_intersection_keeps_only_where_both_lists_of_spans_overlap():
    assert intersection([(0, 10), (20, 30), (40, 50)], [(5, 25), (45, 60)]) == [(5, 10), (20, 25), (45, 50)]
    assert intersection([(0, 10)], []) == []


def test_words_in_any_case_are_found_whole_and_names_as_written():
    finder = WordAnchors(
        {
            "unit": Words(("day", "week"), any_case=True, whole=True),
            "month": Words(("May",), whole=True, not_after="[a-z]"),
        }
    )
    text = "Ministers may meet on Monday; a WEEK later, in May2025, the day came."
    found = finder.find(text)
    assert [text[start:end] for start, end in found["unit"]] == ["WEEK", "day"]  # not the "day" of Monday
    assert [text[start:end] for start, end in found["month"]] == ["May"]  # the verb "may" is no month


def test_a_rule_anchored_on_two_kinds_scans_only_where_both_are_near():
    text = "The board met in March. " + "x " * 200 + "Its 2024 accounts were approved."
    windows = AnchorWindows(text, {"year": re.compile(r"20\d\d")}, WordAnchors({"month": Words(("March",))}))
    month = windows.of("month")
    assert month == [(0, text.index("March") + len("March") + ANCHOR_AFTER + 1)]
    assert windows.of("month&year") == []  # the year is far from the month
    near = "The board met in March 2024."
    both = AnchorWindows(near, {"year": re.compile(r"20\d\d")}, WordAnchors({"month": Words(("March",))}))
    assert both.of("month&year") == [(0, len(near))]


def test_a_kind_without_anchor_words_scans_the_whole_text():
    text = "会议于3月5日举行。"
    assert AnchorWindows(text, {}, None).of("all") == [(0, len(text))]
