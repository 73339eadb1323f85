"""The briefing drawn to fit its frame exactly: a 16:9 slide of 1920×1080 or an A4 page of 794×1123 pixels.

Every region has a fixed place in pixels (the figure has no margins, so paper coordinates are pixels
divided by the size): the title, the timeline, the event list, the numbered sources and the footnote.
The lists hold as many whole rows as fit, and say how many more the CSV has; labels on the timeline are
placed by `timeline.label_layout` around the marks read from the figure's own traces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import unquote

import pandas as pd
import plotly.graph_objects as go

from timeline import figures
from timeline.briefing import FONT_FAMILY, SIZES, Briefing, period
from timeline.briefing_status import status_lines
from timeline.label_layout import Box, Placement, Request, Shape, place_labels
from timeline.palette import category_styles
from timeline.text import escape_html
from timeline.typesetting import balanced_two_lines, directional, fit, is_right_to_left, text_width

LINE_SPACING = 1.3  # plotly's own line height, in ems
LABEL_PADDING = 3  # annotation borderpad, pixels
MAX_LABEL_WIDTH_SHARE = 0.3  # a one-line label wider than this share of the plot is tried on two lines first
DAY_MARK_RADIUS = 7.5  # figures' day dots: size 12 and a 1.5 px outline
DIAMOND_RADIUS = figures.MARK_EXTENT_PX / 2  # a diamond is drawn 1.3 times the marker size
BAND_SHARE = figures.BAND_PX / figures.SUB_ROW_PX  # figures' band height, as a share of a sub-row


@dataclass(frozen=True)
class Frame:
    """Where each part of one briefing size goes, in pixels."""

    width: int
    height: int
    margin: int
    title_size: float
    subtitle_size: float
    lane_size: float
    label_size: float
    table_size: float
    header_height: int  # plotly draws a header no lower than its text plus 8 px above and below
    row_height: int
    footnote_size: float
    timeline_top: int
    timeline_bottom: int
    tables_top: int
    tables_bottom: int
    footnote_top: int
    side_by_side: bool  # sources beside the events (slide) or under them (A4)


FRAMES = {
    "slide": Frame(
        *SIZES["slide"], margin=40, title_size=30, subtitle_size=17, lane_size=14, label_size=13, table_size=14,
        header_height=35, row_height=26, footnote_size=12, timeline_top=124, timeline_bottom=604,
        tables_top=656, tables_bottom=1006, footnote_top=1020, side_by_side=True,
    ),
    "a4": Frame(
        *SIZES["a4"], margin=30, title_size=19, subtitle_size=11, lane_size=10, label_size=9.5, table_size=10,
        header_height=30, row_height=19, footnote_size=8.5, timeline_top=84, timeline_bottom=484,
        tables_top=522, tables_bottom=1056, footnote_top=1066, side_by_side=False,
    ),
}  # fmt: skip


@dataclass(frozen=True)
class TimelineGeometry:
    """The timeline part of a briefing in pixels: its figure, plot box, axes, marks and event numbers."""

    frame: Frame
    events: pd.DataFrame  # the briefing's events, numbered 1, 2, … in this order (the CSV's order too)
    timeline: go.Figure
    plot: Box
    axis: _Axis
    marks: dict[str, list[Box]]

    @classmethod
    def of(cls, briefing: Briefing) -> TimelineGeometry:
        frame = FRAMES[briefing.size]
        events = briefing.events.reset_index(drop=True)
        dates = _date_range(briefing)
        timeline = figures.timeline_figure(
            events, "category", period=(dates[0].date(), dates[1].date()), plot_width=frame.width - 2 * frame.margin
        )
        lanes = list(timeline.layout.yaxis.ticktext or [])
        lane_width = max((text_width(lane, frame.lane_size) for lane in lanes), default=0)
        # The plot starts right of the longest lane name, so a label kept inside it never covers one.
        plot = Box(
            frame.margin + lane_width + 14, frame.timeline_top, frame.width - frame.margin, frame.timeline_bottom
        )
        y_range = timeline.layout.yaxis.range
        axis = _Axis(plot, dates, lanes, float(y_range[0]) if y_range else 1.0, timeline.layout.yaxis)
        return cls(frame, events, timeline, plot, axis, event_marks(timeline, axis))

    @property
    def numbers(self) -> dict[str, int]:
        return dict(zip(self.events["event_id"], range(1, len(self.events) + 1), strict=True))

    def label_placements(self, label_ids: tuple[str, ...]) -> list[Placement]:
        return layout_labels(self.frame, self.events, label_ids, self.numbers, self.marks, self.plot)


def briefing_figure(briefing: Briefing) -> go.Figure:
    """The whole briefing as one figure: title, labelled timeline, event list, numbered sources, footnote."""
    geometry = TimelineGeometry.of(briefing)
    frame, events, plot, axis = geometry.frame, geometry.events, geometry.plot, geometry.axis
    numbers = geometry.numbers
    status = status_lines(briefing.status) if briefing.status is not None and len(briefing.status) else []
    if status:  # the policy status takes the foot of the tables' room, so the frame still holds everything
        frame = replace(frame, tables_bottom=frame.tables_bottom - _status_height(frame, status))
    figure = go.Figure()
    for trace in geometry.timeline.data:
        figure.add_trace(trace)
    figure.update_layout(
        template=figures.TEMPLATE,
        width=frame.width,
        height=frame.height,
        font={"family": FONT_FAMILY, "size": frame.table_size},
        margin={"l": 0, "r": 0, "t": 0, "b": 0, "autoexpand": False},
        showlegend=False,  # the lanes already name the categories
        barmode="overlay",
        hovermode="closest",
        title=_title(briefing, frame),
        xaxis={
            "type": "date",
            "domain": [plot.left / frame.width, plot.right / frame.width],
            "range": list(axis.dates),
            "showgrid": True,
            "automargin": False,
            "tickfont": {"size": frame.lane_size},
        },
        yaxis={
            "domain": [1 - plot.bottom / frame.height, 1 - plot.top / frame.height],
            "tickmode": "array",
            "tickvals": axis.yaxis.tickvals,
            "ticktext": axis.yaxis.ticktext,
            "range": [axis.rows, 0],
            "showgrid": False,
            "zeroline": False,
            "automargin": False,
            "tickfont": {"size": frame.lane_size},
            "fixedrange": True,
        },
    )
    figure.add_annotation(_subtitle(briefing, frame))

    table_rows = _table_rows(events, briefing.label_ids, _row_capacity(frame, events_table_box(frame)))
    cited = cited_in_order(events, table_rows, briefing.sources)
    source_numbers = dict(zip(cited["source_id"], cited["number"], strict=True))
    figure.add_trace(_event_table(frame, events, table_rows, source_numbers))
    figure.add_trace(_source_table(frame, cited))

    placements = geometry.label_placements(briefing.label_ids)
    _draw_labels(figure, frame, placements, events)
    unplaced = [numbers[placement.key] for placement in placements if placement.kind == "unplaced"]
    _add_footnote(figure, frame, briefing, unplaced)
    if status:
        _add_policy_status(figure, frame, status)
    return figure


def _status_height(frame: Frame, lines: list[str]) -> int:
    return int((len(lines) + 1) * frame.footnote_size * LINE_SPACING + 10)


def _add_policy_status(figure: go.Figure, frame: Frame, lines: list[str]) -> None:
    """The policy status as a block of lines between the tables and the footnote."""
    room = frame.width - 2 * frame.margin
    fitted = [fit(line, frame.footnote_size, room) for line in lines]
    figure.add_annotation(
        name="policy status",
        text="<b>Policy status</b><br>" + "<br>".join(escape_html(directional(line)) for line in fitted),
        xref="paper",
        yref="paper",
        x=frame.margin / frame.width,
        y=1 - (frame.tables_bottom + 6) / frame.height,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": frame.footnote_size, "color": "#333"},
    )


@dataclass(frozen=True)
class _Axis:
    """Dates and sub-rows to pixels in the plot box, for the axis ranges the figure is given.

    The timeline's y axis counts sub-rows from the top (lanes grow with the marks they stack).
    """

    plot: Box
    dates: tuple[pd.Timestamp, pd.Timestamp]
    lanes: list[str]
    rows: float  # sub-rows in all, the y axis's extent
    yaxis: object  # the timeline's own y axis: lane names at their ticks

    def x(self, when) -> float:
        start, end = (value.value for value in self.dates)
        return self.plot.left + (pd.Timestamp(when).value - start) / (end - start) * self.plot.width

    def row_height(self) -> float:
        return self.plot.height / max(self.rows, 1e-9)

    def y(self, row: float) -> float:
        return self.plot.top + float(row) * self.row_height()


def _date_range(briefing: Briefing) -> tuple[pd.Timestamp, pd.Timestamp]:
    start, end = period(briefing.events, briefing.filters)
    start = start or dt.date.today()
    end = end or start
    padding = max((end - start) / 40, dt.timedelta(days=1))
    return pd.Timestamp(start - padding), pd.Timestamp(end + padding)


def event_marks(timeline: go.Figure, axis: _Axis) -> dict[str, list[Box]]:
    """Each event's marks in pixels, read from the timeline's traces (dots, diamonds and bands)."""
    marks: dict[str, list[Box]] = {}
    band_half = BAND_SHARE * axis.row_height() / 2
    for trace in timeline.data:
        if trace.customdata is None:  # the legend's own entries draw nothing on the plot
            continue
        ids = [row[0] for row in trace.customdata]
        if trace.type == "bar":
            for event_id, base, span_ms, lane in zip(ids, trace.base, trace.x, trace.y, strict=True):
                left = axis.x(base)
                right = axis.x(pd.Timestamp(base) + pd.Timedelta(milliseconds=float(span_ms)))
                centre = axis.y(lane)
                marks.setdefault(event_id, []).append(Box(left, centre - band_half, right, centre + band_half))
        else:
            radius = DIAMOND_RADIUS if "diamond" in str(trace.marker.symbol) else DAY_MARK_RADIUS
            for event_id, when, lane in zip(ids, trace.x, trace.y, strict=True):
                x, y = axis.x(when), axis.y(lane)
                marks.setdefault(event_id, []).append(Box(x - radius, y - radius, x + radius, y + radius))
    return marks


def _union(boxes: list[Box]) -> Box:
    return Box(
        min(box.left for box in boxes),
        min(box.top for box in boxes),
        max(box.right for box in boxes),
        max(box.bottom for box in boxes),
    )


def _shape(lines: list[str], size: float, bold: bool = False) -> Shape:
    # The box plotly draws: text, borderpad and a 1 px border on each side; 3% and 2 px spare for hinting.
    width = max(text_width(line, size, bold) for line in lines) * 1.03 + 2 * (LABEL_PADDING + 1) + 2
    height = len(lines) * size * LINE_SPACING + 2 * (LABEL_PADDING + 1)
    return Shape(tuple(lines), width, height)


def layout_labels(
    frame: Frame,
    events: pd.DataFrame,
    label_ids: tuple[str, ...],
    numbers: dict[str, int],
    marks: dict[str, list[Box]],
    plot: Box,
) -> list[Placement]:
    """Placements for the chosen events' labels, most important first, clear of every mark and each other."""
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    requests = []
    for event_id in label_ids:
        if event_id not in marks:
            continue
        title = " ".join(str(titles[event_id]).split())
        one_line = _shape([title], frame.label_size)
        two_lines = _shape([line.text for line in balanced_two_lines(title, frame.label_size)], frame.label_size)
        shapes = (one_line, two_lines) if one_line.width <= MAX_LABEL_WIDTH_SHARE * plot.width else (two_lines,)
        shapes = tuple(shape for shape in shapes if shape.width <= plot.width)
        callout = _shape([str(numbers[event_id])], frame.label_size, bold=True)
        requests.append(Request(event_id, _union(marks[event_id]), shapes, callout))
    every_mark = [box for boxes in marks.values() for box in boxes]
    return place_labels(requests, plot, every_mark)


