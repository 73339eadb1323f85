"""Conversions between the schema's event frame and plain row values the database stores."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

from timeline.schema import COLUMNS, FIELDS, FIELDS_BY_NAME, enforce_schema

# Every schema column but source_ids, which lives in the event_sources table.
EVENT_COLUMNS = tuple(name for name in COLUMNS if name != "source_ids")


def plain(value: object, kind: str) -> object:
    """A frame cell as the database keeps it: None for blanks, dates as date, names as a tuple."""
    if not isinstance(value, (tuple, list)) and pd.isna(value):
        return () if kind == "names" else None
    if kind == "date":
        return pd.Timestamp(value).date()
    if kind == "names":
        return tuple(str(item) for item in value)
    if kind == "number":
        return float(value)
    return str(value)


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """Each row of a schema-checked frame as a dict of plain values, source_ids included."""
    columns = {field.name: [plain(value, field.kind) for value in frame[field.name].tolist()] for field in FIELDS}
    return [dict(zip(COLUMNS, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def records_frame(records: Iterable[Mapping], origin: str) -> pd.DataFrame:
    """A schema-checked frame from dicts holding every schema column."""
    rows = [{name: record[name] for name in COLUMNS} for record in records]
    return enforce_schema(pd.DataFrame(rows, columns=list(COLUMNS)), origin=origin)


def checked_record(record: Mapping, origin: str) -> dict:
    """One event's values cast and checked by the schema, as plain values (raises SchemaError)."""
    return frame_records(records_frame([record], origin))[0]


def jsonable(value: object) -> object:
    """A plain value as JSON can hold it, for the audit log and bundles."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def field_kind(name: str) -> str:
    return FIELDS_BY_NAME[name].kind
