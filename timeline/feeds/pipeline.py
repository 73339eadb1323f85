"""A fetch run: due feeds read, new articles fetched and extracted, their candidates queued for review."""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from urllib.parse import urljoin

import feedparser
from sqlalchemy import Engine, update

from loaders.article_page import FROM_ANALYST, FROM_FEED, PageError, decode_html, extract_page
from loaders.article_text import ArticleError
from loaders.articles import extract_events, source_id_for
from timeline.database import tables
from timeline.database.column_types import utc_now
from timeline.database.engine import serialize, write_transaction
from timeline.database.event_rows import frame_records
from timeline.database.permissions import guarded
from timeline.database.repository import existing_ids, insert_events
from timeline.feeds import store
from timeline.feeds.addresses import AddressError, article_key, text_fingerprint
from timeline.feeds.fetcher import Fetcher, FetchError

STEPS = ("feeds", "fetch", "extract", "events", "store")
CLAIM_BATCH = 5


@dataclass
class FetchSummary:
    feeds_read: int = 0
    feeds_failed: int = 0
    new: int = 0  # articles stored for the first time
    seen: int = 0  # feed entries already known, and repeats of stored articles
    failed: int = 0
    queued: int = 0  # candidate events sent to review
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.feeds_read} feeds read ({self.feeds_failed} failed), {self.articles_line()}"

    def articles_line(self) -> str:
        return f"articles: {self.new} new, {self.seen} seen, {self.failed} failed; {self.queued} candidates queued for review"

    def time_line(self) -> str:
        total = sum(self.seconds.values()) or 1.0
        shares = ", ".join(f"{step} {100 * self.seconds.get(step, 0.0) / total:.0f}%" for step in STEPS)
        return f"time per step: {shares} of {total:.2f} s"


Progress = Callable[[FetchSummary, str], None]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@guarded("fetch_articles")
def run_fetch(
    engine: Engine, who: str, fetcher: Fetcher | None = None, progress: Progress | None = None
) -> FetchSummary:
    """Read every due feed, then fetch every article waiting; safe to run in several processes at once."""
    summary, worker = FetchSummary(), worker_name()
    store.prune_fetch_log(engine, utc_now())
    with _own_or_given(fetcher) as client:
        while (feed := store.claim_due_feed(engine, utc_now())) is not None:
            read_feed(engine, client, feed, worker, summary)
            if progress:
                progress(summary, feed.url)
        fetch_waiting(engine, client, who, worker, summary, progress=progress)
    return summary


@guarded("fetch_articles")
def fetch_addresses(
    engine: Engine,
    urls: Iterable[str],
    who: str,
    outlet: str = "",
    lang: str = "auto",
    published: dt.date | None = None,
    fetcher: Fetcher | None = None,
) -> tuple[FetchSummary, list[str]]:
    """Fetch articles an analyst gave by address, at once; returns the summary and each address's key."""
    summary, worker, keys = FetchSummary(), worker_name(), []
    with write_transaction(engine) as connection:
        for url in urls:
            try:
                key = article_key(url)
            except AddressError as error:
                summary.failed += 1
                summary.problems.append(str(error))
                continue
            keys.append(key)
            fresh = store.enqueue(
                connection, url.strip(), outlet.strip() or store.host_name(key), lang, given_published=published
            )
            # Given again, an article that failed is tried again at once, with the date given this time.
            summary.seen += not fresh and not store.requeue(connection, key, lang, published)
    with _own_or_given(fetcher) as client:
        fetch_waiting(engine, client, who, worker, summary, addresses=keys)
    return summary, keys


