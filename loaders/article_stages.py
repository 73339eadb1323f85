"""Two dates in one article sentence, one announcing a measure and one bringing it into force, as two linked stages.

«أعلنت الصين في 3 يوليو 2023 فرض قيود … تدخل حيز التنفيذ في 1 أغسطس» gives two candidate events
(one per date, by the article loader); this module tells which is the announcement and which the
entry into force, from per-language words in loaders/rules/article_stages.yaml, so that Review can
offer them as two stages of one policy thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from timeline.vocabulary import thread_stages

STAGE_WORDS_FILE = Path(__file__).resolve().parent / "rules" / "article_stages.yaml"
ANNOUNCED, IN_FORCE = "announced", "in_force"


@dataclass(frozen=True)
class StagePair:
    """Two candidates from one sentence: the announcement and the entry into force of the same measure."""

    announced: str  # event id
    in_force: str  # event id
    sentence: str


@cache
def stage_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """stage -> language -> words (lower case), each stage checked against the thread stage vocabulary."""
    document = yaml.safe_load(STAGE_WORDS_FILE.read_text(encoding="utf-8"))
    known = thread_stages()
    return {
        known.canonical(stage): {
            language: tuple(word.lower() for word in words) for language, words in by_language.items()
        }
        for stage, by_language in document.items()
    }


def date_stages(sentence: str, date_texts: list[str], language: str) -> list[str | None]:
    """The stage each date of `sentence` marks (None when no stage word lies in its stretch of the sentence).

    A date's stretch runs from the end of the date before it to the start of the date after it; the
    stage word nearest the date wins.
    """
    lowered = sentence.lower()
    places, cursor = [], 0
    for text in date_texts:
        start = lowered.find(text.lower(), cursor)
        if start < 0:
            return [None] * len(date_texts)
        places.append((start, start + len(text)))
        cursor = start + len(text)
    found: list[str | None] = []
    for index, (start, end) in enumerate(places):
        low = places[index - 1][1] if index else 0
        high = places[index + 1][0] if index + 1 < len(places) else len(lowered)
        best: tuple[int, str] | None = None
        for stage, by_language in stage_words().items():
            for word in by_language.get(language, ()):
                position = lowered.find(word, low)
                while 0 <= position < high:
                    finish = position + len(word)
                    if finish <= high:
                        distance = start - finish if finish <= start else max(0, position - end)
                        if best is None or distance < best[0]:
                            best = (distance, stage)
                    position = lowered.find(word, position + 1)
        found.append(best[1] if best else None)
    return found


def stage_pairs(candidates: pd.DataFrame) -> list[StagePair]:
    """Announcement and entry-into-force pairs among an article's candidates (the loader's frame)."""
    pairs = []
    for sentence, group in candidates.groupby("quote", sort=False):
        if len(group) < 2:
            continue
        language = str(group["source_lang"].iat[0])
        stages = date_stages(str(sentence), group["date_text"].astype(str).tolist(), language)
        by_stage: dict[str, list[str]] = {}
        for event_id, stage in zip(group["event_id"], stages, strict=True):
            if stage:
                by_stage.setdefault(stage, []).append(event_id)
        announced, in_force = by_stage.get(ANNOUNCED, []), by_stage.get(IN_FORCE, [])
        if len(announced) == 1 and len(in_force) == 1:  # one measure; more would be guessing which goes with which
            pairs.append(StagePair(announced[0], in_force[0], str(sentence)))
    return pairs
