"""Schema version 1: the tables as first shipped. Frozen: a later change is a new step that builds on these."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from timeline.database.column_types import JsonText, NameList, UtcDateTime


def declare(metadata: MetaData) -> None:
    """Add version 1's tables to `metadata` (the model the code queries is every step's declarations in turn)."""
    Table(
        "events",
        metadata,
        Column("event_id", String, primary_key=True),
        Column("title", Text, nullable=False),
        Column("summary", Text),
        Column("date_start", Date, nullable=False),
        Column("date_end", Date, nullable=False),
        Column("date_precision", String, nullable=False),
        Column("date_text", Text, nullable=False),
        Column("category", String, nullable=False),
        Column("actors", NameList, nullable=False),
        Column("countries", NameList, nullable=False),
        Column("location", Text),
        Column("source_name", Text, nullable=False),
        Column("source_url", Text),
        Column("source_lang", String, nullable=False),
        Column("published", Date),
        Column("quote", Text),
        Column("status", String, nullable=False),
        Column("confidence", Float, nullable=False),
        Column("version", Integer, nullable=False),
        Column("first_seen", UtcDateTime, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
        Column("deleted_at", UtcDateTime),
        Column("deleted_reason", String),
        Column("merged_into", String),
        Index("events_by_date", "date_start"),
    )
    Table(
        "sources",
        metadata,
        Column("source_id", String, primary_key=True),
        Column("name", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("url", Text, nullable=False),
        Column("lang", String, nullable=False),
        Column("published", Date),
        Column("published_estimated", Boolean, nullable=False),
        Column("accessed", Date),
    )
    Table(
        "event_sources",
        metadata,
        Column("event_id", String, ForeignKey("events.event_id"), primary_key=True),
        Column("source_id", String, ForeignKey("sources.source_id"), primary_key=True),
        Column("position", Integer, nullable=False),
        Column("quote", Text),
        Column("date_text", Text),
        Column("merged_from", String),
        Index("event_sources_by_source", "source_id"),
    )
    Table(
        "actors",
        metadata,
        Column("name", String, primary_key=True),
        Column("kind", String, nullable=False),
        Column("country", String),
        Column("terms", JsonText, nullable=False),
    )
    Table(
        "actor_aliases",
        metadata,
        Column("actor_name", String, ForeignKey("actors.name"), primary_key=True),
        Column("lang", String, primary_key=True),
        Column("position", Integer, primary_key=True),
        Column("alias", Text, nullable=False),
    )
    Table(
        "audit_log",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("event_id", String, nullable=False),
        Column("action", String, nullable=False),
        Column("version", Integer),
        Column("changes", JsonText, nullable=False),
        Index("audit_log_by_event", "event_id", "id"),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Create version 1's tables in the database; `metadata` is the model as declared through this step."""
    metadata.create_all(connection)
