import io

import pandas as pd

from loaders import curated
from tests.pages.conftest import open_page
from timeline import ui
from timeline.export import flat_frame
from timeline.filters import Filters, apply_filters


def read_csv(payload: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(payload), encoding="utf-8-sig", comment="#", dtype=str, keep_default_na=False)


def test_table_lists_the_filtered_events(app):
    open_page(app, "pages/events.py")
    assert app.title[0].value == "Events"
    assert len(app.dataframe[0].value) == len(curated.load())
    app.multiselect(key="filter_categories").set_value(["export_control"]).run()
    shown = app.dataframe[0].value
    assert len(shown) > 0 and set(shown["category"]) == {"export_control"}


def test_csv_download_equals_the_filtered_rows_with_arabic_intact(app, downloads):
    open_page(app, "pages/events.py")
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    payload = downloads(app)
    assert payload.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    expected = flat_frame(apply_filters(curated.load(), Filters(actors=("Liang Wenfeng",)))).assign(tags="")
    downloaded = read_csv(payload)
    pd.testing.assert_frame_equal(downloaded, expected.reset_index(drop=True), check_dtype=False)
    assert list(downloaded["event_id"]) == [  # by hand: Liang Wenfeng's events in date order
        "deepseek-r1-release", "liang-wenfeng-declines-paris-summit", "xi-private-enterprise-symposium",
    ]  # fmt: skip
    assert any("ليانج وينفنج" in quote for quote in downloaded["quote"])
    assert payload.decode("utf-8-sig").startswith("# Policy Timeline export")
    assert "# filters: actors: Liang Wenfeng" in payload.decode("utf-8-sig")


def test_detail_shows_the_quote_right_to_left(app):
    open_page(app, "pages/events.py")
    events = curated.load()
    arabic = events[events["source_lang"] == "ar"].iloc[0]
    app.selectbox(key="event").set_value(arabic["event_id"]).run()
    html_blocks = [element.proto.body for element in app.get("html") if "<blockquote" in element.proto.body]
    assert html_blocks and 'dir="rtl"' in html_blocks[0] and 'lang="ar"' in html_blocks[0]
    assert app.query_params["event"] == arabic["event_id"]


def test_detail_of_an_event_without_a_quote_says_so(app):
    open_page(app, "pages/events.py")
    app.selectbox(key="event").set_value("bis-ai-diffusion-rule").run()
    assert "**Quote:** no quote recorded" in [element.value for element in app.markdown]
    assert not [element for element in app.get("html") if "<blockquote" in element.proto.body]


def test_event_from_the_link_is_selected(app):
    events = curated.load()
    wanted = events["event_id"].iloc[-1]
    app.query_params["event"] = wanted
    open_page(app, "pages/events.py")
    assert app.selectbox(key="event").value == wanted


def test_copy_link_reopens_this_page_with_its_filters(app):
    open_page(app, "pages/events.py")
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    link = app.code[-1].value
    assert link.endswith("/events?actor=Liang+Wenfeng&event=" + app.selectbox(key="event").value)


def test_a_long_view_lists_its_first_rows_and_still_offers_the_linked_event(app, monkeypatch):
    # The same cut a million-event view gets, on the bundled events: a table and picker of 10 rows.
    monkeypatch.setattr(ui, "LISTED_ROWS", 10)
    ordered = apply_filters(curated.load(), Filters())
    linked = ordered["event_id"].iloc[-1]
    app.query_params["event"] = linked
    open_page(app, "pages/events.py")
    assert list(app.dataframe[0].value["title"]) == list(ordered["title"].head(10))
    assert any(f"Listing the first 10 of {len(ordered)} events" in caption.value for caption in app.caption)
    picker = app.selectbox(key="event")
    assert len(picker.options) == 11 and ordered["title"].iloc[-1] in picker.options[-1]
    assert picker.value == linked


def test_addresses_come_from_the_store_for_the_listed_rows(app):
    # The shared frame leaves addresses in the store; the table and the CSV read them back.
    open_page(app, "pages/events.py")
    assert "source_url" not in ui.dataset().events.columns
    expected = apply_filters(curated.load(), Filters())
    assert list(app.dataframe[0].value["source_url"]) == list(expected["source_url"].astype(str))
