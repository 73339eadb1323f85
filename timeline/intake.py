"""Files into the store: articles become candidates for review, CSV and JSON rows become events.

Used by `python -m timeline import`; every unreadable file or row is reported, never dropped.
Tables are streamed chunk by chunk and written in bulk, so memory stays flat at any size; the
counts are of rows: rows in = accepted + rejected (+ article candidates for review).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from loaders import csv_events, json_events
from loaders.article_stages import stage_pairs
from loaders.article_text import ArticleError
from loaders.articles import extract_events, read_article
from loaders.csv_events import RowProblem
from loaders.datasets import TableSpec, load_all, open_table, spec_to_yaml
from timeline.actors import ActorRegistry, default_registry
from timeline.database import add_events, stored_ids
from timeline.database.actor_registry import store_registry
from timeline.database.importing import Origins, run_stamp, write_events
from timeline.database.thread_suggestions import import_thread_index, suggest_stage_pairs

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def already_stored(candidate_ids: pd.Series, stored: pd.Series) -> pd.Series:
    """Which of an article's candidate ids the `stored` id column holds, aligned with `candidate_ids`.

    The stored column is searched for the few candidates: `candidate_ids.isin(stored)` would hash
    every stored id, seconds at a million events, on every rerun of the page.
    """
    present = set(stored[stored.isin(candidate_ids.tolist())].tolist())
    return pd.Series([event_id in present for event_id in candidate_ids], index=candidate_ids.index, dtype=bool)


TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".json")


@dataclass
class IntakeResult:
    accepted: int = 0  # rows that are events in the store after the import
    rejected: list[RowProblem] = field(default_factory=list)
    for_review: int = 0  # article candidates waiting in the review queue
    rows_in: int = 0  # table rows read (accepted + rejected ones)
    updated: int = 0  # events an earlier import of the same source wrote, changed by this one
    unchanged: int = 0  # events already stored as they are
    kept_analyst_edits: int = 0  # stored events an analyst changed since import: incoming values logged, not applied
    warnings: list[str] = field(default_factory=list)
    events_written: int = 0  # events added or updated (a row may date two)
    # Actors the rows name that the registry does not know: name -> events naming it. Proposed in Review.
    unknown_actors: dict[str, int] = field(default_factory=dict)
    thread_suggestions: int = 0  # threads proposed for new events, waiting in Review

    def summary(self) -> str:
        # Scripts read this line exactly; unknown actors are reported on their own lines.
        return f"{self.accepted} accepted, {len(self.rejected)} rejected, {self.for_review} for review"

    def unknown_actor_lines(self) -> list[str]:
        """One line per unregistered actor, busiest first, for the command line's error stream or a page."""
        ranked = sorted(self.unknown_actors.items(), key=lambda item: (-item[1], item[0]))
        return [
            f"actor {name!r} is not in the registry ({events} event{'s' if events != 1 else ''}); proposed in Review"
            for name, events in ranked
        ]

    def count_unknown_actors(self, events: pd.DataFrame, registry: ActorRegistry) -> None:
        """Add the actors `events` name that `registry` does not resolve: asked once per distinct name."""
        if events.empty:
            return
        names = set(chain.from_iterable(events["actors"]))
        unknown = {name for name in names if registry.resolve(name) is None}
        if not unknown:
            return
        for actors in events["actors"]:
            for name in unknown.intersection(actors):
                self.unknown_actors[name] = self.unknown_actors.get(name, 0) + 1

    def details(self) -> str | None:
        """What the accepted rows did to the store, when some were already there."""
        notes = []
        if self.updated or self.unchanged or self.kept_analyst_edits:
            notes.append(self._stored_note())
        if self.thread_suggestions:
            notes.append(f"{self.thread_suggestions} policy thread links suggested for Review")
        return "; ".join(notes) or None

    def _stored_note(self) -> str:
        note = f"{self.updated} events already stored were updated; {self.unchanged} were stored already as they are"
        if self.kept_analyst_edits:
            note += (
                f"; {self.kept_analyst_edits} kept analyst edits (changed by an analyst since import: "
                "the incoming values are in each event's history, not applied)"
            )
        return note


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
            problems.append(
                RowProblem(str(path), 1, "not an article (.txt, .html) nor an events file (.csv, .tsv, .tab, .json)")
            )
    return found, problems


def import_paths(
    engine: Engine,
    paths: Iterable[Path],
    who: str,
    published: dt.date | None = None,
    lang: str = "auto",
    progress=None,
    profile: str | None = None,
    mapping: TableSpec | None = None,
    row_progress=None,
) -> IntakeResult:
    """Import every file; `progress(done, total, path)` is called after each one, `row_progress(rows, path)` after each chunk."""
    files, problems = files_to_import(paths)
    result = IntakeResult(rejected=problems)
    known = None
    stamp = run_stamp()
    for done, path in enumerate(files, start=1):
        if path.suffix.lower() in ARTICLE_SUFFIXES:
            known = stored_ids(engine) if known is None else known
            _import_article(engine, path, who, published, lang, known, result)
        else:
            _import_table(engine, path, who, result, stamp, profile, mapping, row_progress)
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
    # A set lookup per row: isin() would copy the whole set of stored ids for every article.
    fresh = candidates[[event_id not in known for event_id in candidates["event_id"]]]
    if len(fresh):
        add_events(engine, fresh, who)
        suggest_stage_pairs(engine, stage_pairs(fresh))
        known.update(fresh["event_id"])
    result.for_review += len(fresh)


