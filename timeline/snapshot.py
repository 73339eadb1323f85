"""The dashboard's copy of the store, kept current cheaply: after a write only the touched events are re-read.

A full read of a million events takes tens of seconds, so it happens once: afterwards each write
costs a read of the events it touched. A snapshot file lets a restarted dashboard skip the full
read too; it is trusted only while the audit log still holds the entry it was taken at.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from timeline.database import changed_since, read_events, read_sources, store_revision, tables
from timeline.index import SORT_COLUMNS
from timeline.paths import PROJECT_ROOT
from timeline.store import Dataset, read_dataset

SNAPSHOT_DIR = PROJECT_ROOT / "var" / "snapshots"
# Columns the shared frame leaves in the store: long, nearly unique per event, needed only for the
# rows a table lists or a download holds (timeline.ui.with_addresses reads them back).
IN_STORE_ONLY = ("source_url",)
# Bump when the shared frame's columns or dtypes change: a snapshot of another format is not loaded.
SNAPSHOT_FORMAT = 2
FULL_READ_AFTER = 10_000  # touched events beyond which re-reading everything beats patching


class LiveDataset:
    """The dataset at the store's latest revision, for one database, shared by every session."""

    def __init__(self, engine: Engine, snapshot_path: Path | None = None):
        self.engine = engine
        self.snapshot_path = snapshot_path
        self.revision = -1
        self.loaded_revision = -1  # the revision of the snapshot or full read this copy started from
        self.dataset: Dataset | None = None
        self._lock = threading.Lock()

    def current(self) -> Dataset:
        """The dataset as of now: unchanged when nothing was written, patched when something was."""
        with self._lock:
            if self.dataset is None:
                self._start()
            else:
                self._catch_up()
            return self.dataset

    def _start(self) -> None:
        loaded = self._load_snapshot()
        if loaded is not None:
            self.revision, self.dataset = loaded
            self.loaded_revision = self.revision
            self._catch_up()
            return
        self._read_in_full()

    def _read_in_full(self) -> None:
        # Revision first: a write landing during the read is simply re-read by the next catch-up.
        self.revision = store_revision(self.engine)
        full = read_dataset(self.engine)
        self.dataset = Dataset(events=lean(full.events), sources=full.sources)
        self.save_snapshot()
        self.loaded_revision = self.revision

    def _catch_up(self) -> None:
        revision, touched = changed_since(self.engine, self.revision)
        if revision == self.revision:
            return
        events = self.dataset.events
        if len(touched) > max(FULL_READ_AFTER, len(events) // 5):
            # A bulk import touched much of the store: one full read (and a fresh snapshot) is faster.
            self._read_in_full()
            return
        fresh = lean(read_events(self.engine, event_ids=touched))
        kept = events[~events["event_id"].isin(touched)]
        self.dataset = Dataset(events=append_events(kept, fresh), sources=read_sources(self.engine))
        self.revision = revision

    def _load_snapshot(self) -> tuple[int, Dataset] | None:
        if self.snapshot_path is None or not self.snapshot_path.exists():
            return None
        try:
            with open(self.snapshot_path, "rb") as handle:
                written_format, revision, stamp, dataset = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return None  # an unreadable snapshot, or one from before formats were numbered: a missed shortcut
        if written_format != SNAPSHOT_FORMAT:
            return None
        return (revision, dataset) if _audit_stamp(self.engine, revision) == stamp else None

    def save_snapshot(self) -> None:
        """Write this copy to the snapshot file, for the next start; a failure only costs that shortcut."""
        if self.snapshot_path is None:
            return
        try:
            self.snapshot_path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.snapshot_path.with_suffix(".partial")
            with open(partial, "wb") as handle:
                stamp = _audit_stamp(self.engine, self.revision)
                pickle.dump((SNAPSHOT_FORMAT, self.revision, stamp, self.dataset), handle, protocol=5)
            partial.replace(self.snapshot_path)
        except OSError:
            pass  # read-only folder: the dashboard still works, it just reads in full after a restart


def refresh_snapshot(engine: Engine, url: str) -> None:
    """Bring the dashboard's snapshot up to date after a bulk change, so its next start needs no full read."""
    live = LiveDataset(engine, snapshot_path_for(url))
    live.current()
    if live.revision != live.loaded_revision:
        live.save_snapshot()


def snapshot_path_for(url: str) -> Path:
    """Beside a SQLite file; under var/snapshots for a server, named by a hash of the address."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        database = Path(parsed.database)
        return database.with_name(database.name + ".snapshot")
    return SNAPSHOT_DIR / (hashlib.sha256(url.encode()).hexdigest()[:16] + ".snapshot")


def lean(events: pd.DataFrame) -> pd.DataFrame:
    """The schema frame without the IN_STORE_ONLY columns, as the dashboard shares it."""
    return events.drop(columns=list(IN_STORE_ONLY))


def append_events(kept: pd.DataFrame, fresh: pd.DataFrame) -> pd.DataFrame:
    """Two schema frames as one in display order, categories merged rather than lost to plain objects."""
    if fresh.empty:
        return kept.reset_index(drop=True)
    columns = {}
    for name in kept.columns:
        if isinstance(kept[name].dtype, pd.CategoricalDtype):
            columns[name] = _joined_categorical(kept[name].array, fresh[name].array)
        else:
            columns[name] = pd.concat([kept[name], fresh[name]], ignore_index=True)
    joined = pd.DataFrame(columns)
    return joined.sort_values(SORT_COLUMNS, kind="stable", ignore_index=True)


def _joined_categorical(first: pd.Categorical, second: pd.Categorical) -> pd.Categorical:
    # Vocabulary columns share their categories (in vocabulary order); others hold sorted values.
    if first.categories.equals(second.categories):
        return pd.Categorical.from_codes(np.concatenate([first.codes, second.codes]), categories=first.categories)
    try:
        return union_categoricals([first, second], sort_categories=True)
    except TypeError:  # categories of different dtypes (an empty column's may be plain objects)
        merged = sorted({str(value) for value in first.categories} | {str(value) for value in second.categories})
        values = np.concatenate([np.asarray(first, dtype=object), np.asarray(second, dtype=object)])
        return pd.Categorical(values, categories=pd.Index(merged, dtype="str"))


def _audit_stamp(engine: Engine, revision: int) -> str | None:
    """When the audit entry a revision names was written: a snapshot of another store will not match."""
    log = tables.audit_log
    with engine.connect() as connection:
        stamp = connection.execute(select(log.c.at).where(log.c.id == revision)).scalar_one_or_none()
    return None if stamp is None else stamp.isoformat()
