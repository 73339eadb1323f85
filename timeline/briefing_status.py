"""The "Policy status" table (thread, current stage, since when, next known date) drawn into a briefing picture.

The page shows the table beside the chart; exported pictures (PNG, SVG, PDF, HTML) and `brief` carry
it as a block of lines under the footnote, in a band the bottom margin grows by.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from timeline.text import escape_html

MAX_THREADS = 5  # lines drawn; the rest are counted ("… and 3 more threads")
LINE_PIXELS = 17
FONT_SIZE = 12


def status_lines(status: pd.DataFrame, limit: int = MAX_THREADS) -> list[str]:
    """One plain line per thread: 'Thread — in force since 1 Aug 2023; next: suspended on 9 Nov 2025'."""
    lines = []
    for row in status.head(limit).itertuples(index=False):
        thread, stage, since, following = row
        words = f"{thread} — {stage}" + (f" since {since}" if since else "")
        lines.append(words + ("" if following == "none known" else f"; next known date: {following}"))
    if len(status) > limit:
        lines.append(f"… and {len(status) - limit} more threads")
    return lines


def add_policy_status(figure: go.Figure, status: pd.DataFrame | None) -> None:
    """Draw `status` (timeline.threads.policy_status) under the figure's footnote; nothing when it is empty."""
    if status is None or status.empty:
        return
    lines = status_lines(status)
    height = figure.layout.height
    top, bottom = figure.layout.margin.t or 0, figure.layout.margin.b or 0
    band = LINE_PIXELS * (len(lines) + 1) + 8
    figure.update_layout(margin_b=bottom + band)
    plot_height = height - top - bottom - band
    figure.add_annotation(
        text="<b>Policy status</b><br>" + "<br>".join(escape_html(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=-bottom / plot_height,  # the band starts where the old margin, and its footnote, ended
        yanchor="top",
        xanchor="left",
        align="left",
        showarrow=False,
        font={"size": FONT_SIZE, "color": "#333"},
    )
