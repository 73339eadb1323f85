"""Command line import speed: seeded analyst CSVs through `python -m timeline import`, on SQLite and PostgreSQL.

Prints, per database and size, the median rows per second (wall clock, and per CPU second of the
import process: the machine is shared, so the second is the steadier figure), the import process's
peak resident memory (ru_maxrss of the child), and the previous row-by-row reader's rate on a small
file as the baseline measured in the same run. Rows with mistakes are seeded in, so the rejected-row path is timed too.

    .venv/bin/python -m bench.import_speed            # 100k, 1M and 5M rows
    .venv/bin/python -m bench.import_speed --quick    # 100k rows only
    .venv/bin/python -m bench.import_speed --sizes 100000,1000000 --baseline-tree /tmp/earlier  # against earlier code
    POLICY_TIMELINE_BENCH_PG_URL=postgresql+psycopg://... .venv/bin/python -m bench.import_speed
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench._postgres import reset_postgres
from bench._synthetic import COUNTRIES, OUTLETS, TOPICS, VERBS, actor_names
from timeline.database import open_store
from timeline.database.accounts import add_first_admin
from timeline.paths import PROJECT_ROOT

SIZES = (100_000, 1_000_000, 5_000_000)
BAD_ROW_EVERY = 10_000  # one row in this many has an unreadable date: its FILE:LINE report is timed too
CATEGORIES = ("meeting", "statement", "sanction", "agreement", "visit", "protest", "legislation")
BASELINE_ROWS = 300
HEADER = ("event_id", "title", "date", "category", "actors", "country", "source", "source_url", "summary")


BENCH_ACCOUNT = "bench"
SUMMARY = re.compile(r"\d+ accepted, \d+ rejected, \d+ for review")


def write_csv(path: Path, rows: int, seed: int = 11) -> int:
    """A seeded analyst CSV of `rows` rows, written in pieces; returns how many rows carry a bad date."""
    rng = np.random.default_rng(seed)
    names = actor_names()
    bad = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for start in range(0, rows, 100_000):
            count = min(100_000, rows - start)
            days = np.datetime64("1996-01-01") + rng.integers(0, 30 * 365, size=count)
            verbs, topics = rng.integers(len(VERBS), size=count), rng.integers(len(TOPICS), size=count)
            actors = rng.integers(len(names), size=(count, 2))
            for offset in range(count):
                number = start + offset
                day = str(days[offset])
                if number % BAD_ROW_EVERY == BAD_ROW_EVERY - 1:
                    day, bad = "sometime soon", bad + 1
                first, second = names[actors[offset, 0]], names[actors[offset, 1]]
                writer.writerow(
                    (
                        f"row-{number}",
                        f"{first} {VERBS[verbs[offset]]} {TOPICS[topics[offset]]}",
                        day,
                        CATEGORIES[number % len(CATEGORIES)],
                        f"{first}; {second}",
                        COUNTRIES[number % len(COUNTRIES)],
                        OUTLETS[number % len(OUTLETS)],
                        f"https://example.org/{number}",
                        "" if number % 3 else "A seeded row for the import benchmark.",
                    )
                )
    return bad


def run_import(
    csv_path: Path, url: str, extra: tuple[str, ...] = (), tree: Path = PROJECT_ROOT
) -> tuple[float, float, str, float]:
    """(seconds, peak resident MB of the child, last stdout line, its CPU seconds) of one command-line import.

    `tree` is the source tree whose `timeline` package runs the import (another checkout, for a baseline).
    """
    environment = {**os.environ, "POLICY_TIMELINE_ANALYST": "bench"}
    command = [sys.executable, "-m", "timeline", "import", str(csv_path), "--db", url, "--as", BENCH_ACCOUNT, *extra]
    script = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
    script += "print(r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr[-500:]); "
    script += "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_maxrss, u.ru_utime + u.ru_stime)"
    # A wrapper process per run, so RUSAGE_CHILDREN holds this import's peak and no earlier one's.
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, cwd=tree, env=environment
    )
    seconds = time.perf_counter() - started
    summary, usage = done.stdout.strip().splitlines()[-2:]
    if not SUMMARY.fullmatch(summary):  # a refused or crashed import has no rate to report
        raise SystemExit(f"the import into {url.split('@')[-1]} printed no summary: {summary}")
    peak_kb, cpu_seconds = usage.split()
    return seconds, int(peak_kb) / 1024, summary, float(cpu_seconds)


def fresh_database(kind: str, folder: Path, label: str) -> str:
    if kind == "sqlite":
        path = folder / f"{label}.sqlite"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    url = os.environ["POLICY_TIMELINE_BENCH_PG_URL"]
    reset_postgres(url)
    # A server database is a team's store: the import acts as an account, as a team's cron job would.
    engine = open_store(url)
    add_first_admin(engine, BENCH_ACCOUNT, None)
    engine.dispose()
    return url


def baseline_rate(folder: Path) -> float:
    """The previous reader's rate: one schema check per row (loaders.csv_events before the column-wise engine)."""
    import pandas as pd

    from loaders.csv_events import RowProblem  # noqa: F401 (same package state as the import)
    from timeline.schema import enforce_schema

    path = folder / "baseline.csv"
    write_csv(path, BASELINE_ROWS, seed=5)
    from loaders.datasets import load_all, open_table

    frame = load_all(open_table(path, str(path))).events
    started = time.perf_counter()
    for position in range(len(frame)):  # what collect() did for every row
        enforce_schema(
            pd.DataFrame(frame.iloc[[position]]).reset_index(drop=True), origin="baseline", row_labels=[position]
        )
    return len(frame) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k rows only")
    parser.add_argument("--repeats", type=int, default=None, help="runs per size (default: 3 up to 1M, 1 above)")
    parser.add_argument("--sizes", help="comma-separated row counts, e.g. 100000,1000000 (default: 100k, 1M, 5M)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="which of sqlite,postgresql to run")
    parser.add_argument(
        "--baseline-tree",
        type=Path,
        help="a checkout of earlier code: each run imports with it too, alternating, into a fresh store",
    )
    arguments = parser.parse_args()
    sizes = SIZES[:1] if arguments.quick else SIZES
    if arguments.sizes:
        sizes = tuple(int(size) for size in arguments.sizes.split(","))
    trees = [("this tree", PROJECT_ROOT)]
    if arguments.baseline_tree:
        trees.append(("baseline tree", arguments.baseline_tree.resolve()))
    wanted = arguments.databases.split(",")
    kinds = [kind for kind in ("sqlite", "postgresql") if kind in wanted]
    if "postgresql" in kinds and not os.environ.get("POLICY_TIMELINE_BENCH_PG_URL"):
        kinds.remove("postgresql")
    with tempfile.TemporaryDirectory(prefix="import-bench-") as temporary:
        folder = Path(temporary)
        print(f"baseline, the previous row-by-row check: {baseline_rate(folder):,.0f} rows/s on {BASELINE_ROWS:,} rows")
        print(f"machine load (1-minute average) at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(
            "| code | database | rows | rows/s (median, wall) | seconds | import CPU s | rows per CPU s | peak RSS MB "
            "| summary |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for size in sizes:
            csv_path = folder / f"events_{size}.csv"
            write_csv(csv_path, size)
            repeats = arguments.repeats or (3 if size <= 1_000_000 else 1)
            for kind in kinds:
                runs: dict[str, list] = {label: [] for label, _ in trees}
                for _ in range(repeats):
                    # The trees take turns within each repeat, so a change in the machine's load falls on both.
                    for label, tree in trees:
                        url = fresh_database(kind, folder, f"{kind}_{size}")
                        runs[label].append(run_import(csv_path, url, tree=tree))
                medians = {}
                for label, measured in runs.items():
                    seconds = statistics.median(run[0] for run in measured)
                    cpu = statistics.median(run[3] for run in measured)
                    peak = max(run[1] for run in measured)
                    medians[label] = seconds
                    print(
                        f"| {label} | {kind} | {size:,} | {size / seconds:,.0f} | {seconds:.1f} | {cpu:.1f} "
                        f"| {size / cpu:,.0f} | {peak:,.0f} | {measured[-1][2]} |",
                        flush=True,
                    )
                if len(medians) > 1:
                    ratio = medians["baseline tree"] / medians["this tree"]
                    print(f"|   | {kind} | {size:,} | this tree ×{ratio:.2f} the baseline tree's rate | | | | | |")
            csv_path.unlink()
    print(
        f"peak RSS is ru_maxrss of the import process; {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB for this script"
    )


if __name__ == "__main__":
    main()
