"""Bring a database to the latest schema version, recording each applied step in schema_version."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, func, insert, select

from timeline.database.column_types import UtcDateTime, utc_now
from timeline.database.engine import safe_url, serialize, write_transaction
from timeline.database.errors import StoreError
from timeline.migrations import MIGRATIONS, model_through

_bookkeeping = MetaData()
schema_version = Table(
    "schema_version",
    _bookkeeping,
    Column("version", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("applied_at", UtcDateTime, nullable=False),
)


def current_version(connection: Connection) -> int:
    """The highest applied step, 0 for a database the store has never touched."""
    if not connection.dialect.has_table(connection, "schema_version"):
        return 0
    return connection.execute(select(func.coalesce(func.max(schema_version.c.version), 0))).scalar_one()


def migrate(engine: Engine) -> int:
    """Apply every missing step in one transaction; return the version the database is now at."""
    latest = MIGRATIONS[-1].version
    with write_transaction(engine) as connection:
        serialize(connection, "migrate")
        schema_version.create(connection, checkfirst=True)
        found = current_version(connection)
        if found > latest:
            raise StoreError(
                f"the database at {safe_url(engine)} is at schema version {found}, newer than this code's "
                f"{latest}; update the code before using it"
            )
        for migration in MIGRATIONS:
            if migration.version > found:
                migration.upgrade(connection, model_through(migration.version))
                connection.execute(
                    insert(schema_version).values(version=migration.version, name=migration.name, applied_at=utc_now())
                )
    return latest
