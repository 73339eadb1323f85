"""Arabic typed or stored in a text box reads and aligns right to left in a real browser; English stays left."""

import io

import pytest
from PIL import Image

from tests.browser.conftest import wait_until_idle

pytestmark = pytest.mark.browser


def ink_centre(page, label: str) -> float:
    """Where the text in the box labelled `label` sits, from 0 (left edge) to 1 (right edge), by its dark pixels."""
    box = page.get_by_label(label, exact=True)
    shot = Image.open(io.BytesIO(box.screenshot())).convert("L")
    dark = [x for x in range(shot.width) for y in range(shot.height) if shot.getpixel((x, y)) < 110]
    assert dark, f"no text drawn in {label!r}"
    return sum(dark) / len(dark) / shot.width


def test_arabic_in_edit_boxes_is_right_aligned(page, dashboard_url):
    # By hand from data/events.yaml: this event's date as written is «في 17 فبراير».
    page.goto(f"{dashboard_url}/edit?event=xi-private-enterprise-symposium")
    wait_until_idle(page, 180_000)
    assert page.get_by_label("Date as written", exact=True).input_value() == "في 17 فبراير"
    assert ink_centre(page, "Date as written") > 0.75
    assert ink_centre(page, "Quote") > 0.6  # one line of Arabic, starting at the right
    assert ink_centre(page, "Title") < 0.5  # English keeps to the left
