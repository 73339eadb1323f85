"""The store's schema history, one frozen module per step, applied once and in order.

Each step declares what it changes on the model (`declare(metadata)`) and how to change an existing
database (`upgrade(connection, metadata)`). The model the code queries, timeline.database.tables,
is every step's declarations in turn, so the two cannot drift apart. Never edit a shipped step; add
the next one (v002_...) and list it here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, MetaData

from timeline.migrations import (
    v001_initial,
    v002_feeds,
    v003_threads,
    v004_accounts,
    v005_actor_registry,
    v006_curation,
    v007_bulk_link_checks,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    declare: Callable[[MetaData], None]
    upgrade: Callable[[Connection, MetaData], None]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "events, sources, links, actors, audit log", v001_initial.declare, v001_initial.upgrade),
    Migration(2, "news feeds, fetched articles, sightings, fetch log", v002_feeds.declare, v002_feeds.upgrade),
    Migration(
        3,
        "policy threads, their log and suggested links; briefings; saved views",
        v003_threads.declare,
        v003_threads.upgrade,
    ),
    Migration(4, "accounts for a team's sign-in, and their log", v004_accounts.declare, v004_accounts.upgrade),
    Migration(
        5,
        "actor registry: disabled and merged actors, the registry's log",
        v005_actor_registry.declare,
        v005_actor_registry.upgrade,
    ),
    Migration(6, "event tags, analysts' notes, source edit log", v006_curation.declare, v006_curation.upgrade),
    Migration(
        7,
        "links to events checked once per statement on PostgreSQL",
        v007_bulk_link_checks.declare,
        v007_bulk_link_checks.upgrade,
    ),
)


def model_through(version: int) -> MetaData:
    """The tables as they stand after step `version`."""
    metadata = MetaData()
    for migration in MIGRATIONS:
        if migration.version <= version:
            migration.declare(metadata)
    return metadata
