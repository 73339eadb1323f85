"""Articles per second of the article loader and of raw dateparser.search_dates, measured in one run.

Usage: .venv/bin/python bench/article_speed.py [--articles 500] [--baseline-articles N] [--repeats 5] [--no-long] [--no-command]
       [--no-growth] [--store-events N]

The labelled set is repeated to a batch of at least --articles articles for the loader. search_dates
is several times slower, so it reads the labelled set once (or its first --baseline-articles): every
article, so both rates (articles per second, what is compared) are over the same mix of lengths and
languages. Each figure is the median of --repeats runs, after one
warm-up article each (regex compilation, dateparser's language data).

Then the command line, as a user runs it on a folder of article files: the same batch written one
article per plain-text file, read in one run of `python -m loaders.articles` (with data/actors.yaml,
and one --published for every file, as the command takes), start-up included; and the same run on
one file, which is mostly start-up.

Then a growing registry: Chinese articles per second with the labelled set's registry, and with
5,000 more actors whose Chinese names are random Han words (an automaton's cost per character
must not grow with the number of names).

Then the import command (`python -m timeline import FOLDER`) on the labelled articles, one file
each, into a SQLite store already holding --store-events synthetic events (100,000 by default; 0
skips it): a new article's events are told from stored ones, which must not cost a pass over the store.

Then hostile input: one line with no sentence end, of 10k, 100k and 1M characters, through
extract_events (seconds and characters per second: a flat rate means linear work), and a 5 MB
one-line file through the command line, as a user runs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
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
from timeline.actors import ActorRegistry  # noqa: E402

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


def _extractor(registry):
    """A run of the loader over a batch: one schema-checked frame for the whole batch, as extract_many makes."""

    def read(batch) -> None:
        extract_many(
            ({"text": article.text, "published": article.published, "lang": article.lang,
              "source_name": article.source_name, "source_url": article.source_url} for article in batch),
            registry,
        )  # fmt: skip

    return read


def registry_growth(articles, registry, repeats: int, extra: int = 5000) -> None:
    """Chinese articles per second with the registry, and with `extra` more actors named in Han characters."""
    generator = random.Random(0)
    template = registry.actors[0]
    grown = ActorRegistry(
        registry.actors
        + tuple(
            dataclasses.replace(template, name=f"Synthetic actor {number}", aliases={"zh": [_han_word(generator)]})
            for number in range(extra)
        )
    )
    chinese = [article for article in articles if article.lang == "zh"]

    runs = {"registry": _extractor(registry), "grown": _extractor(grown)}
    rates = _rates(runs, {"registry": chinese, "grown": chinese}, repeats)
    print(f"\nChinese articles/s: {rates['registry']:.1f} with the registry ({len(registry.actors)} actors), "
          f"{rates['grown']:.1f} with {extra:,} more Chinese names ({rates['grown'] / rates['registry']:.2f}x)")  # fmt: skip


def _han_word(generator: random.Random) -> str:
    return "".join(chr(generator.randint(0x4E00, 0x9FA5)) for _ in range(generator.randint(2, 5)))


def import_into_store(articles, store_events: int) -> None:
    """Seconds of the import command on one file per labelled article, into a store of `store_events` events."""
    from bench._synthetic import synthetic_events_fast
    from timeline.database import import_frame, open_store

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'store.sqlite'}"
        import_frame(open_store(url, team=False), synthetic_events_fast(store_events), "bench")
        articles_folder = Path(folder) / "articles"
        articles_folder.mkdir()
        for number, article in enumerate(articles):
            (articles_folder / f"{number:04d}-{article.lang}.txt").write_text(article.text, encoding="utf-8")
        published = statistics.median_low([article.published for article in articles]).isoformat()
        command = [sys.executable, "-m", "timeline", "import", str(articles_folder), "--published", published,
                   "--db", url, "--who", "bench"]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"the import failed: {done.stderr[-500:]}")
    print(f"\nimport of {len(articles)} article files into a store of {store_events:,} events: {elapsed:.1f} s "
          f"({len(articles) / elapsed:.1f} articles/s, start-up included): {done.stdout.strip().splitlines()[-1]}")  # fmt: skip


def command_line(batch, baseline_rate: float, repeats: int) -> None:
    """Articles per second through the command line on one file per article, start-up included."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, article in enumerate(batch):
            path = Path(folder) / f"{number:05d}-{article.lang}.txt"
            path.write_text(article.text, encoding="utf-8")
            paths.append(str(path))
        published = statistics.median_low([article.published for article in batch]).isoformat()

        def seconds(files: list[str]) -> float:
            command = [sys.executable, "-m", "loaders.articles", *files, "--published", published]
            started = time.perf_counter()
            done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
            elapsed = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(f"the command line failed: {done.stderr[-500:]}")
            return elapsed

        whole = statistics.median(seconds(paths) for _ in range(repeats))
        one = statistics.median(seconds(paths[:1]) for _ in range(repeats))
    rate = len(paths) / whole
    print(f"\ncommand line on {len(paths)} files: {whole:.2f} s, {rate:.1f} articles/s, start-up included "
          f"(one file: {one:.2f} s); {rate / baseline_rate:.1f}x raw search_dates; median of {repeats} runs")  # fmt: skip


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
    parser.add_argument("--no-command", action="store_true", help="skip the command line on a folder of files")
    parser.add_argument("--no-growth", action="store_true", help="skip the registry-growth measure")
    parser.add_argument("--store-events", type=int, default=100_000, help="events in the store imported into (0 skips)")
    arguments = parser.parse_args(argv)
    from dateparser.search import search_dates

    articles = load_articles()
    registry = fixture_registry()
    copies = -(-arguments.articles // len(articles))
    batch = articles * copies
    characters = sum(len(article.text) for article in batch) / len(batch)

    loader = _extractor(registry)

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
    if not arguments.no_growth:
        registry_growth(articles, registry, arguments.repeats)
    if not arguments.no_command:
        command_line(batch, baseline_rate, min(arguments.repeats, 3))
    if arguments.store_events:
        import_into_store(articles, arguments.store_events)
    if not arguments.no_long:
        long_input()
    return 0


if __name__ == "__main__":
    sys.exit(main())
