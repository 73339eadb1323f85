from tests.pages.conftest import open_page, shown_text
from timeline.database import delete_event, read_events, set_status
from timeline.store import open_seeded_store


def test_deleted_and_rejected_events_are_listed_with_who_and_when_and_restored(app, any_store):
    store = open_seeded_store(any_store)
    delete_event(store, "deepseek-v3-release", who="Amina")
    set_status(store, ["paris-ai-action-summit"], "rejected", who="Bilal")
    open_page(app, "pages/trash.py")
    table = app.dataframe[0].value.set_index("event_id")
    assert table.loc["deepseek-v3-release", ["reason", "who"]].tolist() == ["deleted", "Amina"]
    assert table.loc["paris-ai-action-summit", ["reason", "who"]].tolist() == ["rejected", "Bilal"]
    assert table["when"].notna().all()
    assert app.button(key="trash_restore").disabled  # no name given yet
    app.text_input(key="analyst").input("Chen")
    app.multiselect(key="trash_pick").set_value(["paris-ai-action-summit"]).run()
    app.button(key="trash_restore").click().run()
    assert not app.error, [element.value for element in app.error]
    assert any("Restored 1 event(s): paris-ai-action-summit." in shown_text(element.value) for element in app.success)
    assert list(app.dataframe[0].value["event_id"]) == ["deepseek-v3-release"]
    live = set(read_events(store)["event_id"])
    assert "paris-ai-action-summit" in live and "deepseek-v3-release" not in live


def test_an_empty_trash_says_so(app, any_store):
    open_page(app, "pages/trash.py")
    assert any("the trash is empty" in element.value for element in app.info)
