"""Every occurrence of many words in a text in one pass (Aho-Corasick), each with the value it was added with.

The word lists hold thousands of names in three scripts. An automaton whose first step branches
over a thousand Han or Arabic letters must not try them one by one at every character of the text, as
pyahocorasick's does: with ahocorasick_rs the cost per character stays flat as a registry grows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

import ahocorasick_rs

Value = TypeVar("Value")


class WordAutomaton(Generic[Value]):
    """Finds the words of `words` wherever they occur, overlapping ones included.

    `words` maps each word to the value reported with it; plain words are reported with None.
    """

    def __init__(self, words: Mapping[str, Value] | Iterable[str]):
        values = words if isinstance(words, Mapping) else dict.fromkeys(words)
        self._words = [word for word in values if word]
        self._values = [values[word] for word in self._words]
        self._automaton = ahocorasick_rs.AhoCorasick(self._words) if self._words else None

    def __len__(self) -> int:
        return len(self._words)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Value]]:
        """(start, end, value) of every occurrence in text[start:end], in the order the pass meets their ends."""
        if self._automaton is None:
            return []
        piece = text[start:end] if start or end is not None else text
        values = self._values
        return [
            (start + first, start + stop, values[index])
            for index, first, stop in self._automaton.find_matches_as_indexes(piece, overlapping=True)
        ]
