import datetime as dt

import numpy as np
import pandas as pd
import pytest

from bench._synthetic import synthetic_events_fast
from tests.conftest import make_events
from timeline.actors import default_registry
from timeline.filters import (
    Filters,
    apply_filters,
    describe,
    filtered_positions,
    from_query_params,
    search_terms,
    to_query_params,
    with_actor_names,
)
from timeline.index import build_index


def ids(frame):
    return list(frame["event_id"])


def test_no_filter_keeps_everything_in_date_order(events):
    assert ids(apply_filters(events, Filters())) == [
        "cancelled-trip",
        "declined-invitation",
        "paris-summit",
        "symposium",
    ]


def test_any_of_and_all_of_actors(events):
    anyone = Filters(actors=("Liang Wenfeng", "Emmanuel Macron"))
    assert ids(apply_filters(events, anyone)) == ["declined-invitation", "paris-summit", "symposium"]
    both = Filters(actors=("Liang Wenfeng", "Xi Jinping"), actor_mode="all")
    assert ids(apply_filters(events, both)) == ["symposium"]


def test_categories_and_countries(events):
    assert ids(apply_filters(events, Filters(categories=("summit", "meeting")))) == ["paris-summit", "symposium"]
    assert ids(apply_filters(events, Filters(countries=("FR",)))) == ["declined-invitation", "paris-summit"]


def test_date_range_keeps_events_whose_interval_overlaps(events):
    # The month-long February event overlaps 15-16 February; the day events on either side do not.
    window = Filters(date_from=dt.date(2025, 2, 15), date_to=dt.date(2025, 2, 16))
    assert ids(apply_filters(events, window)) == ["declined-invitation"]
    assert ids(apply_filters(events, Filters(date_to=dt.date(2024, 6, 30)))) == ["cancelled-trip"]


def test_text_search_covers_title_summary_and_quote_in_any_script(events):
    assert ids(apply_filters(events, Filters(text="attended"))) == ["symposium"]
    assert ids(apply_filters(events, Filters(text="شي جين"))) == ["symposium"]
    assert ids(apply_filters(events, Filters(text="paris SUMMIT"))) == ["declined-invitation", "paris-summit"]
    assert ids(apply_filters(events, Filters(text="summit zzz"))) == []


DAY = {
    "date_start": "2025-02-10",
    "date_end": "2025-02-10",
    "date_precision": "day",
    "category": "summit",
    "actors": (),
}


def test_text_search_words_are_literal_and_case_is_ignored_beyond_ascii():
    events = make_events(
        {"event_id": "paris", "title": "Sommet pour l'action sur l'IA", "summary": "ÉTÉ 2025 À PARIS", **DAY},
        {"event_id": "rule", "title": "Export rule 3A090.a revised", "quote": "«Ø»", **DAY},
    )
    index = build_index(events)
    for query, expected in [("été à", ["paris"]), ("3a090.A", ["rule"]), ("3a090+a", []), ("ø", ["rule"])]:
        assert ids(apply_filters(events, Filters(text=query))) == expected
        assert ids(apply_filters(events, Filters(text=query), index=index)) == expected


def test_hide_imprecise_keeps_days_and_day_ranges(events):
    assert ids(apply_filters(events, Filters(precise_only=True))) == ["paris-summit", "symposium"]


def test_reviewed_only(events):
    assert "cancelled-trip" not in ids(apply_filters(events, Filters(include_unreviewed=False)))


def test_query_parameters_round_trip():
    chosen = Filters(
        actors=("Liang Wenfeng", "Xi Jinping"),
        actor_mode="all",
        categories=("meeting",),
        countries=("CN",),
        date_from=dt.date(2025, 1, 1),
        date_to=dt.date(2025, 3, 31),
        text="AI",
        precise_only=True,
    )
    params = to_query_params(chosen)
    assert params["actor"] == ["Liang Wenfeng", "Xi Jinping"]
    assert params["from"] == "2025-01-01"
    as_url = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    assert from_query_params(as_url) == (chosen, [])


