"""Well-known organisations named in an article, from the bundled list in loaders/rules/organisations.yaml.

The list is the kind an analyst tool ships (companies, public bodies, international bodies,
parliaments, courts, news agencies in English, Arabic and Chinese), not one fitted to any article.
Every name is found in one Aho-Corasick pass; a hit is kept where it starts and ends a word
(English and other Latin names as written, Arabic after the attached prefixes), anywhere in Han text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from loaders import arabic
from loaders.word_automaton import WordAutomaton

GAZETTEER_PATH = Path(__file__).resolve().parent / "rules" / "organisations.yaml"
# Letters that attach to the front of an Arabic word (normalized spelling).
_ARABIC_PREFIXES = frozenset(
    ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "ال", "وال", "بال", "فال", "لل", "ولل", "وبال"]
)


def _is_letter(character: str) -> bool:
    return character.isalnum() or character == "_"


class Gazetteer:
    """Finds listed organisation names in normalized text: (start, end, kind), leftmost and longest first."""

    def __init__(self, lists: dict[str, list[list[str]]], kinds: dict[str, str]):
        entries: dict[str, str] = {}  # normalized form -> kind
        self._main: dict[str, str] = {}  # normalized short form -> its line's main name in the same script
        for list_name, organisations in lists.items():
            kind = kinds.get(list_name, list_name)
            for names in organisations:
                mains = _main_names([str(name) for name in names])
                main_forms = {script: listed_form(main) for script, main in mains.items()}
                for name in names:
                    form = listed_form(name)
                    if len(form) >= 2:
                        entries[form] = kind
                        script = _script(form)
                        if len(form) < len(main_forms[script]):
                            self._main.setdefault(form, mains[script])
        self.forms = frozenset(entries)  # every listed name, normalized
        self.automaton = WordAutomaton(entries)

    def main_name(self, form: str) -> str | None:
        """The main name of the listed organisation written as normalized `form`, in the script it is written in.

        A short name is one actor under one name: "WHO", 世卫组织, 欧委会 are the World Health
        Organization, 世界卫生组织, 欧盟委员会. A form at least as long as the main name (a traditional
        spelling, a longer form) stays as written; a Latin name in Han text stays Latin ("TikTok").
        """
        return self._main.get(form)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        end = len(text) if end is None else end
        if start >= end:
            return []
        hits = []
        for first, stop, kind in self.automaton.find(text, start, end):
            if self._bounded(text, first, stop, start):
                hits.append((first, stop, kind))
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        found, resume = [], start
        for first, stop, kind in hits:
            if first >= resume:
                found.append((first, stop, kind))
                resume = stop
        return found

    @staticmethod
    def _bounded(text: str, first: int, stop: int, start: int) -> bool:
        """Whether the name at [first, stop) is a whole word (a Han name always is)."""
        if "\u3400" <= text[first] <= "\u9fff":
            return True
        if stop < len(text) and _is_letter(text[stop]) and not ("\u3400" <= text[stop] <= "\u9fff"):
            return False  # "Intel" in "Intelligence", «ميتا» in a longer word
        if first == 0 or not _is_letter(text[first - 1]) or "\u3400" <= text[first - 1] <= "\u9fff":
            return True
        if arabic.has_arabic(text[first]):
            # «وإنتل», «بالكونغرس»: attached letters, from the start of the word.
            for size in (1, 2, 3, 4):
                position = first - size
                if position < start:
                    break
                if text[position:first] in _ARABIC_PREFIXES and (position == 0 or not _is_letter(text[position - 1])):
                    return True
        return False


def listed_form(name: object) -> str:
    """A name as the list is searched and looked up: normalized (Arabic letter variants), single-spaced."""
    return " ".join(arabic.normalize(str(name)).split())


def _script(name: str) -> str:
    if arabic.has_arabic(name):
        return "ar"
    return "zh" if any("\u3400" <= character <= "\u9fff" for character in name) else "en"


def _main_names(names: list[str]) -> dict[str, str]:
    """The first name of a line in each script: Arabic, Han, else Latin."""
    mains: dict[str, str] = {}
    for name in names:
        mains.setdefault(_script(name), name)
    return mains


@cache
def gazetteer() -> Gazetteer:
    """The bundled list, compiled once."""
    with open(GAZETTEER_PATH, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return Gazetteer(data["lists"], data.get("kinds") or {})
