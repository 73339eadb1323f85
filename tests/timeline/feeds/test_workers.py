"""Two `feeds fetch` processes on one PostgreSQL share 20 feeds and 200 articles without fetching any twice."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from bench._postgres import reset_postgres
from tests.timeline.feeds.server import NewsSite
from tests.timeline.feeds.test_command import FAST, PROJECT_ROOT
from timeline.database import read_events, tables
from timeline.database.accounts import account_identity, add_account, add_first_admin
from timeline.feeds import store
from timeline.store import open_seeded_store

PG_URL = os.environ.get("POLICY_TIMELINE_TEST_PG_URL")
FEEDS, PER_FEED = 20, 10


@pytest.mark.skipif(
    not PG_URL and not os.environ.get("CI"), reason="set POLICY_TIMELINE_TEST_PG_URL (scripts/start-postgres.sh)"
)
def test_two_workers_fetch_every_article_once():
    reset_postgres(PG_URL)
    engine = open_seeded_store(PG_URL)
    add_first_admin(engine, "admin", "a long enough password")
    add_account(engine, "worker", "analyst", None, account_identity(engine, "admin", "password"))
    worker_account = account_identity(engine, "worker", "command line")
    site = NewsSite(generated_feeds=FEEDS, articles_per_feed=PER_FEED).start()
    try:
        for feed in range(FEEDS):
            store.add_feed(engine, site.url(f"/gen/feed-{feed}.xml"), f"Outlet {feed}", "en", (), worker_account)
        environment = {**os.environ, **FAST, "POLICY_TIMELINE_AS": "worker"}  # a server database: an account acts
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "timeline", "feeds", "fetch", "--db", PG_URL],
                cwd=PROJECT_ROOT,
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=600) for worker in workers]
    finally:
        site.stop()
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err

    article_hits = {path: hits for path, hits in site.requests.items() if path.startswith("/gen/article-")}
    assert len(article_hits) == FEEDS * PER_FEED
    assert set(article_hits.values()) == {1}
    feed_hits = [hits for path, hits in site.requests.items() if path.startswith("/gen/feed-")]
    assert len(feed_hits) == FEEDS and set(feed_hits) == {1}

    new = [int(out.split("articles: ")[1].split(" new")[0]) for out, _ in outputs]
    seen = [int(out.split(" new, ")[1].split(" seen")[0]) for out, _ in outputs]
    assert sum(new) == FEEDS * PER_FEED
    assert sum(seen) == FEEDS  # each feed repeats one report of the next feed
    assert all(count > 0 for count in new), "both workers should have taken a share"
    with engine.connect() as connection:
        statuses = dict(
            connection.execute(select(tables.articles.c.status, func.count()).group_by(tables.articles.c.status)).all()
        )
    assert statuses == {"done": FEEDS * PER_FEED}
    events = read_events(engine)
    fetched = events[events["source_url"].str.startswith(site.base, na=False)]
    # Each generated report has two dated happenings: "on D February" and "last year".
    assert len(fetched) == 2 * FEEDS * PER_FEED
    assert set(fetched["status"]) == {"unreviewed"}
    engine.dispose()