def read_feed(engine: Engine, client: Fetcher, feed: store.Feed, worker: str, summary: FetchSummary) -> None:
    """Queue the feed's new entries; a failed read is logged and the feed tried again later."""
    started = time.perf_counter()
    try:
        answer = client.get(feed.url, kind="feed", etag=feed.etag, last_modified=feed.last_modified)
        if answer.not_modified:
            store.finish_feed(
                engine, feed, "not modified", failed=False, etag=feed.etag, last_modified=feed.last_modified
            )
            store.log_fetch_now(engine, worker, "feed", feed.url, "not modified", http_status=304, found=0)
            summary.feeds_read += 1
            return
        parsed = feedparser.parse(answer.content, response_headers={"content-type": _content_type(answer)})
        if parsed.bozo and not parsed.entries:
            raise FetchError(feed.url, f"not a readable RSS or Atom feed ({parsed.bozo_exception})", retry_later=True)
        new = seen = unreadable = 0
        entries = []
        for entry in parsed.entries:
            link = _entry_link(entry, answer.final_url)
            try:
                entries.append((article_key(link or ""), link, entry))
            except AddressError:
                unreadable += 1  # no web address, no article to fetch: counted in the feed's outcome
        # In address order: two workers queueing overlapping feeds then lock rows in the same order.
        entries.sort(key=lambda item: item[0])
        with write_transaction(engine) as connection:
            for _key, link, entry in entries:
                fresh = store.enqueue(
                    connection,
                    link,
                    feed.outlet,
                    feed.lang,
                    feed.tags,
                    feed_url=feed.url,
                    feed_title=entry.get("title"),
                    feed_published=_entry_date(entry),
                )
                new, seen = new + fresh, seen + (not fresh)
            store.log_fetch(connection, worker, "feed", feed.url, "fetched", http_status=answer.status, found=new)
        outcome = f"{new} new, {seen} seen" + (f", {unreadable} entries without a web address" if unreadable else "")
        store.finish_feed(engine, feed, outcome, False, answer.etag, answer.last_modified)
        summary.feeds_read += 1
        summary.seen += seen
    except FetchError as error:
        summary.feeds_failed += 1
        summary.problems.append(str(error))
        store.finish_feed(engine, feed, f"failed: {error.reason}", failed=True)
        store.log_fetch_now(engine, worker, "feed", feed.url, "failed", reason=error.reason, http_status=error.status)
    finally:
        summary.seconds["feeds"] += time.perf_counter() - started


def fetch_waiting(
    engine: Engine,
    client: Fetcher,
    who: str,
    worker: str,
    summary: FetchSummary,
    addresses: list[str] | None = None,
    progress: Progress | None = None,
) -> None:
    """Claim and fetch queued articles (only `addresses` when given) until none is left for this worker."""
    while claimed := store.claim_articles(engine, worker, utc_now(), CLAIM_BATCH, addresses):
        for article in claimed:
            fetch_article(engine, client, article, who, worker, summary)
            if progress:
                progress(summary, article.url)


def fetch_article(
    engine: Engine, client: Fetcher, article: store.QueuedArticle, who: str, worker: str, summary: FetchSummary
) -> None:
    """Fetch, extract and queue one article; any failure is recorded with its reason and nothing half-written kept."""
    timings: dict[str, float] = {}
    page_url = article.url
    try:
        with _timed(timings, "fetch"):
            answer = client.get(article.url, kind="page")
            page_url = answer.final_url
        with _timed(timings, "extract"):
            html = decode_html(answer.content, answer.charset, answer.final_url)
            page = extract_page(html, answer.final_url)
            if not page.text:
                raise PageError(f"{page_url}: no article text found on the page")
        published, origin = _publication(article, page)
        lang = article.lang if article.lang != "auto" else (page.lang if page.lang in ("ar", "en", "zh") else "auto")
        canonical = _canonical_key(page.canonical_url, answer.final_url)
        source_url = page.canonical_url and urljoin(answer.final_url, page.canonical_url) or answer.final_url
        with _timed(timings, "events"):
            if published is None:
                raise ArticleError(
                    f"{page_url}: no publication date in the page, its address or the feed; add it by address "
                    "with the date"
                )
            candidates = extract_events(
                page.text, published, lang=lang, source_name=article.outlet, source_url=source_url
            )
        with _timed(timings, "store"):
            outcome = _store_article(
                engine, article, answer, page, canonical, candidates, published, origin, who, worker, timings
            )
    except FetchError as error:
        _record_failure(engine, article, error.reason, error.retry_later, worker, summary, timings, error.status)
    except (PageError, ArticleError) as error:
        reason = str(error).removeprefix(f"{page_url}: ")  # the problem line names the address once
        _record_failure(engine, article, reason, False, worker, summary, timings)
    else:
        if outcome is None:
            summary.seen += 1
        else:
            summary.new += 1
            summary.queued += outcome
    for step, seconds in timings.items():
        summary.seconds[step] += seconds


