"""One real-browser pass over the Threads page and a Changes view, keeping a screenshot of each."""

from pathlib import Path

import pytest

from tests.browser.conftest import wait_until_idle

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def test_threads_page_and_a_changes_view_in_a_real_browser(page, dashboard_url):
    page.goto(f"{dashboard_url}/threads?open=china-gallium-germanium-controls")
    wait_until_idle(page, timeout_ms=60_000)
    page.get_by_role("heading", name="Policy threads").wait_for()
    chart = page.locator(".js-plotly-plot").first
    chart.locator(".scatterlayer .point").first.wait_for()  # plotly draws after the run ends
    # Every stage of the seven bundled threads is a marker; the waits before entry into force are bars.
    assert chart.locator(".scatterlayer .point").count() >= 22
    assert chart.locator(".barlayer .point").count() == 2
    assert chart.get_by_text("rescinded since 13 May 2025").count() >= 1
    assert "open=china-gallium-germanium-controls" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "threads.png"), full_page=True)

    page.goto(f"{dashboard_url}/changes?since=2000-01-01&category=export_control")
    wait_until_idle(page, timeout_ms=60_000)
    page.get_by_role("heading", name="Changes").wait_for()
    # A store filled from data/ today: every export-control event is new since 2000.
    metric = page.locator("[data-testid=stMetric]").filter(has_text="New").first
    assert metric.locator("[data-testid=stMetricValue]").inner_text().strip() == "9"
    assert page.get_by_text("view: categories: export_control").is_visible()
    page.screenshot(path=str(ARTIFACTS / "changes.png"), full_page=True)
