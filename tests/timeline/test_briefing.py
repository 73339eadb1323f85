import datetime as dt

import pytest

from tests.conftest import SOURCES
from timeline.briefing import Briefing, default_title, file_name, key_events, timeline_export_figure, view_link
from timeline.filters import Filters, apply_filters


def test_default_title_summarises_the_filters(events):
    filters = Filters(actors=("Liang Wenfeng",), date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 3, 31))
    shown = events[events["actors"].map(lambda names: "Liang Wenfeng" in names)]
    assert default_title(shown, filters) == "Liang Wenfeng, Jan–Mar 2025: 2 events, 3 actors"
    assert default_title(events, Filters()).startswith("Policy events, Jan 2024 – Feb 2025: 4 events")


def test_briefing_names_its_file_by_what_and_when(events):
    filters = Filters(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 3, 31))
    briefing = Briefing(events, SOURCES, filters)
    assert file_name(briefing, "png") == "briefing_2025-01-01_2025-03-31.png"
    assert file_name(Briefing(events, SOURCES, Filters()), ".pdf") == "briefing_2024-01-01_2025-02-28.pdf"


def test_provenance_carries_filters_date_and_link(events):
    filters = Filters(actors=("Xi Jinping",))
    briefing = Briefing(
        events, SOURCES, filters, as_of=dt.date(2026, 11, 29), link="http://x/briefing?actor=Xi+Jinping"
    )
    lines = briefing.provenance_lines()
    assert lines[1] == "Filters: actors: Xi Jinping"
    assert "As of 2026-11-29" in lines[2]
    assert lines[3] == "View: http://x/briefing?actor=Xi+Jinping"


def test_key_events_prefer_well_sourced_precise_events(events):
    assert key_events(events, limit=2) == ("paris-summit", "symposium")


def test_unknown_size_is_refused(events):
    with pytest.raises(ValueError, match="unknown size"):
        Briefing(events, SOURCES, Filters(), size="poster")


def test_view_link_reopens_page_and_filters():
    link = view_link("http://localhost:8501/", Filters(actors=("Liang Wenfeng",)), {"size": "a4"}, page="briefing")
    assert link == "http://localhost:8501/briefing?actor=Liang+Wenfeng&size=a4"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(date_from=dt.date(2030, 1, 1)), "Policy events, from Jan 2030: 0 events, 0 actors"),
        (Filters(date_to=dt.date(1990, 6, 30)), "Policy events, until Jun 1990: 0 events, 0 actors"),
        (Filters(text="nothing like this"), 'Events mentioning "nothing like this": 0 events, 0 actors'),
    ],
)
def test_default_title_of_a_view_with_no_event(events, filters, expected):
    shown = apply_filters(events, filters)
    assert shown.empty
    assert default_title(shown, filters) == expected


def test_timeline_export_puts_a_right_to_left_title_on_the_right(events):
    title = "قمة باريس (AI Action Summit)"
    figure, _ = timeline_export_figure(Briefing(events, SOURCES, Filters(), title=title), "category")
    assert figure.layout.title.xanchor == "right" and figure.layout.title.x > 0.9
    assert f"<b>\u202b{title}\u202c</b>" in figure.layout.title.text
    latin, _ = timeline_export_figure(Briefing(events, SOURCES, Filters(), title="Paris summit"), "category")
    assert latin.layout.title.xanchor == "left" and "\u202b" not in latin.layout.title.text
