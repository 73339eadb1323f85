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
from loaders.word_automaton import WordAutomaton

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGUAGES = ("ar", "en", "zh")


@dataclass(frozen=True)
class LanguageRules:
    language: str
    future_cues: re.Pattern
    not_future: re.Pattern | None  # matched where a future cue starts: a use of its word that is no future
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
    name_verbs: tuple[str, ...] = ()  # verbs after a lone capitalised word that make it a name ("Wingtech said")
    name_agents: tuple[str, ...] = ()  # words before a lone capitalised word that make it a name ("owned by Wingtech")
    setting_before: re.Pattern | None = None  # words that open the setting of an event ("at the", «خلال», 「在」)
    setting_after: re.Pattern | None = None  # words that close it in Chinese (「在…会议上」, 「…时」)
    reported_future: re.Pattern | None = None  # what a speaker says is still to come ("would", «سوف», 「将」)
    announcing: re.Pattern | None = None  # speech verbs that enact what they tell ("announced", «أعلن», 「宣布」)
    deed_modifiers: re.Pattern | None = None  # words after a deed that make it describe a noun (「推出的芯片」)
    transliteration: frozenset[str] = frozenset()  # Han characters of foreign names written by sound (阿尔巴尼斯)
    # Words that keep a sentence in the past it looks back to ("at the time", «آنذاك», 「当时」).
    background_cues: re.Pattern | None = None


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


def word_regex(phrases, language: str, endings: bool = True, lower_case: bool = False) -> re.Pattern:
    """One regex for a list of phrases: word starts in English and Arabic (with prefixes), anywhere in Chinese.

    `lower_case`: English text searched is lower-cased already, so the phrases are too and the regex
    matches case-sensitively, which the regex engine runs about twice as fast.
    """
    if language == "en" and lower_case:
        phrases = [str(phrase).lower() for phrase in phrases]
    body = _alternation(phrases, language)
    if language == "ar":
        return re.compile(rf"{arabic.BEFORE_WORD}{arabic.PREFIX}(?:{body})" + ("" if endings else arabic.AFTER_WORD))
    if language == "en":
        flags = 0 if lower_case else re.IGNORECASE
        return re.compile(rf"(?<!\w)(?:{body})" + ("" if endings else r"(?!\w)"), flags)
    return re.compile(f"(?:{body})")


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def matchable(text: str, language: str) -> str:
    """Text as the trigger regex of `language` expects it: English in ASCII lower case (same length)."""
    if language != "en":
        return text
    # bytes.lower changes only ASCII letters, and UTF-8 spells every other character without them:
    # the same result as translate(ASCII_LOWER), without a table lookup per character.
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


class TriggerIndex:
    """Trigger words found in one pass of an Aho-Corasick automaton, kept where they start a word.

    One alternation of several hundred phrases cannot be skipped through quickly (no common first
    character), and a lookup per word start still tried each form beginning with the same letters;
    the automaton finds every form in time linear in the text. English is matched lower-cased;
    Arabic after the attached prefixes (و ف ب ك ال لل), a final ة also matching ت (قمتها); Chinese
    anywhere.
    """

    def __init__(
        self,
        strong: dict[str, list[str]],
        weak: dict[str, list[str]],
        language: str,
        topic: dict[str, list[str]] | None = None,
    ):
        self.language = language
        entries: dict[str, tuple[str, bool, bool, bool]] = {}
        # Topic words are strong triggers that name what an event is about, not the event itself.
        for words, is_weak, is_topic in ((strong, False, False), (topic or {}, False, True), (weak, True, False)):
            for category, phrases in words.items():
                for phrase in phrases or ():
                    for form in self._forms(str(phrase)):
                        whole_word = form.endswith("=")
                        entries.setdefault(form.removesuffix("="), (category, is_weak, is_topic, whole_word))
        self.automaton = WordAutomaton(entries)
        self.empty = not entries

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

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int, bool, bool]]:
        """(category, start, end, weak, topic) of every trigger in text[start:end], leftmost and longest first."""
        end = len(text) if end is None else end
        if self.empty or start >= end:
            return []
        # Per word start (each character in Chinese): the best form beginning there, as
        # (preference, category, position, stop, weak, topic); a bare word beats one with a prefix.
        best: dict[int, tuple] = {}
        for head, stop, (category, is_weak, is_topic, whole_word) in self.automaton.find(text, start, end):
            size = stop - head
            if whole_word and stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
                continue
            position = self._word_start(text, head, start)
            if position is None:
                continue
            prefix = head - position
            preference = (prefix > 0, -prefix, -size)
            if position not in best or preference < best[position][0]:
                best[position] = (preference, category, position, stop, is_weak, is_topic)
        found, resume = [], start
        for position in sorted(best):
            if position < resume:
                continue
            _, category, position, stop, is_weak, is_topic = best[position]
            found.append((category, position, stop, is_weak, is_topic))
            resume = stop
        return found

    def _word_start(self, text: str, head: int, start: int) -> int | None:
        """Where the word holding a form at `head` starts, if the form may begin there; else None."""
        if self.language == "zh":
            return head
        if _starts_word(text, head, start):
            return head
        if self.language == "ar":
            for size in (1, 2, 3, 4):
                position = head - size
                if position >= start and text[position:head] in _PREFIX_SET and _starts_word(text, position, start):
                    return position
        return None


def _starts_word(text: str, position: int, start: int) -> bool:
    return position == 0 or not (text[position - 1].isalnum() or text[position - 1] == "_")


# Letters that attach to the front of an Arabic word (normalized), longest first; "" for none.
ARABIC_PREFIXES = ("", "وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "و", "ف", "ب", "ل", "ك")
_PREFIX_SET = frozenset(ARABIC_PREFIXES)


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
        # Matched in tense() against the clause lower-cased.
        future_cues=word_regex(data.get("future_cues") or (), language, endings=False, lower_case=True),
        not_future=_patterns(data.get("not_future"), language),
        past_cues=word_regex(data.get("past_cues") or (), language, endings=False, lower_case=True),
        triggers=TriggerIndex(
            data.get("triggers") or {}, data.get("weak_triggers") or {}, language, data.get("topic_triggers") or {}
        ),
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
        name_verbs=tuple(str(word) for word in data.get("name_verbs") or ()),
        name_agents=tuple(str(word) for word in data.get("name_agents") or ()),
        setting_before=_optional_words(data.get("setting_before"), language),
        setting_after=_optional_words(data.get("setting_after"), language),
        reported_future=_patterns(data.get("reported_future"), language),
        announcing=word_regex(data["announcing"], language) if data.get("announcing") else None,
        deed_modifiers=_patterns(data.get("deed_modifiers"), language),
        transliteration=frozenset(str(data.get("transliteration_characters") or "")),
        background_cues=_optional_words(data.get("background_cues"), language),
    )


def _optional_words(phrases, language: str) -> re.Pattern | None:
    return word_regex(phrases, language, endings=False) if phrases else None


def _patterns(sources, language: str) -> re.Pattern | None:
    """One regex for a list of regex sources (Arabic ones normalized first)."""
    if not sources:
        return None
    sources = [arabic.normalize(source) if language == "ar" else source for source in sources]
    return re.compile("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)