def _draw_labels(figure: go.Figure, frame: Frame, placements: list[Placement], events: pd.DataFrame) -> None:
    colours = {category: style.colour for category, style in category_styles().items()}
    categories = dict(zip(events["event_id"], events["category"].astype("str"), strict=True))
    for placement in placements:
        if placement.box is None:
            continue
        callout = placement.kind == "callout"
        if placement.leader:
            x1, y1, x2, y2 = placement.leader
            figure.add_shape(
                type="line",
                xref="paper",
                yref="paper",
                x0=x1 / frame.width,
                y0=1 - y1 / frame.height,
                x1=x2 / frame.width,
                y1=1 - y2 / frame.height,
                line={"color": "#888", "width": 1},
                name=f"leader {placement.key}",
            )
        right_to_left = any(is_right_to_left(line) for line in placement.lines)
        figure.add_annotation(
            name=f"{placement.kind} {placement.key}",
            text="<br>".join(escape_html(directional(line)) for line in placement.lines),
            xref="paper",
            yref="paper",
            x=placement.box.left / frame.width,
            y=1 - placement.box.top / frame.height,
            xanchor="left",
            yanchor="top",
            align="right" if right_to_left else "left",
            showarrow=False,
            borderpad=LABEL_PADDING,
            borderwidth=1,
            bordercolor=colours.get(categories[placement.key], "#888") if callout else "rgba(0,0,0,0)",
            bgcolor="rgba(255,255,255,0.92)",
            font={"size": frame.label_size, "color": "#222", "weight": "bold" if callout else "normal"},
        )


