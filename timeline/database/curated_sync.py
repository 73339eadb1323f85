"""Keep the store in step with the curated files: data/ stays the reviewable source of curated facts.

On each start the curated events, sources and actors are compared with the store. New ones are
added (an actor an analyst has curated in the store is left as the analyst left it); a curated event whose file entry changed is updated, unless an analyst has edited it in the
store since, in which case the analyst's version is kept and reported. Nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from loaders import curated
from timeline.actors import ActorRegistry, load_registry
from timeline.database import tables
from timeline.database.actor_registry import analyst_touched
from timeline.database.audit import audit_trail
from timeline.database.engine import write_transaction
from timeline.database.event_rows import frame_records
from timeline.database.records import read_event
from timeline.database.repository import NOT_EDITABLE, existing_ids, insert_events, update_event
from timeline.database.seeding import SEEDER, insert_actors
from timeline.database.sources import insert_missing, source_records
from timeline.paths import DATA_DIR


@dataclass
class SyncResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_analyst_edits: list[str] = field(default_factory=list)  # file changed, but an analyst edited since


def sync_curated(engine: Engine, data_dir: Path = DATA_DIR) -> SyncResult:
    """Bring curated additions and corrections from data/ into the store."""
    registry = load_registry(data_dir / "actors.yaml")
    sources = curated.load_sources(data_dir / "sources.yaml")
    events = curated.load(data_dir / "events.yaml", data_dir / "sources.yaml", data_dir / "actors.yaml")
    records = {record["event_id"]: record for record in frame_records(events)}
    result = SyncResult()
    with write_transaction(engine) as connection:
        # An actor an analyst added, edited, disabled or merged in the store keeps the analyst's version.
        touched = analyst_touched(connection)
        insert_actors(connection, ActorRegistry(tuple(actor for actor in registry.actors if actor.name not in touched)))
        insert_missing(connection, tables.sources, source_records(sources))
        known = existing_ids(connection, records)
        new = [record for event_id, record in records.items() if event_id not in known]
        if new:
            insert_events(connection, new, SEEDER)
            result.added = [record["event_id"] for record in new]
    for event_id in sorted(known):
        stored = read_event(engine, event_id)
        changes = {
            name: value
            for name, value in records[event_id].items()
            if name not in NOT_EDITABLE and name != "status" and stored.fields.get(name) != value
        }
        if not changes:
            continue
        if any(entry.who != SEEDER for entry in audit_trail(engine, event_id)):
            result.kept_analyst_edits.append(event_id)
            continue
        update_event(engine, event_id, changes, stored.version, SEEDER)
        result.updated.append(event_id)
    return result
