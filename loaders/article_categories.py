"""The category of a dated event, from its trigger: the verb or noun nearest the date in the same clause.

Triggers per category and language are data (loaders/rules/<lang>.yaml). Weak triggers (speech
verbs such as "said", «قال», 「表示」, and words such as "takes effect" that follow the topic noun
rather than name it) only decide when no strong trigger is near: first a strong trigger in the
date's clause, then one within TRIGGER_REACH characters, then a weak one in the clause; with none,
the category is `other`, never a guess.

Three readings of the sentence refine this. A topic word names what an event is about (a tariff, an
accord, a law, investors): when its clause holds a strong trigger that tells what was done ("ruled
against the tariffs", "pulled out of the accord", 「被调查人员拘捕」), the topic gives way to it, however
near the date it lies. A trigger in the setting of the event ("at a summit", "at the request of
prosecutors", «على هامش القمة», 「在会议上」) says where or why, not what: it decides only when nothing
else does. And a speech verb next to the date whose content is still to come ("said on
Friday that it would appeal", 「同日称将上诉」) makes the event the statement, not the content, unless
the content is a measure the speaker takes by announcing it ("said it would require licences").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from loaders.article_clauses import clause_around, clause_of
from loaders.article_rules import matchable, rules_for

FALLBACK_CATEGORY = "other"
# Gatherings host what is discussed or signed there: a topic beside one ("the declaration of the
# summit", "an investment forum") does not give way to it.
GATHERINGS = frozenset(["meeting", "summit", "conference", "trade_show"])
TRIGGER_REACH = 200  # characters either side of the date searched outside its clause
SETTING_WORDS = 4  # words between a setting's first word and its trigger ("at the request of U.S. prosecutors")
SETTING_CHARACTERS = 12  # Han characters between 在 and the trigger in 「在…会议上」
# Measures a government takes by announcing them: "said it would require licences" is the control itself.
MEASURES = frozenset(["export_control", "tariff", "sanction", "entity_listing", "legislation"])
# What a speaker makes public by speaking: results or figures announced are the publication itself.
ANNOUNCED = MEASURES | {"report_publication"}
# What a speaker decides alone: announcing that one will resign or invest is the decision itself, while
# talks or an accord announced still need the other party ("announced it would hold talks" is a statement).
DECIDED_ALONE = frozenset(["appointment", "investment"])
# Characters between a weak verb and the topic it acts on ("approved a resolution", «وافق على رفع العقوبات»).
ENACTED_REACH = {"zh": 8}  # 25 elsewhere: a Chinese verb stands right before its object
SPEECH_REACH = {"zh": 12}  # characters between a date and the speech verb it dates; 40 elsewhere
_CLAUSE_MARK = re.compile(r"[,;:،؛，；：。（）()“”\"]")


@dataclass(frozen=True)
class Trigger:
    category: str
    start: int
    end: int
    weak: bool = False
    topic: bool = False  # names what an event is about ("tariffs", "accord"), not what was done
    setting: bool = False  # in the setting of an event: "at a summit", 「在会议上」


def triggers_in(sentence: str, language: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every trigger word in `sentence[start:end]` (normalized text), with its category."""
    text = matchable(sentence, language)
    rules = rules_for(language)
    found = [Trigger(*hit) for hit in rules.triggers.find(text, start, end)]
    window = (max(0, start - 60), len(sentence) if end is None else end)
    if len(found) < 2 or rules.setting_before is None or not rules.setting_before.search(sentence, *window):
        return found  # a setting matters only beside another trigger, and needs its opening word
    return [replace(trigger, setting=True) if in_setting(sentence, trigger, rules) else trigger for trigger in found]


def _distance(trigger: Trigger, start: int, end: int) -> int:
    if trigger.end <= start:
        return start - trigger.end
    if trigger.start >= end:
        return trigger.start - end
    return 0


