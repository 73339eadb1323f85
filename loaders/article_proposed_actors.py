"""Actors the registry does not know, found by the cue that names them: a role word, an organisation word, capitals.

"CEO Jensen Huang", «الرئيس التنفيذي لشركة إنفيديا جنسن هوانغ», 「英伟达总裁黄仁勋」 name a person after a role
word; "Bureau of Industry and Security", «وزارة التجارة», 「商务部」 name a body by the word for what it is;
a run of capitalised English words names someone. Each proposal keeps the name as written and a
suggested kind (person, company, government_body, organisation) taken from the cue; an analyst
accepts it into the registry, merges it into an existing actor, or ignores it on the Review page.
The cue words are data (loaders/rules/<lang>.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders import arabic
from loaders.article_gazetteer import gazetteer
from loaders.article_rules import matchable, rules_for
from loaders.word_automaton import WordAutomaton

MONTHS_AND_DAYS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}  # fmt: skip
# Characters that end a Chinese name: particles, verbs of speech, punctuation, date characters.
CHINESE_STOPS = set(
    "表示称稱说說在于於的将將已与與和对對是也曾会會等及、，,。：:（(）)“”「」『』日月年被向从從为為以就并並而了要再还還均都又"
    "主共同出访訪率宣签簽发發指强強批提召举舉参參谈談见見致应應其收购購准把由则則兼响響披露"
)
# Two characters that start a time word and end a name before them: 拜登前年, 黄仁勋今天.
CHINESE_TIME_WORDS = {
    "前年", "前天", "今年", "今天", "明年", "明天", "去年", "昨天", "昨日", "上月", "下月", "本月", "近日", "日前",
    "上周", "下周", "本周", "当天", "同日", "次日", "今日", "明日", "昨晚", "今晨",
}  # fmt: skip
DEFAULT_ORGANISATION = "organisation"
MAX_CHINESE_NAME = 3  # Han characters in a person's name after a role word; four when a stop follows (岸田文雄)
MAX_CHINESE_BODY = 8  # Han characters before an organisation word
# A foreign name written in Han characters joins its parts with a middle dot: 尼克·克莱格, 鲍里斯·约翰逊.
_DOTS = "·•‧・"
# Last characters of titles (执行官, 部长, 律师, 主席, 总督), rare in transliterated names.
_TITLE_ENDS = set("官员員长長师師席督")
# A part may itself be hyphenated: 卡琳·让-皮埃尔.
_TRANSLITERATED = re.compile(rf"[\u4e00-\u9fff]{{1,6}}(?:[{_DOTS}][\u4e00-\u9fff]{{1,8}}(?:-[\u4e00-\u9fff]{{1,8}})?)+")
MAX_TRANSLITERATED = 6  # Han characters of a foreign name written by sound after a role word (阿尔巴尼斯)


@dataclass(frozen=True)
class Proposal:
    """A name the registry lacks: where it is in the normalized text, and the kind its cue suggests."""

    start: int
    end: int
    kind: str
    cue: str


@dataclass(frozen=True)
class _Cues:
    roles: re.Pattern  # role words (a person follows) and body words (a body's name starts or follows)
    kinds: dict[str, str]  # normalized role word -> kind
    suffixes: dict[str, str]  # organisation word -> kind
    not_names: frozenset[str]
    not_actors: re.Pattern  # words that make a run an event's name ("Summit"), not an actor's
    name_verbs: re.Pattern  # verbs after a lone capitalised word that make it a name ("Wingtech said")
    name_agents: re.Pattern  # words before one that make it a name ("owned by Wingtech")
    first_words: frozenset[str]  # first word of every role word
    bare_words: frozenset[str]  # first words without the article: ادارة for الادارة
    suffix_pattern: re.Pattern  # every organisation word, longest first


@cache
def _cues(language: str) -> _Cues:
    rules = rules_for(language)
    kinds = {}
    for kind, words in rules.role_words.items():
        for word in words:
            kinds[_normal(str(word).removesuffix("="), language)] = kind
    suffixes = {}
    for kind, words in rules.organisation_suffixes.items():
        for word in words:
            suffixes[_normal(word, language)] = kind
    ordered = sorted(kinds, key=len, reverse=True)
    if language == "ar":
        body = "|".join(r"\s+".join(map(re.escape, word.split())) for word in ordered)
        # A role may carry a possessive pronoun: «بحضور رئيسها التنفيذي جنسن هوانغ».
        roles = re.compile(
            rf"{arabic.BEFORE_WORD}[وف]?(?:[لب]|(?P<article>ال)|ب(?P<article2>ال))??(?P<role>{body})"
            rf"(?:هما|هم|ها|ه)?{arabic.AFTER_WORD}"
        )
    elif language == "en":
        # Matched against the text in ASCII lower case (matchable): a case-sensitive alternation is
        # skipped through by its first letters, an IGNORECASE one is tried at every character.
        body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
        roles = re.compile(rf"(?<![\w.])(?P<role>{body})(?![\w])")
    else:
        roles = re.compile("(?P<role>" + "|".join(map(re.escape, ordered)) + ")")
    # One alternation behind one word-start check: separate branches each with its own look-behind
    # were tried one by one at every character.
    body = "|".join(re.escape(word) for word in sorted(rules.not_actors, key=len, reverse=True))
    not_actors = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if body else r"(?!x)x", re.IGNORECASE)
    first_words = frozenset(word.split()[0] for word in kinds)
    bare_words = frozenset(word.removeprefix("ال") for word in first_words)
    not_names = frozenset(_normal(word, language) for word in rules.not_names)
    suffix_body = "|".join(map(re.escape, sorted(suffixes, key=len, reverse=True)))
    suffix_pattern = re.compile(suffix_body if suffix_body else r"(?!x)x")
    verbs = "|".join(re.escape(word) for word in sorted(rules.name_verbs, key=len, reverse=True))
    name_verbs = re.compile(rf"\s+(?:{verbs})\b" if verbs else r"(?!x)x")
    agents = "|".join(re.escape(word) for word in sorted(rules.name_agents, key=len, reverse=True))
    name_agents = re.compile(rf"(?<!\w)(?:{agents})\s+$" if agents else r"(?!x)x")
    return _Cues(
        roles, kinds, suffixes, not_names, not_actors, name_verbs, name_agents, first_words, bare_words, suffix_pattern
    )


def _normal(word: str, language: str) -> str:
    word = " ".join(arabic.normalize(str(word)).split())
    return word.casefold() if language == "en" else word


def propose(
    text: str, start: int, end: int, language: str, known: list[tuple[int, int, str]] | None = None
) -> list[Proposal]:
    """Names in normalized `text[start:end]` the registry does not cover, in reading order.

    `known` are the registry's matches (start, end, kind of the actor). A proposal overlapping one
    is dropped, except a body's name that opens with a government's ("美國司法部" holds "美國",
    "国务院关税税则委员会" holds "国务院"): there the body is the actor, and the caller drops the
    government (see `inside`). A company word after a known company ("英伟达公司") adds nothing.
    """
    finder = {"en": _english, "ar": _arabic, "zh": _chinese}.get(language, _english)
    proposals: list[Proposal] = []
    # Listed organisations first: a cue-found name overlapping one ("Chipmaker Intel") gives way.
    listed = [
        Proposal(first, last, kind, "organisation list") for first, last, kind in gazetteer().find(text, start, end)
    ]
    for proposal in (*listed, *finder(text, start, end)):
        if proposal.end - proposal.start < 2:
            continue
        proposal = _without_country(proposal, known or ())
        overlapping = [item for item in known or () if proposal.start < item[1] and item[0] < proposal.end]
        if any(not _opens_body(proposal, item) for item in overlapping):
            continue
        crossing = [other for other in proposals if proposal.start < other.end and other.start < proposal.end]
        if crossing and not all(_holds_listed_body(text, proposal, other) for other in crossing):
            continue
        proposals = [other for other in proposals if other not in crossing]
        proposals.append(proposal)
    return sorted(proposals, key=lambda proposal: proposal.start)


_BODY_KINDS = ("government_body", "organisation")


def _without_country(proposal: Proposal, known) -> Proposal:
    """A company's name after its country's (德国戴姆勒公司): the country only says where the company is from."""
    if proposal.kind != "company" or proposal.cue != "organisation word":
        return proposal
    for start, end, kind in known:
        if start == proposal.start and kind == "government_body" and proposal.end - end >= 3:
            return Proposal(end, proposal.end, proposal.kind, proposal.cue)
    return proposal


def _opens_body(proposal: Proposal, known: tuple[int, int, str]) -> bool:
    """Whether a known body or country opens a proposed body's longer name (美國司法部), or lies anywhere
    inside a listed organisation's name ("Bank of Japan": a listed name is whole wherever its country stands)."""
    start, end, kind = known
    if kind not in (*_BODY_KINDS, "country"):
        return False
    if proposal.cue == "organisation list":
        return proposal.start <= start and end <= proposal.end and end - start < proposal.end - proposal.start
    return proposal.kind in _BODY_KINDS and start == proposal.start and end < proposal.end


