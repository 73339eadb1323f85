"""The event frame, declared once: every column, its type, whether it may be empty, and its meaning.

Every loader ends with `enforce_schema`, which casts, checks and orders the columns and raises a
`SchemaError` naming the file, row and field of the first problem it finds.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from timeline import vocabulary
from timeline.countries import canonical_country


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, category, date, names (a tuple of strings), number
    nullable: bool
    description: str
    vocabulary: Callable[[], vocabulary.Vocabulary] | None = None


FIELDS: tuple[Field, ...] = (
    Field("event_id", "text", False, "Stable identifier, the same on every reload."),
    Field("title", "text", False, "Short English title of the event."),
    Field("summary", "text", True, "One or two English sentences on what happened."),
    Field("date_start", "date", False, "First day the event may have happened (inclusive)."),
    Field("date_end", "date", False, "Last day the event may have happened (inclusive)."),
    Field("date_precision", "category", False, "How precisely the record dates it.", vocabulary.precisions),
    Field("date_text", "category", False, "The date as the source words it (repeats: kept as a category)."),
    Field("category", "category", False, "Kind of event.", vocabulary.categories),
    Field(
        "actors",
        "names",
        True,
        "Canonical names of the actors involved; an article candidate may also carry, as written, names the "
        "registry lacks (proposed actors, accepted or merged on the Review page).",
    ),
    Field("countries", "names", True, "ISO 3166-1 alpha-2 codes of the countries involved."),
    Field("location", "category", True, "Where it happened, in words."),
    Field("source_name", "category", False, "Outlet or body of the primary source."),
    Field("source_url", "category", True, "Address of the primary source."),
    Field("source_lang", "category", False, "ISO 639-1 language of the primary source."),
    Field("published", "date", True, "Publication date of the primary source."),
    Field("quote", "text", True, "The source's own words about the event, in its language."),
    Field("source_ids", "names", True, "Identifiers of every source that supports the event."),
    Field("status", "category", False, "Review status.", vocabulary.review_statuses),
    Field("confidence", "number", False, "Confidence in the extracted date and facts, 0 to 1."),
)
COLUMNS: tuple[str, ...] = tuple(field.name for field in FIELDS)
FIELDS_BY_NAME = {field.name: field for field in FIELDS}
LIST_SEPARATOR = ";"
# Rows up to which a frame is cast and checked value by value: pandas' fixed cost for each whole-column
# operation (about half a millisecond a column) outweighs the loop over a few rows, as in one article's events.
SMALL_FRAME_ROWS = 200


class SchemaError(ValueError):
    """A value that breaks the schema, with where it came from."""

    def __init__(self, origin: str, row: object, field: str, message: str):
        self.origin, self.row, self.field, self.message = origin, row, field, message
        location = origin if row is None else f"{origin}, row {row}"
        super().__init__(f"{location}, field {field!r}: {message}")


def empty_frame() -> pd.DataFrame:
    """A frame with every column and no rows."""
    return enforce_schema(pd.DataFrame({name: [] for name in COLUMNS}), origin="<empty>")


def split_names(value: object) -> tuple[str, ...]:
    """Turn 'a; b' or ['a', 'b'] into ('a', 'b'), dropping blanks."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    items = value.split(LIST_SEPARATOR) if isinstance(value, str) else list(value)
    return tuple(str(item).strip() for item in items if str(item).strip())


def enforce_schema(frame: pd.DataFrame, origin: str, row_labels: Sequence[object] | None = None) -> pd.DataFrame:
    """Cast and check `frame` against FIELDS; keep only declared columns, in order.

    `row_labels` names each row in errors (a line number, a YAML entry); by default 1, 2, 3...
    """
    missing = [name for name in COLUMNS if name not in frame.columns]
    if missing:
        raise SchemaError(origin, None, missing[0], f"missing column(s): {', '.join(missing)}")
    labels = list(row_labels) if row_labels is not None else list(range(1, len(frame) + 1))
    whole = len(frame) > SMALL_FRAME_ROWS
    out = {}
    for field in FIELDS:
        # Whole columns at once; a small frame, or a column with anything unusual, takes the
        # value-by-value path, which gives the same result or the error naming the first bad row.
        given = frame[field.name]
        fast = _cast_column_whole(given.reset_index(drop=True), field) if whole else None
        if fast is None:
            fast = _cast_column(given.to_numpy(dtype=object).tolist(), field, origin, labels)
        out[field.name] = fast
    result = pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
    _check_rows(result, origin, labels)
    return result


def _blank_mask(column: pd.Series) -> np.ndarray:
    """Where a value is missing: None, NaN/NaT, an empty or white-space string, or an empty list."""
    missing = column.isna().to_numpy(dtype=bool)
    if column.dtype != object:
        return missing if not _is_text(column) else missing | column.str.strip().eq("").fillna(False).to_numpy(bool)
    kind = pd.api.types.infer_dtype(column, skipna=True)
    if kind in ("string", "empty"):
        return missing | column.str.strip().eq("").fillna(False).to_numpy(dtype=bool)
    if kind in ("floating", "integer", "mixed-integer-float", "decimal", "boolean"):
        return missing  # numbers from a database driver: only None or NaN can be blank
    blank = missing.copy()
    present = np.flatnonzero(~missing)
    blank[present] = [_blank(value) for value in column.to_numpy()[present]]
    return blank


