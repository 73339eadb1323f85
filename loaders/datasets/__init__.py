"""Event tables of any size and origin: profiles for published data sets, mapping files for the rest.

`open_table` reads a file's header, picks the profile (named, or detected from the header) or the
mapping, and yields events chunk by chunk; `load_all` gathers them for files small enough to hold.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from loaders.csv_events import CsvFormatError, CsvLoad, RowProblem
from loaders.datasets.reading import (
    CHUNK_ROWS,
    CsvRecords,
    RawChunk,
    check_start,
    json_chunks,
    json_keys,
    json_records,
    text_stream,
)
from loaders.datasets.rows import ChunkEvents, Plan, chunk_events, plan_columns
from loaders.datasets.spec import (
    SpecError,
    TableSpec,
    detect_profile,
    profile,
    profiles,
    read_spec_file,
    spec_from_text,
    spec_to_yaml,
)
from timeline.actors import ActorRegistry, default_registry
from timeline.schema import empty_frame, enforce_schema

__all__ = [
    "SpecError",
    "TableSpec",
    "Table",
    "load_all",
    "open_table",
    "profiles",
    "read_spec_file",
    "spec_from_text",
    "spec_to_yaml",
]
SAMPLE_BYTES = 65_536


@dataclass
class Table:
    """An opened events table: its plan, its warnings, and its raw chunks still to read."""

    name: str
    plan: Plan
    raw_chunks: Iterator[RawChunk]
    profile: str | None = None
    closing: list = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the columns as the file names them

    @property
    def warnings(self) -> list[str]:
        return self.plan.warnings

    def close(self) -> None:
        for handle in self.closing:
            handle.close()

    def events(self, registry: ActorRegistry | None = None, default_source: str | None = None) -> Iterator[ChunkEvents]:
        registry = registry or default_registry()
        source = default_source or Path(self.name).name
        try:
            for chunk in self.raw_chunks:
                yield chunk_events(chunk, self.plan, self.name, registry, source)
        finally:
            for handle in self.closing:
                handle.close()


def as_spec(mapping: TableSpec | Mapping[str, str | None] | None) -> TableSpec | None:
    """A spec from a mapping file's spec, or from the older {column: field or None} dictionary."""
    if mapping is None or isinstance(mapping, TableSpec):
        return mapping
    return TableSpec(columns={column: (() if target is None else (target,)) for column, target in mapping.items()})


def open_table(
    source: str | Path | bytes,
    name: str | None = None,
    profile_name: str | None = None,
    mapping: TableSpec | Mapping[str, str | None] | None = None,
    is_json: bool | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Table:
    """Open a CSV or JSON events table from a path (streamed) or bytes; file-wide problems raise CsvFormatError."""
    name = name or str(source)
    spec = as_spec(mapping)
    if profile_name:
        try:
            spec = profile(profile_name)
        except SpecError as error:
            raise CsvFormatError(f"{name}: {error}") from None
    if is_json is None:
        is_json = name.lower().endswith(".json")
    if isinstance(source, bytes):
        binary = io.BytesIO(source)
    else:
        try:
            binary = open(source, "rb")  # noqa: SIM115 (closed when the table is read, or on error)
        except OSError as error:
            raise CsvFormatError(f"{name}: cannot be read ({error.strerror or error})") from None
    try:
        sample = binary.read(SAMPLE_BYTES)
        binary.seek(0)
        check_start(sample, name)
        if is_json:
            return _open_json(binary, name, spec, chunk_rows)
        return _open_csv(binary, sample, name, spec, chunk_rows)
    except BaseException:
        binary.close()
        raise


def _open_csv(binary, sample: bytes, name: str, spec: TableSpec | None, chunk_rows: int) -> Table:
    first_line = re.split(r"\r\n|\r|\n", sample.decode("utf-8-sig", errors="replace").lstrip("\ufeff"), maxsplit=1)[0]
    detected = None
    if spec is None:
        header_guess = (
            first_line.split("\t")
            if first_line.count("\t") > first_line.count(",")
            else next(csv.reader([first_line]), [])
        )
        detected = detect_profile(
            header_guess, Path(name).name, {"\t": first_line.count("\t") + 1, ",": first_line.count(",") + 1}
        )
    chosen = spec or detected
    generic = chosen is None or (chosen.name == "mapping")
    chosen = chosen or TableSpec(name="")
    delimiter = chosen.delimiter
    if (
        generic
        and chosen.delimiter == ","
        and (name.lower().endswith(".tsv") or first_line.count("\t") > first_line.count(","))
    ):
        delimiter = "\t"
    names: tuple[str, ...] = ()
    if not chosen.header:
        width = first_line.count(delimiter) + 1
        names = chosen.names_for_width(width)
        if not names:
            widths = sorted({len(layout) for layout in (chosen.column_names, *chosen.column_layouts) if layout})
            raise CsvFormatError(
                f"{name}: has {width} columns; the {chosen.name} profile reads {' or '.join(map(str, widths))}"
            )
    stream = text_stream(binary)
    records = CsvRecords(stream, name, delimiter, names)
    plan = plan_columns(records.header, chosen, name, use_aliases=generic)
    is_profile = not generic
    return Table(name, plan, records.chunks(chunk_rows), chosen.name if is_profile else None, [stream], records.header)


def _open_json(binary, name: str, spec: TableSpec | None, chunk_rows: int) -> Table:
    raw = binary.read()
    binary.close()
    text = raw.decode("utf-8-sig", errors="replace")
    items = json_records(text, name, spec.records_key if spec else None)
    keys = json_keys(items)
    detected = detect_profile(keys, Path(name).name, {}) if spec is None else None
    chosen = spec or detected
    generic = chosen is None or chosen.name == "mapping"
    plan = plan_columns(keys, chosen or TableSpec(name=""), name, use_aliases=generic) if keys else _empty_plan(chosen)
    return Table(name, plan, json_chunks(items, name, chunk_rows), None if generic else chosen.name, [], keys)


def _empty_plan(spec: TableSpec | None) -> Plan:
    return Plan(spec or TableSpec(name=""), {"title": [], "date": []})


def load_all(table: Table, registry: ActorRegistry | None = None, default_source: str | None = None) -> CsvLoad:
    """Every chunk of a table gathered into one frame (for uploads and tests); a repeated id is a rejected row."""
    frames, rejected, rows_in, seen, lines = [], [], 0, set(), []
    for piece in table.events(registry, default_source):
        rows_in += piece.rows_in
        rejected += piece.problems
        if len(piece.events):
            ids = piece.events["event_id"].to_numpy(dtype=object)
            repeated = np.array([event_id in seen for event_id in ids], dtype=bool)
            rejected += [
                RowProblem(table.name, int(line), f"duplicate event {event_id!r}")
                for line, event_id in zip(piece.lines[repeated], ids[repeated], strict=True)
            ]
            seen.update(ids)
            frames.append(piece.events[~repeated])
            lines += piece.lines[~repeated].tolist()
    frames = [frame for frame in frames if len(frame)]
    events = (
        empty_frame()
        if not frames
        else enforce_schema(pd.concat(frames, ignore_index=True), origin=table.name)
        if len(frames) > 1
        else frames[0].reset_index(drop=True)
    )
    rejected.sort(key=lambda problem: problem.line)
    loaded = CsvLoad(events=events, rejected=rejected, rows_in=rows_in, lines=lines)
    loaded.warnings = list(table.warnings)
    loaded.profile = table.profile
    return loaded