def _holds_listed_body(text: str, proposal: Proposal, listed: Proposal) -> bool:
    """A body named by its organisation word around a listed body's name: 欧盟理事会 holds 欧盟 (EU), and is another body."""
    return (
        proposal.cue == "organisation word"
        and proposal.kind in _BODY_KINDS
        and listed.cue == "organisation list"
        and listed.kind in _BODY_KINDS
        and proposal.start <= listed.start
        and listed.end <= proposal.end
        and listed.end - listed.start < proposal.end - proposal.start
        and not _LISTED_FOR.fullmatch(text[listed.end : proposal.end])
    )


# «الاتحاد الأوروبي للذكاء»: one definite complement after a listed body says what it acts on, not another body.
_LISTED_FOR = re.compile(r"\s+لل[\u0621-\u064a]+")


def inside(proposals: list[Proposal], start: int, end: int) -> bool:
    """Whether the known name at [start, end) is part of a proposed body's name."""
    return any(proposal.start <= start and end <= proposal.end for proposal in proposals)


# ---------------------------------------------------------------------------------------------
# English: capitalised runs, split at role words, typed by organisation words
# ---------------------------------------------------------------------------------------------

# An abbreviation with its stops ("U.S. Steel") is a word of a name when a capitalised word follows it.
_CAPITALISED = r"(?:(?:[A-Z]\.){2,}(?=\s+[A-Z])|[A-Z][\w&'’.-]*[\w]|[A-Z])"
# Lower-case words that may sit inside a name: "Bureau of Industry and Security", "Mohammed bin Salman".
_INSIDE = ("of", "and", "for", "the", "de", "bin", "al", "van", "von", "der")
# Particles of a person's name in the languages the press quotes: "Lula da Silva", "Mohammed bin Salman".
_PARTICLES = (
    "da",
    "das",
    "do",
    "dos",
    "de",
    "del",
    "della",
    "di",
    "du",
    "bin",
    "bint",
    "ibn",
    "al",
    "van",
    "von",
    "der",
    "le",
    "la",
)
# Every lower-case word a name may hold, made once: the checks below run for each capitalised run.
_NAME_WORDS = tuple(dict.fromkeys(_INSIDE + _PARTICLES))
_NAME_WORD_SET = frozenset(_NAME_WORDS)
_RUN = re.compile(rf"(?<![\w-]){_CAPITALISED}(?:\s+(?:(?:{'|'.join(_NAME_WORDS)})\s+)*{_CAPITALISED})*")
_POSSESSIVE_ENDINGS = ("'s", "’s")
# A single capitalised word is a name only when its shape says so (TSMC, GlobalFoundries) or a verb of
# saying or doing follows it ("Google said": `name_verbs` in loaders/rules/en.yaml).
_ACRONYM = re.compile(r"[A-Z]{3,6}")
# ", the quantitative hedge fund", ", its chief executive": what a name just before is.
_APPOSITIVE = re.compile(r",\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}")


