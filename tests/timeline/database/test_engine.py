import pytest
from sqlalchemy import create_engine, delete, func, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from timeline.database import DatabaseUnavailableError, StoreError, database_url, migrate, open_store, safe_url, tables
from timeline.database import engine as engine_module
from timeline.database.column_types import utc_now
from timeline.database.engine import mask_credentials
from timeline.database.migrations import schema_version
from timeline.migrations import MIGRATIONS
from timeline.paths import PROJECT_ROOT


def test_url_comes_from_the_argument_then_the_environment_then_the_default(monkeypatch):
    monkeypatch.delenv("POLICY_TIMELINE_DB", raising=False)
    assert database_url() == f"sqlite:///{PROJECT_ROOT / 'var' / 'policy_timeline.sqlite'}"
    monkeypatch.setenv("POLICY_TIMELINE_DB", "postgresql+psycopg://analyst@db/timeline")
    assert database_url() == "postgresql+psycopg://analyst@db/timeline"
    assert database_url("sqlite:///elsewhere.sqlite") == "sqlite:///elsewhere.sqlite"


def test_sqlite_file_and_its_folder_are_created_on_first_use(tmp_path):
    path = tmp_path / "var" / "nested" / "store.sqlite"
    engine = open_store(f"sqlite:///{path}")
    assert path.is_file()
    assert set(inspect(engine).get_table_names()) >= {table.name for table in tables.ALL_TABLES}
    engine.dispose()


def test_an_unreachable_database_is_named_without_its_password():
    # Port 1 on the loopback address refuses at once: nothing listens there.
    with pytest.raises(DatabaseUnavailableError) as caught:
        open_store("postgresql+psycopg://analyst:s3cret@127.0.0.1:1/timeline")
    message = str(caught.value)
    assert "postgresql+psycopg://analyst:***@127.0.0.1:1/timeline" in message
    assert "s3cret" not in message


def test_a_malformed_url_is_reported_as_such():
    with pytest.raises(DatabaseUnavailableError, match="'not a url' is not a database URL"):
        open_store("not a url")


def test_an_unopenable_sqlite_path_is_named(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseUnavailableError, match="store.sqlite"):
        open_store(f"sqlite:///{blocker / 'store.sqlite'}")


def test_safe_url_masks_only_the_password():
    assert safe_url("postgresql+psycopg://a:b@h:5/d") == "postgresql+psycopg://a:***@h:5/d"


def test_migrating_twice_applies_each_step_once(engine):
    assert migrate(engine) == tables.LATEST_VERSION
    with engine.connect() as connection:
        versions = connection.execute(schema_version.select()).all()
    assert [row.version for row in versions] == [migration.version for migration in MIGRATIONS]


# The schema the store's queries rely on, written out by hand: a migration that drops, renames or
# loosens a column, or a model edit made without a migration, shows up here. Nullable columns end in "?".
EXPECTED_SCHEMA = {
    "events": (
        ["event_id"],
        "event_id title summary? date_start date_end date_precision date_text category actors countries location? "
        "source_name source_url? source_lang published? quote? status confidence version first_seen created_at "
        "updated_at deleted_at? deleted_reason? merged_into?",
    ),
    "sources": (["source_id"], "source_id name title url lang published? published_estimated accessed?"),
    "event_sources": (["event_id", "source_id"], "event_id source_id position quote? date_text? merged_from?"),
    "actors": (["name"], "name kind country? terms disabled merged_into?"),
    "actor_aliases": (["actor_name", "lang", "position"], "actor_name lang position alias"),
    "audit_log": (["id"], "id at who event_id action version? changes"),
    "schema_version": (["version"], "version name applied_at"),
    # Version 2: news feeds and the articles found through them.
    "feeds": (
        ["url"],
        "url outlet lang tags added_at interval_minutes next_due_at last_fetch_at? last_outcome? failures etag? "
        "last_modified?",
    ),
    "articles": (
        ["address"],
        "address url outlet lang tags feed_url? feed_title? feed_published? given_published? status attempts "
        "next_attempt_at claimed_by? claimed_at? last_error? discovered_at fetched_at? final_url? redirects? "
        "canonical? fingerprint? duplicate_of? title? page_lang? published? published_origin? modified? source_id? "
        "candidates?",
    ),
    "article_sightings": (["address", "url", "feed_url"], "address url feed_url outlet seen_at"),
    "fetch_log": (["id"], "id at worker kind url outcome reason? http_status? seconds? found?"),
    # Version 3: policy threads, briefings, saved views.
    "threads": (["thread_id"], "thread_id name summary version created_at updated_at"),
    "thread_events": (["thread_id", "event_id"], "thread_id event_id stage"),
    "thread_log": (["id"], "id at who thread_id action event_id? changes"),
    "thread_suggestions": (
        ["event_id", "thread_id"],
        "event_id thread_id stage score reason status suggested_at decided_by? decided_at?",
    ),
    "briefings": (["id"], "id at who filters description title format revision event_count"),
    "briefing_events": (["briefing_id", "event_id"], "briefing_id event_id version"),
    "briefing_threads": (["briefing_id", "thread_id"], "briefing_id thread_id stage?"),
    "saved_views": (["name"], "name filters description watched created_by created_at"),
    "view_visits": (["name", "analyst"], "name analyst opened_at"),
    # Version 4: accounts and their log.
    "accounts": (
        ["name"],
        "name role password_hash? disabled_at? failed_sign_ins locked_until? created_at updated_at",
    ),
    "account_log": (["id"], "id at who account action changes"),
    # Version 5: the actor registry's log.
    "actor_log": (["id"], "id at who actor_name action changes"),
    # Version 6: tags, notes and the sources' log.
    "event_tags": (["event_id", "tag"], "event_id tag"),
    "event_notes": (["id"], "id event_id at who text"),
    "source_log": (["id"], "id at who source_id action changes"),
}
EXPECTED_INDEXES = {
    "events": {"events_by_date": ["date_start"]},
    "event_sources": {"event_sources_by_source": ["source_id"]},
    "audit_log": {"audit_log_by_event": ["event_id", "id"]},
    "feeds": {"feeds_by_due": ["next_due_at"]},
    "articles": {
        "articles_by_status": ["status", "next_attempt_at"],
        "articles_by_canonical": ["canonical"],
        "articles_by_fingerprint": ["fingerprint"],
        "articles_by_source": ["source_id"],
    },
    "fetch_log": {"fetch_log_by_time": ["at"]},
    "thread_events": {"thread_events_by_event": ["event_id"]},
    "thread_log": {"thread_log_by_thread": ["thread_id", "id"]},
    "thread_suggestions": {"thread_suggestions_by_status": ["status"]},
    "actor_log": {"actor_log_by_actor": ["actor_name", "id"]},
    "account_log": {"account_log_by_account": ["account", "id"]},
    "event_tags": {"event_tags_by_tag": ["tag"]},
    "event_notes": {"event_notes_by_event": ["event_id", "id"]},
    "source_log": {"source_log_by_source": ["source_id", "id"]},
}


