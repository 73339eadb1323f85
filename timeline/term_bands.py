"""Terms of office drawn as shaded bands behind an actor's lane, from the actor registry (data/actors.yaml)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from timeline.actors import default_registry
from timeline.text import escape_html

BAND_COLOUR = "rgba(120, 120, 120, 0.16)"
BAND_INSET = 0.04  # of a lane's height, top and bottom: the band fills the lane, lanes stay apart


def registry_terms() -> dict[str, dict[str, tuple[str, str]]]:
    """Each registered actor's terms of office: {actor: {label: (first day, last day)}}; actors without any left out."""
    return {actor.name: dict(actor.terms) for actor in default_registry().actors if actor.terms}


def add_term_bands(
    figure: go.Figure,
    lanes: Mapping[str, tuple[float, float]],
    span: tuple[pd.Timestamp, pd.Timestamp],
    terms: Mapping[str, Mapping[str, tuple[str, str]]] | None = None,
) -> int:
    """Shade each term of office behind its actor's lane (`lanes`: actor -> (top, bottom) on the y axis), clipped
    to `span` (the events' own dates, so the axis is not widened); return how many bands were drawn."""
    known = registry_terms() if terms is None else terms
    first, last = span
    drawn = 0
    for actor, spans in known.items():
        if actor not in lanes:
            continue
        for label, (start_text, end_text) in spans.items():
            start, end = max(pd.Timestamp(start_text), first), min(pd.Timestamp(end_text), last)
            if end < start:
                continue
            figure.add_shape(
                type="rect",
                xref="x",
                yref="y",
                x0=start,
                x1=end,
                y0=lanes[actor][0] + BAND_INSET * (lanes[actor][1] - lanes[actor][0]),
                y1=lanes[actor][1] - BAND_INSET * (lanes[actor][1] - lanes[actor][0]),
                fillcolor=BAND_COLOUR,
                line={"width": 0},
                layer="below",
                label={"text": escape_html(label), "textposition": "top left", "font": {"size": 9, "color": "#555"}},
            )
            drawn += 1
    return drawn
