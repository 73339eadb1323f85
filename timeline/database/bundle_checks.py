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
from timeline.database.errors import BundleError, shortened
from timeline.database.event_rows import EVENT_COLUMNS
from timeline.schema import COLUMNS, SchemaError, enforce_schema

# Event columns whose stored value must already be the vocabulary's own spelling: pages look them up as stored.
EXACT_VOCABULARY = {
    "category": vocabulary.categories,
    "date_precision": vocabulary.precisions,
    "status": vocabulary.review_statuses,
}
DELETED_REASONS = ("deleted", "rejected", "merged")
# The words the feed, thread and suggestion code writes and reads back by value (see the migrations' comments).
ALLOWED_VALUES = {
    ("feeds", "lang"): ("auto", "ar", "en", "zh"),
    ("articles", "status"): ("pending", "fetching", "done", "duplicate", "failed"),
    ("fetch_log", "kind"): ("feed", "article"),
    ("thread_log", "action"): ("create", "update", "link", "unlink", "stage"),
    ("thread_suggestions", "status"): ("pending", "accepted", "rejected"),
    ("source_log", "action"): ("create", "update"),
}
# Columns that hold a thread stage of data/vocabulary.yaml (a briefing's thread may have none yet).
STAGE_COLUMNS = (("thread_events", "stage"), ("thread_suggestions", "stage"), ("briefing_threads", "stage"))
# JSON columns and the shape their readers expect: filters as query parameters, changes as fields, and so on.
JSON_SHAPES = {
    ("articles", "redirects"): (list, "a list"),
    ("fetch_log", "seconds"): (dict, "an object of steps"),
    ("thread_log", "changes"): (dict, "an object of fields"),
    ("briefings", "filters"): (dict, "an object of query parameters"),
    ("saved_views", "filters"): (dict, "an object of query parameters"),
    ("source_log", "changes"): (dict, "an object of fields"),
}
# Counts and versions that start at a floor: a row below it was not written by this code.
FLOORS = {
    ("feeds", "interval_minutes"): 1,
    ("feeds", "failures"): 0,
    ("articles", "attempts"): 0,
    ("threads", "version"): 1,
    ("fetch_log", "id"): 1,
    ("thread_log", "id"): 1,
    ("briefings", "id"): 1,
    ("briefings", "event_count"): 0,
    ("briefing_events", "version"): 1,
    ("event_notes", "id"): 1,
    ("source_log", "id"): 1,
}


def check_bundle(path: Path, decoded: dict[str, list[dict]]) -> None:
    """Raise BundleError naming the table, row and column of the first problem in the decoded bundle."""
    for table in tables.ALL_TABLES:
        _check_unique(path, table.name, decoded[table.name], [column.name for column in table.primary_key.columns])
    event_ids = {row["event_id"] for row in decoded["events"]}
    source_ids = {row["source_id"] for row in decoded["sources"]}
    actor_names = {row["name"] for row in decoded["actors"]}
    article_addresses = {row["address"] for row in decoded["articles"]}
    thread_ids = {row["thread_id"] for row in decoded["threads"]}
    briefing_ids = {row["id"] for row in decoded["briefings"]}
    view_names = {row["name"] for row in decoded["saved_views"]}
    # Feeds are not among the targets: removing a feed keeps the articles and sightings found through it.
    # Nor are a briefing's threads (it records what it showed; the store never required them to exist), nor an
    # article's source_id: an article that gave no candidate keeps the id its source would have had.
    references = (
        ("events", "merged_into", event_ids),
        ("event_sources", "event_id", event_ids),
        ("event_sources", "source_id", source_ids),
        ("event_sources", "merged_from", event_ids),
        ("actor_aliases", "actor_name", actor_names),
        ("actors", "merged_into", actor_names),
        ("actor_log", "actor_name", actor_names),
        ("articles", "duplicate_of", article_addresses),
        ("article_sightings", "address", article_addresses),
        ("thread_events", "thread_id", thread_ids),
        ("thread_events", "event_id", event_ids),
        ("thread_log", "thread_id", thread_ids),
        ("thread_log", "event_id", event_ids),
        ("thread_suggestions", "thread_id", thread_ids),
        ("thread_suggestions", "event_id", event_ids),
        ("briefing_events", "briefing_id", briefing_ids),
        ("briefing_events", "event_id", event_ids),
        ("briefing_threads", "briefing_id", briefing_ids),
        ("view_visits", "name", view_names),
        ("event_tags", "event_id", event_ids),
        ("event_notes", "event_id", event_ids),
        ("source_log", "source_id", source_ids),
    )
    for table_name, column, known in references:
        _check_references(path, table_name, decoded[table_name], column, known)
    _check_rows(path, "events", decoded["events"], _event_problem)
    _check_rows(path, "event_sources", decoded["event_sources"], _link_problem)
    _check_rows(path, "actors", decoded["actors"], _actor_problem)
    _check_rows(path, "audit_log", decoded["audit_log"], _audit_problem)
    _check_rows(path, "actor_log", decoded["actor_log"], _actor_log_problem)
    _check_values(path, decoded)
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


def _actor_log_problem(row: dict) -> tuple[str, str] | None:
    # Undoing a merge reads what the merge moved back from its entry.
    if not isinstance(row["changes"], dict):
        return "changes", "is not an object"
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


def _check_values(path: Path, decoded: dict[str, list[dict]]) -> None:
    """Vocabulary words, thread stages, JSON shapes and floors of the feed, thread, briefing and view tables."""
    stages = vocabulary.thread_stages()
    allowed = {
        **{key: (values, f"one of {', '.join(values)}") for key, values in ALLOWED_VALUES.items()},
        **{key: (tuple(stages.values), f"a {stages.name} of data/vocabulary.yaml") for key in STAGE_COLUMNS},
    }
    for (table_name, column), (values, described) in allowed.items():
        _check_column(
            path, decoded, table_name, column, lambda value, values=values: value in values, f"is not {described}"
        )
    for (table_name, column), (kind, described) in JSON_SHAPES.items():
        _check_column(
            path, decoded, table_name, column, lambda value, kind=kind: isinstance(value, kind), f"is not {described}"
        )
    for (table_name, column), floor in FLOORS.items():
        _check_column(path, decoded, table_name, column, lambda value, floor=floor: value >= floor, f"is below {floor}")


def _check_column(
    path: Path, decoded: dict[str, list[dict]], table_name: str, column: str, accepts: Callable, described: str
) -> None:
    """Refuse the first row whose value in `column` is set and not accepted (nulls were checked cell by cell)."""
    for number, row in enumerate(decoded[table_name], start=1):
        value = row[column]
        if value is not None and not accepts(value):
            raise BundleError(f"{_where(path, table_name, number, column)}: {shortened(repr(value))} {described}")


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
