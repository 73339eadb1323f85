"""Country codes: ISO 3166-1 alpha-2 (through pycountry) plus the few extras in the vocabulary."""

from __future__ import annotations

from functools import cache

import pycountry

from timeline.vocabulary import VocabularyError, country_fixes, extra_countries


@cache
def country_name(code: str) -> str:
    """English short name for a canonical code, e.g. CN -> China."""
    extras = extra_countries()
    if code in extras:
        return extras[code]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


@cache
def canonical_country(raw: str) -> str:
    """Map a code or an English name to its alpha-2 code; raise on anything unknown."""
    text = str(raw).strip()
    upper = text.upper()
    upper = country_fixes().get(upper, upper)
    if upper in extra_countries():
        return upper
    if len(upper) == 2 and pycountry.countries.get(alpha_2=upper):
        return upper
    if len(upper) == 3 and (country := pycountry.countries.get(alpha_3=upper)):
        return country.alpha_2
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        raise VocabularyError(f"unknown country {raw!r}; use an ISO 3166 code such as CN or US") from None