def _title(briefing: Briefing, frame: Frame) -> dict:
    """The title on one line, right-aligned when it reads right to left, smaller rather than cut when long."""
    room = frame.width - 2 * frame.margin
    size = frame.title_size
    natural = text_width(briefing.title, size, bold=True)
    if natural > room:
        size = max(frame.title_size * 0.7, size * room / natural * 0.98)
    text = fit(briefing.title, size, room, bold=True)
    right_to_left = is_right_to_left(text)
    return {
        "text": f"<b>{escape_html(directional(text))}</b>",
        "x": (frame.width - frame.margin if right_to_left else frame.margin) / frame.width,
        "xanchor": "right" if right_to_left else "left",
        "xref": "paper",
        "y": 1 - frame.margin * 0.55 / frame.height,
        "yanchor": "top",
        "yref": "container",
        "font": {"size": size},
    }


def _subtitle(briefing: Briefing, frame: Frame) -> dict:
    text = fit(briefing.subtitle, frame.subtitle_size, frame.width - 2 * frame.margin)
    right_to_left = is_right_to_left(text)
    return {
        "name": "subtitle",
        "text": escape_html(directional(text)),
        "xref": "paper",
        "yref": "paper",
        "x": (frame.width - frame.margin if right_to_left else frame.margin) / frame.width,
        "xanchor": "right" if right_to_left else "left",
        "y": 1 - (frame.margin * 0.55 + frame.title_size * 1.6) / frame.height,
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": frame.subtitle_size, "color": "#444"},
    }


