"""Analysts' CSV files: common column names understood without help, every unreadable row reported.

Rows in = rows accepted + rows rejected; a rejected row names its file, its line (as a text
editor counts it, the header being line 1 after any leading `#` comment lines) and the reason.
The reading itself is loaders.datasets' engine, shared with JSON files and data set profiles.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from timeline.actors import ActorRegistry, default_registry

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
    warnings: list[str] = field(default_factory=list)  # e.g. columns ignored because nothing names them
    profile: str | None = None  # the data set profile used, if any
    lines: list[int] = field(default_factory=list)  # the line each event came from


def load(
    path: str | Path,
    mapping=None,
    registry: ActorRegistry | None = None,
    default_source: str | None = None,
    profile: str | None = None,
) -> CsvLoad:
    """Read an events CSV file; `mapping` (a mapping file's spec, or {header: field or None}) says what columns mean."""
    from loaders.datasets import load_all, open_table

    path = Path(path)
    table = open_table(path, str(path), profile, mapping, is_json=False)
    return load_all(table, registry or default_registry(), default_source or path.name)


def load_bytes(
    raw: bytes,
    name: str,
    mapping=None,
    registry: ActorRegistry | None = None,
    default_source: str | None = None,
    profile: str | None = None,
) -> CsvLoad:
    """As `load`, for bytes already in memory (an upload); `name` is used in every message."""
    from loaders.datasets import load_all, open_table

    table = open_table(raw, name, profile, mapping, is_json=False)
    return load_all(table, registry or default_registry(), default_source or Path(name).name)


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


def guess_language(text: str) -> str:
    """A source language from the script of its text: Arabic, Chinese, else English."""
    if any("\u0600" <= char <= "\u06ff" for char in text):
        return "ar"
    if any("\u4e00" <= char <= "\u9fff" for char in text):
        return "zh"
    return "en"
