"""Where the store lives and how to open it: SQLite by default, any SQLAlchemy URL when one is set."""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from timeline.database.errors import DatabaseUnavailableError
from timeline.paths import PROJECT_ROOT

URL_VARIABLE = "POLICY_TIMELINE_DB"
DEFAULT_PATH = PROJECT_ROOT / "var" / "policy_timeline.sqlite"
# How long a SQLite writer waits for another writer's transaction before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE = "policy_timeline_write"
# user:password@ in anything that looks like an address, and password=... in a query string.
_USER_PASSWORD = re.compile(r"([^\s:/@'\"]+):[^@\s/'\"]*@")
_PASSWORD_PARAMETER = re.compile(r"(password=)[^&\s'\"]*", re.IGNORECASE)


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else $POLICY_TIMELINE_DB, else the SQLite file under var/."""
    if url:
        return url
    if os.environ.get(URL_VARIABLE):
        return os.environ[URL_VARIABLE]
    return f"sqlite:///{DEFAULT_PATH}"


def safe_url(url: str | Engine) -> str:
    """The URL as it may be shown to a person: the password masked, even in text SQLAlchemy cannot parse."""
    try:
        parsed = url.url if isinstance(url, Engine) else make_url(url)
        rendered = parsed.render_as_string(hide_password=True)
    except (ArgumentError, ValueError, TypeError):
        rendered = str(url)
    return mask_credentials(rendered)  # also a password given as a query parameter


def mask_credentials(text: str) -> str:
    """`text` with every user:password@ and password=... in it masked: for messages and logs."""
    return _PASSWORD_PARAMETER.sub(r"\1***", _USER_PASSWORD.sub(r"\1:***@", text))


def create_store_engine(url: str | None = None) -> Engine:
    """An Engine for the resolved URL that answers a query; SQLite's file and folder are created on first use."""
    resolved = database_url(url)
    try:
        parsed = make_url(resolved)
        parsed.port  # noqa: B018 - a port that is not a number raises only when read
    except (ArgumentError, ValueError, TypeError) as error:
        reason = "its port is not a number" if "int()" in str(error) else "e.g. sqlite:///path.sqlite"
        raise DatabaseUnavailableError(f"{safe_url(resolved)!r} is not a database URL ({reason})") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = _sqlite_engine(parsed)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as error:
        raise DatabaseUnavailableError(f"cannot open {safe_url(resolved)}: no driver ({error})") from None
    except (ArgumentError, TypeError, ValueError) as error:
        raise DatabaseUnavailableError(f"cannot open {safe_url(resolved)}: {mask_credentials(str(error))}") from None
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (DBAPIError, TypeError, ValueError) as error:
        # TypeError and ValueError: options in the URL's query that the driver does not take.
        engine.dispose()
        orig = getattr(error, "orig", None) or error
        reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(error).__name__
        raise DatabaseUnavailableError(
            f"cannot reach the database at {safe_url(resolved)}: {mask_credentials(reason)}"
        ) from None
    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that will write: committed at the end of the block, rolled back on any error."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE: True})
        with connection.begin():
            yield connection


def serialize(connection: Connection, purpose: str) -> None:
    """Make concurrent transactions doing `purpose` (migrating, seeding) run one after the other.

    SQLite writers already do (BEGIN IMMEDIATE); PostgreSQL ones take a transaction-scoped advisory lock.
    """
    if connection.dialect.name == "postgresql":
        key = zlib.crc32(f"policy-timeline:{purpose}".encode())
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def refresh_statistics(engine: Engine, tables: tuple[str, ...]) -> None:
    """Let PostgreSQL's planner see how big `tables` are now (nothing to do on SQLite).

    PostgreSQL plans a session's foreign-key checks once, from the statistics of that moment: for a
    table that has since grown from nearly empty, every inserted row's check becomes a full scan.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE " + ", ".join(tables)))


def _sqlite_engine(parsed) -> Engine:
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseUnavailableError(f"cannot create {folder} for {safe_url(parsed)}: {error.strerror}") from None
    engine = create_engine(parsed)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # Let the "begin" hook below issue BEGIN itself, so a writer can take the write lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL lets the dashboard read while an import writes, and survives a killed writer.
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # A deferred transaction that later writes can deadlock with another writer (SQLITE_BUSY at
        # once, no waiting); BEGIN IMMEDIATE queues writers behind the busy timeout instead.
        immediate = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
