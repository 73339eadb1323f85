"""The feeds list and the article queue: claims, leases, backoff."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from timeline.database import tables
from timeline.database.engine import write_transaction
from timeline.feeds import store


def queue(engine, *urls: str) -> None:
    with write_transaction(engine) as connection:
        for url in urls:
            store.enqueue(connection, url, "Ledger", "en")


def test_backoff_doubles_and_stops_at_a_day():
    base = dt.timedelta(minutes=5)
    assert [store.backoff(failures, base) for failures in (1, 2, 3)] == [base, 2 * base, 4 * base]
    assert store.backoff(20, base) == dt.timedelta(hours=24)


def test_adding_a_listed_feed_updates_it(engine):
    assert store.add_feed(engine, "https://ledger.example/rss", None, "en", ("trade",)) is True
    assert store.add_feed(engine, "https://ledger.example/rss", "The Ledger", "ar", ("energy", "energy")) is False
    feeds = store.list_feeds(engine)
    assert feeds[["outlet", "lang"]].values.tolist() == [["The Ledger", "ar"]]
    assert feeds["tags"].iloc[0] == ("energy",)


def test_outlet_defaults_to_the_host(engine):
    store.add_feed(engine, "https://www.ledger.example/rss", "", "auto", ())
    assert store.list_feeds(engine)["outlet"].iloc[0] == "ledger.example"


def test_a_claimed_feed_is_not_due_again_until_its_lease_ends(engine):
    store.add_feed(engine, "https://ledger.example/rss", None, "en", ())
    due = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    assert store.claim_due_feed(engine, due) is not None
    assert store.claim_due_feed(engine, due) is None
    assert store.claim_due_feed(engine, due + store.LEASE + dt.timedelta(seconds=1)) is not None


def test_claimed_articles_are_not_claimed_twice_until_the_lease_ends(engine):
    queue(engine, "https://ledger.example/a", "https://ledger.example/b", "https://ledger.example/a?utm_source=x")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    first = store.claim_articles(engine, "one", later, limit=1)
    second = store.claim_articles(engine, "two", later, limit=5)
    assert [article.address for article in first + second] == ["https://ledger.example/a", "https://ledger.example/b"]
    assert store.claim_articles(engine, "three", later, limit=5) == []
    # A worker that died leaves its claim; after the lease another takes it over.
    taken_over = store.claim_articles(engine, "three", later + store.LEASE + dt.timedelta(seconds=1), limit=5)
    assert len(taken_over) == 2 and {article.attempts for article in taken_over} == {2}


@pytest.mark.parametrize(("retry_later", "status"), [(True, "pending"), (False, "failed")])
def test_a_failed_article_waits_or_is_given_up(engine, retry_later, status):
    queue(engine, "https://ledger.example/a")
    (article,) = store.claim_articles(engine, "one", dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1), limit=1)
    assert store.fail_article(engine, article, "HTTP 503", retry_later) == status
    with engine.connect() as connection:
        row = connection.execute(select(tables.articles)).mappings().one()
    assert row["last_error"] == "HTTP 503" and row["claimed_by"] is None
    if retry_later:
        assert row["next_attempt_at"] > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=4)


def test_an_article_is_given_up_after_the_last_attempt(engine):
    queue(engine, "https://ledger.example/a")
    (article,) = store.claim_articles(engine, "one", dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1), limit=1)
    last = store.QueuedArticle(**{**vars(article), "attempts": store.MAX_ATTEMPTS})
    assert store.fail_article(engine, last, "no answer within 15 s", retry_later=True) == "failed"


def test_fetch_log_lines_older_than_the_kept_window_are_dropped(engine):
    for url in ("https://ledger.example/old", "https://ledger.example/recent"):
        store.log_fetch_now(engine, "worker", "feed", url, "fetched", found=1)
    log = tables.fetch_log
    now = dt.datetime.now(dt.UTC)
    with write_transaction(engine) as connection:
        connection.execute(
            log.update().where(log.c.url.endswith("/old")).values(at=now - store.FETCH_LOG_KEPT - dt.timedelta(days=1))
        )
    assert store.prune_fetch_log(engine, now) == 1
    assert store.fetch_history(engine)["url"].tolist() == ["https://ledger.example/recent"]
    assert store.prune_fetch_log(engine, now) == 0
