"""Backup and restore: the whole store as one JSON file, restored only into an empty store."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from sqlalchemy import Boolean, Connection, Date, Engine, Float, Integer, Table, func, insert, select, text

from timeline.database import tables
from timeline.database.column_types import JsonText, NameList, UtcDateTime, utc_now
from timeline.database.engine import safe_url, write_transaction
from timeline.database.errors import BundleError, StoreError
from timeline.database.migrations import current_version

FORMAT = "policy-timeline-bundle"
FORMAT_VERSION = 1


def export_bundle(engine: Engine, path: str | Path) -> Path:
    """Write every table (events, sources, links, actors, aliases, audit log) to one JSON file, atomically."""
    path = Path(path)
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
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)  # a crash mid-write never leaves a truncated bundle under the real name
    return path


def import_bundle(engine: Engine, path: str | Path) -> dict[str, int]:
    """Restore a bundle into an empty store, all or nothing; return the rows restored per table."""
    path = Path(path)
    document = read_document(path)
    decoded = {table.name: decode_rows(path, table, document["tables"][table.name]) for table in tables.ALL_TABLES}
    with write_transaction(engine) as connection:
        held = {table.name: count(connection, table) for table in tables.ALL_TABLES}
        if any(held.values()):
            filled = ", ".join(f"{number} {name}" for name, number in held.items() if number)
            raise StoreError(
                f"cannot restore {path}: the store at {safe_url(engine)} is not empty ({filled}); "
                "restore a bundle only into a new, empty database"
            )
        for table in tables.ALL_TABLES:
            if decoded[table.name]:
                connection.execute(insert(table), decoded[table.name])
        if connection.dialect.name == "postgresql":
            # Restored audit ids were given explicitly; move the id sequence past them.
            connection.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
                    "COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)"
                )
            )
    return {name: len(rows) for name, rows in decoded.items()}


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
        raise BundleError(f"{path}: cannot be read ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BundleError(f"{path}: not a JSON bundle ({error})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BundleError(f'{path}: not a Policy Timeline bundle (no "format": "{FORMAT}")')
    if document.get("format_version") != FORMAT_VERSION:
        raise BundleError(
            f"{path}: bundle format version {document.get('format_version')!r}; this code reads {FORMAT_VERSION}"
        )
    if document.get("schema_version") not in tables.BUNDLE_VERSIONS:
        raise BundleError(
            f"{path}: written at schema version {document.get('schema_version')!r}; this code restores version "
            f"{tables.LATEST_VERSION} (restore it with the matching release, then export again)"
        )
    found = document.get("tables")
    if not isinstance(found, dict):
        raise BundleError(f'{path}: has no "tables" object')
    for table in tables.ALL_TABLES:
        if not isinstance(found.get(table.name), list):
            raise BundleError(f"{path}: table {table.name!r} is missing or not a list of rows")
    unknown = sorted(set(found) - {table.name for table in tables.ALL_TABLES})
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
            except (TypeError, ValueError) as error:
                raise BundleError(f"{where}, column {column.name!r}: {error}") from None
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
        moment = dt.datetime.fromisoformat(_text(value))
        if moment.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone")
        return moment
    if isinstance(kind, Date):
        return dt.date.fromisoformat(_text(value))
    if isinstance(kind, NameList):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError(f"{value!r} is not a list of names")
        return tuple(value)
    if isinstance(kind, JsonText):
        return value
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{value!r} is not a whole number")
        return value
    if isinstance(kind, Float):
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        return float(value)
    return _text(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value
