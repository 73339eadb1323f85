"""Large imports in batches, each batch committed on its own so an interrupted import keeps what it finished."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from json.encoder import encode_basestring

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, func, select

from timeline.database import audit, tables
from timeline.database.column_types import utc_now
from timeline.database.engine import refresh_statistics, write_transaction
from timeline.database.event_rows import EVENT_COLUMNS, frame_records
from timeline.database.permissions import guarded
from timeline.database.repository import existing_ids, insert_events
from timeline.database.seeding import SEEDER
from timeline.database.sources import insert_missing
from timeline.database.thread_suggestions import suggest_for_imported
from timeline.schema import FIELDS_BY_NAME, enforce_schema
from timeline.thread_suggestions import ThreadIndex

DEFAULT_BATCH_SIZE = 500
GROWING_TABLES = ("events", "event_sources", "sources", "audit_log")
MIN_ROWS_TO_ANALYZE = 1_000  # below this, any plan is fast


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_stored: int  # ids the store held before (a re-run after an interruption skips them)
    batches: int


@guarded("import_events")
def import_frame(
    engine: Engine,
    frame: pd.DataFrame,
    who: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
) -> ImportResult:
    """Add the frame's events batch by batch, skipping ids already stored, so the same import can simply be re-run.

    `on_batch(events_committed_so_far)` is called after each commit (progress for a page).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    who = audit.analyst(who)
    records = frame_records(enforce_schema(frame, origin="import"))
    added = skipped = batches = 0
    refresh_statistics(engine, GROWING_TABLES)
    with engine.connect() as connection:
        stored_before = connection.execute(select(func.count()).select_from(tables.events)).scalar_one()
    analyzed_size = stored_before
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        with write_transaction(engine) as connection:
            stored = existing_ids(connection, [record["event_id"] for record in batch])
            fresh = [record for record in batch if record["event_id"] not in stored]
            insert_events(connection, fresh, who)
        added, skipped, batches = added + len(fresh), skipped + len(stored), batches + 1
        if stored_before + added >= 2 * max(analyzed_size, MIN_ROWS_TO_ANALYZE):
            # Each time the store doubles: a handful of ANALYZE runs over a whole import.
            refresh_statistics(engine, GROWING_TABLES)
            analyzed_size = stored_before + added
        if on_batch is not None:
            on_batch(added + skipped)
    return ImportResult(added=added, already_stored=skipped, batches=batches)


# --- Streaming imports of data sets: one chunk of checked events per call, written in bulk. ---

STORED_COLUMNS = (*EVENT_COLUMNS, "version", "first_seen", "created_at", "updated_at")
COMPARED_COLUMNS = tuple(name for name in EVENT_COLUMNS if name != "event_id")
_LOOKUP_CHUNK = 5_000  # ids per IN (...) list


@dataclass
class WriteResult:
    """What became of each event of a chunk: added, updated, unchanged, or refused (position, reason)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # stored events an analyst changed since import: their values kept, the incoming ones logged
    suggested: int = 0  # thread suggestions made for the new events
    refused: list[tuple[int, str]] = field(default_factory=list)


def run_stamp() -> dt.datetime:
    """The moment an import run starts: every event it writes carries it as updated_at, so a repeat id is seen."""
    return utc_now()


@dataclass(frozen=True)
class Origins:
    """Where a chunk's events come from: one file, a line each; written to the audit log as FILE:LINE."""

    file: str
    lines: list[int]

    def audit_json(self, position: int) -> str:
        # The audit entry's JSON, built from the file name escaped once: a million rows need no json.dumps each.
        return f'{{"imported_from": {{"new": {self._escaped_file[:-1]}:{self.lines[position]}", "old": null}}}}'

    @cached_property
    def _escaped_file(self) -> str:
        return json.dumps(self.file, ensure_ascii=False)


