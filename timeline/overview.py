"""The aggregate timeline for large views: event counts per lane and time bin, whatever the event count.

Above DETAIL_LIMIT events the page draws this instead of one mark per event, so what the browser
receives depends on the number of bins and lanes, never on the number of events. Each event is
counted once per lane, in the bin that holds its date_start (an interval is not spread over the
bins it overlaps), and the caption says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from timeline.figures import NO_ACTOR_LANE, PALETTE, TEMPLATE, category_label
from timeline.index import EPOCH, EventIndex
from timeline.text import escape_html
from timeline.vocabulary import categories

DETAIL_LIMIT = 3_000  # at most this many events are drawn one by one
MAX_BINS = 400
LANE_HEIGHT = 22
LANE_MODES = ("category", "actor")  # the lane modes counted here; the others fall back to category counts
ACTOR_LANE_LIMIT = 25  # busiest actors with a lane of their own; the rest share OTHER_ACTORS_LANE
OTHER_ACTORS_LANE = "(other actors)"
UNITS = ("day", "week", "month", "quarter", "year")
UNIT_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
HOVER_DATES = {
    "day": "%{x|%d %b %Y}",
    "week": "week of %{x|%d %b %Y}",
    "month": "%{x|%b %Y}",
    "quarter": "quarter from %{x|%b %Y}",
    "year": "%{x|%Y}",
}
ZOOM_KEY = "zoom_to"  # session_state key: (date_from, date_to) the sidebar applies on the next run
CHART_KEY = "overview_chart"
# Plotly shrinks int64 arrays to the smallest type that fits; a fixed type keeps the payload's size
# independent of how large the counts are.
COUNT_DTYPE = np.uint32
# 1970-01-01 was a Thursday; shifting by three days makes weeks start on Monday.
WEEK_SHIFT_DAYS = 3


def shows_every_event(count: int) -> bool:
    """Whether a view of `count` events is drawn event by event rather than as counts."""
    return count <= DETAIL_LIMIT


@dataclass(frozen=True)
class Overview:
    """Counts of the shown events per time bin, in all and per lane."""

    unit: str  # one of UNITS
    edges: pd.DatetimeIndex  # bin i runs from edges[i] up to, not including, edges[i + 1]
    totals: np.ndarray  # (bins,): events per bin
    lanes: list[str]  # top to bottom
    lane_counts: np.ndarray  # (lanes, bins): events per lane and bin
    events: int
    lane_mode: str

    @property
    def bins(self) -> int:
        return len(self.edges) - 1


def bin_unit(first_day: int, last_day: int) -> str:
    """The finest unit that covers days first..last (since 1970-01-01) in at most MAX_BINS bins."""
    for unit in UNITS:
        if unit_numbers(np.array([last_day]), unit)[0] - unit_numbers(np.array([first_day]), unit)[0] < MAX_BINS:
            return unit
    return "year"


def unit_numbers(days: np.ndarray, unit: str) -> np.ndarray:
    """The running number of the bin holding each day (days since 1970-01-01)."""
    if unit == "day":
        return days
    if unit == "week":
        return (days + WEEK_SHIFT_DAYS) // 7
    months = (EPOCH + days.astype("timedelta64[D]")).astype("datetime64[M]").astype(np.int64)
    if unit == "month":
        return months
    if unit == "quarter":
        return months // 3
    return months // 12


def unit_starts(numbers: np.ndarray, unit: str) -> pd.DatetimeIndex:
    """The first day of each numbered bin."""
    if unit == "day":
        days = EPOCH + numbers.astype("timedelta64[D]")
    elif unit == "week":
        days = EPOCH + (numbers * 7 - WEEK_SHIFT_DAYS).astype("timedelta64[D]")
    else:
        months_per_bin = {"month": 1, "quarter": 3, "year": 12}[unit]
        days = (numbers * months_per_bin).astype("datetime64[M]").astype("datetime64[D]")
    return pd.DatetimeIndex(days.astype("datetime64[us]"))


def summarise(index: EventIndex, positions: np.ndarray, lane_mode: str) -> Overview:
    """Count the events at `positions` (rows of the indexed frame) per time bin, in all and per lane."""
    if len(positions) == 0:
        raise ValueError("no events to summarise")
    days = index.start_days[positions]
    unit = bin_unit(int(days.min()), int(days.max()))
    numbers = unit_numbers(days, unit)
    first = int(numbers.min())
    bins = int(numbers.max()) - first + 1
    event_bins = numbers - first
    if lane_mode == "category":
        lanes, lane_counts = _category_lanes(index.category_codes[positions], event_bins, bins)
    elif lane_mode == "actor":
        lanes, lane_counts = _actor_lanes(index, positions, event_bins, bins)
    else:
        raise ValueError(f"unknown lane mode {lane_mode!r}")
    return Overview(
        unit=unit,
        edges=unit_starts(np.arange(first, first + bins + 1), unit),
        totals=np.bincount(event_bins, minlength=bins),
        lanes=lanes,
        lane_counts=lane_counts,
        events=len(positions),
        lane_mode=lane_mode,
    )


def _count_grid(rows: np.ndarray, columns: np.ndarray, row_count: int, column_count: int) -> np.ndarray:
    """How often each (row, column) pair occurs, as a dense row_count x column_count array."""
    flat = np.bincount(rows * column_count + columns, minlength=row_count * column_count)
    return flat.reshape(row_count, column_count)


def _category_lanes(codes: np.ndarray, event_bins: np.ndarray, bins: int) -> tuple[list[str], np.ndarray]:
    """One lane per category present, in vocabulary order, as the detailed view orders them."""
    vocabulary = list(categories().values)
    grid = _count_grid(codes.astype(np.int64), event_bins, len(vocabulary), bins)
    present = [row for row in range(len(vocabulary)) if grid[row].any()]
    return [category_label(vocabulary[row]) for row in present], grid[present]


def _actor_lanes(index: EventIndex, positions: np.ndarray, event_bins: np.ndarray, bins: int):
    """The busiest actors' lanes, then one for events with any other actor, then events with none."""
    links = index.actors
    bin_of_row = np.full(index.size, -1, dtype=np.int64)
    bin_of_row[positions] = event_bins
    shown_pairs = bin_of_row[links.rows] >= 0
    pair_rows, pair_codes = links.rows[shown_pairs], links.codes[shown_pairs]
    per_actor = np.bincount(pair_codes, minlength=len(links.names))
    present = np.flatnonzero(per_actor)
    # Busiest first, ties by name: the same order the detailed view gives actor lanes.
    ranked = sorted(present.tolist(), key=lambda code: (-per_actor[code], links.names[code]))
    top = ranked[:ACTOR_LANE_LIMIT]
    lane_of_code = np.full(len(links.names), -1, dtype=np.int64)
    lane_of_code[top] = np.arange(len(top))
    pair_lanes = lane_of_code[pair_codes]
    named = pair_lanes >= 0
    grid = _count_grid(pair_lanes[named], bin_of_row[pair_rows[named]], len(top), bins)
    lanes, rows = [str(links.names[code]) for code in top], [grid]
    # An event with two actors outside the top lanes counts once in the shared lane, not twice.
    with_other = np.zeros(index.size, dtype=bool)
    with_other[pair_rows[~named]] = True
    other_rows = np.flatnonzero(with_other)
    if len(other_rows):
        lanes.append(OTHER_ACTORS_LANE)
        rows.append(np.bincount(bin_of_row[other_rows], minlength=bins)[np.newaxis])
    with_actor = np.zeros(index.size, dtype=bool)
    with_actor[pair_rows] = True
    unnamed = positions[~with_actor[positions]]
    if len(unnamed):
        lanes.append(NO_ACTOR_LANE)
        rows.append(np.bincount(bin_of_row[unnamed], minlength=bins)[np.newaxis])
    return lanes, np.vstack(rows)


