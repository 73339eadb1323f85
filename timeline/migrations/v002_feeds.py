"""Schema version 2: news feeds, the articles found through them or by address, where each was seen, fetch history."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text

from timeline.database.column_types import JsonText, NameList, UtcDateTime


def declare(metadata: MetaData) -> None:
    """Add version 2's tables to `metadata`."""
    Table(
        "feeds",
        metadata,
        Column("url", Text, primary_key=True),
        Column("outlet", Text, nullable=False),
        Column("lang", String, nullable=False),  # auto, ar, en or zh: the default for its articles
        Column("tags", NameList, nullable=False),
        Column("added_at", UtcDateTime, nullable=False),
        Column("interval_minutes", Integer, nullable=False),
        Column("next_due_at", UtcDateTime, nullable=False),
        Column("last_fetch_at", UtcDateTime),
        Column("last_outcome", Text),
        Column("failures", Integer, nullable=False),  # consecutive; sets the backoff
        Column("etag", Text),
        Column("last_modified", Text),
        Index("feeds_by_due", "next_due_at"),
    )
    Table(
        "articles",
        metadata,
        Column("address", Text, primary_key=True),  # the normalized address it was first found at
        Column("url", Text, nullable=False),  # that address as found
        Column("outlet", Text, nullable=False),
        Column("lang", String, nullable=False),
        Column("tags", NameList, nullable=False),
        Column("feed_url", Text),
        Column("feed_title", Text),
        Column("feed_published", Date),
        Column("given_published", Date),  # a date the analyst gave with the address
        Column("status", String, nullable=False),  # pending, fetching, done, duplicate, failed
        Column("attempts", Integer, nullable=False),
        Column("next_attempt_at", UtcDateTime, nullable=False),
        Column("claimed_by", Text),
        Column("claimed_at", UtcDateTime),
        Column("last_error", Text),
        Column("discovered_at", UtcDateTime, nullable=False),
        Column("fetched_at", UtcDateTime),
        Column("final_url", Text),
        Column("redirects", JsonText),
        Column("canonical", Text),  # the page's canonical address, normalized
        Column("fingerprint", String),  # hash of the normalized main text: finds syndicated copies
        Column("duplicate_of", Text),
        Column("title", Text),
        Column("page_lang", String),
        Column("published", Date),
        Column("published_origin", String),  # page metadata, address, feed entry, given by the analyst
        Column("modified", Date),
        Column("source_id", String),
        Column("candidates", Integer),
        Index("articles_by_status", "status", "next_attempt_at"),
        Index("articles_by_canonical", "canonical"),
        Index("articles_by_fingerprint", "fingerprint"),
        Index("articles_by_source", "source_id"),
    )
    Table(
        "article_sightings",
        metadata,
        Column("address", Text, ForeignKey("articles.address"), primary_key=True),
        Column("url", Text, primary_key=True),  # as found: a tracking variant, a syndicated copy's address
        Column("feed_url", Text, primary_key=True),  # "" when the analyst gave the address
        Column("outlet", Text, nullable=False),
        Column("seen_at", UtcDateTime, nullable=False),
    )
    Table(
        "fetch_log",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", UtcDateTime, nullable=False),
        Column("worker", Text, nullable=False),
        Column("kind", String, nullable=False),  # feed or article
        Column("url", Text, nullable=False),
        Column("outcome", String, nullable=False),  # fetched, not modified, duplicate, failed
        Column("reason", Text),
        Column("http_status", Integer),
        Column("seconds", JsonText),  # time per step
        Column("found", Integer),  # new articles in a feed, candidates in an article
        Index("fetch_log_by_time", "at"),
    )


def upgrade(connection: Connection, metadata: MetaData) -> None:
    """Create version 2's tables; version 1's are left as they are."""
    for name in ("feeds", "articles", "article_sightings", "fetch_log"):
        metadata.tables[name].create(connection)
