from loaders import curated
from tests.pages.conftest import open_page, plotly_figures
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