def _appositive_kind(text: str, last: int, cues: _Cues) -> str | None:
    """The kind of the role word in an appositive right after a lone name: "High-Flyer, the hedge fund"."""
    match = _APPOSITIVE.match(text, last)
    if not match:
        return None
    words = [match.start() + found.start() for found in re.finditer(r"(?<=\s)[\w-]", match.group())]
    lowered = matchable(text[match.start() : match.end() + 60], "en")
    for position in (*words, match.end()):
        role = cues.roles.match(lowered, position - match.start())
        if role:
            return cues.kinds.get(" ".join(role.group("role").split()), "person")
    return None


_TITLE_AFTER = re.compile(r"\s+[A-Z]")  # "by Commerce Secretary Gina Raimondo": the word opens a title
_CAMEL = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]+")


def _english(text: str, start: int, end: int) -> list[Proposal]:
    cues = _cues("en")
    proposals = []
    role_ends = {
        start + last: cues.kinds.get(role, "person") for last, role in _english_roles(matchable(text[start:end], "en"))
    }
    for match in _RUN.finditer(text, start, end):
        for piece, after_capital_role in _pieces(text, match, cues):
            proposal = _english_proposal(text, piece, after_capital_role, role_ends, cues, sentence_start=start)
            if proposal:
                proposals.append(proposal)
    return proposals


