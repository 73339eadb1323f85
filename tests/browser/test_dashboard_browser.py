"""Real-browser passes: filter by an actor in headless Chromium, open a shared link, check what is drawn."""

import io

import pytest
from PIL import Image

from loaders import curated
from tests.browser.conftest import wait_until_idle

pytestmark = pytest.mark.browser

# The events of the bundled data each view must draw, listed by hand from data/events.yaml.
LIANG_WENFENG = {"liang-wenfeng-declines-paris-summit", "xi-private-enterprise-symposium", "deepseek-r1-release"}
# Export controls overlapping 2023 onwards: every one but the October 2022 rules.
EXPORT_CONTROLS_SINCE_2023 = {
    "bis-advanced-computing-controls-2023", "bis-semiconductor-controls-2024", "bis-ai-diffusion-rule",
    "nvidia-h20-license-requirement", "bis-ai-diffusion-rule-rescinded", "china-gallium-germanium-controls-announced",
    "china-gallium-germanium-controls-effective", "china-bans-critical-minerals-exports-to-us",
}  # fmt: skip
EXPORT_CONTROL_ACTORS = {
    "US Department of Commerce", "Joe Biden", "Nvidia", "Government of the United States", "Donald Trump",
    "Huawei", "Ministry of Commerce of China", "General Administration of Customs of China",
}  # fmt: skip
# The ids plotly holds for the drawn chart (each trace's custom data starts with the event id).
DRAWN_EVENT_IDS = """() => [...new Set(document.querySelector('.js-plotly-plot').data
    .flatMap(trace => Array.from(trace.customdata || [], row => row[0])))]"""


def drawn_event_ids(page) -> set[str]:
    page.locator(".js-plotly-plot .main-svg").first.wait_for()  # plotly draws a moment after the run ends
    return set(page.evaluate(DRAWN_EVENT_IDS))


def test_actor_filter_in_a_real_browser(page, dashboard_url, tmp_path):
    page.goto(dashboard_url)
    wait_until_idle(page)
    total = len(curated.load())
    assert page.get_by_text(f"{total} of {total} events").is_visible()
    assert len(drawn_event_ids(page)) == total

    page.locator("[data-testid=stMultiSelect]").first.click()
    page.keyboard.type("Liang Wenfeng")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_until_idle(page)

    page.get_by_text(f"3 of {total} events · actors: Liang Wenfeng").wait_for()
    assert "actor=Liang+Wenfeng" in page.url or "actor=Liang%20Wenfeng" in page.url
    assert drawn_event_ids(page) == LIANG_WENFENG

    # The screenshot is of a drawn page: full width, and the chart's area is a picture, not a blank box.
    shot = Image.open(io.BytesIO(page.screenshot(full_page=True)))
    assert shot.width == 1400 and shot.height >= 1000
    box = page.locator(".js-plotly-plot").first.bounding_box()
    chart = shot.convert("RGB").crop((box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]))
    assert box["width"] > 600 and box["height"] > 200  # a short chart: three events in their lanes
    assert len(chart.getcolors(maxcolors=100_000) or range(100_000)) > 50
    shot.save(tmp_path / "timeline_liang_wenfeng.png")


def test_shared_link_opens_the_same_view(page, dashboard_url):
    page.goto(f"{dashboard_url}/?category=export_control&from=2023-01-01&lanes=actor")
    wait_until_idle(page)
    total = len(curated.load())
    page.get_by_text(f"{len(EXPORT_CONTROLS_SINCE_2023)} of {total} events", exact=False).wait_for()
    assert drawn_event_ids(page) == EXPORT_CONTROLS_SINCE_2023
    assert page.get_by_text("categories: export_control", exact=False).count() >= 1
    lanes = set(page.locator(".js-plotly-plot .ytick text").all_text_contents())
    assert lanes == EXPORT_CONTROL_ACTORS