def event_trigger(
    sentence: str, language: str, start: int, end: int, triggers: list[Trigger] | None = None
) -> Trigger | None:
    """The trigger that says what happened at the date [start, end) of normalized `sentence`.

    `triggers` are the sentence's triggers when the caller already has them (one scan per sentence).
    """
    clause_start, clause_end = clause_around(sentence, start, end)
    triggers = triggers_in(sentence, language) if triggers is None else triggers
    rules = rules_for(language)
    found = [trigger for trigger in triggers if not (start <= trigger.start < end)]
    found = _without_yielding_topics(sentence, found, rules)
    settings = {trigger for trigger in found if trigger.setting}
    in_clause = [trigger for trigger in found if clause_start <= trigger.start and trigger.end <= clause_end]
    # A deed no category describes ("pulled out of", 「公投」) speaks for its own clause only.
    nearby = [
        trigger
        for trigger in found
        if _distance(trigger, start, end) <= TRIGGER_REACH and trigger.category != FALLBACK_CATEGORY
    ]

    def nearest(pool):
        return min(pool, key=lambda trigger: _distance(trigger, start, end)) if pool else None

    def or_its_speech(strong: Trigger) -> Trigger:
        # A speech verb the date belongs to takes the place of the strong trigger it reports.
        return (
            _governing_speech(sentence, rules, start, end, strong, found)
            or _reported_speech(sentence, rules, start, end, strong, found)
            or strong
        )

    strong = nearest([trigger for trigger in in_clause if not trigger.weak and trigger not in settings])
    if strong:
        return or_its_speech(strong)
    weak = nearest([trigger for trigger in in_clause if trigger not in settings])
    if weak and settings.intersection(in_clause):
        return weak  # the clause tells an event in its setting: its own verb, not a neighbour's, says which
    strong = nearest([trigger for trigger in nearby if not trigger.weak and trigger not in settings])
    if strong:
        return or_its_speech(strong)
    setting_nearby = [trigger for trigger in settings if not trigger.weak and trigger in nearby]
    return weak or nearest(settings.intersection(in_clause)) or nearest(setting_nearby)


def _without_yielding_topics(sentence: str, triggers: list[Trigger], rules) -> list[Trigger]:
    """The triggers without the topic words whose clause holds a strong trigger of what was done.

    "A WTO panel ruled against US tariffs on Monday": the ruling is the event, whichever word is
    nearer the date. A setting ("at a summit on tariffs") or a gathering tells no deed, so a topic
    stays beside it; a deed that describes a noun (`deed_modifiers`: 「面向中国市场推出的芯片」,
    「被扣押人员」) is read as a topic itself.
    """
    modifiers = rules.deed_modifiers
    topics = {
        trigger
        for trigger in triggers
        if (trigger.topic and not _enacted(sentence, trigger, triggers, rules.language))
        or (modifiers and not trigger.weak and modifiers.match(sentence, trigger.end))
    }
    if not topics:
        return triggers
    deeds = {
        clause_of(sentence, trigger.start)
        for trigger in triggers
        if not (trigger.weak or trigger.setting or trigger in topics or trigger.category in GATHERINGS)
    }
    if not deeds:
        return triggers
    return [trigger for trigger in triggers if not (trigger in topics and clause_of(sentence, trigger.start) in deeds)]


def _enacted(sentence: str, topic: Trigger, triggers: list[Trigger], language: str) -> bool:
    """Whether a weak verb right before the topic acts on it: "approved the merger", «وافق على رفع
    العقوبات», 「批准…收购」. The topic is then what was done, and keeps its place beside other deeds."""
    for trigger in triggers:
        if trigger.weak and trigger.category != "statement" and trigger.end <= topic.start:
            between = sentence[trigger.end : topic.start]
            if len(between) <= ENACTED_REACH.get(language, 25) and not _CLAUSE_MARK.search(between):
                return True
    return False


