"""The category of a dated event, from its trigger: the verb or noun nearest the date in the same clause.

Triggers per category and language are data (loaders/rules/<lang>.yaml). Weak triggers (speech
verbs such as "said", «قال», 「表示」, and words such as "takes effect" that follow the topic noun
rather than name it) only decide when no strong trigger is near: first a strong trigger in the
date's clause, then one within TRIGGER_REACH characters, then a weak one in the clause; with none,
the category is `other`, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.article_clauses import clause_around
from loaders.article_rules import matchable, rules_for

FALLBACK_CATEGORY = "other"
TRIGGER_REACH = 200  # characters either side of the date searched outside its clause


@dataclass(frozen=True)
class Trigger:
    category: str
    start: int
    end: int
    weak: bool = False


def triggers_in(sentence: str, language: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Every trigger word in `sentence[start:end]` (normalized text), with its category."""
    text = matchable(sentence, language)
    return [Trigger(*hit) for hit in rules_for(language).triggers.find(text, start, end)]


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
    found = [trigger for trigger in triggers if not (start <= trigger.start < end)]
    in_clause = [trigger for trigger in found if clause_start <= trigger.start and trigger.end <= clause_end]
    nearby = [trigger for trigger in found if _distance(trigger, start, end) <= TRIGGER_REACH]
    for pool in (in_clause, nearby):
        strong = [trigger for trigger in pool if not trigger.weak]
        if strong:
            return min(strong, key=lambda trigger: _distance(trigger, start, end))
    return min(in_clause, key=lambda trigger: _distance(trigger, start, end)) if in_clause else None


def category_for(sentence: str, language: str, start: int, end: int) -> tuple[str, bool]:
    """(category, whether a trigger supports it) for the date at [start, end) of normalized `sentence`."""
    trigger = event_trigger(sentence, language, start, end)
    return (trigger.category, True) if trigger else (FALLBACK_CATEGORY, False)
