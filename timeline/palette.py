"""Each category's colour and marker symbol, read from data/palette.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from timeline.paths import DATA_DIR
from timeline.vocabulary import categories


@dataclass(frozen=True)
class Style:
    """How one category is drawn: its family's colour and its own marker symbol."""

    family: str
    colour: str
    symbol: str


@cache
def category_styles() -> dict[str, Style]:
    """Every category of the vocabulary, in vocabulary order, with its style; an unlisted one is an error."""
    path = DATA_DIR / "palette.yaml"
    with open(path, encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    colours = document["colours"]
    styles: dict[str, Style] = {}
    for family, entry in document["families"].items():
        if entry["colour"] not in colours:
            raise ValueError(f"{path.name}, family {family!r}: colour {entry['colour']!r} is not under 'colours'")
        for category, symbol in entry["categories"].items():
            if category in styles:
                raise ValueError(f"{path.name}, family {family!r}: category {category!r} is listed twice")
            styles[category] = Style(family, colours[entry["colour"]], symbol)
    vocabulary = list(categories().values)
    missing = [name for name in vocabulary if name not in styles]
    unknown = [name for name in styles if name not in vocabulary]
    if missing or unknown:
        raise ValueError(f"{path.name}: categories without a style {missing}, styles for unknown categories {unknown}")
    return {name: styles[name] for name in vocabulary}
