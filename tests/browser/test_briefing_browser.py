"""Briefing in a real browser: a shared link shows the same events; CSV and PNG downloads are right."""

import io

import pandas as pd
import pytest
from PIL import Image

from loaders import curated
from tests.browser.conftest import wait_until_idle
from timeline.filters import Filters, apply_filters

pytestmark = pytest.mark.browser
LINK = "/briefing?actor=Liang+Wenfeng&from=2025-01-01&to=2025-03-31&title=Liang+Wenfeng+and+the+Paris+summit"


def expected_events() -> pd.DataFrame:
    filters = Filters(
        actors=("Liang Wenfeng",),
        date_from=pd.Timestamp("2025-01-01").date(),
        date_to=pd.Timestamp("2025-03-31").date(),
    )
    return apply_filters(curated.load(), filters)


def test_shared_link_shows_the_same_events_and_downloads_match(page, dashboard_url, tmp_path):
    page.goto(dashboard_url + LINK)
    wait_until_idle(page)
    expected = expected_events()
    page.get_by_text(f"{len(expected)} of {len(curated.load())} events", exact=False).wait_for()
    chart = page.locator(".js-plotly-plot").first
    assert "Liang Wenfeng and the Paris summit" in chart.locator(".gtitle").text_content()
    # The table wraps long titles over several text nodes; compare without white space.
    table = chart.locator(".table").first
    table.locator("text").first.wait_for()  # plotly draws a moment after the script run ends
    page.wait_for_timeout(500)
    table_text = "".join("".join(table.locator("text").all_text_contents()).split())
    for title in expected["title"]:
        assert "".join(title.split()) in table_text

    with page.expect_download() as csv_download:
        page.get_by_role("button", name="CSV").click()
    csv_path = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(csv_path)
    assert csv_path.name == "briefing_2025-01-01_2025-03-31.csv"
    rows = pd.read_csv(csv_path, encoding="utf-8-sig", comment="#", dtype=str, keep_default_na=False)
    assert list(rows["event_id"]) == list(expected["event_id"])

    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="PNG (2×)").click()
    png_path = tmp_path / png_download.value.suggested_filename
    png_download.value.save_as(png_path)
    image = Image.open(io.BytesIO(png_path.read_bytes()))
    assert image.size == (3840, 2160)
    low, high = image.convert("L").getextrema()
    assert low < 100 < high
    assert "actors: Liang Wenfeng" in image.text["Description"]
