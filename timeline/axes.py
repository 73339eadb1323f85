"""The time axis for a view: range padding, tick spacing and tick labels chosen from the span shown.

Plotly picks ticks from the pixel range alone, so a view of one day gets hours and milliseconds
("23:59:59.999"). Events here are dated to the day at best, so ticks are days, weeks, months or
years, and a label never shows a time of day.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DAY = pd.Timedelta(days=1)
DAY_MS = 86_400_000
MONDAY = "1970-01-05"  # weekly ticks fall on Mondays
# Years between ticks on a long axis, the smallest that keeps at most MAX_YEAR_TICKS ticks.
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
MAX_YEAR_TICKS = 15
PAD_SHARE = 0.03  # of the span, on each side, so edge markers are drawn whole


@dataclass(frozen=True)
class TimeAxis:
    """A date axis from `start` to `end` with a tick every `dtick` (milliseconds, or plotly's "M<months>")."""

    start: pd.Timestamp
    end: pd.Timestamp
    dtick: int | str
    tickformat: str
    tick0: str
    period_labels: bool  # label each tick period in its middle (a day, a month) rather than at its start

    def layout(self) -> dict:
        """The plotly xaxis settings."""
        return {
            "type": "date",
            "range": [self.start.isoformat(), self.end.isoformat()],
            "tickmode": "linear",
            "dtick": self.dtick,
            "tick0": self.tick0,
            "tickformat": self.tickformat,
            "ticklabelmode": "period" if self.period_labels else "instant",
            "hoverformat": "%-d %b %Y",
        }

    @property
    def milliseconds(self) -> float:
        return (self.end - self.start) / pd.Timedelta(milliseconds=1)


def time_axis(first_day: pd.Timestamp, last_day: pd.Timestamp) -> TimeAxis:
    """The axis for a view whose events run from the start of `first_day` to the end of `last_day`."""
    first_day, last_day = pd.Timestamp(first_day).normalize(), pd.Timestamp(last_day).normalize()
    if last_day < first_day:
        raise ValueError(f"the view ends ({last_day:%Y-%m-%d}) before it starts ({first_day:%Y-%m-%d})")
    days = (last_day - first_day).days + 1
    if days == 1:
        # The day between its neighbours, each labelled in its middle.
        return TimeAxis(first_day - DAY, last_day + 2 * DAY, DAY_MS, "%-d %b %Y", first_day.isoformat(), True)
    padding = max(DAY, pd.Timedelta(days=days * PAD_SHARE)).round("D")
    start, end = first_day - padding, last_day + DAY + padding
    if days <= 12:
        return TimeAxis(start, end, DAY_MS, "%-d %b<br>%Y", first_day.isoformat(), True)
    if days <= 70:
        return TimeAxis(start, end, 7 * DAY_MS, "%-d %b<br>%Y", MONDAY, False)
    if days <= 550:
        return TimeAxis(start, end, "M1", "%b<br>%Y", "2000-01-01", True)
    if days <= 4 * 366:
        return TimeAxis(start, end, "M3", "%b<br>%Y", "2000-01-01", True)
    years = (end.year - start.year) + 1
    step = next((step for step in YEAR_STEPS if years / step <= MAX_YEAR_TICKS), YEAR_STEPS[-1])
    return TimeAxis(start, end, f"M{12 * step}", "%Y", "2000-01-01", step == 1)
