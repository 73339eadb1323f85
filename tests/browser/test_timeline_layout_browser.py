"""The drawn timeline's geometry in headless Chromium: marks do not cover each other, each one
answers the pointer for its own event, and a one-day view's ticks are days."""

from __future__ import annotations

import itertools
import re

import pandas as pd
import pytest

from tests.browser.conftest import served_dashboard, wait_until_idle
from tests.conftest import make_events
from timeline.database.importing import import_frame
from timeline.store import open_seeded_store

pytestmark = pytest.mark.browser

DENSE_FROM, DENSE_TO, CROWDED_DAY = "2016-01-01", "2016-03-31", "2016-02-17"  # no bundled event falls here
OVERLAP_TOLERANCE_PX = 1.0
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}|\b(AM|PM)\b")
# Every drawn marker with its event id and its box relative to the chart's corner.
MARKERS = """() => {
  const chart = document.querySelector('.js-plotly-plot').getBoundingClientRect();
  return [...document.querySelectorAll('.js-plotly-plot .scatterlayer .trace path.point')].map(path => {
    const trace = path.closest('g.trace').__data__[0].trace;
    const box = path.getBoundingClientRect();
    return {id: trace.customdata[path.__data__.i][0], x: box.x - chart.x, y: box.y - chart.y,
            width: box.width, height: box.height};
  });
}"""
LISTEN = """() => {
  const chart = document.querySelector('.js-plotly-plot');
  chart.on('plotly_hover', event => { window.hovered = event.points.map(point => point.customdata[0]); });
  chart.on('plotly_unhover', () => { window.hovered = null; });
}"""
# What lies at a point on screen: plotly catches the pointer on its drag layer, above the marks.
ELEMENT_AT = "([x, y]) => { const e = document.elementFromPoint(x, y); return e && e.closest('.js-plotly-plot') ? e.getAttribute('class') : null; }"  # noqa: E501


def dense_events() -> pd.DataFrame:
    """200 events in three months: 20 on one day, the rest spread over the quarter, a few of them bands."""
    days = list(pd.date_range(DENSE_FROM, DENSE_TO, periods=180).normalize())
    categories = ("tariff", "export_control", "meeting", "statement")
    rows = []
    for number in range(200):
        crowded = number < 20
        start = pd.Timestamp(CROWDED_DAY) if crowded else days[number - 20]
        band = not crowded and number % 9 == 0
        end = start + pd.Timedelta(days=2) if band else start
        rows.append(
            {"event_id": f"dense-{number:03d}", "title": f"Synthetic event {number}",
             "date_start": start.date().isoformat(), "date_end": end.date().isoformat(),
             "date_precision": "range" if band else "day", "category": categories[number % len(categories)],
             "actors": (), "status": "unreviewed" if number % 7 == 0 else "accepted"}
        )  # fmt: skip
    return make_events(*rows)


@pytest.fixture
def page(browser):
    """The size the layout was reported at."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def dense_dashboard(tmp_path_factory):
    store = tmp_path_factory.mktemp("dense") / "store.sqlite"
    import_frame(open_seeded_store(f"sqlite:///{store}"), dense_events(), who="test")
    with served_dashboard(store) as url:
        yield url


def open_timeline(page, url: str) -> list[dict]:
    page.goto(url)
    wait_until_idle(page, timeout_ms=90_000)
    page.locator(".js-plotly-plot .scatterlayer path.point").first.wait_for()
    page.wait_for_timeout(500)  # plotly's drawing settles after the first marks appear
    return page.evaluate(MARKERS)


def overlapping_pairs(markers: list[dict]) -> list[tuple[str, str]]:
    found = []
    for a, b in itertools.combinations(markers, 2):
        across = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
        down = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
        if across > OVERLAP_TOLERANCE_PX and down > OVERLAP_TOLERANCE_PX:
            found.append((a["id"], b["id"]))
    return found


def unanswered_markers(page, markers: list[dict]) -> list[str]:
    """Markers at whose centre the pointer does not reach that marker's event, as a click would select it."""
    page.evaluate(LISTEN)
    missed = []
    for marker in markers:
        page.evaluate(
            "id => [...document.querySelectorAll('.js-plotly-plot .scatterlayer path.point')].find(path =>"
            " path.closest('g.trace').__data__[0].trace.customdata[path.__data__.i][0] === id)"
            ".scrollIntoView({block: 'center'})",
            marker["id"],
        )
        box = page.evaluate(
            "id => { const path = [...document.querySelectorAll('.js-plotly-plot .scatterlayer path.point')].find("
            "path => path.closest('g.trace').__data__[0].trace.customdata[path.__data__.i][0] === id);"
            " const r = path.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }",
            marker["id"],
        )
        assert page.evaluate(ELEMENT_AT, box) is not None, f"{marker['id']}: covered by something outside the chart"
        page.mouse.move(1, 1)
        page.evaluate("() => { window.hovered = null; }")
        page.mouse.move(*box)
        try:
            page.wait_for_function("() => window.hovered !== null", timeout=3_000)
        except Exception:  # noqa: BLE001 - no hover at all is a miss, reported below
            missed.append(marker["id"])
            continue
        if page.evaluate("() => window.hovered[0]") != marker["id"]:
            missed.append(marker["id"])
    return missed


def test_bundled_timeline_marks_do_not_cover_each_other(page, dashboard_url):
    markers = open_timeline(page, dashboard_url)
    assert len(markers) >= 30
    assert overlapping_pairs(markers) == []
    assert unanswered_markers(page, markers) == []


def test_a_dense_view_stacks_every_mark_apart(page, dense_dashboard):
    markers = open_timeline(page, f"{dense_dashboard}/?from={DENSE_FROM}&to={DENSE_TO}")
    ids = [marker["id"] for marker in markers]
    day_events = {f"dense-{number:03d}" for number in range(200) if number < 20 or number % 9}
    assert day_events <= set(ids)  # every day event has a marker; short bands add one more each
    assert len(ids) == len(set(ids))
    assert overlapping_pairs(markers) == []
    assert unanswered_markers(page, markers) == []


def test_a_one_day_view_has_day_ticks(page, dense_dashboard):
    markers = open_timeline(page, f"{dense_dashboard}/?from={CROWDED_DAY}&to={CROWDED_DAY}")
    crowded = {f"dense-{number:03d}" for number in range(20)}
    assert crowded <= {marker["id"] for marker in markers}  # with the marks of bands across the day
    assert overlapping_pairs(markers) == []
    ticks = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot .xtick text')].map(t => t.textContent)")
    assert ticks and not [tick for tick in ticks if TIME_OF_DAY.search(tick)]
    assert any("17 Feb" in tick for tick in ticks)
