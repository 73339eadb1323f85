"""What an analyst waits for, timed in Debian's Chromium: `python -m bench.user_paths [--quick]`.

For each size, a SQLite store is filled with the bundled events plus seeded synthetic ones
(bench/_synthetic.py). Then, through the real command and the real pages:

- **start, no snapshot**: from launching `streamlit run dashboard.py` to the first chart drawn in
  the browser, on a store no dashboard has opened (the full read of the store, then the index);
- **start, from snapshot**: the same after stopping that server: the restart reads the snapshot
  the first start wrote;
- **edit seen on the timeline**: on the Edit page, a new title is typed and Save pressed; timed
  from the click to the page confirming the save, and to the new title shown on the Timeline page
  opened on a link that searches for it (what the dashboard does after a write: re-read the
  touched events, rebuild the index, filter, draw). The baseline, measured on the same server
  just before, opens that kind of link with no edit in between: a fresh page's own cost.

Medians of three edits and three baseline opens; one start of each kind per size (a start is minutes at a million events).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench._browser import PROJECT_ROOT, chromium, drawn, streamlit_run
from bench._synthetic import synthetic_events_fast
from tests.browser.conftest import IDLE_APP
from timeline.database import ensure_seeded, import_frame, open_store
from timeline.snapshot import snapshot_path_for

DASHBOARD = PROJECT_ROOT / "dashboard.py"
EDITED_EVENT = "paris-ai-action-summit"  # a bundled event, so its id is known at every size
EDITS = 3
TIMEOUT_S = 900


def build_store(folder: Path, size: int) -> tuple[str, float]:
    """A SQLite store of the bundled events plus `size` synthetic ones; its URL and the seconds it took."""
    url = f"sqlite:///{folder / f'store-{size}.sqlite'}"
    started = time.perf_counter()
    engine = open_store(url)
    ensure_seeded(engine)
    if size:
        import_frame(engine, synthetic_events_fast(size), "benchmark", batch_size=50_000)
    engine.dispose()
    return url, time.perf_counter() - started


def start_to_chart(browser, store_url: str) -> tuple[float, float]:
    """Seconds from `streamlit run dashboard.py` to the server answering, and to the first chart drawn."""
    started = time.perf_counter()
    with streamlit_run(DASHBOARD, {"POLICY_TIMELINE_DB": store_url}) as url:
        answering = time.perf_counter() - started
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.goto(url, timeout=TIMEOUT_S * 1000)
            drawn(page, TIMEOUT_S * 1000)
            return answering, time.perf_counter() - started
        finally:
            context.close()


def edit_to_timeline(browser, url: str, number: int) -> tuple[float, float]:
    """Seconds from pressing Save on the Edit page to the save confirmed, and to the new title on the timeline."""
    title = f"AI Action Summit in Paris, revision Quillon{number}"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    timeout_ms = TIMEOUT_S * 1000
    try:
        page = context.new_page()
        page.goto(f"{url}/edit?event={EDITED_EVENT}", timeout=timeout_ms)
        page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
        name = page.get_by_role("textbox", name="Your name")
        name.fill("Benchmark")
        name.press("Enter")
        page.get_by_role("button", name="Save").and_(page.locator(":enabled")).wait_for(timeout=timeout_ms)
        page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
        page.get_by_role("textbox", name="Title", exact=True).fill(title)
        started = time.perf_counter()
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Saved (1 field(s) changed).").wait_for(timeout=timeout_ms)
        saved = time.perf_counter() - started
        page.goto(f"{url}/?q=Quillon{number}&event={EDITED_EVENT}", timeout=timeout_ms)
        page.get_by_text(title, exact=True).first.wait_for(timeout=timeout_ms)
        drawn(page, timeout_ms)
        return saved, time.perf_counter() - started
    finally:
        context.close()


def open_timeline_link(browser, url: str) -> float:
    """Seconds from opening the timeline on a link that finds the event to its title shown: no edit, the baseline."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    timeout_ms = TIMEOUT_S * 1000
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(f"{url}/?q=Paris&event={EDITED_EVENT}", timeout=timeout_ms)
        page.get_by_text("AI Action Summit in Paris", exact=True).first.wait_for(timeout=timeout_ms)
        drawn(page, timeout_ms)
        return time.perf_counter() - started
    finally:
        context.close()


def measure(browser, folder: Path, size: int) -> dict[str, float]:
    store_url, build_seconds = build_store(folder, size)
    figures = {"build": build_seconds}
    snapshot = snapshot_path_for(store_url)
    assert not snapshot.exists(), "the first start must find no snapshot"
    figures["answer, no snapshot"], figures["chart, no snapshot"] = start_to_chart(browser, store_url)
    assert snapshot.exists(), "the first start should have written a snapshot"
    figures["answer, snapshot"], figures["chart, snapshot"] = start_to_chart(browser, store_url)
    with streamlit_run(DASHBOARD, {"POLICY_TIMELINE_DB": store_url}) as url:
        open_timeline_link(browser, url)  # the first visit of this server reads the snapshot: not the baseline
        figures["link, no edit"] = statistics.median(open_timeline_link(browser, url) for _ in range(EDITS))
        edits = [edit_to_timeline(browser, url, number) for number in range(EDITS)]
    figures["saved"] = statistics.median(saved for saved, _ in edits)
    figures["on timeline"] = statistics.median(seen for _, seen in edits)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the bundled events and 10k only")
    sizes = (0, 10_000) if parser.parse_args().quick else (0, 100_000, 1_000_000)
    started = time.perf_counter()
    print(
        "| events | store built s | start, no snapshot: server answers / first chart s "
        "| start from snapshot: server answers / first chart s | edit: save confirmed s | edit: seen on timeline s "
        "| baseline: timeline link opened, no edit s |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        for size in sizes:
            got = measure(browser, Path(folder), size)
            label = "47 (bundled)" if size == 0 else f"{size:,} + 47"
            print(
                f"| {label} | {got['build']:.1f} | {got['answer, no snapshot']:.1f} / {got['chart, no snapshot']:.1f} "
                f"| {got['answer, snapshot']:.1f} / {got['chart, snapshot']:.1f} | {got['saved']:.2f} "
                f"| {got['on timeline']:.2f} | {got['link, no edit']:.2f} |",
                flush=True,
            )
    print(f"\n(total {time.perf_counter() - started:.0f} s; edits: medians of {EDITS}; 2 cores shared)")


if __name__ == "__main__":
    main()
