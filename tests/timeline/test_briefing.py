import datetime as dt

import pandas as pd
import pytest

from tests.conftest import SOURCES
from timeline.briefing import Briefing, briefing_figure, default_title, file_name, key_events, view_link
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


def test_figure_has_title_timeline_event_list_sources_and_labels(events):
    briefing = Briefing(events, SOURCES, Filters(), title="A <b>title</b>", labelled=("paris-summit",))
    figure = briefing_figure(briefing)
    assert "A &lt;b&gt;title&lt;/b&gt;" in figure.layout.title.text
    tables = [trace for trace in figure.data if trace.type == "table"]
    assert len(tables) == 2  # events, sources
    assert list(tables[0].cells.values[1]) == list(events["title"])
    assert [annotation.text for annotation in figure.layout.annotations if annotation.showarrow] == [
        "AI Action Summit in Paris"
    ]
    assert (figure.layout.width, figure.layout.height) == (1920, 1080)


def test_a4_is_portrait_and_lists_sources_in_the_footnote(events):
    figure = briefing_figure(Briefing(events, SOURCES, Filters(), size="a4"))
    assert figure.layout.height > figure.layout.width
    footnote = next(annotation.text for annotation in figure.layout.annotations if not annotation.showarrow)
    assert "[1] Test outlet" in footnote


def test_long_lists_say_how_many_are_left_out(events):
    figure = briefing_figure(Briefing(events, SOURCES, Filters()), list_rows=2)
    titles = list(next(trace for trace in figure.data if trace.type == "table").cells.values[1])
    assert titles[-1] == "… and 2 more events (see the CSV export)"


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


def test_the_policy_status_is_drawn_under_the_footnote_and_grows_the_bottom_margin(events):
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
    assert "Gallium controls" in block.text and block.yanchor == "top" and block.y < -0.02
    assert with_status.layout.margin.b > plain.layout.margin.b
    assert not [note for note in plain.layout.annotations if "Policy status" in note.text]
