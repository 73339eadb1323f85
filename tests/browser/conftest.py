"""A real dashboard served by `streamlit run` on 127.0.0.1, and headless Debian Chromium driving it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
IDLE_APP = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_dashboard(settings: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """`streamlit run dashboard.py` on a free port of 127.0.0.1 with these environment settings; its URL once healthy."""
    port = _free_port()
    environment = {**os.environ, **settings}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
        "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return url, server
        except OSError:
            time.sleep(0.3)
    server.kill()
    pytest.fail("streamlit did not answer /_stcore/health within 60 s:\n" + server.stdout.read().decode())


def stop_dashboard(server: subprocess.Popen) -> None:
    server.terminate()
    server.wait(timeout=10)


@contextlib.contextmanager
def served_dashboard(store: Path):
    """A dashboard over the SQLite store at `store` for the length of a `with` block; yields its address."""
    url, server = start_dashboard({"POLICY_TIMELINE_DB": f"sqlite:///{store}"})
    try:
        yield url
    finally:
        stop_dashboard(server)


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory):
    # A store of its own, seeded from data/ on the first page load.
    store = tmp_path_factory.mktemp("store") / "store.sqlite"
    url, server = start_dashboard({"POLICY_TIMELINE_DB": f"sqlite:///{store}"})
    yield url
    stop_dashboard(server)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run scripts/install-system-packages.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    yield opened
    context.close()


def wait_until_idle(page, timeout_ms: int = 30_000) -> None:
    """Wait for the script run to finish; a visible heading alone comes too early."""
    page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE_APP, timeout=timeout_ms)
