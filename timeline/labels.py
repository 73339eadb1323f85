"""Human labels for the codes of the event frame (category, precision, actor kind, status, stage,
confidence, language), read from data/vocabulary.yaml: a page shows 'Government body', never 'government_body'."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pycountry

from timeline.vocabulary import _document

VOCABULARIES = ("categories", "precisions", "actor_kinds", "review_statuses", "thread_stages")


@cache
def _labels(vocabulary: str) -> dict[str, str]:
    return dict(_document()["labels"][vocabulary])


def label(vocabulary: str, code: object) -> str:
    """The label of `code` in `vocabulary` (one of VOCABULARIES); a code the data does not label is
    shown as written, so a new value is visible rather than hidden."""
    if code is None or code != code:  # None or NaN
        return ""
    return _labels(vocabulary).get(str(code), str(code))


def category(code: object) -> str:
    return label("categories", code)


def precision(code: object) -> str:
    return label("precisions", code)


def actor_kind(code: object) -> str:
    return label("actor_kinds", code)


def status(code: object) -> str:
    return label("review_statuses", code)


def stage(code: object) -> str:
    return label("thread_stages", code)


def confidence(value: object) -> str:
    """'High (0.85)': the level from data, with the number it comes from."""
    if value is None or value != value:
        return ""
    number = float(value)
    for level in _document()["confidence_levels"]:
        if number >= level["floor"]:
            return f"{level['label']} ({number:.2f})"
    return f"{number:.2f}"


@cache
def language(code: object) -> str:
    """A language's English name from ISO 639 ('ar' → 'Arabic'); an unknown code as written."""
    text = "" if code is None or code != code else str(code)
    found = pycountry.languages.get(alpha_2=text) if len(text) == 2 else None
    return found.name if found is not None else text


def labelled(values: pd.Series, name_of) -> pd.Series:
    """A column of codes as labels, each distinct code looked up once (a million rows hold a few codes)."""
    codes = values.astype("str")
    return codes.map({code: name_of(code) for code in codes.unique()}).where(values.notna(), "")