@guarded("import_events")
def write_events(
    engine: Engine,
    events: pd.DataFrame,
    origins: Origins,
    who: str,
    stamp: dt.datetime,
    threads: ThreadIndex | None = None,
) -> WriteResult:
    """Add or update a chunk of schema-checked events in one transaction, in bulk.

    A new id is added; an id this data set wrote before is updated when a field changed (re-importing a
    newer export), left alone when not; an id held by a curated event or another source is refused, as
    is an id this same run already wrote (a repeated row). `origins` (FILE:LINE) go to the audit log.
    An event an analyst edited, reviewed, merged or deleted since its import keeps the analyst's values:
    the incoming differences are written to its audit trail as IMPORT_KEPT and counted as kept.
    With `threads` (import_thread_index, built once per import), each new event sharing an actor with a
    thread gets that thread suggested for Review, in the same transaction.
    """
    who = audit.analyst(who)
    result = WriteResult()
    if not len(events):
        return result
    # Sorted by id, the inserts walk each index in order: far fewer pages touched than in file order.
    order = np.argsort(events["event_id"].to_numpy(dtype=object), kind="stable")
    events = events.iloc[order].reset_index(drop=True)
    origins = Origins(origins.file, [origins.lines[position] for position in order.tolist()])
    stamp_text = _timestamp_text(stamp)
    values = _stored_values(events, stamp_text)
    ids = values["event_id"]
    with write_transaction(engine) as connection:
        if connection.dialect.name == "sqlite":
            # A 32 MB page cache for this connection (SQLite's default is 2 MB): fewer index pages re-read.
            connection.exec_driver_sql("PRAGMA cache_size = -32768")
        stored = _stored_rows(connection, ids)
        curated = _curated_ids(connection, [event_id for event_id in ids if event_id in stored])
        fresh, updates = [], []
        for position, event_id in enumerate(ids):
            row = stored.get(event_id)
            if row is None:
                fresh.append(position)
                continue
            if event_id in curated or row["source_name"] != values["source_name"][position]:
                owner = "a curated event" if event_id in curated else f"an event from {row['source_name']!r}"
                result.refused.append(
                    (position, f"event id {event_id!r} is already used by {owner}; give the row an id of its own")
                )
            elif _text(row["updated_at"]) == stamp_text:
                result.refused.append((position, f"duplicate event {event_id!r}"))
            else:
                changes = {
                    name: {"old": _jsonable(row[name], name), "new": _jsonable(values[name][position], name)}
                    for name in COMPARED_COLUMNS
                    if _comparable(row[name], name) != _comparable(values[name][position], name)
                }
                if changes:
                    updates.append((position, row, changes))
                else:
                    result.unchanged += 1
        touched = _analyst_touched(connection, [row["event_id"] for _, row, _ in updates])
        kept = [update for update in updates if update[1]["event_id"] in touched]
        updates = [update for update in updates if update[1]["event_id"] not in touched]
        _insert_fresh(connection, values, fresh, origins, who)
        _apply_updates(connection, values, updates, who, stamp_text)
        _log_kept(connection, kept, origins, who, stamp_text)
        if fresh:
            result.suggested = suggest_for_imported(connection, events.iloc[fresh], threads)
    result.added, result.updated, result.kept = len(fresh), len(updates), len(kept)
    # Refusals name positions in the chunk as given, not in id order.
    result.refused = [(int(order[position]), reason) for position, reason in result.refused]
    return result


def _timestamp_text(moment: dt.datetime) -> str:
    # SQLAlchemy's own storage form for SQLite DateTime, read by PostgreSQL's timestamp input too.
    return moment.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _stored_values(events: pd.DataFrame, stamp_text: str) -> dict[str, list]:
    """Each column as the database stores it, built column by column (dates as ISO text, names as JSON)."""
    values: dict[str, list] = {}
    for name in EVENT_COLUMNS:
        column = events[name]
        kind = FIELDS_BY_NAME[name].kind
        if kind == "date":
            text = column.dt.strftime("%Y-%m-%d").astype(object)
            values[name] = text.where(text.notna(), None).tolist()
        elif kind == "names":
            codes, uniques = pd.factorize(column)
            # The same text json.dumps(list(names), ensure_ascii=False) gives, a hundred thousand times faster.
            encoded = np.array(
                ["[" + ", ".join(map(encode_basestring, item)) + "]" for item in uniques] + ["[]"], dtype=object
            )
            values[name] = encoded[codes].tolist()
        elif kind == "number":
            values[name] = column.astype("float64").tolist()
        else:
            values[name] = _text_values(column)
    values["source_ids"] = events["source_ids"].tolist()
    count = len(events)
    values["version"] = [1] * count
    for name in ("first_seen", "created_at", "updated_at"):
        values[name] = [stamp_text] * count
    return values


