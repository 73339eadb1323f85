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
actor_log = metadata.tables["actor_log"]
# Accounts belong to a deployment, not to its data: backups leave them out and a restore keeps them.
accounts = metadata.tables["accounts"]
account_log = metadata.tables["account_log"]
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
    actor_log,
    event_tags,
    event_notes,
    source_log,
)

# Bundle format 1 carried only version 1's tables; a format-1 bundle restores with the others empty.
FORMAT_1_TABLES = (events, sources, event_sources, actors, actor_aliases, audit_log)

# Schema versions whose bundles this code restores, per bundle format. Format 1 left out the tables of
# versions 2 and 3, so its bundles of any of them restore; format 2 holds every table of its schema version
# but the accounts, which version 4 added (a version-4 bundle holds the same tables as a version-3 one).
BUNDLE_VERSIONS = {1: (1, 2, 3, 4), 2: (3, 4, LATEST_VERSION)}

# What a later schema version added, so an older bundle restores: its tables come back empty and
# its new columns take these values in the older bundle's rows.
ADDED_TABLES = {5: (actor_log,)}
ADDED_COLUMNS = {5: {"actors": {"disabled": False, "merged_into": None}}}


def bundled_tables(format_version: int, schema_version: int) -> tuple:
    """The tables a bundle of this format, written at this schema version, carries."""
    if format_version == 1:
        return FORMAT_1_TABLES
    later = {table.name for version, added in ADDED_TABLES.items() if version > schema_version for table in added}
    return tuple(table for table in ALL_TABLES if table.name not in later)


def added_columns(table_name: str, schema_version: int) -> dict[str, object]:
    """Columns of `table_name` that schema versions after `schema_version` added, with the value old rows take."""
    found: dict[str, object] = {}
    for version, columns in ADDED_COLUMNS.items():
        if version > schema_version:
            found.update(columns.get(table_name, {}))
    return found
