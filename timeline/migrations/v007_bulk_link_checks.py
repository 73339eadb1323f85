"""Schema version 7 (PostgreSQL only): an event's source links are checked once per statement, not once per row.

A foreign key checks each inserted link with its own query and row lock; a million imported rows
made two million of them, the largest cost of a PostgreSQL import. The same rule is kept by
statement-level triggers over the statement's new or old rows, one join each: a link must name a
stored event, and an event with links cannot be removed or renumbered. Events are deleted softly,
so the row lock the key took against a concurrent hard delete guarded nothing the store does.
SQLite keeps its foreign key, which costs it little.
"""

from __future__ import annotations

from sqlalchemy import Connection, MetaData

FOREIGN_KEY = "event_sources_event_id_fkey"

_FUNCTIONS = """
CREATE FUNCTION event_links_name_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE missing text;
BEGIN
    SELECT link.event_id INTO missing FROM new_links AS link
    WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.event_id = link.event_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "event_sources" violates the link to events'
            USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (event_id)=(%s) is not present in table "events".', missing);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION events_keep_their_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE linked text;
BEGIN
    SELECT gone.event_id INTO linked FROM old_events AS gone
    WHERE EXISTS (SELECT 1 FROM event_sources AS link WHERE link.event_id = gone.event_id)
      AND NOT EXISTS (SELECT 1 FROM events WHERE events.event_id = gone.event_id) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'update or delete on table "events" violates the link from "event_sources"'
            USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (event_id)=(%s) is still referenced from table "event_sources".', linked);
    END IF;
    RETURN NULL;
END $$;
"""

_TRIGGERS = (
    "CREATE TRIGGER event_links_inserted AFTER INSERT ON event_sources REFERENCING NEW TABLE AS new_links "
    "FOR EACH STATEMENT EXECUTE FUNCTION event_links_name_events()",
    "CREATE TRIGGER event_links_updated AFTER UPDATE ON event_sources REFERENCING NEW TABLE AS new_links "
    "FOR EACH STATEMENT EXECUTE FUNCTION event_links_name_events()",
    "CREATE TRIGGER events_deleted AFTER DELETE ON events REFERENCING OLD TABLE AS old_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_keep_their_links()",
    "CREATE TRIGGER events_renumbered AFTER UPDATE ON events REFERENCING OLD TABLE AS old_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION events_keep_their_links()",
)


def declare(metadata: MetaData) -> None:
    """Nothing changes in the model: the link still names its event; only how PostgreSQL checks it."""


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Replace the per-row foreign key from links to events by statement-level checks (PostgreSQL)."""
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(f"ALTER TABLE event_sources DROP CONSTRAINT IF EXISTS {FOREIGN_KEY}")
    connection.exec_driver_sql(_FUNCTIONS)
    for statement in _TRIGGERS:
        connection.exec_driver_sql(statement)
