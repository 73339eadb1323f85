"""The actor registry as the store holds it: read, add, edit, disable, merge and undo a merge, each change logged.

data/actors.yaml seeds the registry; from then on analysts curate it here, and the curated re-sync
leaves every actor they touched alone (timeline.database.curated_sync). A merged actor's row stays,
marked `merged_into`, so its name keeps resolving and a merge can be undone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Connection, Engine, Text, delete, func, insert, select, type_coerce, update

from timeline.actors import Actor, ActorRegistry, default_registry, with_governments
from timeline.countries import canonical_country
from timeline.database import audit, tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import NotFoundError, StoreError
from timeline.database.permissions import guarded
from timeline.database.records import load_event
from timeline.database.repository import save_version
from timeline.vocabulary import actor_kinds

LOG_COLUMNS = ["id", "at", "who", "actor_name", "action", "changes"]


@dataclasses.dataclass(frozen=True)
class StoredActor:
    actor: Actor
    merged_into: str | None = None


def read_actors(engine: Engine) -> list[StoredActor]:
    """Every actor row with its aliases by language, merged and disabled ones included, by name."""
    with engine.connect() as connection:
        return _read_actors(connection)


def _read_actors(connection: Connection) -> list[StoredActor]:
    rows = connection.execute(select(tables.actors).order_by(tables.actors.c.name)).mappings().all()
    aliases: dict[str, dict[str, list[str]]] = {}
    alias_table = tables.actor_aliases
    ordered = select(alias_table).order_by(alias_table.c.actor_name, alias_table.c.lang, alias_table.c.position)
    for alias in connection.execute(ordered).mappings():
        aliases.setdefault(alias["actor_name"], {}).setdefault(alias["lang"], []).append(alias["alias"])
    return [
        StoredActor(
            Actor(
                name=row["name"],
                kind=row["kind"],
                country=row["country"],
                aliases={lang: tuple(names) for lang, names in aliases.get(row["name"], {}).items()},
                terms={label: (span[0], span[1]) for label, span in (row["terms"] or {}).items()},
                disabled=bool(row["disabled"]),
            ),
            row["merged_into"],
        )
        for row in rows
    ]


def registry_revision(engine: Engine) -> tuple[int, int, int]:
    """Changes whenever the registry does: the log's last entry and the row counts (the seed writes no log)."""
    with engine.connect() as connection:
        return (
            connection.execute(select(func.coalesce(func.max(tables.actor_log.c.id), 0))).scalar_one(),
            connection.execute(select(func.count()).select_from(tables.actors)).scalar_one(),
            connection.execute(select(func.count()).select_from(tables.actor_aliases)).scalar_one(),
        )


_REGISTRIES: dict[tuple, ActorRegistry] = {}


def store_registry(engine: Engine) -> ActorRegistry:
    """The registry that resolves names: the store's live actors, then every country's government.

    Built once per registry revision, so a filter or a form resolves names without reading the store per row.
    """
    key = (str(engine.url), registry_revision(engine))
    found = _REGISTRIES.get(key)
    if found is None:
        found = _registry_of(read_actors(engine))
        _REGISTRIES.clear()  # one registry per store is enough; old revisions are never asked again
        _REGISTRIES[key] = found
    return found


def _registry_of(stored: list[StoredActor]) -> ActorRegistry:
    actors = tuple(item.actor for item in stored if item.merged_into is None)
    if not actors:  # a store not seeded yet resolves as the curated file does
        actors = default_registry().actors
    return with_governments(ActorRegistry(actors))


@guarded("add_actor")
def add_actor(
    engine: Engine,
    name: str,
    kind: str,
    who: str,
    country: str | None = None,
    aliases: Mapping[str, list[str] | tuple[str, ...]] | None = None,
    terms: Mapping[str, tuple[str, str] | list[str]] | None = None,
) -> Actor:
    """Add a new actor; refused when its name or an alias already names an actor (or a spelling variant does)."""
    who = audit.analyst(who)
    actor = _checked_actor(name, kind, country, aliases or {}, terms or {})
    with write_transaction(engine) as connection:
        _refuse_taken_names(connection, actor, allowed=set())
        connection.execute(insert(tables.actors), [_actor_row(actor)])
        _write_aliases(connection, actor)
        log_change(connection, who, actor.name, "add", {"new": _described(actor)})
    return actor