def _english_roles(lowered: str) -> list[tuple[int, str]]:
    """(end, role word) of what cues.roles finds in lower-cased English, leftmost and longest first.

    An alternation of some 200 role words tries, at each word start, every one with that first
    letter in turn; an Aho-Corasick automaton finds them all in one pass.
    """
    if _IRREGULAR_SPACE.search(lowered):
        # The automaton holds role words with single spaces; the alternation allows any run of them.
        return [(match.end(), " ".join(match.group("role").split())) for match in _cues("en").roles.finditer(lowered)]
    longest: dict[int, int] = {}
    for first, stop, _ in _role_automaton("en").find(lowered):
        size = stop - first
        if (first and _ROLE_JOINED_BEFORE.match(lowered, first - 1)) or _WORD_CHARACTER.match(lowered, stop):
            continue  # inside a longer word: the alternation's look-behind and look-ahead
        longest[first] = max(size, longest.get(first, 0))
    found, resume = [], 0
    for first in sorted(longest):
        if first >= resume:
            resume = first + longest[first]
            found.append((resume, lowered[first:resume]))
    return found


@cache
def _role_automaton(language: str):
    """Every role word of a language, each found with its length, in one pass over a text."""
    return WordAutomaton(_cues(language).kinds)


_IRREGULAR_SPACE = re.compile(r"[^\S ]| {2,}")
_ROLE_JOINED_BEFORE = re.compile(r"[\w.]")
_WORD_CHARACTER = re.compile(r"\w")


_NON_SPACE = re.compile(r"\S+")


def _pieces(text: str, match: re.Match, cues: _Cues) -> list[tuple[list[tuple[int, int]], bool]]:
    """A capitalised run split into names: at role words ("Nvidia CEO Jensen Huang" -> "Nvidia",
    "Jensen Huang"), at "and" between two names, and after a possessive ("Trump's")."""
    offset = match.start()
    pieces, current, after_role = [], [], False
    for found in _NON_SPACE.finditer(match.group()):
        first, last = offset + found.start(), offset + found.end()
        word = found.group().rstrip(".,")
        if (
            word == "and"
            and (
                text.startswith(" the ", last)
                # "Nippon Steel and U.S. Steel": a company word just before "and" closes a company's name.
                or (current and cues.suffixes.get(text[current[-1][0] : current[-1][1]].casefold()) == "company")
                or not any(text[a:b].casefold() in cues.suffixes for a, b in current)
            )
        ):
            # "Gina Raimondo and the Bureau": two names; "Bureau of Industry and Security": one.
            if current:
                pieces.append((current, after_role))
            current, after_role = [], False
            continue
        folded = word.casefold()
        if folded in cues.kinds or (not current and folded in cues.not_names):
            if current:
                pieces.append((current, after_role))
            current, after_role = [], folded in cues.kinds
            continue
        if word.endswith(_POSSESSIVE_ENDINGS):
            current.append((first, last - 2))
            pieces.append((current, after_role))
            current, after_role = [], False
            continue
        current.append((first, last))
    if current:
        pieces.append((current, after_role))
    return pieces


