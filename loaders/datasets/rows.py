"""Raw table chunks into schema-checked events, column by column: every row is an event or a reported problem.

One engine for every profile and mapping: the spec (loaders.datasets.spec) says which column feeds
which field and how codes translate; this module applies it to a whole chunk at once, reading each
distinct date, actor list, country list and category once.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pycountry

from loaders.csv_events import COLUMN_ALIASES, CsvFormatError, RowProblem, guess_field
from loaders.datasets.reading import RawChunk
from loaders.datasets.spec import MULTI_COLUMN_FIELDS, TableSpec, code_table
from loaders.date_values import parse_date_column
from timeline import vocabulary
from timeline.actors import ActorRegistry
from timeline.countries import canonical_country
from timeline.schema import (
    COLUMNS,
    LIST_SEPARATOR,
    SchemaError,
    _intervals_fit,
    enforce_schema,
    interval_problem,
    split_names,
)

MAX_CELL_CHARS = 100_000  # longer is no event field: a pasted document, or a broken quote
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ARABIC = re.compile("[\u0600-\u06ff]")
_CHINESE = re.compile("[\u4e00-\u9fff]")


@dataclass
class Plan:
    """Which source columns feed each field, and what the file's header left unread."""

    spec: TableSpec
    sources: dict[str, list[str]]  # field -> columns, in order
    ignored: list[str] = field(default_factory=list)  # columns neither the spec nor the aliases know

    @property
    def warnings(self) -> list[str]:
        if not self.ignored:
            return []
        return [f"ignored unknown column(s) {', '.join(map(repr, self.ignored))}"]


def plan_columns(header: list[str], spec: TableSpec, name: str, use_aliases: bool) -> Plan:
    """The plan for a header; an impossible one (no title, no date, a field given twice) is a CsvFormatError."""
    sources: dict[str, list[str]] = {}
    ignored = []
    for column in header:
        targets = spec.fields_of(column)
        if targets is None and use_aliases:
            guessed = guess_field(column)
            targets = (guessed,) if guessed else None
        if targets is None:
            if use_aliases:
                ignored.append(column)
            continue
        for target in targets:
            sources.setdefault(target, []).append(column)
    spec_order = {column: position for position, column in enumerate(spec.columns)}
    for columns in sources.values():  # the spec's order decides which column of several speaks first
        columns.sort(key=lambda column: spec_order.get(column, len(spec_order)))
    doubled = sorted(
        target for target, columns in sources.items() if len(columns) > 1 and target not in MULTI_COLUMN_FIELDS
    )
    if doubled:
        raise CsvFormatError(f"{name}: several columns give {', '.join(doubled)}")
    unread = (
        f"; columns not understood: {', '.join(map(repr, ignored))} (map them in a mapping file)" if ignored else ""
    )
    if "title" not in sources and "title" not in spec.templates:
        raise CsvFormatError(f"{name}: no title column (looked for {_spellings('title')}){unread}")
    if "date" not in sources and "date_start" not in sources:
        raise CsvFormatError(f"{name}: no date column (looked for date, or start and end){unread}")
    return Plan(spec, sources, ignored)


def _spellings(target: str) -> str:
    return ", ".join(alias for alias, name in COLUMN_ALIASES.items() if name == target and " " not in alias)


@dataclass
class ChunkEvents:
    events: pd.DataFrame  # schema-checked
    lines: np.ndarray  # the line each event came from
    problems: list[RowProblem]
    rows_in: int
    rows_accepted: int


