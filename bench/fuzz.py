"""How the readers hold up against hostile input: `python -m bench.fuzz [--inputs 10000] [--readers csv,json,article,bundle]`.

Each reader is called through its public function on mutated input: CSV (`loaders.csv_events.load_bytes`),
JSON (`loaders.json_events.load_text`), article (`loaders.articles.extract_events`, half of the inputs
first decoded from raw bytes by `loaders.article_text.decode_article`) and restore
(`timeline.database.import_bundle` into an empty SQLite store). Printed per reader: inputs tried,
crashes (an exception other than the project's own errors, which are those defined in `loaders` or
`timeline`), silent drops (CSV and JSON: rows in ≠ accepted + rejected; restore: anything stored after
a refused restore, or a restored store that does not read back), refusals, and the median seconds
per input. The first input of each kind of crash is kept in a folder, named in the output.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import random
import statistics
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete

from loaders import csv_events, json_events
from loaders.article_text import decode_article
from loaders.articles import extract_events
from timeline.database import ensure_seeded, export_bundle, import_bundle, open_store, tables
from timeline.database.bundle import table_rows
from timeline.store import read_dataset

# Seed inputs, written for this benchmark; mutations start from them.
SEED_CSV = """title,date,actors,category,country,source,source_url,summary,quote,published,language
Ministers meet on chip rules,17 February 2025,Xi Jinping; Liang Wenfeng,meeting,CN,Desk notes,https://example.org/a,Short note.,"A quoted line, with a comma",2025-02-18,en
Summit opens,2025-02-10,Emmanuel Macron,summit,FR,Desk notes,https://example.org/b,,,2025-02-11,en
قمة في الرياض,فبراير 2025,Xi Jinping,summit,SA,ملاحظات,https://example.org/c,,,2025-03-01,ar
新规发布,2025年2月17日,Liang Wenfeng,statement,CN,笔记,https://example.org/d,,,2025-02-20,zh
Tariff step announced,2025-Q1,,tariff,US; CN,Desk notes,,,,2025-04-01,en
Travel advice changes,last year,,travel_guidance,CN,Desk notes,,,,2025-03-01,en
"""
SEED_JSON = [
    {"title": "Ministers meet on chip rules", "date": "17 February 2025", "actors": "Xi Jinping; Liang Wenfeng",
     "category": "meeting", "country": "CN", "source": "Desk notes", "published": "2025-02-18"},
    {"title": "Summit opens", "start": "2025-02-10", "end": "2025-02-11", "actors": ["Emmanuel Macron"],
     "category": "summit", "country": "FR", "source": "Desk notes"},
    {"title": "新规发布", "date": "2025年2月17日", "category": "statement", "country": "CN", "language": "zh"},
    {"title": "Travel advice changes", "date": "last year", "category": "travel_guidance", "published": "2025-03-01"},
]  # fmt: skip
ARTICLE_PIECES = [
    "في 17 فبراير", "خلال فبراير الماضي", "العام الماضي", "هذا الصيف", "الرئيس الصيني شي جين بينج", "٢٠٢٥",
    "١٧ فبراير ٢٠٢٥", "on 17 February", "last year", "in March 2025", "Q1 2025", "2025-02-17", "summer 2024",
    "Xi Jinping met Liang Wenfeng", "2025年2月17日", "去年", "今年夏天", "２０２５年２月", "Qwen 2.5", "3.5 billion",
    "اقرأ أيضا", "Read also:", ". ", "。", "؟ ", "\n", "\n\n", " ", "\u200f", "\u202e", "<p>", "</p>",
    "<script>x</script>", "&amp;", "\ufeff", "𝟙𝟟", "१७ फ़रवरी", "17.02.2025", "۱۷ فوریه",
]  # fmt: skip
HOSTILE_TEXT = [
    "", " ", "\x00", "\ufeff", "=1+2", "@SUM(A1)", "-", "+", '"', '""', ",", ";", "\n", "\r\n", "\r", "x" * 5000,
    "9" * 400, "2025-13-45", "0000-00-00", "31 February 2025", "٣١/١٢/٢٠٢٥", "２０２５", "𝟚𝟘𝟚𝟝", "NaN", "None",
    "inf", "-1e309", "[a](https://evil.example)", "<script>", "\u202e", "\ud7ff", "ß" * 300, "Q5 2025", "summer",
]  # fmt: skip


def mutate_text(rng: random.Random, text: str) -> str:
    """One to three edits of a text: cut, insert, delete, duplicate a line, or flip a character."""
    for _ in range(rng.randint(1, 3)):
        where = rng.randint(0, len(text))
        kind = rng.randrange(6)
        if kind == 0:
            text = text[:where]
        elif kind == 1:
            text = text[:where] + rng.choice(HOSTILE_TEXT) + text[where:]
        elif kind == 2:
            text = text[:where] + text[where + rng.randint(1, 40) :]
        elif kind == 3:
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            lines.insert(line, lines[line] * rng.randint(1, 3))
            text = "\n".join(lines)
        elif kind == 4 and text:
            where = min(where, len(text) - 1)
            text = (
                text[:where]
                + chr(rng.choice([0, 10, 13, 34, 44, 59, 0x0660, 0xFF10, 0x202E, 0xFFFD]))
                + text[where + 1 :]
            )
        else:
            text = text.replace(rng.choice([",", ";", '"', "\n", "-"]), rng.choice(HOSTILE_TEXT[:16]), 1)
    return text


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """Bytes edits on top of the text ones: another encoding, a stray BOM or NUL, random bytes, flipped bits."""
    kind = rng.randrange(5)
    if kind == 0:
        return data.decode("utf-8", "replace").encode(
            rng.choice(["utf-16", "utf-8-sig", "cp1256", "gb18030"]), "replace"
        )
    if kind == 1:
        where = rng.randint(0, len(data))
        return data[:where] + rng.choice([b"\xef\xbb\xbf", b"\x00", b"\xff\xfe", b"\xc3", b"\xe2\x80"]) + data[where:]
    if kind == 2:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
    if kind == 3 and data:
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        return bytes(flipped)
    return data


def hostile_value(rng: random.Random) -> object:
    return rng.choice([
        None, True, 0, -1, 2**31, 10**30, 1.5, float("nan"), float("inf"), rng.choice(HOSTILE_TEXT), [], ["a", 1],
        {"a": None}, "2025-02-17", "2025-02-17T10:00:00+00:00", "0001-01-01T00:00:00+05:00", "meeting", "day",
        "merged", "\ud800", "x" * 600,
    ])  # fmt: skip


def csv_input(rng: random.Random) -> bytes:
    text = mutate_text(rng, SEED_CSV)
    data = text.encode("utf-8", "surrogatepass")
    return mutate_bytes(rng, data) if rng.random() < 0.4 else data


def json_input(rng: random.Random) -> str:
    document = copy.deepcopy(SEED_JSON)
    for _ in range(rng.randint(0, 3)):
        row = rng.choice(document)
        key = rng.choice([*row, "date", "title", "actors", "extra"])
        if rng.random() < 0.2:
            row.pop(key, None)
        else:
            row[key] = hostile_value(rng)
    if rng.random() < 0.1:
        document = rng.choice([{}, [], [1, "x", None], {"events": document}, [document]])
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    return mutate_text(rng, text) if rng.random() < 0.5 else text


def article_input(rng: random.Random) -> tuple[object, dt.date | None, str]:
    pieces = [rng.choice(ARTICLE_PIECES) for _ in range(rng.randint(0, 25))]
    if rng.random() < 0.1:
        pieces.append(rng.choice("aب中7 ") * rng.randint(1_000, 20_000))  # one very long line
    text = "".join(pieces)
    published = None if rng.random() < 0.1 else dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(-40_000, 20_000))
    lang = rng.choice(["auto", "ar", "en", "zh"])
    if rng.random() < 0.5:
        return mutate_bytes(rng, text.encode("utf-8", "surrogatepass")), published, lang
    return text, published, lang


def bundle_input(rng: random.Random, document: dict) -> str:
    document = copy.deepcopy(document)
    names = [table.name for table in tables.ALL_TABLES]
    for _ in range(rng.randint(1, 3)):
        found = document.get("tables")
        rows = found.get(rng.choice(names)) if isinstance(found, dict) else None
        kind = rng.randrange(7)
        if kind == 0:
            document[rng.choice(["format", "format_version", "schema_version", "tables"])] = hostile_value(rng)
        elif kind == 1 and isinstance(found, dict):
            found[rng.choice(names)] = hostile_value(rng)
        elif isinstance(rows, list) and rows:
            row = rng.choice(rows)
            if not isinstance(row, dict):
                continue  # an earlier change made this row something else
            column = rng.choice([*row, "extra"])
            if kind == 2:
                row[column] = hostile_value(rng)
            elif kind == 3:
                row.pop(column, None)
            elif kind == 4:
                rows.append(copy.deepcopy(row))
            elif kind == 5:
                rows.remove(row)
            elif isinstance(other := rng.choice(rows), dict):
                row[column], other[column] = other.get(column), row.get(column)
    text = json.dumps(document, ensure_ascii=True)
    return text[: rng.randint(0, len(text))] if rng.random() < 0.05 else text


def own_error(error: BaseException) -> bool:
    """An error the project defines (and words for a person), not one that escaped from a library."""
    return type(error).__module__.split(".")[0] in {"loaders", "timeline"}


class Tally:
    def __init__(self, name: str, keep: Path):
        self.name, self.keep = name, keep
        self.inputs = self.crashes = self.drops = self.refused = 0
        self.seconds: list[float] = []
        self.kinds: Counter = Counter()

    def crash(self, error: BaseException, given: object) -> None:
        self.crashes += 1
        frame = traceback.extract_tb(error.__traceback__)[-1]
        kind = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
        if not self.kinds[kind]:
            saved = self.keep / f"{self.name}-crash-{len(self.kinds) + 1}.txt"
            saved.write_text(f"{kind}: {error}\n\n{given!r}\n", encoding="utf-8", errors="backslashreplace")
        self.kinds[kind] += 1

    def row(self) -> str:
        median = statistics.median(self.seconds) if self.seconds else 0.0
        return (
            f"| {self.name} | {self.inputs:,} | {self.crashes:,} | {self.drops:,} | {self.refused:,} | "
            f"{median * 1000:.1f} ms | {sum(self.seconds):.0f} s |"
        )


def run_reader(tally: Tally, count: int, make: Callable[[], object], call: Callable[[object], None]) -> None:
    for _ in range(count):
        given = make()
        started = time.perf_counter()
        try:
            call(given)
        except Exception as error:  # noqa: BLE001 - what is being counted
            if own_error(error):
                tally.refused += 1
            else:
                tally.crash(error, given)
        tally.seconds.append(time.perf_counter() - started)
        tally.inputs += 1


def loaded_rows(tally: Tally, loaded) -> None:
    """Every row in is accepted or rejected, or it was dropped silently."""
    if loaded.rows_in != len(loaded.events) + len(loaded.rejected):
        tally.drops += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="inputs per reader")
    parser.add_argument("--readers", default="csv,json,article,bundle")
    parser.add_argument("--seed", type=int, default=20251201)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    folder = Path(tempfile.mkdtemp(prefix="policy-timeline-fuzz-"))
    readers = arguments.readers.split(",")
    print(f"Fuzzing {', '.join(readers)} with {arguments.inputs:,} inputs each (seed {arguments.seed}).")
    print("| reader | inputs | crashes | silent drops | refused (own errors) | median per input | total |")
    print("|---|---|---|---|---|---|---|")
    tallies = []
    for reader in readers:
        tally = Tally(reader, folder)
        fuzz_reader(tally, arguments.inputs, rng, folder)
        print(tally.row(), flush=True)
        tallies.append(tally)
    for tally in tallies:
        for kind, times in tally.kinds.most_common():
            print(f"{tally.name} crash: {kind} ({times:,} inputs)")
    print(f"First input of each crash kind: {folder}")


def fuzz_reader(tally: Tally, count: int, rng: random.Random, folder: Path) -> None:
    """Feed `count` mutated inputs to the reader `tally` is named after."""
    if tally.name == "csv":
        run_reader(
            tally,
            count,
            lambda: csv_input(rng),
            lambda data: loaded_rows(tally, csv_events.load_bytes(data, "fuzz.csv")),
        )
    elif tally.name == "json":
        run_reader(
            tally,
            count,
            lambda: json_input(rng),
            lambda text: loaded_rows(tally, json_events.load_text(text, "fuzz.json")),
        )
    elif tally.name == "article":
        run_reader(tally, count, lambda: article_input(rng), read_article_input)
    elif tally.name == "bundle":
        run_bundles(tally, count, rng, folder)
    else:
        raise SystemExit(f"unknown reader {tally.name!r}; use csv, json, article or bundle")


def read_article_input(given: tuple) -> None:
    text, published, lang = given
    if isinstance(text, bytes):
        text = decode_article(text, "fuzz.txt")  # the path of an uploaded or imported file
    extract_events(text, published, lang=lang, source_name="Fuzzed outlet")


def run_bundles(tally: Tally, count: int, rng: random.Random, folder: Path) -> None:
    source = open_store(f"sqlite:///{folder / 'source.sqlite'}")
    ensure_seeded(source)
    document = json.loads(export_bundle(source, folder / "bundle.json").read_text(encoding="utf-8"))
    target = open_store(f"sqlite:///{folder / 'target.sqlite'}")
    path = folder / "fuzzed.json"

    def stored(engine) -> int:
        with engine.connect() as connection:
            return sum(len(table_rows(connection, table)) for table in tables.ALL_TABLES)

    def restore(text: str) -> None:
        path.write_text(text, encoding="utf-8")
        try:
            import_bundle(target, path)
        except Exception:
            if stored(target):  # a refused restore changed the store
                tally.drops += 1
                empty(target)
            raise
        try:
            read_dataset(target)  # restored: it must read back
        finally:
            empty(target)

    run_reader(tally, count, lambda: bundle_input(rng, document), restore)


def empty(engine) -> None:
    with engine.begin() as connection:
        for table in reversed(tables.ALL_TABLES):
            connection.execute(delete(table))


if __name__ == "__main__":
    main()
