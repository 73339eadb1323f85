import pandas as pd
import pytest

from tests.conftest import BASE_EVENT, make_events
from timeline.schema import COLUMNS, SchemaError, _intervals_fit, empty_frame, enforce_schema, interval_problem

DAY = {"event_id": "a", "title": "T", "date_start": "2025-02-17", "date_end": "2025-02-17"}


def test_columns_come_out_typed_and_in_order(events):
    assert tuple(events.columns) == COLUMNS
    assert events["date_start"].dtype == "datetime64[us]"
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)
    assert events["title"].dtype == "str"
    assert events.loc[0, "actors"] == ("Xi Jinping", "Liang Wenfeng", "Wang Xingxing")


def test_empty_frame_has_every_column():
    assert tuple(empty_frame().columns) == COLUMNS
    assert empty_frame().empty


def test_error_names_origin_row_and_field():
    with pytest.raises(SchemaError) as caught:
        make_events({**DAY, "date_precision": "day", "category": "picnic", "actors": ()})
    assert caught.value.field == "category"
    assert caught.value.row == 1
    assert "test, row 1, field 'category'" in str(caught.value)
    assert "picnic" in str(caught.value)


def test_missing_columns_are_named():
    with pytest.raises(SchemaError, match="missing column"):
        enforce_schema(pd.DataFrame({"title": ["x"]}), origin="file.csv")


def test_required_field_cannot_be_blank():
    with pytest.raises(SchemaError, match="'title': is required"):
        make_events({**DAY, "title": "  ", "date_precision": "day", "category": "meeting", "actors": ()})


def test_category_and_precision_variants_are_fixed():
    frame = make_events({**DAY, "date_precision": "Exact", "category": "Trade show", "actors": "A; B"})
    assert frame.loc[0, "category"] == "trade_show"
    assert frame.loc[0, "date_precision"] == "day"
    assert frame.loc[0, "actors"] == ("A", "B")


def test_country_names_and_variants_become_codes():
    frame = make_events({**DAY, "date_precision": "day", "category": "meeting", "actors": (), "countries": "China; UK"})
    assert frame.loc[0, "countries"] == ("CN", "GB")
    with pytest.raises(SchemaError, match="unknown country 'Atlantis'"):
        make_events({**DAY, "date_precision": "day", "category": "meeting", "actors": (), "countries": "Atlantis"})


def test_duplicate_ids_are_rejected():
    row = {**DAY, "date_precision": "day", "category": "meeting", "actors": ()}
    with pytest.raises(SchemaError, match="row 2, field 'event_id': duplicate 'a'"):
        make_events(row, row)


@pytest.mark.parametrize(
    ("start", "end", "precision", "problem"),
    [
        ("2025-02-17", "2025-02-17", "day", None),
        ("2025-02-17", "2025-02-18", "day", "needs one day"),
        ("2025-02-01", "2025-02-28", "month", None),
        # A month-only date must not pose as a day, nor a day as a month.
        ("2025-02-17", "2025-02-17", "month", "from the 1st"),
        ("2024-01-01", "2024-12-31", "year", None),
        ("2024-03-01", "2024-12-31", "year", "1 January"),
        ("2025-06-01", "2025-08-31", "season", None),
        ("2024-12-01", "2025-02-28", "season", None),
        ("2025-02-10", "2025-02-11", "range", None),
        ("2025-02-10", "2025-02-10", "range", "at least two days"),
        ("2025-02-11", "2025-02-10", "range", "before"),
        ("2024-01-01", "2025-02-28", "undated", None),
    ],
)
def test_interval_must_fit_its_precision(start, end, precision, problem):
    found = interval_problem(pd.Timestamp(start), pd.Timestamp(end), precision)
    assert (found is None) if problem is None else (problem in found)
    # The whole-column check used on large frames agrees with the one-by-one rule.
    fits = _intervals_fit(pd.Series([pd.Timestamp(start)]), pd.Series([pd.Timestamp(end)]), pd.Series([precision]))
    assert bool(fits[0]) == (problem is None)


def test_confidence_outside_zero_to_one_is_rejected():
    with pytest.raises(SchemaError, match="confidence"):
        make_events({**DAY, "date_precision": "day", "category": "meeting", "actors": (), "confidence": 1.5})


def value_by_value(monkeypatch):
    """Force the value-by-value path, the reference the whole-column path must match."""
    from timeline import schema

    monkeypatch.setattr(schema, "_cast_column_whole", lambda column, field: None)


MIXED = [
    {
        **DAY,
        "event_id": "a",
        "date_precision": "Exact",
        "category": "Trade show",
        "actors": "A; B ;",
        "countries": "China; UK",
        "summary": "  padded  ",
        "confidence": "0.5",
        "source_lang": "AR",
    },
    {
        **DAY,
        "event_id": "b",
        "date_start": pd.Timestamp("2025-02-17 13:45", tz="UTC"),
        "date_end": pd.Timestamp("2025-02-17"),
        "date_precision": "day",
        "category": "meeting",
        "actors": ["C", " "],
        "countries": ("US",),
        "summary": None,
        "published": float("nan"),
    },
    {
        **DAY,
        "event_id": "c",
        "date_start": pd.Timestamp("2024-01-01"),
        "date_end": pd.Timestamp("2024-12-31"),
        "date_precision": "year",
        "category": "tariff",
        "actors": (),
        "countries": None,
        "location": "",
        "quote": "  ",
    },
]


def whole_columns(monkeypatch):
    """Force the whole-column path even on small frames, which are otherwise cast value by value."""
    from timeline import schema

    monkeypatch.setattr(schema, "SMALL_FRAME_ROWS", 0)


def test_whole_column_path_equals_value_by_value(monkeypatch, events):
    from loaders import curated

    mixed = pd.DataFrame([{**BASE_EVENT, **row} for row in MIXED])
    # Arrow-backed text, categorical input and a non-default index take the vectorized branches.
    typed = mixed.astype({"summary": "str", "quote": "str", "location": "category", "category": "category"})
    typed.index = [30, 10, 20]
    for frame in (mixed, typed, curated.load(), events):
        with monkeypatch.context() as patch:
            whole_columns(patch)
            fast = enforce_schema(frame, origin="test")
        with monkeypatch.context() as patch:
            value_by_value(patch)
            slow = enforce_schema(frame, origin="test")
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date_start": "2025-02-30"}, "row 2, field 'date_start'"),
        ({"category": "picnic"}, "row 2, field 'category': unknown category 'picnic'"),
        ({"confidence": 2}, "row 2, field 'confidence': 2.0 is outside 0..1"),
        ({"countries": "Atlantis"}, "row 2, field 'countries': unknown country 'Atlantis'"),
        ({"title": " "}, "row 2, field 'title': is required but empty"),
        ({"date_precision": "month"}, "row 2, field 'date_precision': precision month must run from the 1st"),
    ],
)
@pytest.mark.parametrize("path", ["small frame", "whole columns"])
def test_errors_still_name_the_first_bad_row(monkeypatch, path, change, message):
    if path == "whole columns":
        whole_columns(monkeypatch)
    rows = [{**BASE_EVENT, **row} for row in MIXED]
    rows[1] = {**rows[1], **change}
    with pytest.raises(SchemaError, match=message.replace("(", r"\(").replace(")", r"\)")):
        enforce_schema(pd.DataFrame(rows), origin="test")
