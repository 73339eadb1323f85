"""Views saved for the team by name, watched or not, and how many events entered one since an analyst last opened it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Engine, delete, insert, select, update

from timeline.database import tables
from timeline.database.audit import analyst
from timeline.database.engine import write_transaction
from timeline.database.errors import NotFoundError, StoreError
from timeline.database.permissions import LOCAL_ANALYST, guarded
from timeline.filters import Filters, describe, from_query_params, to_query_params


@guarded("save_view")
def save_view(engine: Engine, name: str, filters: Filters, who: str, watched: bool = False) -> None:
    """Keep the view `filters` under `name` for the whole team; a name is used once."""
    who, name = analyst(who), " ".join(str(name).split())
    if not name:
        raise ValueError("name: give the view a name")
    with write_transaction(engine) as connection:
        if connection.execute(select(tables.saved_views.c.name).where(tables.saved_views.c.name == name)).first():
            raise StoreError(f"a view named {name!r} already exists")
        connection.execute(
            insert(tables.saved_views).values(
                name=name,
                filters=to_query_params(filters),
                description=describe(filters),
                watched=watched,
                created_by=who,
                created_at=dt.datetime.now(dt.UTC),
            )
        )


def saved_views(engine: Engine) -> pd.DataFrame:
    """Every saved view by name: name, description, watched, created_by, created_at."""
    views = tables.saved_views
    columns = ["name", "description", "watched", "created_by", "created_at"]
    with engine.connect() as connection:
        rows = connection.execute(select(*(views.c[name] for name in columns)).order_by(views.c.name)).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=columns)


def view_filters(engine: Engine, name: str) -> Filters:
    """The filters a saved view holds (threads named, their events not resolved)."""
    views = tables.saved_views
    with engine.connect() as connection:
        stored = connection.execute(select(views.c.filters).where(views.c.name == name)).scalar_one_or_none()
    if stored is None:
        raise NotFoundError(f"no saved view named {name!r}")
    filters, _ = from_query_params(
        {key: value if isinstance(value, list) else [value] for key, value in stored.items()}
    )
    return filters


@guarded("save_view")
def set_watched(engine: Engine, name: str, watched: bool, who: str = LOCAL_ANALYST) -> None:
    views = tables.saved_views
    with write_transaction(engine) as connection:
        if connection.execute(update(views).where(views.c.name == name).values(watched=watched)).rowcount != 1:
            raise NotFoundError(f"no saved view named {name!r}")


@guarded("mark_view_opened")
def mark_opened(engine: Engine, name: str, who: str) -> None:
    """Remember that `who` opened the view now: its count of entered events starts again."""
    who, visits = analyst(who), tables.view_visits
    with write_transaction(engine) as connection:
        connection.execute(delete(visits).where(visits.c.name == name, visits.c.analyst == who))
        connection.execute(insert(visits).values(name=name, analyst=who, opened_at=dt.datetime.now(dt.UTC)))


def last_opened(engine: Engine, who: str) -> dict[str, dt.datetime]:
    """When `who` last opened each saved view they have opened."""
    visits = tables.view_visits
    with engine.connect() as connection:
        rows = connection.execute(select(visits.c.name, visits.c.opened_at).where(visits.c.analyst == who)).all()
    return dict(rows)


def created_since(engine: Engine, since: dt.datetime) -> set[str]:
    """Events added to the store (created, or split out) at or after `since`."""
    log = tables.audit_log
    query = select(log.c.event_id).where(log.c.at >= since, log.c.action.in_(("create", "split_from")))
    with engine.connect() as connection:
        return set(connection.execute(query).scalars())
