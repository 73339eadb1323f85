"""Feeds page under AppTest: add a feed, fetch it from the local news site, see the history; text stays text."""

from __future__ import annotations

import pytest

from tests.pages.conftest import open_page, shown_text
from tests.timeline.feeds.server import NewsSite
from tests.timeline.feeds.test_command import FAST
from timeline.database import open_store, read_events
from timeline.feeds import store


def table_with(app, column: str):
    """The page's table that has `column` (AppTest does not look dataframes up by key)."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


@pytest.fixture
def site(monkeypatch):
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)
    news = NewsSite().start()
    yield news
    news.stop()


def test_add_a_feed_fetch_it_and_read_the_history(app, fresh_store, site):
    open_page(app, "pages/feeds.py")
    assert "No feed is listed yet" in app.info[-1].value
    app.text_input(key="analyst").input("Test Analyst").run()
    app.text_input(key="feed_url").input(site.url("/feeds/rss.xml"))
    app.text_input(key="feed_outlet").input("The Harbour Ledger")
    app.text_input(key="feed_tags").input("world, trade")
    app.button[0].click().run()  # the form's submit button comes first
    assert not app.exception, app.exception
    assert f"Added {site.url('/feeds/rss.xml')}" in shown_text(app.success[0].value)
    feeds = table_with(app, "outlet")
    assert list(feeds["outlet"]) == ["The Harbour Ledger"] and list(feeds["tags"]) == ["world, trade"]

    app.button(key="feeds_fetch").click().run()
    assert not app.exception, app.exception
    assert app.success[-1].value == (
        "1 feeds read (0 failed), articles: 3 new, 1 seen, 0 failed; 9 candidates queued for review"
    )
    history = table_with(app, "outcome")
    assert set(history["outcome"]) == {"fetched"} and len(history) == 4  # the feed and three articles
    stored = read_events(open_store(fresh_store))
    assert (stored["source_name"] == "The Harbour Ledger").sum() == 9


def test_feed_text_is_shown_as_text(app, fresh_store):
    engine = open_store(fresh_store)
    outlet = "**Bold** <script>alert(1)</script> [link](javascript:alert(1))"
    store.add_feed(engine, "https://feeds.example/rss.xml", outlet, "en", ("<b>tag</b>",))
    open_page(app, "pages/feeds.py")
    feeds = table_with(app, "outlet")
    assert list(feeds["outlet"]) == [outlet]  # the raw characters, in a table cell
    rendered = [element.value for element in app.markdown]
    assert not any("alert(1)" in value for value in rendered)


def test_bad_feed_address_is_refused_in_one_line(app):
    open_page(app, "pages/feeds.py")
    app.text_input(key="analyst").input("Test Analyst").run()
    app.text_input(key="feed_url").input("feeds.example/rss.xml")
    app.button[0].click().run()
    assert shown_text(app.error[0].value) == "'feeds.example/rss.xml' is not a web address (http:// or https://)"


def test_remove_a_feed(app, fresh_store):
    engine = open_store(fresh_store)
    store.add_feed(engine, "https://one.example/rss.xml", "One", "en", ())
    store.add_feed(engine, "https://two.example/rss.xml", "Two", "en", ())
    open_page(app, "pages/feeds.py")
    app.text_input(key="analyst").input("Test Analyst").run()
    app.selectbox(key="feed_remove_choice").set_value("https://one.example/rss.xml").run()
    app.button(key="feed_remove").click().run()
    assert not app.exception, app.exception
    assert list(store.list_feeds(engine)["outlet"]) == ["Two"]
    assert list(table_with(app, "outlet")["outlet"]) == ["Two"]
