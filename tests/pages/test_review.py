import pytest

from loaders.articles import extract_events
from tests.pages.conftest import open_page
from timeline.database import add_events, read_event, read_events, update_event
from timeline.database.actor_registry import actor_log
from timeline.paths import DATA_DIR
from timeline.proposed_actors import known_actors
from timeline.store import open_seeded_store

FOUNDING_ARTICLE = (DATA_DIR / "articles" / "tafsela-2025-03-01-ai-travel.txt").read_text(encoding="utf-8")


@pytest.fixture
def queued(fresh_store):
    """The founding article's candidates waiting in the review queue of a seeded store."""
    engine = open_seeded_store(fresh_store)
    candidates = extract_events(
        FOUNDING_ARTICLE, "2025-03-01", source_name="Tafsela", source_url="https://tafsela.net/2123"
    )
    add_events(engine, candidates, "Importer")
    return engine, candidates


def review_page(app):
    open_page(app, "pages/review.py")
    app.text_input(key="analyst").input("Reviewer").run()
    return app


def test_queue_lists_candidates_with_the_date_words_marked(app, queued):
    _, candidates = queued
    review_page(app)
    assert len(app.dataframe[0].value) == len(candidates)
    meeting = candidates[candidates["date_text"] == "في 17 فبراير"]["event_id"].iloc[0]
    app.selectbox(key="review_pick").set_value(meeting).run()
    quote = next(element.proto.body for element in app.get("html") if "<mark>" in element.proto.body)
    assert "<mark>في 17 فبراير</mark>" in quote and 'dir="rtl"' in quote


def test_bulk_accept_and_reject(app, queued):
    engine, candidates = queued
    review_page(app)
    app.session_state["review_table"] = {"selection": {"rows": [0, 1], "columns": [], "cells": []}}
    app.run()
    app.button(key="review_accept_selected").click().run()
    events = read_events(engine)
    accepted = events[events["event_id"].isin(candidates["event_id"]) & (events["status"] == "accepted")]
    assert len(accepted) == 2
    assert "2 events accepted." in [element.value for element in app.success]


def test_edit_and_accept_one_candidate(app, queued):
    engine, candidates = queued
    last_year = candidates[candidates["date_text"] == "العام الماضي"]["event_id"].iloc[0]
    review_page(app)
    app.selectbox(key="review_pick").set_value(last_year).run()
    app.text_input(key=f"review_title_{last_year}").input("Chinese AI founder cancels a US trip")
    app.button(key=f"review_save_{last_year}").click().run()
    stored = read_event(engine, last_year)
    assert stored.fields["title"] == "Chinese AI founder cancels a US trip"
    assert stored.fields["status"] == "accepted"


def test_candidate_merges_into_the_existing_event(app, queued):
    engine, candidates = queued
    meeting = candidates[candidates["date_text"] == "في 17 فبراير"]["event_id"].iloc[0]
    review_page(app)
    app.selectbox(key="review_pick").set_value(meeting).run()
    app.button(key="merge_xi-private-enterprise-symposium").click().run()
    kept = read_event(engine, "xi-private-enterprise-symposium")
    assert set(candidates.set_index("event_id").loc[meeting, "source_ids"]) <= set(kept.fields["source_ids"])
    assert meeting not in set(read_events(engine)["event_id"])


def test_a_save_based_on_an_older_version_is_refused(app, queued):
    # A colleague saves the candidate after this reviewer opened it: the reviewer's save must not overwrite it.
    engine, candidates = queued
    last_year = candidates[candidates["date_text"] == "العام الماضي"]["event_id"].iloc[0]
    review_page(app)
    app.selectbox(key="review_pick").set_value(last_year).run()
    opened = read_event(engine, last_year)
    update_event(engine, last_year, {"title": "Colleague's title"}, opened.version, "Colleague")
    app.text_input(key=f"review_title_{last_year}").input("Reviewer's title")
    app.button(key=f"review_save_{last_year}").click().run()
    stored = read_event(engine, last_year)
    assert stored.fields["title"] == "Colleague's title" and stored.fields["status"] == "unreviewed"
    assert any("was changed by Colleague" in element.value for element in app.error)
    app.button(key="review_reload").click().run()
    assert app.text_input(key=f"review_title_{last_year}").value == "Colleague's title"


