"""Propose events that report the same happening, so an analyst can merge them into one event with many sources.

Two events are a candidate pair only when they share the category, their date intervals overlap and,
when both name actors, they share at least one. A pair is proposed when its evidence clears THRESHOLD:

    0.5 x wording similarity (rapidfuzz token-set ratio of title and summary, or of the two quotes
                              when both have one and that agrees more, 0-100)
  + 0.3 x actor agreement    (shared actors / actors of the event naming fewer, x 100; 50 when one names none)
  + 0.2 x date agreement     (100 when the intervals meet on one day, less as their overlap widens)

Actor agreement is what tells "Xi meets Putin" from "Xi meets Lula" on the same day (wording alone
cannot); date agreement keeps two events that merely fall in the same vague year apart. Pairs join
into groups transitively. Tuned on real reports (tests/timeline/database/fixtures) to miss a
duplicate rather than propose a wrong one: a proposal is merged only by an analyst (merge_events).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz, utils

THRESHOLD = 70.0
WORDING_WEIGHT, ACTOR_WEIGHT, DATE_WEIGHT = 0.5, 0.3, 0.2
UNKNOWN_ACTORS = 50.0
# Date agreement by how many days the two intervals have in common: fewer days, firmer agreement.
DATE_AGREEMENT = ((1, 100.0), (7, 75.0), (31, 50.0), (92, 25.0))


@dataclass(frozen=True)
class DuplicateGroup:
    event_ids: tuple[str, ...]  # in the frame's order: the first is a natural event to keep
    source_ids: tuple[str, ...]  # every source of every event in the group, each once
    score: float  # the weakest evidence that joined the group, THRESHOLD..100


@dataclass(frozen=True)
class _Candidate:
    position: int
    event_id: str
    category: str
    start: pd.Timestamp
    end: pd.Timestamp
    actors: frozenset[str]
    wording: str
    quote: str
    source_ids: tuple[str, ...]


def find_duplicates(frame: pd.DataFrame, threshold: float = THRESHOLD) -> list[DuplicateGroup]:
    """Groups of two or more events in a schema frame that likely report one happening, strongest evidence kept."""
    candidates = [_candidate(position, row) for position, row in enumerate(frame.itertuples(index=False))]
    parent = list(range(len(candidates)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    joined: list[tuple[int, float]] = []
    for first, second in _overlapping_pairs(candidates):
        score = pair_score(first, second)
        if score is not None and score >= threshold:
            a, b = root(first.position), root(second.position)
            parent[max(a, b)] = min(a, b)
            joined.append((first.position, score))
    weakest: dict[int, float] = {}
    for position, score in joined:
        key = root(position)
        weakest[key] = min(score, weakest.get(key, 100.0))
    members: dict[int, list[_Candidate]] = {}
    for candidate in candidates:
        members.setdefault(root(candidate.position), []).append(candidate)
    return [
        DuplicateGroup(
            event_ids=tuple(candidate.event_id for candidate in group),
            source_ids=tuple(dict.fromkeys(source for candidate in group for source in candidate.source_ids)),
            score=round(weakest[key], 1),
        )
        for key, group in members.items()
        if len(group) > 1
    ]


def matches_for(frame: pd.DataFrame, event_id: str, threshold: float = THRESHOLD) -> list[tuple[str, float]]:
    """Events of `frame` whose evidence with event `event_id` clears `threshold`, best first, with their score.

    Only events of its category whose dates overlap its own can qualify, so only those are scored:
    one look at a million events, not the whole frame's pairs. Direct matches only (no chains).
    """
    chosen = frame[frame["event_id"] == event_id]
    if chosen.empty:
        raise KeyError(f"no event {event_id!r} in the frame")
    target = _candidate(-1, next(chosen.itertuples(index=False)))
    near = frame[
        (frame["category"] == target.category)
        & (frame["date_start"] <= target.end)
        & (frame["date_end"] >= target.start)
        & (frame["event_id"] != event_id)
    ]
    matches = []
    for position, row in enumerate(near.itertuples(index=False)):
        score = pair_score(target, _candidate(position, row))
        if score is not None and score >= threshold:
            matches.append((str(row.event_id), round(score, 1)))
    return sorted(matches, key=lambda match: -match[1])


def pair_score(first: _Candidate, second: _Candidate) -> float | None:
    """The pair's evidence of being one happening (0-100), or None when a hard condition fails."""
    if first.category != second.category:
        return None
    common_days = (min(first.end, second.end) - max(first.start, second.start)).days + 1
    if common_days < 1:
        return None
    if first.actors and second.actors:
        shared = len(first.actors & second.actors)
        if not shared:
            return None
        actors = 100.0 * shared / min(len(first.actors), len(second.actors))
    else:
        actors = UNKNOWN_ACTORS
    dates = next((agreement for days, agreement in DATE_AGREEMENT if common_days <= days), 0.0)
    wording = fuzz.token_set_ratio(first.wording, second.wording)
    if first.quote and second.quote:
        # An English summary and an Arabic headline share no words; two quotes of one sentence do.
        wording = max(wording, fuzz.token_set_ratio(first.quote, second.quote))
    return WORDING_WEIGHT * wording + ACTOR_WEIGHT * actors + DATE_WEIGHT * dates


def _overlapping_pairs(candidates: list[_Candidate]):
    """Pairs of the same category whose intervals overlap, found by a sweep over start dates, not all n² pairs."""
    by_category: dict[str, list[_Candidate]] = {}
    for candidate in candidates:
        by_category.setdefault(candidate.category, []).append(candidate)
    for group in by_category.values():
        group.sort(key=lambda candidate: (candidate.start, candidate.position))
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                if second.start > first.end:
                    break
                yield (first, second) if first.position < second.position else (second, first)


def _candidate(position: int, row) -> _Candidate:
    summary = row.summary if isinstance(row.summary, str) else ""
    return _Candidate(
        position=position,
        event_id=str(row.event_id),
        category=str(row.category),
        start=pd.Timestamp(row.date_start),
        end=pd.Timestamp(row.date_end),
        actors=frozenset(row.actors or ()),
        wording=utils.default_process(f"{row.title} {summary}"),
        quote=utils.default_process(row.quote) if isinstance(row.quote, str) else "",
        source_ids=tuple(row.source_ids or ()),
    )
