"""Events from a JSON file: lists of objects keyed like an events CSV's header, read by the same rules.

Several top-level lists are all read; an object holding its rows under `results` (the Federal
Register's export) is read too. A rejected object is reported with the line it starts on.
"""

from __future__ import annotations

from pathlib import Path

from loaders.csv_events import CsvLoad
from timeline.actors import ActorRegistry, default_registry


def load(path: str | Path, registry: ActorRegistry | None = None, mapping=None, profile: str | None = None) -> CsvLoad:
    """Read a JSON events file; errors about the whole file raise CsvFormatError naming it."""
    from loaders.datasets import load_all, open_table

    path = Path(path)
    table = open_table(path, str(path), profile, mapping, is_json=True)
    return load_all(table, registry or default_registry(), path.name)


def load_text(
    text: str, name: str, registry: ActorRegistry | None = None, mapping=None, profile: str | None = None
) -> CsvLoad:
    from loaders.datasets import load_all, open_table

    table = open_table(text.encode("utf-8", "surrogatepass"), name, profile, mapping, is_json=True)
    return load_all(table, registry or default_registry(), Path(name).name)


def keys_of(text: str, name: str) -> list[str]:
    """Every key used by the file's objects, in order of first use, for a column-mapping preview."""
    from loaders.datasets.reading import json_keys, json_records

    return json_keys(json_records(text, name))
