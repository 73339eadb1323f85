"""The actor registry: canonical names, kinds, countries and aliases in several languages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from timeline.countries import canonical_country
from timeline.paths import DATA_DIR
from timeline.schema import SchemaError
from timeline.vocabulary import VocabularyError, actor_kinds

ACTORS_FILE = DATA_DIR / "actors.yaml"


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> names
    # Optional periods of office, e.g. {"first term": ("2017-01-20", "2021-01-20")}.
    terms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def all_names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, in every language."""
        names = [self.name]
        for language_names in self.aliases.values():
            names.extend(language_names)
        return tuple(dict.fromkeys(names))


class ActorRegistry:
    """Actors by canonical name, with a case-insensitive index of every alias."""

    def __init__(self, actors: tuple[Actor, ...]):
        self.actors = actors
        self.by_name = {actor.name: actor for actor in actors}
        self._alias_index = {alias.casefold(): actor.name for actor in actors for alias in actor.all_names()}

    def resolve(self, name: str) -> str | None:
        """Canonical name for a name or alias (case-insensitive), or None when unknown."""
        return self._alias_index.get(name.strip().casefold())


def load_registry(path: Path = ACTORS_FILE) -> ActorRegistry:
    """Read and check the actor registry; errors name the file and the entry."""
    with open(path, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle) or []
    actors, seen = [], {}
    for number, entry in enumerate(entries, start=1):
        label = f"entry {number} ({entry.get('name', '?')})"
        try:
            actor = _actor_from_entry(entry)
        except (KeyError, TypeError, VocabularyError) as error:
            raise SchemaError(str(path), label, "actor", str(error)) from None
        for alias in actor.all_names():
            key = alias.casefold()
            if seen.get(key, actor.name) != actor.name:
                raise SchemaError(str(path), label, "aliases", f"{alias!r} already names {seen[key]!r}")
            seen[key] = actor.name
        actors.append(actor)
    return ActorRegistry(tuple(actors))


@cache
def default_registry() -> ActorRegistry:
    return load_registry()


def _actor_from_entry(entry: dict) -> Actor:
    aliases = {lang: tuple(str(name) for name in names) for lang, names in (entry.get("aliases") or {}).items()}
    terms = {label: (str(span[0]), str(span[1])) for label, span in (entry.get("terms") or {}).items()}
    country = entry.get("country")
    return Actor(
        name=str(entry["name"]).strip(),
        kind=actor_kinds().canonical(entry["kind"]),
        country=canonical_country(country) if country else None,
        aliases=aliases,
        terms=terms,
    )