def _english_proposal(text, piece, after_capital_role, role_ends, cues, sentence_start) -> Proposal | None:
    while piece and text[piece[-1][0] : piece[-1][1]].casefold() in _NAME_WORD_SET:
        piece = piece[:-1]
    if piece and after_capital_role and text[piece[0][0] : piece[0][1]] in ("of", "for") and len(piece) >= 4:
        piece = piece[-2:]  # "Minister of Economic Affairs Vincent Karremans": the portfolio, then the name
    while piece and text[piece[0][0] : piece[0][1]].casefold() in _NAME_WORD_SET:
        piece = piece[1:]
    if not piece:
        return None
    first, last = piece[0][0], piece[-1][1]
    names = [text[a:b].rstrip(".,’'") for a, b in piece]
    suffix_kind = next(filter(None, map(cues.suffixes.get, map(str.casefold, names))), None)
    # "CEO Jensen Huang" names a person; "hedge fund High-Flyer" a company. Role words end in reading order.
    role_kind = next((role_ends[end] for end in (first - 2, first - 1, first) if end in role_ends), None)
    after_role = after_capital_role or role_kind is not None
    if all(name in MONTHS_AND_DAYS for name in names) or cues.not_actors.search(text, first, last):
        return None
    if " ".join(names).casefold() in cues.kinds:
        return None  # a title of several words ("Supreme Leader") before another title or the name
    if suffix_kind:
        return Proposal(first, last, suffix_kind, "organisation word")
    if after_role:
        return Proposal(first, last, role_kind or "person", "role word")
    if len(names) >= 2 and all(name[:1].isupper() for name in names if name not in _NAME_WORD_SET):
        capitals = [name for name in names if name[:1].isupper()]
        # "Luiz Inácio Lula da Silva": particles make a longer run one person's name.
        person = len(capitals) <= 3 or (len(capitals) <= 4 and any(name in _PARTICLES for name in names))
        return Proposal(first, last, "person" if person else DEFAULT_ORGANISATION, "capitalised name")
    single = names[0]
    if len(names) == 1 and single.casefold() not in cues.not_names and first > sentence_start:
        dateline = re.match(r"\s*[—–,-]", text[last : last + 3])  # "THE HAGUE —", "BEIJING, April 5"
        if (_ACRONYM.fullmatch(single) and not dateline) or _CAMEL.fullmatch(single):
            return Proposal(first, last, "company", "capitalised name")
        agent = cues.name_agents.search(text[max(0, first - 12) : first]) and not _TITLE_AFTER.match(text, last)
        if cues.name_verbs.match(text, last) or agent:
            return Proposal(first, last, DEFAULT_ORGANISATION, "capitalised name")
        appositive = _appositive_kind(text, last, cues)
        if appositive:
            return Proposal(first, last, appositive, "role word")
    return None


# ---------------------------------------------------------------------------------------------
# Arabic: a role word, then the name (adjectives with ال skipped); a body word starts a body's name
# ---------------------------------------------------------------------------------------------

_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
# Definite words that end a name: dates, relative clauses, "affiliated", "new".
_DEFINITE_STOPS = {
    "اليوم", "الاسبوع", "الشهر", "العام", "الماضي", "الماضيه", "المقبل", "المقبله", "الجاري", "الحالي", "السابق",
    "الجديد", "الجديده", "التابعه", "التابع", "الذي", "التي", "الذين", "اللذين", "اللتين", "الي", "الا", "الان",
}  # fmt: skip
_LINEAGE = {"بن", "بنت", "ابن"}  # "son of", "daughter of" inside a name
# Particles of European names as Arabic writes them («أورسولا فون دير لاين», «لويس دا سيلفا»): inside a
# name they do not count among its words, and the name runs on to the family name after them.
_NAME_PARTICLES = {"فون", "فان", "دير", "دي", "دا", "ديل", "دو"}
_ARABIC_STOPS = {
    "قال", "قالت", "ان", "انه", "الذي", "التي", "في", "من", "الي", "علي", "عن", "مع", "الا", "او", "و", "ثم",
    "احدي", "احد", "كبري", "اكبر", "عدد", "بعض", "جميع", "كل", "هذه", "هذا", "تلك", "ذلك",
    # particles before a verb («قيس سعيد قد نشر»), never part of a name
    "قد", "لقد", "سوف", "لم", "لن",
}  # fmt: skip
# Adjectives of a role that come between it and the name («الرئيس الإيراني الجديد مسعود بزشكيان»).
_ROLE_ADJECTIVES = {"الجديد", "الجديده", "السابق", "السابقه", "الحالي", "الحاليه", "المنتخب", "المنتخبه"}
# First words of a compound first name whose second word carries ال («عبد الفتاح», «أبو الغيط»).
_COMPOUND_FIRST = {"عبد", "ابو"}


def _ends_arabic_name(word: str, cues: _Cues) -> bool:
    """A word that cannot continue a person's name: a stop word, a definite noun, another role word («بوزير»)."""
    if word in _ARABIC_STOPS or word in cues.not_names or word.startswith("ال"):
        return True
    return any(word.removeprefix(prefix) in cues.first_words for prefix in ("", "و", "ب", "ل", "وب", "ول"))


def _arabic_roles(text: str, start: int, end: int) -> list[re.Match]:
    """What cues.roles.finditer(text, start, end) yields in Arabic.

    The alternation of role words is tried at every word start; an Aho-Corasick pass finds where a
    role word stands, and the alternation is tried only at the start of those words (a role follows
    at most four attached letters: وبال).
    """
    roles = _cues("ar").roles
    if _IRREGULAR_SPACE.search(text, start, end):
        return list(roles.finditer(text, start, end))
    starts = set()
    for position, _, _ in _role_automaton("ar").find(text, start, end):
        first = position
        while first > start and position - first <= ARABIC_ATTACHED and _WORD_CHARACTER.match(text, first - 1):
            first -= 1
        if position - first <= ARABIC_ATTACHED:
            starts.add(first)
    found, resume = [], start
    for first in sorted(starts):
        if first >= resume and (match := roles.match(text, first, end)):
            found.append(match)
            resume = max(match.end(), first + 1)
    return found