class _Rows:
    """The chunk being converted and the first reason each row fails, if any."""

    def __init__(self, chunk: RawChunk, plan: Plan, name: str):
        self.frame, self.plan, self.name = chunk.frame, plan, name
        self.count = len(chunk.frame)
        self.reasons = np.full(self.count, None, dtype=object)

    def fail(self, mask: np.ndarray, reason) -> None:
        mask = np.asarray(mask, dtype=bool) & pd.isna(self.reasons)
        if mask.any():
            self.reasons[mask] = reason[mask] if isinstance(reason, np.ndarray) else reason

    def fail_each(self, mask: np.ndarray, values, reason_of) -> None:
        """As fail, the reason worded from each failing row's value (only those rows are worded)."""
        for position in np.flatnonzero(np.asarray(mask, dtype=bool) & pd.isna(self.reasons)):
            self.reasons[position] = reason_of(values[position])

    def column(self, column: str) -> pd.Series:
        text = self.frame[column].fillna("").astype("str").str.strip()
        formula = text.str.startswith("'") & text.str.slice(1, 2).isin(_FORMULA_STARTS)
        # Our own CSV export prefixes an apostrophe to formula-like cells; take it off on the way back.
        return text.where(~formula, text.str.slice(1)) if formula.any() else text

    def text(self, target: str) -> pd.Series:
        """The field's text ('' when absent); several columns join with '; ' (actors, countries)."""
        columns = self.plan.sources.get(target, [])
        if not columns:
            return pd.Series([""] * self.count, dtype="str")
        if target == "category":
            return self._first_mapped(columns)
        parts = [self.mapped(self.column(column), target) for column in columns]
        if len(parts) == 1:
            return parts[0]
        joined = parts[0]
        for part in parts[1:]:
            joined = joined.where(part.eq(""), joined.where(joined.eq(""), joined + "; ") + part)
        return joined

    def mapped(self, text: pd.Series, target: str, only_known: bool = False) -> pd.Series:
        """Values translated by the spec's value map or code table; unlisted ones unchanged (or '' if only_known)."""
        table = self.plan.spec.values.get(target)
        if table is None:
            return text.where(text.eq(""), "") if only_known else text
        lookup = code_table(table).lookup if isinstance(table, str) else table.get
        codes, uniques = pd.factorize(text)
        translated = [lookup(value) for value in uniques]
        values = np.array(
            [t if t is not None else ("" if only_known else u) for t, u in zip(translated, uniques, strict=True)]
            + [""],
            dtype=object,
        )
        return pd.Series(values[codes], dtype="str")

    def _first_mapped(self, columns: list[str]) -> pd.Series:
        """Category from the first column whose value the spec translates, else the first non-empty value as given."""
        result = pd.Series([""] * self.count, dtype="str")
        for column in columns:
            translated = self.mapped(self.column(column), "category", only_known=len(columns) > 1)
            result = result.where(result.ne(""), translated)
        if len(columns) > 1:
            for column in columns:
                result = result.where(result.ne(""), self.column(column))
        return result


def chunk_events(chunk: RawChunk, plan: Plan, name: str, registry: ActorRegistry, default_source: str) -> ChunkEvents:
    """Events from one chunk; each row that fails is a problem naming its line and the first reason."""
    rows = _Rows(chunk, plan, name)
    lines = chunk.lines
    for columns in plan.sources.values():
        for column in columns:
            _check_cells(rows, column)
    spec = plan.spec

    published_text = rows.text("published")
    published = parse_date_column(published_text, date_format=None)
    has_published = published_text.ne("").to_numpy()
    rows.fail(has_published & pd.notna(published.problem), _prefixed("published date ", published.problem))
    bases = pd.Series(np.where(has_published & pd.isna(published.problem), _dates(published.start), None), dtype=object)

    start, end, precision, date_text = _intervals(rows, bases)
    title = _title(rows)
    rows.fail(title.eq("").to_numpy(), "field 'title': is required but empty")
    category = _category(rows)
    actors = _names(rows.text("actors"), lambda name: registry.resolve(name) or name)
    countries = _countries(rows)

    source_name = rows.text("source_name")
    source_name = source_name.where(source_name.ne(""), spec.source_name or default_source)
    source_url = rows.text("source_url")
    quote = rows.text("quote")
    source_lang = _languages(rows, title, quote)
    status = _vocabulary_column(rows, rows.text("status"), vocabulary.review_statuses(), "status", default="accepted")
    confidence = _confidence(rows)
    event_id = _event_ids(rows, title, date_text, source_url)
    source_ids = _source_ids(rows, source_name)

    frame = pd.DataFrame(
        {
            "event_id": event_id,
            "title": title,
            "summary": _template_or(rows, "summary"),
            "date_start": start,
            "date_end": end,
            "date_precision": precision,
            "date_text": date_text,
            "category": category,
            "actors": actors,
            "countries": countries,
            "location": rows.text("location"),
            "source_name": source_name,
            "source_url": source_url,
            "source_lang": source_lang,
            "published": np.where(has_published, published.start, np.datetime64("NaT")).astype("datetime64[us]"),
            "quote": quote,
            "source_ids": source_ids,
            "status": status,
            "confidence": confidence,
        }
    )
    frame, event_lines = _with_second_events(rows, frame, lines)
    duplicated = frame["event_id"].duplicated().to_numpy()
    if duplicated.any():  # the second of two rows with one id, in this chunk
        first_rows = np.arange(len(frame)) < rows.count
        rows.fail(
            duplicated[: rows.count] & first_rows[: rows.count],
            _prefixed("duplicate event ", _quoted(frame["event_id"].to_numpy()[: rows.count])),
        )
    good_rows = pd.isna(rows.reasons)
    keep = (
        np.concatenate([good_rows, good_rows[_second_event_origin(frame, rows.count)]])
        if len(frame) > rows.count
        else good_rows
    )
    problems = list(chunk.problems)
    problems += [
        RowProblem(name, int(line), str(reason))
        for line, reason in zip(lines, rows.reasons, strict=True)
        if reason is not None
    ]
    checked, checked_lines, late = _checked(frame[keep].reset_index(drop=True), event_lines[keep], name)
    problems += late
    problems.sort(key=lambda problem: problem.line)
    return ChunkEvents(checked, checked_lines, problems, chunk.rows_in, int(good_rows.sum()) - len(late))


