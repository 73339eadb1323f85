"""The feeds list, the article queue and the fetch log in the store; work is claimed with row locks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd
from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import StoreError
from timeline.database.permissions import LOCAL_ANALYST, guarded
from timeline.database.sources import insert_missing
from timeline.feeds.addresses import AddressError, article_key

LANGUAGES = ("auto", "ar", "en", "zh")
DEFAULT_INTERVAL_MINUTES = 60
LEASE = dt.timedelta(minutes=10)  # a claim older than this belongs to a worker that died: take it over
MAX_ATTEMPTS = 5
MAX_BACKOFF = dt.timedelta(hours=24)
# The fetch history kept: a store reading feeds every few minutes would otherwise log without end.
# Articles, their events and the audit log are never dropped, only these per-fetch lines.
FETCH_LOG_KEPT = dt.timedelta(days=90)


class FeedError(StoreError):
    """A feed that cannot be added or removed as asked."""


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str
    lang: str
    tags: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    failures: int
    interval_minutes: int


@dataclass(frozen=True)
class QueuedArticle:
    address: str
    url: str
    outlet: str
    lang: str
    tags: tuple[str, ...]
    feed_url: str | None
    feed_published: dt.date | None
    given_published: dt.date | None
    attempts: int


def backoff(failures: int, base: dt.timedelta) -> dt.timedelta:
    """How long to wait after `failures` failures in a row: doubling from `base`, at most a day."""
    return min(base * 2 ** max(failures - 1, 0), MAX_BACKOFF)


# ---- feeds --------------------------------------------------------------------------------------


@guarded("edit_feeds")
def add_feed(
    engine: Engine, url: str, outlet: str | None, lang: str, tags: tuple[str, ...], who: str = LOCAL_ANALYST
) -> bool:
    """List a feed (True), or update its outlet, language and tags when it is listed already (False)."""
    url = url.strip()
    try:
        article_key(url)
    except AddressError as error:
        raise FeedError(str(error)) from None
    if lang not in LANGUAGES:
        raise FeedError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    outlet = (outlet or "").strip() or host_name(url)
    tags = tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))
    feeds = tables.feeds
    with write_transaction(engine) as connection:
        known = connection.execute(select(feeds.c.url).where(feeds.c.url == url)).first()
        if known:
            connection.execute(update(feeds).where(feeds.c.url == url).values(outlet=outlet, lang=lang, tags=tags))
            return False
        now = utc_now()
        connection.execute(
            insert(feeds).values(
                url=url,
                outlet=outlet,
                lang=lang,
                tags=tags,
                added_at=now,
                interval_minutes=DEFAULT_INTERVAL_MINUTES,
                next_due_at=now,
                failures=0,
            )
        )
    return True


@guarded("edit_feeds")
def remove_feed(engine: Engine, url: str, who: str = LOCAL_ANALYST) -> None:
    """Stop reading a feed; the articles already found through it stay."""
    with write_transaction(engine) as connection:
        removed = connection.execute(delete(tables.feeds).where(tables.feeds.c.url == url.strip())).rowcount
    if not removed:
        raise FeedError(f"no feed {url.strip()!r} is listed (see `feeds list`)")


def list_feeds(engine: Engine) -> pd.DataFrame:
    """Every feed with its last fetch, next due time, last outcome and articles found through it."""
    feeds, sightings = tables.feeds, tables.article_sightings
    found = (
        select(sightings.c.feed_url, func.count(func.distinct(sightings.c.address)).label("articles"))
        .group_by(sightings.c.feed_url)
        .subquery()
    )
    query = (
        select(
            feeds.c.url,
            feeds.c.outlet,
            feeds.c.lang,
            feeds.c.tags,
            feeds.c.last_fetch_at,
            feeds.c.next_due_at,
            feeds.c.last_outcome,
            feeds.c.failures,
            func.coalesce(found.c.articles, 0).label("articles"),
        )
        .outerjoin(found, found.c.feed_url == feeds.c.url)
        .order_by(feeds.c.outlet, feeds.c.url)
    )
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(query).mappings()]
    columns = ["url", "outlet", "lang", "tags", "last_fetch_at", "next_due_at", "last_outcome", "failures", "articles"]
    return pd.DataFrame(rows, columns=columns)


def claim_due_feed(engine: Engine, now: dt.datetime) -> Feed | None:
    """One feed whose time has come, leased to the caller so that no other worker reads it meanwhile."""
    feeds = tables.feeds
    with write_transaction(engine) as connection:
        query = select(feeds).where(feeds.c.next_due_at <= now).order_by(feeds.c.next_due_at, feeds.c.url).limit(1)
        row = connection.execute(_skip_locked(connection, query)).mappings().first()
        if row is None:
            return None
        connection.execute(update(feeds).where(feeds.c.url == row["url"]).values(next_due_at=now + LEASE))
    return Feed(
        url=row["url"],
        outlet=row["outlet"],
        lang=row["lang"],
        tags=tuple(row["tags"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        failures=row["failures"],
        interval_minutes=row["interval_minutes"],
    )


def finish_feed(engine: Engine, feed: Feed, outcome: str, failed: bool, etag=None, last_modified=None) -> dt.datetime:
    """Record a feed's fetch and set when it is next due (later after each failure in a row); returns that time."""
    now = utc_now()
    failures = feed.failures + 1 if failed else 0
    interval = dt.timedelta(minutes=feed.interval_minutes)
    due = now + (backoff(failures, interval) if failed else interval)
    values = {"last_fetch_at": now, "next_due_at": due, "last_outcome": outcome, "failures": failures}
    if not failed:
        values |= {"etag": etag, "last_modified": last_modified}
    with write_transaction(engine) as connection:
        connection.execute(update(tables.feeds).where(tables.feeds.c.url == feed.url).values(**values))
    return due