ARABIC_ATTACHED = 4  # letters a role word may carry in front: و or ف, then ب or ل, then ال


def _arabic(text: str, start: int, end: int) -> list[Proposal]:
    cues = _cues("ar")
    proposals = []
    for match in _arabic_roles(text, start, end):
        role = " ".join(match.group("role").split())
        kind = cues.kinds[role]
        if kind == "person":
            appositive = _arabic_appositive(text, start, match.start(), cues)
            if appositive:
                proposals.append(appositive)
        words = []
        for word in _ARABIC_WORD.finditer(text, match.end(), min(end, match.end() + 80)):
            gap = text[(words[-1].end() if words else match.end()) : word.start()]
            if gap.strip(" \"'"):
                break  # punctuation ends the name; quotes around it («شركة "هيوماين"») do not
            words.append(word)
        if kind == "person":
            # «الرئيس الصيني شي جين بينغ»: adjectives with ال come first; the name is the next 1-3 words.
            sheikh = role == "الشيخ"
            while (
                words
                and words[0].group().startswith("ال")
                and (words[0].group() not in _DEFINITE_STOPS or words[0].group() in _ROLE_ADJECTIVES)
            ):
                sheikh = sheikh or words[0].group() == "الشيخ"
                words.pop(0)
            if words and cues.kinds.get(words[0].group()) in ("government_body", "organisation"):
                # «رئيس مجلس الدولة لي تشيانغ»: the body the person heads, then the name.
                words.pop(0)
                while words and words[0].group().startswith(("ال", "لل")):
                    words.pop(0)
            if role.endswith("شركه"):
                words = words[1:]  # the company's one-word name, then the person
            name = _arabic_person(words, cues, sheikh)
            while name and (name[-1].group() == "ال" or name[-1].group() in _NAME_PARTICLES):
                name.pop()
            if name:
                proposals.append(Proposal(name[0].start(), name[-1].end(), "person", "role word"))
        elif kind == "company":
            if match.group("article") or match.group("article2"):
                continue  # «الشركة» with the article is "the company" already named, not a name to come
            name = []
            for word in words[:2]:
                if _ends_arabic_name(word.group(), cues):
                    break
                name.append(word)
            quoted = _QUOTED.match(text, match.end()) if words else None
            if quoted and quoted.end(1) <= end:
                # «شركتي "بي في إتش"»: quotes hold the whole name, stop words and all.
                name = [word for word in words if word.end() <= quoted.end(1)]
            if name:
                proposals.append(Proposal(name[0].start(), name[-1].end(), kind, "organisation word"))
                # «شركتا "بيوتك" و"سايكارير"»: a quoted name joined to a quoted name is a second company.
                joined = _QUOTED_AFTER.match(text, name[-1].end())
                if joined and joined.end(1) <= end:
                    proposals.append(Proposal(joined.start(1), joined.end(1), kind, "organisation word"))
        else:
            # «وزارة التجارة الأمريكية», «إدارة الدولة لتنظيم السوق», «وزارة الاقتصاد والتجارة والصناعة».
            name = []
            for word in words[:5]:
                text_word = word.group()
                if text_word in _DEFINITE_STOPS or text_word in _ARABIC_STOPS:
                    break
                if not re.match(r"(?:ال|لل|وال|ل..)", text_word):
                    break
                if text_word.startswith("وال") and (
                    text_word[3:] in cues.first_words or text_word[3:] in cues.bare_words
                ):
                    break  # «وزارة التجارة والإدارة العامة للجمارك»: a second body starts
                if name and name[-1].group().startswith("لل"):
                    break  # «الإدارة العامة للجمارك»: a definite complement ends the name
                if cues.kinds.get(text_word) == "person" or text_word in cues.first_words:
                    break  # «إدارة الرئيس»: the administration of a person, named by the term rules
                name.append(word)
            if name:
                article = "article" if match.group("article") else "article2" if match.group("article2") else None
                first = match.start(article) if article else match.start("role")
                proposals.append(Proposal(first, name[-1].end(), kind, "organisation word"))
    return proposals


