"""The stretches of an article that date rules scan: the text around the words every match contains.

A rule names the kinds of word its matches hold ("month", "unit|relative day", "month&year"); it
scans only the windows around such words. Kinds of plain words (month names, unit words) are found
together in one Aho-Corasick pass; kinds with a pattern (digits, years) by their own regex, which
starts with a digit or a letter and so lets the regex engine skip ahead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.word_automaton import WordAutomaton

# Characters of context kept before and after an anchor word: more than any rule's match spans.
ANCHOR_BEFORE, ANCHOR_AFTER = 90, 60
# Characters before a window beyond ANCHOR_AFTER where a word whose window reaches it may start: more
# than an anchor word and the rest of the word its window ends in.
NEAR_MARGIN = 200
_WORD_END = re.compile(r"\W|$")
_WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class Words:
    """A kind of anchor given as words: matched as written or in any case, whole words or anywhere.

    `not_after` is what may not follow a whole word ("[a-z]" lets "May2025" through, as the month
    rules do); words of several parts are found by their first one.
    """

    words: tuple[str, ...]
    any_case: bool = False
    whole: bool = False
    not_after: str = r"\w"


class WordAnchors:
    """Every word of the Words kinds of one language, found in one pass: {kind: [(start, end), ...]}."""

    def __init__(self, kinds: dict[str, Words]):
        self.kinds = frozenset(kinds)
        self.lower_case = any(spec.any_case for spec in kinds.values())
        entries: dict[str, list] = {}
        for kind, spec in kinds.items():
            after = re.compile(spec.not_after) if spec.whole else None
            for word in {word.split()[0] for word in spec.words}:
                key = word.lower() if self.lower_case else word
                entries.setdefault(key, []).append((kind, spec.any_case, word, spec.whole, after))
        self.automaton = WordAutomaton({key: tuple(values) for key, values in entries.items()})

    def find(self, text: str) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = {}
        haystack = _lower_same_length(text) if self.lower_case else text
        for first, stop, entries in self.automaton.find(haystack):
            for kind, any_case, word, whole, after in entries:
                if not any_case and text[first:stop] != word:
                    continue  # "may" is no month; "May" is
                if whole and (
                    (first and _WORD_CHARACTER.match(text, first - 1)) or (after and after.match(text, stop))
                ):
                    continue
                found.setdefault(kind, []).append((first, stop))
        for spans in found.values():
            spans.sort()
        return found


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower-case to two characters (İ): those stay as written, so positions hold.
    return "".join(character.lower() if len(character.lower()) == 1 else character for character in text)


class AnchorWindows:
    """The windows each anchor of the rules asks for, in one article, each kind looked for at most once.

    `patterns` are the regex kinds, `words` the Words kinds; a second kind of "a&b" with a pattern
    is looked for only near the windows of the first, and not at all when the first is absent.
    """

    def __init__(self, text: str, patterns: dict[str, re.Pattern], words: WordAnchors | None):
        self.text = text
        self.patterns = patterns
        self.words = words
        self.word_spans: dict[str, list[tuple[int, int]]] | None = None
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def of(self, anchor: str) -> list[tuple[int, int]]:
        if anchor not in self.spans:
            self.spans[anchor] = self._compute(anchor)
        return self.spans[anchor]

    def _known(self, kind: str) -> bool:
        return kind in self.patterns or (self.words is not None and kind in self.words.kinds)

    def _compute(self, anchor: str) -> list[tuple[int, int]]:
        if "&" in anchor:
            first, *others = anchor.split("&")
            spans = self.of(first)
            for other in others:
                spans = intersection(spans, self._near(other, spans)) if spans else spans
            return spans
        kinds = anchor.split("|")
        if not all(self._known(kind) for kind in kinds):
            return [(0, len(self.text))]  # a kind with no anchor words (Chinese, "all"): the whole text
        if len(kinds) > 1:
            return merged(span for kind in kinds for span in self.of(kind))
        if anchor in self.patterns:
            return windows_around(self.text, _matches(self.text, self.patterns[anchor]))
        if self.word_spans is None:
            self.word_spans = self.words.find(self.text)
        return windows_around(self.text, self.word_spans.get(anchor, []))

    def _near(self, kind: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The windows of a kind that can overlap the spans: a pattern kind is looked for only near them."""
        if kind in self.spans or kind not in self.patterns:
            return self.of(kind)
        reach = merged((max(0, start - ANCHOR_AFTER - NEAR_MARGIN), end + ANCHOR_BEFORE) for start, end in spans)
        return windows_around(self.text, _matches(self.text, self.patterns[kind], reach))


def _matches(text: str, pattern: re.Pattern, reach: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    return [match.span() for start, end in reach or [(0, len(text))] for match in pattern.finditer(text, start, end)]


def windows_around(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of text around sorted word spans, merged, each ending between words."""
    length = len(text)
    windows: list[list[int]] = []
    for first, last in words:
        start, end = max(0, first - ANCHOR_BEFORE), last + ANCHOR_AFTER
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    # End between words, so that a rule's "no letter follows" check sees the real next character.
    spans = []
    for start, end in windows:
        boundary = _WORD_END.search(text, min(end, length))
        spans.append((start, boundary.start() if boundary else length))
    return spans


def intersection(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where two sorted lists of disjoint spans overlap (one pass over both)."""
    overlaps, i, j = [], 0, 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            overlaps.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return overlaps


def merged(spans) -> list[tuple[int, int]]:
    """Spans sorted, and those that overlap or touch joined."""
    joined: list[list[int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [(start, end) for start, end in joined]