def caption(overview: Overview) -> str:
    """Says that counts are shown, how they are counted, and how to get back to single events."""
    text = (
        f"Showing {overview.events:,} events as {UNIT_ADJECTIVES[overview.unit]} counts, each counted in the "
        f"{overview.unit} it starts; narrow the dates or select a span to see single events."
    )
    if overview.lane_mode == "actor":
        actor_lanes = [lane for lane in overview.lanes if lane not in (OTHER_ACTORS_LANE, NO_ACTOR_LANE)]
        text += (
            f" Lanes: the {len(actor_lanes)} busiest actors, then events with other actors;"
            " an event with several actors counts in each of their lanes."
        )
    return text


def overview_figure(overview: Overview) -> go.Figure:
    """Bars of events per bin over a heat strip per lane; selecting bars picks a span to zoom to.

    One bar trace and one heatmap: the browser draws a few hundred bars and one image, whatever
    the number of events.
    """
    figure = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.04, row_heights=[0.3, 0.7])
    widths_ms = np.diff(overview.edges.asi8) // 1_000  # edges are in microseconds, plotly widths in ms
    when = HOVER_DATES[overview.unit]
    figure.add_trace(
        go.Bar(
            name="events",
            x=overview.edges[:-1],
            y=overview.totals.astype(COUNT_DTYPE),
            width=widths_ms,
            offset=0,
            marker={"color": PALETTE[0], "line": {"width": 0}},
            hovertemplate=f"{when}: %{{y:,}} events<extra></extra>",
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    figure.add_trace(
        go.Heatmap(
            x=overview.edges,
            y=[escape_html(lane) for lane in overview.lanes],
            z=overview.lane_counts.astype(COUNT_DTYPE),
            colorscale="Blues",
            zmin=0,
            showscale=False,
            ygap=1,
            hovertemplate="%{y}: %{z:,} events<extra></extra>",
        ),
        row=2,
        col=1,
    )
    figure.update_layout(
        template=TEMPLATE,
        bargap=0,
        height=160 + LANE_HEIGHT * len(overview.lanes) + 80,
        margin={"l": 10, "r": 10, "t": 20, "b": 40},
        dragmode="select",
        selectdirection="h",
        hoverlabel={"align": "left"},
    )
    figure.update_xaxes(type="date", showgrid=True)
    figure.update_yaxes(title={"text": "events"}, row=1, col=1)
    figure.update_yaxes(autorange="reversed", automargin=True, row=2, col=1)
    return figure


def selected_span(points: list[dict], overview: Overview) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the bins under the selected bars, or None when none is selected."""
    stamps = [pd.Timestamp(point["x"]) for point in points if point.get("x") is not None]
    if not stamps:
        return None
    found = overview.edges.searchsorted(pd.DatetimeIndex(stamps), side="right") - 1
    found = found[(found >= 0) & (found < overview.bins)]
    if len(found) == 0:
        return None
    first_day = overview.edges[found.min()].date()
    last_day = (overview.edges[found.max() + 1] - pd.Timedelta(days=1)).date()
    return first_day, last_day
