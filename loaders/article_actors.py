"""Registry actors and places found in a sentence, through aliases in each language and their variants."""

from __future__ import annotations

import re
import weakref
from functools import cache

from loaders import arabic
from loaders.article_vocabulary import PLACES
from loaders.word_automaton import WordAutomaton
from timeline.actors import ActorRegistry, government_actors, name_key, with_governments


def _alternation(sources: list[str]) -> str:
    return "|".join(sorted(set(sources), key=len, reverse=True))


# Letters that attach to the front of an Arabic word (normalized spelling), longest first.
ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "و", "ف", "ب", "ل", "ك", "")
_PREFIX_SET = frozenset(ARABIC_PREFIXES)
MAX_NAME_WORDS = 5
MAX_CACHED_WORDS = 100_000  # distinct words whose possible name prefixes are remembered
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")


_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_HAN = re.compile("[\u3400-\u9fff]")
_LATIN_CONTINUES = re.compile("[A-Za-z0-9_]")
_IRREGULAR_SPACE = re.compile(r"[^\S ]| {2,}")


def _name_patterns(names: list[str]) -> list[tuple[re.Pattern, re.Pattern]]:
    """A regex for Latin names (as written); Arabic and Han names are looked up instead (see NameFinder).

    Latin names match in the case the registry spells them ("Nvidia", "NVIDIA"): a case-sensitive
    alternation lets the regex engine skip ahead by first letter, which is many times faster.
    NameFinder rejects Latin matches that continue a longer word ("Xi" in "Xiaomi").
    """
    normalized = sorted({" ".join(arabic.normalize(name).split()) for name in names if name.strip()})
    latin = [re.escape(name).replace(r"\ ", r"\s+") for name in normalized if name.isascii()]
    patterns = []
    if latin:
        # Only a Latin letter or digit continues a Latin name: "DeepSeek应用" is DeepSeek.
        patterns.append((_LATIN_LETTER, re.compile(rf"(?P<name>{_alternation(latin)})(?![A-Za-z0-9_])")))
    return patterns


def _is_han_name(name: str) -> bool:
    return not name.isascii() and not arabic.has_arabic(name)


def _continues_word(character: str) -> bool:
    return (character.isascii() and character.isalnum()) or character in "._"


# The Arabic words last read: the actor finder and then the place finder read each dated sentence.
_LAST_WORDS: tuple = (None, 0, 0, [])


