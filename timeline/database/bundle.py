"""Backup and restore: the whole store as one JSON file, restored only into an empty store."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    String,
    Table,
    Text,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError

from timeline.database import tables
from timeline.database.bundle_checks import check_bundle
from timeline.database.column_types import JsonText, NameList, UtcDateTime, utc_now
from timeline.database.engine import safe_url, write_transaction
from timeline.database.errors import BundleError, StoreError, shortened
from timeline.database.migrations import current_version
from timeline.database.permissions import LOCAL_ANALYST, guarded

FORMAT = "policy-timeline-bundle"
FORMAT_VERSION = (
    2  # 2: every table of the store at its schema version; 1: events, sources, links, actors, aliases, audit log
)
# Keys and names are indexed: PostgreSQL refuses an index entry over about 2,700 bytes (4 per character at worst).
MAX_KEY_CHARACTERS = 500
MAX_TEXT_CHARACTERS = 1_000_000
# The store's integer columns are PostgreSQL `integer`s.
INTEGER_RANGE = range(-(2**31), 2**31)


@guarded("backup")
def export_bundle(engine: Engine, path: str | Path, who: str = LOCAL_ANALYST) -> Path:
    """Write every table of the store (events, feeds, threads, briefings, views…) to one JSON file, atomically."""
    path = Path(path)
    if path.is_dir():
        raise BundleError(f"{path}: is a folder; give the name of the bundle file to write")
    if not path.parent.is_dir():
        raise BundleError(f"{path}: folder {path.parent} does not exist")
    with engine.connect() as connection, connection.begin():
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": current_version(connection),
            "exported_at": utc_now().isoformat(),
            "tables": {
                table.name: [encode_row(table, row) for row in table_rows(connection, table)]
                for table in tables.ALL_TABLES
            },
        }
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)  # a crash mid-write never leaves a truncated bundle under the real name
    except OSError as error:
        raise BundleError(f"{path}: cannot be written ({error.strerror or error})") from None
    finally:
        partial.unlink(missing_ok=True)  # after a failure nothing is left behind, after success it is gone already
    return path


@guarded("restore")
def import_bundle(engine: Engine, path: str | Path, who: str = LOCAL_ANALYST, replace: bool = False) -> dict[str, int]:
    """Restore a bundle into an empty store, all or nothing; return the rows restored per table.

    `replace` empties a store that holds data first, in the same transaction (accounts stay: they are
    the deployment's, not the data's).

    The whole bundle is checked before the first write (cells, keys, links, the event schema), and
    everything is written in one transaction: a refused bundle leaves the store as it was.
    """
    path = Path(path)
    document = read_document(path)
    schema_version = document["schema_version"]
    decoded = {
        table.name: decode_rows(
            path, table, _with_added_columns(table, document["tables"].get(table.name, []), schema_version)
        )
        for table in tables.ALL_TABLES
    }
    check_bundle(path, decoded)
    try:
        return _write_bundle(engine, path, decoded, replace)
    except SQLAlchemyError as error:
        # Checked above, so this is the database's own refusal; the transaction was rolled back.
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise BundleError(f"{path}: the database refused the bundle, nothing was restored ({reason})") from None


def _with_added_columns(table: Table, rows: list, schema_version: int) -> list:
    """An older bundle's rows with the columns later versions added, at the value its rows stand for."""
    added = tables.added_columns(table.name, schema_version)
    if not added:
        return rows
    return [{**added, **row} if isinstance(row, dict) else row for row in rows]


def _write_bundle(engine: Engine, path: Path, decoded: dict[str, list[dict]], replace: bool) -> dict[str, int]:
    with write_transaction(engine) as connection:
        held = {table.name: count(connection, table) for table in tables.ALL_TABLES}
        if any(held.values()) and replace:
            for table in reversed(tables.ALL_TABLES):  # children before parents
                connection.execute(table.delete())
        elif any(held.values()):
            filled = ", ".join(f"{number} {name}" for name, number in held.items() if number)
            raise StoreError(
                f"cannot restore {path}: the store at {safe_url(engine)} is not empty ({filled}); "
                "restore a bundle into a new, empty database, or replace what it holds (restore --replace)"
            )
        for table in tables.ALL_TABLES:
            if decoded[table.name]:
                connection.execute(insert(table), decoded[table.name])
        if connection.dialect.name == "postgresql":
            # Restored ids (audit log, fetch log, thread log, briefings) were given explicitly; move each
            # id sequence past them, or the next entry would collide with a restored one.
            for table in numbered_tables():
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
    return {name: len(rows) for name, rows in decoded.items()}


def holds_data(engine: Engine) -> bool:
    """Whether any table a bundle carries has a row: what a restore would have to replace."""
    with engine.connect() as connection:
        return any(count(connection, table) for table in tables.ALL_TABLES)


def numbered_tables() -> list[Table]:
    """The tables whose key is a number the database hands out."""
    return [table for table in tables.ALL_TABLES if "id" in table.c and table.c.id.autoincrement is True]


