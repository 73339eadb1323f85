"""The dashboard's copy of the store, kept current cheaply: after a write only the touched events are re-read.

A full read of a million events takes tens of seconds, so it happens once: afterwards each write
costs a read of the events it touched. A snapshot file lets a restarted dashboard skip the full
read too; it is trusted only while the audit log still holds the entry it was taken at.

The snapshot is data only: an Arrow IPC file (nothing in it can run when it is read), with its
format number in the schema's metadata and the SHA-256 of the whole file beside it. A snapshot that
does not verify, or does not parse, is ignored and rebuilt from the store.
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url

from timeline.database import changed_since, read_events, read_sources, store_revision, tables
from timeline.index import SORT_COLUMNS
from timeline.paths import PROJECT_ROOT
from timeline.schema import COLUMNS
from timeline.store import Dataset, read_dataset

SNAPSHOT_DIR = PROJECT_ROOT / "var" / "snapshots"
# Columns the shared frame leaves in the store: long, nearly unique per event, needed only for the
# rows a table lists or a download holds (timeline.ui.with_addresses reads them back).
IN_STORE_ONLY = ("source_url",)
# Bump when the shared frame's columns or dtypes change: a snapshot of another format is not loaded.
SNAPSHOT_FORMAT = 3
# Columns holding a tuple of names per event: stored as codes into each distinct list, kept once.
NAME_LISTS = ("actors", "countries", "source_ids")
METADATA_KEY = b"policy_timeline_snapshot"
SOURCES_KEY = b"policy_timeline_sources"
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
        if self.snapshot_path is None:
            return None
        loaded = read_snapshot(self.snapshot_path)
        if loaded is None:
            return None  # missing, unverified, unparsable or of another format: a missed shortcut, no more
        revision, stamp, dataset = loaded
        return (revision, dataset) if _audit_stamp(self.engine, revision) == stamp else None

    def save_snapshot(self) -> None:
        """Write this copy to the snapshot file, for the next start; a failure only costs that shortcut."""
        if self.snapshot_path is None:
            return
        write_snapshot(self.snapshot_path, self.revision, _audit_stamp(self.engine, self.revision), self.dataset)


def checksum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write_snapshot(path: Path, revision: int, stamp: str | None, dataset: Dataset) -> None:
    """The dataset as an Arrow IPC file at `path`, its SHA-256 beside it; a failure leaves no valid pair."""
    table = _events_table(dataset.events)
    metadata = {
        **(table.schema.metadata or {}),
        METADATA_KEY: json.dumps({"format": SNAPSHOT_FORMAT, "revision": revision, "stamp": stamp}).encode(),
        SOURCES_KEY: _ipc_bytes(pa.Table.from_pandas(dataset.sources, preserve_index=False)),
    }
    payload = _ipc_bytes(table.replace_schema_metadata(metadata))
    partial, checksum = path.with_name(path.name + ".partial"), checksum_path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(payload)
        checksum.unlink(missing_ok=True)  # between the two replaces, the old checksum must not vouch for new bytes
        partial.replace(path)
        checksum.write_text(hashlib.sha256(payload).hexdigest() + "\n", encoding="ascii")
    except OSError:
        partial.unlink(missing_ok=True)  # read-only folder: the dashboard still works, it reads in full after a restart


def read_snapshot(path: Path) -> tuple[int, str | None, Dataset] | None:
    """(revision, audit stamp, dataset) from a snapshot that verifies against its checksum, else None."""
    try:
        payload = path.read_bytes()
        expected = checksum_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if hashlib.sha256(payload).hexdigest() != expected:
        return None
    try:
        table = pa.ipc.open_file(pa.py_buffer(payload)).read_all()
        metadata = table.schema.metadata or {}
        header = json.loads(metadata[METADATA_KEY])
        if header.get("format") != SNAPSHOT_FORMAT or table.column_names != list(SNAPSHOT_COLUMNS):
            return None
        sources = pa.ipc.open_file(pa.py_buffer(metadata[SOURCES_KEY])).read_all().to_pandas()
        events = _events_frame(table)
        return int(header["revision"]), header.get("stamp"), Dataset(events=events, sources=sources)
    except (pa.ArrowException, KeyError, ValueError, TypeError, AttributeError):
        return None


def _ipc_bytes(table: pa.Table) -> bytes:
    # An empty table has no batches, and a file without a batch loses the categories of its dictionaries.
    batches = table.to_batches() or [
        pa.RecordBatch.from_arrays([column.chunk(0) for column in table.columns], schema=table.schema)
    ]
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        for batch in batches:
            writer.write_batch(batch)
    return sink.getvalue().to_pybytes()


def _events_table(events: pd.DataFrame) -> pa.Table:
    """The shared frame as Arrow: categories as dictionaries, name lists as codes into their distinct lists."""
    table = pa.Table.from_pandas(events.drop(columns=list(NAME_LISTS)), preserve_index=False)
    for name in NAME_LISTS:
        table = table.append_column(name, _name_list_array(events[name]))
    return table.select(list(events.columns))


def _name_list_array(column: pd.Series) -> pa.DictionaryArray:
    codes, uniques = pd.factorize(column)
    offsets = np.zeros(len(uniques) + 1, dtype=np.int32)
    np.cumsum([len(names) for names in uniques], out=offsets[1:])
    flat = pa.array([name for names in uniques for name in names], type=pa.string())
    lists = pa.ListArray.from_arrays(pa.array(offsets), flat)
    return pa.DictionaryArray.from_arrays(pa.array(codes, type=pa.int32()), lists)


def _events_frame(table: pa.Table) -> pd.DataFrame:
    """The shared frame back from Arrow: each distinct list one tuple, each distinct name one string, as after a full read."""
    frame = table.drop_columns(list(NAME_LISTS)).to_pandas()
    for name in frame.select_dtypes("category").columns:
        column = frame[name].cat
        if column.categories.dtype != "str":  # Arrow gives an empty dictionary back as objects; the schema says str
            frame[name] = pd.Categorical.from_codes(
                column.codes, categories=pd.Index(column.categories, dtype="str"), ordered=column.ordered
            )
    for name in NAME_LISTS:
        frame[name] = _name_tuples(table.column(name))
    return frame[list(SNAPSHOT_COLUMNS)]


def _name_tuples(chunks: pa.ChunkedArray) -> pd.Series:
    if chunks.num_chunks == 0:  # an empty frame (Arrow cannot build an empty dictionary of lists)
        return pd.Series([], dtype="object")
    column = chunks.chunk(0) if chunks.num_chunks == 1 else chunks.combine_chunks()
    lists = column.dictionary
    names = pc.dictionary_encode(lists.flatten())
    named = np.asarray(names.dictionary.to_pylist(), dtype=object)[names.indices.to_numpy()].tolist()
    offsets = lists.offsets.to_numpy().tolist()
    distinct = np.empty(len(lists), dtype=object)
    distinct[:] = [tuple(named[start:end]) for start, end in zip(offsets[:-1], offsets[1:], strict=True)]
    return pd.Series(distinct[column.indices.to_numpy()], dtype="object")


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


SNAPSHOT_COLUMNS = tuple(name for name in COLUMNS if name not in IN_STORE_ONLY)


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
