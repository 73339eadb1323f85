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
threads = metadata.tables["threads"]
thread_events = metadata.tables["thread_events"]
thread_log = metadata.tables["thread_log"]
thread_suggestions = metadata.tables["thread_suggestions"]
briefings = metadata.tables["briefings"]
briefing_events = metadata.tables["briefing_events"]
briefing_threads = metadata.tables["briefing_threads"]
saved_views = metadata.tables["saved_views"]
view_visits = metadata.tables["view_visits"]

# Schema versions whose bundles this code restores: versions 2 and 3 added only tables a bundle leaves
# out (threads and briefings are not yet in bundles; the curated threads come back from data/ on start).
BUNDLE_VERSIONS = (1, 2, 3)

# Parents before children: the order to insert in (and to delete in, reversed).
ALL_TABLES = (events, sources, event_sources, actors, actor_aliases, audit_log)
