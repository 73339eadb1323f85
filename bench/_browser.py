"""Times a served bench app in headless Debian Chromium: open to chart drawn, filter change to chart redrawn."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, IDLE_APP, _free_port

APP = Path(__file__).with_name("_app.py")
PROJECT_ROOT = APP.parents[1]
SEARCH_BOX = "Search title, summary and quote"
# Two animation frames after the app is idle: Playwright's evaluate only returns once the page's
# main thread is free, so plotly has finished drawing by then.
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@contextlib.contextmanager
def served(data_dir: Path) -> Iterator[str]:
    """`streamlit run bench/_app.py` on 127.0.0.1 over the pickled datasets in `data_dir`; yields its address."""
    with streamlit_run(APP, {"BENCH_DIR": str(data_dir)}, "--server.maxMessageSize", "1000") as url:
        yield url


@contextlib.contextmanager
def streamlit_run(script: Path, environment: dict[str, str], *options: str, timeout_s: float = 60) -> Iterator[str]:
    """`streamlit run script` on 127.0.0.1 with extra environment variables; yields its address once it answers."""
    with streamlit_server(script, environment, *options, timeout_s=timeout_s) as (url, _):
        yield url


@contextlib.contextmanager
def streamlit_server(
    script: Path, environment: dict[str, str], *options: str, timeout_s: float = 60
) -> Iterator[tuple[str, subprocess.Popen]]:
    """As streamlit_run, also yielding the server process (for its memory)."""
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false", *options,
    ]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **environment}
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{script.name} did not start within {timeout_s:.0f} s") from None
                time.sleep(0.1)
        yield url, server
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def drawn(page, timeout_ms: int) -> None:
    """Wait until the script is idle, the chart is on the page and the browser has painted it."""
    page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
    page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
    page.evaluate(SETTLE)


def open_and_filter(browser, url: str, word: str, timeout_s: float) -> tuple[float, float]:
    """Seconds from opening the page to the chart drawn, and from searching `word` to the chart redrawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    timeout_ms = int(timeout_s * 1000)
    try:
        started = time.perf_counter()
        page.goto(url, timeout=timeout_ms)
        drawn(page, timeout_ms)
        opened = time.perf_counter() - started
        search = page.get_by_label(SEARCH_BOX)
        search.fill(word)
        started = time.perf_counter()
        search.press("Enter")
        page.get_by_text(f'text: "{word}"').first.wait_for(timeout=timeout_ms)
        drawn(page, timeout_ms)
        return opened, time.perf_counter() - started
    finally:
        context.close()