def test_default_filters_write_no_parameters():
    assert to_query_params(Filters()) == {}


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"from": ["17/02/2025"]}, "from='17/02/2025' is not a date"),
        ({"actor_mode": ["most"]}, "actor_mode='most'"),
        ({"precise": ["yes"]}, "precise='yes' must be 0 or 1"),
    ],
)
def test_bad_link_values_are_reported_not_fatal(params, problem):
    chosen, problems = from_query_params({**params, "actor": ["Xi Jinping"]})
    assert chosen.actors == ("Xi Jinping",)
    assert any(problem in found for found in problems)


def test_describe_reads_like_a_sentence():
    assert describe(Filters()) == "all events"
    text = describe(Filters(actors=("A", "B"), actor_mode="all", date_from=dt.date(2025, 1, 1)))
    assert text == "actors: A and B; dates: 2025-01-01 to …"


def test_the_index_gives_the_same_rows_on_the_fixture(events):
    index = build_index(events)
    for chosen in (
        Filters(),
        Filters(actors=("Liang Wenfeng", "Xi Jinping"), actor_mode="all"),
        Filters(actors=("Liang Wenfeng", "Nobody"), actor_mode="all"),
        Filters(actors=("Liang Wenfeng", "Nobody")),
        Filters(countries=("FR", "US")),
        Filters(text="شي جين"),
    ):
        pd.testing.assert_frame_equal(apply_filters(events, chosen, index=index), apply_filters(events, chosen))


@pytest.fixture(scope="module")
def synthetic():
    events = synthetic_events_fast(4_000, seed=11)
    return events, build_index(events)


def random_filters(rng, events):
    """A seeded mix of every filter, each present about half the time."""
    actors = events["actors"].explode().dropna().unique()
    countries = events["countries"].explode().dropna().unique()
    words = ["tariff", "Agency", "meets", "officials", "«chip", "zzz", "AI safety", "0"]
    start = dt.date(1996, 1, 1) + dt.timedelta(days=int(rng.integers(0, 30 * 365)))

    def maybe(value, default):
        return value if rng.random() < 0.5 else default

    return Filters(
        actors=maybe(tuple(rng.choice(actors, size=int(rng.integers(1, 4)))), ()),
        actor_mode=str(rng.choice(["any", "all"])),
        categories=maybe(tuple(rng.choice(events["category"].cat.categories, size=3)), ()),
        countries=maybe(tuple(rng.choice(countries, size=2)), ()),
        date_from=maybe(start, None),
        date_to=maybe(start + dt.timedelta(days=int(rng.integers(0, 3_000))), None),
        text=maybe(str(rng.choice(words)), ""),
        precise_only=bool(rng.random() < 0.3),
        include_unreviewed=bool(rng.random() < 0.7),
    )


def test_indexed_filters_equal_plain_ones_on_random_combinations(synthetic):
    events, index = synthetic
    rng = np.random.default_rng(2025)
    matched = 0
    for _ in range(60):
        chosen = random_filters(rng, events)
        expected = apply_filters(events, chosen)
        pd.testing.assert_frame_equal(apply_filters(events, chosen, index=index), expected)
        matched += len(expected) > 0
    assert matched > 20  # the combinations do keep rows, so equality is not just two empty frames


def test_all_of_actor_mode_through_the_index(synthetic):
    events, index = synthetic
    pair = events.loc[events["actors"].map(len) >= 2, "actors"].iloc[0][:2]
    chosen = Filters(actors=pair, actor_mode="all")
    kept = apply_filters(events, chosen, index=index)
    assert len(kept) >= 1 and kept["actors"].map(set(pair).issubset).all()
    assert len(kept) < len(apply_filters(events, Filters(actors=pair), index=index))


def test_an_index_of_another_frame_is_refused(events, synthetic):
    _, index = synthetic
    with pytest.raises(ValueError, match="rebuild"):
        apply_filters(events, Filters(), index=index)


def test_search_terms_keep_the_longest_run_of_words_that_names_an_actor():
    resolve = default_registry().resolve
    assert search_terms("شي جين بينغ tariffs", resolve) == (("شي جين بينغ", "Xi Jinping"), ("tariffs", None))
    assert search_terms("梁文锋", resolve) == (("梁文锋", "Liang Wenfeng"),)
    assert search_terms("paris summit", resolve) == (("paris", None), ("summit", None))