def test_the_migrated_database_has_exactly_the_hand_listed_schema(engine):
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == set(EXPECTED_SCHEMA)
    for table, (primary_key, columns) in EXPECTED_SCHEMA.items():
        found = [column["name"] + ("?" if column["nullable"] else "") for column in inspector.get_columns(table)]
        assert found == columns.split(), table
        assert inspector.get_pk_constraint(table)["constrained_columns"] == primary_key, table
        indexes = {index["name"]: index["column_names"] for index in inspector.get_indexes(table)}
        assert indexes == EXPECTED_INDEXES.get(table, {}), table


def _link(event_id: str, source_id: str = "tafsela-2025-03-01") -> dict:
    return {"event_id": event_id, "source_id": source_id, "position": 5, "quote": None, "date_text": None}


def test_a_link_to_a_missing_event_is_refused_and_a_linked_event_cannot_be_removed(seeded):
    # PostgreSQL checks links per statement (v007), SQLite by its foreign key: the same refusals.
    with pytest.raises(IntegrityError, match="(?i)foreign key|no-such-event"), seeded.begin() as connection:
        connection.execute(insert(tables.event_sources), [_link("no-such-event")])
    with pytest.raises(IntegrityError, match="(?i)foreign key|referenced"), seeded.begin() as connection:
        linked = connection.execute(select(tables.event_sources.c.event_id).limit(1)).scalar_one()
        connection.execute(delete(tables.events).where(tables.events.c.event_id == linked))
    extra = {"source_id": "extra", "name": "Extra", "title": "", "url": "", "lang": "en", "published_estimated": False}
    with seeded.begin() as connection:  # a link to a stored event is fine
        connection.execute(insert(tables.sources), [extra])
        connection.execute(insert(tables.event_sources), [_link(linked, "extra")])
        count = connection.execute(select(func.count()).select_from(tables.event_sources)).scalar_one()
    assert count > 1


def test_a_database_from_newer_code_is_refused(engine):
    with engine.begin() as connection:
        connection.execute(insert(schema_version).values(version=999, name="future", applied_at=utc_now()))
    with pytest.raises(StoreError, match="schema version 999, newer than this code's"):
        migrate(engine)


def test_sqlite_writers_take_the_write_lock_when_they_begin(tmp_path):
    # A second writer must wait for the first (busy timeout) rather than fail at its first write.
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    engine = open_store(url)
    with engine_module.write_transaction(engine):
        probe = create_engine(url, connect_args={"timeout": 0})
        with probe.connect() as connection, pytest.raises(Exception, match="locked"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        probe.dispose()
    engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql+psycopg://analyst:S3CRET@db.example.org:abc/pt", "its port is not a number"),
        ("analyst:S3CRET@db.example.org/pt", r"'analyst:\*\*\*@db.example.org/pt' is not a database URL"),
    ],
)
def test_an_unparsable_url_is_named_without_its_password(url, message):
    with pytest.raises(DatabaseUnavailableError, match=message) as caught:
        open_store(url)
    assert "S3CRET" not in str(caught.value)


def test_credentials_are_masked_in_any_text():
    text = "failed: 'analyst:S3CRET@db.example.org/pt' and postgresql://a:b@h/d?sslmode=x&password=S3CRET"
    assert mask_credentials(text) == (
        "failed: 'analyst:***@db.example.org/pt' and postgresql://a:***@h/d?sslmode=x&password=***"
    )
    assert safe_url("postgresql+psycopg://a@h/d?password=S3CRET") == "postgresql+psycopg://a@h/d?password=***"
