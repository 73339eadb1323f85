"""Store fixtures: every test runs on SQLite, and on PostgreSQL too (always under `make test`)."""

from __future__ import annotations

import os

import pytest

from bench._postgres import reset_postgres
from tests.conftest import PG_URL_VARIABLE, make_events
from timeline.database import ensure_seeded, open_store

PG_URL = os.environ.get(PG_URL_VARIABLE)
BACKENDS = [
    "sqlite",
    # A developer's bare `pytest` skips PostgreSQL without a URL; under `make test` the run stops first.
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not PG_URL, reason=f"set {PG_URL_VARIABLE} (scripts/start-postgres.sh)"),
    ),
]


@pytest.fixture(params=BACKENDS)
def store_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def engine(store_url):
    # These tests are about what the store does, on both backends, for one analyst; who may do it
    # (team mode, always on a server database unless fixed like this) is tested in test_permissions.py.
    engine = open_store(store_url, team=False)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(engine):
    ensure_seeded(engine)
    return engine


def event(event_id: str, **fields) -> dict:
    """One event row for make_events, with a day date and the test source unless told otherwise."""
    return {
        "event_id": event_id,
        "title": f"Event {event_id}",
        "date_start": "2025-02-17",
        "date_end": "2025-02-17",
        "date_precision": "day",
        "category": "meeting",
        "actors": ("Xi Jinping",),
        **fields,
    }


def frame_of(*events: dict):
    return make_events(*events)
