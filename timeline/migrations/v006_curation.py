"""Schema version 6: hand curation — free tags on events, analysts' notes, and the log of source edits."""

from __future__ import annotations

from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, MetaData, String, Table, Text

from timeline.database.column_types import JsonText, UtcDateTime

TABLES = ("event_tags", "event_notes", "source_log")


def declare(metadata: MetaData) -> None:
    """Add version 6's tables to `metadata`."""
    Table(
        "event_tags",
        metadata,
        Column("event_id", String, ForeignKey("events.event_id"), primary_key=True),
        Column("tag", Text, primary_key=True),
        Index("event_tags_by_tag", "tag"),
    )
    Table(
        "event_notes",  # analysts' remarks on an event: kept, never edited, shown as plain text
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String, ForeignKey("events.event_id"), nullable=False),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("text", Text, nullable=False),
        Index("event_notes_by_event", "event_id", "id"),
    )
    Table(
        "source_log",  # the sources' audit log: who changed which source, when, old and new values
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("source_id", String, nullable=False),
        Column("action", String, nullable=False),  # create, update
        Column("changes", JsonText, nullable=False),
        Index("source_log_by_source", "source_id", "id"),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Create version 6's tables; earlier ones are left as they are."""
    for name in TABLES:
        metadata.tables[name].create(connection)
