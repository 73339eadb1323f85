"""First run: fill an empty store from the curated files in data/, which stay the reviewable source of curated facts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from loaders import curated
from timeline.actors import ActorRegistry, load_registry
from timeline.database import tables
from timeline.database.engine import serialize, write_transaction
from timeline.database.event_rows import frame_records
from timeline.database.repository import insert_events
from timeline.database.sources import insert_missing, source_records
from timeline.paths import DATA_DIR

SEEDER = "curated data (data/)"


def ensure_seeded(engine: Engine, data_dir: Path = DATA_DIR) -> bool:
    """Import the curated actors, sources and events when the store has none; True when it did.

    Safe to call on every start, from several processes at once: only the first one imports.
    """
    with engine.connect() as connection:
        if not is_empty(connection):
            return False
    registry = load_registry(data_dir / "actors.yaml")
    sources = curated.load_sources(data_dir / "sources.yaml")
    events = curated.load(data_dir / "events.yaml", data_dir / "sources.yaml", data_dir / "actors.yaml")
    with write_transaction(engine) as connection:
        serialize(connection, "seed")
        if not is_empty(connection):  # another process seeded while we read the files
            return False
        insert_actors(connection, registry)
        insert_missing(connection, tables.sources, source_records(sources))
        insert_events(connection, frame_records(events), SEEDER)
    return True


def is_empty(connection: Connection) -> bool:
    """True when the store holds no event and no source."""
    for table in (tables.events, tables.sources):
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            return False
    return True


def insert_actors(connection: Connection, registry: ActorRegistry) -> None:
    """The actor registry into the actors and actor_aliases tables, keeping each language's alias order."""
    actor_rows = [
        {
            "name": actor.name,
            "kind": actor.kind,
            "country": actor.country,
            "terms": {label: list(span) for label, span in actor.terms.items()},
        }
        for actor in registry.actors
    ]
    alias_rows = [
        {"actor_name": actor.name, "lang": lang, "position": position, "alias": alias}
        for actor in registry.actors
        for lang, names in actor.aliases.items()
        for position, alias in enumerate(names)
    ]
    insert_missing(connection, tables.actors, actor_rows)
    insert_missing(connection, tables.actor_aliases, alias_rows)
