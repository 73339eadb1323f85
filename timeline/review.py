"""Plain helpers behind the Review and Edit pages: the queue, merge suggestions, form values, highlights."""

from __future__ import annotations

import dataclasses

import pandas as pd

from timeline.database import matches_for
from timeline.filters import Filters, apply_filters
from timeline.index import index_for

EDITABLE = (
    "title",
    "summary",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "category",
    "actors",
    "countries",
    "location",
    "quote",
)


def review_queue(events: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The unreviewed events the sidebar filters keep, whatever the 'show unreviewed' switch says."""
    shown = apply_filters(events, dataclasses.replace(filters, include_unreviewed=True), index=index_for(events))
    return shown[shown["status"] == "unreviewed"].reset_index(drop=True)


def merge_suggestions(events: pd.DataFrame, candidate_id: str) -> list[tuple[str, float]]:
    """Accepted events that report the same happening as the candidate, best first, with their score."""
    accepted = events[(events["status"] == "accepted") | (events["event_id"] == candidate_id)]
    return matches_for(accepted, candidate_id)


def changed_fields(stored: dict, edited: dict) -> dict:
    """The edited values that differ from the stored ones, comparing dates by day and lists as tuples."""
    changes = {}
    for name, value in edited.items():
        before = stored.get(name)
        if name in ("date_start", "date_end"):
            same = before is not None and pd.Timestamp(before).normalize() == pd.Timestamp(value).normalize()
        elif name in ("actors", "countries"):
            same = tuple(before or ()) == tuple(value or ())
        else:
            same = (before or "") == (value or "")
        if not same:
            changes[name] = value
    return changes