def _check_cells(rows: _Rows, column: str) -> None:
    text = rows.frame[column].fillna("").astype("str")
    lengths = text.str.len().to_numpy()
    long = lengths > MAX_CELL_CHARS
    rows.fail_each(
        long,
        lengths,
        lambda length: f"column {column!r} holds {length:,} characters; a cell holds at most {MAX_CELL_CHARS:,}",
    )
    rows.fail(text.str.contains("\x00", regex=False).to_numpy(), f"column {column!r} holds a NUL character")
    rows.fail(text.str.contains("\ufffd", regex=False).to_numpy(), f"column {column!r} is not UTF-8 text")


def _prefixed(prefix: str, reasons: np.ndarray) -> np.ndarray:
    return np.array([None if reason is None else prefix + str(reason) for reason in reasons], dtype=object)


def _quoted(values: np.ndarray) -> np.ndarray:
    return np.array([repr(str(value)) for value in values], dtype=object)


def _dates(days: np.ndarray) -> np.ndarray:
    return np.array([None if pd.isna(day) else pd.Timestamp(day).date() for day in days], dtype=object)


def _intervals(rows: _Rows, bases: pd.Series):
    spec = rows.plan.spec
    date_cells = rows.text("date")
    start_cells, end_cells = rows.text("date_start"), rows.text("date_end")
    single = date_cells.ne("").to_numpy()
    from_span = ~single & start_cells.ne("").to_numpy()
    rows.fail(~single & ~from_span, "has no date")
    start = np.full(rows.count, np.datetime64("NaT"), dtype="datetime64[us]")
    end, precision = start.copy(), np.full(rows.count, None, dtype=object)
    if single.any():
        parsed = parse_date_column(date_cells, bases, spec.date_format)
        rows.fail(single & pd.notna(parsed.problem), parsed.problem)
        start, end, precision = (
            np.where(single, new, old)
            for new, old in ((parsed.start, start), (parsed.end, end), (parsed.precision, precision))
        )
    if from_span.any():
        first = parse_date_column(start_cells, bases, spec.date_format)
        given_end = end_cells.where(end_cells.ne(""), start_cells)
        last = parse_date_column(given_end, bases, spec.date_format)
        rows.fail(from_span & pd.notna(first.problem), first.problem)
        rows.fail(from_span & pd.notna(last.problem), last.problem)
        same_cell = given_end.eq(start_cells).to_numpy()
        span_precision = np.where(
            first.start == last.end,
            "day",
            np.where((first.precision == "day") & (last.precision == "day"), "range", "undated"),
        )
        span_precision = np.where(same_cell, first.precision, span_precision)
        backwards = from_span & (last.end < first.start)
        rows.fail_each(
            backwards,
            list(zip(first.start, last.end, strict=True)),
            lambda pair: f"end {pd.Timestamp(pair[1]).date()} is before start {pd.Timestamp(pair[0]).date()}",
        )
        start = np.where(from_span, first.start, start)
        end = np.where(from_span, last.end, end)
        precision = np.where(from_span, span_precision, precision)
    start, end, precision = _apply_precision_codes(rows, start, end, precision, single)
    given = rows.text("date_precision")
    if given.ne("").any():
        canonical = _vocabulary_column(rows, given, vocabulary.precisions(), "date_precision", default="")
        explicit = canonical.ne("").to_numpy()
        precision = np.where(explicit, canonical.to_numpy(dtype=object), precision)
    readable = pd.isna(rows.reasons)
    fits = np.ones(rows.count, dtype=bool)
    if readable.any():
        fits[readable] = _intervals_fit(
            pd.Series(start[readable]), pd.Series(end[readable]), pd.Series(precision[readable], dtype="str")
        )
    for position in np.flatnonzero(readable & ~fits):
        problem = interval_problem(pd.Timestamp(start[position]), pd.Timestamp(end[position]), precision[position])
        rows.reasons[position] = f"field 'date_precision': {problem}"
    written = rows.text("date_text")
    span_words = start_cells + " – " + end_cells.where(end_cells.ne(""), start_cells)
    date_text = written.where(written.ne(""), date_cells.where(date_cells.ne(""), span_words))
    return start.astype("datetime64[us]"), end.astype("datetime64[us]"), precision, date_text