def _store_article(engine, article, answer, page, canonical, candidates, published, origin, who, worker, timings):
    """Candidates and the article's record in one transaction; None when the article repeats a stored one."""
    fingerprint = text_fingerprint(page.text)
    articles = tables.articles
    base = {
        "fetched_at": utc_now(),
        "final_url": answer.final_url,
        "redirects": answer.redirects,
        "canonical": canonical,
        "fingerprint": fingerprint,
        "title": page.title,
        "page_lang": page.lang,
        "published": published,
        "published_origin": origin,
        "modified": _day(page.modified),
        "claimed_by": None,
        "claimed_at": None,
        "last_error": None,
    }
    with write_transaction(engine) as connection:
        serialize(connection, "feeds-articles")  # two workers cannot both store one story under two addresses
        original = store.original_of(connection, article.address, canonical, fingerprint)
        if original is not None:
            store.merge_sightings(connection, article.address, original)
            connection.execute(
                update(articles)
                .where(articles.c.address == article.address)
                .values(status="duplicate", duplicate_of=original, candidates=0, **base)
            )
            store.log_fetch(connection, worker, "article", article.url, "duplicate", reason=f"same as {original}",
                            http_status=answer.status, seconds=timings, found=0)  # fmt: skip
            return None
        records = frame_records(candidates)
        known = existing_ids(connection, [record["event_id"] for record in records])
        fresh = [record for record in records if record["event_id"] not in known]
        insert_events(connection, fresh, who)
        source_id = source_id_for(article.outlet, records[0]["source_url"] if records else "", published)
        if records:
            source_id = records[0]["source_ids"][0]
            connection.execute(
                update(tables.sources)
                .where(tables.sources.c.source_id == source_id, tables.sources.c.title == "")
                .values(title=page.title or article.outlet)
            )
        connection.execute(
            update(articles)
            .where(articles.c.address == article.address)
            .values(status="done", candidates=len(fresh), source_id=source_id, **base)
        )
        store.log_fetch(connection, worker, "article", article.url, "fetched", http_status=answer.status,
                        seconds=timings, found=len(fresh))  # fmt: skip
    return len(fresh)


def _record_failure(engine, article, reason, retry_later, worker, summary, timings, status=None) -> None:
    outcome = store.fail_article(engine, article, reason, retry_later)
    store.log_fetch_now(
        engine, worker, "article", article.url, "failed", reason=reason, http_status=status, seconds=timings
    )
    summary.failed += 1
    later = " (tried again later)" if outcome == "pending" else ""
    summary.problems.append(f"{article.url}: {reason}{later}")


def _publication(article: store.QueuedArticle, page) -> tuple[dt.date | None, str | None]:
    """The publication date and its origin: the analyst's, else the page's metadata, the feed's, the address's."""
    if article.given_published:
        return article.given_published, FROM_ANALYST
    if page.published and page.published_origin != "address":
        return _day(page.published), page.published_origin
    if article.feed_published:
        return article.feed_published, FROM_FEED
    if page.published:
        return _day(page.published), page.published_origin
    return None, None


def _canonical_key(canonical: str | None, base: str) -> str | None:
    if not canonical:
        return None
    try:
        return article_key(urljoin(base, canonical))
    except AddressError:
        return None


def _entry_link(entry, base: str) -> str | None:
    link = entry.get("link") or next((item.get("href") for item in entry.get("links", []) if item.get("href")), None)
    return urljoin(base, link.strip()) if link else None


def _entry_date(entry) -> dt.date | None:
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    if not moment:
        return None
    try:
        return dt.date(moment.tm_year, moment.tm_mon, moment.tm_mday)
    except ValueError:
        return None


def _content_type(answer) -> str:
    return f"application/xml; charset={answer.charset}" if answer.charset else "application/xml"


def _own_or_given(fetcher: Fetcher | None):
    """A caller's fetcher stays open for its next run; one made here is closed after this one."""
    return nullcontext(fetcher) if fetcher is not None else Fetcher()


def _day(text: str | dt.date | None) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


class _timed:
    def __init__(self, timings: dict[str, float], step: str) -> None:
        self.timings, self.step = timings, step

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *_) -> None:
        self.timings[self.step] = self.timings.get(self.step, 0.0) + time.perf_counter() - self.started
