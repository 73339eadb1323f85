"""CSV export of the event frame: UTF-8 with BOM for Excel, formulas neutralized, provenance in `#` lines."""

from __future__ import annotations

import io

import pandas as pd

from timeline.schema import COLUMNS, FIELDS_BY_NAME, LIST_SEPARATOR

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
COMMENT_PREFIX = "#"


def neutralize(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def flat_frame(events: pd.DataFrame) -> pd.DataFrame:
    """The event frame as plain text cells: lists joined by '; ', dates as ISO days."""
    flat = pd.DataFrame(index=events.index)
    for name in COLUMNS:
        kind = FIELDS_BY_NAME[name].kind
        column = events[name]
        if kind == "names":
            flat[name] = column.map(lambda names: f"{LIST_SEPARATOR} ".join(names))
        elif kind == "date":
            flat[name] = column.dt.strftime("%Y-%m-%d").fillna("")
        elif kind == "number":
            flat[name] = column.map(lambda number: f"{number:g}")
        else:
            flat[name] = column.astype("str").where(column.notna(), "")
    return flat


def events_csv(events: pd.DataFrame, comments: list[str] | tuple[str, ...] = ()) -> bytes:
    """The events as CSV bytes; each comment becomes a leading '# ' line before the header.

    A `tags` column, when the caller added one (timeline.tags.tag_column), follows the schema's columns.
    """
    flat = flat_frame(events)
    if "tags" in events.columns:
        flat["tags"] = events["tags"].astype("str").where(events["tags"].notna(), "")
    for name in flat.columns:
        flat[name] = flat[name].map(neutralize)
    buffer = io.StringIO()
    for comment in comments:
        buffer.write(f"{COMMENT_PREFIX} {' '.join(comment.splitlines())}\n")
    flat.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8-sig")
