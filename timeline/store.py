"""The dataset the dashboard shows: read from the persistent store, or straight from the bundled files.

The store (timeline.database) is seeded from data/ on first use; `load_dataset` reads the files
alone, for tools that need no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from loaders import curated
from loaders import threads as curated_threads
from timeline.database import ensure_seeded, open_store, read_events, read_sources
from timeline.database.curated_sync import sync_curated
from timeline.database.threads import sync_threads
from timeline.index import SORT_COLUMNS
from timeline.paths import DATA_DIR
from timeline.schema import enforce_schema


@dataclass
class Dataset:
    events: pd.DataFrame  # the schema's event frame, in display order
    sources: pd.DataFrame  # the source registry: one row per source, keyed by source_id


def open_seeded_store(url: str | None = None, team: bool | None = None) -> Engine:
    """The store at `url` (else $POLICY_TIMELINE_DB, else the SQLite default), in step with data/.

    An empty store is filled from data/; later additions and corrections to the curated files are
    brought in too (see timeline.database.curated_sync).
    """
    engine = open_store(url, team)
    if not ensure_seeded(engine):
        sync_curated(engine)
    sync_threads(engine, curated_threads.load())
    return engine


def read_dataset(engine: Engine) -> Dataset:
    """Every live event and every source in the store, events in display order."""
    # read_events sorts, so a view that keeps every row can reuse the frame instead of sorting a copy.
    return Dataset(events=read_events(engine), sources=read_sources(engine))


def load_dataset(data_dir: Path = DATA_DIR) -> Dataset:
    """The bundled curated events and sources, straight from the files (no database)."""
    events = curated.load(data_dir / "events.yaml", data_dir / "sources.yaml", data_dir / "actors.yaml")
    events = events.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)
    return Dataset(events=events, sources=curated.load_sources(data_dir / "sources.yaml"))


def combine(frames: list[pd.DataFrame], origin: str) -> pd.DataFrame:
    """One frame from several loaders' frames, checked again so ids stay unique across them."""
    plain = [frame.astype({name: "str" for name in frame.select_dtypes("category").columns}) for frame in frames]
    return enforce_schema(pd.concat(plain, ignore_index=True), origin=origin)
