"""The persistent store: events, sources, actors and an audit log in SQLite (default) or PostgreSQL.

Open it with `open_store()` (URL: argument, else $POLICY_TIMELINE_DB, else var/policy_timeline.sqlite),
then `ensure_seeded(engine)` on first run; every function below takes the returned Engine.
"""

from __future__ import annotations

from sqlalchemy import Engine

from timeline.database.audit import AuditEntry, audit_trail, changed_since, store_revision
from timeline.database.bundle import export_bundle, import_bundle
from timeline.database.duplicates import DuplicateGroup, find_duplicates, matches_for
from timeline.database.engine import create_store_engine, database_url, safe_url
from timeline.database.errors import (
    BundleError,
    ConflictError,
    DatabaseUnavailableError,
    DuplicateEventError,
    NotFoundError,
    StoreError,
)
from timeline.database.importing import ImportResult, import_frame
from timeline.database.merging import merge_events, split_event
from timeline.database.migrations import migrate
from timeline.database.permissions import Identity, PermissionDenied, set_mode, team_mode
from timeline.database.records import StoredEvent, read_event
from timeline.database.repository import (
    add_events,
    delete_event,
    read_events,
    read_source_urls,
    set_status,
    stored_ids,
    undo_delete,
    update_event,
)
from timeline.database.seeding import ensure_seeded
from timeline.database.sources import read_sources


def open_store(url: str | None = None, team: bool | None = None) -> Engine:
    """An Engine on a reachable database brought to the latest schema version.

    `team` fixes whether its writes need a signed-in identity; by default the settings say
    (timeline.database.permissions.team_mode: always on a server database).
    """
    engine = create_store_engine(url)
    migrate(engine)
    if team is not None:
        set_mode(engine, team)
    return engine


__all__ = [
    "AuditEntry",
    "BundleError",
    "ConflictError",
    "DatabaseUnavailableError",
    "DuplicateEventError",
    "DuplicateGroup",
    "Identity",
    "ImportResult",
    "NotFoundError",
    "PermissionDenied",
    "StoreError",
    "StoredEvent",
    "add_events",
    "audit_trail",
    "changed_since",
    "database_url",
    "delete_event",
    "ensure_seeded",
    "export_bundle",
    "find_duplicates",
    "matches_for",
    "import_bundle",
    "import_frame",
    "merge_events",
    "migrate",
    "open_store",
    "read_event",
    "read_events",
    "read_source_urls",
    "read_sources",
    "safe_url",
    "set_status",
    "stored_ids",
    "team_mode",
    "split_event",
    "store_revision",
    "undo_delete",
    "update_event",
]
