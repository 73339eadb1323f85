"""Controlled vocabularies (categories, precisions, actor kinds) read from data/vocabulary.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from timeline.paths import DATA_DIR


class VocabularyError(ValueError):
    """A value outside a controlled vocabulary."""


@dataclass(frozen=True)
class Vocabulary:
    """One controlled list: canonical values with descriptions, and a fix-map of known variants."""

    name: str
    values: dict[str, str]
    fixes: dict[str, str]

    def canonical(self, raw: str) -> str:
        """Return the canonical spelling of `raw`, or raise naming the allowed values."""
        key = " ".join(str(raw).strip().lower().replace("-", " ").split())
        underscored = key.replace(" ", "_")
        for candidate in (key, underscored):
            if candidate in self.values:
                return candidate
            if candidate in self.fixes:
                return self.fixes[candidate]
        allowed = ", ".join(self.values)
        raise VocabularyError(f"unknown {self.name} {raw!r}; allowed: {allowed}")


@cache
def _document() -> dict:
    with open(DATA_DIR / "vocabulary.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def categories() -> Vocabulary:
    document = _document()
    return Vocabulary("category", document["categories"], document.get("category_fix", {}))


def precisions() -> Vocabulary:
    document = _document()
    return Vocabulary("date precision", document["precisions"], document.get("precision_fix", {}))


def actor_kinds() -> Vocabulary:
    return Vocabulary("actor kind", _document()["actor_kinds"], {})


def review_statuses() -> Vocabulary:
    return Vocabulary("review status", _document()["review_statuses"], {})


def precise_precisions() -> tuple[str, ...]:
    return tuple(_document()["precise_precisions"])


def extra_countries() -> dict[str, str]:
    return dict(_document().get("extra_countries", {}))


def country_fixes() -> dict[str, str]:
    return dict(_document().get("country_fix", {}))


def thread_stages() -> Vocabulary:
    """Where a policy stands; the values are in the order a policy usually moves through them."""
    document = _document()
    return Vocabulary("thread stage", document["thread_stages"], document.get("thread_stage_fix", {}))


def stages_before_force() -> tuple[str, ...]:
    """Stages that open a wait, drawn as a band until the measure is in force."""
    return tuple(_document()["thread_stages_before_force"])
