"""Arabic normalization for matching: one spelling per word, offsets back to the original text."""

import pytest

from loaders import arabic


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("أبريل", "ابريل"),  # hamza on alef
        ("إبريل", "ابريل"),  # hamza under alef
        ("آذار", "اذار"),  # madda
        ("فبرايـــر", "فبراير"),  # tatweel stretches the word
        ("تُرَمْب", "ترمب"),  # tashkeel
        ("يومَي", "يومي"),  # a fatha inside a real phrase: يومَي 6 و7 فبراير
        ("القمة", "القمه"),  # taa marbuta
        ("الأولى", "الاولي"),  # alef maqsura
        ("«هواوي»", " هواوي "),  # guillemets become spaces, keeping word boundaries
        ("١٠ فبراير ٢٠٢٥", "10 فبراير 2025"),  # Arabic-Indic digits
        ("Qwen 2.5", "Qwen 2.5"),  # Latin text is untouched, case included
    ],
)
def test_normalize(raw, normalized):
    assert arabic.normalize(raw) == normalized


def test_offsets_map_back_to_the_original_words():
    text = "التقى الرئيسُ شي جين بينج في ١٧ فبرايـر"
    normalized, offsets = arabic.normalize_with_offsets(text)
    start = normalized.index("17 فبراير")
    end = start + len("17 فبراير")
    assert text[offsets.original(start) : offsets.original(end - 1) + 1] == "١٧ فبرايـر"
    assert offsets.normalized(text.index("شي")) == normalized.index("شي")


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("فبراير", "وفبراير", True),  # conjunction و attached
        ("الصين", "بالصين", True),  # ب + ال
        ("ذكاء", "للذكاء", True),  # ل + ال contracts to لل
        ("قمة", "وبالقمة", True),  # و + ب + ال stacked: "and at the summit"
        ("قمة", "مقمة", False),  # م is not a prefix
        ("ترمب", "ترمبية", False),  # a longer word is not the name
        ("هواوي", "«هواوي»،", True),  # quotes and the Arabic comma are not letters
    ],
)
def test_word_pattern_allows_attached_prefixes(phrase, text, found):
    import re

    assert bool(re.search(arabic.word_pattern(phrase), arabic.normalize(text))) is found
