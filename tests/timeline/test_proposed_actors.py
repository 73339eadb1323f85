"""Proposed actors: listed from the review queue, accepted into or merged with the store's registry,
on SQLite and on PostgreSQL when POLICY_TIMELINE_TEST_PG_URL is set."""

import pytest

from loaders.articles import extract_events
from tests.timeline.database.conftest import BACKENDS, PG_URL
from timeline.database import add_events, ensure_seeded, open_store, read_event
from timeline.proposed_actors import accept_actor, known_actors, merge_actor, proposed_actors

# Our own sentence: two people the curated registry does not know, each after a role word.
SENTENCE = (
    "Commerce Secretary Gina Raimondo met Nvidia chief executive Jensen Huang in Washington on 3 March 2025 "
    "to discuss the chip export rules."
)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        from bench._postgres import reset_postgres

        reset_postgres(PG_URL)
        url = PG_URL
    engine = open_store(url, team=False)
    ensure_seeded(engine)
    candidates = extract_events(SENTENCE, "2025-03-05", "en", "Test wire", "https://example.org/a")
    add_events(engine, candidates, "Importer")
    yield engine, candidates
    engine.dispose()


def test_queue_proposes_the_unknown_names_with_their_cue(store):
    engine, candidates = store
    proposals = proposed_actors(candidates, known_actors(engine)).set_index("name")
    assert set(proposals.index) == {"Gina Raimondo", "Jensen Huang"}
    assert proposals.loc["Jensen Huang", "kind"] == "person"
    assert proposals.loc["Jensen Huang", "cue"] == "role word"
    assert proposals.loc["Gina Raimondo", "lang"] == "en"
    assert list(proposals.loc["Gina Raimondo", "event_ids"]) == list(candidates["event_id"])


def test_accepted_name_joins_the_registry(store):
    engine, candidates = store
    accept_actor(engine, "Jensen Huang", "person", "en")
    known = known_actors(engine)
    assert known.resolve("jensen huang") == "Jensen Huang"
    assert "Jensen Huang" not in set(proposed_actors(candidates, known)["name"])


def test_merged_name_becomes_an_alias_and_the_candidates_follow(store):
    engine, candidates = store
    event_id = candidates["event_id"].iloc[0]
    changed = merge_actor(engine, "Gina Raimondo", "US Department of Commerce", "en", [event_id], "Reviewer")
    assert changed == 1
    assert known_actors(engine).resolve("Gina Raimondo") == "US Department of Commerce"
    actors = read_event(engine, event_id).fields["actors"]
    assert "US Department of Commerce" in actors and "Gina Raimondo" not in actors
