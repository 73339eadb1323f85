"""Free tags on events: resolving a tag filter to events, and each event's tags for exports."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from timeline.filters import Filters


def with_tag_events(filters: Filters, tags: pd.DataFrame) -> Filters:
    """`filters` with the events carrying any of its tags resolved from `tags` (columns event_id, tag)."""
    if not filters.tags:
        return replace(filters, tag_events=frozenset())
    members = tags.loc[tags["tag"].isin(filters.tags), "event_id"]
    return replace(filters, tag_events=frozenset(members))


def tag_column(event_ids: pd.Series, tags: pd.DataFrame) -> pd.Series:
    """Each event's tags as one text cell, '; ' between them (empty when it has none), in `event_ids`' order."""
    joined = tags.groupby("event_id", sort=False)["tag"].agg("; ".join).to_dict() if not tags.empty else {}
    cells = [joined.get(event_id, "") for event_id in event_ids.tolist()]
    return pd.Series(cells, index=event_ids.index, dtype="str", name="tags")
