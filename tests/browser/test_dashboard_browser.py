"""One real-browser pass: filter by an actor in headless Chromium, check the chart, keep a screenshot."""

from pathlib import Path

import pytest

from loaders import curated
from tests.browser.conftest import wait_until_idle
from timeline.filters import Filters, apply_filters

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_actor_filter_in_a_real_browser(page, dashboard_url):
    page.goto(dashboard_url)
    wait_until_idle(page)
    total = len(curated.load())
    assert page.get_by_text(f"{total} of {total} events").is_visible()

    page.locator("[data-testid=stMultiSelect]").first.click()
    page.keyboard.type("Liang Wenfeng")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)

    expected = apply_filters(curated.load(), Filters(actors=("Liang Wenfeng",)))
    page.get_by_text(f"{len(expected)} of {total} events · actors: Liang Wenfeng").wait_for()
    assert "actor=Liang+Wenfeng" in page.url or "actor=Liang%20Wenfeng" in page.url
    chart = page.locator(".js-plotly-plot").first
    points = chart.locator(".scatterlayer .point, .barlayer .point")
    points.first.wait_for()  # plotly draws a moment after the script run ends
    assert points.count() >= len(expected)

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "timeline_liang_wenfeng.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000


def test_shared_link_opens_the_same_view(page, dashboard_url):
    page.goto(f"{dashboard_url}/?actor=Xi+Jinping&lanes=actor")
    wait_until_idle(page)
    expected = apply_filters(curated.load(), Filters(actors=("Xi Jinping",)))
    page.get_by_text(f"{len(expected)} of", exact=False).wait_for()
    assert page.locator("[data-testid=stMultiSelect]").first.get_by_text("Xi Jinping", exact=False).count() == 1
    lane = page.locator(".js-plotly-plot .ytick text", has_text="Xi Jinping")
    lane.first.wait_for()  # plotly draws its axes a moment after the script run ends
    assert lane.count() == 1
