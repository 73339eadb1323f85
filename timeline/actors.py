"""The actor registry: canonical names, kinds, countries and aliases in several languages."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from loaders import arabic
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
    disabled: bool = False  # no longer offered for new events; events naming it keep the name

    def all_names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias, in every language."""
        names = [self.name]
        for language_names in self.aliases.values():
            names.extend(language_names)
        return tuple(dict.fromkeys(names))


@lru_cache(maxsize=65_536)  # names recur across sentences and articles; the key is a pure function of them
def name_key(name: str) -> str:
    """A name compared across spellings: normalized, case-folded, without spaces, one letter for g."""
    return "".join(arabic.normalize(name).split()).casefold().replace("غ", "ج")


class ActorRegistry:
    """Actors by canonical name, with a case-insensitive index of every alias and one of their spelling variants."""

    def __init__(self, actors: tuple[Actor, ...]):
        self.actors = actors
        self.by_name = {actor.name: actor for actor in actors}
        self._alias_index = {alias.casefold(): actor.name for actor in actors for alias in actor.all_names()}
        self._variant_index: dict[str, str] | None = None  # built on the first miss: most lookups hit exactly

    def resolve(self, name: str) -> str | None:
        """Canonical name for a name or alias (case-insensitive), else for a variant spelling of one, else None.

        «شي جين بينج» finds «شي جين بينغ»: Arabic letter variants, diacritics and spaces do not count.
        """
        found = self._alias_index.get(name.strip().casefold())
        if found is not None or not name.strip():
            return found
        if self._variant_index is None:
            variants: dict[str, str] = {}
            for actor in self.actors:
                for alias in actor.all_names():
                    variants.setdefault(name_key(alias), actor.name)
            self._variant_index = variants
        return self._variant_index.get(name_key(name))


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


# ---------------------------------------------------------------------------------------------
# Every country's government, from pycountry's names and translations
# ---------------------------------------------------------------------------------------------

GOVERNMENTS_FILE = DATA_DIR / "governments.yaml"
GOVERNMENT_LOCALES = {"ar": ("ar",), "zh": ("zh_CN", "zh_TW")}


def government_name(plain_english_name: str) -> str:
    """The canonical name of a country's government: "Government of Japan", "Government of the United States"."""
    return f"Government of {plain_english_name}"


@cache
def government_actors() -> tuple[Actor, ...]:
    """One government_body actor per ISO 3166 country, named in English, Arabic and Chinese.

    Names come from the translations pycountry ships; data/governments.yaml gives plain names where
    the ISO name is formal ("Korea, Republic of" is South Korea), other names it goes by ("also":
    Britain), the adjective of its people ("Dutch government", "Dutch authorities") and capitals
    that stand for a government. An ISO name with a comma ("Iran, Islamic Republic of") is not used as an alias.
    """
    import gettext

    import pycountry

    with open(GOVERNMENTS_FILE, encoding="utf-8") as handle:
        overrides = yaml.safe_load(handle) or {}
    translations = {
        locale: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
        for locales in GOVERNMENT_LOCALES.values()
        for locale in locales
    }
    actors = []
    for country in pycountry.countries:
        override = overrides.get(country.alpha_2) or {}
        iso_name = country.name
        plain = override.get("en") or getattr(country, "common_name", None) or iso_name
        english = [plain.removeprefix("the ")]
        aliases: dict[str, list[str]] = {"en": english}
        for language, locales in GOVERNMENT_LOCALES.items():
            names = list(override.get(language) or [])
            names += [translations[locale].gettext(iso_name) for locale in locales]
            names = [name for name in dict.fromkeys(names) if "," not in name and "،" not in name]
            if language == "ar":
                suffix_forms = [f"حكومة {name}" for name in names]
                # «الحكومة الهولندية», «السلطات الكندية»: the adjective of a one-word name.
                for adjective in (_arabic_adjective(name) for name in names if " " not in name):
                    suffix_forms += [f"الحكومة {adjective}", f"السلطات {adjective}"]
            else:
                suffix_forms = [f"{name}{word}" for name in names for word in ("政府", "当局", "當局")]
            aliases[language] = names + suffix_forms
        english.append(f"{plain.removeprefix('the ')} government")
        if override.get("people"):
            english += [f"{override['people']} {word}" for word in ("government", "authorities", "officials")]
        for language, names in (override.get("also") or {}).items():
            aliases.setdefault(language, []).extend(names)
        for language, capital in (override.get("capitals") or {}).items():
            aliases.setdefault(language, []).append(capital)
        actors.append(
            Actor(
                name=government_name(plain),
                kind="government_body",
                country=country.alpha_2,
                aliases={language: tuple(dict.fromkeys(names)) for language, names in aliases.items()},
            )
        )
    return tuple(actors)


def _arabic_adjective(name: str) -> str:
    """The feminine relative adjective of an Arabic country name: الصين → الصينية, هولندا → الهولندية."""
    stem = name.removeprefix("ال").rstrip("اّ").replace("ّ", "")
    return f"ال{stem}ية"


_WITH_GOVERNMENTS: dict[int, tuple[ActorRegistry, ActorRegistry]] = {}


def with_governments(registry: ActorRegistry) -> ActorRegistry:
    """The registry plus every country's government; its own entries win any name they already use.

    A government the registry already has ("Government of China") gains the generated aliases
    that name nobody else.
    """
    cached = _WITH_GOVERNMENTS.get(id(registry))
    if cached and cached[0] is registry:
        return cached[1]
    taken = {alias.casefold(): actor.name for actor in registry.actors for alias in actor.all_names()}
    extra = {}
    for government in government_actors():
        free = {
            language: tuple(name for name in names if taken.get(name.casefold(), government.name) == government.name)
            for language, names in government.aliases.items()
        }
        existing = registry.by_name.get(government.name)
        if existing is not None:
            merged = {language: tuple(dict.fromkeys(existing.aliases.get(language, ()) + free.get(language, ())))
                      for language in {*existing.aliases, *free}}  # fmt: skip
            extra[government.name] = dataclasses.replace(existing, aliases=merged)
        elif taken.get(government.name.casefold()) is None:
            extra[government.name] = Actor(government.name, government.kind, government.country, free)
    actors = tuple(extra.pop(actor.name, actor) for actor in registry.actors) + tuple(extra.values())
    combined = ActorRegistry(actors)
    _WITH_GOVERNMENTS[id(registry)] = (registry, combined)
    return combined