def in_setting(sentence: str, trigger: Trigger, rules) -> bool:
    """Whether the trigger names the setting of an event: "at a summit", «خلال زيارة», 「在…会议上」."""
    if rules.setting_before is None:
        return False
    if rules.language == "zh":
        if rules.setting_after is None:
            return False
        after = _clause_part(sentence, trigger.end, min(len(sentence), trigger.end + 3))
        if not any(rules.setting_after.match(sentence, trigger.end + offset) for offset in range(len(after))):
            return False
        window = max(0, trigger.start - SETTING_CHARACTERS)
        return bool(rules.setting_before.search(_clause_tail(sentence, window, trigger.start)))
    window = max(0, trigger.start - 60)
    before = _clause_tail(sentence, window, trigger.start)
    openings = list(rules.setting_before.finditer(before))
    return bool(openings) and len(before[openings[-1].end() :].split()) <= SETTING_WORDS


def _clause_tail(sentence: str, first: int, last: int) -> str:
    """sentence[first:last] after its last clause mark."""
    part = sentence[first:last]
    marks = list(_CLAUSE_MARK.finditer(part))
    return part[marks[-1].end() :] if marks else part


def _clause_part(sentence: str, first: int, last: int) -> str:
    """sentence[first:last] up to its first clause mark."""
    mark = _CLAUSE_MARK.search(sentence, first, last)
    return sentence[first : mark.start() if mark else last]


def _governing_speech(
    sentence: str, rules, start: int, end: int, chosen: Trigger, found: list[Trigger]
) -> Trigger | None:
    """The speech verb right beside the date, which the date then dates: "said on Saturday that Iran had
    agreed", 「肖恩当天表示」. What it reports, past or to come, happened at another time. A measure or
    figures made public by speaking, and whatever a verb of announcing tells ("announced on Friday an
    investigation", 「13日宣布…发起调查」), are taken by the announcement, and stay the event.
    """
    if chosen.category in ANNOUNCED:
        return None
    for trigger in found:
        if not (trigger.weak and trigger.category == "statement"):
            continue
        beside = (trigger.end <= start and not sentence[trigger.end : start].strip()) or (
            trigger.start >= end and not sentence[end : trigger.start].strip()
        )
        if beside and not (
            rules.announcing and rules.announcing.match(matchable(sentence, rules.language), trigger.start)
        ):
            return trigger
    return None


def _reported_speech(sentence, rules, start: int, end: int, chosen: Trigger, found: list[Trigger]) -> Trigger | None:
    """The speech verb the date belongs to when the chosen trigger is what a speaker says is still to come.

    "The company said on Friday it would appeal": the appeal is not what happened on Friday. A measure
    announced ("said it would require licences") is taken by the announcement, and stays the event.
    """
    if rules.reported_future is None or chosen.category in MEASURES:
        return None
    reach = SPEECH_REACH.get(rules.language, 40)
    speech = [trigger for trigger in found if trigger.weak and trigger.category == "statement"]
    speech = [trigger for trigger in speech if _distance(trigger, start, end) <= reach]
    if not speech:
        return None
    verb = min(speech, key=lambda trigger: _distance(trigger, start, end))
    if (
        chosen.category in DECIDED_ALONE
        and rules.announcing
        and rules.announcing.match(matchable(sentence, rules.language), verb.start)
    ):
        return None  # "announced it would resign", 「宣布，将辞去」: the announcement is the decision
    if verb.end <= start and rules.reported_future.search(sentence, verb.end, start):
        return None  # "said the commanders would meet on Tuesday": the date is inside what was said
    # Date, verb, then what was said; or verb, date, and what was said before the verb or after the date.
    beyond = chosen.start >= verb.end if end <= verb.start else chosen.end <= verb.start or chosen.start >= end
    if not beyond:
        return None
    said = (verb.end, chosen.start) if chosen.start >= verb.end else (max(0, chosen.start - 40), verb.start)
    return verb if rules.reported_future.search(sentence, *said) else None


def category_for(sentence: str, language: str, start: int, end: int) -> tuple[str, bool]:
    """(category, whether a trigger supports it) for the date at [start, end) of normalized `sentence`."""
    trigger = event_trigger(sentence, language, start, end)
    return (trigger.category, True) if trigger else (FALLBACK_CATEGORY, False)
