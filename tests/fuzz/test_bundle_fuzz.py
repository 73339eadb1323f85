"""Fuzzing restore: a mutated bundle is restored whole and reads back, or refused with a BundleError and nothing stored."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete

from timeline.database import StoreError, audit_trail, ensure_seeded, export_bundle, import_bundle, open_store, tables
from timeline.database.bundle import table_rows
from timeline.store import read_dataset

TABLE_NAMES = [table.name for table in tables.ALL_TABLES]
COLUMN_NAMES = sorted({column.name for table in tables.ALL_TABLES for column in table.columns})

# Values a hand-edited or hostile bundle may hold where another was expected.
hostile_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\ud800",
            "x" * 600,
            "2025-02-17",
            "2025-13-40",
            "0001-01-01",
            "9999-12-31",
            "2025-02-17T10:00:00+00:00",
            "0001-01-01T00:00:00+05:00",
            "2025-02-17T10:00:00",
            "meeting",
            "day",
            "month",
            "merged",
            "accepted",
            "deleted",
            "person",
            "CN",
            "Xi Jinping",
            "[a](https://evil.example)",
        ]
    ),  # fmt: skip
    st.lists(st.one_of(st.text(max_size=10), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.integers()), max_size=3),
)


@st.composite
def mutations(draw):
    """One change to a bundle document, as a function that applies it in place."""
    kind = draw(st.sampled_from(["cell", "drop column", "duplicate row", "drop row", "swap", "table", "top"]))
    table = draw(st.sampled_from(TABLE_NAMES))
    row_pick, other_pick = draw(st.integers(min_value=0)), draw(st.integers(min_value=0))
    column = draw(st.one_of(st.sampled_from(COLUMN_NAMES), st.text(max_size=8)))
    value = draw(hostile_values)
    top = draw(st.sampled_from(["format", "format_version", "schema_version", "tables", "exported_at"]))

    def apply(document):
        found = document.get("tables")
        rows = found.get(table) if isinstance(found, dict) else None
        if kind == "top":
            document[top] = value
        elif kind == "table" and isinstance(found, dict):
            found[table] = value
        elif isinstance(rows, list) and rows:
            row, other = rows[row_pick % len(rows)], rows[other_pick % len(rows)]
            if kind == "cell" and isinstance(row, dict):
                row[column] = value
            elif kind == "drop column" and isinstance(row, dict):
                row.pop(column, None)
            elif kind == "duplicate row":
                rows.append(copy.deepcopy(row))
            elif kind == "drop row":
                rows.remove(row)
            elif kind == "swap" and isinstance(row, dict) and isinstance(other, dict) and column in row:
                row[column], other[column] = other.get(column), row[column]

    return apply


class Document(dict):
    """A bundle's JSON, shown briefly when hypothesis reports a failing example."""

    def __repr__(self) -> str:
        return f"<bundle of {sum(map(len, self['tables'].values()))} rows>"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("bundle")
    engine = open_store(f"sqlite:///{folder / 'source.sqlite'}")
    ensure_seeded(engine)
    return Document(json.loads(export_bundle(engine, folder / "bundle.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    """One empty store, emptied again after each restore that succeeds."""
    return open_store(f"sqlite:///{tmp_path_factory.mktemp('target') / 'target.sqlite'}")


def stored_rows(engine) -> int:
    with engine.connect() as connection:
        return sum(len(table_rows(connection, table)) for table in tables.ALL_TABLES)


def emptied(engine) -> None:
    with engine.begin() as connection:
        for table in reversed(tables.ALL_TABLES):
            connection.execute(delete(table))


@given(changes=st.lists(mutations(), min_size=1, max_size=3), cut=st.one_of(st.none(), st.integers(0, 10**6)))
def test_a_mutated_bundle_restores_whole_or_not_at_all(bundle, target, tmp_path_factory, changes, cut):
    document = copy.deepcopy(bundle)
    for change in changes:
        change(document)
    text = json.dumps(document, ensure_ascii=True)
    if cut is not None:
        text = text[: cut % (len(text) + 1)]  # a file cut short, as by a full disk
    path = tmp_path_factory.getbasetemp() / "fuzzed.json"
    path.write_text(text, encoding="utf-8")
    try:
        import_bundle(target, path)
    except StoreError as error:  # BundleError, or the store's own refusal
        assert str(error).startswith(f"{path}: ") or "cannot restore" in str(error)
        assert stored_rows(target) == 0
        return
    try:
        # Restored: the store must read back as every page and command reads it.
        dataset = read_dataset(target)
        for event_id in dataset.events["event_id"].head(3):
            audit_trail(target, event_id)
    finally:
        emptied(target)


def test_a_valid_bundle_round_trips(bundle, target, tmp_path):
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    try:
        import_bundle(target, path)
        again = json.loads(export_bundle(target, tmp_path / "again.json").read_text(encoding="utf-8"))
    finally:
        emptied(target)
    assert again["tables"] == bundle["tables"]