def _is_text(column: pd.Series) -> bool:
    """Strings and missing values only (plain, Arrow-backed or categorical), so vectorized string methods apply."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype):
        return True
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.api.types.infer_dtype(dtype.categories, skipna=True) in ("string", "empty")
    return pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty")


def _stripped_text(column: pd.Series) -> pd.Series:
    """A text column stripped of surrounding white space, blank values made missing."""
    text = column.astype("str").str.strip()
    blank = text.eq("").fillna(False).to_numpy(dtype=bool)
    return text.where(~blank, None) if blank.any() else text


def _free_category(field: Field) -> bool:
    """A category column whose values are kept as written (stripped): no vocabulary, no code to check."""
    return field.kind == "category" and field.vocabulary is None and field.name != "source_lang"


def _cast_column_whole(column: pd.Series, field: Field) -> pd.Series | pd.Categorical | None:
    """The column cast in one go, or None when the value-by-value path must decide (or word an error)."""
    if field.kind in ("text", "category") and _is_text(column):
        text = _stripped_text(column)
        if not field.nullable and text.isna().any():
            return None
        if field.kind == "text":
            return text
        if _free_category(field):
            codes, uniques = pd.factorize(text, sort=True)  # sorted by Arrow, as sorted() would order them
            return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype="str"))
        column = text  # vocabulary or code: checked below, once per distinct value
    elif field.kind == "text":
        return None  # numbers, lists...: cast one by one, as the loaders' odd values need
    if field.kind == "date":
        return _cast_dates_whole(column, field)
    if field.kind == "number":
        blank = _blank_mask(column)
        if blank.any() and not field.nullable:
            return None
        numbers = pd.to_numeric(column.where(~blank, np.nan), errors="coerce")
        present = numbers[~blank]
        if present.isna().any() or ((present < 0) | (present > 1)).any():
            return None
        return numbers.astype("float64")
    # Categories and name lists repeat: each distinct value is checked and cast once.
    try:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
    except TypeError:  # unhashable values such as lists
        return None
    uniques = uniques.tolist()
    blank_unique = np.array([_blank(value) for value in uniques] + [True], dtype=bool)
    if blank_unique[codes].any() and not field.nullable:
        return None
    try:
        cast = [
            None if blank else _cast_value(value, field) for value, blank in zip(uniques, blank_unique, strict=False)
        ]
    except (ValueError, TypeError):
        return None
    if field.kind == "names":
        lookup = np.empty(len(cast) + 1, dtype=object)
        lookup[:] = [value or () for value in cast] + [()]
        return pd.Series(lookup[codes], dtype="object")  # code -1 (blank) takes the last slot: ()
    allowed = (
        tuple(field.vocabulary().values) if field.vocabulary else tuple(sorted({value for value in cast if value}))
    )
    dtype, position = _categories(allowed)
    category_codes = np.array([position.get(name, -1) for name in cast] + [-1], dtype=np.int64)[codes]
    return pd.Categorical.from_codes(category_codes, dtype=dtype)


def _cast_dates_whole(column: pd.Series, field: Field) -> pd.Series | None:
    if pd.api.types.is_datetime64_dtype(column.dtype):
        if column.isna().any() and not field.nullable:
            return None
        return pd.Series(column.dt.normalize().to_numpy(), dtype="datetime64[us]")
    blank = _blank_mask(column)
    if blank.any() and not field.nullable:
        return None
    present = column[~blank]
    if len(present) and any(isinstance(value, str) for value in present.iloc[:1]):
        return None  # text dates go through pd.Timestamp one by one, which words errors per row
    try:
        stamps = pd.to_datetime(present, errors="raise")
    except (ValueError, TypeError, OverflowError):
        return None
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_convert(None)
    result = pd.Series(pd.NaT, index=column.index, dtype="datetime64[us]")
    result[~blank] = stamps.dt.normalize().astype("datetime64[us]").to_numpy()
    return result


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, (tuple, list)):
        return len(value) == 0
    if isinstance(value, str):
        return value.strip() == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cast_column(values: list, field: Field, origin: str, labels: list) -> pd.Series | pd.Categorical:
    cleaned = []
    for label, value in zip(labels, values, strict=True):
        if _blank(value):
            if not field.nullable:
                raise SchemaError(origin, label, field.name, "is required but empty")
            cleaned.append(None)
            continue
        try:
            cleaned.append(_cast_value(value, field))
        except (ValueError, TypeError) as error:
            raise SchemaError(origin, label, field.name, str(error)) from None
    if field.kind == "text":
        return pd.Series(cleaned, dtype="str")
    if field.kind == "date":
        return pd.Series(pd.to_datetime(pd.Series(cleaned, dtype="object")), dtype="datetime64[us]")
    if field.kind == "number":
        return pd.Series(cleaned, dtype="float64")
    if field.kind == "names":
        return pd.Series([value or () for value in cleaned], dtype="object")
    allowed = tuple(field.vocabulary().values) if field.vocabulary else tuple(sorted(set(filter(None, cleaned))))
    dtype, position = _categories(allowed)
    return pd.Categorical.from_codes([position.get(value, -1) for value in cleaned], dtype=dtype)


@lru_cache(maxsize=64)
def _categories(allowed: tuple[str, ...]) -> tuple[pd.CategoricalDtype, dict[str, int]]:
    """The categorical type of a vocabulary and each value's code, made once: pandas checks categories slowly."""
    return pd.CategoricalDtype(pd.Index(allowed, dtype="str")), {name: number for number, name in enumerate(allowed)}


