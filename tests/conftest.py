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
