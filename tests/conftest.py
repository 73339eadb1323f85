"""Shared test helpers: small event frames built through the real schema."""

from __future__ import annotations

import os
import shutil

import pandas as pd
import pytest

from timeline.schema import enforce_schema

BASE_EVENT = {
    "summary": None,
    "date_text": "as written",
    "countries": ("CN",),
    "location": None,
    "source_name": "Test source",
    "source_url": "https://example.org/a",
    "source_lang": "en",
    "published": None,
    "quote": None,
    "source_ids": ("test-source",),
    "status": "accepted",
    "confidence": 1.0,
}


# `make test` (and CI) set this: a missing service then stops the run instead of skipping its tests.
SERVICES_REQUIRED = os.environ.get("POLICY_TIMELINE_TEST_SERVICES") == "required" or bool(os.environ.get("CI"))
PG_URL_VARIABLE = "POLICY_TIMELINE_TEST_PG_URL"

# A developer's bare `pytest` skips browser-backed tests on a machine without Chromium.
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")


def missing_services() -> list[str]:
    """The services the whole suite needs that this machine does not offer."""
    missing = []
    if shutil.which("chromium") is None:
        missing.append("Debian's chromium is not installed (scripts/install-system-packages.sh)")
    if not os.environ.get(PG_URL_VARIABLE):
        missing.append(f"{PG_URL_VARIABLE} is empty (scripts/start-postgres.sh prints the URL)")
    return missing


def _own_database_per_worker() -> None:
    """Under pytest-xdist each worker tests on its own PostgreSQL database: tests empty theirs at will.

    Runs when this file is imported, before any test module reads the URL, and is inherited by the
    commands and dashboard servers the tests start.
    """
    worker, url = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get(PG_URL_VARIABLE)
    if not worker or not url:
        return
    from sqlalchemy import create_engine, make_url, text

    shared = make_url(url)
    name = f"{shared.database}_{worker}"
    server = create_engine(shared, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    os.environ[PG_URL_VARIABLE] = shared.set(database=name).render_as_string(hide_password=False)


_own_database_per_worker()


def pytest_configure(config):
    if SERVICES_REQUIRED and (missing := missing_services()):
        raise pytest.UsageError("services required but missing: " + "; ".join(missing))


SOURCES = pd.DataFrame(
    {
        "source_id": ["test-source"],
        "name": ["Test outlet"],
        "title": [""],
        "url": ["https://example.org/a"],
        "lang": ["en"],
        "published": pd.to_datetime(["2025-03-01"]),
        "published_estimated": [False],
        "accessed": pd.to_datetime(["2026-11-29"]),
    }
)


def make_events(*rows: dict) -> pd.DataFrame:
    """A schema-checked frame; each row gives at least event_id, title, dates, precision, category, actors."""
    return enforce_schema(pd.DataFrame([{**BASE_EVENT, **row} for row in rows]), origin="test")


@pytest.fixture
def events() -> pd.DataFrame:
    return make_events(
        {
            "event_id": "symposium",
            "title": "Xi Jinping meets private business leaders",
            "summary": "Liang Wenfeng attended.",
            "date_start": "2025-02-17",
            "date_end": "2025-02-17",
            "date_precision": "day",
            "category": "meeting",
            "actors": ("Xi Jinping", "Liang Wenfeng", "Wang Xingxing"),
            "quote": "التقى الرئيس الصيني شي جين بينج بكبار رجال الأعمال",
            "source_lang": "ar",
        },
        {
            "event_id": "paris-summit",
            "title": "AI Action Summit in Paris",
            "date_start": "2025-02-10",
            "date_end": "2025-02-11",
            "date_precision": "range",
            "category": "summit",
            "actors": ("Emmanuel Macron",),
            "countries": ("FR",),
        },
        {
            "event_id": "declined-invitation",
            "title": "Liang Wenfeng declines the Paris summit invitation",
            "date_start": "2025-02-01",
            "date_end": "2025-02-28",
            "date_precision": "month",
            "category": "statement",
            "actors": ("Liang Wenfeng",),
            "countries": ("CN", "FR"),
        },
        {
            "event_id": "cancelled-trip",
            "title": "AI founder cancels a US trip",
            "date_start": "2024-01-01",
            "date_end": "2024-12-31",
            "date_precision": "year",
            "category": "travel_guidance",
            "actors": (),
            "countries": ("CN", "US"),
            "status": "unreviewed",
            "confidence": 0.6,
        },
    )


def dense_events(count: int = 200, same_day: int = 20) -> pd.DataFrame:
    """A crowded view: `count` events in three months of 2025, `same_day` of them on 14 February.

    Day events, two-day ranges and whole months, spread over five categories, with titles of the
    lengths the bundled data has; a fixed seed keeps it the same on every run.
    """
    import random

    generator = random.Random(2025)
    categories = ("tariff", "export_control", "summit", "meeting", "legislation")
    words = ("Tariffs", "on", "chips", "announced", "by", "ministry", "review", "of", "export", "rules", "talks")
    rows = []
    for number in range(count):
        if number < same_day:
            start = end = pd.Timestamp("2025-02-14")
            precision = "day"
        else:
            start = pd.Timestamp("2025-01-01") + pd.Timedelta(days=generator.randrange(89))
            precision = generator.choice(("day", "day", "day", "range", "month"))
            if precision == "range":
                end = start + pd.Timedelta(days=1)
            elif precision == "month":
                start = start.replace(day=1)
                end = start + pd.offsets.MonthEnd(0)
            else:
                end = start
        title = f"Event {number + 1}: " + " ".join(generator.choice(words) for _ in range(generator.randrange(3, 9)))
        rows.append(
            {
                "event_id": f"dense-{number + 1}",
                "title": title,
                "date_start": start.strftime("%Y-%m-%d"),
                "date_end": end.strftime("%Y-%m-%d"),
                "date_precision": precision,
                "category": categories[number % len(categories)],
                "actors": (f"Actor {number % 7}",),
            }
        )
    frame = make_events(*rows)
    return frame.sort_values(["date_start", "event_id"], kind="stable").reset_index(drop=True)
