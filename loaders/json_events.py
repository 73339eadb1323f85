"""Events from a JSON file: a list of objects keyed like an events CSV's header, read by the same rules.

A rejected object is reported with the line it starts on, as a text editor counts it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from loaders.csv_events import CsvFormatError, CsvLoad, collect, read_events_file, resolve_columns
from timeline.actors import ActorRegistry, default_registry


def load(
    path: str | Path, registry: ActorRegistry | None = None, mapping: Mapping[str, str | None] | None = None
) -> CsvLoad:
    """Read a JSON events file; errors about the whole file raise CsvFormatError naming it."""
    path = Path(path)
    raw = read_events_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvFormatError(f"{path}: not UTF-8 text (byte {error.start})") from None
    return load_text(text, str(path), registry, mapping)


def load_text(
    text: str, name: str, registry: ActorRegistry | None = None, mapping: Mapping[str, str | None] | None = None
) -> CsvLoad:
    objects = _objects_with_lines(text, name)
    keys = list(dict.fromkeys(key for _, item in objects if isinstance(item, dict) for key in item))
    columns = dict(zip(keys, resolve_columns(keys, mapping or {}, name), strict=True)) if keys else {}

    def records():
        for line, item in objects:
            if not isinstance(item, dict):
                yield line, ValueError(f"is a {type(item).__name__}, not an object of event fields")
                continue
            yield line, {columns[key]: _as_text(value) for key, value in item.items() if columns.get(key)}

    return collect(records(), name, registry or default_registry(), Path(name).name)


def keys_of(text: str, name: str) -> list[str]:
    """Every key used by the file's objects, in order of first use, for a column-mapping preview."""
    return list(
        dict.fromkeys(key for _, item in _objects_with_lines(text, name) if isinstance(item, dict) for key in item)
    )


def _objects_with_lines(text: str, name: str) -> list[tuple[int, object]]:
    """The top-level array's items, each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if position >= len(text) or text[position] != "[":
        raise CsvFormatError(f"{name}: must hold a JSON list of event objects")
    position = _skip_space(text, position + 1)
    items: list[tuple[int, object]] = []
    while position < len(text) and text[position] != "]":
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise CsvFormatError(f"{name}:{error.lineno}: not valid JSON ({error.msg})", line=error.lineno) from None
        items.append((text.count("\n", 0, position) + 1, item))
        position = _skip_space(text, end)
        if position < len(text) and text[position] == ",":
            position = _skip_space(text, position + 1)
    if position >= len(text):
        raise CsvFormatError(f"{name}: the JSON list is not closed")
    return items


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)
