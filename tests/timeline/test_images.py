"""Static exports through kaleido and Debian's Chromium: real files, opened and checked."""

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import SOURCES, make_events, needs_chromium
from timeline.briefing import SIZES, Briefing
from timeline.briefing_layout import briefing_figure
from timeline.filters import Filters
from timeline.images import render

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def briefing():
    events = make_events(
        {
            "event_id": "symposium",
            "title": "شي جين بينج يلتقي رواد الأعمال",
            "date_start": "2025-02-17",
            "date_end": "2025-02-17",
            "date_precision": "day",
            "category": "meeting",
            "actors": ("Xi Jinping",),
        }
    )
    return Briefing(events, SOURCES, Filters(actors=("Xi Jinping",)), title="الذكاء الاصطناعي 人工智能 briefing")


def test_png_is_twice_the_size_non_blank_and_carries_the_filters(briefing):
    payload = render(briefing_figure(briefing), "png", briefing.provenance_lines(), *SIZES["slide"])
    image = Image.open(io.BytesIO(payload))
    assert image.size == (3840, 2160)
    colours = image.convert("L").getextrema()
    assert colours[0] < 100 < colours[1]  # dark text on a light page, not a blank canvas
    assert "Filters: actors: Xi Jinping" in image.text["Description"]


def test_svg_holds_the_title_text_and_metadata(briefing):
    payload = render(briefing_figure(briefing), "svg", briefing.provenance_lines(), *SIZES["slide"]).decode()
    assert "الذكاء الاصطناعي 人工智能 briefing" in payload
    assert "<desc>Policy Timeline briefing" in payload


def test_svg_carries_its_fonts(briefing):
    payload = render(briefing_figure(briefing), "svg", briefing.provenance_lines(), *SIZES["slide"]).decode()
    families = set(re.findall(r"@font-face\{font-family:'([^']+)';font-weight:\d+;src:url\(data:font/", payload))
    assert families == {"Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC"}


def test_pdf_embeds_its_fonts(briefing):
    payload = render(briefing_figure(briefing), "pdf", briefing.provenance_lines(), *SIZES["a4"])
    embedded = set()
    for font in PdfReader(io.BytesIO(payload)).pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            if {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                embedded.add(str(descriptor["/FontName"]).split("+")[-1])
    assert {"NotoSans-Regular", "NotoSansArabic-Regular"} <= embedded


def test_a4_png_is_a4_at_twice_the_size(briefing):
    a4 = Briefing(briefing.events, SOURCES, briefing.filters, title=briefing.title, size="a4")
    payload = render(briefing_figure(a4), "png", a4.provenance_lines(), *SIZES["a4"])
    assert Image.open(io.BytesIO(payload)).size == (2 * 794, 2 * 1123)


def test_pdf_is_one_page_with_metadata(briefing):
    payload = render(briefing_figure(briefing), "pdf", briefing.provenance_lines(), *SIZES["a4"])
    reader = PdfReader(io.BytesIO(payload))
    assert len(reader.pages) == 1
    assert "Filters: actors: Xi Jinping" in reader.metadata["/Subject"]


def test_html_works_offline(briefing):
    payload = render(briefing_figure(briefing), "html", briefing.provenance_lines(), *SIZES["slide"]).decode()
    assert "<script" in payload and 'src="https://cdn.plot.ly' not in payload
    assert "Filters: actors: Xi Jinping" in payload
    assert len(payload) > 1_000_000  # plotly.js itself is embedded


def test_unknown_format_is_refused(briefing):
    with pytest.raises(ValueError, match="unknown format"):
        render(briefing_figure(briefing), "gif", briefing.provenance_lines(), 100, 100)
