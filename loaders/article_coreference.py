"""Short mentions that refer back to an actor named earlier in the same article.

Once an article has named someone in full, news writing refers to them by surname ("Meng", «منغ»),
by a definite description ("the company", «الشركة», 「该公司」, "the ministry", 「该部」) or by a
pronoun opening the next sentence ("She said", 「他表示」). These resolve, conservatively:

- a surname: the last word of an earlier person's name (also the first word for a name in
  East Asian order: a registry person of CN, HK, TW, JP, KR or VN), when only one earlier person
  has it; in Chinese, the earlier person's Han name written again (尹锡悦) or the last part of a
  dotted foreign name (约翰逊 for 鲍里斯·约翰逊);
- a definite description (`definite_references` in loaders/rules/<lang>.yaml): the latest earlier
  actor of that kind, unless the sentence already names one of that kind;
- a pronoun subject (`pronoun_subjects`) at the start of a sentence, or after the words of time or
  setting that may open it (`pronoun_lead`: "Earlier on Friday he", 「今天，他」): the only person
  named in the previous sentence; in Arabic, a verb opening the sentence with a particle after it
  (`pronoun_follow`: «وتعهد في كلمته»), for the verb carries its subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from loaders import arabic
from loaders.article_actors import name_key, place_keys
from loaders.article_gazetteer import gazetteer
from loaders.article_rules import RULES_DIR

FAMILY_NAME_FIRST = frozenset(["CN", "HK", "MO", "TW", "JP", "KR", "KP", "VN"])
MIN_SURNAME_CHARACTERS = 3
MAX_HAN_NAMES = 100  # earlier Han names looked for in a sentence
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_HAN_DOTS = re.compile("[·•‧・]")
_HAN_NAME = re.compile("[\u4e00-\u9fff·•‧・]+")
_ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "لل", "ال", "وب", "ول", "فب", "و", "ف", "ب", "ل", "")


@dataclass(frozen=True)
class Mention:
    """An actor found in a sentence: its name as the loader reports it, its kind, and its country if known."""

    name: str
    kind: str
    country: str | None = None
    written: tuple[str, ...] = ()  # the names it goes by in the article's language, for surnames


@dataclass(frozen=True)
class _References:
    definite: dict[str, re.Pattern]  # kind -> phrases that refer back to an actor of that kind
    pronouns: re.Pattern | None


@cache
def _references(language: str) -> _References:
    import yaml

    path = RULES_DIR / f"{language}.yaml"
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    definite = {}
    for kind, phrases in (data.get("definite_references") or {}).items():
        definite[kind] = _phrase_pattern(phrases, language)
    pronouns = data.get("pronoun_subjects") or []
    lead = data.get("pronoun_lead") or ""
    follow = data.get("pronoun_follow") or []
    pronoun_pattern = _phrase_pattern(pronouns, language, at_start=True, lead=lead, follow=follow) if pronouns else None
    return _References(definite, pronoun_pattern)


def _phrase_pattern(phrases, language: str, at_start: bool = False, lead: str = "", follow=()) -> re.Pattern:
    forms = sorted({" ".join(arabic.normalize(str(phrase)).split()) for phrase in phrases}, key=len, reverse=True)
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    opening = f"(?:{lead})?" if lead else ""
    if language == "zh":
        # 他们 is "they": a plural pronoun names no one person.
        return re.compile(rf"^\s*{opening}(?:{body})(?![们們])" if at_start else f"(?:{body})")
    if follow:
        # A verb that carries its subject («وتعهد في»): و or ف before it, and a particle, not a noun, after it.
        after = "|".join(re.escape(" ".join(arabic.normalize(str(word)).split())) for word in follow)
        return re.compile(rf"^\s*[\"“«]?{opening}[وف]?(?:{body})\s+(?:{after})(?!\w)")
    start = rf"^\s*[\"“«]?{opening}" if at_start else r"(?<!\w)[وفب]?"
    return re.compile(rf"{start}(?:{body})(?!\w)", re.IGNORECASE)


@dataclass
class ArticleActors:
    """Actors sentence by sentence, found lazily, and what short mentions in a sentence refer back to.

    Sentences are asked about in reading order; what earlier sentences named (the latest actor of
    each kind, who owns each surname) is gathered once as the reading moves on.
    """

    language: str
    sentences: list[str]  # normalized text of each sentence
    find: Callable[[int], list[Mention]]  # the actors named in sentence i
    _found: dict[int, list[Mention]] = field(default_factory=dict)
    _read_up_to: int = 0
    _latest: dict[str, str] = field(default_factory=dict)  # kind -> latest name of that kind
    _owners: dict[str, set[str]] = field(default_factory=dict)  # surname key -> names of persons
    _short_forms: dict[str, str] = field(default_factory=dict)  # short form of a body -> its full name

    def named_in(self, index: int) -> list[Mention]:
        if index not in self._found:
            self._found[index] = self.find(index)
        return self._found[index]

    def _read_before(self, index: int) -> None:
        while self._read_up_to < index:
            for mention in self.named_in(self._read_up_to):
                self._latest[mention.kind] = mention.name
                if mention.kind == "person":
                    self._index_surnames(mention)
                elif mention.kind in _BODY_KINDS:
                    self._index_short_forms(mention.name)
            self._read_up_to += 1

    def _index_short_forms(self, name: str) -> None:
        """The shorter names a body named in full goes by later in the same article.

        English writes an acronym of the capitalised words ("Royal Canadian Mounted Police", then
        "RCMP"); Chinese drops the country (法国国民议会, then 国民议会).
        """
        if self.language == "en":
            words = [word for word in name.split() if word[:1].isupper()]
            if len(words) >= 3 and len(words) == len([w for w in name.split() if w not in _NAME_JOINERS]):
                self._short_forms.setdefault("".join(word[0] for word in words), name)
        elif self.language == "zh" and _HAN_NAME.fullmatch(name):
            for short in _han_short_forms(name):
                self._short_forms.setdefault(short, name)
        if len(self._short_forms) > MAX_HAN_NAMES:
            self._short_forms.pop(next(iter(self._short_forms)))

    def actors_in(self, index: int) -> list[str]:
        """Names of the actors of sentence `index`: those it names, a body's short form under the full name
        the article gave it before, then the earlier actors its short mentions refer to."""
        names = [mention.name for mention in self.named_in(index)]
        extra = self.referred_to(index)
        if self._short_forms:
            full_names = self._full_names(self.sentences[index], names)
            if full_names:
                names = [full_names.get(name, name) for name in names]
                names += [full for short, full in full_names.items() if short not in names and full not in names]
        return list(dict.fromkeys(names + extra))

    def _full_names(self, sentence: str, names: list[str]) -> dict[str, str]:
        """Short form (or the name found around it) -> the earlier full name, for the short forms in `sentence`."""
        found = {}
        for short, full in self._short_forms.items():
            if short not in sentence:
                continue
            if self.language == "en" and not re.search(rf"(?<![\w.]){re.escape(short)}(?![\w])", sentence):
                continue
            # 未经国民议会: a proposal that ends with the short form after words that open no name is that body;
            # 欧洲数据保护委员会 is another body than 爱尔兰数据保护委员会.
            around = [name for name in names if name != full and name.endswith(short) and len(name) > len(short)]
            if any(_opens_name(name[: -len(short)]) for name in around):
                continue
            for name in around or [short]:
                found[name] = full
        return found

    def _index_surnames(self, mention: Mention) -> None:
        if self.language == "zh":
            self._index_han_names(mention)
            return
        for written in mention.written or (mention.name,):
            words = written.split()
            if len(words) < 2:
                continue
            keys = [words[-1]]
            if mention.country in FAMILY_NAME_FIRST:
                keys.append(words[0])
            for key in keys:
                if len(key) >= MIN_SURNAME_CHARACTERS:
                    self._owners.setdefault(_surname_key(key, self.language), set()).add(mention.name)

    def _index_han_names(self, mention: Mention) -> None:
        """A Han name is written whole again (尹锡悦), a dotted foreign one by its last part (约翰逊)."""
        for written in mention.written or (mention.name,):
            parts = _HAN_DOTS.split(written)
            for key in {written, parts[-1]}:
                if len(key) >= 2 and _HAN_NAME.fullmatch(key):
                    self._owners.setdefault(key, set()).add(mention.name)

    def referred_to(self, index: int) -> list[str]:
        """Names of earlier actors that short mentions in sentence `index` refer to, not already named in it."""
        named = self.named_in(index)
        present = {mention.name for mention in named}
        present_kinds = {mention.kind for mention in named}
        sentence = self.sentences[index]
        references = _references(self.language)
        extra: list[str] = []
        if index > 0 and references.pronouns and references.pronouns.search(sentence):
            persons = list(dict.fromkeys(m.name for m in self.named_in(index - 1) if m.kind == "person"))
            if len(persons) == 1:
                extra.append(persons[0])
        self._read_before(index)
        for kind, pattern in references.definite.items():
            if kind not in present_kinds and kind in self._latest and pattern.search(sentence):
                extra.append(self._latest[kind])
        if self.language == "zh":
            # The latest names only: the work per sentence stays bounded on a long article.
            recent = list(self._owners.items())[-MAX_HAN_NAMES:]
            extra += [next(iter(names)) for key, names in recent if len(names) == 1 and key in sentence]
        elif self._owners:
            extra += self._surnames(sentence)
        return [name for name in dict.fromkeys(extra) if name not in present]

    def _surnames(self, sentence: str) -> list[str]:
        haystack = sentence.replace("غ", "ج") if self.language == "ar" else sentence
        if not any(key in haystack for key in self._owners):
            return []  # no earlier surname appears at all: most sentences, skipped without reading words
        found = []
        for match in _WORD.finditer(sentence):
            word = match.group().rstrip(".’'").removesuffix("’s").removesuffix("'s")
            if self.language == "en" and not word[:1].isupper():
                continue
            for key in _word_keys(word, self.language):
                names = self._owners.get(key)
                if names and len(names) == 1:
                    found.append(next(iter(names)))
                    break
        return found


_BODY_KINDS = frozenset(["government_body", "organisation", "company"])
_NAME_JOINERS = frozenset(["of", "and", "for", "the", "de", "on"])


def _han_short_forms(name: str) -> list[str]:
    """Shorter names of a Han body's full name: without the country or city that opens it (美国演员工会, 演员工会)."""
    place = _leading_place(name)
    return [name[len(place) :]] if place and len(name) - len(place) >= 3 else []


def _leading_place(name: str) -> str:
    """The longest country or capital name (two to four characters) that opens a Han name, or ""."""
    places = place_keys()
    for size in (4, 3, 2):
        if name[:size] in places:
            return name[:size]
    return ""


def _opens_name(prefix: str) -> bool:
    """Whether a Han prefix opens a name: a country or capital, or the first two characters of a listed body (欧洲)."""
    return bool(_leading_place(prefix)) or prefix[:2] in _listed_openings()


@cache
def _listed_openings() -> frozenset[str]:
    return frozenset(form[:2] for form in gazetteer().forms if len(form) >= 3 and _HAN_NAME.fullmatch(form))


def _surname_key(word: str, language: str) -> str:
    return name_key(word) if language == "ar" else word


def _word_keys(word: str, language: str) -> list[str]:
    """The keys a word of the (already normalized) sentence may be a surname under: Arabic without its prefixes."""
    if language != "ar":
        return [word]
    key = word.replace("غ", "ج")
    return [key[len(prefix) :] for prefix in _ARABIC_PREFIXES if key.startswith(prefix) and len(key) > len(prefix) + 2]
