"""Clauses of a sentence: the stretch between clause punctuation that holds a date, its trigger and its title."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

_CLAUSE_BREAK = re.compile(r"[,;:،؛，；：]|\s[-–—]\s|\s(?:but|while|whereas|after|before|as|when)\s")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=64)
def _breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple((match.start(), match.end()) for match in _CLAUSE_BREAK.finditer(sentence))


def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `sentence` holding [start, end); a clause that is only the date joins its neighbour.

    "On Friday, the ministry imposed controls": the date's clause "On Friday" says nothing else, so
    the clause is widened to the next one.
    """
    breaks = _breaks(sentence)
    first, last = 0, len(sentence)
    for break_start, break_end in breaks:
        if break_end <= start:
            first = break_end
        elif break_start >= end:
            last = break_start
            break
    if _words_up_to_two(sentence, (first, start), (end, last)) <= 1:
        following = [break_start for break_start, _ in breaks if break_start > last]
        preceding = [break_end for _, break_end in breaks if break_end < first]
        if last < len(sentence):
            last = following[0] if following else len(sentence)
        elif first > 0:
            first = preceding[-1] if preceding else 0
    return first, last


def _words_up_to_two(sentence: str, *spans: tuple[int, int]) -> int:
    """How many words the spans of `sentence` hold, counting no further than two."""
    count = 0
    for first, last in spans:
        for _ in _WORD.finditer(sentence, first, last):
            count += 1
            if count == 2:
                return count
    return count


def clause_of(sentence: str, position: int) -> int:
    """Which clause of `sentence` (counted from 0, between clause breaks) holds `position`."""
    breaks = _breaks(sentence)
    return bisect.bisect_right(breaks, (position, len(sentence) + 1))
