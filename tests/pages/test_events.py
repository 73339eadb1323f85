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


def liang_ids() -> list[str]:
    bundled = curated.load()
    return sorted(bundled.loc[bundled["actors"].map(lambda names: "Liang Wenfeng" in names), "event_id"])


def test_the_sidebar_finds_an_actor_by_a_chinese_or_arabic_alias(app):
    open_page(app, "pages/events.py")
    actors = app.multiselect(key="filter_actors")
    # The option's label carries the aliases, so typing one in the box finds the actor.
    assert "梁文锋" in actors.format_func("Liang Wenfeng") and "ليانج وينفنج" in actors.format_func("Liang Wenfeng")
    actors.set_value(["梁文锋"]).run()  # typed and entered as it is
    assert sorted(app.dataframe[0].value["event_id"]) == liang_ids()
    app.multiselect(key="filter_actors").set_value(["ليانغ وينفنغ"]).run()
    assert sorted(app.dataframe[0].value["event_id"]) == liang_ids()
    assert not app.sidebar.warning


def test_the_text_search_finds_an_actor_by_an_alias_no_event_text_holds(app):
    open_page(app, "pages/events.py")
    app.text_input(key="filter_text").input("梁文锋").run()  # the quotes are Arabic, the titles English
    assert sorted(app.dataframe[0].value["event_id"]) == liang_ids()
    app.text_input(key="filter_text").input("ليانغ وينفنغ").run()  # another Arabic spelling than the quotes'
    assert sorted(app.dataframe[0].value["event_id"]) == liang_ids()


def test_a_link_names_an_actor_by_alias_and_an_unknown_one_is_reported(app):
    app.query_params["actor"] = ["习近平", "Nobody Known"]
    app.run()  # the link is read on the session's first run, where its problems are shown
    assert app.multiselect(key="filter_actors").value == ["Xi Jinping"]
    assert any("Nobody Known" in warning.value for warning in app.sidebar.warning)


ARABIC_WORDS = "دعت السلطات الصينية كبار رواد الأعمال"  # from the founding article
ENGLISH_WORDS = "DeepSeek-V3"  # the founding article's own Latin words


def merged_report(store_url: str) -> None:
    """An Arabic-sourced event with an English report of the same thing merged into it."""
    from tests.timeline.database.conftest import event, frame_of
    from timeline.database import add_events, merge_events
    from timeline.store import open_seeded_store

    store = open_seeded_store(store_url)
    add_events(
        store,
        frame_of(
            event("told-ar", source_ids=("tafsela-2025-03-01",), quote=ARABIC_WORDS, source_lang="ar"),
            event("told-en", source_ids=("cna-2025-03-01",), quote=ENGLISH_WORDS, source_name="CNA"),
        ),
        who="Amina",
    )
    merge_events(store, "told-ar", ["told-en"], who="Amina")


def curation_widget(widgets, prefix: str):
    return next(widget for widget in widgets if str(widget.key).startswith(prefix))


def test_every_source_of_a_merged_event_shows_its_own_quote_and_a_reviewer_picks_the_primary(app, any_store):
    from timeline.database import audit_trail, read_event
    from timeline.store import open_seeded_store

    merged_report(any_store)
    open_page(app, "pages/events.py")
    app.selectbox(key="event").set_value("told-ar").run()
    blocks = [element.proto.body for element in app.get("html") if "<blockquote" in element.proto.body]
    assert len(blocks) == 2
    assert 'dir="rtl"' in blocks[0] and ARABIC_WORDS in blocks[0]  # the primary first
    assert 'dir="ltr"' in blocks[1] and 'lang="en"' in blocks[1] and ENGLISH_WORDS in blocks[1]
    app.text_input(key="analyst").input("Bilal").run()
    app.selectbox(key="curate_primary_told-ar").set_value("cna-2025-03-01").run()
    app.button(key="curate_primary_save_told-ar").click().run()
    assert not app.exception
    store = open_seeded_store(any_store)
    stored = read_event(store, "told-ar")
    assert stored.fields["source_ids"] == ("cna-2025-03-01", "tafsela-2025-03-01")
    assert (stored.fields["quote"], stored.fields["source_lang"]) == (ENGLISH_WORDS, "en")
    assert audit_trail(store, "told-ar")[-1].who == "Bilal"
    blocks = [element.proto.body for element in app.get("html") if "<blockquote" in element.proto.body]
    assert ENGLISH_WORDS in blocks[0] and ARABIC_WORDS in blocks[1]


def test_tags_and_notes_are_kept_and_a_note_is_shown_as_text(app, any_store):
    from timeline.database.curation import event_tags, read_notes
    from timeline.store import open_seeded_store

    open_page(app, "pages/events.py")
    app.selectbox(key="event").set_value("deepseek-v3-release").run()
    app.text_input(key="analyst").input("Amina").run()
    curation_widget(app.multiselect, "curate_tags_deepseek-v3-release").set_value(["model release", "<b>x</b>"]).run()
    app.button(key="curate_tags_save_deepseek-v3-release").click().run()
    hostile = "<script>alert(1)</script> **not bold** # not a heading"
    app.text_area(key="curate_note_deepseek-v3-release").input(hostile).run()
    app.button(key="curate_note_save_deepseek-v3-release").click().run()
    assert not app.exception and not app.error
    store = open_seeded_store(any_store)
    assert event_tags(store, "deepseek-v3-release") == ("<b>x</b>", "model release")
    assert [(note.who, note.text) for note in read_notes(store, "deepseek-v3-release")] == [("Amina", hostile)]
    assert hostile in [element.value for element in app.text]  # st.text: shown as typed, never interpreted
    assert all("<script>" not in element.proto.body for element in app.get("html"))
    assert not any("<script>" in element.value for element in app.markdown)
    # The tag filters the sidebar and goes into the link.
    app.multiselect(key="filter_tags").set_value(["model release"]).run()
    assert list(app.dataframe[0].value["event_id"]) == ["deepseek-v3-release"]
    assert list(app.query_params["tag"]) == ["model release"] or app.query_params["tag"] == "model release"


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