def _apply_precision_codes(rows: _Rows, start, end, precision, single):
    """A data set's precision codes (ACLED time_precision, UCDP date_prec) made into honest intervals."""
    rule = rows.plan.spec.precision
    if not rule or rule.get("column") not in rows.frame.columns:
        return start, end, precision
    codes = rows.column(rule["column"]).to_numpy(dtype=object)
    targets = np.array([rule["codes"].get(code, "") for code in codes], dtype=object)
    starts, ends = pd.DatetimeIndex(start), pd.DatetimeIndex(end)
    for target in ("week", "month", "year"):
        mask = (targets == target) & pd.isna(rows.reasons)
        if not mask.any():
            continue
        widen = mask & single
        if target == "week":  # the date lies within a week or so: the seven days around it
            new_start, new_end = starts - pd.Timedelta(days=3), starts + pd.Timedelta(days=3)
        elif target == "month":
            new_start, new_end = starts.to_period("M").start_time, starts.to_period("M").end_time.normalize()
        else:
            new_start, new_end = starts.to_period("Y").start_time, starts.to_period("Y").end_time.normalize()
        start = np.where(widen, new_start.to_numpy(), start)
        end = np.where(widen, new_end.to_numpy(), end)
        precision = np.where(widen, target, precision)
        # A span given by start and end columns keeps its own bounds: the precision only if they fit it.
        spanned = mask & ~single
        if spanned.any():
            fits = _intervals_fit(pd.Series(starts), pd.Series(ends), pd.Series([target] * rows.count, dtype="str"))
            precision = np.where(spanned, np.where(fits, target, "undated"), precision)
    undated = (targets == "undated") & pd.isna(rows.reasons)
    precision = np.where(undated & (start != end), "undated", precision)
    return start, end, precision


def _title(rows: _Rows) -> pd.Series:
    return _template_or(rows, "title")


def _template_or(rows: _Rows, target: str) -> pd.Series:
    """The field's column, else its template filled from the row's columns ('{actor1} and {actor2}')."""
    given = rows.text(target)
    template = rows.plan.spec.templates.get(target)
    if not template:
        return given
    filled = _fill(rows, template)
    return given.where(given.ne(""), filled)


def _fill(rows: _Rows, template: str) -> pd.Series:
    """A template filled column-wise; a [bracketed part] is left out of rows where any column in it is empty."""
    result = pd.Series([""] * rows.count, dtype="str")
    for optional, piece in _template_parts(template):
        filled = pd.Series([""] * rows.count, dtype="str")
        complete = np.ones(rows.count, dtype=bool)
        for literal, column, _, _ in string.Formatter().parse(piece):
            filled = filled + literal
            if column is not None:
                value = _template_value(rows, column)
                complete &= value.ne("").to_numpy()
                filled = filled + value
        result = result + (filled.where(complete, "") if optional else filled)
    return result.str.replace(r"\s{2,}", " ", regex=True).str.strip()


def _template_parts(template: str) -> list[tuple[bool, str]]:
    """'{a}[ – {b}]' -> [(False, '{a}'), (True, ' – {b}')]."""
    parts = []
    for position, piece in enumerate(re.split(r"\[([^\]]*)\]", template)):
        if piece:
            parts.append((position % 2 == 1, piece))
    return parts


