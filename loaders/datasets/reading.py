"""Tables as chunks of raw text cells, each record with the line it starts on; records that split badly are reported.

CSV is streamed (memory stays flat whatever the file's size); JSON is parsed whole, then chunked.
Every physical line of a CSV is accounted for: a record is read, skipped as blank, or reported.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from loaders.csv_events import CsvFormatError, RowProblem

CHUNK_ROWS = 50_000
# The csv module's own limit is 131,072 characters; a longer cell is read, then reported by its row.
FIELD_LIMIT = 10_000_000
csv.field_size_limit(FIELD_LIMIT)


@dataclass
class RawChunk:
    """Records as text cells (columns named as in the file) with their first lines, plus records that split badly."""

    frame: pd.DataFrame
    lines: np.ndarray
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rows_in(self) -> int:
        return len(self.frame) + len(self.problems)


def check_start(raw_start: bytes, name: str) -> None:
    """Refuse, naming the file, what is not UTF-8 text at all (judged on the first bytes)."""
    try:
        raw_start.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # A bad byte in the header refuses the file; a later one is reported with its row (U+FFFD marks it).
        first_line_end = min(
            (raw_start.find(mark) for mark in (b"\n", b"\r") if mark in raw_start), default=len(raw_start)
        )
        if error.start < first_line_end and error.reason != "unexpected end of data":
            raise CsvFormatError(f"{name}: not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    if b"\x00" in raw_start:
        raise CsvFormatError(f"{name}: holds binary data, not CSV text")


def text_stream(binary: io.BufferedIOBase) -> io.TextIOWrapper:
    """Text from bytes; an undecodable byte becomes U+FFFD, so its row is reported rather than the file refused."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="replace", newline="")


class CsvRecords:
    """A CSV file's header (after leading # lines) and its records, chunk by chunk."""

    def __init__(self, stream: io.TextIOBase, name: str, delimiter: str = ",", column_names: tuple[str, ...] = ()):
        self.name = name
        self.reader = csv.reader(stream, delimiter=delimiter, strict=True)
        self.problems: list[RowProblem] = []
        self.pending: tuple[int, list[str]] | None = None
        self.last_line = 0
        if column_names:
            self.header = list(column_names)
            self.header_line = 0
        else:
            self.header = self._header()
            self.header_line = self.last_line

    def _next(self) -> tuple[int, list[str]] | None:
        """The next record and the line it starts on; None at the end. Split failures become problems."""
        while True:
            first_line = self.last_line + 1
            try:
                cells = next(self.reader)
            except StopIteration:
                return None
            except csv.Error as error:
                self._report_split_failure(first_line, str(error))
                continue
            self.last_line = self.reader.line_num
            return first_line, cells

    def _report_split_failure(self, first_line: int, message: str) -> None:
        last = max(self.reader.line_num, first_line)
        self.last_line = last
        if "unexpected end of data" in message:
            self.problems.append(
                RowProblem(
                    self.name,
                    first_line,
                    f"a quoted cell opened here is never closed; lines {first_line}–{last} could not be read",
                )
            )
            self.problems.extend(
                RowProblem(self.name, line, f"inside the unclosed quoted cell opened on line {first_line}")
                for line in range(first_line + 1, last + 1)
            )
        elif "field larger than field limit" in message:
            self.problems.append(RowProblem(self.name, first_line, f"a cell longer than {FIELD_LIMIT:,} characters"))
        else:
            self.problems.append(RowProblem(self.name, first_line, f"cannot be split into cells ({message})"))

    def _header(self) -> list[str]:
        while (record := self._next()) is not None:
            _, cells = record
            if not any(cell.strip() for cell in cells) or cells[0].startswith("#"):
                continue
            if self.problems:  # the header itself could not be read
                raise CsvFormatError(f"{self.problems[0]}", line=self.problems[0].line)
            return cells
        raise CsvFormatError(f"{self.name}: has no header row")

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[RawChunk]:
        width = len(self.header)
        columns = _unique_names(self.header)
        finished = False
        while not finished:
            cells_list, lines = [], []
            while len(cells_list) < rows:
                record = self._next()
                if record is None:
                    finished = True
                    break
                line, cells = record
                joined = "".join(cells)
                if not joined or joined.isspace():  # a blank line, or only separators: no row
                    continue
                if len(cells) != width:
                    self.problems.append(
                        RowProblem(self.name, line, f"has {len(cells)} cells where the header has {width}")
                    )
                    continue
                cells_list.append(cells)
                lines.append(line)
            problems, self.problems = self.problems, []
            if cells_list or problems:
                frame = pd.DataFrame(cells_list or None, columns=columns, dtype="str")
                yield RawChunk(frame, np.array(lines, dtype=np.int64), problems)


def _unique_names(header: list[str]) -> list[str]:
    """Header cells as frame columns: a repeated or blank name gets a suffix so no column is lost."""
    seen: dict[str, int] = {}
    names = []
    for position, cell in enumerate(header):
        name = cell if cell.strip() else f"column {position + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