@pytest.mark.parametrize("with_index", [False, True])
def test_an_alias_in_any_script_finds_its_actors_events_in_the_filter_and_the_search(events, with_index):
    resolve = default_registry().resolve

    def shown(filters: Filters) -> list[str]:
        named = with_actor_names(filters, resolve)
        if with_index:
            return sorted(events["event_id"].to_numpy()[filtered_positions(events, named, build_index(events))])
        return ids(apply_filters(events, named))

    # No event's text holds 梁文锋 or the Arabic spelling of Liang Wenfeng: only the actor does.
    liang = ["declined-invitation", "symposium"]
    assert shown(Filters(actors=("梁文锋",))) == liang
    assert shown(Filters(actors=("ليانغ وينفنغ",))) == liang
    assert shown(Filters(text="梁文锋")) == liang
    assert shown(Filters(text="ليانج وينفنج")) == liang
    assert shown(Filters(text="ليانج وينفنج paris")) == ["declined-invitation"]
    assert shown(Filters(actors=("习近平",))) == ["symposium"]
    # Without the registry's terms the same search looks in the text alone and finds nothing.
    assert ids(apply_filters(events, Filters(text="梁文锋"))) == []


def test_outlet_language_exact_precision_and_confidence(events):
    arabic = events.assign(source_name=["Tafsela", "Test source", "Test source", "Test source"])
    assert ids(apply_filters(arabic, Filters(outlets=("Tafsela",)))) == ["symposium"]
    assert ids(apply_filters(events, Filters(languages=("ar",)))) == ["symposium"]
    assert ids(apply_filters(events, Filters(precisions=("month", "year")))) == [
        "cancelled-trip",
        "declined-invitation",
    ]
    assert ids(apply_filters(events, Filters(min_confidence=0.7))) == [
        "declined-invitation",
        "paris-summit",
        "symposium",
    ]
    assert ids(apply_filters(events, Filters(min_confidence=0.6))) == ids(apply_filters(events, Filters()))


def test_tags_keep_the_events_carrying_any_of_them(events):
    from timeline.tags import tag_column, with_tag_events

    tags = pd.DataFrame({"event_id": ["symposium", "paris-summit", "symposium"], "tag": ["summit", "summit", "Xi"]})
    chosen = with_tag_events(Filters(tags=("Xi",)), tags)
    assert chosen.tag_events == frozenset({"symposium"})
    assert ids(apply_filters(events, chosen)) == ["symposium"]
    assert ids(apply_filters(events, with_tag_events(Filters(tags=("summit", "nothing")), tags))) == [
        "paris-summit",
        "symposium",
    ]
    assert tag_column(events["event_id"], tags).tolist() == ["summit; Xi", "summit", "", ""]


def test_the_curation_filters_go_through_the_link_and_the_description():
    chosen = Filters(
        tags=("travel ban", "Xi"), outlets=("CNA",), languages=("ar",), precisions=("month",), min_confidence=0.75
    )
    params = to_query_params(chosen)
    assert params == {
        "tag": ["travel ban", "Xi"],
        "outlet": ["CNA"],
        "lang": ["ar"],
        "precision": ["month"],
        "confidence": "0.75",
    }
    read, problems = from_query_params(
        {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    )
    assert (read, problems) == (chosen, [])
    assert describe(chosen) == (
        "tags: travel ban, Xi; outlets: CNA; source languages: ar; date precision: month; confidence at least 0.75"
    )
    assert from_query_params({"confidence": ["1.5"]})[1] == ["confidence='1.5' is not a number from 0 to 1"]
    assert from_query_params({"confidence": ["high"]})[1] == ["confidence='high' is not a number from 0 to 1"]


def test_the_curation_filters_through_the_index_equal_plain_ones(events):
    index = build_index(events)
    for chosen in (
        Filters(languages=("ar",)),
        Filters(precisions=("range",), min_confidence=0.5),
        Filters(outlets=("Test source",), countries=("CN",)),
    ):
        pd.testing.assert_frame_equal(apply_filters(events, chosen, index=index), apply_filters(events, chosen))
