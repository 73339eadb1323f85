"""Which policy threads a new event may belong to, and at which stage: same category and actors, similar wording.

The stage is guessed from words in the event's title and summary, listed per language in
data/thread_stage_words.yaml; when none matches, an event after the thread's publication is
taken as an amendment, and one before it as an announcement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain

import numpy as np
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
    for stage, pattern in _stage_patterns():
        if pattern.search(lowered):
            return stage
    return "amended" if set(thread_stages_before) & set(STARTED_STAGES) else "announced"


@cache
def _stage_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    # One alternation per stage, searched in C: a Python test per word cost most of a large import's scoring.
    return tuple((stage, re.compile("|".join(map(re.escape, words)))) for stage, words in stage_words())


@dataclass(frozen=True)
class _Profile:
    """What a thread's linked events share, in plain Python: scoring runs per new event and thread."""

    categories: frozenset[str]
    actors: frozenset[str]
    event_ids: frozenset[str]
    titles: tuple[str, ...]
    dated_stages: tuple[tuple[object, str], ...]  # (date_start, stage)


def suggest(new_events: pd.DataFrame, thread_events: pd.DataFrame) -> list[Suggestion]:
    """Suggestions for `new_events` (the schema's columns) against `thread_events`: one row per linked
    event with thread_id, stage, event_id, title, category, actors, date_start.

    A thread is a candidate when it shares the event's category or one of its actors; it is suggested
    when the weighted score reaches MINIMUM_SCORE.
    """
    if thread_events.empty or new_events.empty:
        return []
    index = thread_index(thread_events)
    return _suggest_rows(new_events.itertuples(), index, index.by_category)


@dataclass(frozen=True)
class ThreadIndex:
    """The threads' profiles with the threads of each actor and category: built once for a whole import."""

    profiles: dict[str, _Profile]
    by_actor: dict[str, set[str]]
    by_category: dict[str, set[str]]


def thread_index(thread_events: pd.DataFrame) -> ThreadIndex:
    """Index `thread_events` (one row per linked event, as `suggest` takes them) by actor and by category."""
    profiles = _profiles(thread_events)
    by_actor: dict[str, set[str]] = {}
    by_category: dict[str, set[str]] = {}
    for thread_id, profile in profiles.items():
        for category in profile.categories:
            by_category.setdefault(category, set()).add(thread_id)
        for actor in profile.actors:
            by_actor.setdefault(actor, set()).add(thread_id)
    return ThreadIndex(profiles, by_actor, by_category)


def suggest_by_actor(new_events: pd.DataFrame, index: ThreadIndex) -> list[Suggestion]:
    """Suggestions for a large batch, against the threads sharing an actor with each event only.

    The events naming no thread's actor are set aside in one pass over the flattened actor lists, so a
    chunk of a million-row import costs a set lookup per name; only the few left are scored.
    """
    if new_events.empty or not index.by_actor:
        return []
    actors = new_events["actors"].tolist()
    lengths = np.fromiter(map(len, actors), dtype=np.int64, count=len(actors))
    names = pd.Series(list(chain.from_iterable(actors)), dtype=object)
    known = names.isin(list(index.by_actor)).to_numpy()
    rows = np.unique(np.repeat(np.arange(len(actors)), lengths)[known])
    if not len(rows):
        return []
    # Plain Python values first: iterating Arrow-backed text columns row by row is slow.
    chosen = new_events.iloc[rows][["event_id", "title", "summary", "category", "actors", "date_start"]]
    return _suggest_rows(chosen.astype(object).itertuples(), index, {})


def _suggest_rows(events: Iterable, index: ThreadIndex, by_category: dict[str, set[str]]) -> list[Suggestion]:
    profiles, by_actor = index.profiles, index.by_actor
    found: list[Suggestion] = []
    for event in events:
        candidates = set(by_category.get(str(event.category), ()))
        for actor in event.actors:
            candidates |= by_actor.get(actor, set())
        scored = [
            _score(event, thread_id, profiles[thread_id])
            for thread_id in candidates
            if event.event_id not in profiles[thread_id].event_ids
        ]
        scored = [suggestion for suggestion in scored if suggestion is not None]
        found += sorted(scored, key=lambda suggestion: -suggestion.score)[:PER_EVENT]
    return found


def _profiles(thread_events: pd.DataFrame) -> dict[str, _Profile]:
    grouped: dict[str, list] = {}
    for row in thread_events.itertuples():
        grouped.setdefault(row.thread_id, []).append(row)
    return {
        thread_id: _Profile(
            categories=frozenset(str(row.category) for row in rows),
            actors=frozenset(actor for row in rows for actor in row.actors),
            event_ids=frozenset(row.event_id for row in rows),
            titles=tuple(row.title for row in rows),
            dated_stages=tuple((pd.Timestamp(row.date_start), row.stage) for row in rows),
        )
        for thread_id, rows in grouped.items()
    }


def _score(event, thread_id: str, profile: _Profile) -> Suggestion | None:
    """The suggestion of `thread_id` for `event`, or None below MINIMUM_SCORE (its stage and reason never built)."""
    same_category = str(event.category) in profile.categories
    shared = sorted(set(event.actors) & profile.actors)
    actor_share = len(shared) / len(set(event.actors) | profile.actors) if shared else 0.0
    similarities = [fuzz.token_set_ratio(event.title, title) / 100 for title in profile.titles]
    best = max(range(len(similarities)), key=similarities.__getitem__)
    score = (
        CATEGORY_WEIGHT * same_category + ACTOR_WEIGHT * min(1.0, 2 * actor_share) + WORDING_WEIGHT * similarities[best]
    )
    if score < MINIMUM_SCORE:
        return None
    day = pd.Timestamp(event.date_start)
    before = [stage for started, stage in profile.dated_stages if started <= day]
    text = f"{event.title} {event.summary if isinstance(event.summary, str) else ''}"
    reasons = []
    if same_category:
        reasons.append("same category")
    if shared:
        reasons.append("shares " + ", ".join(shared))
    reasons.append(f"wording {similarities[best]:.0%} like “{profile.titles[best]}”")
    return Suggestion(event.event_id, thread_id, guess_stage(text, before), round(score, 3), "; ".join(reasons))