def _text_values(column: pd.Series) -> list:
    """A text or category column as str and None, without a Python test per cell."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = np.append(column.cat.categories.to_numpy(dtype=object), None)
        return categories[column.cat.codes.to_numpy()].tolist()  # code -1 (missing) takes the None
    return column.to_numpy(dtype=object, na_value=None).tolist()


def _stored_rows(connection: Connection, ids: list[str]) -> dict[str, dict]:
    columns = ("event_id", *COMPARED_COLUMNS, "version", "updated_at")
    found = {}
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            # One array parameter for the whole chunk: psycopg adapts it in C, where thousands of
            # separate parameters were built in Python while the reader thread waited for the lock.
            cursor.execute(f"SELECT {', '.join(columns)} FROM events WHERE event_id = ANY(%s)", (ids,))
            rows = cursor.fetchall()
        else:
            rows = []
            for start in range(0, len(ids), _LOOKUP_CHUNK):
                chunk = ids[start : start + _LOOKUP_CHUNK]
                cursor.execute(
                    f"SELECT {', '.join(columns)} FROM events WHERE event_id IN ({', '.join('?' * len(chunk))})", chunk
                )
                rows += cursor.fetchall()
        for row in rows:
            found[row[0]] = dict(zip(columns, row, strict=True))
    finally:
        cursor.close()
    return found


# Audit actions an import writes: any other entry on an imported event is an analyst's doing.
IMPORT_UPDATE, IMPORT_KEPT = "import_update", "import_kept"
IMPORT_ACTIONS = ("create", IMPORT_UPDATE, IMPORT_KEPT)


def _analyst_touched(connection: Connection, ids: list[str]) -> set[str]:
    """Which of these ids have an audit entry that no import wrote (an edit, a review, a merge, a deletion)."""
    log = tables.audit_log
    found = set()
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        query = select(log.c.event_id).distinct().where(log.c.event_id.in_(chunk), log.c.action.not_in(IMPORT_ACTIONS))
        found.update(connection.execute(query).scalars())
    return found


def _log_kept(connection: Connection, kept: list, origins: Origins, who: str, stamp_text: str) -> None:
    """The incoming values an analyst's edit outranked, on the event's trail (its version unchanged)."""
    rows = []
    for position, row, changes in kept:
        noted = {**changes, "imported_from": {"old": None, "new": f"{origins.file}:{origins.lines[position]}"}}
        rows.append(
            (stamp_text, who, row["event_id"], IMPORT_KEPT, row["version"], json.dumps(noted, ensure_ascii=False))
        )
    _bulk_insert(connection, "audit_log", ("at", "who", "event_id", "action", "version", "changes"), rows)


def _curated_ids(connection: Connection, ids: list[str]) -> set[str]:
    """Which of these ids the curated files created (the seeder's create entries)."""
    if not ids:
        return set()
    log = tables.audit_log
    found = set()
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        query = select(log.c.event_id).where(log.c.action == "create", log.c.who == SEEDER, log.c.event_id.in_(chunk))
        found.update(connection.execute(query).scalars())
    return found


def _mark(connection: Connection) -> str:
    return "%s" if connection.dialect.name == "postgresql" else "?"


def _insert_fresh(
    connection: Connection, values: dict[str, list], positions: list[int], origins: list[str], who: str
) -> None:
    if not positions:
        return
    everything = len(positions) == len(values["event_id"])
    pick = [
        values[name] if everything else [values[name][position] for position in positions] for name in STORED_COLUMNS
    ]
    event_rows = list(zip(*pick, strict=True))
    sources: dict[str, dict] = {}
    link_rows = []
    for position in positions:
        cited = values["source_ids"][position]
        for order, source_id in enumerate(cited):
            if source_id not in sources:
                sources[source_id] = {
                    "source_id": source_id,
                    "name": values["source_name"][position],
                    "title": "",
                    "url": values["source_url"][position] or "",
                    "lang": values["source_lang"][position],
                    "published": None,
                    "published_estimated": False,
                    "accessed": None,
                }
            first = order == 0
            link_rows.append(
                (
                    values["event_id"][position],
                    source_id,
                    order,
                    values["quote"][position] if first else None,
                    values["date_text"][position] if first else None,
                    None,
                )
            )
    stamp = values["created_at"][positions[0]]
    audit_rows = [
        (stamp, who, values["event_id"][position], "create", 1, origins.audit_json(position)) for position in positions
    ]
    insert_missing(connection, tables.sources, list(sources.values()))
    _bulk_insert(connection, "events", STORED_COLUMNS, event_rows)
    _bulk_insert(
        connection,
        "event_sources",
        ("event_id", "source_id", "position", "quote", "date_text", "merged_from"),
        link_rows,
    )
    _bulk_insert(connection, "audit_log", ("at", "who", "event_id", "action", "version", "changes"), audit_rows)


def _bulk_insert(connection: Connection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """PostgreSQL: COPY; SQLite: one prepared INSERT run for every row (executemany)."""
    if not rows:
        return
    cursor = connection.connection.cursor()
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", rows
            )
    finally:
        cursor.close()


def _apply_updates(connection: Connection, values: dict[str, list], updates: list, who: str, stamp_text: str) -> None:
    if not updates:
        return
    mark = _mark(connection)
    assignments = ", ".join(f"{name} = {mark}" for name in COMPARED_COLUMNS)
    statement = f"UPDATE events SET {assignments}, version = version + 1, updated_at = {mark} WHERE event_id = {mark} AND version = {mark}"
    rows = [
        (*(values[name][position] for name in COMPARED_COLUMNS), stamp_text, row["event_id"], row["version"])
        for position, row, _ in updates
    ]
    audit_rows = [
        (
            stamp_text,
            who,
            row["event_id"],
            IMPORT_UPDATE,
            row["version"] + 1,
            json.dumps(changes, ensure_ascii=False, sort_keys=True),
        )
        for _, row, changes in updates
    ]
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(statement, rows)
    finally:
        cursor.close()
    _bulk_insert(connection, "audit_log", ("at", "who", "event_id", "action", "version", "changes"), audit_rows)


def _text(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    return None if value is None else str(value)


def _comparable(value: object, name: str) -> object:
    if value is None:
        return None
    kind = FIELDS_BY_NAME[name].kind
    if kind == "number":
        return float(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    return str(value)


def _jsonable(value: object, name: str) -> object:
    comparable = _comparable(value, name)
    if FIELDS_BY_NAME[name].kind == "names" and comparable is not None:
        return json.loads(comparable)
    return comparable