def _arabic_person(words: list[re.Match], cues: _Cues, sheikh: bool) -> list[re.Match]:
    """The words of a person's name at the start of `words` (after the role word and its adjectives).

    A name has up to three words besides particles and the halves of compounds; one with a line of
    descent (بن, ابن) runs to five, and so does a name after «الشيخ», whose family names carry ال one
    after another («الشيخ مشعل الأحمد الجابر الصباح»).
    """
    name, compound = [], 0
    for index, word in enumerate(words[:8]):
        text_word = word.group()
        if name and name[-1].group() == "ال":
            name.append(word)  # «آل مكتوم»: the family, written apart, ends the name
            break
        lineage = any(earlier.group() in _LINEAGE for earlier in name[1:])
        if len(name) - compound == (5 if lineage or sheikh else 3):
            break
        if text_word == "ال" and name:
            name.append(word)
            continue
        if name and text_word in _NAME_PARTICLES:
            name.append(word)
            compound += 1
            continue
        if name and name[-1].group() in _COMPOUND_FIRST and text_word.startswith("ال"):
            name.append(word)  # «عبد الفتاح السيسي»: the second half of a compound, not the family name
            compound += 1
            continue
        definite = text_word.startswith("ال") and text_word not in _DEFINITE_STOPS
        # «أحمد الشرع»: a family name may carry ال, after a first name or a line of descent; after two
        # words, a family name of origin in ي («محمد شياع السوداني»), as an adjective after a name is rare.
        family = definite and (
            len(name) - compound == 1
            or (lineage and len(name) >= 3)
            or (len(name) - compound == 2 and text_word.endswith("ي") and text_word not in cues.not_names)
            or (sheikh and name and name[-1].group().startswith("ال"))
        )
        if not family and _ends_arabic_name(text_word, cues):
            break
        if len(name) >= 2 and text_word.endswith("ه") and "الله" not in text_word:
            break  # «أولف كريسترسون وثيقة»: a later word in ة is a noun after the name, not part of it
        name.append(word)
        if family:
            following = words[index + 1].group() if index + 1 < len(words) else ""
            if following in _LINEAGE:
                continue  # «عبد الله الثاني ابن الحسين»: the line of descent goes on
            if sheikh and following.startswith("ال") and following not in _DEFINITE_STOPS:
                continue
            break
    return name


_QUOTED = re.compile(r'\s*["“«]([\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,3})["”»]')
_QUOTED_AFTER = re.compile(r'["”»]\s*و\s*["“«]([\u0621-\u064a]+(?:\s+[\u0621-\u064a]+){0,2})["”»]')
_APPOSITION = re.compile(r"([\u0621-\u064a]+)\s+([\u0621-\u064a]+)\s*،\s*[وف]?$")


def _arabic_appositive(text: str, start: int, role_start: int, cues: _Cues) -> Proposal | None:
    """Two words before «، رئيس ...» name the person the role describes: «كينت ووكر، رئيس الشؤون العالمية»."""
    match = _APPOSITION.search(text, max(start, role_start - 40), role_start)
    if not match or (match.start() > start and text[match.start() - 1].isalnum()):
        return None
    words = [match.group(1), match.group(2)]
    if any(_ends_arabic_name(word, cues) or word in _DEFINITE_STOPS for word in words):
        return None
    return Proposal(match.start(1), match.end(2), "person", "role word")


