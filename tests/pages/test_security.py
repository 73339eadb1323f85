import re
import tomllib

import pandas as pd
import pytest
from sqlalchemy import update

from loaders import csv_events
from tests.conftest import make_events
from tests.pages.conftest import PROJECT_ROOT, open_page, plotly_figures
from timeline.database import add_events, ensure_seeded, import_frame, open_store, tables
from timeline.text import plain_markdown

HOSTILE = "<script>alert('x')</script> **bold** [link](https://evil.example)"


def hostile_events():
    return make_events(
        {
            "event_id": "hostile",
            "title": HOSTILE,
            "summary": HOSTILE,
            "date_start": "2025-02-20",
            "date_end": "2025-02-20",
            "date_precision": "day",
            "category": "statement",
            "actors": ("<img src=x onerror=alert(1)>",),
            "quote": HOSTILE,
            "status": "unreviewed",
        }
    )


def test_event_text_is_shown_as_text_never_as_html(app, fresh_store):
    add_events(open_store(fresh_store), hostile_events(), "Test Analyst")
    open_page(app, "pages/events.py")
    app.selectbox(key="event").set_value("hostile").run()
    markdown = [element.value for element in app.markdown] + [element.value for element in app.subheader]
    assert not any("<script>" in text or "](https://evil.example)" in text for text in markdown)
    quote_blocks = [element.proto.body for element in app.get("html")]
    assert quote_blocks and all("<script>" not in block for block in quote_blocks)
    assert any("&lt;script&gt;" in block for block in quote_blocks)
    app.switch_page("dashboard.py").run()
    figure_text = str(plotly_figures(app)[0].to_plotly_json()["data"])
    assert "<script>" not in figure_text and "<img" not in figure_text


# A link that would make the page fetch from an outside address, as a text search and as a bad value.
LINK_AND_PIXEL = "[click me](https://evil.example/q) ![t](https://evil.example/pixel.png)"
LIVE_MARKDOWN = re.compile(r"(?<!\\)\]\(|(?<!\\)!(?<!\\)\[|(?<!\\)<(?:img|a|script)")


def markdown_texts(app) -> list[str]:
    """The Markdown source of everything on the page that Streamlit renders as Markdown."""
    texts = []
    for kind in ("markdown", "caption", "warning", "info", "error", "success", "subheader", "title", "header"):
        texts += [element.value for element in app.get(kind) if isinstance(getattr(element, "value", None), str)]
    for kind in ("button", "selectbox", "multiselect", "text_input", "toggle", "radio", "date_input"):
        texts += [element.label for element in app.get(kind)]
    return texts


# A bare address that Markdown would make a link of, once backslash escapes are resolved.
AUTOLINK = re.compile(r"https?://|www\.|\w@\w", re.IGNORECASE)


def assert_no_live_markdown(app) -> None:
    texts = markdown_texts(app)
    assert texts, "nothing rendered"
    live = [text for text in texts if "evil" in text and LIVE_MARKDOWN.search(text)]
    autolinked = [text for text in texts if AUTOLINK.search(re.sub(r"\\(.)", r"\1", text))]
    assert not live and not autolinked, live + autolinked


@pytest.mark.parametrize("page", ["dashboard.py", "pages/events.py", "pages/actors.py", "pages/sources.py"])
def test_a_search_from_a_link_is_shown_as_text(app, page):
    app.query_params["q"] = LINK_AND_PIXEL
    app.run()
    if page != "dashboard.py":
        app.switch_page(page).run()
    assert not app.exception
    assert_no_live_markdown(app)
    assert any("\\[click me\\]\\(https" in text for text in markdown_texts(app))  # shown, escaped


def test_a_bad_value_in_a_link_is_echoed_as_text(app):
    app.query_params["actor"] = LINK_AND_PIXEL
    app.query_params["from"] = "![x](https://evil.example/from.png)"
    app.run()
    warnings = [element.value for element in app.sidebar.get("warning")]
    assert len(warnings) == 2 and all(text.startswith("Link ignored: ") for text in warnings)
    assert_no_live_markdown(app)


