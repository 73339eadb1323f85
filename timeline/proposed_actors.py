"""Actors that article candidates name but the registry lacks: listed for Review, accepted or merged into the store.

The article loader puts a name it could not resolve in a candidate's `actors` as the article wrote
it («جنسن هوانغ», 「黄仁勋」, "Bureau of Industry and Security"). Review lists each such name once,
with the language, the candidates naming it and the kind its cue suggests (person after a role
word, company / government_body / organisation after an organisation word). An analyst accepts it
(a new actor in the store's registry, the name as its alias in that language), merges it into an
existing actor (the name becomes that actor's alias, and the waiting candidates name the actor
instead), or ignores it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from loaders import arabic
from loaders.article_actors import name_key
from loaders.article_proposed_actors import propose
from timeline.actors import Actor, ActorRegistry, default_registry, with_governments
from timeline.database import tables, update_event
from timeline.database.actor_registry import log_change
from timeline.database.engine import write_transaction
from timeline.database.permissions import LOCAL_ANALYST, guarded
from timeline.database.records import read_event
from timeline.database.sources import insert_missing
from timeline.index import index_for
from timeline.vocabulary import actor_kinds

DEFAULT_KIND = "organisation"
COLUMNS = ["name", "lang", "kind", "cue", "candidates", "event_ids"]


@dataclass(frozen=True)
class KnownActors:
    """Every name the registry resolves (data/actors.yaml, every government, and the store's additions)."""

    registry: ActorRegistry
    store_aliases: dict[str, str]  # name key -> canonical name, from the store's actor tables

    def resolve(self, name: str) -> str | None:
        return self.registry.resolve(name) or self.store_aliases.get(name_key(name))

    def names(self) -> list[str]:
        return sorted({actor.name for actor in self.registry.actors} | set(self.store_aliases.values()))


def known_actors(engine: Engine, registry: ActorRegistry | None = None) -> KnownActors:
    """The registry the Review page checks names against: curated data, governments and the store's actors."""
    with engine.connect() as connection:
        names = connection.execute(select(tables.actors.c.name)).scalars().all()
        aliases = connection.execute(select(tables.actor_aliases.c.actor_name, tables.actor_aliases.c.alias)).all()
    store = {name_key(name): name for name in names}
    store.update({name_key(alias): actor for actor, alias in aliases})
    return KnownActors(with_governments(registry or default_registry()), store)


def proposed_actors(queue: pd.DataFrame, known: KnownActors) -> pd.DataFrame:
    """One row per name that waiting candidates carry and the registry does not resolve.

    Columns: name (as written), lang, kind and cue (from the words before or after the name in
    the candidate's quote), candidates (how many name it) and event_ids.
    """
    found: dict[tuple[str, str], dict] = {}
    for row in queue.itertuples():
        unknown = [name for name in row.actors if known.resolve(name) is None]
        if not unknown:
            continue
        language = str(row.source_lang)
        cues = _cues_in(str(row.quote or ""), language)
        for name in unknown:
            entry = found.setdefault(
                (name, language),
                {"name": name, "lang": language, "kind": DEFAULT_KIND, "cue": "", "candidates": 0, "event_ids": []},
            )
            kind, cue = cues.get(name_key(name), (None, None))
            if kind and not entry["cue"]:
                entry["kind"], entry["cue"] = kind, cue
            entry["candidates"] += 1
            entry["event_ids"].append(row.event_id)
    frame = pd.DataFrame(list(found.values()), columns=COLUMNS)
    return frame.sort_values(["candidates", "name"], ascending=[False, True], ignore_index=True)


def events_naming_unregistered(events: pd.DataFrame, known: KnownActors) -> pd.DataFrame:
    """Live events (imported rows above all) naming an actor the registry lacks: each distinct name asked once."""
    index = index_for(events)
    unknown = tuple(name for name in index.actors.names if known.resolve(name) is None)
    if not unknown:
        return events.iloc[:0]
    return events[index.actors.rows_with(unknown, index.size, require_all=False)]


def _cues_in(quote: str, language: str) -> dict[str, tuple[str, str]]:
    """name key -> (kind, cue) for every name the loader's cues find in the quote."""
    normalized = arabic.normalize(quote)
    return {
        name_key(normalized[proposal.start : proposal.end]): (proposal.kind, proposal.cue)
        for proposal in propose(normalized, 0, len(normalized), language)
    }


@guarded("add_actor")
def accept_actor(engine: Engine, name: str, kind: str, lang: str, who: str = LOCAL_ANALYST) -> None:
    """Add `name` to the store's registry as a new actor of `kind`, with itself as its alias in `lang`.

    The addition goes into the registry's log under `who`.
    """
    kind = actor_kinds().canonical(kind)
    with write_transaction(engine) as connection:
        insert_missing(connection, tables.actors, [{"name": name, "kind": kind, "country": None, "terms": {}}])
        _add_alias(connection, name, lang, name)
        log_change(connection, who, name, "add", {"new": {"kind": kind, "aliases": {lang: [name]}}})


@guarded("edit_registry")
def merge_actor(engine: Engine, name: str, into: str, lang: str, event_ids: list[str], who: str) -> int:
    """Record `name` as an alias of the existing actor `into`, and let the waiting candidates name `into`.

    Returns how many candidates changed; each change goes through the audit log.
    """
    with write_transaction(engine) as connection:
        exists = connection.execute(
            select(func.count()).select_from(tables.actors).where(tables.actors.c.name == into)
        ).scalar_one()
        if not exists:
            # A curated or generated actor not yet in the store's tables: add it there first.
            actor = with_governments(default_registry()).by_name.get(into)
            insert_missing(connection, tables.actors, [_actor_row(actor or Actor(into, DEFAULT_KIND, None))])
        _add_alias(connection, into, lang, name)
        # Logged, so the curated re-sync treats `into` as the analysts' from now on.
        log_change(connection, who, into, "alias", {"aliases_added": {lang: [name]}})
    changed = 0
    for event_id in event_ids:
        stored = read_event(engine, event_id)
        actors = tuple(stored.fields.get("actors") or ())
        renamed = tuple(dict.fromkeys(into if actor == name else actor for actor in actors))
        if renamed != actors:
            update_event(engine, event_id, {"actors": renamed}, stored.version, who)
            changed += 1
    return changed


def _actor_row(actor: Actor) -> dict:
    terms = {label: list(span) for label, span in actor.terms.items()}
    return {"name": actor.name, "kind": actor.kind, "country": actor.country, "terms": terms}


def _add_alias(connection, actor_name: str, lang: str, alias: str) -> None:
    position = connection.execute(
        select(func.count())
        .select_from(tables.actor_aliases)
        .where(tables.actor_aliases.c.actor_name == actor_name, tables.actor_aliases.c.lang == lang)
    ).scalar_one()
    row = {"actor_name": actor_name, "lang": lang, "position": position, "alias": alias}
    insert_missing(connection, tables.actor_aliases, [row])
