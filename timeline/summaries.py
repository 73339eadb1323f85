"""Tables derived from the event frame: per-actor activity, co-occurrence, and sources."""

from __future__ import annotations

import pandas as pd

from timeline.actors import ActorRegistry


def actor_table(events: pd.DataFrame, registry: ActorRegistry) -> pd.DataFrame:
    """Per actor: kind, country, event count, first and last event dates; busiest first."""
    exploded = events[["event_id", "actors", "date_start", "date_end"]].explode("actors").dropna(subset=["actors"])
    if exploded.empty:
        return pd.DataFrame(columns=["actor", "kind", "country", "events", "first", "last"])
    grouped = exploded.groupby("actors").agg(
        events=("event_id", "nunique"), first=("date_start", "min"), last=("date_end", "max")
    )
    table = grouped.reset_index().rename(columns={"actors": "actor"})
    known = registry.by_name
    table.insert(1, "kind", table["actor"].map(lambda name: known[name].kind if name in known else "unregistered"))
    table.insert(2, "country", table["actor"].map(lambda name: (known[name].country or "") if name in known else ""))
    return table.sort_values(["events", "actor"], ascending=[False, True]).reset_index(drop=True)


def co_occurrence(events: pd.DataFrame, actor: str) -> pd.Series:
    """How many events each other actor shares with `actor`, most first."""
    shared = events.loc[events["actors"].map(lambda names: actor in names), "actors"]
    others = shared.explode()
    others = others[others.notna() & (others != actor)]
    return others.value_counts().rename("shared events")


def sources_table(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every source with its language, publication date, address and the events it supports."""
    links = events[["event_id", "title", "source_ids"]].explode("source_ids").dropna(subset=["source_ids"])
    supported = links.groupby("source_ids").agg(events=("event_id", "nunique"), titles=("title", list))
    table = sources.merge(supported, left_on="source_id", right_index=True, how="left")
    table["events"] = table["events"].fillna(0).astype("int64")
    table["titles"] = table["titles"].map(lambda titles: titles if isinstance(titles, list) else [])
    return table.sort_values(["events", "published"], ascending=[False, False]).reset_index(drop=True)
