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
event_tags = metadata.tables["event_tags"]
event_notes = metadata.tables["event_notes"]
source_log = metadata.tables["source_log"]

# Parents before children: the order to insert in (and to delete in, reversed). A bundle carries every one.
ALL_TABLES = (
    events,
    sources,
    event_sources,
    actors,
    actor_aliases,
    audit_log,
    feeds,
    articles,
    article_sightings,
    fetch_log,
    threads,
    thread_events,
    thread_log,
    thread_suggestions,
    briefings,
    briefing_events,
    briefing_threads,
    saved_views,
    view_visits,
    event_tags,
    event_notes,
    source_log,
)

# Bundle format 1 carried only version 1's tables; a format-1 bundle restores with the others empty.
FORMAT_1_TABLES = (events, sources, event_sources, actors, actor_aliases, audit_log)

# Schema versions whose bundles this code restores, per bundle format. Format 1 left out the tables of
# versions 2 and 3, so its bundles of any of them restore; format 2 holds every table of the latest version.
BUNDLE_VERSIONS = {1: (1, 2, 3), 2: (LATEST_VERSION,)}
