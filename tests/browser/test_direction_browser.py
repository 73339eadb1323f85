"""Arabic typed or stored in a text box reads and aligns right to left in a real browser; English stays left."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import wait_until_idle

pytestmark = pytest.mark.browser


def ink_centre(page, label: str) -> float:
    """Where the last line of text in the box labelled `label` sits, from 0 (left edge) to 1 (right edge).

    The last line, because a wrapped paragraph fills the width whatever its alignment; its last line does not.
    """
    box = page.get_by_label(label, exact=True)
    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    dark = [(x, y) for x in range(shot.width) for y in range(shot.height) if shot.getpixel((x, y)) < 110]
    assert dark, f"no text drawn in {label!r}"
    rows = sorted({y for _, y in dark})
    last_line_top = rows[-1]
    while last_line_top - 1 in rows:  # up through the last line's ink, to the blank gap above it
        last_line_top -= 1
    last_line = [x for x, y in dark if y >= last_line_top]
    return sum(last_line) / len(last_line) / shot.width


def test_arabic_in_edit_boxes_is_right_aligned(page, dashboard_url):
    # By hand from data/events.yaml: this event's date as written is «في 17 فبراير».
    page.goto(f"{dashboard_url}/edit?event=xi-private-enterprise-symposium")
    wait_until_idle(page, 180_000)
    # The form is filled on the page's second run, once the event from the address is chosen.
    expect(page.get_by_label("Date as written", exact=True)).to_have_value("في 17 فبراير", timeout=30_000)
    assert ink_centre(page, "Date as written") > 0.75
    assert ink_centre(page, "Quote") > 0.6  # Arabic wrapped: its last line ends at the right
    assert ink_centre(page, "Title") < 0.5  # English keeps to the left
