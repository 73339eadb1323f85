from tests.conftest import make_events
from tests.pages.conftest import open_page, plotly_figures
from timeline.database import add_events, open_store

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
