"""Files into the store: articles become candidates for review, CSV and JSON rows become events.

Used by `python -m timeline import`; every unreadable file or row is reported, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from loaders import csv_events, json_events
from loaders.article_text import ArticleError
from loaders.articles import extract_events, read_article
from loaders.csv_events import RowProblem
from timeline.database import add_events, import_frame, stored_ids

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".json")


@dataclass
class IntakeResult:
    accepted: int = 0  # rows that are events in the store after the import
    rejected: list[RowProblem] = field(default_factory=list)
    for_review: int = 0  # article candidates waiting in the review queue

    def summary(self) -> str:
        return f"{self.accepted} accepted, {len(self.rejected)} rejected, {self.for_review} for review"


def files_to_import(paths: Iterable[Path]) -> tuple[list[Path], list[RowProblem]]:
    """Every importable file named or inside a named folder, and a problem for each path that is not one."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    item
                    for item in path.rglob("*")
                    if item.is_file() and item.suffix.lower() in ARTICLE_SUFFIXES + TABLE_SUFFIXES
                )
            )
        elif not path.exists():
            problems.append(RowProblem(str(path), 1, "no such file or folder"))
        elif path.suffix.lower() in ARTICLE_SUFFIXES + TABLE_SUFFIXES:
            found.append(path)
        else:
            problems.append(RowProblem(str(path), 1, "not an article (.txt, .html) nor an events file (.csv, .json)"))
    return found, problems


def import_paths(
    engine: Engine, paths: Iterable[Path], who: str, published: dt.date | None = None, lang: str = "auto", progress=None
) -> IntakeResult:
    """Import every file; `progress(done, total, path)` is called after each one."""
    files, problems = files_to_import(paths)
    result = IntakeResult(rejected=problems)
    known = stored_ids(engine)
    for done, path in enumerate(files, start=1):
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            _import_article(engine, path, who, published, lang, known, result)
        else:
            _import_table(engine, path, who, result)
        if progress:
            progress(done, len(files), path)
    return result


def _import_article(engine, path: Path, who: str, published, lang: str, known: set, result: IntakeResult) -> None:
    try:
        text, page_published, page_language = read_article(path)
        candidates = extract_events(
            text,
            published or page_published,
            lang=page_language if lang == "auto" and page_language else lang,
            source_name=path.name,
        )
    except ArticleError as error:
        result.rejected.append(
            RowProblem(str(path), 1, str(error).removeprefix(f"{path}: ").removeprefix(f"{path.name}: "))
        )
        return
    fresh = candidates[~candidates["event_id"].isin(known)]
    if len(fresh):
        add_events(engine, fresh, who)
        known.update(fresh["event_id"])
    result.for_review += len(fresh)


def _import_table(engine, path: Path, who: str, result: IntakeResult) -> None:
    reader = json_events if path.suffix.lower() == ".json" else csv_events
    try:
        loaded = reader.load(path)
    except csv_events.CsvFormatError as error:
        result.rejected.append(RowProblem(str(path), error.line, error.reason))
        return
    result.rejected.extend(loaded.rejected)
    if len(loaded.events):
        import_frame(engine, loaded.events, who)
    result.accepted += len(loaded.events)
