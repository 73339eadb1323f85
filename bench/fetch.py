"""Articles per second through `python -m timeline feeds fetch` from a local news site, with the time per step.

Usage: .venv/bin/python bench/fetch.py [--feeds 10] [--per-feed 20] [--repeats 3]

Each repeat starts a fresh SQLite store, lists --feeds generated feeds of --per-feed English reports
each on a news site served from 127.0.0.1, and runs the command a user or cron runs: every feed is
read, every article fetched, reduced to its text (trafilatura, htmldate), searched for dated events
and its candidates queued for review. The pause between two requests to one host is set to 0 (the
site is local); timeouts and retries keep their defaults. The baseline, measured in the same repeat,
is a plain httpx GET of the same article pages one after another: what the network alone costs.
Figures are medians over the repeats.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from tests.timeline.feeds.server import NewsSite  # noqa: E402

STEP_LINE = re.compile(r"time per step: (.*) of ([\d.]+) s")


def timeline(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "POLICY_TIMELINE_FETCH_HOST_INTERVAL": "0", "POLICY_TIMELINE_ANALYST": "bench"}
    finished = subprocess.run(
        [sys.executable, "-m", "timeline", *arguments],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    if finished.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed:\n{finished.stderr}")
    return finished


def one_repeat(site: NewsSite, feeds: int, per_feed: int, folder: Path, number: int) -> dict[str, float]:
    db = f"sqlite:///{folder / f'store-{number}.sqlite'}"
    for feed in range(feeds):
        timeline(
            "feeds", "add", site.url(f"/gen/feed-{feed}.xml"), "--outlet", f"Outlet {feed}", "--lang", "en", "--db", db
        )
    articles = feeds * per_feed

    started = time.perf_counter()
    with httpx.Client() as client:
        for feed in range(feeds):
            for item in range(per_feed):
                client.get(site.url(f"/gen/article-{feed}-{item}.html")).raise_for_status()
    baseline = articles / (time.perf_counter() - started)

    started = time.perf_counter()
    finished = timeline("feeds", "fetch", "--db", db)
    wall = time.perf_counter() - started
    if f"articles: {articles} new" not in finished.stdout:
        raise SystemExit(f"expected {articles} new articles, got: {finished.stdout}")
    shares_text, in_run = STEP_LINE.search(finished.stderr).groups()
    figures = {"command": articles / wall, "in_run": articles / float(in_run), "baseline": baseline}
    for part in shares_text.split(", "):
        step, share = part.rsplit(" ", 1)
        figures[f"share {step}"] = float(share.rstrip("%"))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--per-feed", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    site = NewsSite(generated_feeds=arguments.feeds, articles_per_feed=arguments.per_feed).start()
    try:
        with tempfile.TemporaryDirectory() as folder:
            runs = [
                one_repeat(site, arguments.feeds, arguments.per_feed, Path(folder), number)
                for number in range(arguments.repeats)
            ]
    finally:
        site.stop()
    median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    articles = arguments.feeds * arguments.per_feed
    print(f"{articles} articles from {arguments.feeds} feeds, median of {arguments.repeats} runs")
    print(f"feeds fetch (whole command, process start included): {median['command']:7.1f} articles/s")
    print(f"feeds fetch (inside the run):                        {median['in_run']:7.1f} articles/s")
    print(f"baseline: plain httpx GET of the same pages:         {median['baseline']:7.1f} articles/s")
    print(f"the command runs at {median['in_run'] / median['baseline']:.3f}x the baseline's rate (inside the run)")
    shares = ", ".join(
        f"{key.removeprefix('share ')} {value:.0f}%" for key, value in median.items() if key.startswith("share")
    )
    print(f"time per step (median share): {shares}")


if __name__ == "__main__":
    main()
