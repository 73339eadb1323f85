"""Fetch runs against the local news site: feeds read, articles stored once, candidates queued, failures explained."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from tests.timeline.feeds import server
from timeline.database import read_events, tables
from timeline.database.engine import write_transaction
from timeline.feeds import store
from timeline.feeds.addresses import article_key
from timeline.feeds.pipeline import fetch_addresses, run_fetch


def articles(engine) -> dict[str, dict]:
    with engine.connect() as connection:
        return {row["address"]: dict(row) for row in connection.execute(select(tables.articles)).mappings()}


def sightings(engine, address: str) -> set[tuple[str, str]]:
    query = select(tables.article_sightings.c.url, tables.article_sightings.c.feed_url).where(
        tables.article_sightings.c.address == address
    )
    with engine.connect() as connection:
        return {tuple(row) for row in connection.execute(query)}


@pytest.fixture
def two_feeds(engine, site):
    store.add_feed(engine, site.url("/feeds/rss.xml"), "The Harbour Ledger", "auto", ("world",))
    store.add_feed(engine, site.url("/feeds/atom.xml"), "Valley Wire", "auto", ())
    return engine


def test_feeds_run_stores_each_article_once_and_queues_its_candidates(two_feeds, site, fetcher):
    summary = run_fetch(two_feeds, "tester", fetcher)

    assert summary.feeds_read == 2 and summary.feeds_failed == 0 and summary.failed == 0
    # en-chips (two tracking variants and a syndicated copy), ar-summit, zh-port (two feeds)
    assert summary.new == 3
    assert summary.seen == 3  # en-chips#top, zh-port from the second feed, the syndicated copy
    stored = articles(two_feeds)
    chips, copy = article_key(site.url("/news/en-chips.html")), article_key(site.url("/syndicated/en-chips.html"))
    original, repeat = (chips, copy) if stored[chips]["status"] == "done" else (copy, chips)
    assert stored[original]["status"] == "done"
    assert stored[repeat]["status"] == "duplicate" and stored[repeat]["duplicate_of"] == original
    seen_at = {url for url, _feed in sightings(two_feeds, original)}
    assert site.url("/news/en-chips.html?utm_source=rss&utm_medium=feed") in seen_at
    assert site.url("/syndicated/en-chips.html") in seen_at
    port = article_key(site.url("/news/zh-port.html"))
    assert {feed for _url, feed in sightings(two_feeds, port)} == {
        site.url("/feeds/rss.xml"),
        site.url("/feeds/atom.xml"),
    }
    for path in ("/news/en-chips.html", "/news/ar-summit.html", "/news/zh-port.html"):
        assert site.requests[path] == 1, path

    events = read_events(two_feeds)
    fetched = events[events["source_url"].str.startswith(site.base, na=False)]
    assert summary.queued == len(fetched) == 9
    assert set(fetched["status"]) == {"unreviewed"}
    arabic = fetched[fetched["source_lang"] == "ar"]
    assert set(arabic["date_text"]) == {"في 8 أبريل", "خلال مارس الماضي", "هذا الصيف"}
    chinese = fetched[fetched["source_lang"] == "zh"]
    assert "5月18日" in set(chinese["date_text"])
    assert dt.date(2025, 5, 18) in set(chinese["date_start"].dt.date)


def test_publication_date_origin_and_page_title_are_kept(two_feeds, site, fetcher):
    run_fetch(two_feeds, "tester", fetcher)
    summit = articles(two_feeds)[article_key(site.url("/news/ar-summit.html"))]
    assert summit["published"] == dt.date(2025, 4, 10)
    assert summit["published_origin"] == "page metadata"
    assert summit["page_lang"] == "ar"
    with two_feeds.connect() as connection:
        title = connection.execute(
            select(tables.sources.c.title).where(tables.sources.c.source_id == summit["source_id"])
        ).scalar_one()
    assert title == "وزراء الطاقة يجتمعون في عمّان لبحث الربط الكهربائي"


def test_second_run_waits_for_due_feeds_then_asks_conditionally(two_feeds, site, fetcher):
    run_fetch(two_feeds, "tester", fetcher)
    again = run_fetch(two_feeds, "tester", fetcher)
    assert again.feeds_read == 0 and again.new == 0
    with two_feeds.begin() as connection:
        connection.execute(update(tables.feeds).values(next_due_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)))
    due = run_fetch(two_feeds, "tester", fetcher)
    assert due.feeds_read == 2 and due.new == 0
    outcomes = set(store.list_feeds(two_feeds)["last_outcome"])
    assert "not modified" in outcomes  # the RSS feed sends an ETag; the Atom one is read again, all seen
    assert site.requests["/news/en-chips.html"] == 1


def test_feed_that_fails_is_recorded_and_backed_off(engine, site, fetcher):
    store.add_feed(engine, site.url("/down/feed.xml"), "Down Daily", "en", ())
    summary = run_fetch(engine, "tester", fetcher)
    assert summary.feeds_failed == 1
    feed = store.list_feeds(engine).iloc[0]
    assert feed["failures"] == 1
    assert feed["last_outcome"] == "failed: HTTP 503 Service Unavailable (2 attempts)"
    assert feed["next_due_at"] > dt.datetime.now(dt.UTC) + dt.timedelta(minutes=50)
    history = store.fetch_history(engine)
    assert history.iloc[0]["outcome"] == "failed" and history.iloc[0]["http_status"] == 503


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        ("/missing.html", "failed", "HTTP 404 Not Found"),
        ("/private/en-chips.html", "failed", "forbids this address"),
        ("/files/report.pdf", "failed", "application/pdf is not an HTML page"),
        ("/huge/page.html", "failed", "over the 5 MB limit"),
        ("/slow/en-chips.html", "pending", "no answer within 0.5 s"),  # tried again later
        ("/notes/undated.html", "failed", "no publication date in the page, its address or the feed"),
    ],
)
def test_every_failure_is_recorded_with_its_reason(engine, site, fetcher, path, status, reason):
    summary, keys = fetch_addresses(engine, [site.url(path)], "tester", fetcher=fetcher)
    assert summary.failed == 1 and summary.queued == 0
    row = articles(engine)[keys[0]]
    assert row["status"] == status
    assert reason in row["last_error"]
    assert reason in summary.problems[0]
    if status == "pending":
        assert row["next_attempt_at"] > dt.datetime.now(dt.UTC)
    logged = store.fetch_history(engine).iloc[0]
    assert logged["outcome"] == "failed" and reason in logged["reason"]


def test_address_through_redirects_is_stored_with_its_path(engine, site, fetcher):
    summary, keys = fetch_addresses(engine, [site.url("/old/chips")], "tester", fetcher=fetcher)
    assert summary.new == 1 and summary.queued == 3
    row = articles(engine)[keys[0]]
    assert row["final_url"] == site.url("/news/en-chips.html")
    assert row["redirects"] == [site.url("/moved/chips"), site.url("/news/en-chips.html")]
    # The canonical address then finds it: fetching the page directly is a repeat, not a new article.
    again, _ = fetch_addresses(engine, [site.url("/news/en-chips.html")], "tester", fetcher=fetcher)
    assert again.new == 0 and again.seen == 1 and again.queued == 0


def test_server_error_then_success_stores_the_article(engine, site, fetcher):
    summary, _ = fetch_addresses(engine, [site.url("/flaky/en-chips.html")], "tester", fetcher=fetcher)
    assert summary.new == 1 and summary.failed == 0


def test_analyst_date_and_language_win(engine, site, fetcher):
    summary, keys = fetch_addresses(
        engine, [site.url("/notes/undated.html")], "tester", "Coast Post", "en", dt.date(2025, 6, 10), fetcher
    )
    assert summary.new == 1
    row = articles(engine)[keys[0]]
    assert row["published_origin"] == "given by the analyst" and row["outlet"] == "Coast Post"
    events = read_events(engine)
    found = events[events["source_name"] == "Coast Post"]
    assert set(found["date_start"].dt.date) >= {dt.date(2025, 6, 3)}


def test_bad_address_is_reported_and_others_still_fetched(engine, site, fetcher):
    summary, keys = fetch_addresses(
        engine, ["not an address", site.url("/news/en-chips.html")], "tester", fetcher=fetcher
    )
    assert summary.failed == 1 and summary.new == 1
    assert "'not an address' is not a web address" in summary.problems[0]
    assert len(keys) == 1


def test_refetching_a_stored_article_adds_nothing(engine, site, fetcher):
    fetch_addresses(engine, [site.url("/news/en-chips.html")], "tester", fetcher=fetcher)
    again, _ = fetch_addresses(engine, [site.url("/news/en-chips.html?utm_source=x")], "tester", fetcher=fetcher)
    assert again.seen == 1 and again.new == 0
    assert site.requests["/news/en-chips.html"] == 1


def test_an_article_that_failed_is_tried_again_when_given_with_a_date(engine, site, fetcher):
    first, keys = fetch_addresses(engine, [site.url("/notes/undated.html")], "tester", fetcher=fetcher)
    assert first.failed == 1 and articles(engine)[keys[0]]["status"] == "failed"
    again, _ = fetch_addresses(
        engine, [site.url("/notes/undated.html")], "tester", published=dt.date(2025, 6, 10), fetcher=fetcher
    )
    assert again.new == 1 and again.seen == 0 and again.queued > 0
    assert articles(engine)[keys[0]]["published_origin"] == "given by the analyst"


def test_feed_entries_without_a_web_address_are_counted(engine, site, fetcher, monkeypatch):
    monkeypatch.setitem(server.PAGES, "/feeds/odd.xml", ("odd.xml", "application/rss+xml", "utf-8", None))
    store.add_feed(engine, site.url("/feeds/odd.xml"), "Odd", "en", ())
    summary = run_fetch(engine, "tester", fetcher)
    assert summary.new == 1
    assert store.list_feeds(engine)["last_outcome"].iloc[0] == "1 new, 0 seen, 2 entries without a web address"


def test_a_fetch_run_drops_fetch_log_lines_past_the_kept_window(engine, fetcher):
    store.log_fetch_now(engine, "worker", "feed", "https://ledger.example/old", "fetched")
    log = tables.fetch_log
    with write_transaction(engine) as connection:
        connection.execute(
            log.update().values(at=dt.datetime.now(dt.UTC) - store.FETCH_LOG_KEPT - dt.timedelta(days=1))
        )
    run_fetch(engine, "tester", fetcher)
    assert store.fetch_history(engine).empty