def _cast_value(value: object, field: Field) -> object:
    if field.kind == "text":
        return str(value).strip()
    if field.kind == "date":
        stamp = pd.Timestamp(value)
        if stamp.tz is not None:
            stamp = stamp.tz_convert(None)
        return stamp.normalize()
    if field.kind == "number":
        number = float(value)
        if not 0.0 <= number <= 1.0:
            raise ValueError(f"{number} is outside 0..1")
        return number
    if field.kind == "names":
        names = split_names(value)
        if field.name == "countries":
            return tuple(dict.fromkeys(canonical_country(name) for name in names))
        return tuple(dict.fromkeys(names))
    if field.vocabulary is not None:
        return field.vocabulary().canonical(str(value))
    if field.name == "source_lang":
        code = str(value).strip().lower()
        if len(code) != 2 or not code.isalpha():
            raise ValueError(f"{value!r} is not an ISO 639-1 code such as ar, en or zh")
        return code
    return str(value).strip()


def _check_rows(frame: pd.DataFrame, origin: str, labels: list) -> None:
    duplicated = frame["event_id"].duplicated()
    if duplicated.any():
        position = int(duplicated.to_numpy().nonzero()[0][0])
        raise SchemaError(origin, labels[position], "event_id", f"duplicate {frame['event_id'].iat[position]!r}")
    columns = [frame["date_start"], frame["date_end"], frame["date_precision"]]
    if len(frame) > SMALL_FRAME_ROWS:
        suspect = np.flatnonzero(~_intervals_fit(*columns))
        columns = [column.iloc[suspect] for column in columns]
    else:
        suspect = range(len(frame))
    # Worded one by one, by the same rules.
    for position, start, end, precision in zip(suspect, *(column.tolist() for column in columns), strict=True):
        problem = interval_problem(start, end, precision)
        if problem:
            raise SchemaError(origin, labels[position], "date_precision", problem)


def _intervals_fit(starts: pd.Series, ends: pd.Series, precisions: pd.Series) -> np.ndarray:
    """Whole-column form of interval_problem: True where the interval fits its precision."""
    span = ((ends - starts).dt.days + 1).to_numpy()
    first_of_month = (starts.dt.day == 1).to_numpy()
    month_end = (starts + pd.offsets.MonthEnd(0)).to_numpy()
    precision = np.asarray(precisions.astype("str"), dtype=object)
    fits = span >= 1
    rules = {
        "day": span == 1,
        "range": span >= 2,
        "week": span == 7,
        "month": first_of_month & (ends.to_numpy() == month_end),
        "quarter": first_of_month & (span >= 89) & (span <= 92),
        "season": first_of_month & (span >= 89) & (span <= 92),
        "year": ((starts.dt.month == 1) & (starts.dt.day == 1) & (ends.dt.month == 12) & (ends.dt.day == 31)).to_numpy()
        & (starts.dt.year == ends.dt.year).to_numpy(),
    }
    for name, rule in rules.items():
        fits &= np.where(precision == name, rule, True)
    return fits


def interval_problem(start: pd.Timestamp, end: pd.Timestamp, precision: str) -> str | None:
    """Why [start, end] cannot be an interval of `precision`, or None when it can."""
    if end < start:
        return f"date_end {end.date()} is before date_start {start.date()}"
    span = (end - start).days + 1
    if precision == "day" and span != 1:
        return f"precision day needs one day, got {start.date()}..{end.date()}"
    if precision == "range" and span < 2:
        return "precision range needs at least two days; use day for one"
    if precision == "week" and span != 7:
        return f"precision week needs seven days, got {span}"
    if precision == "month":
        last = calendar.monthrange(start.year, start.month)[1]
        if start.day != 1 or end != start.replace(day=last):
            return f"precision month must run from the 1st to day {last} of one month"
    if precision in ("quarter", "season") and (start.day != 1 or not 89 <= span <= 92):
        return f"precision {precision} must span three whole months from a 1st"
    if precision == "year" and (start != pd.Timestamp(start.year, 1, 1) or end != pd.Timestamp(start.year, 12, 31)):
        return "precision year must run from 1 January to 31 December of one year"
    return None