@guarded("edit_registry")
def edit_actor(
    engine: Engine,
    name: str,
    who: str,
    kind: str,
    country: str | None,
    aliases: Mapping[str, list[str] | tuple[str, ...]],
    terms: Mapping[str, tuple[str, str] | list[str]] | None = None,
) -> Actor:
    """Save an actor's kind, country, aliases per language and terms of office (rename: merge into a new actor)."""
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        before = _stored(connection, name)
        actor = _checked_actor(name, kind, country, aliases, terms or {}, disabled=before.actor.disabled)
        _refuse_taken_names(connection, actor, allowed={name})
        difference = {
            field: {"old": old, "new": new}
            for field, old, new in (
                (field, _described(before.actor)[field], _described(actor)[field])
                for field in ("kind", "country", "aliases", "terms")
            )
            if old != new
        }
        if not difference:
            return actor
        row = _actor_row(actor)
        connection.execute(update(tables.actors).where(tables.actors.c.name == name).values(row))
        connection.execute(delete(tables.actor_aliases).where(tables.actor_aliases.c.actor_name == name))
        _write_aliases(connection, actor)
        log_change(connection, who, name, "edit", difference)
    return actor


@guarded("edit_registry")
def set_disabled(engine: Engine, name: str, disabled: bool, who: str) -> None:
    """Disable an actor (no longer offered for new events; its events keep it) or enable it again."""
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        before = _stored(connection, name)
        if before.merged_into:
            raise StoreError(f"actor {name!r} was merged into {before.merged_into!r}; undo the merge instead")
        if before.actor.disabled == disabled:
            return
        connection.execute(update(tables.actors).where(tables.actors.c.name == name).values(disabled=disabled))
        log_change(
            connection,
            who,
            name,
            "disable" if disabled else "enable",
            {"disabled": {"old": not disabled, "new": disabled}},
        )


@guarded("edit_registry")
def merge_actors(engine: Engine, source: str, target: str, who: str) -> int:
    """Merge `source` into `target`: every event naming `source` names `target`, and `source`'s names become aliases.

    One transaction; each event's change goes through the audit log, the merge into the actor log
    with what it moved, so `undo_merge` can put it back. Returns the log entry's id.
    """
    who = audit.analyst(who)
    if source == target:
        raise ValueError(f"cannot merge {source!r} into itself")
    with write_transaction(engine) as connection:
        merged, kept = _stored(connection, source), _stored(connection, target)
        for item in (merged, kept):
            if item.merged_into:
                raise StoreError(f"actor {item.actor.name!r} was merged into {item.merged_into!r} already")
        added: dict[str, list[str]] = {}
        for lang, names in merged.actor.aliases.items():
            added.setdefault(lang, []).extend(names)
        added.setdefault("en", []).insert(0, source)  # the old canonical name keeps resolving
        known = {alias.casefold() for alias in kept.actor.all_names()}
        added = {
            lang: [alias for alias in dict.fromkeys(names) if alias.casefold() not in known]
            for lang, names in added.items()
        }
        added = {lang: names for lang, names in added.items() if names}
        combined = {lang: list(names) for lang, names in kept.actor.aliases.items()}
        for lang, names in added.items():
            combined.setdefault(lang, []).extend(names)
        connection.execute(delete(tables.actor_aliases).where(tables.actor_aliases.c.actor_name == source))
        connection.execute(delete(tables.actor_aliases).where(tables.actor_aliases.c.actor_name == target))
        _write_aliases(connection, dataclasses.replace(kept.actor, aliases={k: tuple(v) for k, v in combined.items()}))
        connection.execute(
            update(tables.actors).where(tables.actors.c.name == source).values(merged_into=target, disabled=True)
        )
        events = _repoint(connection, who, source, target)
        changes = {
            "into": target,
            "aliases_moved": {lang: list(names) for lang, names in merged.actor.aliases.items()},
            "aliases_added": added,
            "was_disabled": merged.actor.disabled,
            "events": events,
        }
        return log_change(connection, who, source, "merge", changes)


