from streamlit.testing.v1 import AppTest

from tests.pages.conftest import PROJECT_ROOT, open_page, shown_text
from timeline.database import audit_trail, read_event, read_events, update_event
from timeline.database.actor_registry import actor_log, read_actors
from timeline.store import open_seeded_store

EVENT = "paris-ai-action-summit"


def edit_page(name: str) -> AppTest:
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=30)
    app.query_params["event"] = EVENT
    open_page(app, "pages/edit.py")
    app.text_input(key="analyst").input(name).run()
    return app


def form_input(app: AppTest, label: str):
    return next(widget for widget in app.text_input if widget.label == label)


def save(app: AppTest) -> None:
    next(button for button in app.button if button.label == "Save").click().run()


def test_edit_is_saved_and_audited(fresh_store):
    app = edit_page("Analyst One")
    form_input(app, "Location").input("Grand Palais, Paris (checked on site)")
    save(app)
    engine = open_seeded_store(fresh_store)
    assert read_event(engine, EVENT).fields["location"] == "Grand Palais, Paris (checked on site)"
    last = audit_trail(engine, EVENT)[-1]
    assert (last.who, last.action) == ("Analyst One", "update")
    assert "Saved (1 field(s) changed)." in [element.value for element in app.success]


def test_second_save_is_told_and_shown_the_difference(fresh_store):
    first, second = edit_page("Analyst One"), edit_page("Analyst Two")  # both open the form on version 1
    form_input(first, "Title").input("AI Action Summit, Paris (edited by one)")
    save(first)
    form_input(second, "Title").input("AI Action Summit, Paris (edited by two)")
    save(second)
    assert "was changed by Analyst One" in second.error[0].value
    difference = next(table.value for table in second.dataframe if "field" in table.value.columns).set_index("field")
    assert difference.loc["title", "current"] == "AI Action Summit, Paris (edited by one)"
    assert difference.loc["title", "yours"] == "AI Action Summit, Paris (edited by two)"
    stored = read_event(open_seeded_store(fresh_store), EVENT)
    assert stored.fields["title"] == "AI Action Summit, Paris (edited by one)"


def test_delete_and_undo(fresh_store):
    app = edit_page("Analyst One")
    app.button(key="edit_delete").click().run()
    engine = open_seeded_store(fresh_store)
    assert EVENT not in set(read_events(engine)["event_id"])
    app.button(key="edit_undo").click().run()
    assert EVENT in set(read_events(engine)["event_id"])


def test_split_off_a_source(fresh_store):
    engine = open_seeded_store(fresh_store)
    event_id = "wsj-ai-travel-guidance-report"
    sources = read_event(engine, event_id).fields["source_ids"]
    assert len(sources) > 1
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=30)
    app.query_params["event"] = event_id
    open_page(app, "pages/edit.py")
    app.text_input(key="analyst").input("Analyst One").run()
    assert any(f"{len(sources)} source(s)" in element.value for element in app.markdown)
    app.multiselect(key=f"edit_split_{event_id}").set_value([sources[-1]]).run()
    app.button(key="edit_split").click().run()
    assert read_event(engine, event_id).fields["source_ids"] == tuple(sources[:-1])
    assert any("Split: those sources now support" in element.value for element in app.success)


def test_a_delete_from_a_form_opened_before_someone_saved_is_refused(fresh_store):
    app = edit_page("Analyst One")  # opens the form on version 1
    engine = open_seeded_store(fresh_store)
    update_event(engine, EVENT, {"title": "Saved by a colleague"}, 1, "Analyst Two")
    app.button(key="edit_delete").click().run()
    assert EVENT in set(read_events(engine)["event_id"])
    assert any("Not deleted: " in element.value and "Analyst Two" in element.value for element in app.error)
    app.button(key="edit_reload").click().run()
    app.button(key="edit_delete").click().run()  # on the current version it goes through
    assert EVENT not in set(read_events(engine)["event_id"])


def test_a_refused_save_can_start_again_from_the_current_version(fresh_store):
    app = edit_page("Analyst One")
    update_event(open_seeded_store(fresh_store), EVENT, {"title": "Saved by a colleague"}, 1, "Analyst Two")
    form_input(app, "Title").input("Mine")
    save(app)
    assert "was changed by Analyst Two" in app.error[0].value
    app.button(key="edit_reload").click().run()
    assert form_input(app, "Title").value == "Saved by a colleague"


def test_an_alias_is_saved_as_its_actor_and_an_unknown_name_only_when_asked(fresh_store):
    app = edit_page("Analyst One")
    engine = open_seeded_store(fresh_store)
    before = read_event(engine, EVENT).fields["actors"]
    actors = app.multiselect(key=f"edit_{EVENT}_actors")
    actors.set_value([*before, "习近平"])
    save(app)
    assert read_event(engine, EVENT).fields["actors"] == (*before, "Xi Jinping")  # not a new actor named 习近平
    # A name the registry lacks is refused, and nothing is saved, until the analyst asks to add it.
    app.multiselect(key=f"edit_{EVENT}_actors").set_value([*before, "Xi Jinping", "Jane Newname"])
    save(app)
    assert any("'Jane Newname' not in the actor registry" in shown_text(error.value) for error in app.error)
    assert "Jane Newname" not in read_event(engine, EVENT).fields["actors"]
    app.multiselect(key=f"edit_{EVENT}_actors").set_value([*before, "Xi Jinping", "Jane Newname"])
    app.checkbox(key=f"edit_{EVENT}_add_actors").check()
    app.selectbox(key=f"edit_{EVENT}_new_actor_kind").set_value("person")
    save(app)
    assert read_event(engine, EVENT).fields["actors"][-1] == "Jane Newname"
    added = next(item for item in read_actors(engine) if item.actor.name == "Jane Newname")
    assert added.actor.kind == "person"
    assert actor_log(engine, "Jane Newname")["who"].tolist() == ["Analyst One"]
