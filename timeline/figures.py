"""Plotly figure builders: plain functions from an event frame to a Figure, testable without Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import labels, stacking
from timeline.axes import DAY_MS, TimeAxis, time_axis
from timeline.countries import country_name
from timeline.dates_display import format_interval  # re-exported: pages and exports import it from here
from timeline.palette import Style, category_styles
from timeline.term_bands import add_term_bands
from timeline.text import escape_html, isolated
from timeline.vocabulary import categories

LANE_MODES = {"category": "Category", "actor": "Actor", "country": "Country", "source": "Source"}
NO_ACTOR_LANE = "(no actor named)"
NO_COUNTRY_LANE = "(no country named)"
# An explicit template: Streamlit's default template spoils exported images.
TEMPLATE = "plotly_white"
DAY = pd.Timedelta(days=1)
SHORT_BAND_DAYS = 45
MARK_PX = 12  # marker size
MARK_EXTENT_PX = 17  # width a mark takes: plotly draws a diamond 1.3 times its size, plus the outline
MIN_GAP_PX = 3  # at least this much space between two marks of one sub-row
SUB_ROW_PX = 20  # height of a sub-row
BAND_PX = 12  # thickness of a band
LANE_PADDING = 0.3  # sub-rows of space above and below each lane's marks
# The plot's assumed width: Streamlit does not tell a figure how wide it will be drawn, so marks
# are spaced for a narrow plot and only gain room on a wider one.
PLOT_WIDTH_PX = 800
MIN_HEIGHT = 260
LEGEND_ENTRY_PX = 150  # a legend entry's width, to reserve enough legend rows above the plot
LEGEND_ROW_PX = 24
LEGEND_GREY = "#777777"
LANE_SHADE = "rgba(0, 0, 0, 0.035)"
BAND_LEGEND = "band: a span, month, season, year or undated window"
UNREVIEWED_LEGEND = "hollow mark or hatched band: unreviewed"
# Colours of charts that are not per category (counts per actor, per bin).
PALETTE = ("#0072B2",)


def category_label(category: str) -> str:
    return labels.category(category)


def lane_rows(events: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One row per (event, lane): per category, or per actor (an event with three actors in three lanes)."""
    if lanes == "category":
        return events.assign(lane=events["category"].astype("str").map(category_label))
    if lanes == "actor":
        named = events.assign(lane=events["actors"].map(lambda names: list(names) or [NO_ACTOR_LANE]))
        return named.explode("lane").reset_index(drop=True)
    if lanes == "country":
        named = events.assign(
            lane=events["countries"].map(lambda codes: [country_name(code) for code in codes] or [NO_COUNTRY_LANE])
        )
        return named.explode("lane").reset_index(drop=True)
    if lanes == "source":  # the primary source's outlet
        return events.assign(lane=events["source_name"].astype("str"))
    raise ValueError(f"unknown lane mode {lanes!r}; use one of {', '.join(LANE_MODES)}")


def lane_order(rows: pd.DataFrame, lanes: str) -> list[str]:
    """Lanes top to bottom: categories in vocabulary order, actors, countries and sources busiest first."""
    present = set(rows["lane"])
    if lanes == "category":
        return [category_label(name) for name in categories().values if category_label(name) in present]
    counts = rows["lane"].value_counts()
    return sorted(present, key=lambda lane: (lane in (NO_ACTOR_LANE, NO_COUNTRY_LANE), -counts[lane], lane))


def hover_data(rows: pd.DataFrame) -> list[list[str]]:
    """custom_data per row: event_id first (selections map back through it), then hover fields."""
    return [
        [
            event_id,
            isolated(escape_html(title)),
            isolated(escape_html(date_text)),
            format_interval(start, end, precision) + f" ({labels.precision(precision).lower()})",
            escape_html(", ".join(actors) or "none named"),
            isolated(escape_html(source)),
            labels.status(status).lower(),
        ]
        for event_id, title, date_text, start, end, precision, actors, source, status in zip(
            rows["event_id"],
            rows["title"],
            rows["date_text"],
            rows["date_start"],
            rows["date_end"],
            rows["date_precision"].astype("str"),
            rows["actors"],
            rows["source_name"].astype("str"),
            rows["status"].astype("str"),
            strict=True,
        )
    ]


HOVER_TEMPLATE = (
    "<b>%{customdata[1]}</b><br>%{customdata[3]}<br>as written: %{customdata[2]}"
    "<br>actors: %{customdata[4]}<br>source: %{customdata[5]} · %{customdata[6]}<extra></extra>"
)


def _unreviewed(rows: pd.DataFrame) -> np.ndarray:
    return (rows["status"] != "accepted").to_numpy()


