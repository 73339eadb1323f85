"""Schema version 3: policy threads, their log and suggested links; briefings with the events they showed; saved views."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Connection, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

from timeline.database.column_types import JsonText, UtcDateTime

TABLES = (
    "threads",
    "thread_events",
    "thread_log",
    "thread_suggestions",
    "briefings",
    "briefing_events",
    "briefing_threads",
    "saved_views",
    "view_visits",
)


def declare(metadata: MetaData) -> None:
    """Add version 3's tables to `metadata`."""
    Table(
        "threads",
        metadata,
        Column("thread_id", String, primary_key=True),
        Column("name", Text, nullable=False),
        Column("summary", Text, nullable=False),
        Column("version", Integer, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
    )
    Table(
        "thread_events",
        metadata,
        Column("thread_id", String, ForeignKey("threads.thread_id"), primary_key=True),
        Column("event_id", String, ForeignKey("events.event_id"), primary_key=True),
        Column("stage", String, nullable=False),
        Index("thread_events_by_event", "event_id"),
    )
    Table(
        "thread_log",  # the threads' audit log: who changed which thread, when, old and new values
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("thread_id", String, nullable=False),
        Column("action", String, nullable=False),  # create, update, link, unlink, stage
        Column("event_id", String),
        Column("changes", JsonText, nullable=False),
        Index("thread_log_by_thread", "thread_id", "id"),
    )
    Table(
        "thread_suggestions",  # threads a new event may belong to, waiting for an analyst in Review
        metadata,
        Column("event_id", String, ForeignKey("events.event_id"), primary_key=True),
        Column("thread_id", String, ForeignKey("threads.thread_id"), primary_key=True),
        Column("stage", String, nullable=False),
        Column("score", Float, nullable=False),
        Column("reason", Text, nullable=False),
        Column("status", String, nullable=False),  # pending, accepted, rejected
        Column("suggested_at", UtcDateTime, nullable=False),
        Column("decided_by", Text),
        Column("decided_at", UtcDateTime),
        Index("thread_suggestions_by_status", "status"),
    )
    Table(
        "briefings",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("filters", JsonText, nullable=False),  # the view, as URL query parameters
        Column("description", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("format", String, nullable=False),
        Column("revision", Integer, nullable=False),  # the audit log's last entry when it was exported
        Column("event_count", Integer, nullable=False),
    )
    Table(
        "briefing_events",
        metadata,
        Column("briefing_id", Integer, ForeignKey("briefings.id"), primary_key=True),
        Column("event_id", String, primary_key=True),
        Column("version", Integer, nullable=False),
    )
    Table(
        "briefing_threads",
        metadata,
        Column("briefing_id", Integer, ForeignKey("briefings.id"), primary_key=True),
        Column("thread_id", String, primary_key=True),
        Column("stage", String),  # None: no stage reached yet
    )
    declare_saved_views(metadata)


def declare_saved_views(metadata: MetaData) -> None:
    """Named views saved for the team, and when each analyst last opened each one."""
    Table(
        "saved_views",
        metadata,
        Column("name", Text, primary_key=True),
        Column("filters", JsonText, nullable=False),  # as URL query parameters
        Column("description", Text, nullable=False),
        Column("watched", Boolean, nullable=False),
        Column("created_by", Text, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
    )
    Table(
        "view_visits",
        metadata,
        Column("name", Text, ForeignKey("saved_views.name"), primary_key=True),
        Column("analyst", Text, primary_key=True),
        Column("opened_at", UtcDateTime, nullable=False),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Create version 3's tables; earlier ones are left as they are."""
    for name in TABLES:
        metadata.tables[name].create(connection)
