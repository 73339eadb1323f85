"""Which policy threads a new event may belong to, and at which stage: same category and actors, similar wording.

The stage is guessed from words in the event's title and summary, listed per language in
data/thread_stage_words.yaml; when none matches, an event after the thread's publication is
taken as an amendment, and one before it as an announcement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd
import yaml
from rapidfuzz import fuzz

from timeline.paths import DATA_DIR
from timeline.vocabulary import thread_stages

STAGE_WORDS_FILE = DATA_DIR / "thread_stage_words.yaml"
MINIMUM_SCORE = 0.5
# Weights of the three signs that an event continues a thread; they sum to 1.
CATEGORY_WEIGHT, ACTOR_WEIGHT, WORDING_WEIGHT = 0.35, 0.35, 0.3
PER_EVENT = 3  # suggestions kept per event, best first
STARTED_STAGES = ("published", "in_force", "enforced", "amended", "suspended")


@dataclass(frozen=True)
class Suggestion:
    event_id: str
    thread_id: str
    stage: str
    score: float
    reason: str


@cache
def stage_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(stage, words in every language) in the file's order, each stage checked against the vocabulary."""
    document = yaml.safe_load(STAGE_WORDS_FILE.read_text(encoding="utf-8"))
    known = thread_stages()
    return tuple(
        (known.canonical(stage), tuple(word.lower() for words in by_language.values() for word in words))
        for stage, by_language in document.items()
    )


def guess_stage(text: str, thread_stages_before: Iterable[str] = ()) -> str:
    """The stage `text` reads as; without a telling word, amended after publication, else announced."""
    lowered = text.lower()
    for stage, words in stage_words():
        if any(word in lowered for word in words):
            return stage
    return "amended" if set(thread_stages_before) & set(STARTED_STAGES) else "announced"


def suggest(new_events: pd.DataFrame, thread_events: pd.DataFrame) -> list[Suggestion]:
    """Suggestions for `new_events` (the schema's columns) against `thread_events`: one row per linked
    event with thread_id, stage, event_id, title, category, actors, date_start.

    A thread is a candidate when it shares the event's category or one of its actors; it is suggested
    when the weighted score reaches MINIMUM_SCORE.
    """
    if thread_events.empty or new_events.empty:
        return []
    by_actor: dict[str, set[str]] = {}
    by_category: dict[str, set[str]] = {}
    for row in thread_events.itertuples():
        by_category.setdefault(str(row.category), set()).add(row.thread_id)
        for actor in row.actors:
            by_actor.setdefault(actor, set()).add(row.thread_id)
    grouped = {thread_id: group for thread_id, group in thread_events.groupby("thread_id", sort=False)}
    found: list[Suggestion] = []
    for event in new_events.itertuples():
        candidates = set(by_category.get(str(event.category), ()))
        for actor in event.actors:
            candidates |= by_actor.get(actor, set())
        scored = []
        for thread_id in candidates:
            group = grouped[thread_id]
            if event.event_id in set(group["event_id"]):
                continue
            scored.append(_score(event, thread_id, group))
        scored = [suggestion for suggestion in scored if suggestion.score >= MINIMUM_SCORE]
        found += sorted(scored, key=lambda suggestion: -suggestion.score)[:PER_EVENT]
    return found


def _score(event, thread_id: str, group: pd.DataFrame) -> Suggestion:
    same_category = bool((group["category"].astype("str") == str(event.category)).any())
    thread_actors = set().union(*map(set, group["actors"]))
    shared = sorted(set(event.actors) & thread_actors)
    actor_share = len(shared) / len(set(event.actors) | thread_actors) if shared else 0.0
    similarities = [fuzz.token_set_ratio(event.title, title) / 100 for title in group["title"]]
    best = max(range(len(similarities)), key=similarities.__getitem__)
    score = (
        CATEGORY_WEIGHT * same_category + ACTOR_WEIGHT * min(1.0, 2 * actor_share) + WORDING_WEIGHT * similarities[best]
    )
    before = group.loc[group["date_start"] <= event.date_start, "stage"]
    text = f"{event.title} {event.summary if isinstance(event.summary, str) else ''}"
    reasons = []
    if same_category:
        reasons.append("same category")
    if shared:
        reasons.append("shares " + ", ".join(shared))
    reasons.append(f"wording {similarities[best]:.0%} like “{group['title'].iloc[best]}”")
    return Suggestion(event.event_id, thread_id, guess_stage(text, before), round(score, 3), "; ".join(reasons))