def _import_table(
    engine, path: Path, who: str, result: IntakeResult, stamp, profile, mapping, row_progress=None
) -> None:
    try:
        table = open_table(path, str(path), profile, mapping)
    except csv_events.CsvFormatError as error:
        result.rejected.append(RowProblem(str(path), error.line, error.reason))
        return
    result.warnings += [f"{path}: {warning}" for warning in table.warnings]
    registry = store_registry(engine)  # with the analysts' own actors and aliases
    threads = import_thread_index(engine)

    def write(piece) -> None:
        result.rows_in += piece.rows_in
        result.rejected.extend(piece.problems)
        result.count_unknown_actors(piece.events, registry)
        written = write_events(engine, piece.events, Origins(str(path), piece.lines.tolist()), who, stamp, threads)
        refused_lines: dict[int, str] = {}
        for position, reason in written.refused:
            refused_lines.setdefault(int(piece.lines[position]), reason)
        result.rejected.extend(RowProblem(str(path), line, reason) for line, reason in refused_lines.items())
        result.accepted += piece.rows_accepted - len(refused_lines)
        result.updated += written.updated
        result.unchanged += written.unchanged
        result.kept_analyst_edits += written.kept
        result.thread_suggestions += written.suggested
        result.events_written += written.added + written.updated
        if row_progress:
            row_progress(result.rows_in, path)

    # The database writes one chunk while the next is read and checked: SQLite and PostgreSQL do
    # their work outside Python's lock, so the two overlap on a second core.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer") as writer:
        pending: Future | None = None
        try:
            for piece in table.events(registry, path.name):
                if pending is not None:
                    pending.result()
                pending = writer.submit(write, piece)
        except csv_events.CsvFormatError as error:
            result.rejected.append(RowProblem(str(path), error.line, error.reason))
        finally:
            if pending is not None:
                pending.result()


# --- Tables uploaded on the Add sources page: read once per content, written like a command-line import. ---

MAX_UPLOAD_BYTES = 50_000_000  # above this the page points to the command line, which streams any size
_UPLOADS: dict[tuple, csv_events.CsvLoad] = {}
_UPLOADS_KEPT = 4


def too_large_for_upload(name: str, size: int) -> str | None:
    """Why an upload is refused for its size (checked on the server, whatever the browser allowed), or None."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    return (
        f"{name} is {size / 1_000_000:,.0f} MB; the page reads files up to {MAX_UPLOAD_BYTES // 1_000_000} MB. "
        f"Import it on the command line, which reads any size: python -m timeline import {name}"
    )


def read_upload(
    raw: bytes, name: str, profile: str | None = None, mapping: TableSpec | None = None
) -> csv_events.CsvLoad:
    """The upload read once per (content, profile, mapping): a page rerun on every keystroke costs nothing."""
    key = (hashlib.sha256(raw).hexdigest(), name, profile, spec_to_yaml(mapping) if mapping else None)
    if key not in _UPLOADS:
        if len(_UPLOADS) >= _UPLOADS_KEPT:
            _UPLOADS.pop(next(iter(_UPLOADS)))
        table = open_table(raw, name, profile, mapping)
        _UPLOADS[key] = load_all(table, default_registry(), Path(name).name)
    return _UPLOADS[key]


def upload_columns(raw: bytes, name: str) -> tuple[list[str], str | None]:
    """The upload's columns and the profile its header matches, for the column-mapping preview."""
    try:
        table = open_table(raw, name)
    except csv_events.CsvFormatError:
        # No title or date column yet: the header alone, for the analyst to map.
        if name.lower().endswith(".json"):
            return json_events.keys_of(raw.decode("utf-8-sig", errors="replace"), name), None
        return csv_events.header_of(raw, name), None
    table.close()
    return table.header, table.profile


def import_upload(engine: Engine, loaded: csv_events.CsvLoad, name: str, who: str) -> IntakeResult:
    """Write an upload's events as the command line would: new ids added, a data set's own ids updated, collisions refused."""
    result = IntakeResult(rows_in=loaded.rows_in, rejected=list(loaded.rejected))
    origins = Origins(name, list(loaded.lines))
    written = write_events(engine, loaded.events, origins, who, run_stamp(), import_thread_index(engine))
    refused_lines = {}
    for position, reason in written.refused:
        refused_lines.setdefault(loaded.lines[position], reason)
    result.rejected += [RowProblem(name, line, reason) for line, reason in refused_lines.items()]
    result.accepted = len(set(loaded.lines)) - len(refused_lines)
    result.updated, result.unchanged = written.updated, written.unchanged
    result.kept_analyst_edits, result.thread_suggestions = written.kept, written.suggested
    result.events_written = written.added + written.updated
    result.count_unknown_actors(loaded.events, store_registry(engine))
    return result