def json_records(text: str, name: str, records_key: str | None = None) -> list[tuple[int, object]]:
    """Every item of every top-level list (or of an object's list of rows), with the line it starts on.

    Numbers are kept as written, so a 5,000-digit one is a long cell, not an overflow.
    """
    decoder = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)
    position = _skip_space(text, 0)
    if position >= len(text):
        raise CsvFormatError(f"{name}: must hold a JSON list of event objects")
    items: list[tuple[int, object]] = []
    while position < len(text):
        if text[position] == "{":
            position = _object_rows(decoder, text, position, name, records_key, items)
        elif text[position] == "[":
            position = _list_items(decoder, text, position, name, items)
        else:
            line = _line_of(text, position)
            raise CsvFormatError(f"{name}:{line}: must hold a JSON list of event objects", line=line)
        position = _skip_space(text, position)
    return items


def _list_items(decoder, text: str, position: int, name: str, items: list) -> int:
    """Read the list starting at `position` into `items`, each with its line; return where the list ends."""
    position = _skip_space(text, position + 1)
    line, counted = _line_of(text, position), position  # lines counted on from the last item: linear, not quadratic
    while position < len(text) and text[position] != "]":
        line, counted = line + text.count("\n", counted, position), position
        item, position = _decode(decoder, text, position, name)
        items.append((line, item))
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
        elif position < len(text) and text[position] != "]":
            line = _line_of(text, position)
            raise CsvFormatError(f"{name}:{line}: not valid JSON (expected , or ] between items)", line=line)
    if position >= len(text):
        raise CsvFormatError(f"{name}: the JSON list is not closed")
    return position + 1


def _object_rows(decoder, text: str, position: int, name: str, records_key: str | None, items: list) -> int:
    """An object holding its rows in one list (the Federal Register's "results", ACLED's "data")."""
    holder, end = _decode(decoder, text, position, name)
    listed = [key for key, value in holder.items() if isinstance(value, list)]
    key = records_key if records_key in listed else listed[0] if len(listed) == 1 else None
    if key is None:
        raise CsvFormatError(f"{name}: must hold a JSON list of event objects")
    # Walk the object once more to find where that list starts, so each row keeps its own line.
    position = _skip_space(text, position + 1)
    while position < end:
        found_key, position = _decode(decoder, text, position, name)
        position = _skip_space(text, _skip_space(text, position) + 1)  # past the colon
        if found_key == key:
            _list_items(decoder, text, position, name, items)
            return end
        _, position = _decode(decoder, text, position, name)
        position = _skip_space(text, position)
        if text[position] == ",":
            position = _skip_space(text, position + 1)
    return end


def _decode(decoder: json.JSONDecoder, text: str, position: int, name: str) -> tuple[object, int]:
    try:
        item, end = decoder.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise CsvFormatError(f"{name}:{error.lineno}: not valid JSON ({error.msg})", line=error.lineno) from None
    except RecursionError:
        line = _line_of(text, position)
        raise CsvFormatError(f"{name}:{line}: JSON nested too deeply to be an event", line=line) from None
    if _SURROGATE.search(text, position, end):
        item = _without_surrogates(item)
    return item, end


# A lone surrogate (escaped or raw) is no character: it becomes U+FFFD, which the row check reports as not UTF-8.
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|[\ud800-\udfff]")
_RAW_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(value: object) -> object:
    if isinstance(value, str):
        return _RAW_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_surrogates(key): _without_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    return value


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def json_chunks(items: list[tuple[int, object]], name: str, rows: int = CHUNK_ROWS) -> Iterator[RawChunk]:
    """Objects as text cells keyed by their keys; an item that is not an object is a reported row."""
    keys = list(dict.fromkeys(key for _, item in items if isinstance(item, dict) for key in item))
    for start in range(0, max(len(items), 1), rows):
        piece = items[start : start + rows]
        problems, records, lines = [], [], []
        for line, item in piece:
            if not isinstance(item, dict):
                problems.append(RowProblem(name, line, f"is a {_json_kind(item)}, not an object of event fields"))
                continue
            records.append([_as_text(item.get(key)) for key in keys])
            lines.append(line)
        frame = pd.DataFrame(records, columns=keys, dtype="str") if records else pd.DataFrame(columns=keys, dtype="str")
        yield RawChunk(frame, np.array(lines, dtype=np.int64), problems)


def json_keys(items: list[tuple[int, object]]) -> list[str]:
    return list(dict.fromkeys(key for _, item in items if isinstance(item, dict) for key in item))


def _json_kind(item: object) -> str:
    return {str: "str", list: "list", bool: "bool", type(None): "null"}.get(type(item), type(item).__name__)


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        # Federal Register agencies come as objects: their name is what an analyst reads.
        if "name" in value and isinstance(value["name"], str):
            return value["name"]
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