def test_an_accept_without_edits_based_on_an_older_version_is_refused(app, queued):
    engine, candidates = queued
    last_year = candidates[candidates["date_text"] == "العام الماضي"]["event_id"].iloc[0]
    review_page(app)
    app.selectbox(key="review_pick").set_value(last_year).run()
    opened = read_event(engine, last_year)
    update_event(engine, last_year, {"title": "Colleague's title"}, opened.version, "Colleague")
    app.button(key=f"review_save_{last_year}").click().run()
    assert read_event(engine, last_year).fields["status"] == "unreviewed"
    assert any("nothing was accepted" in element.value for element in app.error)


# A sentence of our own naming two people the curated registry does not know, after role words.
UNKNOWN_ACTORS_SENTENCE = (
    "Commerce Secretary Gina Raimondo met Nvidia chief executive Jensen Huang in Washington on 3 March 2025 "
    "to discuss the chip export rules."
)


@pytest.fixture
def queued_with_new_names(fresh_store):
    """One candidate in the queue whose actors include two names the registry lacks."""
    engine = open_seeded_store(fresh_store)
    candidates = extract_events(UNKNOWN_ACTORS_SENTENCE, "2025-03-05", "en", "Test wire", "https://example.org/a")
    add_events(engine, candidates, "Importer")
    return engine, candidates["event_id"].iloc[0]


def _proposed_names(app) -> list[str]:
    return [element.value for element in app.markdown if " events" in element.value and "(English)" in element.value]


def test_proposed_actor_is_accepted_into_the_registry(app, queued_with_new_names):
    engine, _ = queued_with_new_names
    review_page(app)
    names = _proposed_names(app)
    assert any("Jensen Huang" in name for name in names) and any("Gina Raimondo" in name for name in names)
    number = next(index for index, name in enumerate(names) if "Jensen Huang" in name)
    # The role word before the name suggests a person.
    assert app.selectbox(key=f"actor_kind_{number}").value == "person"
    app.button(key=f"actor_accept_{number}").click().run()
    assert not app.exception, app.exception
    known = known_actors(engine)
    assert known.resolve("Jensen Huang") == "Jensen Huang"
    assert not any("Jensen Huang" in name for name in _proposed_names(app))


def test_proposed_actor_merges_into_an_existing_actor(app, queued_with_new_names):
    engine, event_id = queued_with_new_names
    review_page(app)
    names = _proposed_names(app)
    number = next(index for index, name in enumerate(names) if "Gina Raimondo" in name)
    app.selectbox(key=f"actor_into_{number}").set_value("US Department of Commerce").run()
    app.button(key=f"actor_merge_{number}").click().run()
    assert not app.exception, app.exception
    assert known_actors(engine).resolve("Gina Raimondo") == "US Department of Commerce"
    actors = read_event(engine, event_id).fields["actors"]
    assert "US Department of Commerce" in actors and "Gina Raimondo" not in actors


def test_an_imported_actor_the_registry_lacks_is_proposed_and_merged(app, fresh_store):
    from timeline.intake import import_paths
    from timeline.paths import PROJECT_ROOT

    engine = open_seeded_store(fresh_store)
    import_paths(engine, [PROJECT_ROOT / "tests" / "fixtures" / "csv" / "unregistered_actors.csv"], "Importer")
    review_page(app)
    proposals = [element.value for element in app.markdown if element.value.endswith(" events")]
    number = next(index for index, name in enumerate(proposals) if "Ada Quillfeather" in name)
    assert proposals[number].endswith("· 2 events")
    app.selectbox(key=f"actor_into_{number}").set_value("Wang Yi").run()
    app.button(key=f"actor_merge_{number}").click().run()
    assert not app.exception, app.exception
    assert known_actors(engine).resolve("Ada Quillfeather") == "Wang Yi"
    assert actor_log(engine, "Wang Yi")["action"].tolist() == ["alias"]  # the curated re-sync now leaves it alone
    events = read_events(engine)
    assert not events["actors"].map(lambda names: "Ada Quillfeather" in names).any()
