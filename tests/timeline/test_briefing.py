import datetime as dt

import pandas as pd
import pytest

from tests.conftest import SOURCES
from timeline.briefing import Briefing, default_title, file_name, key_events, timeline_export_figure, view_link
from timeline.briefing_layout import briefing_figure
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


def test_a_view_without_any_quote_gives_a_whole_briefing(events):
    quoteless = events.assign(quote=None)
    figure = briefing_figure(Briefing(quoteless, SOURCES, Filters()))
    listed = [
        cell for trace in figure.data if trace.type == "table" for column in trace.cells.values for cell in column
    ]
    footnotes = " ".join(annotation.text for annotation in figure.layout.annotations)
    assert "Liang Wenfeng declines the Paris summit invitation" in listed
    assert not {"nan", "None", "<NA>"} & set(" ".join(map(str, listed + [footnotes])).split())


def test_the_policy_status_is_drawn_between_the_tables_and_the_footnote_inside_the_frame(events):
    from timeline.briefing_status import MAX_THREADS, status_lines

    rows = [(f"Thread {number}", "In force", "1 Aug 2023", "none known") for number in range(MAX_THREADS + 2)]
    rows[0] = ("Gallium controls", "Announced", "3 Jul 2023", "1 Aug 2023 (In force)")
    status = pd.DataFrame(rows, columns=["Thread", "Current stage", "Since", "Next known date"])
    plain = briefing_figure(Briefing(events=events, sources=SOURCES, filters=Filters()))
    with_status = briefing_figure(Briefing(events=events, sources=SOURCES, filters=Filters(), status=status))
    lines = status_lines(status)
    assert lines[0] == "Gallium controls — Announced since 3 Jul 2023; next known date: 1 Aug 2023 (In force)"
    assert lines[1] == "Thread 1 — In force since 1 Aug 2023" and lines[-1] == "… and 2 more threads"
    (block,) = [note for note in with_status.layout.annotations if "Policy status" in note.text]
    (footnote,) = [note for note in with_status.layout.annotations if note.name == "footnote"]
    assert "Gallium controls" in block.text and block.yanchor == "top" and footnote.y < block.y < 1
    assert (with_status.layout.width, with_status.layout.height) == (plain.layout.width, plain.layout.height)
    assert not [note for note in plain.layout.annotations if "Policy status" in note.text]


def test_timeline_export_puts_a_right_to_left_title_on_the_right(events):
    title = "قمة باريس (AI Action Summit)"
    figure, _ = timeline_export_figure(Briefing(events, SOURCES, Filters(), title=title), "category")
    assert figure.layout.title.xanchor == "right" and figure.layout.title.x > 0.9
    assert f"<b>\u202b{title}\u202c</b>" in figure.layout.title.text
    latin, _ = timeline_export_figure(Briefing(events, SOURCES, Filters(), title="Paris summit"), "category")
    assert latin.layout.title.xanchor == "left" and "\u202b" not in latin.layout.title.text