def _marker(style: Style, unreviewed: bool) -> dict:
    """The category's symbol: filled when an analyst has reviewed the event, hollow in its colour when not."""
    if unreviewed:
        return {"color": style.colour, "size": MARK_PX, "symbol": style.symbol + "-open", "line": {"width": 2}}
    return {"color": style.colour, "size": MARK_PX, "symbol": style.symbol, "line": {"color": "white", "width": 1.5}}


def _add_marks(figure: go.Figure, rows: pd.DataFrame, style: Style, common: dict, unreviewed: bool) -> None:
    """Bands, the marks in short bands' middles, and day marks of one category and review state.

    One review state per trace keeps every marker setting a single value: per-point lists are
    checked one value at a time by plotly and cost seconds on large views.
    """
    is_day = (rows["date_precision"] == "day").to_numpy()
    bands, days = rows[~is_day], rows[is_day]
    if len(bands):
        spans_ms = ((bands["date_end"] - bands["date_start"]).dt.days + 1) * DAY_MS
        figure.add_trace(
            go.Bar(
                **common,
                orientation="h",
                base=bands["date_start"],
                x=spans_ms,
                y=bands["y"],
                customdata=hover_data(bands),
                hovertemplate=HOVER_TEMPLATE,
                marker={
                    "color": style.colour,
                    "opacity": 0.45,
                    "line": {"color": style.colour, "width": 1.5},
                    # Hatching for bands a machine found and no analyst has checked.
                    **({"pattern": {"shape": "/"}} if unreviewed else {}),
                },
                width=BAND_PX / SUB_ROW_PX,
            )
        )
        # A two-day summit is a hairline on a multi-year axis: a mark keeps it findable.
        days = pd.concat([bands[spans_ms.to_numpy() <= SHORT_BAND_DAYS * DAY_MS], days])
    if len(days):
        figure.add_trace(
            go.Scatter(
                **common,
                mode="markers",
                x=days["middle"],
                y=days["y"],
                customdata=hover_data(days),
                hovertemplate=HOVER_TEMPLATE,
                marker=_marker(style, unreviewed),
            )
        )


