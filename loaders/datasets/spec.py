"""How a table's columns mean events: an import profile (data/profiles/*.yaml) or an analyst's mapping file.

Both are the same YAML form, read by one engine (loaders.datasets.rows):

    columns:                 # source column -> field; several columns may feed actors, countries or category
      Headline: title
      Day: date
      Notes: null            # ignored on purpose
    values:                  # per field: raw value -> canonical value, or the name of a table in data/codes/
      category: {Talks: meeting}
    date_format: "%d/%m/%Y"  # or excel, epoch; omitted: read each cell's own form
    country_codes: iso2      # iso2, iso3, fips (FIPS 10-4) or names
    source_name: My notes    # the source every row cites unless a column gives one

Profiles add: `detect` (header columns, or a column count and file-name pattern for headerless
files), `header: false` with `column_names`, `delimiter`, `templates` (title, summary, event_id
from columns), `precision` (a column of the data set's precision codes), `second_event` (a
further dated event from the same row) and `records_key` (where a JSON object keeps its rows).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from timeline.paths import DATA_DIR

PROFILES_DIR = DATA_DIR / "profiles"
CODES_DIR = DATA_DIR / "codes"
MULTI_COLUMN_FIELDS = ("actors", "countries", "category")
COUNTRY_CODE_SYSTEMS = ("iso2", "iso3", "fips", "names")
SPEC_KEYS = {
    "name", "label", "detect", "delimiter", "header", "column_names", "columns", "values", "date_format",
    "country_codes", "source_name", "source_lang", "templates", "precision", "second_event", "records_key",
    "column_layouts",
}  # fmt: skip


class SpecError(ValueError):
    """A profile or mapping file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class TableSpec:
    name: str = "mapping"
    label: str = ""
    detect: Mapping = field(default_factory=dict)
    delimiter: str = ","
    header: bool = True
    column_names: tuple[str, ...] = ()
    column_layouts: tuple[tuple[str, ...], ...] = ()  # headerless files in several versions, told apart by width
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # column -> fields (empty: ignore)
    values: Mapping[str, object] = field(default_factory=dict)  # field -> {raw: canonical} or a code table name
    date_format: str | None = None
    country_codes: str = "names"
    source_name: str | None = None
    source_lang: str | None = None
    templates: Mapping[str, str] = field(default_factory=dict)
    precision: Mapping = field(default_factory=dict)  # {column: ..., codes: {raw: day|week|month|year|undated}}
    second_event: Mapping = field(default_factory=dict)
    records_key: str | None = None

    def names_for_width(self, width: int) -> tuple[str, ...]:
        """The column names of a headerless file whose lines have `width` cells (empty when none fits)."""
        for layout in (self.column_names, *self.column_layouts):
            if len(layout) == width:
                return layout
        return ()

    def fields_of(self, column: str) -> tuple[str, ...] | None:
        """The fields a column feeds; () when ignored on purpose; None when the spec does not name it."""
        return self.columns.get(column)


def spec_from_mapping(data: Mapping, origin: str) -> TableSpec:
    """A spec from parsed YAML; unknown keys and values are errors naming `origin`."""
    from loaders.csv_events import FIELD_NAMES  # the fields a column may feed

    if not isinstance(data, Mapping):
        raise SpecError(f"{origin}: must hold a mapping of keys such as columns, values, date_format")
    unknown = sorted(set(data) - SPEC_KEYS)
    if unknown:
        raise SpecError(f"{origin}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(SPEC_KEYS))}")
    columns: dict[str, tuple[str, ...]] = {}
    for column, target in (data.get("columns") or {}).items():
        targets = () if target is None else (target,) if isinstance(target, str) else tuple(target)
        for name in targets:
            if name not in FIELD_NAMES:
                raise SpecError(f"{origin}: columns: {column!r} goes to unknown field {name!r}")
        columns[str(column)] = targets
    taken = [name for targets in columns.values() for name in targets]
    doubled = sorted({name for name in taken if taken.count(name) > 1 and name not in MULTI_COLUMN_FIELDS})
    if doubled:
        raise SpecError(f"{origin}: columns: several columns give {', '.join(doubled)}")
    country_codes = data.get("country_codes", "names")
    if country_codes not in COUNTRY_CODE_SYSTEMS:
        raise SpecError(f"{origin}: country_codes must be one of {', '.join(COUNTRY_CODE_SYSTEMS)}")
    values = dict(data.get("values") or {})
    for name, table in values.items():
        if isinstance(table, str):
            code_table(table)  # fails early, naming the table
        elif not isinstance(table, Mapping):
            raise SpecError(f"{origin}: values: {name} must map raw values to canonical ones, or name a code table")
    return TableSpec(
        name=str(data.get("name", "mapping")),
        label=str(data.get("label", "")),
        detect=data.get("detect") or {},
        delimiter=str(data.get("delimiter", ",")).replace("\\t", "\t"),
        header=bool(data.get("header", True)),
        column_names=tuple(data.get("column_names") or ()),
        column_layouts=tuple(tuple(layout) for layout in data.get("column_layouts") or ()),
        columns=columns,
        values={
            name: ({str(key): str(value) for key, value in table.items()} if isinstance(table, Mapping) else table)
            for name, table in values.items()
        },
        date_format=data.get("date_format"),
        country_codes=country_codes,
        source_name=data.get("source_name"),
        source_lang=data.get("source_lang"),
        templates=dict(data.get("templates") or {}),
        precision=dict(data.get("precision") or {}),
        second_event=dict(data.get("second_event") or {}),
        records_key=data.get("records_key"),
    )