# ---------------------------------------------------------------------------------------------
# Chinese: a role word then a two- or three-character name; Han characters before a body word
# ---------------------------------------------------------------------------------------------


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def _chinese(text: str, start: int, end: int) -> list[Proposal]:
    cues = _cues("zh")
    proposals = _transliterated(text, start, end, cues)  # before role words: 首相鲍里斯 is not the whole name
    for match in cues.roles.finditer(text, start, end):
        position = match.end()
        length = 0
        while length < MAX_CHINESE_NAME + 1 and position + length < end:
            character = text[position + length]
            if not _is_han(character) or character in CHINESE_STOPS:
                break
            if text[position + length : position + length + 2] in CHINESE_TIME_WORDS:
                break
            if length >= 2 and cues.roles.match(text, position + length):
                break  # 岸田文雄首相: another title ends the name
            length += 1
        sounds = _sounded_name(text, position, end)
        if sounds <= MAX_CHINESE_NAME and _is_han(text[position : position + 1] or " "):
            # 施泰因迈尔: a name written by sound may open with a character common in Chinese names (施, 默).
            after_first = _sounded_name(text, position + 1, end)
            if after_first >= MAX_CHINESE_NAME and text[position] not in CHINESE_STOPS:
                sounds = 1 + after_first
        if sounds > MAX_CHINESE_NAME:
            length = sounds  # 总理阿尔巴尼斯当晚: a foreign name written by sound runs to its last such character
        elif length > MAX_CHINESE_NAME and position + length < end and _name_goes_on(text, position + length):
            length = MAX_CHINESE_NAME  # four characters and more to come: a name and a word, keep the usual three
        if length >= 2:
            proposals.append(Proposal(position, position + length, "person", "role word"))
    for match in cues.suffix_pattern.finditer(text, start, end):
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        if match.group() == "部" and (
            after in set("分门門长長队隊落位件署") or before in set("全内內外局干幹大各总總本西东東南北中首")
        ):
            continue  # 部分, 全部, 内部, 总部, 首部: not a ministry
        if match.group() == "署" and before in set("签簽部"):
            continue  # 签署, 部署: verbs
        if match.group() in "党黨" and (
            before in set("政该該两兩三四多各本同全对對野入")
            or text[match.end() - 2 : match.end() + 1] in ("执政党", "執政黨", "反对党", "反對黨")
        ):
            continue  # 政党, 该党, 两党, 入党: a party in general, not a named one
        first = match.start()
        while first > start and match.start() - first < MAX_CHINESE_BODY:
            character = text[first - 1]
            if not _is_han(character) or character in CHINESE_STOPS:
                break
            first -= 1
        if match.start() - first >= 2:
            proposals.append(Proposal(first, match.end(), cues.suffixes[match.group()], "organisation word"))
    return proposals


def _sounded_name(text: str, position: int, end: int) -> int:
    """How many characters from `position` are of a foreign name written by sound (transliteration_characters
    in the rules), up to MAX_TRANSLITERATED; a longer run is no name. Such names hold characters that
    are stops elsewhere (尼, 会), so they are read by their own characters."""
    sounds = rules_for("zh").transliteration
    length = 0
    while position + length < end and text[position + length] in sounds:
        length += 1
        if length > MAX_TRANSLITERATED:
            return 0
    return length


def _name_goes_on(text: str, position: int) -> bool:
    """Whether the Han run still continues at `position` (a four-character name ends before a stop: 岸田文雄8月)."""
    character = text[position]
    return (
        _is_han(character)
        and character not in CHINESE_STOPS
        and text[position : position + 2] not in CHINESE_TIME_WORDS
    )


def _transliterated(text: str, start: int, end: int, cues: _Cues) -> list[Proposal]:
    """Foreign persons' names joined by a middle dot, without the title before or the verb after them.

    「英国首相鲍里斯·约翰逊表示」 gives 鲍里斯·约翰逊: a name holds no stop character (和 separates two
    names), starts after the last role word before its first dot and ends before a time word.
    """
    proposals = []
    for match in _TRANSLITERATED.finditer(text, start, end):
        segment_start = match.start()
        for position in range(match.start(), match.end() + 1):
            if position < match.end() and text[position] not in CHINESE_STOPS:
                continue
            proposal = _transliterated_name(text, segment_start, position, cues)
            if proposal:
                proposals.append(proposal)
            segment_start = position + 1
    return proposals


def _transliterated_name(text: str, first: int, last: int, cues: _Cues) -> Proposal | None:
    dots = [position for position in range(first, last) if text[position] in _DOTS]
    if not dots:
        return None
    for role in cues.roles.finditer(text, first, dots[0]):
        first = max(first, role.end())
    for position in range(first, dots[0]):
        if text[position] in _TITLE_ENDS:
            first = position + 1  # 首席隐私官詹妮弗·纽斯特德: a title the role words do not list
    for position in range(dots[-1] + 1, last):
        if text[position : position + 2] in CHINESE_TIME_WORDS:
            last = position
            break
    # 伊万·埃斯皮诺萨接任, 玛丽·西蒙监誓: a last part written by sound ends where its sounds do, when two
    # characters or more of something else follow (约翰逊 keeps 翰逊: one sound, then the rest of the name).
    sounds = _sounded_name(text, dots[-1] + 1, last)
    if sounds >= 2 and last - (dots[-1] + 1 + sounds) >= 2:
        last = dots[-1] + 1 + sounds
    if first < dots[0] and dots[-1] + 1 < last:
        return Proposal(first, last, "person", "transliterated name")
    return None
