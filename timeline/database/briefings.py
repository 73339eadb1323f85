"""Briefing snapshots: each exported briefing's view, the events it showed with their versions, its thread stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from timeline.database import tables
from timeline.database.audit import AuditEntry, analyst
from timeline.database.engine import write_transaction
from timeline.database.errors import NotFoundError
from timeline.database.permissions import guarded
from timeline.filters import Filters, describe, from_query_params, to_query_params

CHUNK = 500  # ids per IN (...) list, under every backend's cap on a statement's parameters


@dataclass(frozen=True)
class RecordedBriefing:
    id: int
    at: dt.datetime
    who: str
    filters: Filters  # threads named, their events not resolved
    description: str
    title: str
    format: str
    revision: int  # the audit log's last entry when it was exported
    events: dict[str, int]  # event id -> version shown
    thread_stages: dict[str, str | None]  # thread id -> stage shown


@guarded("record_briefing")
def record_briefing(
    engine: Engine,
    who: str,
    filters: Filters,
    event_ids: Iterable[str],
    title: str,
    fmt: str,
    thread_stages: Mapping[str, str | None],
) -> int:
    """Remember an exported briefing: when, by whom, its view, the events (with versions) it showed; its id."""
    who = analyst(who)
    wanted = list(dict.fromkeys(event_ids))
    events = tables.events
    with write_transaction(engine) as connection:
        versions: dict[str, int] = {}
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            versions.update(
                connection.execute(
                    select(events.c.event_id, events.c.version).where(events.c.event_id.in_(chunk))
                ).all()
            )
        missing = [event_id for event_id in wanted if event_id not in versions]
        if missing:
            raise NotFoundError(f"briefing names events the store does not hold: {', '.join(missing[:5])}")
        revision = connection.execute(select(func.coalesce(func.max(tables.audit_log.c.id), 0))).scalar_one()
        briefing_id = connection.execute(
            insert(tables.briefings)
            .values(
                at=dt.datetime.now(dt.UTC),
                who=who,
                filters=to_query_params(filters),
                description=describe(filters),
                title=title,
                format=fmt,
                revision=revision,
                event_count=len(wanted),
            )
            .returning(tables.briefings.c.id)
        ).scalar_one()
        if wanted:
            connection.execute(
                insert(tables.briefing_events),
                [
                    {"briefing_id": briefing_id, "event_id": event_id, "version": versions[event_id]}
                    for event_id in wanted
                ],
            )
        if thread_stages:
            connection.execute(
                insert(tables.briefing_threads),
                [
                    {"briefing_id": briefing_id, "thread_id": key, "stage": stage}
                    for key, stage in thread_stages.items()
                ],
            )
    return briefing_id


def list_briefings(engine: Engine) -> pd.DataFrame:
    """Every recorded briefing, newest first: id, at, who, title, description, format, event_count."""
    briefings = tables.briefings
    columns = ["id", "at", "who", "title", "description", "format", "event_count"]
    with engine.connect() as connection:
        rows = connection.execute(
            select(*(briefings.c[name] for name in columns)).order_by(briefings.c.id.desc())
        ).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def read_briefing(engine: Engine, briefing_id: int) -> RecordedBriefing:
    """One recorded briefing with the events and thread stages it showed."""
    briefings = tables.briefings
    with engine.connect() as connection:
        row = connection.execute(select(briefings).where(briefings.c.id == briefing_id)).first()
        if row is None:
            raise NotFoundError(f"no briefing {briefing_id}; see the Changes page or the briefings the store lists")
        shown = connection.execute(
            select(tables.briefing_events.c.event_id, tables.briefing_events.c.version).where(
                tables.briefing_events.c.briefing_id == briefing_id
            )
        ).all()
        stages = connection.execute(
            select(tables.briefing_threads.c.thread_id, tables.briefing_threads.c.stage).where(
                tables.briefing_threads.c.briefing_id == briefing_id
            )
        ).all()
    filters, _ = from_query_params(
        {key: value if isinstance(value, list) else [value] for key, value in row.filters.items()}
    )
    return RecordedBriefing(
        id=row.id,
        at=row.at,
        who=row.who,
        filters=filters,
        description=row.description,
        title=row.title,
        format=row.format,
        revision=row.revision,
        events=dict(shown),
        thread_stages=dict(stages),
    )


def audit_entries_after(
    engine: Engine, revision: int | None = None, since: dt.datetime | None = None
) -> list[AuditEntry]:
    """Audit entries written after `revision`, or at or after `since`, oldest first."""
    log = tables.audit_log
    query = select(log).order_by(log.c.id)
    if revision is not None:
        query = query.where(log.c.id > revision)
    if since is not None:
        query = query.where(log.c.at >= since)
    with engine.connect() as connection:
        return [AuditEntry(**row._mapping) for row in connection.execute(query)]


def thread_log_after(engine: Engine, since: dt.datetime) -> list[tuple[str, str, str | None, dict]]:
    """(thread_id, action, event_id, changes) of every thread change at or after `since`, oldest first."""
    log = tables.thread_log
    query = (
        select(log.c.thread_id, log.c.action, log.c.event_id, log.c.changes).where(log.c.at >= since).order_by(log.c.id)
    )
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]
