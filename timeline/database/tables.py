"""The tables the store's code queries: the schema history's declarations, through its latest step."""

from __future__ import annotations

from timeline.migrations import MIGRATIONS, model_through

LATEST_VERSION = MIGRATIONS[-1].version
metadata = model_through(LATEST_VERSION)

events = metadata.tables["events"]
sources = metadata.tables["sources"]
event_sources = metadata.tables["event_sources"]
actors = metadata.tables["actors"]
actor_aliases = metadata.tables["actor_aliases"]
audit_log = metadata.tables["audit_log"]
feeds = metadata.tables["feeds"]
articles = metadata.tables["articles"]
article_sightings = metadata.tables["article_sightings"]
fetch_log = metadata.tables["fetch_log"]

# Schema versions whose bundles this code restores: version 2 added only tables a bundle leaves out.
BUNDLE_VERSIONS = (1, 2)

# Parents before children: the order to insert in (and to delete in, reversed).
ALL_TABLES = (events, sources, event_sources, actors, actor_aliases, audit_log)
