"""The bundled policy threads in data/threads.yaml: named chains of curated events, each with its stage."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from timeline.paths import DATA_DIR
from timeline.schema import SchemaError
from timeline.vocabulary import VocabularyError, thread_stages

THREADS_FILE = DATA_DIR / "threads.yaml"
THREAD_KEYS = {"id", "name", "summary", "events"}
LINK_KEYS = {"event", "stage"}
THREAD_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class ThreadLink:
    event_id: str
    stage: str


@dataclass(frozen=True)
class Thread:
    thread_id: str
    name: str
    summary: str
    links: tuple[ThreadLink, ...]


def load(path: Path = THREADS_FILE, known_events: Collection[str] | None = None) -> list[Thread]:
    """Every thread in the file; a mistake names the file, the entry and the field.

    With `known_events`, an event id outside it is a mistake too.
    """
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise SchemaError(str(path), None, "yaml", str(error).replace("\n", " ")) from None
    if not isinstance(document, list):
        raise SchemaError(str(path), None, "document", "must be a list of threads")
    threads, seen = [], set()
    for number, entry in enumerate(document, start=1):
        thread = _thread(entry, f"entry {number}", str(path), known_events)
        if thread.thread_id in seen:
            raise SchemaError(str(path), f"entry {number} ({thread.thread_id})", "id", "is used by an earlier thread")
        seen.add(thread.thread_id)
        threads.append(thread)
    return threads


def _thread(entry: object, label: str, origin: str, known_events: Collection[str] | None) -> Thread:
    if not isinstance(entry, dict):
        raise SchemaError(origin, label, "entry", "must be a mapping with id, name and events")
    label = f"{label} ({entry.get('id', 'no id')})"
    unknown = sorted(set(entry) - THREAD_KEYS)
    if unknown:
        raise SchemaError(origin, label, unknown[0], "is not a known thread field")
    for key in ("id", "name", "events"):
        if not entry.get(key):
            raise SchemaError(origin, label, key, "is required but empty")
    thread_id = str(entry["id"])
    if not THREAD_ID.match(thread_id):
        raise SchemaError(origin, label, "id", f"{thread_id!r} must be kebab-case, like us-export-controls")
    if not isinstance(entry["events"], list):
        raise SchemaError(origin, label, "events", "must be a list of {event, stage}")
    links, seen = [], set()
    for position, item in enumerate(entry["events"], start=1):
        field = f"events[{position}]"
        if not isinstance(item, dict) or set(item) != LINK_KEYS:
            raise SchemaError(origin, label, field, "must give exactly an event and a stage")
        event_id = str(item["event"])
        if known_events is not None and event_id not in known_events:
            raise SchemaError(origin, label, field, f"event {event_id!r} is not in the curated events")
        if event_id in seen:
            raise SchemaError(origin, label, field, f"event {event_id!r} is listed twice")
        seen.add(event_id)
        try:
            stage = thread_stages().canonical(str(item["stage"]))
        except VocabularyError as error:
            raise SchemaError(origin, label, field, str(error)) from None
        links.append(ThreadLink(event_id, stage))
    return Thread(thread_id, str(entry["name"]).strip(), str(entry.get("summary") or "").strip(), tuple(links))
