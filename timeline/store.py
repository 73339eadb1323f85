"""The dataset the dashboard shows: read from the persistent store, or straight from the bundled files.

The store (timeline.database) is seeded from data/ on first use; `load_dataset` reads the files
alone, for tools that need no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from loaders import csv_events, curated
from timeline.database import ensure_seeded, open_store, read_events, read_sources
from timeline.database.curated_sync import sync_curated
from timeline.index import SORT_COLUMNS
from timeline.paths import DATA_DIR
from timeline.schema import enforce_schema

IMPORTS_DIR = DATA_DIR / "imports"


@dataclass
class Dataset:
    events: pd.DataFrame
    sources: pd.DataFrame
    problems: list[str] = field(default_factory=list)  # rows or files that could not be read


def open_seeded_store(url: str | None = None) -> Engine:
    """The store at `url` (else $POLICY_TIMELINE_DB, else the SQLite default), in step with data/.

    An empty store is filled from data/; later additions and corrections to the curated files are
    brought in too (see timeline.database.curated_sync).
    """
    engine = open_store(url)
    if not ensure_seeded(engine):
        sync_curated(engine)
    return engine


def read_dataset(engine: Engine) -> Dataset:
    """Every live event and every source in the store, events in display order."""
    # Sorted once here, so a view that keeps every row can reuse the frame instead of sorting a copy.
    events = read_events(engine).sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)
    return Dataset(events=events, sources=read_sources(engine))


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """Every bundled event, checked once; unreadable imported rows are listed, never dropped silently."""
    frames = [curated.load(data_dir / "events.yaml", data_dir / "sources.yaml", data_dir / "actors.yaml")]
    sources = curated.load_sources(data_dir / "sources.yaml")
    problems: list[str] = []
    imports = data_dir / "imports"
    for path in sorted(imports.glob("*.csv")) if imports.is_dir() else []:
        try:
            loaded = csv_events.load(path)
        except csv_events.CsvFormatError as error:
            problems.append(str(error))
            continue
        frames.append(loaded.events)
        problems.extend(str(problem) for problem in loaded.rejected)
    events = combine(frames, origin=str(data_dir))
    return Dataset(events=events, sources=with_unregistered_sources(events, sources), problems=problems)


def combine(frames: list[pd.DataFrame], origin: str) -> pd.DataFrame:
    """One frame from several loaders' frames, checked again so ids stay unique across them."""
    plain = [frame.astype({name: "str" for name in frame.select_dtypes("category").columns}) for frame in frames]
    return enforce_schema(pd.concat(plain, ignore_index=True), origin=origin)


def with_unregistered_sources(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The source registry plus a row for each source an event cites that the registry lacks."""
    cited = events[["source_ids", "source_name", "source_url", "source_lang", "published"]].explode("source_ids")
    missing = cited[~cited["source_ids"].isin(sources["source_id"]) & cited["source_ids"].notna()]
    missing = missing.drop_duplicates("source_ids")
    extra = pd.DataFrame(
        {
            "source_id": missing["source_ids"].astype("str"),
            "name": missing["source_name"].astype("str"),
            "title": "",
            "url": missing["source_url"].fillna("").astype("str"),
            "lang": missing["source_lang"].astype("str"),
            "published": missing["published"],
            "published_estimated": False,
            "accessed": pd.NaT,
        }
    )
    return pd.concat([sources, extra], ignore_index=True) if len(extra) else sources