@guarded("edit_registry")
def undo_merge(engine: Engine, log_id: int, who: str) -> list[str]:
    """Undo a merge: the actor, its aliases and its events come back; returns events edited since, left as they are."""
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        entry = connection.execute(select(tables.actor_log).where(tables.actor_log.c.id == log_id)).mappings().first()
        if entry is None or entry["action"] != "merge":
            raise NotFoundError(f"no actor merge numbered {log_id} in the registry's log")
        source, changes = entry["actor_name"], entry["changes"]
        target = changes["into"]
        merged = _stored(connection, source)
        if merged.merged_into != target:
            raise StoreError(f"the merge of {source!r} into {target!r} was undone already")
        kept = _stored(connection, target)
        added = {lang: set(names) for lang, names in changes["aliases_added"].items()}
        remaining = {
            lang: tuple(alias for alias in names if alias not in added.get(lang, set()))
            for lang, names in kept.actor.aliases.items()
        }
        connection.execute(delete(tables.actor_aliases).where(tables.actor_aliases.c.actor_name == target))
        _write_aliases(connection, dataclasses.replace(kept.actor, aliases={k: v for k, v in remaining.items() if v}))
        moved = {lang: tuple(names) for lang, names in changes["aliases_moved"].items()}
        _write_aliases(connection, dataclasses.replace(merged.actor, aliases=moved))
        connection.execute(
            update(tables.actors)
            .where(tables.actors.c.name == source)
            .values(merged_into=None, disabled=bool(changes["was_disabled"]))
        )
        skipped: list[str] = []
        restored: dict[str, dict] = {}
        for event_id, change in changes["events"].items():
            stored = load_event(connection, event_id, lock=True)
            if list(stored.fields["actors"]) != change["new"]:
                skipped.append(event_id)  # edited since the merge: the analyst's version stays
                continue
            values = {"actors": tuple(change["old"])}
            save_version(connection, stored, values, who, "update", audit.field_changes(stored.fields, values))
            restored[event_id] = {"old": change["new"], "new": change["old"]}
        log_change(
            connection,
            who,
            source,
            "undo_merge",
            {"merge": log_id, "into": target, "events": restored, "skipped": skipped},
        )
    return skipped


def actor_log(engine: Engine, name: str | None = None) -> pd.DataFrame:
    """The registry's log, newest first; only `name`'s entries (and merges into it) when given."""
    log = tables.actor_log
    query = select(log).order_by(log.c.id.desc())
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(query).mappings()]
    if name is not None:
        rows = [row for row in rows if row["actor_name"] == name or row["changes"].get("into") == name]
    return pd.DataFrame(rows, columns=LOG_COLUMNS)


def open_merges(engine: Engine) -> pd.DataFrame:
    """Merges not undone yet, newest first: what the registry page offers to undo."""
    log = actor_log(engine)
    undone = {entry["merge"] for entry in log.loc[log["action"] == "undo_merge", "changes"]}
    merges = log[(log["action"] == "merge") & ~log["id"].isin(undone)]
    return merges.assign(into=[changes["into"] for changes in merges["changes"]]).reset_index(drop=True)


def analyst_touched(connection: Connection) -> set[str]:
    """Actors an analyst added, edited, disabled or merged (either side): the curated re-sync leaves them alone."""
    rows = connection.execute(select(tables.actor_log.c.actor_name, tables.actor_log.c.changes)).all()
    touched = set()
    for actor_name, changes in rows:
        touched.add(actor_name)
        if isinstance(changes, dict) and changes.get("into"):
            touched.add(changes["into"])
    return touched


# --- helpers ---------------------------------------------------------------------------------------


