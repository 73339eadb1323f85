"""The actor registry's forms as text: aliases one language a line, terms of office one a line, and the searchable list."""

from __future__ import annotations

import pandas as pd

from timeline.actors import Actor, ActorRegistry, name_key
from timeline.database.actor_registry import StoredActor

REGISTRY_COLUMNS = ["name", "kind", "country", "aliases", "status"]


def aliases_text(aliases: dict[str, tuple[str, ...]]) -> str:
    """{"zh": ("习近平", "習近平")} -> "zh: 习近平, 習近平", one language a line."""
    return "\n".join(f"{lang}: {', '.join(names)}" for lang, names in aliases.items())


def parse_aliases(text: str) -> dict[str, list[str]]:
    """The aliases box back to {language: names}; a line without "language:" is refused, naming the line."""
    aliases: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        lang, colon, names = line.partition(":")
        if not colon or not lang.strip() or " " in lang.strip():
            raise ValueError(
                f"aliases, line {number}: write a language code, a colon, then the names (zh: 习近平, 習近平)"
            )
        # Arabic and Chinese writers separate with their own commas.
        for separator in ("،", "，", "、"):
            names = names.replace(separator, ",")
        aliases.setdefault(lang.strip().lower(), []).extend(name.strip() for name in names.split(",") if name.strip())
    return aliases


def terms_text(terms: dict[str, tuple[str, str]]) -> str:
    """{"first term": ("2017-01-20", "2021-01-20")} -> "first term: 2017-01-20 to 2021-01-20"."""
    return "\n".join(f"{label}: {start} to {end}" for label, (start, end) in terms.items())


def parse_terms(text: str) -> dict[str, tuple[str, str]]:
    """The terms box back to {label: (start, end)}; the dates are checked by the store."""
    terms: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, colon, span = line.rpartition(":")
        start, word, end = span.partition(" to ")
        if not colon or not word or not label.strip():
            raise ValueError(
                f"terms, line {number}: write a label, a colon, then two dates (first term: 2017-01-20 to 2021-01-20)"
            )
        terms[label.strip()] = (start.strip(), end.strip())
    return terms


def registry_rows(stored: list[StoredActor], query: str = "") -> pd.DataFrame:
    """The registry as a table, narrowed to actors any of whose names contain `query` in any script or spelling."""
    wanted = name_key(query) if query.strip() else ""
    rows = []
    for item in stored:
        actor: Actor = item.actor
        if wanted and not any(wanted in name_key(name) for name in actor.all_names()):
            continue
        status = f"merged into {item.merged_into}" if item.merged_into else "disabled" if actor.disabled else "active"
        aliases = " · ".join(name for name in actor.all_names()[1:])
        rows.append([actor.name, actor.kind, actor.country or "", aliases, status])
    return pd.DataFrame(rows, columns=REGISTRY_COLUMNS)


def resolved_actors(names: list[str], registry: ActorRegistry) -> tuple[tuple[str, ...], list[str]]:
    """Each name as its canonical actor, in order and once; and the names the registry does not know (kept as typed)."""
    canonical, unknown = [], []
    for name in (" ".join(name.split()) for name in names):
        if not name:
            continue
        found = registry.resolve(name)
        canonical.append(found or name)
        if found is None:
            unknown.append(name)
    return tuple(dict.fromkeys(canonical)), list(dict.fromkeys(unknown))
