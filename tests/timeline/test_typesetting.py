import pytest

from timeline.typesetting import balanced_two_lines, directional, fit, is_right_to_left, script_runs, text_width


def test_widths_come_from_the_fonts_and_grow_with_size_and_text():
    narrow, wide = text_width("iiii", 14), text_width("WWWW", 14)
    assert wide > 2 * narrow  # proportional font metrics, not a fixed width per character
    assert text_width("Paris", 28) == pytest.approx(2 * text_width("Paris", 14), rel=0.02)
    assert text_width("Paris", 14, bold=True) > text_width("Paris", 14)


def test_chinese_characters_are_about_one_em_each():
    assert text_width("人工智能", 20) == pytest.approx(80, rel=0.1)


def test_script_runs_keep_spaces_with_their_run():
    assert script_runs("قمة باريس (AI) 人工") == [("arabic", "قمة باريس ("), ("latin", "AI) "), ("cjk", "人工")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قمة باريس (AI Action Summit) في 10–11 فبراير 2025", True),
        ("2025 قمة", True),  # digits are weak: the first strong character decides
        ("AI Action Summit قمة", False),
        ("人工智能", False),
        ("", False),
    ],
)
def test_direction_is_the_first_strong_characters(text, expected):
    assert is_right_to_left(text) is expected
    assert directional(text).startswith("\u202b") is expected


def test_fit_cuts_only_what_does_not_fit():
    title = "Xi Jinping meets private business leaders"
    assert fit(title, 14, text_width(title, 14) + 1) == title
    shortened = fit(title, 14, 150)
    assert shortened.endswith("…") and text_width(shortened, 14) <= 150


def test_two_lines_are_balanced():
    first, second = balanced_two_lines("Huawei CFO Meng Wanzhou detained in Canada", 13)
    assert abs(first.width - second.width) < 60