def _arabic_words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, word with غ read as ج) of each Arabic word in text[start:end]."""
    global _LAST_WORDS
    last = _LAST_WORDS
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    # غ read as ج once for the sentence (same length), not once per word.
    segment = text[start:end].replace("غ", "ج")
    words = [(start + match.start(), start + match.end(), match.group()) for match in _ARABIC_WORD.finditer(segment)]
    _LAST_WORDS = (text, start, end, words)
    return words


class NameFinder:
    """Finds names in normalized text and returns what each stands for (an actor, a country code).

    Names listed in `places` are places as well as actors ("Beijing", «بكين», 「北京」): after a
    preposition of place ("in Beijing", «في بكين», 「在北京」) they name where something happened and
    are not returned; elsewhere ("Beijing retaliated") they stand for the government.
    """

    def __init__(self, meanings: dict[str, str], places: frozenset[str] = frozenset()):
        self.meanings = {name_key(name): meaning for name, meaning in meanings.items()}
        self.patterns = _name_patterns(list(meanings))
        # The same Latin names for an Aho-Corasick pass: an alternation of hundreds of names tries,
        # at every capital, each name with that first letter in turn.
        latin = {" ".join(arabic.normalize(name).split()) for name in meanings if name.strip()}
        self.latin_automaton = WordAutomaton(name for name in latin if name.isascii())
        self.places = places
        # Han names are found by an Aho-Corasick automaton: one pass, where one alternation of a thousand
        # names has no shared first character to skip by.
        self.han_names = {name: meaning for name, meaning in meanings.items() if _is_han_name(name)}
        self.han_automaton = WordAutomaton(self.han_names)
        # Every Arabic name's keys after each of its words: «ليانغ», «ليانغوين», «ليانغوينفنج».
        self.arabic_partial = set()
        self._prefixes_of: dict[str, tuple[str, ...]] = {}
        for name in meanings:
            if arabic.has_arabic(name):
                key = ""
                for character in name_key(name):
                    key += character
                    self.arabic_partial.add(key)

    def _han_spans(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Han names in text[start:end], the longest at each position, leftmost first, in one pass."""
        if not self.han_names:
            return []
        longest: dict[int, int] = {}
        for position, stop, _ in self.han_automaton.find(text, start, end):
            size = stop - position
            if size > longest.get(position, 0):
                longest[position] = size
        found, resume = [], start
        for position in sorted(longest):
            if position < resume:
                continue
            size = longest[position]
            name = text[position : position + size]
            skip = name_key(name) in self.places and (
                is_location(text, position) or text[position + size : position + size + 2] in CHINESE_ATTRIBUTIVE
            )
            if not skip:
                found.append((position, position + size, self.han_names[name]))
            resume = position + size
        return found

    def _arabic_spans(self, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        """Arabic names in text[start:end]: up to MAX_NAME_WORDS words joined without spaces, prefixes stripped.

        Looking words up (rather than one regex of every name) ignores spacing, so «ليانغ وين فنغ»
        finds «ليانغ وينفنغ», and keeps the work linear in the sentence.
        """
        words = _arabic_words(text, start, end)
        found, index = [], 0
        known = self._prefixes_of
        while index < len(words):
            prefixes = known.get(words[index][2])
            if prefixes is None:
                prefixes = self._name_prefixes(words[index][2])
            if not prefixes:
                index += 1
                continue  # most words start no name
            match = None
            for prefix in prefixes:
                key = words[index][2][len(prefix) :]
                count = 1
                while key in self.arabic_partial:
                    meaning = self.meanings.get(key)
                    if meaning:
                        match = (words[index][0] + len(prefix), words[index + count - 1][1], meaning, prefix, count)
                    if (
                        index + count >= len(words)
                        or text[words[index + count - 1][1] : words[index + count][0]].strip()
                    ):
                        break  # the text ends, or punctuation ends the name
                    key += words[index + count][2]
                    count += 1
                if match:
                    break
            if match:
                first, last, meaning, prefix, count = match
                if not (name_key(text[first:last]) in self.places and is_location(text, words[index][0], prefix)):
                    found.append((first, last, meaning))
                index += count
            else:
                index += 1
        return found

    def _name_prefixes(self, word: str) -> tuple[str, ...]:
        """The attached letters a word may carry before a name's first word, longest first; () for most words.

        Kept per distinct word: a language has far fewer words than an article batch has, and most
        words (في, من, قال) start no name at all.
        """
        prefixes = self._prefixes_of.get(word)
        if prefixes is None:
            if len(self._prefixes_of) > MAX_CACHED_WORDS:
                self._prefixes_of.clear()
            prefixes = tuple(
                word[:size]
                for size in (4, 3, 2, 1, 0)
                if word[:size] in _PREFIX_SET and len(word) - size >= 2 and word[size:] in self.arabic_partial
            )
            self._prefixes_of[word] = prefixes
        return prefixes

    def spans(self, normalized_text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, meaning) of every name in `normalized_text` (between start and end), in reading order."""
        end = len(normalized_text) if end is None else end
        found: list[tuple[int, int, str]] = []
        if _ARABIC_LETTER.search(normalized_text, start, end):
            found += self._arabic_spans(normalized_text, start, end)
        if _HAN.search(normalized_text, start, end):
            found += self._han_spans(normalized_text, start, end)
        if self.patterns and _LATIN_LETTER.search(normalized_text, start, end):
            for first, last in self._latin_names(normalized_text, start, end):
                name = normalized_text[first:last]
                if first and _continues_word(normalized_text[first - 1]):
                    continue  # the end of a longer word ("Xi" in "MaXi")
                key = name_key(name)
                meaning = self.meanings.get(key)
                if not meaning:
                    continue
                if key in self.places and is_location(normalized_text, first, ""):
                    continue
                if key in self.places and normalized_text[last : last + 2] in CHINESE_ATTRIBUTIVE:
                    continue  # 中国企业: a Chinese company, not the government
                found.append((first, last, meaning))
        return sorted(found)

    def _latin_names(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """What the Latin names' alternation finds in text[start:end], leftmost and longest first."""
        if _IRREGULAR_SPACE.search(text, start, end):
            # The automaton holds names with single spaces; the alternation allows any run of them.
            return [match.span() for _, pattern in self.patterns for match in pattern.finditer(text, start, end)]
        longest: dict[int, int] = {}
        for first, stop, _ in self.latin_automaton.find(text, start, end):
            size = stop - first
            if stop < end and _LATIN_CONTINUES.match(text, stop):
                continue  # "Intel" in "Intelligence": the alternation's look-ahead
            if size > longest.get(first, 0):
                longest[first] = size
        found, resume = [], start
        for position in sorted(longest):
            if position >= resume:
                found.append((position, position + longest[position]))
                resume = position + longest[position]
        return found

    def positions(self, normalized_text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(position, meaning) of every name in `normalized_text` (between start and end), in reading order."""
        return [(first, meaning) for first, _, meaning in self.spans(normalized_text, start, end)]

    def find(self, normalized_text: str) -> list[str]:
        """Meanings of the names in `normalized_text`, each once, in order of first appearance."""
        return within(self.positions(normalized_text), 0, len(normalized_text))


_LOCATION_BEFORE = {
    "en": re.compile(r"(?i)(?<!\w)(?:in|at|to|near|outside|across|inside|into|via|throughout|around)\s+(?:the\s+)?$"),
    "ar": re.compile(r"(?<!\w)(?:[وف]?(?:في|الي|داخل|خارج|قرب|عبر))\s+$"),
    "zh": re.compile(r"(?:在|于|於|赴|到|前往|抵达|抵達|位于|位於)$"),
}


# Nouns a Chinese country name qualifies as an adjective (中国企业, 美国芯片): the country is not acting.
CHINESE_ATTRIBUTIVE = frozenset(
    [
        "企业",
        "公司",
        "企業",
        "人民",
        "公民",
        "学生",
        "學生",
        "市场",
        "市場",
        "经济",
        "經濟",
        "产品",
        "產品",
        "商品",
        "芯片",
        "晶片",
        "科技",
        "制造",
        "製造",
        "出口",
        "进口",
        "進口",
        "境内",
        "境內",
        "国内",
        "國內",
        "用户",
        "用戶",
        "游客",
        "遊客",
        "籍人",
        "实体",
        "實體",
        "船只",
        "船隻",
        "货物",
        "貨物",
    ]
)


def is_location(text: str, position: int, prefix: str = "") -> bool:
    """Whether the name at `position` follows a preposition of place (or carries ب, "in", attached)."""
    if prefix.replace("و", "").replace("ف", "").startswith("ب"):
        return True
    before = text[max(0, position - 16) : position]
    return any(pattern.search(before) for pattern in _LOCATION_BEFORE.values())


def within(positions: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """Meanings found between `start` and `end`, each once, in order of first appearance."""
    return list(dict.fromkeys(meaning for position, meaning in positions if start <= position < end))


_ACTOR_FINDERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def actor_finder(registry: ActorRegistry) -> NameFinder:
    """A finder of the registry's actors (and every country's government) by every alias, built once per registry."""
    finder = _ACTOR_FINDERS.get(registry)
    if finder is None:
        full = with_governments(registry)
        finder = NameFinder({alias: actor.name for actor in full.actors for alias in actor.all_names()}, place_keys())
        _ACTOR_FINDERS[registry] = finder
    return finder


@cache
def place_keys() -> frozenset[str]:
    """Keys of names that are places as well as actors: country names and capitals, in every language."""
    names = [name for by_language in PLACES.values() for names in by_language.values() for name in names]
    for government in government_actors():
        names += [name for names in government.aliases.values() for name in names]
    generic = ("政府", "government", "حكومه")
    return frozenset(name_key(name) for name in names if not any(word in name_key(name) for word in generic))


PLACE_FINDER = NameFinder(
    {name: code for code, by_language in PLACES.items() for names in by_language.values() for name in names}
)