def table_rows(connection: Connection, table: Table) -> list:
    """A table's rows in primary-key order, so two exports of one store are the same file but for the time."""
    return connection.execute(select(table).order_by(*table.primary_key.columns)).all()


def count(connection: Connection, table: Table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def encode_row(table: Table, row) -> dict:
    """A row as JSON values: dates and times as ISO text, lists as arrays."""
    encoded = {}
    for column in table.columns:
        value = row._mapping[column.name]
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        encoded[column.name] = value
    return encoded


def read_document(path: Path) -> dict:
    """The bundle's JSON, checked to be one of ours, of a version this code can restore."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as error:
        raise BundleError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (ValueError, RecursionError) as error:
        # ValueError covers malformed JSON, bad UTF-8 and numbers too long to convert.
        raise BundleError(f"{path}: not a JSON bundle ({shortened(str(error) or type(error).__name__)})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError(f'{path}: not a Policy Timeline bundle (no "format": "{FORMAT}")')
    format_version = document.get("format_version")
    if (
        not isinstance(format_version, int)
        or isinstance(format_version, bool)
        or format_version not in tables.BUNDLE_VERSIONS
    ):
        readable = " or ".join(str(version) for version in tables.BUNDLE_VERSIONS)
        raise BundleError(f"{path}: bundle format version {format_version!r}; this code reads {readable}")
    if document.get("schema_version") not in tables.BUNDLE_VERSIONS[format_version]:
        raise BundleError(
            f"{path}: written at schema version {document.get('schema_version')!r}; this code restores version "
            f"{tables.LATEST_VERSION} (restore it with the matching release, then export again)"
        )
    found = document.get("tables")
    if not isinstance(found, dict):
        raise BundleError(f'{path}: has no "tables" object')
    carried = tables.bundled_tables(format_version, document["schema_version"])
    for table in carried:
        if not isinstance(found.get(table.name), list):
            raise BundleError(f"{path}: table {table.name!r} is missing or not a list of rows")
    unknown = sorted(set(found) - {table.name for table in carried})
    if unknown:
        raise BundleError(f"{path}: unknown table(s) {', '.join(unknown)}")
    return document


def decode_rows(path: Path, table: Table, rows: list) -> list[dict]:
    """JSON rows back to column values; the first bad cell is named by table, row and column."""
    names = [column.name for column in table.columns]
    decoded = []
    for number, row in enumerate(rows, start=1):
        where = f"{path}: table {table.name!r}, row {number}"
        if not isinstance(row, dict):
            raise BundleError(f"{where}: not an object")
        if set(row) != set(names):
            missing, extra = sorted(set(names) - set(row)), sorted(set(row) - set(names))
            raise BundleError(f"{where}: missing column(s) {missing or 'none'}, unknown column(s) {extra or 'none'}")
        values = {}
        for column in table.columns:
            try:
                values[column.name] = decode_value(column, row[column.name])
            except (TypeError, ValueError, OverflowError) as error:
                raise BundleError(f"{where}, column {column.name!r}: {shortened(str(error))}") from None
        decoded.append(values)
    return decoded


def decode_value(column, value: object) -> object:
    """One JSON cell as the column's Python value, refusing a value of the wrong kind."""
    if value is None:
        if not column.nullable:
            raise ValueError("is required but null")
        return None
    kind = column.type
    if isinstance(kind, UtcDateTime):
        moment = dt.datetime.fromisoformat(_text(value, 64))
        if moment.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone")
        moment.astimezone(dt.UTC)  # raises OverflowError at the edges of the calendar, as storing it would
        return moment
    if isinstance(kind, Date):
        return dt.date.fromisoformat(_text(value, 64))
    if isinstance(kind, NameList):
        if not isinstance(value, list):
            raise ValueError(f"{shortened(repr(value))} is not a list of names")
        return tuple(_text(item, MAX_KEY_CHARACTERS) for item in value)
    if isinstance(kind, JsonText):
        return value  # its shape is checked per table, in bundle_checks
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{shortened(repr(value))} is not a whole number")
        if value not in INTEGER_RANGE:
            raise ValueError(f"{shortened(str(value))} is out of range")
        return value
    if isinstance(kind, Float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"{shortened(repr(value))} is not a number")
        number = float(value)  # OverflowError for an integer too large for a float
        if not math.isfinite(number):
            raise ValueError(f"{value!r} is not a finite number")
        return number
    return _text(value, MAX_KEY_CHARACTERS if isinstance(kind, String) and not isinstance(kind, Text) else None)


def _text(value: object, limit: int | None = None) -> str:
    """A text cell the database can hold: a string of valid Unicode, no NUL, not too long."""
    if not isinstance(value, str):
        raise ValueError(f"{shortened(repr(value))} is not text")
    if "\x00" in value:
        raise ValueError("holds a NUL character")
    limit = limit or MAX_TEXT_CHARACTERS
    if len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long; at most {limit:,} fit")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{shortened(repr(value))} is not valid Unicode (a lone surrogate)") from None
    return value
