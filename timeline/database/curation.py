"""Curating the record by hand: events entered in a form, tags, notes, source edits, the primary source, the trash.

Every write takes `who`, runs in one transaction and is audited, like timeline.database.repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from timeline.database import audit, tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import NotFoundError, StoreError
from timeline.database.event_rows import frame_records, jsonable
from timeline.database.merging import cited_to, replace_links
from timeline.database.permissions import check, guarded
from timeline.database.records import Link, load_event
from timeline.database.repository import conflict, insert_events, save_version
from timeline.database.sources import SOURCE_COLUMNS
from timeline.schema import enforce_schema

TAG_LIMIT = 60  # characters in one tag: a label, not a sentence
NOTE_LIMIT = 5000  # characters in one note
# Source fields an analyst may change; the id is how events cite it.
SOURCE_FIELDS = ("name", "title", "url", "lang", "published", "published_estimated")
# The event columns that repeat the primary source's registry entry.
PRIMARY_FIELDS = {"name": "source_name", "url": "source_url", "lang": "source_lang", "published": "published"}
TRASHED_REASONS = ("deleted", "rejected")


@dataclass(frozen=True)
class Note:
    id: int
    event_id: str
    at: dt.datetime
    who: str
    text: str


@dataclass(frozen=True)
class CitedSource:
    """One source of an event with its own words about it, as the event detail lists them."""

    source_id: str
    name: str
    title: str
    url: str
    lang: str
    published: dt.date | None
    published_estimated: bool
    quote: str | None
    date_text: str | None
    primary: bool


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: stripped, inner white space collapsed, blanks and repeats (ignoring case) dropped."""
    cleaned: dict[str, str] = {}
    for tag in tags:
        text = " ".join(str(tag).split())
        if not text:
            continue
        if len(text) > TAG_LIMIT:
            raise ValueError(f"tag {text[:20]!r}… is {len(text)} characters long; a tag holds at most {TAG_LIMIT}")
        cleaned.setdefault(text.casefold(), text)
    return tuple(sorted(cleaned.values(), key=str.casefold))


@guarded("add_events")
def add_event(
    engine: Engine, frame: pd.DataFrame, who: str, tags: Iterable[str] = (), source: dict | None = None
) -> str:
    """Add one event entered by hand (checked by the schema), with its tags and, if given, a new source; return its id."""
    who = audit.analyst(who)
    checked = enforce_schema(frame, origin="new event")
    if len(checked) != 1:
        raise ValueError(f"add_event takes one event, got {len(checked)}")
    record = frame_records(checked)[0]
    if record["status"] == "accepted":
        check(who, "review")  # an analyst proposes a candidate; accepting one takes a reviewer
    wanted_tags = clean_tags(tags)
    with write_transaction(engine) as connection:
        if source is not None:
            insert_source(connection, source, who)
        insert_events(connection, [record], who)
        if wanted_tags:
            write_tags(connection, record["event_id"], (), wanted_tags, who)
    return record["event_id"]


def insert_source(connection: Connection, source: Mapping, who: str) -> None:
    """Add a new source to the registry in the caller's transaction, logged; an id already held is refused."""
    row = checked_source({name: source.get(name) for name in SOURCE_COLUMNS})
    found = connection.execute(
        select(tables.sources.c.source_id).where(tables.sources.c.source_id == row["source_id"])
    ).first()
    if found is not None:
        raise StoreError(f"source {row['source_id']!r} is already in the registry; choose it instead")
    connection.execute(insert(tables.sources).values(**row))
    _log_source(connection, who, row["source_id"], "create", {name: {"old": None, "new": row[name]} for name in row})


def checked_source(row: Mapping) -> dict:
    """A source row as the registry keeps it, or ValueError naming the field that is wrong."""
    checked = dict(row)
    for name in ("source_id", "name"):
        checked[name] = str(row.get(name) or "").strip()
        if not checked[name]:
            raise ValueError(f"source field {name!r} is required but empty")
    checked["title"] = str(row.get("title") or "").strip()
    checked["url"] = str(row.get("url") or "").strip()
    if checked["url"] and not checked["url"].lower().startswith(("http://", "https://")):
        raise ValueError(f"source field 'url': {checked['url']!r} is not an http or https address")
    lang = str(row.get("lang") or "").strip().lower()
    if len(lang) != 2 or not lang.isalpha():
        raise ValueError(f"source field 'lang': {row.get('lang')!r} is not an ISO 639-1 code such as ar, en or zh")
    checked["lang"] = lang
    for name in ("published", "accessed"):
        value = row.get(name)
        checked[name] = None if value is None or pd.isna(value) else pd.Timestamp(value).date()
    checked["published_estimated"] = bool(row.get("published_estimated") or False)
    if checked["published_estimated"] and checked["published"] is None:
        raise ValueError("source field 'published_estimated': an estimated date needs a publication date")
    return checked


