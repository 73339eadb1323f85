"""Schema version 5: the actor registry is edited in the store: an actor can be disabled or merged, and each change is logged."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Connection, Index, Integer, MetaData, String, Table, Text, false, text

from timeline.database.column_types import JsonText, UtcDateTime


def declare(metadata: MetaData) -> None:
    """Add version 5's columns and table to `metadata`."""
    actors = metadata.tables["actors"]
    # A disabled actor is no longer offered for new events; events naming it keep the name.
    actors.append_column(Column("disabled", Boolean, nullable=False, server_default=false()))
    # Set when the actor was merged into another: its events and aliases moved there.
    actors.append_column(Column("merged_into", String))
    Table(
        "actor_log",  # the registry's audit log: who added, edited, disabled, merged (or undid a merge), when
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("actor_name", String, nullable=False),
        Column("action", String, nullable=False),  # add, edit, disable, enable, merge, undo_merge, alias
        Column("changes", JsonText, nullable=False),
        Index("actor_log_by_actor", "actor_name", "id"),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Add the two columns to the existing actors table and create the log."""
    connection.execute(text("ALTER TABLE actors ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE"))
    connection.execute(text("ALTER TABLE actors ADD COLUMN merged_into VARCHAR"))
    metadata.tables["actor_log"].create(connection)
