"""Schema version 4: accounts that may sign in to a team's store, and a log of changes to them."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Index, Integer, MetaData, String, Table, Text

from timeline.database.column_types import JsonText, UtcDateTime

TABLES = ("accounts", "account_log")


def declare(metadata: MetaData) -> None:
    """Add version 4's tables to `metadata`."""
    Table(
        "accounts",
        metadata,
        Column("name", String, primary_key=True),  # what the audit log records; an e-mail address for single sign-on
        Column("role", String, nullable=False),  # viewer, analyst, reviewer, admin
        Column("password_hash", Text),  # Argon2id; None: signs in through the identity provider only
        Column("disabled_at", UtcDateTime),
        Column("failed_sign_ins", Integer, nullable=False),  # in a row, since the last success
        Column("locked_until", UtcDateTime),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
    )
    Table(
        "account_log",  # who created, changed or locked which account, and when (never a password or hash)
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("who", Text, nullable=False),
        Column("account", String, nullable=False),
        Column("action", String, nullable=False),  # add, set_role, disable, enable, reset_password, lock, sign_in
        Column("changes", JsonText, nullable=False),
        Index("account_log_by_account", "account", "id"),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Create version 4's tables; earlier ones are left as they are."""
    for name in TABLES:
        metadata.tables[name].create(connection)