def _template_value(rows: _Rows, column: str) -> pd.Series:
    if column == "category":
        return _category(rows).str.replace("_", " ")
    if column in rows.frame.columns:
        return rows.column(column)
    return pd.Series([""] * rows.count, dtype="str")


def _category(rows: _Rows) -> pd.Series:
    return _vocabulary_column(rows, rows.text("category"), vocabulary.categories(), "category", default=None)


def _vocabulary_column(rows: _Rows, text: pd.Series, vocab, field_name: str, default: str | None) -> pd.Series:
    """Canonical vocabulary values, each distinct one checked once; unknown and missing ones fail their rows."""
    codes, uniques = pd.factorize(text)
    canonical, problems = [], []
    for value in uniques:
        if value == "":
            canonical.append(default or "")
            problems.append(None if default is not None else f"field {field_name!r}: is required but empty")
            continue
        try:
            canonical.append(vocab.canonical(value))
            problems.append(None)
        except ValueError as error:
            canonical.append("")
            problems.append(f"field {field_name!r}: {error}")
    problem_of = np.array(problems + [None], dtype=object)[codes]
    rows.fail(pd.notna(problem_of), problem_of)
    return pd.Series(np.array(canonical + [""], dtype=object)[codes], dtype="str")


def _names(text: pd.Series, resolve) -> pd.Series:
    """'a; b' cells as tuples of resolved names, each distinct cell and each distinct name resolved once."""
    codes, uniques = pd.factorize(text)
    resolved: dict[str, str] = {}
    lookup = np.empty(len(uniques) + 1, dtype=object)
    tuples = []
    for value in uniques.tolist():
        names = []
        for part in value.split(LIST_SEPARATOR):
            name = part.strip()
            if name:
                found = resolved.get(name)
                if found is None:
                    found = resolved[name] = resolve(name)
                names.append(found)
        tuples.append(tuple(dict.fromkeys(names)))
    lookup[:] = [*tuples, ()]
    return pd.Series(lookup[codes], dtype=object)


def _countries(rows: _Rows) -> pd.Series:
    system = rows.plan.spec.country_codes
    text = rows.text("countries")
    codes, uniques = pd.factorize(text)
    lookup = np.empty(len(uniques) + 1, dtype=object)
    problems = np.full(len(uniques) + 1, None, dtype=object)
    fips = code_table("fips_iso") if system == "fips" else None
    for position, value in enumerate(uniques):
        found = []
        try:
            for name in split_names(value):
                if name.isdigit():  # ISO 3166 numeric, as ACLED's iso column gives it
                    found_country = pycountry.countries.get(numeric=name.zfill(3))
                    if found_country is None:
                        raise ValueError(f"unknown ISO 3166 numeric country code {name!r}")
                    name = found_country.alpha_2
                elif fips is not None:
                    iso = fips.lookup(name.upper())
                    if iso is None:
                        raise ValueError(f"unknown FIPS 10-4 country code {name!r}")
                    name = iso
                found.append(_country(name))
        except ValueError as error:
            problems[position] = f"field 'countries': {error}"
        lookup[position] = tuple(dict.fromkeys(found))
    lookup[-1] = ()
    rows.fail(pd.notna(problems[codes]), problems[codes])
    return pd.Series(lookup[codes], dtype=object)


def _country(name: str) -> str:
    """A country code or name; 'Myanmar (Burma)' is read as 'Myanmar' when the whole is unknown."""
    try:
        return canonical_country(name)
    except ValueError:
        if " (" not in name:
            raise
        try:
            return canonical_country(name.split(" (", 1)[0])
        except ValueError:
            raise ValueError(f"unknown country {name!r}; use an ISO 3166 code such as CN or US") from None


def _languages(rows: _Rows, title: pd.Series, quote: pd.Series) -> pd.Series:
    given = rows.text("source_lang").str.lower()
    bad = given.ne("") & ~given.str.fullmatch(r"[a-z]{2}")
    rows.fail_each(
        bad.to_numpy(),
        given.to_numpy(dtype=object),
        lambda value: f"field 'source_lang': {value!r} is not an ISO 639-1 code such as ar, en or zh",
    )
    if rows.plan.spec.source_lang:
        return given.where(given.ne(""), rows.plan.spec.source_lang)
    words = quote.where(quote.ne(""), title)
    # By script, as guess_language does: Arabic, else Chinese, else English.
    guessed = np.where(
        words.str.contains(_ARABIC.pattern).to_numpy(dtype=bool),
        "ar",
        np.where(words.str.contains(_CHINESE.pattern).to_numpy(dtype=bool), "zh", "en"),
    )
    return given.where(given.ne(""), pd.Series(guessed, dtype="str"))