def view_days(rows: pd.DataFrame, period: tuple | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day shown: the filter's dates where given, else the events' own extent."""
    first, last = period or (None, None)
    first = pd.Timestamp(first) if first is not None else rows["date_start"].min()
    last = pd.Timestamp(last) if last is not None else rows["date_end"].max()
    if pd.isna(first) or pd.isna(last):
        today = pd.Timestamp.today().normalize()
        first, last = (today if pd.isna(first) else first), (today if pd.isna(last) else last)
    return (first, last) if first <= last else (last, first)


def place_marks(rows: pd.DataFrame, order: list[str], axis: TimeAxis, plot_width: float) -> tuple[pd.DataFrame, dict]:
    """Each row's y (in sub-row units, top = 0) so that no two marks of a lane overlap, and the lanes' extents.

    A day event is a marker at the middle of its day; a band covers its days, and at least a
    marker's width around its middle (short bands carry a marker there).
    """
    ms_per_px = axis.milliseconds / plot_width
    start = rows["date_start"].to_numpy("datetime64[ms]").astype(np.int64).astype(float)
    end = (rows["date_end"] + DAY).to_numpy("datetime64[ms]").astype(np.int64).astype(float)
    is_day = (rows["date_precision"] == "day").to_numpy()
    middle = np.where(is_day, start + DAY_MS / 2, (start + end) / 2)
    reach = MARK_EXTENT_PX / 2 * ms_per_px
    left = np.where(is_day, middle - reach, np.minimum(start, middle - reach))
    right = np.where(is_day, middle + reach, np.maximum(end, middle + reach))
    lane_codes = pd.Categorical(rows["lane"], categories=order).codes.astype(np.int64)
    sub_row = stacking.sub_rows(lane_codes, left / ms_per_px, right / ms_per_px, MIN_GAP_PX)
    depth = np.zeros(len(order), dtype=np.int64)
    np.maximum.at(depth, lane_codes, sub_row + 1)
    heights = depth + 2 * LANE_PADDING
    tops = np.concatenate([[0.0], np.cumsum(heights)[:-1]])
    y = tops[lane_codes] + LANE_PADDING + sub_row + 0.5
    lanes = {"names": order, "tops": tops, "heights": heights}
    return rows.assign(y=y, middle=pd.to_datetime(middle, unit="ms")), lanes


def _legend_entries(figure: go.Figure, shown: list[str], styles: dict[str, Style], bands: bool, unreviewed: bool):
    """One entry per category with the symbol the chart draws, and entries for bands and hollow marks."""
    for category in shown:
        style = styles[category]
        figure.add_trace(
            go.Scatter(
                name=category_label(category),
                legendgroup=category,
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": style.colour, "size": MARK_PX, "symbol": style.symbol},
                hoverinfo="skip",
            )
        )
    if bands:
        # A thick line is drawn in the legend as a short bar: the shape of a band, not a square.
        figure.add_trace(
            go.Scatter(
                name=BAND_LEGEND,
                legendgroup="explained",
                x=[None],
                y=[None],
                mode="lines",
                line={"color": LEGEND_GREY, "width": 8},
                hoverinfo="skip",
            )
        )
    if unreviewed:
        figure.add_trace(
            go.Scatter(
                name=UNREVIEWED_LEGEND,
                legendgroup="explained",
                x=[None],
                y=[None],
                mode="markers",
                marker={"color": LEGEND_GREY, "size": MARK_PX, "symbol": "circle-open", "line": {"width": 2}},
                hoverinfo="skip",
            )
        )


def timeline_figure(
    events: pd.DataFrame,
    lanes: str = "category",
    title: str | None = None,
    *,
    period: tuple | None = None,
    plot_width: float = PLOT_WIDTH_PX,
) -> go.Figure:
    """The timeline: a marker for an exact day, a band across the interval for anything less precise.

    Marks of a lane that would overlap at `plot_width` pixels go to sub-rows of their own.
    `period` (first day, last day; either may be None) sets the dates shown, e.g. the filter's.
    """
    rows = lane_rows(events, lanes)
    order = lane_order(rows, lanes) if len(rows) else []
    axis = time_axis(*view_days(rows, period))
    styles = category_styles()
    figure = go.Figure()
    rows, lane_extents = place_marks(rows, order, axis, plot_width)
    shown = [category for category in styles if (rows["category"] == category).any()]
    _legend_entries(figure, shown, styles, bands=bool((rows["date_precision"] != "day").any()),
                    unreviewed=bool(_unreviewed(rows).any()))  # fmt: skip
    for category in shown:
        in_category = rows[rows["category"] == category]
        unreviewed = _unreviewed(in_category)
        common = {"legendgroup": category, "showlegend": False, "name": category_label(category)}
        for state in (False, True):
            if (unreviewed == state).any():
                _add_marks(figure, in_category[unreviewed == state], styles[category], common, state)
    total = float(lane_extents["heights"].sum()) if len(order) else 1.0
    legend_rows = -(-(len(shown) + 2) * LEGEND_ENTRY_PX // max(plot_width, 1))
    top = (60 if title else 20) + LEGEND_ROW_PX * legend_rows
    figure.update_layout(
        template=TEMPLATE,
        title={"text": escape_html(title)} if title else None,
        barmode="overlay",
        height=int(max(MIN_HEIGHT, SUB_ROW_PX * total + top + 60)),
        margin={"l": 10, "r": 10, "t": top, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "itemclick": "toggle"},
        hoverlabel={"align": "left"},
        dragmode="zoom",
        xaxis={**axis.layout(), "showgrid": True},
        yaxis={
            "range": [total, 0],
            "fixedrange": True,
            "tickmode": "array",
            "tickvals": (lane_extents["tops"] + lane_extents["heights"] / 2).tolist() if len(order) else [],
            "ticktext": [escape_html(lane) for lane in order],
            "showgrid": False,
            "zeroline": False,
            "title": None,
            "automargin": True,
        },
        shapes=[
            {"type": "rect", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": top_y, "y1": top_y + height,
             "fillcolor": LANE_SHADE, "line": {"width": 0}, "layer": "below"}
            for top_y, height in zip(lane_extents["tops"][1::2], lane_extents["heights"][1::2], strict=True)
        ] if len(order) else [],
    )  # fmt: skip
    if lanes == "actor" and len(rows):
        extents = zip(order, lane_extents["tops"], lane_extents["heights"], strict=True)
        spans = {lane: (float(top), float(top + height)) for lane, top, height in extents}
        add_term_bands(figure, spans, (rows["date_start"].min(), rows["date_end"].max()))
    return figure


def event_y(figure: go.Figure, event_id: str) -> float | None:
    """Where the timeline drew an event (its first mark's y), for labels placed on it."""
    for trace in figure.data:
        custom, ys = getattr(trace, "customdata", None), getattr(trace, "y", None)
        if custom is None or ys is None:
            continue
        for row, y in zip(custom, ys, strict=True):
            if row[0] == event_id:
                return float(y)
    return None


def bar_figure(counts: pd.Series, title: str, axis_title: str) -> go.Figure:
    """Horizontal bars of counts, largest on top (the actors and sources pages)."""
    ordered = counts.sort_values(ascending=True)
    figure = go.Figure(
        go.Bar(
            x=ordered.tolist(),
            y=[escape_html(label) for label in ordered.index],
            orientation="h",
            marker={"color": PALETTE[0]},
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        title={"text": escape_html(title)},
        height=max(260, 26 * len(ordered) + 120),
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"title": axis_title, "dtick": 1 if len(ordered) and ordered.max() <= 10 else None},
        yaxis={"automargin": True},
    )
    return figure