def _checked_actor(name, kind, country, aliases, terms, disabled: bool = False) -> Actor:
    name = " ".join(str(name or "").split())
    if not name:
        raise ValueError("name: give the actor's canonical name")
    cleaned: dict[str, tuple[str, ...]] = {}
    for lang, names in aliases.items():
        lang = str(lang).strip().lower()
        if not lang:
            raise ValueError("aliases: each alias needs a language code such as en, ar or zh")
        kept = tuple(dict.fromkeys(" ".join(str(alias).split()) for alias in names if str(alias).strip()))
        if kept:
            cleaned[lang] = kept
    checked_terms = {}
    for label, span in terms.items():
        try:
            start, end = (dt.date.fromisoformat(str(day)).isoformat() for day in span)
        except (TypeError, ValueError):
            raise ValueError(f"terms: {label!r} needs a start and an end date like 2017-01-20") from None
        if end < start:
            raise ValueError(f"terms: {label!r} ends before it starts")
        checked_terms[str(label).strip()] = (start, end)
    return Actor(
        name=name,
        kind=actor_kinds().canonical(kind),
        country=canonical_country(country) if country and str(country).strip() else None,
        aliases=cleaned,
        terms=checked_terms,
        disabled=disabled,
    )


def _refuse_taken_names(connection: Connection, actor: Actor, allowed: set[str]) -> None:
    """Refuse a name or alias that resolves to another actor: one name, one actor."""
    stored = _read_actors(connection)
    if actor.name not in allowed and any(item.actor.name == actor.name for item in stored):
        raise ValueError(f"name: {actor.name!r} is already in the registry")
    registry = _registry_of(stored)
    for alias in actor.all_names():
        owner = registry.resolve(alias)
        if owner is not None and owner != actor.name and owner not in allowed:
            raise ValueError(f"aliases: {alias!r} already names {owner!r}")


def _stored(connection: Connection, name: str) -> StoredActor:
    for item in _read_actors(connection):
        if item.actor.name == name:
            return item
    raise NotFoundError(f"no actor {name!r} in the registry")


def _actor_row(actor: Actor) -> dict:
    return {
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "terms": {label: list(span) for label, span in actor.terms.items()},
        "disabled": actor.disabled,
    }


def _write_aliases(connection: Connection, actor: Actor) -> None:
    rows = [
        {"actor_name": actor.name, "lang": lang, "position": position, "alias": alias}
        for lang, names in actor.aliases.items()
        for position, alias in enumerate(names)
    ]
    if rows:
        connection.execute(insert(tables.actor_aliases), rows)


def _described(actor: Actor) -> dict:
    return {
        "kind": actor.kind,
        "country": actor.country,
        "aliases": {lang: list(names) for lang, names in sorted(actor.aliases.items())},
        "terms": {label: list(span) for label, span in sorted(actor.terms.items())},
    }


def _merged_names(names: tuple[str, ...], source: str, target: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(target if name == source else name for name in names))


def _repoint(connection: Connection, who: str, source: str, target: str) -> dict[str, dict]:
    """Name `target` instead of `source` in every event (deleted ones too); {event_id: {old, new}}."""
    events = tables.events
    # A text match on the stored JSON narrows the scan to likely rows; the exact test on each event's names decides.
    written = json.dumps(source, ensure_ascii=False)[1:-1]
    query = select(events.c.event_id, events.c.actors).where(
        type_coerce(events.c.actors, Text).contains(written, autoescape=True)
    )
    changed: dict[str, dict] = {}
    for event_id, names in connection.execute(query).all():
        if source not in names:
            continue
        stored = load_event(connection, event_id, lock=True)
        values = {"actors": _merged_names(tuple(stored.fields["actors"]), source, target)}
        save_version(connection, stored, values, who, "update", audit.field_changes(stored.fields, values))
        changed[event_id] = {"old": list(stored.fields["actors"]), "new": list(values["actors"])}
    return changed


def log_change(connection: Connection, who: str, actor_name: str, action: str, changes: dict) -> int:
    """Add one entry to the registry's log inside the caller's transaction; return its id."""
    result = connection.execute(
        insert(tables.actor_log).values(at=utc_now(), who=who, actor_name=actor_name, action=action, changes=changes)
    )
    return int(result.inserted_primary_key[0])
