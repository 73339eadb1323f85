"""Seeded synthetic events that look like the real ones, at any size, for the scale benchmark."""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline import vocabulary
from timeline.schema import COLUMNS, FIELDS_BY_NAME, Field, enforce_schema

FIRST_DAY = np.datetime64("1996-01-01")
YEARS = 30
ACTOR_COUNT = 1_000
ACTOR_KINDS = ("Minister", "Company", "Agency", "Institute", "Envoy", "Ministry", "Council", "Lab")
# Mostly exact days, then the vaguer precisions in roughly the proportions analysts' imports show.
PRECISION_SHARES = {"day": 0.70, "range": 0.08, "month": 0.12, "year": 0.04, "season": 0.03, "week": 0.01, "quarter": 0.01, "undated": 0.01}  # fmt: skip
ACTORS_PER_EVENT_SHARES = (0.45, 0.30, 0.15, 0.10)  # one, two, three or four actors
COUNTRIES = (
    "CN", "US", "FR", "DE", "GB", "JP", "KR", "IN", "RU", "BR", "ZA", "AU", "CA", "IT", "ES", "NL", "SE", "CH",
    "SA", "AE", "EG", "TR", "IR", "IL", "SG", "MY", "ID", "VN", "TH", "PH", "MX", "AR", "CL", "NG", "KE", "PK",
    "UA", "PL", "BE", "TW",
)  # fmt: skip
OUTLETS = tuple(f"Outlet {number:02d}" for number in range(50))
LANGUAGES = ("en", "ar", "zh", "fr", "de", "es", "ru")
VERBS = ("meets", "announces", "criticises", "signs", "visits", "sanctions", "welcomes", "rejects", "proposes")
TOPICS = (
    "chip exports", "a trade deal", "AI safety rules", "rare earth quotas", "a tariff review", "a state visit",
    "battery subsidies", "a research partnership", "data localisation", "a model release", "port access",
    "satellite launches", "an investment fund", "student visas", "a cyber incident", "grain shipments",
)  # fmt: skip


def actor_names(count: int = ACTOR_COUNT) -> list[str]:
    """Distinct, readable actor names such as 'Agency 017'."""
    return [f"{ACTOR_KINDS[number % len(ACTOR_KINDS)]} {number:03d}" for number in range(count)]


def raw_events(size: int, seed: int = 7) -> pd.DataFrame:
    """Loader-shaped rows (Python values, no dtypes yet) with skewed actors and mixed precisions."""
    rng = np.random.default_rng(seed)
    names = actor_names()
    # Zipf-like: the busiest actor appears in a large share of events, most actors rarely.
    weights = 1.0 / np.arange(1, len(names) + 1) ** 1.1
    picks = rng.choice(len(names), size=(size, 4), p=weights / weights.sum())
    counts = rng.choice(4, size=size, p=ACTORS_PER_EVENT_SHARES) + 1
    starts, ends, precisions = _intervals(rng, size)
    categories = list(vocabulary.categories().values)
    category_weights = np.linspace(2.0, 0.5, len(categories))
    category_picks = rng.choice(len(categories), size=size, p=category_weights / category_weights.sum())
    country_picks = rng.choice(len(COUNTRIES), size=(size, 2))
    two_countries = rng.random(size) < 0.3
    outlet_picks = rng.integers(len(OUTLETS), size=size)
    language_picks = rng.choice(len(LANGUAGES), size=size, p=(0.55, 0.15, 0.15, 0.05, 0.04, 0.03, 0.03))
    verb_picks = rng.integers(len(VERBS), size=size)
    topic_picks = rng.integers(len(TOPICS), size=size)
    has_summary = rng.random(size) < 0.3
    has_quote = rng.random(size) < 0.2
    unreviewed = rng.random(size) < 0.1
    actors = [tuple(dict.fromkeys(names[code] for code in row[:count])) for row, count in zip(picks.tolist(), counts.tolist(), strict=True)]  # fmt: skip
    titles = [
        f"{event_actors[0]} {VERBS[verb]} {TOPICS[topic]}"
        for event_actors, verb, topic in zip(actors, verb_picks.tolist(), topic_picks.tolist(), strict=True)
    ]
    return pd.DataFrame(
        {
            "event_id": [f"ev-{number:07d}" for number in range(size)],
            "title": titles,
            "summary": [
                f"{title}, according to officials." if keep else None
                for title, keep in zip(titles, has_summary, strict=True)
            ],  # fmt: skip
            "date_start": starts,
            "date_end": ends,
            "date_precision": precisions,
            "date_text": [str(day) for day in starts.astype("datetime64[D]").tolist()],
            "category": [categories[code] for code in category_picks.tolist()],
            "actors": actors,
            "countries": [
                (COUNTRIES[first], COUNTRIES[second]) if both and first != second else (COUNTRIES[first],)
                for (first, second), both in zip(country_picks.tolist(), two_countries.tolist(), strict=True)
            ],
            "location": None,
            "source_name": [OUTLETS[code] for code in outlet_picks.tolist()],
            "source_url": [
                f"https://outlet{code:02d}.example/{number}" for number, code in enumerate(outlet_picks.tolist())
            ],  # fmt: skip
            "source_lang": [LANGUAGES[code] for code in language_picks.tolist()],
            "published": None,
            "quote": [
                f"«{TOPICS[topic]}»" if keep else None
                for topic, keep in zip(topic_picks.tolist(), has_quote, strict=True)
            ],  # fmt: skip
            "source_ids": [(f"src-{code:02d}",) for code in outlet_picks.tolist()],
            "status": np.where(unreviewed, "unreviewed", "accepted"),
            "confidence": np.where(unreviewed, 0.6, 1.0),
        },
        columns=list(COLUMNS),
    )


