"""Analysts' CSV files: common column names understood without help, every unreadable row reported.

Rows in = rows accepted + rows rejected; a rejected row names its file, its line (as a text
editor counts it, the header being line 1 after any leading `#` comment lines) and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.date_values import DateValueError, parse_date_value, parse_span
from timeline.actors import ActorRegistry, default_registry
from timeline.schema import COLUMNS, SchemaError, empty_frame, enforce_schema, split_names

# Header spellings understood without a mapping, folded to lower case with spaces for _ and -.
COLUMN_ALIASES = {
    "event id": "event_id", "id": "event_id",
    "title": "title", "headline": "title", "event": "title",
    "summary": "summary", "description": "summary",
    "date": "date", "when": "date", "day": "date",
    "start": "date_start", "date start": "date_start", "start date": "date_start", "from": "date_start",
    "end": "date_end", "date end": "date_end", "end date": "date_end", "to": "date_end", "until": "date_end",
    "precision": "date_precision", "date precision": "date_precision",
    "date text": "date_text", "date as written": "date_text",
    "category": "category", "type": "category",
    "actor": "actors", "actors": "actors", "who": "actors",
    "country": "countries", "countries": "countries",
    "location": "location", "place": "location", "city": "location",
    "source": "source_name", "source name": "source_name", "outlet": "source_name",
    "source url": "source_url", "url": "source_url", "link": "source_url",
    "language": "source_lang", "lang": "source_lang", "source lang": "source_lang",
    "published": "published", "publication date": "published",
    "quote": "quote", "excerpt": "quote",
    "source ids": "source_ids", "status": "status", "confidence": "confidence",
}  # fmt: skip
IGNORE = None  # map a column to IGNORE to skip it on purpose
MAX_BYTES = 50_000_000


class CsvFormatError(ValueError):
    """A file that cannot be read as an events file at all (as opposed to a bad row); `line` says where."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line

    @property
    def reason(self) -> str:
        """The message without the file name (and line) it starts with."""
        return self.args[0].split(": ", 1)[-1]


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class CsvLoad:
    """The events read from one file and the rows that could not be read."""

    events: pd.DataFrame
    rejected: list[RowProblem] = field(default_factory=list)
    rows_in: int = 0


def load(
    path: str | Path,
    mapping: Mapping[str, str | None] | None = None,
    registry: ActorRegistry | None = None,
    default_source: str | None = None,
) -> CsvLoad:
    """Read an analyst CSV file; `mapping` renames or ignores (None) headers the aliases do not know."""
    path = Path(path)
    return load_bytes(read_events_file(path), str(path), mapping, registry, default_source or path.name)


def read_events_file(path: Path) -> bytes:
    """The bytes of an events file, refusing one too large to be an analyst's file; errors name it."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise CsvFormatError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; split it first")
        return path.read_bytes()
    except OSError as error:
        raise CsvFormatError(f"{path}: cannot be read ({error.strerror or error})") from None


def load_bytes(
    raw: bytes,
    name: str,
    mapping: Mapping[str, str | None] | None = None,
    registry: ActorRegistry | None = None,
    default_source: str | None = None,
) -> CsvLoad:
    """As `load`, for bytes already in memory (an upload); `name` is used in every message."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFormatError(f"{name}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    if "\x00" in text:
        raise CsvFormatError(f"{name}: holds binary data, not CSV text")
    registry = registry or default_registry()
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and (lines[skipped].startswith("#") or not lines[skipped].strip()):
        skipped += 1
    reader = csv.reader(io.StringIO("".join(lines[skipped:])))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvFormatError(f"{name}: has no header row") from None
    columns = resolve_columns(header, mapping or {}, name)

    def records():
        line = reader.line_num + skipped
        for cells in reader:
            first_line, line = line + 1, reader.line_num + skipped
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                yield first_line, ValueError(f"has {len(cells)} cells where the header has {len(header)}")
                continue
            yield first_line, {target: cell for target, cell in zip(columns, cells, strict=True) if target}

    return collect(records(), name, registry, default_source or name)


def collect(records, name: str, registry: ActorRegistry, default_source: str) -> CsvLoad:
    """Events from (line, {field: text}) records; a record may be an exception saying why it is unreadable.

    Shared by the CSV and JSON readers, so both accept and reject rows by the same rules.
    """
    result = CsvLoad(events=empty_frame())
    rows, seen_ids = [], set()
    for line, values in records:
        result.rows_in += 1
        try:
            if isinstance(values, Exception):
                raise values
            row = event_row(values, registry, default_source)
            checked = enforce_schema(pd.DataFrame([row]), origin=name, row_labels=[line])
        except (SchemaError, DateValueError, ValueError) as error:
            reason = error.args[0] if not isinstance(error, SchemaError) else _reason(error)
            result.rejected.append(RowProblem(name, line, reason))
            continue
        event_id = checked["event_id"].iat[0]
        if event_id in seen_ids:
            result.rejected.append(RowProblem(name, line, f"duplicate event {event_id!r}"))
            continue
        seen_ids.add(event_id)
        rows.append(row)
    if rows:
        result.events = enforce_schema(pd.DataFrame(rows, columns=list(COLUMNS)), origin=name)
    return result


