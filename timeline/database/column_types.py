"""Column types that behave the same on SQLite and PostgreSQL: UTC timestamps and lists of names."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import DateTime, Text
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator):
    """A moment stored as naive UTC and read back as an aware UTC datetime, whatever the backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"timestamp {value} has no time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class NameList(TypeDecorator):
    """A tuple of strings kept as a JSON array in a text column (order matters: the first actor leads)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect) -> str | None:
        if value is None:
            return None
        return json.dumps([str(item) for item in value], ensure_ascii=False)

    def process_result_value(self, value: str | None, dialect) -> tuple[str, ...] | None:
        return None if value is None else tuple(json.loads(value))


class JsonText(TypeDecorator):
    """Any JSON value in a text column: the audit log's field changes, an actor's terms."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: str | None, dialect):
        return None if value is None else json.loads(value)


def utc_now() -> dt.datetime:
    """Now, in UTC, to the microsecond both backends keep."""
    return dt.datetime.now(dt.UTC)