def read_spec_file(path: str | Path) -> TableSpec:
    """A mapping file (YAML) as a spec; errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SpecError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    return spec_from_text(text, str(path))


def spec_from_text(text: str, origin: str) -> TableSpec:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SpecError(f"{origin}: not valid YAML ({str(error).splitlines()[0]})") from None
    return spec_from_mapping(data or {}, origin)


def spec_to_yaml(spec: TableSpec) -> str:
    """A spec as a mapping file an analyst can keep and upload again."""
    data: dict = {
        "columns": {
            column: (list(targets) if len(targets) > 1 else targets[0] if targets else None)
            for column, targets in spec.columns.items()
        }
    }
    for key in ("values", "templates", "precision", "second_event"):
        if getattr(spec, key):
            data[key] = dict(getattr(spec, key))
    for key in ("date_format", "source_name", "source_lang", "records_key"):
        if getattr(spec, key):
            data[key] = getattr(spec, key)
    if spec.country_codes != "names":
        data["country_codes"] = spec.country_codes
    if spec.delimiter != ",":
        data["delimiter"] = spec.delimiter
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@cache
def profiles() -> dict[str, TableSpec]:
    """Every bundled import profile by name."""
    found = {}
    for path in sorted(PROFILES_DIR.glob("*.yaml")):
        spec = read_spec_file(path)
        found[spec.name] = spec
    return found


def profile(name: str) -> TableSpec:
    known = profiles()
    if name not in known:
        raise SpecError(f"unknown profile {name!r}; profiles: {', '.join(sorted(known))}")
    return known[name]


def detect_profile(header: list[str], file_name: str, delimiter_counts: Mapping[str, int]) -> TableSpec | None:
    """The one profile whose header columns (or, headerless, column count and file name) match, else None.

    `delimiter_counts` gives how many cells the first line has when split by each delimiter.
    """
    names = {cell.strip() for cell in header}
    matches = []
    for spec in profiles().values():
        detect = spec.detect
        if spec.header and detect.get("all_of") and set(detect["all_of"]) <= names:
            matches.append(spec)
        elif not spec.header and spec.names_for_width(delimiter_counts.get(spec.delimiter, 0)):
            pattern = detect.get("file_pattern")
            if pattern is None or fnmatch.fnmatch(file_name.lower(), pattern.lower()) or _looks_numeric(header):
                matches.append(spec)
    return matches[0] if len(matches) == 1 else None


def _looks_numeric(header: list[str]) -> bool:
    """A headerless event table starts with a numeric id and an 8-digit day, not with column names."""
    return len(header) > 1 and header[0].strip().isdigit() and len(header[1].strip()) == 8 and header[1].isdigit()


@dataclass(frozen=True)
class CodeTable:
    name: str
    match: str  # exact or prefix (the longest listed prefix of a code wins: CAMEO 1823 -> 18)
    codes: Mapping[str, str]

    def lookup(self, raw: str) -> str | None:
        if raw in self.codes:
            return self.codes[raw]
        if self.match == "prefix":
            for length in range(len(raw) - 1, 0, -1):
                if raw[:length] in self.codes:
                    return self.codes[raw[:length]]
        return None


@cache
def code_table(name: str) -> CodeTable:
    """A table of codes from data/codes/<name>.yaml: {match: exact|prefix, codes: {code: value}}."""
    path = CODES_DIR / f"{name}.yaml"
    if not path.exists():
        known = ", ".join(sorted(item.stem for item in CODES_DIR.glob("*.yaml")))
        raise SpecError(f"unknown code table {name!r}; tables: {known}")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return CodeTable(name, data.get("match", "exact"), {str(key): str(value) for key, value in data["codes"].items()})
