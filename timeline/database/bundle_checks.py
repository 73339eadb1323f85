"""What a decoded bundle must satisfy before anything is written: unique keys, links that land, events the schema accepts.

Cells were already checked one by one (timeline.database.bundle.decode_value); these checks span
rows and tables, so that a restore that starts also finishes, and the restored store reads back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from timeline import vocabulary
from timeline.database import tables
from timeline.database.errors import BundleError
from timeline.database.event_rows import EVENT_COLUMNS
from timeline.schema import COLUMNS, SchemaError, enforce_schema

# Event columns whose stored value must already be the vocabulary's own spelling: pages look them up as stored.
EXACT_VOCABULARY = {
    "category": vocabulary.categories,
    "date_precision": vocabulary.precisions,
    "status": vocabulary.review_statuses,
}
DELETED_REASONS = ("deleted", "rejected", "merged")


def check_bundle(path: Path, decoded: dict[str, list[dict]]) -> None:
    """Raise BundleError naming the table, row and column of the first problem in the decoded bundle."""
    for table in tables.ALL_TABLES:
        _check_unique(path, table.name, decoded[table.name], [column.name for column in table.primary_key.columns])
    event_ids = {row["event_id"] for row in decoded["events"]}
    source_ids = {row["source_id"] for row in decoded["sources"]}
    actor_names = {row["name"] for row in decoded["actors"]}
    references = (
        ("events", "merged_into", event_ids),
        ("event_sources", "event_id", event_ids),
        ("event_sources", "source_id", source_ids),
        ("event_sources", "merged_from", event_ids),
        ("actor_aliases", "actor_name", actor_names),
    )
    for table_name, column, known in references:
        _check_references(path, table_name, decoded[table_name], column, known)
    _check_rows(path, "events", decoded["events"], _event_problem)
    _check_rows(path, "event_sources", decoded["event_sources"], _link_problem)
    _check_rows(path, "actors", decoded["actors"], _actor_problem)
    _check_rows(path, "audit_log", decoded["audit_log"], _audit_problem)
    _check_event_schema(path, decoded["events"], decoded["event_sources"])


def _where(path: Path, table_name: str, number: int, column: str) -> str:
    return f"{path}: table {table_name!r}, row {number}, column {column!r}"


def _check_unique(path: Path, table_name: str, rows: list[dict], key: list[str]) -> None:
    seen: set[tuple] = set()
    for number, row in enumerate(rows, start=1):
        value = tuple(row[name] for name in key)
        if value in seen:
            shown = value[0] if len(value) == 1 else value
            raise BundleError(f"{_where(path, table_name, number, key[0])}: duplicate {shown!r}")
        seen.add(value)


def _check_references(path: Path, table_name: str, rows: list[dict], column: str, known: set[str]) -> None:
    for number, row in enumerate(rows, start=1):
        value = row[column]
        if value is not None and value not in known:
            raise BundleError(f"{_where(path, table_name, number, column)}: {value!r} is not in the bundle")


def _check_rows(path: Path, table_name: str, rows: list[dict], problem_of: Callable[[dict], tuple | None]) -> None:
    for number, row in enumerate(rows, start=1):
        problem = problem_of(row)
        if problem:
            column, message = problem
            raise BundleError(f"{_where(path, table_name, number, column)}: {message}")


def _event_problem(row: dict) -> tuple[str, str] | None:
    for column, vocabulary_of in EXACT_VOCABULARY.items():
        known = vocabulary_of()
        if row[column] not in known.values:
            return column, f"{row[column]!r} is not a {known.name} of data/vocabulary.yaml"
    if row["version"] < 1:
        return "version", f"{row['version']} is below 1"
    if row["deleted_reason"] is not None and row["deleted_reason"] not in DELETED_REASONS:
        return "deleted_reason", f"{row['deleted_reason']!r} is not one of {', '.join(DELETED_REASONS)}"
    return None


def _link_problem(row: dict) -> tuple[str, str] | None:
    if row["position"] < 0:
        return "position", f"{row['position']} is below 0"
    return None


def _actor_problem(row: dict) -> tuple[str, str] | None:
    kinds = vocabulary.actor_kinds()
    if row["kind"] not in kinds.values:
        return "kind", f"{row['kind']!r} is not an {kinds.name} of data/vocabulary.yaml"
    terms = row["terms"]
    if not isinstance(terms, dict) or not all(
        isinstance(span, list) and len(span) == 2 and all(isinstance(day, str) for day in span)
        for span in terms.values()
    ):
        return "terms", "is not an object of periods, each a list of two dates"
    return None


def _audit_problem(row: dict) -> tuple[str, str] | None:
    changes = row["changes"]
    # The Edit page lists each change as field: old → new, and a refused save reads "old" back.
    if not isinstance(changes, dict) or not all(
        isinstance(change, dict) and set(change) == {"old", "new"} for change in changes.values()
    ):
        return "changes", 'is not an object of fields, each {"old": …, "new": …}'
    if row["id"] < 1:
        return "id", f"{row['id']} is below 1"
    return None


def _check_event_schema(path: Path, events: list[dict], links: list[dict]) -> None:
    """Every event, deleted ones too, must read back through the schema as the store reads it."""
    cited: dict[str, list[tuple[int, str]]] = {}
    for link in links:
        cited.setdefault(link["event_id"], []).append((link["position"], link["source_id"]))
    frame = pd.DataFrame(
        [
            {
                **{name: row[name] for name in EVENT_COLUMNS},
                "source_ids": tuple(source for _, source in sorted(cited.get(row["event_id"], []))),
            }
            for row in events
        ],
        columns=list(COLUMNS),
    )
    try:
        enforce_schema(frame, origin=f"{path}: table 'events'")
    except SchemaError as error:
        raise BundleError(str(error)) from None
