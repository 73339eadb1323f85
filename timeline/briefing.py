"""A briefing: the current view as one finished picture — title, timeline, event list, sources, as-of date.

The same `Briefing` feeds the briefing page, the image/PDF/HTML exports and the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import unquote, urlencode

import pandas as pd
import plotly.graph_objects as go

from timeline import figures, overview
from timeline.filters import Filters, describe, to_query_params
from timeline.text import escape_html
from timeline.typesetting import directional, is_right_to_left

# Pixel sizes; PDF pages take the same size at 96 dpi, so "a4" prints as A4 portrait.
SIZES = {"slide": (1920, 1080), "a4": (794, 1123)}
MAX_LABELS = 6
FONT_FAMILY = "Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, Arial, sans-serif"


@dataclass
class Briefing:
    events: pd.DataFrame  # the filtered events, in date order
    sources: pd.DataFrame  # the source registry (source_id, name, title, url, lang, published, ...)
    filters: Filters
    title: str = ""
    subtitle: str = ""
    as_of: dt.date = field(default_factory=dt.date.today)
    labelled: tuple[str, ...] | None = None  # event ids to label; None picks the key events
    size: str = "slide"
    link: str = ""  # the dashboard address that reproduces the view
    status: pd.DataFrame | None = None  # timeline.threads.policy_status of the view, drawn under the footnote

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise ValueError(f"unknown size {self.size!r}; use one of {', '.join(SIZES)}")
        self.title = self.title.strip() or default_title(self.events, self.filters)
        self.subtitle = self.subtitle.strip() or f"Filters: {describe(self.filters)}"

    @property
    def label_ids(self) -> tuple[str, ...]:
        return self.labelled if self.labelled is not None else key_events(self.events)

    def provenance_lines(self) -> list[str]:
        """What produced this view, for footnotes, file metadata and CSV header lines."""
        lines = [
            f"Policy Timeline briefing: {self.title}",
            f"Filters: {describe(self.filters)}",
            f"As of {self.as_of:%Y-%m-%d}; {len(self.events)} events",
        ]
        if self.link:
            lines.append(f"View: {self.link}")
        return lines


def too_many_events(count: int) -> str | None:
    """Why a view of `count` events cannot be briefed, or None when it can.

    A briefing draws every event, one mark each, as the timeline does up to overview.DETAIL_LIMIT.
    """
    if overview.shows_every_event(count):
        return None
    return (
        f"A briefing draws every event, and this view holds {count:,}: narrow the filters "
        f"to {overview.DETAIL_LIMIT:,} events or fewer."
    )


def key_events(events: pd.DataFrame, limit: int = MAX_LABELS) -> tuple[str, ...]:
    """The events worth a label: the best-sourced, then the most precise, then the earliest."""
    if events.empty:
        return ()
    ranked = events.assign(
        source_count=events["source_ids"].map(len),
        precise=events["date_precision"].isin(["day", "range"]),
    ).sort_values(["source_count", "precise", "date_start"], ascending=[False, False, True])
    return tuple(ranked["event_id"].head(limit))


def default_title(events: pd.DataFrame, filters: Filters) -> str:
    """A plain summary of the view, e.g. 'Liang Wenfeng, Jan–Mar 2025: 3 events, 5 actors'."""
    if filters.actors:
        subject = _join(filters.actors)
    elif filters.categories:
        subject = _join([name.replace("_", " ").capitalize() for name in filters.categories])
    elif filters.text.strip():
        subject = f'Events mentioning "{filters.text.strip()}"'
    else:
        subject = "Policy events"
    actor_count = events["actors"].explode().nunique() if len(events) else 0
    counts = f"{len(events)} event{'s' * (len(events) != 1)}, {actor_count} actor{'s' * (actor_count != 1)}"
    start, end = period(events, filters)
    return f"{subject}, {format_period(start, end)}: {counts}" if start or end else f"{subject}: {counts}"


def period(events: pd.DataFrame, filters: Filters) -> tuple[dt.date | None, dt.date | None]:
    """The span the briefing covers: the filter's dates, else the events' own span."""
    start = filters.date_from or (events["date_start"].min().date() if len(events) else None)
    end = filters.date_to or (events["date_end"].max().date() if len(events) else None)
    return start, end


def format_period(start: dt.date | None, end: dt.date | None) -> str:
    """'Jan–Mar 2025'; a range open at one end (a date filter that no event reaches) says 'from' or 'until'."""
    if start is None or end is None:
        return f"from {start:%b %Y}" if start else f"until {end:%b %Y}" if end else "all dates"
    if start.year == end.year:
        return f"{start:%b}–{end:%b %Y}" if start.month != end.month else f"{start:%b %Y}"
    return f"{start:%b %Y} – {end:%b %Y}"


def file_name(briefing: Briefing, extension: str, stem: str = "briefing") -> str:
    """What and when: briefing_2025-01-01_2025-03-31.png."""
    start, end = period(briefing.events, briefing.filters)
    span = f"_{start:%Y-%m-%d}_{end:%Y-%m-%d}" if start and end else ""
    return f"{stem}{span}.{extension.lstrip('.')}"


def view_link(base_url: str, filters: Filters, extra: dict[str, str | list[str]] | None = None, page: str = "") -> str:
    """The dashboard address that reopens this view: page path, filters and page settings."""
    params = {**to_query_params(filters), **(extra or {})}
    query = urlencode(params, doseq=True)
    return f"{base_url.rstrip('/')}/{page}{'?' + query if query else ''}"


def _join(names) -> str:
    names = list(names)
    if len(names) <= 3:
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return f"{', '.join(names[:2])} and {len(names) - 2} more"


def _title(briefing: Briefing, x: float) -> dict:
    """Title over subtitle; a right-to-left title is embedded as such and both lines aligned to the right."""
    subtitle = f"<span style='font-size:0.75em'>{escape_html(directional(briefing.subtitle))}</span>"
    title = f"<b>{escape_html(directional(briefing.title))}</b><br>{subtitle}"
    if is_right_to_left(briefing.title):
        return {"text": title, "x": 1 - x, "xanchor": "right"}
    return {"text": title, "x": x, "xanchor": "left"}


def _provenance_text(briefing: Briefing) -> str:
    """Filters, date and link for a footnote; the link decoded (Arabic stays Arabic), still a working address."""
    filters_line, as_of_line, *link_line = briefing.provenance_lines()[1:]
    return escape_html(f"{filters_line} · {as_of_line}") + "".join(
        f"<br>{escape_html(unquote(line))}" for line in link_line
    )


def _add_footnote(figure: go.Figure, text: str, y: float, shift: int = 0) -> None:
    """Small grey text under the plot; `shift` moves it down in pixels, clear of the axis labels."""
    figure.add_annotation(
        yshift=shift,
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=y,
        yanchor="top",
        xanchor="left",
        align="left",
        showarrow=False,
        font={"size": 11, "color": "#555"},
    )


def timeline_export_figure(briefing: Briefing, lanes: str) -> tuple[go.Figure, tuple[int, int]]:
    """The timeline page's chart as a file: the same lanes, with the title and provenance footnote; and its size."""
    width = SIZES["slide"][0]
    figure = figures.timeline_figure(
        briefing.events, lanes, period=period(briefing.events, briefing.filters), plot_width=width - 300
    )
    height = int(figure.layout.height) + 160
    legend = lanes != "category"  # category lanes already name the categories
    figure.update_layout(
        width=width,
        height=height,
        font={"family": FONT_FAMILY, "size": 14},
        title=_title(briefing, x=0.01),
        margin={"l": 20, "r": 20, "t": 120, "b": 130},
        showlegend=legend,
        legend={"y": 1.0, "yanchor": "bottom", "x": 1.0, "xanchor": "right"},
    )
    _add_footnote(figure, _provenance_text(briefing), y=0, shift=-50)
    return figure, (width, height)
