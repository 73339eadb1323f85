"""Actors, places and categories found in a sentence, through aliases in each language."""

from __future__ import annotations

import re
import weakref

from loaders import arabic
from loaders.article_vocabulary import CATEGORY_KEYWORDS, FALLBACK_CATEGORY, PLACES
from timeline.actors import ActorRegistry


def _alternation(names) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


def _name_patterns(names: list[str]) -> list[re.Pattern]:
    """Regexes for names in any script: Arabic with attached prefixes, Latin as written, Han as is.

    Latin names match in the case the registry spells them ("Nvidia", "NVIDIA"): a case-sensitive
    alternation lets the regex engine skip ahead by first letter, which is many times faster.
    NameFinder rejects Latin matches that continue a longer word ("Xi" in "Xiaomi").
    """
    normalized = sorted({" ".join(arabic.normalize(name).split()) for name in names if name.strip()})
    arabic_names = [name for name in normalized if arabic.has_arabic(name)]
    latin = [name for name in normalized if name.isascii()]
    han = [name for name in normalized if not name.isascii() and not arabic.has_arabic(name)]
    patterns = []
    if arabic_names:
        source = rf"{arabic.BEFORE_WORD}{arabic.PREFIX}(?P<name>{_alternation(arabic_names)}){arabic.AFTER_WORD}"
        patterns.append(re.compile(source))
    if latin:
        patterns.append(re.compile(rf"(?P<name>{_alternation(latin)})(?!\w)"))
    if han:
        patterns.append(re.compile(rf"(?P<name>{_alternation(han)})"))
    return patterns


def _continues_word(character: str) -> bool:
    return character.isalnum() or character in "._"


def _key(name: str) -> str:
    return " ".join(arabic.normalize(name).split()).casefold()


class NameFinder:
    """Finds names in normalized text and returns what each stands for (an actor, a country code)."""

    def __init__(self, meanings: dict[str, str]):
        self.meanings = {_key(name): meaning for name, meaning in meanings.items()}
        self.patterns = _name_patterns(list(meanings))

    def positions(self, normalized_text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(position, meaning) of every name in `normalized_text` (between start and end), in reading order."""
        end = len(normalized_text) if end is None else end
        found: list[tuple[int, str]] = []
        for pattern in self.patterns:
            for match in pattern.finditer(normalized_text, start, end):
                first = match.start()
                if first and match.group("name").isascii() and _continues_word(normalized_text[first - 1]):
                    continue  # the end of a longer word ("Xi" in "MaXi")
                meaning = self.meanings.get(_key(match.group("name")))
                if meaning:
                    found.append((first, meaning))
        return sorted(found)

    def find(self, normalized_text: str) -> list[str]:
        """Meanings of the names in `normalized_text`, each once, in order of first appearance."""
        return within(self.positions(normalized_text), 0, len(normalized_text))


def within(positions: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """Meanings found between `start` and `end`, each once, in order of first appearance."""
    return list(dict.fromkeys(meaning for position, meaning in positions if start <= position < end))


_ACTOR_FINDERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def actor_finder(registry: ActorRegistry) -> NameFinder:
    """A finder of the registry's actors by every alias, built once per registry."""
    finder = _ACTOR_FINDERS.get(registry)
    if finder is None:
        finder = NameFinder({alias: actor.name for actor in registry.actors for alias in actor.all_names()})
        _ACTOR_FINDERS[registry] = finder
    return finder


PLACE_FINDER = NameFinder(
    {name: code for code, by_language in PLACES.items() for names in by_language.values() for name in names}
)


def _keyword_source(keywords: list[str], language: str) -> str:
    alternatives = [re.escape(word).replace(r"\ ", r"\s+") for word in sorted(keywords, key=len, reverse=True)]
    if language == "ar":
        # A final taa marbuta turns into ت before a suffix: قمة, قمتها.
        alternatives = [word[:-1] + "(?:ه|ت)" if word.endswith("ه") else word for word in alternatives]
    return "|".join(alternatives)


def _category_pattern(language: str) -> re.Pattern:
    """One regex per language with a named group per category, so a sentence is scanned once.

    The word-start check and Arabic prefixes come first, once, so the engine can skip quickly.
    A keyword may take an ending ("tariff" finds "tariffs"); English matches lower-cased text.
    """
    branches = []
    for category, by_language in CATEGORY_KEYWORDS.items():
        keywords = [" ".join(arabic.normalize(word).split()) for word in by_language.get(language, ())]
        if language == "en":
            keywords = [word.lower() for word in keywords]
        if keywords:
            branches.append(f"(?P<{category}>{_keyword_source(keywords, language)})")
    body = "|".join(branches)
    if language == "ar":
        return re.compile(rf"{arabic.BEFORE_WORD}{arabic.PREFIX}(?:{body})")
    if language == "en":
        return re.compile(rf"(?<!\w)(?:{body})")
    return re.compile(body)


CATEGORY_PATTERNS = {language: _category_pattern(language) for language in ("en", "ar", "zh")}
# Generic speech verbs count for less than words naming a specific kind of event.
CATEGORY_WEIGHTS = {category: 0.5 if category == FALLBACK_CATEGORY else 1.0 for category in CATEGORY_KEYWORDS}


def category_keywords(text: str, language: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(category, start, end) of every category keyword in text[start:end]."""
    pattern = CATEGORY_PATTERNS.get(language, CATEGORY_PATTERNS["en"])
    end = len(text) if end is None else end
    if language not in ("ar", "zh"):
        text = text.lower()  # the English keywords are lower case; matching as written is faster
    return [(match.lastgroup, match.start(), match.end()) for match in pattern.finditer(text, start, end)]


def guess_category(
    keywords: list[tuple[str, int, int]], date_start: int, date_end: int, language: str
) -> tuple[str, bool]:
    """(category, whether a keyword supported it): the keyword nearest the date in the sentence wins."""
    scores: dict[str, float] = {}
    for category, start, end in keywords:
        before, after = date_start - end, start - date_end
        # English and Arabic put the date after the event it dates ("tariffs dating to..."),
        # Chinese before it ("2018年11月,习近平...座谈会"): the usual side counts double.
        usual_side_before = language != "zh"
        if before >= 0:
            distance = before / 2 if usual_side_before else before
        else:
            distance = max(0, after) if usual_side_before else max(0, after) / 2
        score = CATEGORY_WEIGHTS[category] / (1 + distance / 30)
        scores[category] = max(scores.get(category, 0.0), score)
    if not scores:
        return FALLBACK_CATEGORY, False
    return max(scores, key=scores.get), True