def _intervals(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end days that fit each precision exactly, as enforce_schema demands."""
    precisions = rng.choice(list(PRECISION_SHARES), size=size, p=list(PRECISION_SHARES.values()))
    days = FIRST_DAY + rng.integers(0, 365 * YEARS, size=size).astype("timedelta64[D]")
    months = days.astype("datetime64[M]")
    years = days.astype("datetime64[Y]")
    month_start = months.astype("datetime64[D]")
    year_start = years.astype("datetime64[D]")
    three_months_start = (months - (months.astype(int) % 3)).astype("datetime64[D]")
    starts = days.copy()
    ends = days.copy()
    chosen = {name: precisions == name for name in PRECISION_SHARES}
    ends[chosen["range"]] += rng.integers(1, 6, size=int(chosen["range"].sum())).astype("timedelta64[D]")
    starts[chosen["month"]] = month_start[chosen["month"]]
    ends[chosen["month"]] = (months[chosen["month"]] + 1).astype("datetime64[D]") - 1
    for name in ("season", "quarter"):
        starts[chosen[name]] = three_months_start[chosen[name]]
        ends[chosen[name]] = (three_months_start[chosen[name]].astype("datetime64[M]") + 3).astype("datetime64[D]") - 1
    ends[chosen["week"]] += 6
    for name in ("year", "undated"):
        starts[chosen[name]] = year_start[chosen[name]]
        ends[chosen[name]] = (years[chosen[name]] + 1).astype("datetime64[D]") - 1
    return starts, ends, precisions


def synthetic_events(size: int, seed: int = 7) -> pd.DataFrame:
    """The synthetic events through the project's own schema check (slow at a million rows)."""
    return enforce_schema(raw_events(size, seed), origin=f"synthetic-{size}")


def synthetic_events_fast(size: int, seed: int = 7) -> pd.DataFrame:
    """The same frame as synthetic_events, built column-wise: the values are valid by construction."""
    return cast_columns(raw_events(size, seed))


def cast_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """Give raw rows the schema's dtypes a column at a time, skipping the per-value checks.

    Only for values valid by construction; the bench checks the result equals enforce_schema's.
    """
    return pd.DataFrame({name: _cast_column(FIELDS_BY_NAME[name], raw[name]) for name in COLUMNS})


def _cast_column(field: Field, column: pd.Series) -> pd.Series | pd.Categorical:
    if field.kind == "text":
        return column.astype("str").where(column.notna(), None).astype("str")
    if field.kind == "date":
        return pd.to_datetime(column).astype("datetime64[us]")
    if field.kind == "number":
        return column.astype("float64")
    if field.kind == "names":
        return column.astype("object")
    allowed = list(field.vocabulary().values) if field.vocabulary else sorted(set(column.dropna()))
    return pd.Categorical(column, categories=pd.Index(allowed, dtype="str"))