def test_actor_names_from_a_file_are_shown_as_text(app, fresh_store):
    actor = "[Evil](https://evil.example/a) ![p](https://evil.example/p.png)"
    loaded = csv_events.load_bytes(
        (f'title,date,actors,category,source\nPlanted,2025-02-20,"{actor}",statement,Upload\n').encode(),
        "planted.csv",
    )
    assert not loaded.rejected
    import_frame(open_store(fresh_store), loaded.events, "Test Analyst")
    app.query_params["actor"] = actor
    app.run()
    assert_no_live_markdown(app)
    app.switch_page("pages/actors.py").run()
    app.selectbox(key="actor_focus").set_value(actor).run()
    assert any(actor[:5].replace("[", "\\[") in text for text in markdown_texts(app))
    assert_no_live_markdown(app)
    for page in ("pages/events.py", "pages/sources.py", "pages/briefing.py", "pages/edit.py"):
        app.switch_page(page).run()
        assert not app.exception, page
        assert_no_live_markdown(app)


def test_an_unforeseen_failure_shows_no_stack_trace():
    with open(PROJECT_ROOT / ".streamlit" / "config.toml", "rb") as handle:
        config = tomllib.load(handle)
    assert config["client"]["showErrorDetails"] == "none"


@pytest.mark.parametrize(("key", "value"), [("from", "0001-01-01"), ("to", "9999-12-31"), ("from", "1899-12-31")])
def test_a_link_date_outside_the_date_widget_is_reported_and_skipped(app, key, value):
    app.query_params[key] = value
    app.run()
    assert not app.exception
    warnings = [element.value for element in app.sidebar.get("warning")]
    assert warnings == [f"Link ignored: {plain_markdown(f'{key}={value}')} is outside 1900–2100"]


def test_events_outside_the_date_widget_range_do_not_break_the_pages(app, fresh_store):
    old = make_events(
        {"event_id": "treaty-1842", "title": "An old treaty", "date_start": "1842-08-29", "date_end": "1842-08-29",
         "date_precision": "day", "category": "agreement", "actors": ()}
    )  # fmt: skip
    add_events(open_store(fresh_store), old, "Test Analyst")
    for page in ("dashboard.py", "pages/events.py", "pages/briefing.py"):
        if page == "dashboard.py":
            app.run()
        else:
            app.switch_page(page).run()
        assert not app.exception, page


def test_a_stored_address_that_is_not_a_web_address_is_no_link(app, fresh_store):
    planted = make_events(
        {"event_id": "script-link", "title": "Planted address", "date_start": "2025-02-20", "date_end": "2025-02-20",
         "date_precision": "day", "category": "statement", "actors": (), "source_url": "javascript:alert(1)"}
    )  # fmt: skip
    add_events(open_store(fresh_store), planted, "Test Analyst")
    open_page(app, "pages/events.py")
    table = app.dataframe[0].value.set_index("event_id")
    assert pd.isna(table.loc["script-link", "source_url"])
    assert table["source_url"].dropna().str.startswith("https://").all()
    app.switch_page("pages/sources.py").run()
    sources = app.dataframe[0].value
    assert "javascript:alert(1)" not in set(sources["url"].dropna())
    assert len(sources["url"].dropna()) > 0


def test_a_store_holding_a_row_the_schema_refuses_is_reported_in_one_line(app, fresh_store):
    engine = open_store(fresh_store)
    ensure_seeded(engine)
    add_events(engine, hostile_events(), "Test Analyst")
    with engine.begin() as connection:  # as an older restore could leave it
        connection.execute(update(tables.events).where(tables.events.c.event_id == "hostile").values(category="parade"))
    app.run()
    assert not app.exception
    assert app.error[0].value.startswith("The event store cannot be read: ")
    assert "parade" in app.error[0].value
