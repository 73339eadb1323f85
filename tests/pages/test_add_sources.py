from pathlib import Path

from tests.pages.conftest import open_page, shown_event_ids, shown_text
from tests.pages.test_feeds import table_with
from tests.timeline.feeds.server import NewsSite
from tests.timeline.feeds.test_command import FAST
from timeline.database import open_store, read_events
from timeline.paths import DATA_DIR

FOUNDING_ARTICLE = (DATA_DIR / "articles" / "tafsela-2025-03-01-ai-travel.txt").read_text(encoding="utf-8")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "csv"


def extract(app, text: str, published=None):
    app.text_input(key="analyst").input("Test Analyst")
    app.text_area(key="article_text").input(text)
    app.text_input(key="article_source").input("Tafsela")
    if published:
        app.date_input(key="article_published").set_value(published)
    app.button[0].click().run()  # the form's submit button comes first


def test_pasted_article_joins_the_timeline_marked_unreviewed(app, fresh_store):
    open_page(app, "pages/add_sources.py")
    extract(app, FOUNDING_ARTICLE, published="2025-03-01")
    candidates = app.dataframe[0].value
    assert "في 17 فبراير" in set(candidates["date_text"])
    app.button(key="article_add").click().run()
    assert "wait on the Review page" in app.success[0].value
    stored = read_events(open_store(fresh_store))
    added = stored[stored["status"] == "unreviewed"]
    assert len(added) == len(candidates) and set(added["date_text"]) == set(candidates["date_text"])
    app.switch_page("dashboard.py").run()
    assert set(added["event_id"]) <= set(shown_event_ids(app))
    app.toggle(key="filter_unreviewed").set_value(False).run()
    assert not set(added["event_id"]) & set(shown_event_ids(app))


def test_article_without_publication_date_is_refused_with_a_reason(app):
    open_page(app, "pages/add_sources.py")
    extract(app, FOUNDING_ARTICLE)
    assert "no publication date" in app.error[0].value
    assert "article_candidates" not in app.session_state


def test_empty_article_gets_a_clear_error(app):
    open_page(app, "pages/add_sources.py")
    extract(app, "   ", published="2025-03-01")
    assert "no article" in app.error[0].value


def test_csv_upload_reports_every_unreadable_row(app, fresh_store):
    open_page(app, "pages/add_sources.py")
    app.text_input(key="analyst").input("Test Analyst")
    payload = (FIXTURES / "analyst_notes.csv").read_bytes()
    app.file_uploader(key="csv_file").upload("analyst_notes.csv", payload, "text/csv").run()
    assert "7 rows: 4 read, 3 could not be read." in [element.value for element in app.markdown]
    rejected = app.dataframe[0].value
    assert list(rejected["line"]) == [7, 8, 9] and set(rejected["file"]) == {"analyst_notes.csv"}
    app.button(key="csv_add").click().run()
    assert "4 events added; 0 were already in the store." in app.success[0].value
    assert "Unitree shows robots at CES" in set(read_events(open_store(fresh_store))["title"])


def test_binary_upload_is_refused_by_name(app):
    open_page(app, "pages/add_sources.py")
    app.file_uploader(key="article_file").upload("scan.html", b"\x00\x01PK\x03\x04", "text/html")
    app.date_input(key="article_published").set_value("2025-03-01")
    app.button[0].click().run()
    assert "scan.html: binary data" in shown_text(app.error[0].value)


def test_unknown_columns_are_mapped_in_the_preview(app, fresh_store):
    open_page(app, "pages/add_sources.py")
    app.text_input(key="analyst").input("Test Analyst")
    payload = b"Headline,Day,Notes\nXi meets founders,2025-02-17,seen on TV\n"
    app.file_uploader(key="csv_file").upload("notes.csv", payload, "text/csv").run()
    assert [box.value for box in app.selectbox if box.key.startswith("map_notes.csv")] == ["title", "date", None]
    # A column with no known field is ignored until mapped; a row with no category is reported.
    assert "1 rows: 0 read, 1 could not be read." in [element.value for element in app.markdown]
    app.selectbox(key="map_notes.csv_2").set_value("category").run()
    assert "1 rows: 0 read, 1 could not be read." in [element.value for element in app.markdown]
    assert "unknown category 'seen on TV'" in app.dataframe[0].value["reason"].iloc[0]


def test_json_file_upload(app, fresh_store):
    open_page(app, "pages/add_sources.py")
    app.text_input(key="analyst").input("Test Analyst")
    payload = '[{"title": "Xi meets founders", "date": "2025-02-17", "category": "meeting", "actors": ["Xi Jinping"]}]'
    app.file_uploader(key="csv_file").upload("events.json", payload.encode(), "application/json").run()
    app.button(key="csv_add").click().run()
    assert "1 events added; 0 were already in the store." in app.success[0].value
    stored = read_events(open_store(fresh_store)).set_index("title")
    assert stored.loc["Xi meets founders", "actors"] == ("Xi Jinping",)


def test_article_addresses_are_fetched_and_queued(app, fresh_store, monkeypatch):
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)
    site = NewsSite().start()
    try:
        open_page(app, "pages/add_sources.py")
        app.text_input(key="analyst").input("Test Analyst").run()
        addresses = [site.url("/news/ar-summit.html?utm_source=x"), site.url("/missing.html"), "not an address"]
        app.text_area(key="addresses_text").input("\n".join(addresses))
        app.text_input(key="addresses_outlet").input("Amman Daily")
        app.button(key="FormSubmitter:addresses_form-Fetch and find dated events").click().run()
    finally:
        site.stop()
    assert not app.exception, app.exception
    assert app.success[0].value == "Articles: 1 new, 0 seen, 2 failed; 3 candidates queued for review"
    problems = [element.value for element in app.text]
    assert f"{site.url('/missing.html')}: HTTP 404 Not Found" in problems
    assert "'not an address' is not a web address (http:// or https://)" in problems
    status = table_with(app, "published_origin")
    assert sorted(status["status"]) == ["done", "failed"]
    stored = read_events(open_store(fresh_store))
    assert set(stored.loc[stored["source_name"] == "Amman Daily", "date_text"]) == {
        "في 8 أبريل",
        "خلال مارس الماضي",
        "هذا الصيف",
    }


def test_an_article_pasted_again_says_its_events_are_stored(app, fresh_store):
    open_page(app, "pages/add_sources.py")
    extract(app, FOUNDING_ARTICLE, published="2025-03-01")
    count = len(app.dataframe[0].value)
    app.button(key="article_add").click().run()
    extract(app, FOUNDING_ARTICLE, published="2025-03-01")
    captions = [shown_text(caption.value) for caption in app.caption]
    assert f"{count} of them are already in the store and will be skipped." in captions
