"""The briefing's layout measured in Chromium, on the page and in exported files: boxes, not pixels.

On the bundled data (the default briefing) and on a crowded synthetic view: no label box overlaps another
label, a marker or a lane name; the list's last line is inside the frame; `clean=1` is 1920×1080 in a
narrower window; the PNG has its exact size at 2×; an Arabic title reads from the right.
"""

import io
import itertools

import pytest
from PIL import Image

from tests.browser.conftest import wait_until_idle
from tests.conftest import SOURCES, dense_events
from timeline.briefing import Briefing
from timeline.briefing_layout import FRAMES, briefing_figure, events_table_box
from timeline.filters import Filters
from timeline.images import render

pytestmark = pytest.mark.browser
LABEL_KINDS = ("beside", "leader", "callout")
ARABIC_TITLE = "قمة باريس (AI Action Summit) في 10–11 فبراير 2025"

# Boxes of the drawn labels (given their annotation indices), markers, bands, lane names and the list's last
# line, read from the DOM of a plotly figure: the page's chart or an exported SVG opened in Chromium.
GEOMETRY = """(labelIndices) => {
  const box = (element) => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const labels = [...document.querySelectorAll('g.annotation')]
    .filter((group) => labelIndices.includes(Number(group.getAttribute('data-index'))))
    .map((group) => box(group.querySelector('rect.bg')));
  const marks = [...document.querySelectorAll('.scatterlayer .point, .barlayer .point')].map(box);
  const lanes = [...document.querySelectorAll('.ytick text')].map(box);
  const more = [...document.querySelectorAll('.table text')].filter((text) => text.textContent.includes('more events'));
  const frame = box(document.querySelector('svg.main-svg'));
  return {labels, marks, lanes, more: more.map(box), frame};
}"""


def overlap(first, second, tolerance=0.5) -> bool:
    return (
        first[0] < second[2] - tolerance
        and second[0] < first[2] - tolerance
        and first[1] < second[3] - tolerance
        and second[1] < first[3] - tolerance
    )


def assert_clear_layout(geometry, label_count, table_bottom):
    labels, marks, lanes = geometry["labels"], geometry["marks"], geometry["lanes"]
    assert len(labels) == label_count and len(marks) > 0 and len(lanes) > 0
    for label in labels:
        assert not [mark for mark in marks if overlap(label, mark)], label
        assert not [lane for lane in lanes if overlap(label, lane)], label
    for first, second in itertools.combinations(labels, 2):
        assert not overlap(first, second), (first, second)
    frame = geometry["frame"]
    [more] = geometry["more"]
    assert frame[1] < more[1] and more[3] <= frame[1] + table_bottom <= frame[3]


def label_indices(figure) -> list[int]:
    return [index for index, item in enumerate(figure.layout.annotations) if item.name.startswith(LABEL_KINDS)]


def test_default_briefing_clean_is_1920_by_1080_in_a_narrower_window_and_nothing_collides(browser, dashboard_url):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    page.goto(dashboard_url + "/briefing?clean=1")
    wait_until_idle(page, 90_000)
    chart = page.locator(".js-plotly-plot").first
    chart.locator("g.annotation").first.wait_for()
    page.wait_for_timeout(500)
    box = chart.bounding_box()
    assert (box["x"], box["width"], box["height"]) == (0, 1920, 1080)
    indices = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').layout.annotations"
        ".map((item, index) => [item.name || '', index])"
        ".filter(([name]) => /^(beside|leader|callout) /.test(name)).map(([, index]) => index)"
    )
    assert len(indices) == 6  # the six key events of the bundled data
    geometry = page.evaluate(GEOMETRY, indices)
    assert_clear_layout(geometry, 6, events_table_box(FRAMES["slide"]).bottom)
    context.close()


@pytest.mark.parametrize("size", ["slide", "a4"])
def test_dense_view_exports_keep_labels_clear_and_their_exact_size(browser, tmp_path, size):
    crowded = dense_events()
    briefing = Briefing(crowded, SOURCES, Filters(), size=size, labelled=tuple(crowded["event_id"].iloc[::8]))
    figure = briefing_figure(briefing)
    frame = FRAMES[size]
    svg = tmp_path / "dense.svg"
    svg.write_bytes(render(figure, "svg", briefing.provenance_lines(), frame.width, frame.height))
    page = browser.new_page(viewport={"width": frame.width, "height": frame.height})
    page.goto(svg.as_uri())
    indices = label_indices(figure)
    drawn = [item for item in figure.layout.annotations if item.name.startswith(LABEL_KINDS)]
    assert {item.name.split()[0] for item in drawn} >= {"beside", "leader", "callout"}
    # 25 labels asked for in this crowd: the few with no room anywhere are named in the footnote, not drawn over.
    footnote = next(item.text for item in figure.layout.annotations if item.name == "footnote")
    assert len(drawn) >= 20 and (len(drawn) == 25) == ("No room on the timeline" not in footnote)
    assert_clear_layout(page.evaluate(GEOMETRY, indices), len(indices), events_table_box(frame).bottom)
    page.close()
    png = render(figure, "png", briefing.provenance_lines(), frame.width, frame.height)
    assert Image.open(io.BytesIO(png)).size == (2 * frame.width, 2 * frame.height)


def test_arabic_title_reads_from_the_right_in_the_svg(browser, events, tmp_path):
    briefing = Briefing(events, SOURCES, Filters(), title=ARABIC_TITLE)
    svg = tmp_path / "arabic.svg"
    svg.write_bytes(render(briefing_figure(briefing), "svg", briefing.provenance_lines(), 1920, 1080))
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(svg.as_uri())
    # Each word's horizontal extent from the glyph positions Chromium gives the title's letters and digits.
    words = page.evaluate(
        """() => {
          const title = document.querySelector('text.gtitle');
          const text = title.textContent, words = [];
          let current = null;
          for (let index = 0; index < title.getNumberOfChars(); index++) {
            const character = text[index];
            if (/[\\s\\u202a-\\u202e]/.test(character)) { current = null; continue; }
            const extent = title.getExtentOfChar(index);
            if (!current) { current = {word: '', left: Infinity, right: -Infinity}; words.push(current); }
            current.word += character;
            if (!/[\\p{L}\\p{N}]/u.test(character)) continue;  // brackets are mirrored to the run's far side
            current.left = Math.min(current.left, extent.x);
            current.right = Math.max(current.right, extent.x + extent.width);
          }
          return words;
        }"""
    )
    assert [word["word"] for word in words] == ARABIC_TITLE.split()
    first, *others = words
    assert all(first["left"] >= other["right"] - 0.5 for other in others)
    assert first["right"] == pytest.approx(1920 - FRAMES["slide"].margin, abs=2)  # right-aligned
    # The Latin words in the middle keep their own order, left to right.
    latin = [word for word in words if word["word"].strip("()") in ("AI", "Action", "Summit")]
    assert [word["left"] for word in latin] == sorted(word["left"] for word in latin)
    page.close()
