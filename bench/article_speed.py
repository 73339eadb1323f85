"""Articles per second of the article loader and of raw dateparser.search_dates, measured in one run.

Usage: .venv/bin/python bench/article_speed.py [--articles 500] [--baseline-articles N] [--repeats 5] [--no-long]

The labelled set is repeated to a batch of at least --articles articles for the loader. search_dates
is several times slower, so it reads the labelled set once (or its first --baseline-articles): every
article, so both rates (articles per second, what is compared) are over the same mix of lengths and
languages. Each figure is the median of --repeats runs, after one
warm-up article each (regex compilation, dateparser's language data).

Then hostile input: one line with no sentence end, of 10k, 100k and 1M characters, through
extract_events (seconds and characters per second: a flat rate means linear work), and a 5 MB
one-line file through the command line, as a user runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from article_eval import fixture_registry, load_articles  # noqa: E402

from loaders.articles import MAX_TEXT_CHARACTERS, extract_events, extract_many  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# One clause with a date, an actor and a trigger, repeated without a full stop: the worst case for
# a loader whose work per date grows with the length of the sentence around it.
LONG_CLAUSE = "the ministry imposed new export controls on 12 March 2024 after talks with Nvidia, "


def long_input(sizes=(10_000, 100_000, 1_000_000)) -> None:
    """Seconds per one-line text of each size, and the command line on a 5 MB line."""
    print(f"\n{'one line of':<16}{'seconds':>10}{'characters/s':>16}{'events':>10}")
    for size in sizes:
        text = (LONG_CLAUSE * (size // len(LONG_CLAUSE) + 1))[:size]
        started = time.perf_counter()
        frame = extract_events(text, "2025-03-01", "en")
        elapsed = time.perf_counter() - started
        print(f"{size:<16,}{elapsed:>10.2f}{size / elapsed:>16,.0f}{len(frame):>10,}")
    size = MAX_TEXT_CHARACTERS - 1000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text((LONG_CLAUSE * (size // len(LONG_CLAUSE) + 1))[:size], encoding="utf-8")
        command = [sys.executable, "-m", "loaders.articles", str(path), "--published", "2025-03-01", "--format", "csv"]
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
    rows = max(0, done.stdout.count("\n") - 1)
    print(f"command line on a {size / 1e6:.1f} MB line: {elapsed:.1f} s, exit code {done.returncode}, {rows:,} rows")


def _rates(runs: dict, batches: dict, repeats: int) -> dict[str, float]:
    """Median articles per second of each run over its batch, after a warm-up on one article.

    Runs take turns within each repeat, so both see the same load on a shared machine.
    """
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for name, run in runs.items():
        run(batches[name][:1])
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run(batches[name])
            rates[name].append(len(batches[name]) / (time.perf_counter() - started))
    return {name: statistics.median(values) for name, values in rates.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--baseline-articles", type=int, help="time search_dates on this many articles only")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-long", action="store_true", help="skip the hostile long-line measures")
    arguments = parser.parse_args(argv)
    from dateparser.search import search_dates

    articles = load_articles()
    registry = fixture_registry()
    copies = -(-arguments.articles // len(articles))
    batch = articles * copies
    characters = sum(len(article.text) for article in batch) / len(batch)

    def loader(articles) -> None:
        # One schema-checked frame for the whole batch, as the command line and the dashboard use it.
        extract_many(
            ({"text": article.text, "published": article.published, "lang": article.lang,
              "source_name": article.source_name, "source_url": article.source_url} for article in articles),
            registry,
        )  # fmt: skip

    def baseline(articles) -> None:
        for article in articles:
            base = dt.datetime.combine(article.published, dt.time())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                search_dates(article.text, languages=[article.lang], settings={"RELATIVE_BASE": base})

    baseline_batch = articles[: arguments.baseline_articles] if arguments.baseline_articles else articles
    rates = _rates(
        {"loader": loader, "search_dates": baseline},
        {"loader": batch, "search_dates": baseline_batch},
        arguments.repeats,
    )
    loader_rate, baseline_rate = rates["loader"], rates["search_dates"]
    print(f"Batch: {len(batch)} articles ({len(articles)} labelled articles x {copies}), {characters:.0f} characters "
          f"each on average; median of {arguments.repeats} runs")  # fmt: skip
    print(f"{'extractor':<16}{'articles':>10}{'articles/s':>12}")
    print(f"{'loader':<16}{len(batch):>10}{loader_rate:>12.1f}")
    print(f"{'search_dates':<16}{len(baseline_batch):>10}{baseline_rate:>12.1f}")
    print(f"loader is {loader_rate / baseline_rate:.1f}x faster than raw search_dates")
    if not arguments.no_long:
        long_input()
    return 0


if __name__ == "__main__":
    sys.exit(main())
