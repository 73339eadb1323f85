"""The Review page's suggested thread links: accepted or rejected by an analyst, several at once."""

from tests.conftest import make_events
from tests.pages.conftest import open_page
from timeline.database import add_events
from timeline.database.thread_suggestions import pending_suggestions
from timeline.database.threads import read_threads
from timeline.store import open_seeded_store


def test_review_accepts_a_suggested_thread_link(app, fresh_store):
    engine = open_seeded_store(fresh_store)
    suspension = {
        "event_id": "gallium-ban-suspended",
        "title": "China suspends its ban on gallium and germanium exports to the US",
        "date_start": "2025-11-09",
        "date_end": "2025-11-09",
        "date_precision": "day",
        "category": "export_control",
        "actors": ("Ministry of Commerce of China",),
    }
    add_events(engine, make_events(suspension), "Importer")
    open_page(app, "pages/review.py")
    app.text_input(key="analyst").input("Ana").run()
    table = app.dataframe[0].value
    assert table["thread"].iloc[0] == "China's gallium and germanium export controls"
    assert table["stage"].iloc[0] == "suspended"
    app.session_state["thread_suggestions_table"] = {"selection": {"rows": [0], "columns": []}}
    app.run()
    app.button(key="thread_Accept").click().run()
    assert not app.exception
    assert "Accepted 1 thread link." in [message.value for message in app.success]
    _, links = read_threads(engine)
    assert ("china-gallium-germanium-controls", "gallium-ban-suspended", "suspended") in set(
        map(tuple, links.values.tolist())
    )
    assert set(pending_suggestions(engine)["thread_id"]) <= {"us-advanced-computing-controls"}
