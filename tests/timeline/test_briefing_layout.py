import itertools
import re

import pytest

from tests.conftest import SOURCES, dense_events, make_events
from timeline.briefing import Briefing, key_events
from timeline.briefing_layout import FRAMES, TimelineGeometry, briefing_figure, table_capacity
from timeline.filters import Filters
from timeline.typesetting import text_width


def tables(figure):
    return [trace for trace in figure.data if trace.type == "table"]


def annotation(figure, name):
    return next(item for item in figure.layout.annotations if item.name == name)


def test_figure_has_title_timeline_event_list_sources_and_labels(events):
    briefing = Briefing(events, SOURCES, Filters(), title="A <b>title</b>", labelled=("paris-summit",))
    figure = briefing_figure(briefing)
    assert "A &lt;b&gt;title&lt;/b&gt;" in figure.layout.title.text
    event_table, source_table = tables(figure)
    assert [cell for cell in event_table.header.values] == ["<b>#</b>", "<b>When</b>", "<b>Event</b>", "<b>Sources</b>"]
    assert list(event_table.cells.values[2]) == list(events["title"])
    assert list(source_table.cells.values[1]) == ["Test outlet, 01 Mar 2025"]
    labels = [item for item in figure.layout.annotations if item.name.startswith(("beside", "leader", "callout"))]
    assert [item.text for item in labels] == ["AI Action Summit in Paris"]
    assert (figure.layout.width, figure.layout.height) == (1920, 1080)


@pytest.mark.parametrize(("size", "pixels"), [("slide", (1920, 1080)), ("a4", (794, 1123))])
def test_every_part_lies_inside_the_frame(events, size, pixels):
    figure = briefing_figure(Briefing(events, SOURCES, Filters(), size=size))
    assert (figure.layout.width, figure.layout.height) == pixels
    assert (figure.layout.margin.l, figure.layout.margin.r, figure.layout.margin.t, figure.layout.margin.b) == (0,) * 4
    for table in tables(figure):
        assert 0 <= table.domain.x[0] < table.domain.x[1] <= 1 and 0 <= table.domain.y[0] < table.domain.y[1] <= 1
    footnote = annotation(figure, "footnote")
    lines = footnote.text.count("<br>") + 1
    bottom = (1 - footnote.y) * pixels[1] + lines * FRAMES[size].footnote_size * 1.3
    assert bottom <= pixels[1]


@pytest.mark.parametrize("size", ["slide", "a4"])
def test_table_headers_are_as_high_as_plotly_draws_them(size):
    frame = FRAMES[size]
    assert frame.header_height >= frame.table_size * 1.3 + 2 * 8


def test_a_long_list_keeps_whole_rows_and_says_how_many_more():
    crowded = dense_events()
    briefing = Briefing(crowded, SOURCES, Filters())
    event_table = tables(briefing_figure(briefing))[0]
    numbers, _, titles, _ = (list(column) for column in event_table.cells.values)
    capacity = table_capacity("slide")
    assert len(titles) == capacity
    assert titles[-1] == f"… and {len(crowded) - (capacity - 1)} more events (see CSV)"
    frame = FRAMES["slide"]
    table_height = (event_table.domain.y[1] - event_table.domain.y[0]) * frame.height
    assert frame.header_height + capacity * frame.row_height <= table_height
    # The labelled events claim their rows; each number is the event's row in the CSV.
    position = {event_id: index + 1 for index, event_id in enumerate(crowded["event_id"])}
    assert {str(position[event_id]) for event_id in key_events(crowded)} <= set(numbers)


def test_source_numbers_in_the_list_are_those_of_the_sources_table():
    sources = SOURCES.assign(source_id="a", name="Outlet A")
    for letter in "bcd":
        sources.loc[len(sources)] = {
            **sources.iloc[0].to_dict(),
            "source_id": letter,
            "name": f"Outlet {letter.upper()}",
        }
    events = make_events(
        *(
            {
                "event_id": f"e{number}",
                "title": f"Event {number}",
                "date_start": f"2025-01-0{number}",
                "date_end": f"2025-01-0{number}",
                "date_precision": "day",
                "category": "meeting",
                "actors": (),
                "source_ids": ids,
            }
            for number, ids in ((1, ("c",)), (2, ("a", "c")), (3, ("d",)))
        )
    )
    event_table, source_table = tables(briefing_figure(Briefing(events, sources, Filters())))
    listed = dict(zip(source_table.cells.values[0], source_table.cells.values[1], strict=True))
    assert list(event_table.cells.values[3]) == ["[1]", "[2] [1]", "[3]"]
    assert listed == {"[1]": "Outlet C, 01 Mar 2025", "[2]": "Outlet A, 01 Mar 2025", "[3]": "Outlet D, 01 Mar 2025"}


@pytest.mark.parametrize("size", ["slide", "a4"])
def test_dense_view_labels_clear_every_mark_lane_name_and_each_other(size):
    crowded = dense_events()
    labelled = tuple(crowded["event_id"].iloc[::8])  # 25 labels, some on the crowded day
    geometry = TimelineGeometry.of(Briefing(crowded, SOURCES, Filters(), size=size))
    placements = geometry.label_placements(labelled)
    assert [placement.key for placement in placements] == list(labelled)
    boxes = [placement.box for placement in placements if placement.box]
    marks = [mark for group in geometry.marks.values() for mark in group]
    lane_names_right = FRAMES[size].margin + max(
        text_width(lane, FRAMES[size].lane_size) for lane in geometry.axis.lanes
    )
    for box in boxes:
        assert box.inside(geometry.plot) and box.left > lane_names_right
        assert not any(box.overlaps(mark) for mark in marks)
    for first, second in itertools.combinations(boxes, 2):
        assert not first.overlaps(second)
    assert {placement.kind for placement in placements} >= {"beside", "callout"}


def test_labels_are_whole_titles_or_numbers_never_cut(events):
    placements = TimelineGeometry.of(Briefing(events, SOURCES, Filters())).label_placements(tuple(events["event_id"]))
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    for placement in placements:
        shown = " ".join(placement.lines)
        assert shown == titles[placement.key] or re.fullmatch(r"\d+", shown)


def test_a_right_to_left_title_is_embedded_and_right_aligned(events):
    title = "قمة باريس (AI Action Summit) في 10–11 فبراير 2025"
    figure = briefing_figure(Briefing(events, SOURCES, Filters(), title=title, subtitle="موجز"))
    assert figure.layout.title.text == f"<b>\u202b{title}\u202c</b>"
    assert figure.layout.title.xanchor == "right" and figure.layout.title.x > 0.9
    assert annotation(figure, "subtitle").xanchor == "right"
    left_to_right = briefing_figure(Briefing(events, SOURCES, Filters(), title="AI summit قمة"))
    assert left_to_right.layout.title.xanchor == "left" and "\u202b" not in left_to_right.layout.title.text


def test_a_view_without_any_quote_gives_a_whole_briefing(events):
    quoteless = events.assign(quote=None)
    figure = briefing_figure(Briefing(quoteless, SOURCES, Filters()))
    listed = [cell for trace in tables(figure) for column in trace.cells.values for cell in column]
    footnotes = " ".join(item.text for item in figure.layout.annotations)
    assert "Liang Wenfeng declines the Paris summit invitation" in listed
    assert not {"nan", "None", "<NA>"} & set(" ".join(map(str, listed + [footnotes])).split())
