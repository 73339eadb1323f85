"""Fixtures for the fetch tests: a local news site and a fresh SQLite store."""

from __future__ import annotations

import pytest

from bench._postgres import reset_postgres
from tests.timeline.database.conftest import BACKENDS, PG_URL
from tests.timeline.feeds.server import NewsSite
from timeline.feeds.fetcher import Fetcher, FetchSettings
from timeline.store import open_seeded_store


@pytest.fixture
def site():
    news = NewsSite(slow_seconds=2.0).start()
    yield news
    news.stop()


@pytest.fixture
def fast_settings() -> FetchSettings:
    """Short timeout and backoff, no pause between requests: the local site answers at once."""
    return FetchSettings(timeout=0.5, retries=1, backoff=0.05, host_interval=0.0)


@pytest.fixture
def fetcher(fast_settings):
    with Fetcher(fast_settings) as client:
        yield client


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    """A seeded store on SQLite, and on PostgreSQL too when POLICY_TIMELINE_TEST_PG_URL is set."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        reset_postgres(PG_URL)
        url = PG_URL
    engine = open_seeded_store(url, team=False)
    yield engine
    engine.dispose()
