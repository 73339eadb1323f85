import uuid

import pytest

from bench._postgres import reset_postgres
from loaders import curated
from tests.pages.conftest import as_local_analyst, open_page, plotly_figures, shown_text
from tests.timeline.database.conftest import BACKENDS, PG_URL
from timeline.snapshot import snapshot_path_for
from timeline.summaries import co_occurrence


def test_actor_table_and_co_occurrence_chart(app):
    open_page(app, "pages/actors.py")
    table = app.dataframe[0].value
    events = curated.load()
    liang = table.set_index("actor").loc["Liang Wenfeng"]
    assert liang["events"] == events["actors"].map(lambda names: "Liang Wenfeng" in names).sum()
    app.selectbox(key="actor_focus").set_value("Xi Jinping").run()
    chart = plotly_figures(app)[0]
    drawn = dict(zip(chart.data[0].y, list(chart.data[0].x), strict=True))
    assert drawn == co_occurrence(events, "Xi Jinping").to_dict()
    # By hand: Xi Jinping appears once, at the symposium, with these four.
    assert drawn == {"Liang Wenfeng": 1, "Wang Xingxing": 1, "DeepSeek": 1, "Unitree Robotics": 1}
    assert liang["events"] == 3
    assert app.query_params["focus"] == "Xi Jinping"


def test_actor_filter_narrows_the_table(app):
    open_page(app, "pages/actors.py")
    app.multiselect(key="filter_categories").set_value(["tariff"]).run()
    kinds = set(app.dataframe[0].value["actor"])
    assert "Liang Wenfeng" not in kinds and len(kinds) > 0


@pytest.fixture(params=BACKENDS)
def registry_store(request, monkeypatch, fresh_store):
    """The page on SQLite, and on PostgreSQL: a fresh address each time, so no cached engine or snapshot is reused."""
    if request.param == "sqlite":
        yield fresh_store
        return
    reset_postgres(PG_URL)
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}application_name=registry-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("POLICY_TIMELINE_DB", url)
    as_local_analyst(monkeypatch)
    yield url
    snapshot_path_for(url).unlink(missing_ok=True)


def registry_page(app):
    open_page(app, "pages/actors.py")
    app.sidebar.text_input(key="analyst").input("Farid").run()
    assert not app.exception, app.exception
    return app


def listed(app) -> list[str]:
    return app.dataframe[-1].value["name"].tolist()  # the registry is the last table


def test_the_registry_is_searched_in_any_script_and_an_actor_is_added(app, registry_store):
    registry_page(app)
    app.text_input(key="registry_search").input("习近平").run()
    assert listed(app) == ["Xi Jinping"]
    app.text_input(key="registry_search").input("شى جين بينج").run()  # another spelling than the registry's
    assert listed(app) == ["Xi Jinping"]
    app.text_input(key="registry_search").input("").run()
    app.text_input(key="registry_new_name").input("Zhang Wei")
    app.selectbox(key="registry_new_kind").set_value("person")
    app.text_input(key="registry_new_country").input("CN")
    app.text_area(key="registry_new_aliases").input("zh: 张伟\nar: تشانغ وي")
    app.button(key="FormSubmitter:registry_add-Add actor").click().run()
    assert not app.exception, app.exception
    assert any("Added Zhang Wei" in shown_text(message.value) for message in app.success)
    app.text_input(key="registry_search").input("张伟").run()
    assert listed(app) == ["Zhang Wei"]
    # A name another actor holds is refused, with why.
    app.text_input(key="registry_new_name").input("Someone")
    app.text_area(key="registry_new_aliases").input("zh: 习近平")
    app.button(key="FormSubmitter:registry_add-Add actor").click().run()
    assert any("'习近平' already names 'Xi Jinping'" in shown_text(error.value) for error in app.error)


def test_aliases_are_edited_and_an_actor_disabled(app, registry_store):
    registry_page(app)
    app.text_input(key="registry_search").input("Xi Jinping").run()
    app.selectbox(key="registry_actor").set_value("Xi Jinping").run()
    aliases = app.text_area(key="registry_aliases_Xi Jinping")
    assert "zh: 习近平, 習近平" in aliases.value
    aliases.input(aliases.value + "\nfr: le président Xi")
    app.button(key="FormSubmitter:registry_edit_Xi Jinping-Save").click().run()
    assert not app.exception, app.exception
    assert any("Saved Xi Jinping" in shown_text(message.value) for message in app.success)
    app.text_input(key="registry_search").input("le président xi").run()
    assert listed(app) == ["Xi Jinping"]
    app.button(key="registry_disable").click().run()
    assert app.dataframe[-1].value["status"].tolist() == ["disabled"]


def test_two_actors_are_merged_and_the_merge_undone(app, registry_store):
    registry_page(app)
    liang = sorted(
        curated.load().pipe(lambda events: events[events["actors"].map(lambda n: "Liang Wenfeng" in n)])["event_id"]
    )
    app.selectbox(key="registry_merge_source").set_value("Liang Wenfeng").run()
    app.selectbox(key="registry_merge_target").set_value("DeepSeek").run()
    app.button(key="registry_merge").click().run()
    assert not app.exception, app.exception
    assert any("Merged Liang Wenfeng into DeepSeek" in shown_text(message.value) for message in app.success)
    stats = app.dataframe[0].value.set_index("actor")
    assert "Liang Wenfeng" not in stats.index
    app.text_input(key="registry_search").input("梁文锋").run()
    assert listed(app) == ["DeepSeek"]  # the merged actor's names are the kept one's aliases now
    undo = [button for button in app.button if button.key.startswith("registry_undo_")]
    assert len(undo) == 1
    undo[0].click().run()
    assert not app.exception, app.exception
    stats = app.dataframe[0].value.set_index("actor")
    assert stats.loc["Liang Wenfeng", "events"] == len(liang)
    app.text_input(key="registry_search").input("梁文锋").run()
    assert listed(app) == ["Liang Wenfeng"]