def _confidence(rows: _Rows) -> np.ndarray:
    given = rows.text("confidence")
    numbers = pd.to_numeric(given.where(given.ne(""), "1"), errors="coerce").to_numpy(dtype=float)
    bad = np.isnan(numbers) | (numbers < 0) | (numbers > 1)
    rows.fail_each(
        bad, given.to_numpy(dtype=object), lambda value: f"field 'confidence': {value!r} is not a number from 0 to 1"
    )
    return np.where(bad, 1.0, numbers)


def _event_ids(rows: _Rows, title: pd.Series, date_text: pd.Series, source_url: pd.Series) -> pd.Series:
    given = rows.text("event_id")
    template = rows.plan.spec.templates.get("event_id")
    if template:
        given = given.where(given.ne(""), _fill(rows, template))
    missing = given.eq("").to_numpy()
    if not missing.any():
        return given
    keys = (title + "\x1f" + date_text + "\x1f" + source_url).to_numpy(dtype=object)
    hashed = np.array(
        [
            f"csv-{hashlib.sha1(key.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}" if m else ""
            for key, m in zip(keys, missing, strict=True)
        ],
        dtype=object,
    )
    return given.where(~missing, pd.Series(hashed, dtype="str"))


def _source_ids(rows: _Rows, source_name: pd.Series) -> pd.Series:
    given = rows.text("source_ids")
    ids = given.where(given.ne(""), source_name)
    return _names(ids, lambda name: name)


def _with_second_events(rows: _Rows, frame: pd.DataFrame, lines: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """A row that dates two happenings (a rule published, then in force) gives a second event."""
    rule = rows.plan.spec.second_event
    if not rule or rule.get("date_column") not in rows.frame.columns:
        return frame, lines
    cells = rows.column(rule["date_column"])
    parsed = parse_date_column(cells)
    present = cells.ne("").to_numpy() & pd.isna(rows.reasons)
    rows.fail(present & pd.notna(parsed.problem), _prefixed(f"{rule['date_column']} ", parsed.problem))
    present &= pd.isna(parsed.problem)
    if not present.any():
        return frame, lines
    extra = frame[present].copy()
    extra["event_id"] = extra["event_id"] + rule.get("id_suffix", ":second")
    extra["title"] = rule.get("title_prefix", "") + extra["title"]
    extra["date_start"], extra["date_end"] = parsed.start[present], parsed.end[present]
    extra["date_precision"] = parsed.precision[present]
    extra["date_text"] = cells[present].to_numpy()
    extra["_origin"] = np.flatnonzero(present)
    combined = pd.concat([frame.assign(_origin=np.arange(len(frame))), extra], ignore_index=True)
    return combined, np.concatenate([lines, lines[present]])


def _second_event_origin(frame: pd.DataFrame, count: int) -> np.ndarray:
    return frame["_origin"].to_numpy()[count:].astype(np.int64)


def _checked(frame: pd.DataFrame, lines: np.ndarray, name: str) -> tuple[pd.DataFrame, np.ndarray, list[RowProblem]]:
    """The schema's check of the whole frame at once; should it still find a bad row, halves find each one."""
    frame = frame[list(COLUMNS)]
    try:
        return enforce_schema(frame, origin=name, row_labels=lines.tolist()), lines, []
    except SchemaError as error:
        if len(frame) == 1:
            return (
                enforce_schema(frame.iloc[:0], origin=name),
                lines[:0],
                [RowProblem(name, int(lines[0]), f"field {error.field!r}: {error.message}")],
            )
    middle = len(frame) // 2
    first = _checked(frame.iloc[:middle].reset_index(drop=True), lines[:middle], name)
    second = _checked(frame.iloc[middle:].reset_index(drop=True), lines[middle:], name)
    events = pd.concat([first[0], second[0]], ignore_index=True) if len(second[0]) else first[0]
    if len(first[0]) and len(second[0]):
        events = enforce_schema(events, origin=name)  # categories of both halves in one frame
    return events, np.concatenate([first[1], second[1]]), first[2] + second[2]