# ---- articles -----------------------------------------------------------------------------------


def enqueue(connection: Connection, url: str, outlet: str, lang: str, tags=(), feed_url=None, **known) -> bool:
    """Queue the article at `url` unless its key is known; record where it was seen either way. True when new."""
    address = article_key(url)
    now = utc_now()
    inserted = connection.execute(
        _insert_ignoring(connection, tables.articles)
        .values(
            address=address,
            url=url,
            outlet=outlet,
            lang=lang,
            tags=tuple(tags),
            feed_url=feed_url,
            feed_title=known.get("feed_title"),
            feed_published=known.get("feed_published"),
            given_published=known.get("given_published"),
            status="pending",
            attempts=0,
            next_attempt_at=now,
            discovered_at=now,
        )
        # RETURNING, not rowcount: the PostgreSQL driver reports -1 for an INSERT … ON CONFLICT DO NOTHING.
        .returning(tables.articles.c.address)
    ).first()
    insert_missing(
        connection,
        tables.article_sightings,
        [{"address": address, "url": url, "feed_url": feed_url or "", "outlet": outlet, "seen_at": now}],
    )
    return inserted is not None


def requeue(connection: Connection, address: str, lang: str, given_published: dt.date | None) -> bool:
    """Make an article that failed, or waits for a retry, due now; True when there was one."""
    articles = tables.articles
    values = {"status": "pending", "next_attempt_at": utc_now(), "attempts": 0}
    if given_published:
        values["given_published"] = given_published
    if lang != "auto":
        values["lang"] = lang
    statement = (
        update(articles)
        .where(articles.c.address == address, articles.c.status.in_(("failed", "pending")))
        .values(**values)
    )
    return bool(connection.execute(statement).rowcount)


def claim_articles(
    engine: Engine, worker: str, now: dt.datetime, limit: int, addresses: list[str] | None = None
) -> list[QueuedArticle]:
    """Up to `limit` articles due for fetching, marked as this worker's; others skip the locked rows."""
    articles = tables.articles
    due = or_(
        and_(articles.c.status == "pending", articles.c.next_attempt_at <= now),
        and_(articles.c.status == "fetching", articles.c.claimed_at < now - LEASE),
    )
    query = select(articles).where(due).order_by(articles.c.discovered_at, articles.c.address).limit(limit)
    if addresses is not None:
        query = query.where(articles.c.address.in_(addresses))
    with write_transaction(engine) as connection:
        rows = connection.execute(_skip_locked(connection, query)).mappings().all()
        if rows:
            connection.execute(
                update(articles)
                .where(articles.c.address.in_([row["address"] for row in rows]))
                .values(status="fetching", claimed_by=worker, claimed_at=now, attempts=articles.c.attempts + 1)
            )
    return [
        QueuedArticle(
            address=row["address"],
            url=row["url"],
            outlet=row["outlet"],
            lang=row["lang"],
            tags=tuple(row["tags"]),
            feed_url=row["feed_url"],
            feed_published=row["feed_published"],
            given_published=row["given_published"],
            attempts=row["attempts"] + 1,
        )
        for row in rows
    ]


