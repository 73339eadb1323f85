"""Threads page: a chain per thread, its stage in words, a thread opened from the link; the thread filter."""

from tests.pages.conftest import open_page, plotly_figures, shown_text


def test_threads_page_draws_each_thread_with_its_current_stage(app):
    open_page(app, "pages/threads.py")
    figure = plotly_figures(app)[0]
    labels = list(figure.layout.yaxis.categoryarray)
    assert any("US AI diffusion framework" in label and "rescinded since 13 May 2025" in label for label in labels)
    assert any("gallium and germanium" in label and "amended since 3 Dec 2024" in label for label in labels)
    bands = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bands[0].base) == 2  # gallium/germanium and the generative AI measures wait for entry into force
    table = app.dataframe[0].value.set_index("thread_id")
    assert table.loc["meng-wanzhou-case", "current_stage"] == "rescinded"
    assert table.loc["meng-wanzhou-case", "since"] == "24 Sep 2021"


def test_a_link_opens_a_thread_with_its_steps_and_history(app):
    app.query_params["open"] = "china-gallium-germanium-controls"
    open_page(app, "pages/threads.py")
    assert app.selectbox(key="thread_open").value == "china-gallium-germanium-controls"
    steps = app.dataframe[1].value
    assert steps["stage"].tolist() == ["Announced", "In force", "Amended"]
    history = app.dataframe[2].value
    assert history["action"].tolist() == ["create", "link", "link", "link"]


def test_filters_keep_threads_with_an_event_in_the_view(app):
    open_page(app, "pages/threads.py")
    app.multiselect(key="filter_categories").set_value(["detention"]).run()
    assert app.dataframe[0].value["thread_id"].tolist() == ["meng-wanzhou-case"]


def test_thread_filter_narrows_every_page_and_rides_in_the_link(app):
    app.query_params["thread"] = ["meng-wanzhou-case", "no-such-thread"]
    app.run()
    assert app.multiselect(key="filter_threads").value == ["meng-wanzhou-case"]
    assert any(
        "thread 'no-such-thread' is not in the store" in shown_text(warning.value) for warning in app.sidebar.warning
    )
    app.switch_page("pages/events.py").run()
    assert set(app.dataframe[0].value["title"]) == {
        "Huawei CFO Meng Wanzhou detained in Canada",
        "Meng Wanzhou's arrest becomes public",
        "Meng Wanzhou released after deal with US prosecutors",
    }
    assert app.query_params["thread"] == "meng-wanzhou-case"


def test_an_events_detail_links_to_its_threads(app):
    app.query_params["event"] = "bis-ai-diffusion-rule"
    open_page(app, "pages/events.py")
    # Labels are Markdown-escaped names: drop the escapes to compare.
    links = {
        link.proto.label.replace("\\", ""): link.proto.page for link in app.get("page_link") if "—" in link.proto.label
    }
    assert set(links) == {"US advanced-computing export controls — amended", "US AI diffusion framework — published"}


def test_an_analyst_creates_renames_and_fills_a_thread_on_the_page(app):
    from timeline.database import open_store
    from timeline.database.threads import read_threads, thread_history

    open_page(app, "pages/threads.py")
    app.sidebar.text_input(key="analyst").set_value("Ana").run()
    app.text_input(key="thread_new_id").set_value("eu-chip-rules")
    app.text_input(key="thread_new_name").set_value("EU chip rules").run()
    app.button(key="thread_create").click().run()
    assert "Thread eu-chip-rules created." in [shown_text(note.value) for note in app.success]
    app.selectbox(key="thread_rename_pick").set_value("eu-chip-rules").run()
    app.text_input(key="thread_rename_name_eu-chip-rules").set_value("EU chips rules").run()
    app.button(key="thread_rename").click().run()
    event_id = app.selectbox(key="thread_member_event").value  # the first event of the view
    app.selectbox(key="thread_member_pick").set_value("eu-chip-rules")
    app.selectbox(key="thread_member_event").set_value(event_id)
    app.selectbox(key="thread_member_stage").set_value("announced").run()
    app.button(key="thread_link").click().run()
    app.selectbox(key="thread_member_stage").set_value("in_force").run()
    app.button(key="thread_link").click().run()
    engine = open_store()
    threads, links = read_threads(engine)
    assert threads.set_index("thread_id").loc["eu-chip-rules", "name"] == "EU chips rules"
    assert links[links["thread_id"] == "eu-chip-rules"][["event_id", "stage"]].values.tolist() == [
        [event_id, "in_force"]
    ]
    app.button(key="thread_unlink").click().run()
    assert read_threads(engine)[1].query("thread_id == 'eu-chip-rules'").empty
    actions = [(change.who, change.action) for change in thread_history(engine, "eu-chip-rules")]
    assert actions == [("Ana", "create"), ("Ana", "update"), ("Ana", "link"), ("Ana", "stage"), ("Ana", "unlink")]
