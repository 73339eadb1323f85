"""Regenerate the screenshots in docs/: the Timeline and Events pages, the default briefing and one with
an Arabic title.

Serves the dashboard on the bundled data (a throwaway store) in headless Chromium. The pages are shot
whole in a 1400×1000 window; each briefing is opened with `clean=1` and saved exactly as drawn,
1920×1080, stopping with an error when the picture on the page is not that size. Run from the
project root:

    .venv/bin/python scripts/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from bench._browser import chromium, drawn, streamlit_run  # noqa: E402
from tests.browser.conftest import IDLE_APP  # noqa: E402

PAGES = {"timeline.png": "", "events.png": "events"}
SHOTS = {
    "briefing.png": {"clean": "1"},
    "briefing_arabic_title.png": {"clean": "1", "title": "قمة باريس (AI Action Summit) في 10–11 فبراير 2025"},
}


def main() -> None:
    with tempfile.TemporaryDirectory() as store, chromium() as browser:
        environment = {"POLICY_TIMELINE_DB": f"sqlite:///{Path(store) / 'store.sqlite'}"}
        with streamlit_run(PROJECT_ROOT / "dashboard.py", environment, timeout_s=120) as url:
            window = browser.new_page(viewport={"width": 1400, "height": 1000})
            for name, path in PAGES.items():
                window.goto(f"{url}/{path}")
                if path:  # a table page
                    window.wait_for_selector(IDLE_APP, timeout=180_000)
                else:
                    drawn(window, 180_000)
                window.wait_for_timeout(1_000)  # tables and charts paint a moment after the run ends
                target = PROJECT_ROOT / "docs" / name
                window.screenshot(path=str(target))
                print(f"wrote {target.relative_to(PROJECT_ROOT)}")
            # A window narrower than the picture: the clean briefing keeps its own size regardless.
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            for name, query in SHOTS.items():
                page.goto(f"{url}/briefing?{urlencode(query)}")
                drawn(page, 180_000)
                chart = page.locator(".js-plotly-plot").first
                box = chart.bounding_box()
                if (box["x"], box["y"], box["width"], box["height"]) != (0, 0, 1920, 1080):
                    raise SystemExit(f"{name}: the clean briefing is drawn at {box}, not 1920×1080 at the top left")
                # Chromium captures only what a window shows: widen it to the picture for the shot.
                page.set_viewport_size({"width": 1920, "height": 1080})
                page.wait_for_timeout(500)
                target = PROJECT_ROOT / "docs" / name
                chart.screenshot(path=str(target))
                page.set_viewport_size({"width": 1600, "height": 1000})
                print(f"wrote {target.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