def fail_article(engine: Engine, article: QueuedArticle, reason: str, retry_later: bool) -> str:
    """Record why an article could not be fetched; it is tried again later (backoff) or given up. Returns its status."""
    now = utc_now()
    again = retry_later and article.attempts < MAX_ATTEMPTS
    status = "pending" if again else "failed"
    with write_transaction(engine) as connection:
        connection.execute(
            update(tables.articles)
            .where(tables.articles.c.address == article.address)
            .values(
                status=status,
                last_error=reason,
                claimed_by=None,
                claimed_at=None,
                next_attempt_at=now + backoff(article.attempts, dt.timedelta(minutes=5)) if again else now,
            )
        )
    return status


def original_of(connection: Connection, address: str, canonical: str | None, fingerprint: str) -> str | None:
    """The stored article this one repeats: same canonical address, or the same text on another address."""
    articles = tables.articles
    same = articles.c.fingerprint == fingerprint
    if canonical:
        same = or_(same, articles.c.canonical == canonical, articles.c.address == canonical)
    query = (
        select(articles.c.address)
        .where(articles.c.status == "done", articles.c.address != address, same)
        .order_by(articles.c.fetched_at)
    )
    return connection.execute(query.limit(1)).scalar()


def merge_sightings(connection: Connection, address: str, original: str) -> None:
    """Every place the repeat was seen becomes a place the original was seen."""
    sightings = tables.article_sightings
    rows = connection.execute(select(sightings).where(sightings.c.address == address)).mappings().all()
    insert_missing(connection, sightings, [dict(row) | {"address": original} for row in rows])


def log_fetch(connection: Connection, worker: str, kind: str, url: str, outcome: str, **details) -> None:
    connection.execute(
        insert(tables.fetch_log).values(at=utc_now(), worker=worker, kind=kind, url=url, outcome=outcome, **details)
    )


def log_fetch_now(engine: Engine, worker: str, kind: str, url: str, outcome: str, **details) -> None:
    with write_transaction(engine) as connection:
        log_fetch(connection, worker, kind, url, outcome, **details)


def prune_fetch_log(engine: Engine, now: dt.datetime, kept: dt.timedelta = FETCH_LOG_KEPT) -> int:
    """Drop the fetch-log lines older than `kept`; returns how many went."""
    log = tables.fetch_log
    with write_transaction(engine) as connection:
        return connection.execute(delete(log).where(log.c.at < now - kept)).rowcount


def fetch_history(engine: Engine, limit: int = 500) -> pd.DataFrame:
    """The latest fetches, newest first."""
    log = tables.fetch_log
    query = select(log.c.at, log.c.kind, log.c.url, log.c.outcome, log.c.reason, log.c.http_status, log.c.found)
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(query.order_by(log.c.id.desc()).limit(limit)).mappings()]
    return pd.DataFrame(rows, columns=["at", "kind", "url", "outcome", "reason", "http_status", "found"])


def articles_per_day(engine: Engine) -> pd.DataFrame:
    """Articles stored per day of fetching, and how many were repeats or failed."""
    articles = tables.articles
    with engine.connect() as connection:
        rows = connection.execute(select(articles.c.status, articles.c.fetched_at, articles.c.next_attempt_at)).all()
    frame = pd.DataFrame(rows, columns=["status", "fetched_at", "next_attempt_at"])
    if frame.empty:
        return pd.DataFrame(columns=["day", "status", "articles"])
    when = frame["fetched_at"].where(frame["fetched_at"].notna(), frame["next_attempt_at"])
    frame["day"] = pd.to_datetime(when, utc=True).dt.strftime("%Y-%m-%d")
    return frame.groupby(["day", "status"]).size().rename("articles").reset_index()


def article_status(engine: Engine, addresses: list[str]) -> pd.DataFrame:
    """Status, error, candidates and duplicate link of each address, for the page that asked for them."""
    articles = tables.articles
    query = select(
        articles.c.address,
        articles.c.status,
        articles.c.last_error,
        articles.c.candidates,
        articles.c.duplicate_of,
        articles.c.published,
        articles.c.published_origin,
    ).where(articles.c.address.in_(addresses))
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(query).mappings()]
    return pd.DataFrame(
        rows, columns=["address", "status", "last_error", "candidates", "duplicate_of", "published", "published_origin"]
    )


def _skip_locked(connection: Connection, query):
    # PostgreSQL: rows another worker has claimed in an open transaction are skipped, not waited for.
    # SQLite's writers already run one at a time (BEGIN IMMEDIATE).
    return query.with_for_update(skip_locked=True) if connection.dialect.name == "postgresql" else query


def _insert_ignoring(connection: Connection, table):
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def host_name(url: str) -> str:
    """The outlet name to use when none is given: the site's host without "www."."""
    return (urlsplit(url).hostname or url).removeprefix("www.")
