"""Several analysts on one dashboard server: `python -m bench.load [--events N] [--sessions 1 10 30]`.

A SQLite store is filled with the bundled events plus N seeded synthetic ones (bench/_synthetic.py),
and `streamlit run dashboard.py` is started on it once per session count, so each count has the
server to itself. That many Chromium contexts (separate sessions, as separate analysts' browsers)
open the Timeline page; then every session changes its filter (a search for a new word) at the
same moment, several rounds over. Timed per change, in each session: from pressing Enter to the
page saying what it filters by and the chart redrawn. The server's memory is read from Linux's
/proc: its resident memory once every session has drawn, and its peak (VmHWM) over the whole count.

Targets: p95 with 10 sessions within 3x of one session alone; the server's peak memory with 30
sessions within 1.3x of one session (the events are one frame shared by every session).

Beside the latencies, the CPU time the server and the browsers spent during the changes (from
/proc, per filter change): the browsers run on the same cores here, and when their share is most
of the work, the time the last of N simultaneous changes waits is bounded below by N times it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench._browser import PROJECT_ROOT, SEARCH_BOX, SETTLE, streamlit_server
from bench.user_paths import build_store
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, IDLE_APP

DASHBOARD = PROJECT_ROOT / "dashboard.py"
# Words of the synthetic titles' topics: each keeps a slice of the events, none is the page's default.
WORDS = ("chip", "grain", "port", "visa", "tariff", "summit")
TIMEOUT_MS = 900_000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def memory_kb(pid: int) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in kB, from /proc."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def stat_fields(pid: int | str) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state first), or None for a gone process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of processes, in seconds, from /proc (gone processes count nothing)."""
    ticks = 0
    for pid in pids:
        if fields := stat_fields(pid):
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / CLOCK_TICKS


def descendants(root: int) -> list[int]:
    """Every process under `root` (the browsers this bench started, through Playwright's driver)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := stat_fields(entry.name)):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, waiting = [], [root]
    while waiting:
        for child in children.get(waiting.pop(), []):
            found.append(child)
            waiting.append(child)
    return found


async def drawn(page) -> None:
    await page.wait_for_selector(IDLE_APP, timeout=TIMEOUT_MS)
    await page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT_MS)
    await page.wait_for_selector(IDLE_APP, timeout=TIMEOUT_MS)
    await page.evaluate(SETTLE)


async def open_timeline(browser, url: str):
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(url, timeout=TIMEOUT_MS)
    await drawn(page)
    return context, page


# Waits inside the page for the run to end naming the filter, then for the chart (drawn after the
# run ends) and two frames: one promise per change, woken by the page's own changes (the last text
# may render just after the run-state attribute flips), reading the text only once the run has
# ended, so the waiting does not poll the page while many sessions redraw on the same cores.
REDRAWN = """needle => new Promise(done => {
  const app = document.querySelector('[data-testid="stApp"]');
  const settle = () => requestAnimationFrame(() => requestAnimationFrame(done));
  const charted = () => app.querySelector(".js-plotly-plot .main-svg") ? settle() : requestAnimationFrame(charted);
  const finished = () => app.getAttribute("data-test-script-state") === "notRunning" && app.textContent.includes(needle);
  if (finished()) return charted();
  const watch = new MutationObserver(() => { if (finished()) { watch.disconnect(); charted(); } });
  watch.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"], childList: true, subtree: true,
                      characterData: true});
})"""


async def change_filter(page, word: str) -> float:
    """Seconds from searching `word` to the page naming that filter with its chart redrawn."""
    search = page.get_by_label(SEARCH_BOX)
    await search.fill(word)
    started = time.perf_counter()
    await search.press("Enter")
    await asyncio.wait_for(page.evaluate(REDRAWN, f'text: "{word}"'), TIMEOUT_MS / 1000)
    return time.perf_counter() - started


async def session_rounds(page, session: int, rounds: int, start: asyncio.Event) -> list[float]:
    await start.wait()
    # Each session walks the words from its own place, so neighbours ask for different views.
    return [await change_filter(page, WORDS[(session + round_) % len(WORDS)]) for round_ in range(rounds)]


async def one_count(store_url: str, sessions: int, rounds: int) -> dict[str, float]:
    from playwright.async_api import async_playwright

    with streamlit_server(DASHBOARD, {"POLICY_TIMELINE_DB": store_url}, timeout_s=120) as (url, server):
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                opened = await asyncio.gather(*(open_timeline(browser, url) for _ in range(sessions)))
                resident_open = memory_kb(server.pid)["VmRSS"]
                # The server is this process's child too; its CPU is counted on its own.
                browsers = [pid for pid in descendants(os.getpid()) if pid != server.pid]
                server_before, browsers_before = cpu_seconds([server.pid]), cpu_seconds(browsers)
                start = asyncio.Event()
                work = [
                    asyncio.create_task(session_rounds(page, number, rounds, start))
                    for number, (_, page) in enumerate(opened)
                ]
                start.set()
                timings = [seconds for finished in await asyncio.gather(*work) for seconds in finished]
                server_cpu = cpu_seconds([server.pid]) - server_before
                browsers_cpu = cpu_seconds(browsers) - browsers_before
                for context, _ in opened:
                    await context.close()
            finally:
                await browser.close()
        memory = memory_kb(server.pid)
    ordered = sorted(timings)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        "changes": len(ordered),
        "rss_open_mb": resident_open / 1024,
        "peak_mb": memory["VmHWM"] / 1024,
        "server_cpu": server_cpu / len(ordered),
        "browsers_cpu": browsers_cpu / len(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events beside the bundled ones")
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 30])
    parser.add_argument("--rounds", type=int, default=3, help="filter changes per session")
    parser.add_argument("--store-dir", help="keep the built store in this folder and reuse it on the next run")
    arguments = parser.parse_args()
    counts = sorted(set(arguments.sessions) | {1})  # one session alone is the baseline
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(arguments.store_dir or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        kept = folder / f"store-{arguments.events}.sqlite"
        if arguments.store_dir and kept.exists():
            store_url = f"sqlite:///{kept}"
            print(f"store: {arguments.events:,} + 47 events, reused from {kept.name}", flush=True)
        else:
            store_url, build_seconds = build_store(folder, arguments.events)
            print(f"store: {arguments.events:,} + 47 events, built in {build_seconds:.0f} s", flush=True)
        # A first server writes the snapshot, so every count below starts the same way: from it.
        asyncio.run(one_count(store_url, 1, 1))
        figures = {}
        print(
            "| sessions | filter changes | p50 s | p95 s | p95 / one session | server RSS, all drawn MB "
            "| server peak MB | peak / one session | server CPU s per change | browsers' CPU s per change |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|")
        for count in counts:
            got = figures[count] = asyncio.run(one_count(store_url, count, arguments.rounds))
            alone = figures[1]
            print(
                f"| {count} | {got['changes']} | {got['p50']:.2f} | {got['p95']:.2f} "
                f"| {got['p95'] / alone['p95']:.2f} | {got['rss_open_mb']:.0f} | {got['peak_mb']:.0f} "
                f"| {got['peak_mb'] / alone['peak_mb']:.2f} | {got['server_cpu']:.2f} | {got['browsers_cpu']:.2f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