@guarded("edit_sources")
def update_source(engine: Engine, source_id: str, changes: Mapping[str, object], who: str) -> dict[str, dict]:
    """Change a source's description; events citing it first carry the new outlet, address, language and date.

    Returns the changes made ({field: {old, new}}); logged in source_log and, per citing event, in the audit log.
    """
    who = audit.analyst(who)
    unknown = sorted(set(changes) - set(SOURCE_FIELDS))
    if unknown:
        raise ValueError(f"unknown source field(s) {', '.join(unknown)}; fields are {', '.join(SOURCE_FIELDS)}")
    with write_transaction(engine) as connection:
        sources = tables.sources
        row = connection.execute(select(sources).where(sources.c.source_id == source_id)).mappings().first()
        if row is None:
            raise NotFoundError(f"no source {source_id!r} in the registry")
        before = dict(row)
        after = checked_source({**before, **changes})
        difference = {
            name: {"old": jsonable(before[name]), "new": jsonable(after[name])}
            for name in SOURCE_FIELDS
            if before[name] != after[name]
        }
        if not difference:
            return {}
        connection.execute(
            update(sources).where(sources.c.source_id == source_id).values(**{name: after[name] for name in difference})
        )
        _log_source(connection, who, source_id, "update", difference)
        _carry_to_events(connection, source_id, after, difference, who)
    return difference


def _carry_to_events(connection: Connection, source_id: str, source: dict, difference: dict, who: str) -> None:
    """Events citing the source first get its new values (a version each); the others an audit entry only,
    so every reader's copy of the sources catches up."""
    links = tables.event_sources
    citing = connection.execute(
        select(links.c.event_id, links.c.position).where(links.c.source_id == source_id).order_by(links.c.event_id)
    ).all()
    noted = {f"source {source_id}: {name}": change for name, change in difference.items()}
    for event_id, position in citing:
        values = {PRIMARY_FIELDS[name]: source[name] or None for name in difference if name in PRIMARY_FIELDS}
        if position == 0 and values:
            stored = load_event(connection, event_id, lock=True)
            changes = audit.field_changes(stored.fields, values)
            if changes:
                save_version(connection, stored, values, who, "source", changes | noted)
                continue
        audit.record(connection, who, event_id, "source", None, noted)


def _log_source(connection: Connection, who: str, source_id: str, action: str, changes: dict) -> None:
    jsonable_changes = {
        name: {key: jsonable(value) for key, value in change.items()} for name, change in changes.items()
    }
    connection.execute(
        insert(tables.source_log).values(
            at=utc_now(), who=who, source_id=source_id, action=action, changes=jsonable_changes
        )
    )


def source_log(engine: Engine, source_id: str) -> list[dict]:
    """Every logged change to one source, oldest first."""
    log = tables.source_log
    with engine.connect() as connection:
        rows = connection.execute(select(log).where(log.c.source_id == source_id).order_by(log.c.id)).mappings()
        return [dict(row) for row in rows]


def cited_sources(engine: Engine, event_id: str) -> list[CitedSource]:
    """Every source of an event, the primary first, each with its own quote and date as written.

    The primary's words are the event's own quote and date text (an edit changes those).
    """
    with engine.connect() as connection:
        stored = load_event(connection, event_id)
        ids = [link.source_id for link in stored.links]
        sources = tables.sources
        rows = {
            row.source_id: row for row in connection.execute(select(sources).where(sources.c.source_id.in_(ids))).all()
        }
    cited = []
    for position, link in enumerate(stored.links):
        row = rows[link.source_id]
        primary = position == 0
        cited.append(
            CitedSource(
                source_id=link.source_id,
                name=row.name,
                title=row.title,
                url=row.url,
                lang=row.lang,
                published=row.published,
                published_estimated=bool(row.published_estimated),
                quote=stored.fields["quote"] if primary else link.quote,
                date_text=stored.fields["date_text"] if primary else link.date_text,
                primary=primary,
            )
        )
    return cited


@guarded("edit_event")
def set_primary_source(engine: Engine, event_id: str, source_id: str, expected_version: int, who: str) -> int:
    """Make one of an event's sources its primary: the event then shows that source's outlet, date and quote.

    The old primary keeps the event's current quote and date text as its own words. Returns the new version.
    """
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        stored = load_event(connection, event_id, lock=True)
        if stored.version != expected_version:
            raise conflict(connection, stored, {}, expected_version)
        if stored.deleted:
            raise StoreError(f"event {event_id!r} is deleted; restore it before choosing its primary source")
        cited = [link.source_id for link in stored.links]
        if source_id not in cited:
            raise ValueError(f"event {event_id!r} does not cite {source_id!r}; it cites {', '.join(cited)}")
        if cited[0] == source_id:
            return stored.version
        first = stored.links[0]
        kept = Link(first.source_id, stored.fields["quote"], stored.fields["date_text"], first.merged_from)
        others = [kept, *stored.links[1:]]
        chosen = next(link for link in others if link.source_id == source_id)
        reordered = [chosen, *(link for link in others if link.source_id != source_id)]
        replace_links(connection, event_id, reordered)
        primary = cited_to(connection, stored, reordered)
        values = {name: value for name, value in primary.items() if name != "source_ids"}
        changes = audit.field_changes(stored.fields, primary)
        return save_version(connection, stored, values, who, "primary", changes)


