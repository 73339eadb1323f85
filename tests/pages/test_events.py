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
    assert len(shown) > 0 and set(shown["category"]) == {"Export control"}


def test_csv_download_equals_the_filtered_rows_with_arabic_intact(app, downloads):
    open_page(app, "pages/events.py")
    app.multiselect(key="filter_actors").set_value(["Liang Wenfeng"]).run()
    payload = downloads(app)
    assert payload.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    expected = flat_frame(apply_filters(curated.load(), Filters(actors=("Liang Wenfeng",))))
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
    assert app.code[-1].value.endswith("/events?actor=Liang+Wenfeng")  # the automatic first event stays out
    app.selectbox(key="event").set_value("xi-private-enterprise-symposium").run()
    assert app.code[-1].value.endswith("/events?actor=Liang+Wenfeng&event=xi-private-enterprise-symposium")


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


def test_dates_are_shown_at_their_precision_in_the_table_the_picker_and_the_detail(app):
    open_page(app, "pages/events.py")
    table = app.dataframe[0].value.set_index("event_id")
    # By hand from data/events.yaml: a month, a year, a two-day summit, a day.
    assert table.loc["liang-wenfeng-declines-paris-summit", "when"] == "Feb 2025"
    assert table.loc["chinese-ai-founder-cancels-us-trip", "when"] == "2024"
    assert table.loc["paris-ai-action-summit", "when"] == "10–11 Feb 2025"
    assert table.loc["xi-private-enterprise-symposium", "when"] == "17 Feb 2025"
    assert "date_start" not in app.dataframe[0].proto.column_order  # no made-up first day shown
    picker = app.selectbox(key="event")
    assert any(option.startswith("Feb 2025 · ") for option in picker.options)
    assert not any(option.startswith("2025-02-01") for option in picker.options)
    picker.set_value("liang-wenfeng-declines-paris-summit").run()
    assert "**Feb 2025** (month)  ·  Visit" in [element.value for element in app.markdown]


def test_codes_are_shown_as_labels(app):
    open_page(app, "pages/events.py")
    table = app.dataframe[0].value
    assert "export_control" not in set(table["category"]) and "Export control" in set(table["category"])
    assert set(table["date_precision"]) >= {"Day", "Month", "Span of days", "Window (undated)"}
    assert set(table["status"]) == {"Accepted"}
    options = app.multiselect(key="filter_categories").options
    assert any(option.startswith("Export control (") for option in options)
    assert not any("_" in option for option in options)


def test_clicking_a_row_opens_its_event(app):
    open_page(app, "pages/events.py")
    table = app.dataframe[0].value
    row = int(table.index[table["event_id"] == "paris-ai-action-summit"][0])
    app.session_state["events_table"] = {"selection": {"rows": [row], "columns": []}}
    app.run()
    assert app.selectbox(key="event").value == "paris-ai-action-summit"
    assert app.subheader[0].value == "AI Action Summit in Paris"
    assert app.query_params["event"] == "paris-ai-action-summit"
    # The picker still works after a click: the click is applied once.
    app.selectbox(key="event").set_value("deepseek-r1-release").run()
    assert app.selectbox(key="event").value == "deepseek-r1-release"
