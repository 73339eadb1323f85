"""Per-language rules of the article loader, read from data files (loaders/rules/<lang>.yaml) and compiled once.

Every list that grows with a language (triggers per category, future and past cues, role words,
organisation suffixes, attribution phrases, non-event patterns) lives in those files; this module
only turns them into regexes. Arabic entries are normalized (loaders.arabic) and take the attached
prefixes; English entries match case-insensitively at a word start; Chinese entries match as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from loaders import arabic

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGUAGES = ("ar", "en", "zh")


@dataclass(frozen=True)
class LanguageRules:
    language: str
    future_cues: re.Pattern
    past_cues: re.Pattern
    triggers: TriggerIndex
    attributions: re.Pattern
    connectives: re.Pattern
    role_words: dict[str, tuple[str, ...]]  # kind -> words
    organisation_suffixes: dict[str, tuple[str, ...]]
    not_names: frozenset[str]
    not_actors: tuple[str, ...]
    location_words: tuple[str, ...]
    non_events: tuple[re.Pattern, ...]


def phrase_source(phrase: str, language: str) -> str:
    """A regex source for one listed phrase; a trailing "=" in the data means the word takes no ending ("law=")."""
    whole_word = phrase.endswith("=")
    phrase = phrase.removesuffix("=")
    if language == "ar":
        words = arabic.normalize(phrase).split()
        body = r"\s+".join(re.escape(word) for word in words)
        # A final taa marbuta turns into ت before a suffix: قمة, قمتها.
        if body.endswith("ه"):
            body = body[:-1] + "(?:ه|ت)"
    else:
        body = re.escape(phrase.strip()).replace(r"\ ", r"\s+")
    return body + r"(?!\w)" if whole_word else body


def _alternation(phrases, language: str) -> str:
    ordered = sorted({phrase for phrase in phrases if phrase and phrase.strip()}, key=len, reverse=True)
    return "|".join(phrase_source(phrase, language) for phrase in ordered) or r"(?!x)x"


def word_regex(phrases, language: str, endings: bool = True) -> re.Pattern:
    """One regex for a list of phrases: word starts in English and Arabic (with prefixes), anywhere in Chinese."""
    body = _alternation(phrases, language)
    if language == "ar":
        return re.compile(rf"{arabic.BEFORE_WORD}{arabic.PREFIX}(?:{body})" + ("" if endings else arabic.AFTER_WORD))
    if language == "en":
        return re.compile(rf"(?<!\w)(?:{body})" + ("" if endings else r"(?!\w)"), re.IGNORECASE)
    return re.compile(f"(?:{body})")


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def matchable(text: str, language: str) -> str:
    """Text as the trigger regex of `language` expects it: English in ASCII lower case (same length)."""
    return text.translate(ASCII_LOWER) if language == "en" else text


class TriggerIndex:
    """Trigger words looked up from each word start (each character in Chinese) by their first letters.

    One alternation of several hundred phrases cannot be skipped through quickly (no common first
    character), so it cost microseconds per character; a lookup keyed by the first two letters,
    then `startswith`, is linear and several times faster. English is matched lower-cased; Arabic
    after stripping the attached prefixes (و ف ب ك ال لل), a final ة also matching ت (قمتها).
    """

    def __init__(self, strong: dict[str, list[str]], weak: dict[str, list[str]], language: str):
        self.language = language
        self.by_head: dict[str, list[tuple[str, str, bool, bool]]] = {}
        for words, is_weak in ((strong, False), (weak, True)):
            for category, phrases in words.items():
                for phrase in phrases or ():
                    for form in self._forms(str(phrase)):
                        whole_word = form.endswith("=")
                        form = form.removesuffix("=")
                        self.by_head.setdefault(form[:2], []).append((form, category, is_weak, whole_word))
        for entries in self.by_head.values():
            entries.sort(key=lambda entry: len(entry[0]), reverse=True)

    def _forms(self, phrase: str) -> list[str]:
        whole = "=" if phrase.endswith("=") else ""
        phrase = " ".join(phrase.removesuffix("=").split())
        if self.language == "ar":
            phrase = " ".join(arabic.normalize(phrase).split())
            forms = [phrase]
            if phrase.endswith("ه"):
                forms.append(phrase[:-1] + "ت")
            return [form + whole for form in forms]
        return [(phrase.lower() if self.language == "en" else phrase) + whole]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int, bool]]:
        """(category, start, end, weak) of every trigger in text[start:end], leftmost and longest first."""
        end = len(text) if end is None else end
        found = []
        if self.language == "zh":
            positions = iter(range(start, end))
        else:
            positions = (match.start() for match in _WORD_START.finditer(text, start, end))
        resume = start
        for position in positions:
            if position < resume:
                continue
            hit = self._at(text, position, end)
            if hit:
                found.append(hit)
                resume = hit[2]
        return found

    def _at(self, text: str, position: int, end: int) -> tuple[str, int, int, bool] | None:
        if self.language == "ar":
            sizes = [size for size in (0, 4, 3, 2, 1) if text[position : position + size] in _PREFIX_SET]
        else:
            sizes = (0,)
        for size in sizes:
            head = position + size
            for form, category, is_weak, whole_word in self.by_head.get(text[head : head + 2], ()):
                stop = head + len(form)
                if stop > end or not text.startswith(form, head):
                    continue
                if whole_word and stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
                    continue
                return category, position, stop, is_weak
        return None


# Letters that attach to the front of an Arabic word (normalized), longest first; "" for none.
ARABIC_PREFIXES = ("", "وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "و", "ف", "ب", "ل", "ك")
_PREFIX_SET = frozenset(ARABIC_PREFIXES)
_WORD_START = re.compile(r"(?<!\w)\w")


@cache
def rules_for(language: str) -> LanguageRules:
    """The compiled rules of `language` (ar, en or zh; anything else gets English)."""
    language = language if language in LANGUAGES else "en"
    path = RULES_DIR / f"{language}.yaml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    sources = [arabic.normalize(source) if language == "ar" else source for source in data.get("non_events") or ()]
    # One scan for all of them: a leading global flag becomes a flag of its own branch.
    branches = [
        f"(?{source[2]}:{source[4:]})" if re.match(r"\(\?[aimsx]\)", source) else f"(?:{source})" for source in sources
    ]
    non_events = (re.compile("|".join(branches)),) if branches else ()
    return LanguageRules(
        language=language,
        future_cues=word_regex(data.get("future_cues") or (), language, endings=False),
        past_cues=word_regex(data.get("past_cues") or (), language, endings=False),
        triggers=TriggerIndex(data.get("triggers") or {}, data.get("weak_triggers") or {}, language),
        attributions=word_regex(data.get("attributions") or (), language, endings=False),
        connectives=word_regex(data.get("connectives") or (), language, endings=False),
        role_words={kind: tuple(words or ()) for kind, words in (data.get("role_words") or {}).items()},
        organisation_suffixes={
            kind: tuple(words or ()) for kind, words in (data.get("organisation_suffixes") or {}).items()
        },
        not_names=frozenset(str(word) for word in data.get("not_names") or ()),
        not_actors=tuple(str(word) for word in data.get("not_actors") or ()),
        location_words=tuple(str(word) for word in data.get("location_words") or ()),
        non_events=non_events,
    )