def events_table_box(frame: Frame) -> Box:
    if frame.side_by_side:
        split = frame.margin + (frame.width - 2 * frame.margin) * 0.62
        return Box(frame.margin, frame.tables_top, split, frame.tables_bottom)
    split = frame.tables_top + (frame.tables_bottom - frame.tables_top) * 0.62
    return Box(frame.margin, frame.tables_top, frame.width - frame.margin, split)


def _sources_table_box(frame: Frame) -> Box:
    events_box = events_table_box(frame)
    if frame.side_by_side:
        return Box(events_box.right + 24, frame.tables_top, frame.width - frame.margin, frame.tables_bottom)
    return Box(frame.margin, events_box.bottom + 12, frame.width - frame.margin, frame.tables_bottom)


def _row_capacity(frame: Frame, box: Box) -> int:
    """Whole rows under the header that fit the box."""
    return max(int((box.height - frame.header_height) // frame.row_height), 1)


def _table_rows(events: pd.DataFrame, label_ids: tuple[str, ...], capacity: int) -> list[int]:
    """Positions of the events the list shows: the labelled ones first claim a row, then the earliest.

    When not all fit, one row is kept for the line that says how many more the CSV holds.
    """
    if len(events) <= capacity:
        return list(range(len(events)))
    room = capacity - 1
    positions = {event_id: position for position, event_id in enumerate(events["event_id"])}
    chosen = [positions[event_id] for event_id in label_ids if event_id in positions][:room]
    for position in range(len(events)):
        if len(chosen) >= room:
            break
        if position not in chosen:
            chosen.append(position)
    return sorted(chosen)


def cited_in_order(events: pd.DataFrame, table_rows: list[int], sources: pd.DataFrame) -> pd.DataFrame:
    """The sources the events cite, numbered by first citation in the list as shown, then the rest."""
    ordered = [events["source_ids"].iloc[position] for position in table_rows] + list(events["source_ids"])
    order = list(dict.fromkeys(source for ids in ordered for source in ids if pd.notna(source)))
    cited = sources.set_index("source_id").reindex(order).reset_index()
    cited.insert(0, "number", range(1, len(cited) + 1))
    return cited


def _columns(box: Box, shares: list[float]) -> list[float]:
    return [box.width * share for share in shares]


CELL_PADDING = 8  # plotly's table pads each cell's text by 8 px on the left and right


def _cell(text: str, size: float, width: float) -> str:
    return escape_html(directional(fit(text, size, width - 2 * CELL_PADDING - 2)))


def _table(frame: Frame, box: Box, header: list[str], columns: list[list[str]], widths: list[float]) -> go.Table:
    return go.Table(
        domain={"x": [box.left / frame.width, box.right / frame.width], "y": _y_domain(frame, box)},
        columnwidth=widths,
        header={
            "values": [f"<b>{name}</b>" for name in header],
            "align": "left",
            "fill": {"color": "#eef1f5"},
            "height": frame.header_height,
            "font": {"size": frame.table_size},
        },
        cells={
            "values": columns,
            "align": "left",
            "height": frame.row_height,
            "font": {"size": frame.table_size},
        },
    )


def _y_domain(frame: Frame, box: Box) -> list[float]:
    return [1 - box.bottom / frame.height, 1 - box.top / frame.height]


def _event_table(frame: Frame, events: pd.DataFrame, rows: list[int], source_numbers: dict[str, int]) -> go.Table:
    box = events_table_box(frame)
    widths = _columns(box, [0.06, 0.19, 0.6, 0.15])
    shown = events.iloc[rows]
    numbers = [str(position + 1) for position in rows]
    dates = [
        figures.format_interval(start, end, str(precision))
        for start, end, precision in zip(shown["date_start"], shown["date_end"], shown["date_precision"], strict=True)
    ]
    titles = [_cell(title, frame.table_size, widths[2]) for title in shown["title"]]
    refs = [
        _cell(
            " ".join(f"[{source_numbers[source]}]" for source in ids if source in source_numbers),
            frame.table_size,
            widths[3],
        )
        for ids in shown["source_ids"]
    ]
    if len(events) > len(rows):
        more = f"… and {len(events) - len(rows)} more events (see CSV)"
        numbers.append("")
        dates.append("")
        titles.append(_cell(more, frame.table_size, widths[2] + widths[1]))
        refs.append("")
    return _table(frame, box, ["#", "When", "Event", "Sources"], [numbers, dates, titles, refs], widths)


def _source_table(frame: Frame, cited: pd.DataFrame) -> go.Table:
    box = _sources_table_box(frame)
    widths = _columns(box, [0.1, 0.9])
    capacity = _row_capacity(frame, box)
    shown = cited if len(cited) <= capacity else cited.head(capacity - 1)
    labels = [
        _cell(f"{name}, {published:%d %b %Y}" if pd.notna(published) else str(name), frame.table_size, widths[1])
        for name, published in zip(shown["name"], shown["published"], strict=True)
    ]
    numbers = [f"[{number}]" for number in shown["number"]]
    if len(cited) > len(shown):
        numbers.append("")
        labels.append(_cell(f"… and {len(cited) - len(shown)} more sources (see CSV)", frame.table_size, widths[1]))
    return _table(frame, box, ["#", "Source"], [numbers, labels], widths)


def _add_footnote(figure: go.Figure, frame: Frame, briefing: Briefing, unplaced: list[int]) -> None:
    """Filters, date and link in small grey text at the foot; the link decoded (Arabic stays Arabic)."""
    filters_line, as_of_line, *link_line = briefing.provenance_lines()[1:]
    lines = [f"{filters_line} · {as_of_line}", *(unquote(line) for line in link_line)]
    if unplaced:
        lines.append("No room on the timeline for the labels of events " + ", ".join(f"#{n}" for n in unplaced))
    room = frame.width - 2 * frame.margin
    broken = [part for line in lines for part in break_to_width(line, frame.footnote_size, room)]
    figure.add_annotation(
        name="footnote",
        text="<br>".join(escape_html(directional(line)) for line in broken),
        xref="paper",
        yref="paper",
        x=frame.margin / frame.width,
        y=1 - frame.footnote_top / frame.height,
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font={"size": frame.footnote_size, "color": "#555"},
    )


def break_to_width(text: str, size: float, width: float) -> list[str]:
    """Lines no wider than `width`; a long address breaks anywhere, since it has no spaces to break at."""
    lines, current = [], ""
    for character in text:
        if current and text_width(current + character, size) > width:
            cut = current.rfind(" ")
            head, tail = (current[:cut], current[cut + 1 :]) if cut > len(current) // 2 else (current, "")
            lines.append(head)
            current = tail
        current += character
    lines.append(current)
    return lines


def table_capacity(size: str) -> int:
    """How many event rows the slide or page lists before saying how many more."""
    frame = FRAMES[size]
    return _row_capacity(frame, events_table_box(frame))