FIELD_NAMES = tuple(sorted(set(COLUMN_ALIASES.values())))


def guess_field(header_cell: str) -> str | None:
    """The field a header names without help ('Start Date' -> date_start), or None."""
    return COLUMN_ALIASES.get(" ".join(header_cell.strip().lower().replace("_", " ").replace("-", " ").split()))


def header_of(raw: bytes, name: str) -> list[str]:
    """The header row of CSV bytes (after any leading # lines), for a column-mapping preview."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFormatError(f"{name}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return next(csv.reader(lines[:1]), []) if lines else []


def resolve_columns(header: list[str], mapping: Mapping[str, str | None], name: str) -> list[str | None]:
    """The canonical field of each header cell; an unknown header is an error naming it."""
    targets = set(FIELD_NAMES)
    resolved, unknown = [], []
    for cell in header:
        if cell in mapping:
            target = mapping[cell]
            if target is not None and target not in targets:
                raise CsvFormatError(f"{name}: mapping sends {cell!r} to unknown field {target!r}")
            resolved.append(target)
            continue
        field = guess_field(cell)
        if field:
            resolved.append(field)
        else:
            unknown.append(cell)
            resolved.append(None)
    if unknown:
        raise CsvFormatError(
            f"{name}: unknown column(s) {', '.join(map(repr, unknown))}; map each to a field "
            f"({', '.join(sorted(targets))}) or to nothing to ignore it"
        )
    taken = [target for target in resolved if target]
    doubled = sorted({target for target in taken if taken.count(target) > 1})
    if doubled:
        raise CsvFormatError(f"{name}: several columns give {', '.join(doubled)}")
    if "title" not in taken:
        raise CsvFormatError(f"{name}: no title column (looked for title, headline, event)")
    if "date" not in taken and "date_start" not in taken:
        raise CsvFormatError(f"{name}: no date column (looked for date, or start and end)")
    return resolved


def event_row(values: dict[str, str], registry: ActorRegistry, default_source: str) -> dict:
    """One event row from canonical field names to the text given for them."""
    values = {key: _unneutralize(value.strip()) for key, value in values.items()}
    published = _published(values.get("published"))
    start, end, precision = _interval(values, published)
    actors = tuple(registry.resolve(name) or name for name in split_names(values.get("actors", "")))
    quote = values.get("quote") or None
    source_name = values.get("source_name") or default_source
    date_text = (
        values.get("date_text") or values.get("date") or f"{values.get('date_start')} – {values.get('date_end')}"
    )
    event_id = values.get("event_id") or _stable_id(values.get("title", ""), date_text, values.get("source_url", ""))
    return {
        "event_id": event_id,
        "title": values.get("title"),
        "summary": values.get("summary"),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_text": date_text,
        "category": values.get("category"),
        "actors": actors,
        "countries": values.get("countries"),
        "location": values.get("location"),
        "source_name": source_name,
        "source_url": values.get("source_url"),
        "source_lang": values.get("source_lang") or guess_language(quote or values.get("title", "")),
        "published": published,
        "quote": quote,
        "source_ids": values.get("source_ids") or (source_name,),
        "status": values.get("status") or "accepted",
        "confidence": values.get("confidence") or 1.0,
    }


def _interval(values: dict, published: dt.date | None) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    if values.get("date"):
        start, end, precision = parse_date_value(values["date"], published)
    elif values.get("date_start"):
        start, end, precision = parse_span(
            values["date_start"], values.get("date_end") or values["date_start"], published
        )
    else:
        raise ValueError("has no date")
    if values.get("date_precision"):
        # An explicit precision wins; the schema then checks that the interval fits it.
        return start, end, values["date_precision"]
    return start, end, precision


def _published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date_value(value)[0].date()
    except DateValueError as error:
        raise ValueError(f"published date {error}") from None


def _reason(error: SchemaError) -> str:
    return f"field {error.field!r}: {error.message}"


def _unneutralize(value: str) -> str:
    # Our own CSV export prefixes an apostrophe to formula-like cells; take it off on the way back.
    return value[1:] if value.startswith("'") and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def _stable_id(title: str, date_text: str, source_url: str) -> str:
    digest = hashlib.sha1(f"{title}\x1f{date_text}\x1f{source_url}".encode()).hexdigest()[:12]
    return f"csv-{digest}"


def guess_language(text: str) -> str:
    """A source language from the script of its text: Arabic, Chinese, else English."""
    if any("\u0600" <= char <= "\u06ff" for char in text):
        return "ar"
    if any("\u4e00" <= char <= "\u9fff" for char in text):
        return "zh"
    return "en"