def read_tags(engine: Engine) -> pd.DataFrame:
    """Every tag of every event: columns event_id and tag, sorted by tag ignoring case."""
    table = tables.event_tags
    with engine.connect() as connection:
        rows = connection.execute(select(table.c.event_id, table.c.tag)).all()
    # Sorted here: the backends' collations order "US" and "travel" differently.
    ordered = sorted(map(tuple, rows), key=lambda row: (row[1].casefold(), row[1], row[0]))
    return pd.DataFrame(ordered, columns=["event_id", "tag"], dtype="str")


def event_tags(engine: Engine, event_id: str) -> tuple[str, ...]:
    with engine.connect() as connection:
        return _tags_of(connection, event_id)


def _tags_of(connection: Connection, event_id: str) -> tuple[str, ...]:
    table = tables.event_tags
    found = connection.execute(select(table.c.tag).where(table.c.event_id == event_id)).scalars()
    return tuple(sorted(found, key=str.casefold))


@guarded("annotate")
def set_tags(engine: Engine, event_id: str, tags: Iterable[str], who: str) -> tuple[str, ...]:
    """Replace an event's tags; audited when they change. Returns the tags as stored."""
    who = audit.analyst(who)
    wanted = clean_tags(tags)
    with write_transaction(engine) as connection:
        load_event(connection, event_id, lock=True)  # raises NotFoundError for an unknown id
        write_tags(connection, event_id, _tags_of(connection, event_id), wanted, who)
    return wanted


def write_tags(
    connection: Connection, event_id: str, before: tuple[str, ...], after: tuple[str, ...], who: str
) -> None:
    if before == after:
        return
    table = tables.event_tags
    connection.execute(delete(table).where(table.c.event_id == event_id))
    if after:
        connection.execute(insert(table), [{"event_id": event_id, "tag": tag} for tag in after])
    audit.record(connection, who, event_id, "tags", None, {"tags": {"old": list(before), "new": list(after)}})


@guarded("annotate")
def add_note(engine: Engine, event_id: str, text: str, who: str) -> Note:
    """Keep an analyst's note on an event (plain text, never rendered as markup); audited."""
    who = audit.analyst(who)
    body = str(text or "").strip()
    if not body:
        raise ValueError("note: write something before saving it")
    if len(body) > NOTE_LIMIT:
        raise ValueError(f"note: {len(body):,} characters; a note holds at most {NOTE_LIMIT:,}")
    now = utc_now()
    with write_transaction(engine) as connection:
        load_event(connection, event_id, lock=True)
        note_id = connection.execute(
            insert(tables.event_notes).values(event_id=event_id, at=now, who=who, text=body)
        ).inserted_primary_key[0]
        audit.record(connection, who, event_id, "note", None, {"note": {"old": None, "new": body}})
    return Note(note_id, event_id, now, who, body)


def read_notes(engine: Engine, event_id: str) -> list[Note]:
    """An event's notes, oldest first."""
    table = tables.event_notes
    with engine.connect() as connection:
        rows = connection.execute(select(table).where(table.c.event_id == event_id).order_by(table.c.id)).all()
    return [Note(row.id, row.event_id, row.at, row.who, row.text) for row in rows]


def read_trash(engine: Engine) -> pd.DataFrame:
    """Deleted events and rejected candidates, latest first, with who put each there and when."""
    events, log = tables.events, tables.audit_log
    with engine.connect() as connection:
        rows = connection.execute(
            select(events.c.event_id, events.c.title, events.c.deleted_reason, events.c.deleted_at, events.c.version)
            .where(events.c.deleted_reason.in_(TRASHED_REASONS))
            .order_by(events.c.deleted_at.desc(), events.c.event_id)
        ).all()
        ids = [row.event_id for row in rows]
        by: dict[tuple[str, int], str] = {}
        for start in range(0, len(ids), 500):  # keeps each IN list under the backends' parameter limits
            chunk = ids[start : start + 500]
            entries = connection.execute(
                select(log.c.event_id, log.c.version, log.c.who).where(
                    log.c.event_id.in_(chunk), log.c.action.in_(("delete", "reject"))
                )
            ).all()
            by.update({(entry.event_id, entry.version): entry.who for entry in entries})
    return pd.DataFrame(
        [
            {
                "event_id": row.event_id,
                "title": row.title,
                "reason": row.deleted_reason,
                "when": row.deleted_at,
                "who": by.get((row.event_id, row.version), ""),
            }
            for row in rows
        ],
        columns=["event_id", "title", "reason", "when", "who"],
    )
