"""One happening, many sources: merge events that report the same thing, and split a wrong merge apart again."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Engine, delete, select

from timeline.database import audit, tables
from timeline.database.column_types import utc_now
from timeline.database.engine import write_transaction
from timeline.database.errors import StoreError
from timeline.database.event_rows import checked_record
from timeline.database.permissions import guarded
from timeline.database.records import Link, StoredEvent, load_event
from timeline.database.repository import existing_ids, insert_events, restore, save_version

MERGED = "merged"


@guarded("merge")
def merge_events(engine: Engine, keep_id: str, merge_ids: Iterable[str], who: str) -> int:
    """Move every source of `merge_ids` onto `keep_id` and hide the merged events; return the kept one's version.

    Each moved link remembers the event it came from, so split_event can bring that event back; a source
    both events cite stays once, with the kept event's quote (the merged one's when the kept has none).
    """
    who = audit.analyst(who)
    with write_transaction(engine) as connection:
        kept = live_event(connection, keep_id)
        merged = [live_event(connection, event_id) for event_id in dict.fromkeys(merge_ids) if event_id != keep_id]
        if not merged:
            raise ValueError(f"name at least one event other than {keep_id!r} to merge into it")
        held = {link.source_id: position for position, link in enumerate(kept.links)}
        kept_links = list(kept.links)
        moved: list[Link] = []
        for event in merged:
            for link in event.links:
                if link.source_id not in held:
                    held[link.source_id] = -1
                    moved.append(Link(link.source_id, link.quote, link.date_text, event.event_id))
                elif held[link.source_id] >= 0 and kept_links[held[link.source_id]].quote is None and link.quote:
                    # The kept event recorded no words from this source: keep the merged report's.
                    same = kept_links[held[link.source_id]]
                    kept_links[held[link.source_id]] = Link(
                        same.source_id, link.quote, link.date_text, same.merged_from
                    )
            replace_links(connection, event.event_id, [])
            changes = {
                "source_ids": {"old": list(event.fields["source_ids"]), "new": []},
                "merged_into": {"old": None, "new": keep_id},
            }
            values = {"deleted_at": utc_now(), "deleted_reason": MERGED, "merged_into": keep_id}
            save_version(connection, event, values, who, "merged_into", changes)
        after = kept_links + moved
        replace_links(connection, keep_id, after)
        changes = {
            "source_ids": {"old": list(kept.fields["source_ids"]), "new": [link.source_id for link in after]},
            "merged": {"old": None, "new": [event.event_id for event in merged]},
        }
        return save_version(connection, kept, {}, who, "merge", changes)


@guarded("merge")
def split_event(
    engine: Engine, event_id: str, source_ids: Iterable[str], who: str, new_event_id: str | None = None
) -> str:
    """Move the given sources off an event; return the id of the event that now holds them.

    When they all came from one event by merge_events, that event is brought back with them; otherwise
    a new event is made, a copy of this one cited to those sources (its id `new_event_id`, or
    `<event_id>-split`, `-split-2`...).
    """
    who = audit.analyst(who)
    wanted = list(dict.fromkeys(source_ids))
    with write_transaction(engine) as connection:
        stored = live_event(connection, event_id)
        cited = {link.source_id for link in stored.links}
        unknown = [source_id for source_id in wanted if source_id not in cited]
        if unknown or not wanted:
            raise ValueError(f"event {event_id!r} does not cite {', '.join(map(repr, unknown)) or 'no source given'}")
        if len(wanted) == len(stored.links):
            raise ValueError(f"leave at least one source on {event_id!r}; to hide it, delete it instead")
        moving = [link for link in stored.links if link.source_id in wanted]
        staying = [link for link in stored.links if link.source_id not in wanted]
        replace_links(connection, event_id, staying)
        former = merged_origin(connection, stored, moving, new_event_id)
        if former is not None:
            target = former.event_id
            returning = [Link(link.source_id, link.quote, link.date_text, None) for link in moving]
            replace_links(connection, target, returning)
            noted = {"source_ids": {"old": [], "new": [link.source_id for link in returning]}}
            restore(connection, former, who, "unmerge", {}, noted)
        else:
            target = new_event_id or free_id(connection, f"{event_id}-split")
            record = checked_record(
                {**stored.fields, **cited_to(connection, stored, moving), "event_id": target}, target
            )
            rows = link_dicts(target, [Link(link.source_id, link.quote, link.date_text, None) for link in moving])
            insert_events(connection, [record], who, links=rows)
            audit.record(connection, who, target, "split_from", 1, {"split_from": {"old": None, "new": event_id}})
        primary = cited_to(connection, stored, staying) if moving[0] == stored.links[0] else {}
        values = {name: value for name, value in primary.items() if name != "source_ids"}
        changes = audit.field_changes(
            stored.fields, primary | {"source_ids": tuple(link.source_id for link in staying)}
        )
        changes["split_to"] = {"old": None, "new": target}
        save_version(connection, stored, values, who, "split", changes)
    return target


def live_event(connection: Connection, event_id: str) -> StoredEvent:
    """The event, locked for this transaction; a deleted one cannot take part in a merge or split."""
    event = load_event(connection, event_id, lock=True)
    if event.deleted:
        raise StoreError(f"event {event_id!r} is deleted ({event.deleted_reason}); undo that first")
    return event


def merged_origin(
    connection: Connection, stored: StoredEvent, moving: list[Link], new_event_id: str | None
) -> StoredEvent | None:
    """The event that `moving` all came from by a merge into `stored`, if it is still hidden as merged."""
    origins = {link.merged_from for link in moving}
    if len(origins) != 1 or None in origins or new_event_id not in (None, *origins):
        return None
    former = load_event(connection, origins.pop(), lock=True)
    if former.deleted_reason == MERGED and former.merged_into == stored.event_id:
        return former
    return None


def cited_to(connection: Connection, stored: StoredEvent, links: list[Link]) -> dict:
    """The primary-source fields of `stored` when it is cited to `links` instead, the first being primary."""
    primary = links[0]
    source = connection.execute(select(tables.sources).where(tables.sources.c.source_id == primary.source_id)).one()
    return {
        "source_ids": tuple(link.source_id for link in links),
        "source_name": source.name,
        "source_url": source.url or None,
        "source_lang": source.lang,
        "published": source.published,
        "quote": primary.quote,
        "date_text": primary.date_text or stored.fields["date_text"],
    }


def replace_links(connection: Connection, event_id: str, links: list[Link]) -> None:
    """Make `links`, in order, the event's only source links."""
    table = tables.event_sources
    connection.execute(delete(table).where(table.c.event_id == event_id))
    rows = link_dicts(event_id, links)
    if rows:
        connection.execute(table.insert(), rows)


def link_dicts(event_id: str, links: list[Link]) -> list[dict]:
    return [
        {
            "event_id": event_id,
            "source_id": link.source_id,
            "position": position,
            "quote": link.quote,
            "date_text": link.date_text,
            "merged_from": link.merged_from,
        }
        for position, link in enumerate(links)
    ]


def free_id(connection: Connection, stem: str) -> str:
    """`stem`, or `stem-2`, `stem-3`... whichever the store does not hold yet."""
    candidates = [stem] + [f"{stem}-{number}" for number in range(2, 100)]
    taken = existing_ids(connection, candidates)
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    raise StoreError(f"no free id left for {stem!r}; pass new_event_id")
