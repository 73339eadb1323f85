"""A short title for a candidate event: the clause with its trigger, without attributions or connectives.

The full sentence stays the quote; the title says what happened in at most MAX_TITLE characters, in
the article's language. Attribution phrases and connectives are data (loaders/rules/<lang>.yaml).
"""

from __future__ import annotations

from collections.abc import Callable

from loaders import arabic
from loaders.article_clauses import clause_around
from loaders.article_rules import rules_for

MAX_TITLE = 80
_EDGE = " \t\"'“”«»()（）-–—:：،,，.。;；、"


def title_for(
    normalized: str,
    original: Callable[[int, int], str],
    language: str,
    date: tuple[int, int],
    trigger: tuple[int, int] | None,
) -> str:
    """The title of the event dated at `date` in `normalized` (a sentence); `original(start, end)` gives its words."""
    rules = rules_for(language)
    anchor_start, anchor_end = trigger if trigger else date
    start, end = clause_around(normalized, min(anchor_start, date[0]) if trigger is None else anchor_start, anchor_end)
    if trigger and not (start <= date[0] < end):
        # Keep the date's clause when it is next to the trigger's: "On Friday, X imposed ...".
        date_start, date_end = clause_around(normalized, *date)
        if date_end >= start - 2 and date_start < start:
            start = date_start
    spans = [(match.start(), match.end()) for match in rules.attributions.finditer(normalized, start, end)]
    kept = []
    cursor = start
    for first, last in spans:
        kept.append((cursor, first))
        cursor = last
    kept.append((cursor, end))
    pieces = [original(first, last).strip(_EDGE) for first, last in kept if last > first]
    text = _without_leading_connectives(" ".join(piece for piece in pieces if piece), language)
    return _shortened(" ".join(text.split()).strip(_EDGE), language) or _shortened(
        " ".join(original(0, len(normalized)).split()), language
    )


def _without_leading_connectives(text: str, language: str) -> str:
    rules = rules_for(language)
    while True:
        match = rules.connectives.match(arabic.normalize(text) if language == "ar" else text)
        if not match or match.end() == 0 or match.end() >= len(text):
            return text
        rest = text[match.end() :]
        if language != "zh" and rest[:1].isalnum():
            return text  # the connective is the start of a longer word ("Andrew", «وزارة»)
        text = rest.lstrip(_EDGE)


def _shortened(text: str, language: str) -> str:
    if len(text) <= MAX_TITLE:
        return text
    cut = text[: MAX_TITLE - 1]
    if language != "zh" and " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(_EDGE) + "…"
