"""Plotly figure builders: plain functions from an event frame to a Figure, testable without Streamlit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline import labels
from timeline.dates_display import format_interval  # re-exported: pages and exports import it from here
from timeline.text import escape_html, isolated
from timeline.vocabulary import categories

LANE_MODES = {"category": "Category", "actor": "Actor"}
NO_ACTOR_LANE = "(no actor named)"
# An explicit template: Streamlit's default template spoils exported images.
TEMPLATE = "plotly_white"
DAY_MS = 86_400_000
LANE_HEIGHT = 34
SHORT_BAND_DAYS = 45
# Distinct, print-safe colours; indexed by the vocabulary's order so a category keeps its colour
# whatever the filters leave on screen.
PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd",
)  # fmt: skip


def category_colours() -> dict[str, str]:
    return {name: PALETTE[index % len(PALETTE)] for index, name in enumerate(categories().values)}


def category_label(category: str) -> str:
    return labels.category(category)


def lane_rows(events: pd.DataFrame, lanes: str) -> pd.DataFrame:
    """One row per (event, lane): per category, or per actor (an event with three actors in three lanes)."""
    if lanes == "category":
        return events.assign(lane=events["category"].astype("str").map(category_label))
    if lanes == "actor":
        named = events.assign(lane=events["actors"].map(lambda names: list(names) or [NO_ACTOR_LANE]))
        return named.explode("lane").reset_index(drop=True)
    raise ValueError(f"unknown lane mode {lanes!r}; use one of {', '.join(LANE_MODES)}")


def lane_order(rows: pd.DataFrame, lanes: str) -> list[str]:
    """Lanes top to bottom: categories in vocabulary order, actors busiest first."""
    present = set(rows["lane"])
    if lanes == "category":
        return [category_label(name) for name in categories().values if category_label(name) in present]
    counts = rows["lane"].value_counts()
    return sorted(present, key=lambda lane: (lane == NO_ACTOR_LANE, -counts[lane], lane))


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


def _unreviewed_bands(bands: pd.DataFrame) -> dict:
    """Hatching for bands a machine found and no analyst has checked; nothing when all are reviewed."""
    unreviewed = _unreviewed(bands)
    return {"pattern": {"shape": np.where(unreviewed, "/", "").tolist()}} if unreviewed.any() else {}


def _unreviewed_days(days: pd.DataFrame) -> dict:
    """Hollow markers for unreviewed day events; nothing when all are reviewed."""
    unreviewed = _unreviewed(days)
    if not unreviewed.any():
        return {}
    return {"symbol": np.where(unreviewed, "circle-open", "circle").tolist(), "line": {"color": "white", "width": 1.5}}


def timeline_figure(events: pd.DataFrame, lanes: str = "category", title: str | None = None) -> go.Figure:
    """The timeline: a marker for an exact day, a band across the interval for anything less precise."""
    rows = lane_rows(events, lanes)
    order = lane_order(rows, lanes) if len(rows) else []
    colours = category_colours()
    figure = go.Figure()
    for category in categories().values:
        in_category = rows[rows["category"] == category]
        if in_category.empty:
            continue
        colour = colours[category]
        is_day = (in_category["date_precision"] == "day").to_numpy()
        bands, days = in_category[~is_day], in_category[is_day]
        if len(bands):
            spans_ms = ((bands["date_end"] - bands["date_start"]).dt.days + 1) * DAY_MS
            figure.add_trace(
                go.Bar(
                    name=category_label(category),
                    legendgroup=category,
                    orientation="h",
                    base=bands["date_start"],
                    x=spans_ms,
                    y=bands["lane"],
                    customdata=hover_data(bands),
                    hovertemplate=HOVER_TEMPLATE,
                    marker={
                        "color": colour,
                        "opacity": 0.45,
                        "line": {"color": colour, "width": 1.5},
                        **_unreviewed_bands(bands),
                    },
                    width=0.55,
                )
            )
            short = bands[spans_ms.to_numpy() <= SHORT_BAND_DAYS * DAY_MS]
            if len(short):
                # A two-day summit is a hairline on a multi-year axis: a hollow mark keeps it findable.
                middles = short["date_start"] + (short["date_end"] - short["date_start"]) / 2
                figure.add_trace(
                    go.Scatter(
                        name=category_label(category),
                        legendgroup=category,
                        showlegend=False,
                        mode="markers",
                        x=middles,
                        y=short["lane"],
                        customdata=hover_data(short),
                        hovertemplate=HOVER_TEMPLATE,
                        marker={"color": colour, "size": 10, "symbol": "diamond-open", "line": {"width": 2}},
                    )
                )
        if len(days):
            figure.add_trace(
                go.Scatter(
                    name=category_label(category),
                    legendgroup=category,
                    showlegend=bands.empty,
                    mode="markers",
                    x=days["date_start"],
                    y=days["lane"],
                    customdata=hover_data(days),
                    hovertemplate=HOVER_TEMPLATE,
                    marker={
                        "color": colour,
                        "size": 12,
                        "line": {"color": "white", "width": 1.5},
                        **_unreviewed_days(days),
                    },
                )
            )
    figure.update_layout(
        template=TEMPLATE,
        title={"text": escape_html(title)} if title else None,
        barmode="overlay",
        height=max(320, LANE_HEIGHT * len(order) + 160),
        margin={"l": 10, "r": 10, "t": 60 if title else 30, "b": 40},
        legend={"title": {"text": "Category"}, "orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"align": "left"},
        dragmode="zoom",
        xaxis={"type": "date", "showgrid": True},
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(order)),
            "title": None,
            "automargin": True,
        },
    )
    return figure


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
